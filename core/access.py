"""What a member may do, read once and kept: their groups' names and their
permissions (their own and their groups'), cached per member until any
group membership or permission changes.

Every page a member sees asks whether they are an editor (the header's Admin
link) and whether they may use the Wagtail admin (the userbar); Django's
ModelBackend answers with three queries per request (groups, user
permissions, group permissions). `snapshot(user)` answers from the cache
(one GET, memoised on the user object for the rest of the request), and
`core.backends.CachedModelBackend` gives Django's permission checks the same answer.

The cache is emptied, for everyone, when a user's groups or permissions,
a group's permissions, or a group or permission row change (core.signals
connects `changed`). While the shared cache is out (core.cache_backends
degraded to one process's memory) nothing is cached: a permission taken away
in one process must not stay granted in another.
"""

from dataclasses import dataclass

from django.core.cache import cache

SECONDS = 10 * 60


@dataclass(frozen=True)
class Access:
    groups: frozenset
    user_permissions: frozenset
    group_permissions: frozenset


def _generation():
    from .cache import ACCESS, cache_is_degraded, generation

    if cache_is_degraded():
        return None
    return generation(ACCESS)


def _build(user):
    from django.contrib.auth.backends import ModelBackend

    backend = ModelBackend()
    return Access(
        groups=frozenset(user.groups.values_list("name", flat=True)),
        user_permissions=frozenset(backend.get_user_permissions(user)),
        group_permissions=frozenset(backend.get_group_permissions(user)),
    )


def snapshot(user):
    """The member's Access, from the cache when it can be trusted."""
    cached = getattr(user, "_access_snapshot", None)
    if cached is not None:
        return cached
    if not user.is_active or user.is_anonymous:
        access = Access(frozenset(), frozenset(), frozenset())
    else:
        number = _generation()
        key = f"access:{number}:{user.pk}"
        access = cache.get(key) if number is not None else None
        if access is None:
            access = _build(user)
            if number is not None:
                cache.set(key, access, SECONDS)
    user._access_snapshot = access
    return access


def changed(**kwargs):
    """A group membership or a permission changed: forget every snapshot."""
    from .cache import ACCESS, bump

    bump(ACCESS)


def connect():
    """Forget the snapshots whenever who-may-do-what changes (core.signals)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(changed, sender=through, dispatch_uid=f"access-{through._meta.label_lower}")
    for model in (Group, Permission):
        post_save.connect(changed, sender=model, dispatch_uid=f"access-saved-{model._meta.label_lower}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"access-deleted-{model._meta.label_lower}")
