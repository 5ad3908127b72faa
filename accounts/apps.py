from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import roles
        from .models import User

        # The cached role badges (accounts.roles) follow every change of who has a role.
        m2m_changed.connect(roles.forget, sender=User.groups.through, dispatch_uid="accounts-roles-groups")
        post_save.connect(roles.forget_if_flags_changed, sender=User, dispatch_uid="accounts-roles-user")
        post_delete.connect(roles.forget, sender=User, dispatch_uid="accounts-roles-user-deleted")
        post_save.connect(roles.forget, sender=Group, dispatch_uid="accounts-roles-group")
        post_delete.connect(roles.forget, sender=Group, dispatch_uid="accounts-roles-group-deleted")
