"""Saved plans shared read-only by link, and copied by another member."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import planner, plans
from ..forms import PlannerForm
from ..models import SavedPlan
from .common import ROLE_LABELS, current_library
from .planner import planner_url


def share_action(request, thing):
    """Share (or stop sharing) `thing` as its owner asked; the message to show."""
    if request.POST.get("action") == "revoke":
        thing.revoke()
        return _("The link to “%(name)s” no longer works.") % {"name": thing.name}
    thing.share()
    return _("Anyone with the link can now read “%(name)s”.") % {"name": thing.name}


@login_required
@require_POST
def share_plan(request, plan_id):
    saved = get_object_or_404(SavedPlan, pk=plan_id, owner=request.user)
    messages.success(request, share_action(request, saved))
    return redirect("activities:saved_plans")


def shared_plan(request, token):
    """A saved plan shared by its owner: read-only, with a copy button for members."""
    saved = get_object_or_404(SavedPlan.objects.shared(token).select_related("owner"))
    library = current_library()
    data = QueryDict(saved.query)
    form = PlannerForm(data if "budget" in data else None)
    meeting = form.meeting_values()
    rows, _dropped = plans.read_rows(data)
    picked = [row.activity_id for row in rows if row.activity_id]
    found = plans.load_candidates(library, picked=picked)
    plan, _unknown = plans.build_plan(meeting, [row for row in rows if not row.error], found)
    return render(
        request,
        "activities/shared_plan.html",
        {
            "saved": saved,
            "plan": plan,
            "form": form,
            "rows": read_only_rows(plan, found, library),
            "meeting_clock": meeting_clock(plan),
            "planner_url": planner_url(plans.query_for(plan, plans.options_from(meeting))),
            "is_owner": request.user == saved.owner,
        },
    )


@login_required
@require_POST
def copy_plan(request, token):
    saved = get_object_or_404(SavedPlan.objects.shared(token))
    try:
        copy = saved.copy_for(request.user)
    except ValidationError as full:
        messages.error(request, " ".join(full.messages))
        return redirect("activities:shared_plan", token=token)
    messages.success(request, _("“%(name)s” is now in your saved plans.") % {"name": copy.name})
    return redirect("activities:saved_plans")


def meeting_clock(plan):
    if plan.start is None:
        return None
    return planner.clock_time(plan.start, 0), planner.clock_time(plan.start, plan.total)


def read_only_rows(plan, found, library):
    """The plan's agenda rows as the printouts show them (no editing controls)."""
    entries = []
    for row in planner.agenda(plan):
        item = row.item
        entry = {"row": row, "item": item, "label": ROLE_LABELS[item.role]}
        if item.activity is not None:
            page = found.pages.get(item.activity.id)
            entry.update(
                page=page,
                other_language=page is not None and page.locale_id != library.locale_id,
                fits=item.activity.suits(item.role, plan.people, plan.setting, plan.meeting),
            )
        if plan.start is not None:
            entry["clock_start"] = planner.clock_time(plan.start, row.start)
            entry["clock_end"] = planner.clock_time(plan.start, row.end)
        entries.append(entry)
    return entries
