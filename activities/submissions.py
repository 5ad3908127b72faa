"""Members' submissions: a draft ActivityPage owned by the member, reviewed
through the "Activity review" workflow."""

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from .models import ActivityPage
from .workflow import ensure_review_workflow

DEFAULT_MAX_PENDING = 3


def max_pending():
    return getattr(settings, "ACTIVITIES_MAX_PENDING_SUBMISSIONS", DEFAULT_MAX_PENDING)


def pending_count(user):
    """Submissions of `user` that are not published yet (draft, in review or sent back)."""
    return ActivityPage.objects.submitted_by_member(user).awaiting_publication().count()


def limit_message():
    return _(
        "You already have %(max)d activities waiting for review or still in draft. "
        "Once one of them is published you can send another."
    ) % {"max": max_pending()}


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


def _set_tags(page, names):
    page.tags.clear()
    if names:
        page.tags.add(*names)


@transaction.atomic
def create_submission(form, steps, user, library, submit=True):
    page = ActivityPage(owner=user, submitted_by=user, live=False)
    form.apply_to(page, steps)
    page.slug = unique_slug(library, page.title)
    _set_tags(page, form.cleaned_data.get("tags"))
    library.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    if submit:
        send_for_review(page, user, library)
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
        send_for_review(page, user, page.get_parent().specific)
    return page


def send_for_review(page, user, library):
    state = WorkflowState.objects.active().for_instance(page).first()
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user=user)
        return
    ensure_review_workflow([library])
    workflow = page.get_workflow()
    workflow.start(page, user)
