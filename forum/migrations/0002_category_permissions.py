"""Let "Site editors" manage forum categories in the Wagtail admin.

Moderation rights are not model permissions: the forum checks membership of
"Forum moderators" (user.is_forum_moderator), see forum/permissions.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SITE_EDITORS = "Site editors"
CODENAMES = ["add_category", "change_category", "delete_category", "view_category"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("forum")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.get_or_create(name=SITE_EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="forum", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=SITE_EDITORS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="forum", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_initial"),
        ("accounts", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
