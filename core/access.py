"""What a member may do, read once and kept: their groups' names and their
permissions (their own and their groups'), kept per member by each process
until any group membership or permission changes.

Every page a member sees asks whether they are an editor (the header's Admin
link) and whether they may use the Wagtail admin (the userbar); Django's
ModelBackend answers with three queries per request (groups, user
permissions, group permissions). `snapshot(user)` answers from what this
process keeps for the access generation (no query, no cache read beyond
the generations every request reads), and
`core.backends.CachedModelBackend` gives Django's permission checks the same answer.

The access generation moves on, for every process at its next request, when
a user's groups or permissions, a group's permissions, or a group or
permission row change (core.signals connects `changed`). While the shared
cache is out (core.cache_backends degraded to one process's memory) nothing
is kept: a permission taken away in one process must not stay granted in
another.
"""

from dataclasses import dataclass

# Members whose snapshots one process keeps (a few hundred bytes each).
KEPT_MEMBERS = 5000


@dataclass(frozen=True)
class Access:
    groups: frozenset
    user_permissions: frozenset
    group_permissions: frozenset


def _build(user):
    from django.contrib.auth.backends import ModelBackend

    backend = ModelBackend()
    return Access(
        groups=frozenset(user.groups.values_list("name", flat=True)),
        user_permissions=frozenset(backend.get_user_permissions(user)),
        group_permissions=frozenset(backend.get_group_permissions(user)),
    )


def snapshot(user):
    """The member's Access: kept by this process for the access generation
    (core.cache.per_generation, which keeps nothing while the shared cache
    is out), memoised on the user object for the rest of the request."""
    from .cache import ACCESS, per_generation

    cached = getattr(user, "_access_snapshot", None)
    if cached is not None:
        return cached
    if not user.is_active or user.is_anonymous:
        access = Access(frozenset(), frozenset(), frozenset())
    else:
        access = per_generation(("access", user.pk), lambda: _build(user), ACCESS, "access", KEPT_MEMBERS)
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
