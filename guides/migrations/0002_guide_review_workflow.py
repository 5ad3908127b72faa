"""The "Guide review" workflow: one task, approved by the "Site editors" group.

It is attached to each GuideIndexPage when that page is created (see
guides/workflows.py); no index page exists yet when this migration runs.
Site editors also get the permissions to manage guide sections.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GUIDE_REVIEW = "Guide review"
GUIDE_REVIEW_TASK = "Site editors review a guide"
SITE_EDITORS = "Site editors"
SECTION_PERMISSIONS = ["add_guidesection", "change_guidesection", "delete_guidesection", "view_guidesection"]


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    editors, _ = Group.objects.get_or_create(name=SITE_EDITORS)
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=GUIDE_REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=GUIDE_REVIEW_TASK, content_type=task_type, active=True)
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=GUIDE_REVIEW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})

    # Permissions are normally created after migrate; make the snippet's exist now.
    app_config = apps.get_app_config("guides")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="guides", codename__in=SECTION_PERMISSIONS)
    )


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=GUIDE_REVIEW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=GUIDE_REVIEW_TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0001_initial"),
        ("accounts", "0002_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
