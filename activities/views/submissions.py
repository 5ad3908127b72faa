"""Members' submissions and "My activities": the rules live in the forms
and activities.submissions; these views only wire them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import planner, rules, submissions
from ..forms import MAX_STEPS, ActivitySubmissionForm, step_formset
from ..models import ActivityIndexPage, ActivityPage
from ..tags import TagName
from .common import current_library, steps_of


def _unchecked_forms(data, library, page):
    """The posted text as unbound forms with three more empty step rows:
    "add steps" re-shows everything typed so far without judging it yet."""
    initial = {
        name: data.getlist(name) if isinstance(field, forms.MultipleChoiceField) else data.get(name, "")
        for name, field in ActivitySubmissionForm.base_fields.items()
    }
    rows = planner.clamp(data.get("steps-TOTAL_FORMS"), 0, MAX_STEPS, 0)
    steps = [
        {"text": data.get(f"steps-{row}-text", ""), "minutes": data.get(f"steps-{row}-minutes") or None}
        for row in range(rows)
    ]
    steps = [step for step in steps if step["text"].strip() or step["minutes"]]
    form = ActivitySubmissionForm(initial=initial, library=library, exclude_page=page)
    return form, step_formset(steps=steps, blank_rows=3)


@login_required
def submit(request):
    library = current_library()
    waiting = submissions.pending_count(request.user)
    limit_reached = submissions.limit_reached(waiting)
    return _submission_form(request, library, limit_reached=limit_reached, waiting=waiting)


@login_required
def edit(request, page_id):
    # Only the member's own submissions exist here: anyone else gets a 404.
    page = get_object_or_404(ActivityPage, pk=page_id, submitted_by=request.user)
    states = submissions.active_workflow_states([page])
    status = submissions.submission_status(page, states.get(page.pk))
    if not status.editable:
        messages.info(
            request,
            _("This activity cannot be changed now (status: %(status)s).") % {"status": status.label},
        )
        return redirect("activities:mine")
    return _submission_form(request, page.get_parent().specific, page=page, status=status)


def _submission_form(request, library, page=None, status=None, limit_reached=False, waiting=0):
    draft = page.get_latest_revision_as_object() if page is not None else None
    preview = None
    action = request.POST.get("action", "preview") if request.method == "POST" else None

    if action == "more_steps":
        form, formset = _unchecked_forms(request.POST, library, page)
    elif request.method == "POST":
        form = ActivitySubmissionForm(request.POST, library=library, exclude_page=page)
        formset = step_formset(request.POST)
        valid = form.is_valid()
        valid = formset.is_valid() and valid
        candidate = draft or ActivityPage(
            owner=request.user, submitted_by=request.user, locale=library.locale
        )
        # The model's rules run on whatever is valid so far, so every problem shows at once.
        form.apply_to(candidate, formset.steps())
        form.check_rules(candidate)
        valid = valid and not form.errors
        if valid and page is None and limit_reached and action != "preview":
            form.add_error(None, submissions.limit_message())
            valid = False
        saved = None
        if valid and action in ("submit", "save_draft"):
            send = action == "submit"
            try:
                if page is None:
                    saved = submissions.create_submission(
                        form, formset.steps(), request.user, library, submit=send
                    )
                else:
                    saved = submissions.update_submission(
                        page, form, formset.steps(), request.user, submit=send
                    )
            except submissions.SubmissionRefused as refused:
                form.add_error(None, str(refused))
                valid = False
        if saved is not None:
            if send:
                messages.success(
                    request,
                    _("Thank you! “%(title)s” has been sent to the editors for review.")
                    % {"title": saved.draft_title},
                )
            else:
                messages.success(
                    request, _("Your draft “%(title)s” has been saved.") % {"title": saved.draft_title}
                )
            return redirect("activities:mine")
        if valid:
            preview = candidate
    else:
        if draft is not None:
            form = ActivitySubmissionForm(
                initial=ActivitySubmissionForm.initial_from(draft), library=library, exclude_page=page
            )
            formset = step_formset(steps=steps_of(draft))
        else:
            form = ActivitySubmissionForm(library=library)
            formset = step_formset()

    return render(
        request,
        "activities/submit.html",
        {
            "form": form,
            "formset": formset,
            "preview": preview,
            "preview_tags": TagName.objects.label_names(form.cleaned_data.get("tags", []))
            if preview is not None
            else [],
            "submission": page,
            "status": status,
            "library": library,
            "limit_reached": limit_reached and page is None,
            "limit_message": submissions.limit_message(),
            "waiting": waiting,
            "max_pending": submissions.max_pending(),
            "can_add_steps": len(formset.forms) < MAX_STEPS,
        },
    )


@login_required
def my_activities(request):
    pages = list(
        ActivityPage.objects.submitted_by_member(request.user)
        .select_related("locale")
        .order_by("-latest_revision_created_at", "-pk")
    )
    states = submissions.active_workflow_states(pages)
    rows = [(page, submissions.submission_status(page, states.get(page.pk))) for page in pages]
    waiting = sum(1 for page in pages if rules.awaiting_publication(page))
    return render(
        request,
        "activities/my_activities.html",
        {
            "rows": rows,
            "waiting": waiting,
            "max_pending": submissions.max_pending(),
            "can_submit": not submissions.limit_reached(waiting),
            "library": ActivityIndexPage.for_locale(),
        },
    )


@login_required
def submission_detail(request, page_id):
    page = get_object_or_404(ActivityPage, pk=page_id, submitted_by=request.user)
    status = submissions.submission_status(page, submissions.active_workflow_states([page]).get(page.pk))
    draft = page.get_latest_revision_as_object()
    return render(
        request,
        "activities/submission_detail.html",
        {
            "submission": page,
            "activity": draft,
            "status": status,
            "tags": TagName.objects.label_tags(draft.tags.all()),
        },
    )
