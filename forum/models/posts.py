"""Posts, their earlier versions and likes.

A post keeps its Markdown `source` and the sanitized `html` rendered from it
(forum/rendering.py); templates show `body_html`, never the raw field.
"""

from html import unescape

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.translation import content_language

from .. import markdown
from ..permissions import readable_posts
from ..rendering import in_reader_language, language_neutral, render_markdown, safe
from .changes import public_change
from .moderation import ModerationLog
from .viewer import viewer_ids, viewer_value

POSTS_PER_PAGE = 20


def before(post_ref):
    """The posts of the same thread before the post named by `post_ref` (an
    OuterRef's prefix, "" for the row itself, "reply_to__" for the post it
    answers), hidden and deleted ones included: they keep their number."""
    return Post.objects.filter(
        thread_id=OuterRef(post_ref + "thread_id"),
    ).filter(
        Q(created__lt=OuterRef(post_ref + "created"))
        | Q(created=OuterRef(post_ref + "created"), pk__lt=OuterRef(post_ref + "pk"))
    )


def reply_to_number():
    """The number (#1 = the opening post) of the post a post replies to, as
    a subquery of the same query (None for no reply_to)."""
    count = before("reply_to__").order_by().values("thread_id").annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(count), Value(0)) + 1


class PostQuerySet(models.QuerySet):
    def visible(self):
        """The posts everyone may read (a visitor's view)."""
        return self.visible_to(None)

    def visible_to(self, user):
        """The posts whose text `user` may read (forum/permissions.py:
        readable_posts): hidden ones for their author and moderators only."""
        return self.filter(readable_posts(user))

    def in_order(self):
        return self.order_by("created", "pk")

    def for_display(self, user=None):
        """Everything a post shows, in one query: author, like count,
        whether the viewer liked it, and the post it replies to (with its
        author and its number in the thread)."""
        qs = self.select_related("author", "reply_to__author").annotate(
            like_count=Count("likes", distinct=True), reply_to_number=reply_to_number()
        )
        return qs.with_viewer_marks(user)

    def with_viewer_marks(self, user):
        """Whether the member liked and bookmarked each post
        (`viewer_liked`, `viewer_bookmarked`); nothing for a visitor."""
        if user is None or not user.is_authenticated:
            return self
        from .bookmarks import Bookmark

        each_post = (self.model._meta.db_table, "post")
        return self.annotate(
            viewer_liked=viewer_value(Like, None, user, of=each_post),
            viewer_bookmarked=viewer_value(Bookmark, None, user, of=each_post),
        )


def mark_for_viewer(posts, user):
    """Set `viewer_liked`, `viewer_bookmarked` and `viewer_notified` (an
    unread notification about it) on posts fetched without a viewer
    (for_display()), in one statement for all of them (viewer.viewer_ids):
    what for_display(user) annotates, for posts kept for every reader, and
    what Thread.mark_read marks read."""
    from .bookmarks import Bookmark
    from .notifications import Notification

    rows = {"liked": Like, "bookmarked": Bookmark, "notified": Notification.unread_of()}
    if user is not None and user.is_authenticated:
        marks = viewer_ids(user, "post", (post.pk for post in posts), **rows)
    else:
        marks = {name: set() for name in rows}
    for post in posts:
        post.viewer_liked = post.pk in marks["liked"]
        post.viewer_bookmarked = post.pk in marks["bookmarked"]
        post.viewer_notified = post.pk in marks["notified"]
    return posts


class Post(models.Model):
    thread = models.ForeignKey("Thread", on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="forum_posts"
    )
    source = models.TextField(_("message"))
    html = models.TextField(editable=False)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # The language it was written in (a French reply in a Spanish thread is French).
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=content_language
    )
    # The post this one answers ("in reply to #7"): a post of the same
    # thread, checked by the reply write (forum/actions.py).
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in reply to"),
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["thread", "created"]), models.Index(fields=["author", "created"])]

    def __str__(self):
        return f"#{self.pk} in {self.thread_id}"

    def save(self, *args, **kwargs):
        """A post given only its source is rendered here; one given its
        rendered `html` too (by a write operation) is not rendered again."""
        self.source = (self.source or "").strip()
        if not self.html:
            self.html = render_markdown(self.source).html
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:post", kwargs={"pk": self.pk})

    @property
    def body_html(self):
        """The post's sanitized HTML, safe to show as it is, its @mention
        links in the reader's language."""
        return safe(in_reader_language(self.html))

    def excerpt(self, length=200):
        """The start of the post's text as plain words (about `length`
        characters): the preview of a post replied to. Only for a reader who
        may read the post (permissions.can_read_post)."""
        text = " ".join(strip_tags(self.html or "").split())
        return Truncator(unescape(text)).chars(length)

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_opening(self):
        return self.pk == self.thread.first_post_id

    def mentioned_usernames(self):
        """The members this post links as @mentions (read from its HTML)."""
        return markdown.mentions_in(self.html)

    def position(self):
        """Zero-based index of this post in its thread, counting every post
        (hidden and deleted ones keep their place)."""
        return (
            Post.objects.filter(thread_id=self.thread_id)
            .filter(Q(created__lt=self.created) | Q(created=self.created, pk__lt=self.pk))
            .count()
        )

    @property
    def number(self):
        """The post's number in its thread (#1 = the opening post): set by
        the thread page for the posts it shows, counted otherwise."""
        if getattr(self, "_number", None) is None:
            self._number = self.position() + 1
        return self._number

    @number.setter
    def number(self, value):
        self._number = value

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

    def edit(self, source, *, by, html=None):
        """Change the text (`html`: the new source already rendered), keeping
        the previous version in the history. Returns whether anything changed."""
        source = source.strip()
        if source == self.source:
            return False
        with transaction.atomic():
            PostRevision.objects.create(
                post=self, source=self.source, written_at=self.edited_at or self.created, edited_by=by
            )
            self.source = source
            self.html = html or render_markdown(source).html
            self.edited_at = timezone.now()
            self.save()
        if by.pk != self.author_id:
            ModerationLog.record(by, ModerationLog.Action.EDIT_POST, thread=self.thread, post=self)
        self.thread.update_search_index()
        return True

    def soft_delete(self):
        self.deleted_at = timezone.now()
        Post.objects.filter(pk=self.pk).update(deleted_at=self.deleted_at)
        public_change(Post)
        self.thread.posts_changed(removed=self)

    def set_hidden(self, hidden, *, by, note="", action=None):
        """`action`: how the log names it, when not a moderator's hide or
        unhide (the forum hiding a post on trusted members' flags)."""
        self.is_hidden = hidden
        Post.objects.filter(pk=self.pk).update(is_hidden=hidden)
        public_change(Post)
        action = action or (ModerationLog.Action.HIDE_POST if hidden else ModerationLog.Action.UNHIDE_POST)
        ModerationLog.record(by, action, thread=self.thread, post=self, note=note)
        self.thread.posts_changed()


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
    def body_html(self):
        """This version's sanitized HTML (rendered when shown: earlier
        versions are read rarely, on the post's history page)."""
        return safe(in_reader_language(render_markdown(self.source).html))


class Like(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_likes")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="forum_like_once")]

    def __str__(self):
        return f"{self.user_id} likes {self.post_id}"
