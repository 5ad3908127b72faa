"""The forum: categories, threads, posts and everything around them.

Plain Django models (not Wagtail pages): members write at a rate that page
revisions and workflows are not made for. The rules live here: counters are
kept in Thread methods, moderation actions log themselves, posts render
their Markdown when saved.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from home.cache import invalidate_for_model

from . import markdown

POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 30


def language_neutral(path):
    """/en/members/sam/ -> /members/sam/: stored HTML must not pin a language;
    the locale middleware sends an unprefixed path to the reader's language."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def public_change():
    """Rows changed with QuerySet.update() send no post_save signal: tell the
    anonymous page cache (home.cache) that what visitors see has changed."""
    transaction.on_commit(lambda: invalidate_for_model(Post))


def profile_path(username):
    with translation.override(settings.LANGUAGE_CODE):
        return language_neutral(reverse("accounts:profile", kwargs={"username": username}))


def render_markdown(source):
    """Render a post body, linking @mentions of existing, active members."""
    candidates = markdown.candidate_mentions(source)
    known = {}
    if candidates:
        names = get_user_model().objects.filter(username__in=candidates, is_active=True)
        known = {name: profile_path(name) for name in names.values_list("username", flat=True)}
    return markdown.render(source, known)


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in the web address."))
    description = models.TextField(_("description"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("order")]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80] or "category"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:category", kwargs={"slug": self.slug})


class TaggedThread(TaggedItemBase):
    content_object = models.ForeignKey("Thread", on_delete=models.CASCADE, related_name="tagged_items")


class ThreadQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)

    def visible_to(self, user):
        from .permissions import is_moderator

        return self if is_moderator(user) else self.visible()

    def for_list(self, user=None):
        """Everything a thread list row shows, in one query."""
        qs = self.select_related("category", "author", "last_poster")
        if user is not None and user.is_authenticated:
            last_read = ThreadRead.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_at")[:1]
            qs = qs.annotate(viewer_last_read_at=Subquery(last_read))
        return qs

    def with_viewer_state(self, user):
        """Whether the member watches each thread and when they last read it,
        in the same query."""
        if not user.is_authenticated:
            return self
        return self.annotate(
            viewer_watching=Exists(ThreadWatch.objects.filter(user=user, thread=OuterRef("pk"))),
            viewer_last_read_at=Subquery(
                ThreadRead.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_at")[:1]
            ),
        )

    def by_activity(self):
        return self.order_by("-last_activity_at", "-pk")

    def recount(self):
        """Recompute reply count, last post, last poster and last activity
        from the posts, for every thread in this queryset, in one UPDATE."""
        visible = Post.objects.filter(thread=OuterRef("pk"), is_hidden=False, deleted_at__isnull=True)
        replies = (
            visible.exclude(pk=OuterRef("first_post_id"))
            .order_by()
            .values("thread")
            .annotate(total=Count("pk"))
            .values("total")
        )
        latest = visible.order_by("-created", "-pk")
        return self.update(
            reply_count=Coalesce(Subquery(replies), Value(0)),
            last_post=Coalesce(Subquery(latest.values("pk")[:1]), F("first_post")),
            last_poster=Subquery(latest.values("author")[:1]),
            last_activity_at=Coalesce(Subquery(latest.values("created")[:1]), F("created")),
        )


class Thread(index.Indexed, models.Model):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="threads", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="forum_threads"
    )
    created = models.DateTimeField(default=timezone.now, db_index=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    first_post = models.ForeignKey("Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    last_post = models.ForeignKey("Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reply_count = models.PositiveIntegerField(default=0)
    is_question = models.BooleanField(
        _("this is a question"), default=False, help_text=_("You can then mark the reply that answered it.")
    )
    accepted_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_threads",
        help_text=_("The activity or guide this thread discusses."),
    )
    tags = TaggableManager(through=TaggedThread, blank=True, verbose_name=_("tags"))

    objects = ThreadQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("search_text"),
        index.FilterField("is_hidden"),
    ]

    class Meta:
        ordering = ["-last_activity_at"]
        indexes = [models.Index(fields=["category", "-is_pinned", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80].strip("-") or "thread"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:thread", kwargs={"pk": self.pk, "slug": self.slug})

    def search_text(self):
        """What the site search finds a thread by: its tags and its visible posts."""
        posts = self.posts.filter(is_hidden=False, deleted_at__isnull=True).order_by("created")[:200]
        tags = " ".join(tag.name for tag in self.tags.all())
        return "\n".join([tags, *(post.source for post in posts)])

    def update_search_index(self):
        from modelsearch.tasks import insert_or_update_object_task

        insert_or_update_object_task.enqueue(self._meta.app_label, self._meta.model_name, str(self.pk))

    # --- Writing -----------------------------------------------------------

    @classmethod
    def start(cls, *, category, author, title, source, is_question=False, tags=(), page=None, created=None):
        """Start a thread with its opening post. The author watches it."""
        created = created or timezone.now()
        with transaction.atomic():
            thread = cls.objects.create(
                category=category,
                author=author,
                title=title.strip(),
                is_question=is_question,
                page=page,
                created=created,
                last_activity_at=created,
                last_poster=author,
            )
            post = Post.objects.create(thread=thread, author=author, source=source, created=created)
            cls.objects.filter(pk=thread.pk).update(first_post=post, last_post=post)
            thread.first_post = thread.last_post = post
            if tags:
                thread.tags.set(list(tags))
            ThreadWatch.objects.get_or_create(user=author, thread=thread, defaults={"created": created})
        thread.update_search_index()
        return thread

    def add_reply(self, *, author, source, created=None):
        """Add a reply and update the counters atomically.

        The thread row is locked (select_for_update on PostgreSQL; SQLite
        serialises writers) so that concurrent replies each count once and
        the last poster is the last to commit; the counter itself is an F()
        expression so it never loses an increment either way."""
        with transaction.atomic():
            Thread.objects.select_for_update().only("pk").get(pk=self.pk)
            post = Post.objects.create(
                thread=self, author=author, source=source, created=created or timezone.now()
            )
            Thread.objects.filter(pk=self.pk).update(
                reply_count=F("reply_count") + 1,
                last_post=post,
                last_poster=author,
                last_activity_at=post.created,
            )
            ThreadWatch.objects.get_or_create(user=author, thread=self, defaults={"created": post.created})
        self.refresh_from_db(fields=["reply_count", "last_post", "last_poster", "last_activity_at"])
        self.update_search_index()
        return post

    def refresh_counters(self):
        """Recompute this thread's counters from its posts (after a post is
        hidden, unhidden or deleted)."""
        with transaction.atomic():
            Thread.objects.select_for_update().only("pk").get(pk=self.pk)
            Thread.objects.filter(pk=self.pk).recount()
        self.refresh_from_db(fields=["reply_count", "last_post", "last_poster", "last_activity_at"])

    def mark_read(self, user, posts, request=None):
        """The member has seen these posts: move their read marker forward and
        mark notifications about them as read. The unread count is kept on the
        request for the header, so a page costs one COUNT and writes only when
        something changed."""
        if posts:
            newest = max(post.created for post in posts)
            previous = getattr(self, "viewer_last_read_at", None)
            if previous is None or newest > previous:
                ThreadRead.mark(user, self, newest)
        unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
        count = unread.count()
        if count and posts:
            count -= unread.filter(post__in=[post.pk for post in posts]).update(read_at=timezone.now())
        if request is not None:
            request._forum_unread_count = count

    def accept(self, post, *, by):
        if post.thread_id != self.pk or post.pk == self.first_post_id:
            raise ValueError("Only a reply in this thread can be its accepted answer.")
        self.accepted_post = post
        Thread.objects.filter(pk=self.pk).update(accepted_post=post)
        public_change()
        if by.pk != self.author_id:
            ModerationLog.record(by, ModerationLog.Action.ACCEPT, thread=self, post=post)
        if post.author_id and post.author_id != by.pk:
            from .notifications import notify

            notify([post.author_id], Notification.Kind.ACCEPTED, post, actor=by)

    def unaccept(self, *, by):
        post = self.accepted_post
        self.accepted_post = None
        Thread.objects.filter(pk=self.pk).update(accepted_post=None)
        public_change()
        if by.pk != self.author_id:
            ModerationLog.record(by, ModerationLog.Action.UNACCEPT, thread=self, post=post)

    # --- Moderation ----------------------------------------------------------

    def _moderate(self, by, action, note="", **changes):
        for name, value in changes.items():
            setattr(self, name, value)
        Thread.objects.filter(pk=self.pk).update(**changes)
        public_change()
        ModerationLog.record(by, action, thread=self, note=note)

    def set_locked(self, locked, *, by, note=""):
        action = ModerationLog.Action.LOCK if locked else ModerationLog.Action.UNLOCK
        self._moderate(by, action, note, is_locked=locked)

    def set_pinned(self, pinned, *, by, note=""):
        action = ModerationLog.Action.PIN if pinned else ModerationLog.Action.UNPIN
        self._moderate(by, action, note, is_pinned=pinned)

    def set_hidden(self, hidden, *, by, note=""):
        action = ModerationLog.Action.HIDE_THREAD if hidden else ModerationLog.Action.UNHIDE_THREAD
        self._moderate(by, action, note, is_hidden=hidden)
        self.update_search_index()

    def move_to(self, category, *, by, note=""):
        old = self.category
        note = note or f"{old} → {category}"
        self._moderate(by, ModerationLog.Action.MOVE, note, category=category)


class PostQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False, deleted_at__isnull=True, thread__is_hidden=False)

    def in_order(self):
        return self.order_by("created", "pk")

    def for_display(self, user=None):
        """Everything a post shows, in one query: author, like count and
        whether the viewer liked it."""
        qs = self.select_related("author").annotate(like_count=Count("likes", distinct=True))
        if user is not None and user.is_authenticated:
            qs = qs.annotate(viewer_liked=Exists(Like.objects.filter(post=OuterRef("pk"), user=user)))
        return qs


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="forum_posts"
    )
    source = models.TextField(_("message"))
    html = models.TextField(editable=False)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["thread", "created"]), models.Index(fields=["author", "created"])]

    def __str__(self):
        return f"#{self.pk} in {self.thread_id}"

    def save(self, *args, **kwargs):
        self.source = (self.source or "").strip()
        self.html, _mentions = render_markdown(self.source)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:post", kwargs={"pk": self.pk})

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_opening(self):
        return self.pk == self.thread.first_post_id

    def mentioned_usernames(self, source=None):
        return render_markdown(self.source if source is None else source)[1]

    def position(self):
        """Zero-based index of this post in its thread, counting every post
        (hidden and deleted ones keep their place)."""
        return (
            Post.objects.filter(thread_id=self.thread_id)
            .filter(Q(created__lt=self.created) | Q(created=self.created, pk__lt=self.pk))
            .count()
        )

    def permalink(self):
        page = self.position() // POSTS_PER_PAGE + 1
        url = self.thread.get_absolute_url()
        if page > 1:
            url += f"?page={page}"
        return f"{url}#post-{self.pk}"

    def quote_for_reply(self):
        name = self.author.public_name if self.author else _("a former member")
        attribution = _("[%(name)s wrote](%(link)s):") % {
            "name": name,
            "link": language_neutral(self.get_absolute_url()),
        }
        return markdown.quote(self.source, attribution)

    def edit(self, source, *, by):
        """Change the text, keeping the previous version in the history.
        Returns the usernames newly mentioned by this edit."""
        source = source.strip()
        if source == self.source:
            return []
        before = set(self.mentioned_usernames())
        with transaction.atomic():
            PostRevision.objects.create(
                post=self, source=self.source, written_at=self.edited_at or self.created, edited_by=by
            )
            self.source = source
            self.edited_at = timezone.now()
            self.save()
        if by.pk != self.author_id:
            ModerationLog.record(by, ModerationLog.Action.EDIT_POST, thread=self.thread, post=self)
        self.thread.update_search_index()
        return [name for name in self.mentioned_usernames() if name not in before]

    def soft_delete(self):
        self.deleted_at = timezone.now()
        Post.objects.filter(pk=self.pk).update(deleted_at=self.deleted_at)
        public_change()
        if self.thread.accepted_post_id == self.pk:
            Thread.objects.filter(pk=self.thread_id).update(accepted_post=None)
        self.thread.refresh_counters()
        self.thread.update_search_index()

    def set_hidden(self, hidden, *, by, note=""):
        self.is_hidden = hidden
        Post.objects.filter(pk=self.pk).update(is_hidden=hidden)
        public_change()
        action = ModerationLog.Action.HIDE_POST if hidden else ModerationLog.Action.UNHIDE_POST
        ModerationLog.record(by, action, thread=self.thread, post=self, note=note)
        self.thread.refresh_counters()
        self.thread.update_search_index()


class PostRevision(models.Model):
    """A previous version of a post, kept when the post is edited."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    source = models.TextField()
    written_at = models.DateTimeField(help_text=_("When this version was written."))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now, help_text=_("When this version was replaced."))

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"Revision of post {self.post_id} ({self.written_at:%Y-%m-%d %H:%M})"

    @property
    def html(self):
        return render_markdown(self.source)[0]


class Like(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_likes")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="forum_like_once")]

    def __str__(self):
        return f"{self.user_id} likes {self.post_id}"


class ThreadWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="watches")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_watch_thread_once")]

    def __str__(self):
        return f"{self.user_id} watches thread {self.thread_id}"


class CategoryWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="watches")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="forum_watch_category_once")]

    def __str__(self):
        return f"{self.user_id} watches category {self.category_id}"


class ThreadRead(models.Model):
    """How far a member has read a thread, for unread markers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_read_once")]

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} up to {self.last_read_at}"

    @classmethod
    def mark(cls, user, thread, when):
        """Record reading up to `when` in one upsert query."""
        cls.objects.bulk_create(
            [cls(user=user, thread=thread, last_read_at=when)],
            update_conflicts=True,
            unique_fields=["user", "thread"],
            update_fields=["last_read_at"],
        )


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply")
        MENTION = "mention", _("Mention")
        ACCEPTED = "accepted", _("Accepted answer")
        NEW_THREAD = "new_thread", _("New thread")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id} on post {self.post_id}"

    def describe(self):
        actor = self.actor.public_name if self.actor else _("Someone")
        title = self.post.thread.title
        messages = {
            self.Kind.REPLY: _("%(actor)s replied in “%(title)s”"),
            self.Kind.MENTION: _("%(actor)s mentioned you in “%(title)s”"),
            self.Kind.ACCEPTED: _("%(actor)s accepted your answer in “%(title)s”"),
            self.Kind.NEW_THREAD: _("%(actor)s started “%(title)s”"),
        }
        return messages[self.kind] % {"actor": actor, "title": title}


class ForumProfile(models.Model):
    """A member's forum settings, kept here so accounts.User stays the
    accounts app's business."""

    class Email(models.TextChoices):
        IMMEDIATE = "immediate", _("Send each notification by e-mail as it happens")
        DIGEST = "digest", _("Send one summary e-mail a day")
        NONE = "none", _("No e-mail; I will check the site")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_profile"
    )
    email_notifications = models.CharField(
        _("e-mail notifications"), max_length=10, choices=Email.choices, default=Email.IMMEDIATE
    )
    email_language = models.CharField(
        _("language of e-mails"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)
    silenced_until = models.DateTimeField(null=True, blank=True)
    silence_reason = models.CharField(max_length=300, blank=True)

    def __str__(self):
        return f"Forum settings of {self.user_id}"

    @classmethod
    def for_user(cls, user):
        profile, _created = cls.objects.get_or_create(
            user=user, defaults={"email_language": translation.get_language() or settings.LANGUAGE_CODE}
        )
        return profile

    @property
    def is_silenced(self):
        return bool(self.silenced_until and self.silenced_until > timezone.now())

    def silence(self, until, *, by, reason=""):
        self.silenced_until, self.silence_reason = until, reason
        self.save(update_fields=["silenced_until", "silence_reason"])
        ModerationLog.record(by, ModerationLog.Action.SILENCE, member=self.user, note=reason)

    def unsilence(self, *, by, note=""):
        self.silenced_until, self.silence_reason = None, ""
        self.save(update_fields=["silenced_until", "silence_reason"])
        ModerationLog.record(by, ModerationLog.Action.UNSILENCE, member=self.user, note=note)


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Flag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("It is spam or advertising")
        RUDE = "rude", _("It is rude, hostile or harassing")
        OFF_TOPIC = "off_topic", _("It is off-topic for this thread")
        OTHER = "other", _("Something else (please explain)")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    created = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="forum_flag_once")]

    def __str__(self):
        return f"{self.get_reason_display()} on post {self.post_id}"

    @classmethod
    def resolve_for_post(cls, post, *, by, note=""):
        count = cls.objects.open().filter(post=post).update(resolved_by=by, resolved_at=timezone.now())
        if count:
            ModerationLog.record(
                by, ModerationLog.Action.RESOLVE_FLAGS, thread=post.thread, post=post, note=note
            )
        return count


class ModerationLog(models.Model):
    class Action(models.TextChoices):
        HIDE_POST = "hide_post", _("hid a post")
        UNHIDE_POST = "unhide_post", _("unhid a post")
        EDIT_POST = "edit_post", _("edited someone else's post")
        HIDE_THREAD = "hide_thread", _("hid a thread")
        UNHIDE_THREAD = "unhide_thread", _("unhid a thread")
        LOCK = "lock", _("locked a thread")
        UNLOCK = "unlock", _("unlocked a thread")
        PIN = "pin", _("pinned a thread")
        UNPIN = "unpin", _("unpinned a thread")
        MOVE = "move", _("moved a thread")
        ACCEPT = "accept", _("accepted an answer")
        UNACCEPT = "unaccept", _("removed an accepted answer")
        RESOLVE_FLAGS = "resolve_flags", _("resolved flags")
        SILENCE = "silence", _("paused a member's posting")
        UNSILENCE = "unsilence", _("let a member post again")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    thread = models.ForeignKey(Thread, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target = models.CharField(max_length=250, blank=True, help_text=_("What was acted on, as it was then."))
    note = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.moderator} {self.get_action_display()} ({self.target})"

    @classmethod
    def record(cls, moderator, action, *, thread=None, post=None, member=None, note=""):
        if member is not None:
            target = f"@{member.username}"
        elif post is not None:
            target = f"#{post.pk} in “{(thread or post.thread).title}”"
        else:
            target = f"“{thread.title}”" if thread else ""
        return cls.objects.create(
            moderator=moderator,
            action=action,
            thread=thread,
            post=post,
            member=member,
            target=target[:250],
            note=(note or "")[:500],
        )
