"""The authentication backend that answers permission checks from the
member's cached access snapshot (core.access)."""

from django.contrib.auth.backends import ModelBackend

from .access import snapshot


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend (it signs in and loads users the same way),
    whose permission checks come from `snapshot`, with the same rules:
    inactive users have no permission, superusers all. Listed first, it
    fills the user's permission cache, which ModelBackend and allauth's
    backend (a ModelBackend too) then read instead of querying."""

    def get_user_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_user_permissions(user_obj, obj)
        return set(snapshot(user_obj).user_permissions)

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_group_permissions(user_obj, obj)
        return set(snapshot(user_obj).group_permissions)
