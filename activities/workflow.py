"""The "Activity review" workflow and the status of a member's submission."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from accounts.models import SITE_EDITORS

WORKFLOW_NAME = "Activity review"
TASK_NAME = "Site editors review"


def review_workflow():
    """The workflow, created if a database lost it (the migration makes it)."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True)
        editors, _created = Group.objects.get_or_create(name=SITE_EDITORS)
        task.groups.add(editors)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def ensure_review_workflow(libraries=None):
    """Assign "Activity review" to every activity library (idempotent)."""
    from .models import ActivityIndexPage

    workflow = review_workflow()
    libraries = ActivityIndexPage.objects.all() if libraries is None else libraries
    for library in libraries:
        WorkflowPage.objects.get_or_create(page=library, defaults={"workflow": workflow})
    return workflow


@dataclass
class SubmissionStatus:
    code: str  # draft | in_review | changes_requested | published
    label: str
    comment: str = ""
    reviewer: object = None
    editable: bool = False


def active_workflow_states(pages):
    """{page id: active WorkflowState} for `pages`, in one query."""
    pages = list(pages)
    if not pages:
        return {}
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page.pk) for page in pages],
        )
        .select_related("current_task_state__finished_by")
    )
    return {int(state.object_id): state for state in states}


def submission_status(page, workflow_state=None):
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = workflow_state.current_task_state
        return SubmissionStatus(
            "changes_requested",
            _("Changes requested"),
            comment=task_state.comment if task_state else "",
            reviewer=task_state.finished_by if task_state else None,
            editable=not page.live,
        )
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        if page.live:
            return SubmissionStatus("published", _("Published, changes in review"))
        return SubmissionStatus("in_review", _("In review"))
    if page.live:
        return SubmissionStatus("published", _("Published"))
    return SubmissionStatus("draft", _("Draft"), editable=True)
