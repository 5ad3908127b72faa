"""Workflow signals: e-mail the member when their activity is approved or
sent back with a comment."""

from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from .tasks import APPROVED, CHANGES_REQUESTED, notify_submitter


def _member_submission(workflow_state):
    """The ActivityPage behind `workflow_state` if the member who submitted
    the activity also started this review, else None (an editor reviewing
    someone's published activity does not e-mail them)."""
    from .models import ActivityPage

    model = workflow_state.content_type.model_class()
    if model is None or not issubclass(model, ActivityPage):
        return None
    page = ActivityPage.objects.filter(pk=workflow_state.object_id).only("pk", "submitted_by_id").first()
    if page is None or page.submitted_by_id is None or page.submitted_by_id != workflow_state.requested_by_id:
        return None
    return page


def on_workflow_approved(sender, instance, user=None, **kwargs):
    page = _member_submission(instance)
    if page is None:
        return
    last = instance.task_states.order_by("-finished_at", "-pk").first()
    notify_submitter.enqueue(page.pk, APPROVED, last.comment if last else "")


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    page = _member_submission(instance)
    if page is None:
        return
    task_state = instance.current_task_state
    notify_submitter.enqueue(page.pk, CHANGES_REQUESTED, task_state.comment if task_state else "")


def _skip_member_submissions(notifier):
    """Wagtail's own approved/rejected notices go to the requester with links
    into the admin, which a member cannot open; members get our e-mail
    instead. Everything else (guides, editors' own work) is unchanged."""

    def handler(sender, instance, **kwargs):
        page = _member_submission(instance)
        if page is not None:
            requester = instance.requested_by
            if not requester.has_perm("wagtailadmin.access_admin"):
                return None
        return notifier(sender=sender, instance=instance, **kwargs)

    return handler


def connect():
    workflow_approved.connect(
        on_workflow_approved, sender=WorkflowState, dispatch_uid="activities_approved_email"
    )
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="activities_rejected_email"
    )

    # This app is installed before wagtail.admin, so these take the dispatch
    # ids Wagtail registers its notifiers under; Wagtail's later connect()
    # with the same ids is then a no-op and our wrappers call its notifiers.
    from wagtail.admin import signal_handlers as admin_handlers

    workflow_approved.connect(
        _skip_member_submissions(admin_handlers.workflow_approval_email_notifier),
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
        weak=False,
    )
    workflow_rejected.connect(
        _skip_member_submissions(admin_handlers.workflow_rejection_email_notifier),
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
        weak=False,
    )
