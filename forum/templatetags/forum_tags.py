from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def forum_unread_count(context):
    """Unread forum notifications of the signed-in member: one COUNT query,
    cached on the request so the header can ask twice for free."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_forum_unread_count"):
        from forum.models import Notification

        request._forum_unread_count = Notification.unread_count(user)
    return request._forum_unread_count


@register.filter
def is_unread(thread):
    """For thread lists annotated by ThreadQuerySet.for_list(user)."""
    if not hasattr(thread, "viewer_last_read_at"):
        return False
    last_read = thread.viewer_last_read_at
    return last_read is not None and last_read < thread.last_activity_at


@register.filter
def is_new_to(thread, user):
    """Never opened by this member and started since they joined."""
    if not hasattr(thread, "viewer_last_read_at") or thread.viewer_last_read_at is not None:
        return False
    return thread.created > user.date_joined


@register.filter
def forum_moderator(user):
    """Whether this member moderates the forum (one cached groups query)."""
    from forum.permissions import is_moderator

    return is_moderator(user)
