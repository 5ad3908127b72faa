"""The forum's write operations: one per thing a member does.

Each one checks that the member may do it (forum/permissions.py) and that
it stays within the limits (forum/limits.py), renders the post's Markdown
once (forum/rendering.py) for the checks, the stored HTML and the
@mentions alike, saves through the model methods, tells whoever should
hear about it (forum/notifications.py) and returns what happened as an
Outcome.

A refused write raises ValidationError (each error's code says which field
it is about: forum/forms.py puts it there) or PermissionDenied. The views
use the Write classes, which can also check and render without saving for
a preview; everything else calls the functions.
"""

from functools import cached_property

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import limits, notifications, permissions, trust
from .models import Draft, Flag, ForumProfile, Like, ModerationLog, Thread
from .outcomes import Action, Outcome
from .rendering import render_markdown


class Write:
    """A write with a post body: rendered once, checked, saved, announced."""

    def __init__(self, *, by, source):
        self.by = by
        self.source = (source or "").strip()

    @cached_property
    def rendered(self):
        """The body rendered, once. A body over the length limit is refused
        (ValidationError) before the Markdown parser sees it."""
        limits.check_length(self.source)
        return render_markdown(self.source)

    def html(self):
        """The rendered HTML, for the limits (which call it only once the
        length is known to be within bounds)."""
        return self.rendered.html

    def preview(self):
        """The rendered HTML for a preview, or None when the body is too long
        to be rendered at all."""
        try:
            return self.rendered.html
        except ValidationError:
            return None

    def check(self):
        """Raise PermissionDenied when the member may not do this, and
        ValidationError when the limits refuse it."""
        raise NotImplementedError

    def problems(self):
        """The limits' refusal of this write (a ValidationError), or None."""
        try:
            self.check()
        except ValidationError as error:
            return error
        return None

    def save(self):
        """Store the write and return its Outcome."""
        raise NotImplementedError

    def run(self):
        """Check and save as one step per member: the member's row is locked
        first, so that two writes by one member at once (a double click, a
        script) run one after the other, and the second sees the first's
        post when its cooldown, daily cap and duplicate checks count."""
        # The member's trust level is assessed (and stored) before the lock:
        # it is kept even when the write is refused, and the lock is held
        # only for the checks and the write.
        trust.current_level(self.by)
        with transaction.atomic():
            lock_member(self.by)
            self.check()
            outcome = self.save()
        notifications.announce(outcome)
        return outcome


def lock_member(user):
    """Lock the member's row until the end of the transaction (SELECT ...
    FOR UPDATE on PostgreSQL; SQLite has one writer at a time anyway). Every
    write whose limits count the member's own earlier writes takes it first,
    and only it, so writes by one member queue and nobody else waits."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()


class StartThread(Write):
    def __init__(self, *, by, category, title, source, is_question=False, tags=(), page=None):
        super().__init__(by=by, source=source)
        self.category, self.title = category, (title or "").strip()
        self.is_question, self.tags, self.page = is_question, list(tags), page

    def check(self):
        limits.check_new_thread(self.by, self.title, self.source, self.html)

    def save(self):
        thread = Thread.start(
            category=self.category,
            author=self.by,
            title=self.title,
            source=self.source,
            html=self.rendered.html,
            is_question=self.is_question,
            tags=self.tags,
            page=self.page,
        )
        ForumProfile.ensure_for(self.by)  # their e-mail language: the one they write in
        return Outcome(Action.START_THREAD, thread.first_post, self.by, tuple(self.rendered.mentioned))


class Reply(Write):
    """`reply_to`: the post it answers ("in reply to #7"), a post of the same
    thread that the member may read."""

    def __init__(self, thread, *, by, source, reply_to=None):
        super().__init__(by=by, source=source)
        self.thread, self.reply_to = thread, reply_to

    def check(self):
        if self.reply_to is not None and not permissions.can_reply_to(self.by, self.reply_to, self.thread):
            raise ValidationError(_("That post is not one you can reply to in this thread."), code="reply_to")
        limits.check_reply(self.by, self.thread, self.source, self.html)

    def save(self):
        post = self.thread.add_reply(
            author=self.by, source=self.source, html=self.rendered.html, reply_to=self.reply_to
        )
        Draft.discard(self.by, self.thread)  # posted: the draft has done its work
        ForumProfile.ensure_for(self.by)
        return Outcome(Action.REPLY, post, self.by, tuple(self.rendered.mentioned))


class EditPost(Write):
    """Change a post's text (and, for an opening post, the thread's title
    and tags). Only members newly @mentioned by the edit are told."""

    def __init__(self, post, *, by, source, title=None, tags=None, reason=""):
        super().__init__(by=by, source=source)
        self.post, self.reason = post, reason
        self.title = (title or "").strip() if post.is_opening else None
        self.tags = list(tags or []) if post.is_opening else None

    def check(self):
        if not permissions.can_edit_post(self.by, self.post):
            raise PermissionDenied
        limits.check_edit(self.by, self.post, self.source, self.html, title=self.title)

    def save(self):
        post, thread = self.post, self.post.thread
        before = set(post.mentioned_usernames())
        with transaction.atomic():
            changed = post.edit(self.source, by=self.by, html=self.rendered.html)
            if self.title is not None:
                thread.title = self.title
                thread.save(update_fields=["title"])
                thread.set_tags(self.tags)
        mentioned = [name for name in self.rendered.mentioned if name not in before] if changed else []
        return Outcome(Action.EDIT, post, self.by, tuple(mentioned), note=self.reason, changed=changed)


def start_thread(*, author, category, title, source, is_question=False, tags=(), page=None):
    return StartThread(
        by=author,
        category=category,
        title=title,
        source=source,
        is_question=is_question,
        tags=tags,
        page=page,
    ).run()


def reply(thread, *, author, source, reply_to=None):
    return Reply(thread, by=author, source=source, reply_to=reply_to).run()


def edit_post(post, *, by, source, title=None, tags=None):
    return EditPost(post, by=by, source=source, title=title, tags=tags).run()


def accept_answer(thread, post, *, by):
    """Mark a reply as the answer to the question; its author is told."""
    if not permissions.can_accept_answer(by, thread):
        raise PermissionDenied
    if not permissions.can_be_answer(post, thread):
        raise ValidationError("Only a visible reply in this thread can be its accepted answer.")
    thread.accept(post, by=by)
    outcome = Outcome(Action.ACCEPT, post, by)
    notifications.announce(outcome)
    return outcome


def unaccept_answer(thread, *, by):
    if not permissions.can_accept_answer(by, thread):
        raise PermissionDenied
    thread.unaccept(by=by)


def delete_post(post, *, by):
    if not permissions.can_delete_post(by, post):
        raise PermissionDenied
    post.soft_delete()


def toggle_like(post, *, by):
    """Like the post, or take the like back. Returns whether it is liked now."""
    if not permissions.can_like(by, post):
        raise PermissionDenied
    deleted, _rows = Like.objects.filter(user=by, post=post).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Like.objects.create(user=by, post=post)
    except IntegrityError:
        return True  # liked twice at once: one like (and one notification) is enough
    notifications.announce(Outcome(Action.LIKE, post, by))
    return True


def flag_post(post, *, by, reason, details=""):
    """Ask the moderators to look at a post (once per member and post)."""
    if not permissions.can_flag(by, post):
        raise PermissionDenied
    with transaction.atomic():
        lock_member(by)
        limits.check_flag(by)
        level = trust.current_level(by)  # new members' flags weigh less
        flag, _created = Flag.objects.get_or_create(
            post=post,
            reporter=by,
            defaults={
                "reason": reason,
                "details": details,
                "reporter_level": level,
                "weight": trust.flag_weight(level),
            },
        )
    trust.hide_if_trusted_flags(post)
    return flag


def edit_thread_details(thread, *, by, title, tags):
    """A trusted member or a moderator changes a thread's title and tags
    (logged when it is not the thread's author)."""
    if not permissions.can_edit_thread_details(by, thread, trust.current_level(by)):
        raise PermissionDenied
    title = (title or "").strip()
    limits.check_title(title)
    limits.check_not_silenced(by)
    with transaction.atomic():
        thread.title = title
        thread.save(update_fields=["title"])  # a saved thread moves the public pages' cache on
        thread.set_tags(tags)
    if by.pk != thread.author_id:
        ModerationLog.record(by, ModerationLog.Action.EDIT_THREAD, thread=thread)
    thread.update_search_index()
    return thread
