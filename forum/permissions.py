"""Who may do what in the forum: every "may this member do X" is here.

Moderation rights come from one place: membership of the "Forum moderators"
group (accounts.models.FORUM_MODERATORS, `user.is_forum_moderator`), which
superusers pass too. The forum's moderation screens are on the site, not in
the Wagtail admin, so a role check is simpler and clearer than model
permissions; the only model permissions the forum uses are Wagtail's, for
editors managing categories as snippets (granted in a data migration).

The rules read the objects they are given and never query (except
is_moderator, once per request): views ask them per post on a thread page.
Abuse limits (cooldowns, daily caps, silenced members) are not permissions
but limits: see forum/limits.py.
"""

from django.db.models import Q

TRUSTED = 2  # forum.models.TrustLevel.TRUSTED (the models import this module)


def is_moderator(user):
    """Whether the member moderates the forum, once per user object."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_forum_is_moderator", None)
    if cached is None:
        # The groups come from the member's cached access snapshot
        # (core.access, through User.in_group): no query once it is cached.
        cached = bool(user.is_forum_moderator)
        user._forum_is_moderator = cached
    return cached


def _is_own(user, post):
    return user.is_authenticated and post.author_id == user.pk


# --- Threads -------------------------------------------------------------------


def can_view_thread(user, thread):
    return not thread.is_hidden or is_moderator(user)


def can_reply(user, thread):
    """A locked thread takes no more replies, except from moderators.
    (Signing in is the views' business: a visitor is asked to sign in.)"""
    return not thread.is_locked or is_moderator(user)


def can_edit_thread_details(user, thread, level):
    """Trusted members (`level`: the member's trust level, forum/trust.py)
    and moderators change any thread's title and tags; its author does it by
    editing the opening post."""
    if not user.is_authenticated or thread.is_hidden:
        return False
    return is_moderator(user) or (level >= TRUSTED and can_reply(user, thread))


def can_accept_answer(user, thread):
    """The person who asked, or a moderator, marks the answer to a question."""
    if not user.is_authenticated or not thread.is_question:
        return False
    return thread.author_id == user.pk or is_moderator(user)


def can_be_answer(post, thread):
    """Only a visible reply in the thread itself can be its accepted answer."""
    return (
        post.thread_id == thread.pk
        and post.pk != thread.first_post_id
        and not post.is_hidden
        and post.deleted_at is None
    )


def can_mark_as_answer(user, post):
    """Whether the viewer may mark this post as its thread's answer."""
    return can_accept_answer(user, post.thread) and can_be_answer(post, post.thread)


# --- Posts ---------------------------------------------------------------------


# Who reads a post's text. THE rule, in its two forms: for a query
# (readable_posts, used by Post.objects.visible_to) and for a post in hand
# (can_read_post). Every URL that shows a post's text (thread, flag, quote,
# history, feeds, search, e-mail) goes through one of them: a hidden post
# is for its author and moderators, a deleted one (and any post of a hidden
# thread) for moderators only.


def readable_posts(user, prefix=""):
    """A Q object: the posts whose text `user` may read (None or a visitor:
    the public ones). `prefix` filters another model by its post, e.g.
    "post__" for notifications (a join, not a scan of every post)."""
    if user is not None and is_moderator(user):
        return Q()

    def q(**conditions):
        return Q(**{prefix + name: value for name, value in conditions.items()})

    public = q(is_hidden=False, deleted_at__isnull=True, thread__is_hidden=False)
    if user is not None and user.is_authenticated:
        return public | q(author_id=user.pk, deleted_at__isnull=True, thread__is_hidden=False)
    return public


def can_read_post(user, post):
    """Whether the viewer sees a post's text: the same rule as
    readable_posts, for a post already loaded (with its thread)."""
    if is_moderator(user):
        return True
    if post.deleted_at is not None or post.thread.is_hidden:
        return False
    return not post.is_hidden or _is_own(user, post)


def can_reply_to(user, post, thread):
    """A reply may answer a post ("in reply to #7") of the same thread whose
    text the member may read."""
    if post.thread_id != thread.pk:
        return False
    post.thread = thread
    return can_read_post(user, post)


def can_view_history(user, post):
    """Earlier versions of a hidden or deleted post are for moderators only."""
    return not (post.is_hidden or post.deleted_at is not None) or is_moderator(user)


def can_quote(user, post):
    return not post.is_hidden and post.deleted_at is None and can_reply(user, post.thread)


def can_edit_post(user, post):
    if not user.is_authenticated or post.deleted_at is not None:
        return False
    if is_moderator(user):
        return True
    return _is_own(user, post) and not post.is_hidden and can_reply(user, post.thread)


def can_delete_post(user, post):
    if not user.is_authenticated or post.deleted_at is not None:
        return False
    return _is_own(user, post) and not post.thread.is_locked


def can_like(user, post):
    """Members like other people's visible posts."""
    return (
        user.is_authenticated and not _is_own(user, post) and not post.is_hidden and post.deleted_at is None
    )


def can_flag(user, post):
    """Members flag other people's posts that they can read."""
    return user.is_authenticated and not _is_own(user, post) and can_read_post(user, post)


# --- Members -------------------------------------------------------------------


def can_silence(user, member):
    """Moderators pause members' posting; pausing a moderator is for an
    administrator, in the admin."""
    return is_moderator(user) and not is_moderator(member)
