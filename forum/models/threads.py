"""Categories and threads.

A thread's counters (reply count, last post, last poster, last activity)
are kept by its methods here, atomically; `ThreadQuerySet.recount` repairs
them. These methods store what they are given: checking limits and
permissions, and telling members, is the write operations' business
(forum/actions.py).
"""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, get_page_models

from core import search as site_search
from core.translation import TranslatedNames, content_language

from ..permissions import is_moderator
from .changes import public_change
from .drafts import Draft
from .members import ThreadRead, ThreadWatch
from .moderation import ModerationLog
from .notifications import Notification
from .posts import Post
from .trust import Standing
from .viewer import read_values, viewer_value

THREADS_PER_PAGE = 30


def page_content_types():
    """limit_choices_to for Category.discussion_page_types: page types only."""
    types = ContentType.objects.get_for_models(*get_page_models(), for_concrete_models=False)
    return {"pk__in": [content_type.pk for content_type in types.values()]}


def page_lineage(page):
    """The page's own type, then the page types it extends, down to
    Wagtail's Page: [ActivityPage, Page]."""
    specific = page.specific_class or type(page)
    return [
        model
        for model in specific.__mro__
        if isinstance(model, type) and issubclass(model, Page) and not model._meta.abstract
    ]


class CategoryQuerySet(models.QuerySet):
    def for_page(self, page):
        """The category where "Discuss this" on `page` starts its thread: the
        one that hosts discussions of the page's own type, else of the
        nearest type it extends (a category that hosts Wagtail's "Page" takes
        any page no other claims); among equals, the first in order. None
        when no category says it hosts such pages."""
        lineage = page_lineage(page)
        types = ContentType.objects.get_for_models(*lineage, for_concrete_models=False)
        rank = {types[model].pk: position for position, model in enumerate(lineage)}
        claims = self.filter(discussion_page_types__in=list(rank)).values_list(
            "pk", "discussion_page_types", "order", "name"
        )
        best = min(claims, key=lambda row: (rank[row[1]], row[2], row[3]), default=None)
        return self.get(pk=best[0]) if best else None


class Category(TranslatedNames, models.Model):
    name = models.CharField(_("name"), max_length=80)
    name_es = models.CharField(_("name in Spanish"), max_length=80, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in the web address."))
    description = models.TextField(_("description"), max_length=400, blank=True)
    description_es = models.TextField(_("description in Spanish"), max_length=400, blank=True)
    description_fr = models.TextField(_("description in French"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    discussion_page_types = models.ManyToManyField(
        ContentType,
        blank=True,
        related_name="+",
        limit_choices_to=page_content_types,
        verbose_name=_("discussions of pages"),
        help_text=_(
            "“Discuss this” on a page of these types starts its thread in this category. "
            "Choose “Page” to take any page that no other category takes."
        ),
    )
    email_name = models.CharField(
        _("e-mail address"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9][a-z0-9.-]*$",
                _("Use lowercase letters, digits, dots and hyphens, starting with a letter or digit."),
            ),
            RegexValidator(r"^reply$", _("“reply” is the forum's reply address."), inverse_match=True),
        ],
        help_text=_(
            "Members can start a thread here by e-mail to this name at the forum's mail domain "
            "(for example “questions”). Leave empty for none."
        ),
    )

    objects = CategoryQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("name_es"),
        FieldPanel("name_fr"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_es"),
        FieldPanel("description_fr"),
        FieldPanel("order"),
        FieldPanel("discussion_page_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("email_name"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        constraints = [
            models.UniqueConstraint(
                fields=["email_name"], condition=~models.Q(email_name=""), name="forum_category_email_once"
            )
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80] or "category"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:category", kwargs={"slug": self.slug})


def tag_problem(name):
    """Why `name` cannot be a thread's tag, or None. A tag is reached at
    /forum/tags/<slug>/: a name with no letter or digit ("!!!", ">") has an
    empty slug and no page."""
    if not Tag().slugify(name or ""):
        return _("“%(tag)s” cannot be a tag: a tag needs at least one letter or number.") % {"tag": name}
    return None


def checked_tags(names):
    """The tag names, refused (ValueError) if any cannot be a tag: the
    model's own guard; forms say it to the member first (forum/forms.py)."""
    names = list(names)
    for name in names:
        problem = tag_problem(name)
        if problem:
            raise ValueError(problem)
    return names


class TaggedThread(TaggedItemBase):
    content_object = models.ForeignKey("Thread", on_delete=models.CASCADE, related_name="tagged_items")


class ThreadQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)

    def visible_to(self, user):
        return self if is_moderator(user) else self.visible()

    def in_language(self, language):
        """Threads written in `language`; all of them for no (or an unknown) language."""
        if language not in dict(settings.LANGUAGES):
            return self
        return self.filter(language=language)

    def about(self, page):
        """The thread about this page, else about one of its translations
        (the first started, either way), in one query."""
        own = Case(When(page=page, then=Value(0)), default=Value(1))
        return (
            self.filter(Q(page=page) | Q(page__translation_key=page.translation_key))
            .annotate(about_rank=own)
            .order_by("about_rank", "created", "pk")
            .first()
        )

    def for_list(self, user=None):
        """Everything a thread list row shows, in one query."""
        qs = self.select_related("category", "author", "last_poster")
        if user is not None and user.is_authenticated:
            last_read = ThreadRead.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_at")[:1]
            qs = qs.annotate(viewer_last_read_at=Subquery(last_read))
        return qs

    def by_activity(self):
        return self.order_by("-last_activity_at", "-pk")

    def for_home_page(self, locale=None, limit=5):
        """The threads with the latest activity, for the home page (the
        forum is one for every language, so `locale` does not narrow it)."""
        return list(self.visible().select_related("category").by_activity()[:limit])

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


class Thread(models.Model):
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
    # The language it was written in (the site's language where it was
    # started), whatever the reader's: shown as lang="…" wherever it appears.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=content_language, db_index=True
    )

    objects = ThreadQuerySet.as_manager()

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

    def set_tags(self, names):
        """Replace the thread's tags (refusing any that cannot be a tag)."""
        self.tags.set(checked_tags(names))

    def update_search_index(self):
        """The thread's site-search entry (forum/search.py) is brought up to
        date by the task worker (core.search.index_later): a write enqueues
        it, one query."""
        site_search.index_later(self)

    def put_viewer_state(self, user):
        """The member's own state of this thread, read in one statement
        (viewer.read_values, no ORM query to build: this is on every
        member's thread page, for a thread kept for every reader): whether
        they watch it, when they last read it, their trust level (as last
        assessed), the reply they left unsent (viewer_draft) and their
        unread notifications (the header's count, which mark_read brings
        down). Nothing for a visitor."""
        if not user.is_authenticated:
            return self
        this = ("thread", self.pk)
        state = read_values(
            viewer_watching=viewer_value(ThreadWatch, None, user, row=this),
            viewer_last_read_at=viewer_value(ThreadRead, "last_read_at", user, row=this),
            viewer_trust_level=viewer_value(Standing, "level", user),
            viewer_draft_source=viewer_value(Draft, "source", user, row=this),
            viewer_draft_reply_to=viewer_value(Draft, "reply_to", user, row=this),
            viewer_draft_updated=viewer_value(Draft, "updated", user, row=this),
            viewer_unread_notifications=Notification.unread_count_of(user),
        )
        for name, value in state.items():
            setattr(self, name, value)
        return self

    def viewer_draft(self):
        """The unsent reply of the member this thread was loaded for
        (put_viewer_state), as the reply form's initial
        data with the time it was saved, or None."""
        source = getattr(self, "viewer_draft_source", None)
        if not source:
            return None
        return {
            "source": source,
            "reply_to": self.viewer_draft_reply_to,
            "updated": self.viewer_draft_updated,
        }

    # --- Writing -----------------------------------------------------------

    @classmethod
    def start(
        cls,
        *,
        category,
        author,
        title,
        source,
        html=None,
        is_question=False,
        tags=(),
        page=None,
        created=None,
    ):
        """Start a thread with its opening post (`html`: the source already
        rendered, else it is rendered here). The author watches it."""
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
            post = Post.objects.create(
                thread=thread, author=author, source=source, html=html or "", created=created
            )
            cls.objects.filter(pk=thread.pk).update(first_post=post, last_post=post)
            thread.first_post = thread.last_post = post
            if tags:
                thread.tags.set(checked_tags(tags))
            ThreadWatch.objects.get_or_create(user=author, thread=thread, defaults={"created": created})
        thread.update_search_index()
        return thread

    def add_reply(self, *, author, source, html=None, created=None, reply_to=None):
        """Add a reply and update the counters atomically (`html`: the source
        already rendered, else it is rendered here; `reply_to`: the post of
        this thread it answers).

        The thread row is locked (select_for_update on PostgreSQL; SQLite
        serialises writers) so that concurrent replies each count once and
        the last poster is the last to commit; the counter itself is an F()
        expression so it never loses an increment either way. Inside a
        write's own transaction (forum.actions) it takes no savepoint: a
        failure here fails the whole write anyway."""
        with transaction.atomic(savepoint=False):
            Thread.objects.select_for_update().only("pk").get(pk=self.pk)
            post = Post.objects.create(
                thread=self,
                author=author,
                source=source,
                html=html or "",
                created=created or timezone.now(),
                reply_to=reply_to,
            )
            Thread.objects.filter(pk=self.pk).update(
                reply_count=F("reply_count") + 1,
                last_post=post,
                last_poster=author,
                last_activity_at=post.created,
            )
            # The author watches the thread: one INSERT ... ON CONFLICT DO NOTHING
            # (the unique constraint keeps one watch), whether or not they did.
            ThreadWatch.objects.bulk_create(
                [ThreadWatch(user=author, thread=self, created=post.created)], ignore_conflicts=True
            )
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

    def posts_changed(self, *, removed=None):
        """A post was hidden, unhidden or deleted (`removed`): recount, drop a
        deleted accepted answer, and re-index what the search finds."""
        if removed is not None and self.accepted_post_id == removed.pk:
            self.accepted_post = None
            Thread.objects.filter(pk=self.pk).update(accepted_post=None)
        self.refresh_counters()
        self.update_search_index()

    def mark_read(self, user, posts):
        """The member has seen these posts: move their read marker forward and
        mark notifications about them as read. Returns the member's unread
        notification count for the header. What put_viewer_state read spares
        a COUNT, and notifications are written only for the posts
        mark_for_viewer found some unread about."""
        if posts:
            newest = max(post.created for post in posts)
            previous = getattr(self, "viewer_last_read_at", None)
            if previous is None or newest > previous:
                ThreadRead.mark(user, self, newest)
                # Days visited and posts read, for the trust levels (forum/trust.py).
                Standing.record_reading(
                    user, sum(1 for post in posts if previous is None or post.created > previous)
                )
        count = getattr(self, "viewer_unread_notifications", None)
        if count is None:
            count = Notification.unread_count(user)
        # Posts marked for the viewer (mark_for_viewer) say whether any of
        # their notifications is unread; any other post may have one.
        notified = [post.pk for post in posts if getattr(post, "viewer_notified", True)]
        if count and notified:
            unread = Notification.objects.unread().filter(recipient=user, post__in=notified)
            count -= unread.update(read_at=timezone.now())
        return count

    def accept(self, post, *, by):
        """Mark a reply as the answer (logged when a moderator does it)."""
        if post.thread_id != self.pk or post.pk == self.first_post_id:
            raise ValueError("Only a reply in this thread can be its accepted answer.")
        self.accepted_post = post
        Thread.objects.filter(pk=self.pk).update(accepted_post=post)
        public_change(Thread)
        if by.pk != self.author_id:
            ModerationLog.record(by, ModerationLog.Action.ACCEPT, thread=self, post=post)

    def unaccept(self, *, by):
        post = self.accepted_post
        self.accepted_post = None
        Thread.objects.filter(pk=self.pk).update(accepted_post=None)
        public_change(Thread)
        if by.pk != self.author_id:
            ModerationLog.record(by, ModerationLog.Action.UNACCEPT, thread=self, post=post)

    # --- Moderation ----------------------------------------------------------

    def _moderate(self, by, action, note="", **changes):
        for name, value in changes.items():
            setattr(self, name, value)
        Thread.objects.filter(pk=self.pk).update(**changes)
        public_change(Thread)
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
