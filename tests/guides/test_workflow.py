"""The "Guide review" workflow: guides are submitted, someone in "Site
editors" approves them (or asks for changes), and approval publishes."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Task, TaskState, Workflow, WorkflowPage, WorkflowState

from accounts.models import SITE_EDITORS
from guides.models import GuideIndexPage, GuidePage
from guides.workflows import GUIDE_REVIEW
from tests.factories.activities import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workflow():
    return Workflow.objects.get(name=GUIDE_REVIEW.name)


@pytest.fixture
def draft_guide(en_index, editor):
    page = GuidePage(
        title="Keeping momentum",
        slug="keeping-momentum",
        summary="How to keep a circle going in the middle weeks.",
        body=[{"type": "paragraph", "value": "<p>Week four is the hardest.</p>"}],
        live=False,
        owner=editor,
    )
    en_index.add_child(instance=page)
    page.save_revision(user=editor)
    return page


def test_guide_review_is_one_task_for_site_editors(workflow):
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1
    assert list(tasks[0].groups.values_list("name", flat=True)) == [SITE_EDITORS]
    assert workflow.active


def test_every_guide_index_and_its_guides_use_guide_review(workflow, home, handbook):
    indexes = GuideIndexPage.objects.all()
    assert {index.locale.language_code for index in indexes} == {"en", "es", "fr"}
    for index in indexes:
        assert WorkflowPage.objects.get(page=index).workflow == workflow
    assert handbook.guide("running-a-check-in").get_workflow() == workflow
    assert handbook.guide("meeting-structure", "es").get_workflow() == workflow
    # The rest of the site keeps Wagtail's default workflow.
    assert StandardPageFactory(parent=home).get_workflow() != workflow


def test_a_new_guide_index_gets_the_workflow_once(home, workflow):
    index = GuideIndexPage(title="Another handbook", slug="another-handbook")
    home.add_child(instance=index)  # add_child skips the one-per-home rule, as a script might
    assert WorkflowPage.objects.get(page=index).workflow == workflow
    assert GUIDE_REVIEW.attach(index) == workflow
    assert WorkflowPage.objects.filter(page=index).count() == 1


def test_an_index_with_its_own_workflow_keeps_it(home, workflow):
    other = Workflow.objects.create(name="Legal review")
    index = GuideIndexPage(title="Legal handbook", slug="legal-handbook")
    home.add_child(instance=index)
    WorkflowPage.objects.filter(page=index).update(workflow=other)
    assert GUIDE_REVIEW.attach(index) == other


def test_submit_then_approve_publishes_the_guide(client, draft_guide, workflow, editor, moderator, member):
    assert not draft_guide.live
    state = draft_guide.get_workflow().start(draft_guide, member)
    draft_guide.refresh_from_db()
    assert draft_guide.workflow_in_progress
    task_state = state.current_task_state
    task = task_state.task.specific
    # Only site editors may approve or ask for changes.
    assert task.get_actions(draft_guide, moderator) == []
    assert {name for name, _label, _modal in task.get_actions(draft_guide, editor)} == {"approve", "reject"}
    url = f"{draft_guide.get_parent().url}keeping-momentum/"
    assert client.get(url).status_code == 404

    task.on_action(task_state, editor, "approve")

    draft_guide.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert draft_guide.live
    assert draft_guide.live_revision == task_state.revision
    response = client.get(url)
    assert response.status_code == 200
    assert b"Week four is the hardest." in response.content


def test_asking_for_changes_keeps_the_guide_unpublished(draft_guide, editor, member):
    state = draft_guide.get_workflow().start(draft_guide, member)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "reject", comment="Add an example, please.")
    draft_guide.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_REJECTED
    assert not draft_guide.live


def test_an_approved_change_with_a_go_live_date_waits_for_it(draft_guide, editor, member):
    tomorrow = (timezone.now() + datetime.timedelta(days=1)).replace(microsecond=0)
    draft_guide.go_live_at = tomorrow
    draft_guide.save_revision(user=member)
    state = draft_guide.get_workflow().start(draft_guide, member)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    draft_guide.refresh_from_db()
    assert not draft_guide.live
    assert draft_guide.get_latest_revision().approved_go_live_at == tomorrow


def test_editors_submit_from_the_admin_and_see_it_in_review(client, draft_guide, editor):
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft_guide.pk])
    form = client.get(edit_url)
    assert form.status_code == 200
    assert b"Submit to Guide review" in form.content
    assert Group.objects.get(name=SITE_EDITORS) in editor.groups.all()
    assert Task.objects.filter(workflow_tasks__workflow__name=GUIDE_REVIEW.name).exists()
