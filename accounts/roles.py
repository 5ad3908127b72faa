"""Members' roles as the site shows them beside their names (issue 11,
item 13): a badge for moderators, editors and admins, so that nobody can
pass for one by name alone.

Names appear dozens of times on a page (every post, every thread row), so
the roles of all staff (a few people) are read in one query and kept in the
cache, and each request reads that cache once. Any change to group
membership, to a group, or to a member's superuser or active flag empties it
(signals connected in AccountsConfig.ready).
"""

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .models import FORUM_MODERATORS, SITE_EDITORS, User

ADMIN, MODERATOR, EDITOR = "admin", "moderator", "editor"
LABELS = {ADMIN: _("Admin"), MODERATOR: _("Moderator"), EDITOR: _("Editor")}
GROUP_ROLES = {FORUM_MODERATORS: MODERATOR, SITE_EDITORS: EDITOR}
CACHE_KEY = "accounts:staff-roles:1"
CACHE_SECONDS = 3600  # a safety net: every change empties it at once
_REQUEST_ATTRIBUTE = "_accounts_staff_roles"


def _load():
    roles = {
        pk: (ADMIN,)
        for pk in User.objects.filter(is_superuser=True, is_active=True).values_list("pk", flat=True)
    }
    memberships = (
        User.groups.through.objects.filter(group__name__in=GROUP_ROLES, user__is_active=True)
        .order_by("group__name")
        .values_list("user_id", "group__name")
    )
    for user_id, group in memberships:
        if roles.get(user_id) != (ADMIN,):
            roles[user_id] = (*roles.get(user_id, ()), GROUP_ROLES[group])
    return roles


def staff_roles(request=None):
    """{user id: (role, ...)} for every member who has a role."""
    if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
        return getattr(request, _REQUEST_ATTRIBUTE)
    roles = cache.get(CACHE_KEY)
    if roles is None:
        roles = _load()
        cache.set(CACHE_KEY, roles, CACHE_SECONDS)
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, roles)
    return roles


def roles_of(user, request=None):
    """The roles of `user` (a User or None), most senior first."""
    if user is None or not user.pk:
        return ()
    return staff_roles(request).get(user.pk, ())


def labels_of(user, request=None):
    return [LABELS[role] for role in roles_of(user, request)]


def forget(**kwargs):
    cache.delete(CACHE_KEY)


def forget_if_flags_changed(sender, instance, update_fields=None, **kwargs):
    """A member's save empties the cache unless only their sign-in time or
    profile text changed (every sign-in saves last_login)."""
    if update_fields is not None and not ({"is_superuser", "is_active", "is_staff"} & set(update_fields)):
        return
    forget()
