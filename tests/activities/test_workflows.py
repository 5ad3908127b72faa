"""The "Activity review" workflow is attached to every library when it is
made (accounts.workflows), so every activity below it is reviewed by the
Site editors."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage

from accounts.models import SITE_EDITORS
from activities.models import ActivityIndexPage
from activities.workflows import ACTIVITY_REVIEW
from core.translation import translate

pytestmark = pytest.mark.django_db


def test_activity_review_is_one_task_for_site_editors():
    workflow = Workflow.objects.get(name=ACTIVITY_REVIEW.name)
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == [ACTIVITY_REVIEW.task_name]
    assert list(tasks[0].groups.values_list("name", flat=True)) == [SITE_EDITORS]


def test_a_new_library_and_its_translations_get_the_workflow_once(library, spanish):
    workflow = Workflow.objects.get(name=ACTIVITY_REVIEW.name)
    assert WorkflowPage.objects.get(page=library).workflow == workflow
    translated = translate(library, "es", {"Test library": "Biblioteca de prueba"})
    assert WorkflowPage.objects.get(page=translated).workflow == workflow
    assert ACTIVITY_REVIEW.attach(library) == workflow
    assert WorkflowPage.objects.filter(page=library).count() == 1


def test_a_library_with_a_workflow_of_its_own_keeps_it(library):
    other = Workflow.objects.create(name="Legal review")
    WorkflowPage.objects.filter(page=library).update(workflow=other)
    assert ACTIVITY_REVIEW.attach(library) == other


def test_a_lost_workflow_is_made_again_for_the_next_library(home):
    Workflow.objects.filter(name=ACTIVITY_REVIEW.name).delete()
    GroupApprovalTask.objects.filter(name=ACTIVITY_REVIEW.task_name).delete()
    library = ActivityIndexPage(title="Rebuilt library", slug="rebuilt-library")
    home.add_child(instance=library)
    workflow = WorkflowPage.objects.get(page=library).workflow
    assert workflow.name == ACTIVITY_REVIEW.name
    assert [task.specific.groups.get().name for task in workflow.tasks] == [SITE_EDITORS]


def test_the_migration_attaches_libraries_made_before(library):
    WorkflowPage.objects.filter(page=library).delete()
    migration = importlib.import_module("activities.migrations.0003_attach_activity_review")
    migration.attach(apps, schema_editor=None)
    assert WorkflowPage.objects.get(page=library).workflow.name == ACTIVITY_REVIEW.name
