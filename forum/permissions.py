"""Who may do what in the forum.

Moderation rights come from one place: membership of the "Forum moderators"
group (accounts.models.FORUM_MODERATORS, `user.is_forum_moderator`), which
superusers pass too. The forum's moderation screens are on the site, not in
the Wagtail admin, so a role check is simpler and clearer than model
permissions; the only model permissions the forum uses are Wagtail's, for
editors managing categories as snippets (granted in a data migration).
"""

from django.db.models import prefetch_related_objects


def is_moderator(user):
    """`is_forum_moderator` reads the user's groups; they are prefetched once
    so that this and every other role check in the request (the account
    menu asks `is_site_editor`) share one query."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_forum_is_moderator", None)
    if cached is None:
        target = getattr(user, "_wrapped", user)  # request.user is a lazy object
        if "groups" not in getattr(target, "_prefetched_objects_cache", {}):
            prefetch_related_objects([target], "groups")
        cached = bool(target.is_forum_moderator)
        user._forum_is_moderator = cached
    return cached


def can_edit_post(user, post):
    if not user.is_authenticated or post.deleted_at is not None:
        return False
    if is_moderator(user):
        return True
    return post.author_id == user.pk and not post.is_hidden and not post.thread.is_locked


def can_delete_post(user, post):
    if not user.is_authenticated or post.deleted_at is not None:
        return False
    return post.author_id == user.pk and not post.thread.is_locked


def can_accept_answer(user, thread):
    if not user.is_authenticated or not thread.is_question:
        return False
    return thread.author_id == user.pk or is_moderator(user)


def can_view_thread(user, thread):
    return not thread.is_hidden or is_moderator(user)
