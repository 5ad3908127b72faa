"""Views that are not pages: members' submissions, "My activities", the
meeting planner and saved plans. The rules live in the models, forms,
activities.submissions and activities.planner; these views only wire them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import planner, plans, submissions
from .forms import MAX_STEPS, ActivitySubmissionForm, SavePlanForm, step_formset
from .models import ActivityIndexPage, ActivityPage, SavedPlan
from .workflow import active_workflow_states, submission_status

# The header link to the planner lives in templates/includes/main_navigation.html;
# its label is translated in this app's catalogue.
PLANNER_NAV_LABEL = gettext_lazy("Planner")

ROLE_LABELS = {
    "checkin": gettext_lazy("Check-in"),
    "learning": gettext_lazy("Learning activity"),
    "energizer": gettext_lazy("Energizer"),
    "reflection": gettext_lazy("Reflection"),
    "coursework": gettext_lazy("Coursework"),
}


def _library():
    library = ActivityIndexPage.for_locale()
    if library is None:
        raise Http404("There is no activity library yet.")
    return library


def _steps_of(page):
    return [
        {"text": step.value.get("text", ""), "minutes": step.value.get("minutes")}
        for step in page.steps
        if step.block_type == "step"
    ]


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


# Submissions ----------------------------------------------------------------


@login_required
def submit(request):
    library = _library()
    waiting = submissions.pending_count(request.user)
    limit_reached = waiting >= submissions.max_pending()
    return _submission_form(request, library, limit_reached=limit_reached, waiting=waiting)


@login_required
def edit(request, page_id):
    # Only the member's own submissions exist here: anyone else gets a 404.
    page = get_object_or_404(ActivityPage, pk=page_id, submitted_by=request.user)
    states = active_workflow_states([page])
    status = submission_status(page, states.get(page.pk))
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
        if valid and action in ("submit", "save_draft"):
            send = action == "submit"
            if page is None:
                saved = submissions.create_submission(
                    form, formset.steps(), request.user, library, submit=send
                )
            else:
                saved = submissions.update_submission(page, form, formset.steps(), request.user, submit=send)
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
            formset = step_formset(steps=_steps_of(draft))
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
            "preview_tags": form.cleaned_data.get("tags", []) if preview is not None else [],
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
    states = active_workflow_states(pages)
    rows = [(page, submission_status(page, states.get(page.pk))) for page in pages]
    waiting = sum(1 for page in pages if not page.live and page.first_published_at is None)
    return render(
        request,
        "activities/my_activities.html",
        {
            "rows": rows,
            "waiting": waiting,
            "max_pending": submissions.max_pending(),
            "can_submit": waiting < submissions.max_pending(),
            "library": ActivityIndexPage.for_locale(),
        },
    )


@login_required
def submission_detail(request, page_id):
    page = get_object_or_404(ActivityPage, pk=page_id, submitted_by=request.user)
    status = submission_status(page, active_workflow_states([page]).get(page.pk))
    draft = page.get_latest_revision_as_object()
    return render(
        request,
        "activities/submission_detail.html",
        {"submission": page, "activity": draft, "status": status, "tags": list(draft.tags.all())},
    )


# Planner ----------------------------------------------------------------------


def _planner_url(query):
    url = reverse("activities:planner")
    return f"{url}?{query}" if query else url


def planner_view(request):
    library = _library()
    plan_request = plans.PlanRequest.from_query(request.GET)
    candidates, pages = plans.load_candidates(library, plan_request)

    if plan_request.suggest:
        variant = max(0, planner.clamp(request.GET.get("suggest"), 1, 1001, 1) - 1)
        plan = planner.suggest(
            candidates.values(),
            plan_request.budget,
            plan_request.people,
            plan_request.setting,
            plan_request.coursework,
            variant=variant,
        )
        if not plan.items:
            messages.warning(
                request,
                _(
                    "No activity in the library fits that budget and group. Try more minutes or a different setting."
                ),
            )
        return redirect(_planner_url(plans.query_for(plan, variant=variant)))

    plan, dropped = plans.build_plan(plan_request, candidates)
    if dropped:
        messages.warning(
            request, _("Some activities in this link are not in the library any more and were left out.")
        )

    swaps = {}
    for index, item in enumerate(plan.items):
        shorter, longer = planner.swap_options(plan, index, candidates.values())
        swaps[item] = {
            "fits": item.activity.suits(item.role, plan.people, plan.setting),
            "shorter": shorter,
            "shorter_url": _planner_url(plans.query_for(plan.with_item(index, shorter))) if shorter else "",
            "longer": longer,
            "longer_url": _planner_url(plans.query_for(plan.with_item(index, longer))) if longer else "",
            "remove_url": _planner_url(plans.query_for(plan.without_item(index))),
        }
    agenda = [
        {
            "row": row,
            "label": ROLE_LABELS[row.role],
            "page": pages.get(row.item.activity.id) if row.item else None,
            "swap": swaps.get(row.item),
        }
        for row in planner.agenda(plan)
    ]

    selects = []
    for role in planner.ROLES:
        options = plans.candidates_in_role(candidates, role, plan)
        chosen = [item.activity.id for item in plan.in_role(role)]
        room_for_more = role == "learning" and len(chosen) < planner.MAX_LEARNING
        slots = chosen + ([None] if room_for_more or not chosen else [])
        selects.append({"role": role, "label": ROLE_LABELS[role], "options": options, "slots": slots})

    query = plans.query_for(plan)
    return render(
        request,
        "activities/planner.html",
        {
            "plan": plan,
            "selects": selects,
            "agenda": agenda,
            "query": query,
            "variant": plan_request.variant,
            "settings_choices": [(option.value, option.label) for option in plans.SETTING.options],
            "save_form": SavePlanForm() if request.user.is_authenticated else None,
            "library": library,
            "share_url": request.build_absolute_uri(_planner_url(query)),
        },
    )


@login_required
@require_POST
def save_plan(request):
    # Keep only what the planner understands, in its canonical order.
    canonical = plans.PlanRequest.from_query(QueryDict(request.POST.get("query", "")[:1000])).to_query()
    form = SavePlanForm(request.POST)
    if SavedPlan.objects.owned_by(request.user).count() >= SavedPlan.MAX_PER_MEMBER:
        form.add_error(
            None,
            _("You can keep up to %(max)d plans. Delete one to save another.")
            % {"max": SavedPlan.MAX_PER_MEMBER},
        )
    if form.is_valid():
        saved = form.save(commit=False)
        saved.owner = request.user
        saved.query = canonical
        saved.language = get_language()
        saved.save()
        messages.success(request, _("Plan “%(name)s” saved.") % {"name": saved.name})
        return redirect("activities:saved_plans")
    errors = " ".join(str(error) for errors in form.errors.values() for error in errors)
    messages.error(request, _("The plan was not saved: %(errors)s") % {"errors": errors})
    return redirect(_planner_url(canonical))


@login_required
def saved_plans(request):
    return render(
        request,
        "activities/saved_plans.html",
        {"plans": SavedPlan.objects.owned_by(request.user), "max_plans": SavedPlan.MAX_PER_MEMBER},
    )


@login_required
@require_POST
def delete_plan(request, plan_id):
    saved = get_object_or_404(SavedPlan, pk=plan_id, owner=request.user)
    saved.delete()
    messages.success(request, _("Plan “%(name)s” deleted.") % {"name": saved.name})
    return redirect("activities:saved_plans")
