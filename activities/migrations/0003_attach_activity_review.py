"""Attach "Activity review" to the libraries that exist already.

A library made from now on gets the workflow when it is created
(activities.workflows); before, a library got it only when the demo loader
ran or a member first submitted an activity to it, so a library an editor
made (or translated) in the admin could still be without it.
"""

from django.db import migrations

WORKFLOW_NAME = "Activity review"


def attach(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ActivityIndexPage = apps.get_model("activities", "ActivityIndexPage")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    attached = WorkflowPage.objects.values_list("page_id", flat=True)
    for library in ActivityIndexPage.objects.exclude(pk__in=attached):
        WorkflowPage.objects.create(page_id=library.pk, workflow=workflow)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0002_activity_review_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(attach, migrations.RunPython.noop)]
