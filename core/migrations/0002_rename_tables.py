# The chrome tables take core's names, and their content types (with any
# permission granted on them) follow the models from home to core.

from django.db import migrations

MODEL_NAMES = ["footersettings", "navigationsettings", "footerlink", "navigationlink"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name in MODEL_NAMES:
        if not ContentType.objects.filter(app_label="core", model=name).exists():
            ContentType.objects.filter(app_label="home", model=name).update(app_label="core")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model__in=MODEL_NAMES).update(app_label="home")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        *(migrations.AlterModelTable(name=name, table=None) for name in MODEL_NAMES),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
