"""Members' submissions: a draft ActivityPage owned by the member, reviewed
through the "Activity review" workflow (activities.workflows), and the status
a member sees for each."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, WorkflowState

from .models import ActivityPage

# How many of a member's submissions may wait (draft, in review or sent back)
# before they can send another. A site overrides it with the setting
# ACTIVITIES_MAX_PENDING_SUBMISSIONS.
MAX_PENDING = 3


def max_pending():
    return getattr(settings, "ACTIVITIES_MAX_PENDING_SUBMISSIONS", MAX_PENDING)


def limit_reached(waiting):
    """A member with `waiting` submissions may not send another yet."""
    return waiting >= max_pending()


def pending_count(user):
    """Submissions of `user` that are not published yet (draft, in review or sent back)."""
    return ActivityPage.objects.submitted_by_member(user).awaiting_publication().count()


def limit_message():
    return _(
        "You already have %(max)d activities waiting for review or still in draft. "
        "Once one of them is published you can send another."
    ) % {"max": max_pending()}


class SubmissionRefused(Exception):
    """A submission that cannot be saved now; its message is for the member."""


class LimitReached(SubmissionRefused):
    def __str__(self):
        return limit_message()


class NameTaken(SubmissionRefused):
    def __str__(self):
        return _(
            "Another activity with this name was added at the same moment. "
            "Nothing you typed is lost: please send it again, or change the name."
        )


# How often a new activity is offered the next free address when its first
# one was taken in the meantime (by an editor in the admin, say).
SLUG_ATTEMPTS = 3


def lock_member(user):
    """Lock the member's row until the end of the transaction: a member's
    submissions are counted and written one at a time, so the pending limit
    holds however many requests arrive at once. Only inside transaction.atomic."""
    get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)


def unique_slug(library, title):
    base = slugify(title)[:70].strip("-") or "activity"
    taken = set(
        ActivityPage.objects.child_of(library).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _add_to_library(library, page):
    """Add `page` below `library` at the first free address made from its
    title. New submissions are added one at a time (the library's row is
    locked), so two with the same title get "title" and "title-2"; should
    an address still be taken in the meantime the next one is tried, and in
    the end the member is asked to send again (NameTaken), never an error."""
    Page.objects.select_for_update().only("pk").get(pk=library.pk)
    for _attempt in range(SLUG_ATTEMPTS):
        page.slug = unique_slug(library, page.title)
        try:
            with transaction.atomic():
                library.add_child(instance=page)
            return
        except ValidationError as error:
            if "slug" not in getattr(error, "error_dict", {}):
                raise
    raise NameTaken()


def _set_tags(page, names):
    page.tags.clear()
    if names:
        page.tags.add(*names)


@transaction.atomic
def create_submission(form, steps, user, library, submit=True):
    """Add the member's new activity below `library` as a draft and, with
    `submit`, send it to review. Raises LimitReached when the member already
    has the most submissions that may wait: checked and written under a lock
    on the member's row, so parallel requests cannot all pass the check."""
    lock_member(user)
    if limit_reached(pending_count(user)):
        raise LimitReached()
    page = ActivityPage(owner=user, submitted_by=user, live=False)
    form.apply_to(page, steps)
    _set_tags(page, form.cleaned_data.get("tags"))
    _add_to_library(library, page)
    page.save_revision(user=user, log_action=True)
    if submit:
        send_for_review(page, user)
    return page


@transaction.atomic
def update_submission(page, form, steps, user, submit=True):
    """Save the member's revision of a draft (or a draft sent back) and, when
    asked, send it (back) to review: a workflow waiting for changes is resumed,
    otherwise a new one starts."""
    draft = page.get_latest_revision_as_object()
    form.apply_to(draft, steps)
    _set_tags(draft, form.cleaned_data.get("tags"))
    draft.save_revision(user=user, log_action=True)
    if submit:
        send_for_review(page, user)
    return page


def send_for_review(page, user):
    """Start the library's review of `page`, or resume the one that is
    waiting for the member's changes."""
    state = WorkflowState.objects.active().for_instance(page).first()
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user=user)
        return
    page.get_workflow().start(page, user)


# What the member sees --------------------------------------------------------


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
            gettext_lazy("Changes requested"),
            comment=task_state.comment if task_state else "",
            reviewer=task_state.finished_by if task_state else None,
            editable=not page.live,
        )
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        if page.live:
            return SubmissionStatus("published", gettext_lazy("Published, changes in review"))
        return SubmissionStatus("in_review", gettext_lazy("In review"))
    if page.live:
        return SubmissionStatus("published", gettext_lazy("Published"))
    return SubmissionStatus("draft", gettext_lazy("Draft"), editable=True)
