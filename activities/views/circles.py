"""Circle plans: every meeting of a circle in one place (activities.circles
holds the rules)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.urls import absolute_url

from .. import circles
from ..facets import MEETING
from ..forms import CirclePlanForm
from ..models import CirclePlan
from .common import current_library
from .planner import canonical_query, gap_message, planner_url
from .sharing import meeting_clock, read_only_rows, share_action


@login_required
def circle_plans(request):
    """The member's circle plans, and the form to plan a new circle."""
    form = CirclePlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not CirclePlan.room_for(request.user):
            form.add_error(None, CirclePlan.full_message % {"max": CirclePlan.MAX_PER_MEMBER})
        if form.is_valid():
            circle, gaps = circles.create(
                request.user,
                form.cleaned_data["name"],
                form.cleaned_data["weeks"],
                form.cleaned_data,
                current_library(),
                get_language(),
            )
            for number, gap in gaps:
                messages.warning(
                    request,
                    _("Week %(number)d: %(message)s") % {"number": number, "message": gap_message(gap)},
                )
            messages.success(request, _("Circle plan “%(name)s” made.") % {"name": circle.name})
            return redirect(circle)
    return render(
        request,
        "activities/circle_plans.html",
        {
            "circles": CirclePlan.objects.owned_by(request.user).annotate(week_count=Count("weeks")),
            "form": form,
            "max_circles": CirclePlan.MAX_PER_MEMBER,
        },
    )


def _circle_context(request, circle, library, shared=False):
    weeks, found = circles.read(circle, library)
    repeats = circle.repeats([view.week for view in weeks])
    meetings = dict(MEETING.choices())
    entries = []
    for view in weeks:
        rows = read_only_rows(view.plan, found, library)
        for entry in rows:
            activity = entry["item"].activity
            if activity is not None:
                entry["also_in"] = [
                    number for number in repeats.get(activity.id, []) if number != view.number
                ]
        entries.append(
            {
                "week": view.week,
                "plan": view.plan,
                "rows": rows,
                "meeting_label": meetings.get(view.plan.meeting, ""),
                "titles": [activity.title for activity in view.plan.activities],
                "meeting_clock": meeting_clock(view.plan),
                "planner_url": view.week.planner_url(),
                "run_sheet_url": planner_url(view.week.query, "activities:planner_run_sheet"),
                "materials": [
                    entry
                    for entry in rows
                    if entry.get("page") is not None and entry["page"].materials.strip()
                ],
            }
        )
    share_url = (
        absolute_url(reverse("activities:shared_circle", kwargs={"token": circle.share_token}))
        if circle.is_shared
        else ""
    )
    return {
        "circle": circle,
        "weeks": entries,
        "repeats": bool(repeats),
        "shared": shared,
        "is_owner": request.user == circle.owner,
        "editable": request.user == circle.owner and not shared,
        "share_url": share_url,
        "library": library,
    }


def _own_circle(request, circle_id):
    return get_object_or_404(CirclePlan.objects.select_related("owner"), pk=circle_id, owner=request.user)


def _shared_circle(token):
    return get_object_or_404(CirclePlan.objects.shared(token).select_related("owner"))


@login_required
def circle_detail(request, circle_id):
    circle = _own_circle(request, circle_id)
    return render(request, "activities/circle_plan.html", _circle_context(request, circle, current_library()))


def shared_circle(request, token):
    circle = _shared_circle(token)
    context = _circle_context(request, circle, current_library(), shared=True)
    return render(request, "activities/circle_plan.html", context)


@login_required
def circle_print(request, circle_id):
    circle = _own_circle(request, circle_id)
    return render(
        request, "activities/circle_print.html", _circle_context(request, circle, current_library())
    )


def shared_circle_print(request, token):
    circle = _shared_circle(token)
    context = _circle_context(request, circle, current_library(), shared=True)
    return render(request, "activities/circle_print.html", context)


@login_required
@require_POST
def share_circle(request, circle_id):
    circle = _own_circle(request, circle_id)
    messages.success(request, share_action(request, circle))
    return redirect(circle)


@login_required
@require_POST
def copy_circle(request, token):
    circle = _shared_circle(token)
    try:
        copy = circle.copy_for(request.user)
    except ValidationError as full:
        messages.error(request, " ".join(full.messages))
        return redirect("activities:shared_circle", token=token)
    messages.success(request, _("“%(name)s” is now in your circle plans.") % {"name": copy.name})
    return redirect(copy)


@login_required
@require_POST
def delete_circle(request, circle_id):
    circle = _own_circle(request, circle_id)
    circle.delete()
    messages.success(request, _("Circle plan “%(name)s” deleted.") % {"name": circle.name})
    return redirect("activities:circle_plans")


@login_required
@require_POST
def resuggest_week(request, circle_id, number):
    circle = _own_circle(request, circle_id)
    week = get_object_or_404(circle.weeks, number=number)
    for gap in circles.resuggest(week, current_library()):
        messages.warning(request, gap_message(gap))
    messages.success(request, _("Week %(number)d suggested again.") % {"number": number})
    return redirect(f"{circle.get_absolute_url()}#week-{number}")


@login_required
@require_POST
def save_week(request, circle_id, number):
    """The planner's plan saved back into a week of the member's circle."""
    circle = _own_circle(request, circle_id)
    week = get_object_or_404(circle.weeks, number=number)
    circles.save_week(week, canonical_query(request))
    messages.success(
        request, _("Week %(number)d of “%(name)s” saved.") % {"number": number, "name": circle.name}
    )
    return redirect(f"{circle.get_absolute_url()}#week-{number}")
