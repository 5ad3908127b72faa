"""The meeting planner, its printouts and saved plans: the rules live in
activities.planner and activities.plans; these views only wire them."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import ids
from core.urls import absolute_url

from .. import planner, plans, rules
from ..facets import MAX_MINUTES
from ..forms import PlannerForm, SavePlanForm
from ..models import ActivityIndexPage, CircleWeek, SavedPlan
from .common import ROLE_LABELS, current_library

ROW_ERRORS = {
    "minutes": gettext_lazy("Enter minutes between 1 and %(max)d, or leave it empty for the typical length."),
    "note": gettext_lazy("Keep the text of a free item under %(max)d characters."),
}


def planner_url(query, name="activities:planner"):
    url = reverse(name)
    return f"{url}?{query}" if query else url


@dataclass
class PlannerState:
    """What the planner's GET parameters describe, checked: the meeting
    form, the item rows, and, when both are valid, the plan."""

    form: PlannerForm
    rows: list
    plan: planner.Plan
    candidates: plans.Library
    pages: dict
    options: plans.Options
    dropped: int

    @property
    def valid(self):
        return self.form.is_valid() and not any(row.error for row in self.rows)

    @property
    def query(self):
        return plans.query_for(self.plan, self.options)


def _planner_state(request, library):
    form = PlannerForm(request.GET if "budget" in request.GET else None)
    rows, dropped = plans.read_rows(request.GET)
    meeting = form.meeting_values()
    picked = [row.activity_id for row in rows if row.activity_id]
    found = plans.load_candidates(
        library, meeting["meeting"], meeting.get("people"), meeting.get("setting") or None, picked
    )
    plan, unknown = plans.build_plan(meeting, rows, found)
    options = plans.options_from(meeting)
    week = ids.parse_id(request.GET.get("week", ""))
    if week:
        # Editing a week of a circle plan: every link of the planner keeps it.
        options.extra = {"week": str(week)}
    return PlannerState(form, rows, plan, found, found.pages, options, dropped + unknown)


def gap_message(gap):
    role = ROLE_LABELS[gap.role]
    if gap.reason == "none_suits":
        return _(
            "No %(role)s in the library suits this group, setting and meeting, so the plan has none."
        ) % {"role": role.lower()}
    return _(
        "No %(role)s fits in the %(minutes)d minutes left at its typical length: "
        "try a longer meeting or less coursework."
    ) % {"role": role.lower(), "minutes": gap.room}


def _apply_op(state, data):
    """The plan after the button pressed (`op`), or None when none was."""
    plan, op = state.plan, data.get("op", "")
    action, _sep, position = op.partition("-")
    index = planner.clamp(position, 0, planner.MAX_ITEMS, None) if position else None
    if action in ("up", "down", "remove") and index is not None and index < len(plan.items):
        if action == "remove":
            return plan.without_item(index)
        return plan.moved(index, -1 if action == "up" else 1)
    if action == "add":
        choice = data.get("add", "")
        if choice == planner.FREE:
            note = " ".join(data.get("new_note", "").split())[: planner.MAX_NOTE]
            return plan.added(planner.Item(choice, note=note or _("Announcements")))
        if choice in (planner.BREAK, planner.COURSEWORK):
            return plan.added(planner.Item(choice))
        role, _sep, pk = choice.partition(":")
        activity = state.candidates.get(ids.parse_id(pk) or 0)
        if role in rules.ROLES and activity is not None and activity.can_fill(role):
            return plan.added(planner.Item(role, activity))
        return plan
    return None


def planner_view(request):
    library = current_library()
    state = _planner_state(request, library)
    if state.valid and request.GET.get("suggest"):
        variant = max(0, planner.clamp(request.GET.get("suggest"), 1, 1001, 1) - 1)
        meeting = state.form.cleaned_data
        suggestion = planner.suggest(
            state.candidates.values(),
            meeting["budget"],
            meeting.get("people"),
            meeting.get("setting") or None,
            state.options.coursework,
            variant=variant,
            meeting=meeting["meeting"],
            with_break=state.options.with_break,
            with_energizer=state.options.with_energizer,
            start=meeting.get("start"),
        )
        for gap in suggestion.gaps:
            messages.warning(request, gap_message(gap))
        return redirect(planner_url(plans.query_for(suggestion.plan, state.options, variant=variant)))
    if state.valid:
        changed = _apply_op(state, request.GET)
        if changed is not None:
            return redirect(planner_url(plans.query_for(changed, state.options)))
    if state.dropped:
        messages.warning(
            request, _("Some activities in this link are not in the library any more and were left out.")
        )
    return render(request, "activities/planner.html", _planner_context(request, library, state))


def _planner_context(request, library, state):
    plan = state.plan
    candidates = state.candidates.values()
    rows = []
    for row, typed in zip(planner.agenda(plan), _typed_rows(state), strict=False):
        item = row.item
        entry = {"row": row, "item": item, "label": ROLE_LABELS[item.role], "typed": typed}
        if item.activity is not None:
            page = state.pages.get(item.activity.id)
            shorter, longer = planner.swap_options(plan, row.index, candidates)
            entry.update(
                page=page,
                other_language=page is not None and page.locale_id != library.locale_id,
                fits=item.activity.suits(item.role, plan.people, plan.setting, plan.meeting),
                shorter=shorter,
                longer=longer,
                shorter_url=planner_url(plans.query_for(plan.with_item(row.index, shorter), state.options))
                if shorter
                else "",
                longer_url=planner_url(plans.query_for(plan.with_item(row.index, longer), state.options))
                if longer
                else "",
            )
        if plan.start is not None:
            entry["clock_start"] = planner.clock_time(plan.start, row.start)
            entry["clock_end"] = planner.clock_time(plan.start, row.end)
        rows.append(entry)
    query = state.query
    variant = planner.clamp(request.GET.get("variant"), 0, 1000, 0)
    return {
        "plan": plan,
        "plan_variant_next": variant + 2,
        "meeting_clock": (
            (planner.clock_time(plan.start, 0), planner.clock_time(plan.start, plan.total))
            if plan.start is not None
            else None
        ),
        "form": state.form,
        "valid": state.valid,
        "rows": rows,
        "row_errors": [
            (
                number,
                ROW_ERRORS[row.error] % {"max": MAX_MINUTES if row.error == "minutes" else planner.MAX_NOTE},
            )
            for number, row in enumerate(state.rows, start=1)
            if row.error
        ],
        "timeline": _timeline(rows, plan),
        "addable": [
            (role, ROLE_LABELS[role], options) for role, options in plans.addable(state.candidates, plan)
        ],
        "can_add": len(plan.items) < planner.MAX_ITEMS,
        "query": query,
        "agenda_url": planner_url(query, "activities:planner_agenda"),
        "run_sheet_url": planner_url(query, "activities:planner_run_sheet"),
        "save_form": SavePlanForm() if request.user.is_authenticated else None,
        "circle_week": _circle_week(request, state),
        "library": library,
        "share_url": absolute_url(planner_url(query)),
        "max_note": planner.MAX_NOTE,
        "max_minutes": MAX_MINUTES,
    }


def _circle_week(request, state):
    """The member's own circle week the planner is editing (from `week=`), else None."""
    week = state.options.extra.get("week")
    if not week or not request.user.is_authenticated:
        return None
    return CircleWeek.objects.select_related("circle").filter(pk=week, circle__owner=request.user).first()


def _typed_rows(state):
    """What was typed in each item's boxes, shown back as typed (the rows
    that make the plan's items, in order)."""

    def kept(row):
        activity = state.candidates.get(row.activity_id)
        return row.kind not in rules.ROLES or (activity is not None and activity.can_fill(row.kind))

    return [row for row in state.rows if kept(row)]


def _timeline(rows, plan):
    """Bands for the timeline picture: each item's share of the meeting (or
    of the budget, when the plan is shorter), with its kind for the colour."""
    scale = 1000 / max(plan.total, plan.budget, 1)  # the picture is 1000 units wide
    bands = [
        {
            "role": entry["item"].role,
            "label": entry["label"],
            "title": _item_title(entry),
            "minutes": entry["row"].minutes,
            "x": round(entry["row"].start * scale, 2),
            "width": round(entry["row"].minutes * scale, 2),
        }
        for entry in rows
    ]
    free = max(0, plan.budget - plan.total)
    return {
        "bands": bands,
        "free_minutes": free,
        "free_x": round(plan.total * scale, 2),
        "free_width": round(free * scale, 2),
    }


def _item_title(entry):
    item = entry["item"]
    if item.activity is not None:
        return item.activity.title
    if item.role == planner.FREE:
        return item.note or str(ROLE_LABELS[planner.FREE])
    return str(ROLE_LABELS[item.role])


def planner_print(request, sheet):
    """The plan on paper: the one-page agenda, or the run sheet with each
    activity's steps and materials and the meeting's materials list."""
    library = current_library()
    state = _planner_state(request, library)
    if not state.valid:
        return redirect(planner_url(request.GET.urlencode()))
    context = _planner_context(request, library, state)
    context["sheet"] = sheet
    context["planner_url"] = planner_url(context["query"])
    context["materials"] = [
        entry
        for entry in context["rows"]
        if entry.get("page") is not None and entry["page"].materials.strip()
    ]
    return render(request, f"activities/planner_{sheet}.html", context)


def canonical_query(request):
    """The posted plan query in the planner's own terms and order (anything
    else left out); a plan whose meeting is not valid keeps the defaults."""
    data = QueryDict(request.POST.get("query", "")[:4000])
    form = PlannerForm(data if "budget" in data else None)
    meeting = form.meeting_values()
    rows, _dropped = plans.read_rows(data)
    picked = [row.activity_id for row in rows if row.activity_id]
    library = ActivityIndexPage.for_locale()
    candidates = plans.load_candidates(library, picked=picked) if library is not None else {}
    plan, _unknown = plans.build_plan(meeting, [row for row in rows if not row.error], candidates)
    return plans.query_for(plan, plans.options_from(meeting))


@login_required
@require_POST
def save_plan(request):
    # Keep only what the planner understands, in its canonical order.
    canonical = canonical_query(request)
    form = SavePlanForm(request.POST)
    if not SavedPlan.room_for(request.user):
        form.add_error(None, SavedPlan.full_message % {"max": SavedPlan.MAX_PER_MEMBER})
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
    return redirect(planner_url(canonical))


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
