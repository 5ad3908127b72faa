"""Circle plans: every meeting of a learning circle planned in one place.

A CirclePlan's weeks each hold a planner query (activities.plans reads and
writes it), so a week opens in the planner as it is and comes back from it
the same way. The rules of a circle (week 1 a first meeting, the last week a
last meeting, no activity in two weeks unless the facilitator chose it) are
planner.suggest_circle's and CirclePlan.repeats'; this module ties them to
the library and the database.
"""

from dataclasses import dataclass

from django.db import transaction
from django.http import QueryDict

from . import planner, plans
from .forms import PlannerForm
from .models import CirclePlan, CircleWeek


def week_meeting(week):
    """The week's meeting (PlannerForm's cleaned values) and its rows."""
    data = QueryDict(week.query)
    meeting = PlannerForm(data if "budget" in data else None).meeting_values()
    rows, _dropped = plans.read_rows(data)
    return meeting, [row for row in rows if not row.error]


def _options(meeting):
    options = plans.options_from(meeting)
    return {
        "people": meeting.get("people"),
        "setting": meeting.get("setting") or None,
        "coursework": options.coursework,
        "with_break": options.with_break,
        "with_energizer": options.with_energizer,
        "start": meeting.get("start"),
    }, options


def create(owner, name, weeks, meeting, library, language):
    """A new circle plan of `weeks` meetings for `meeting` (a CirclePlanForm's
    cleaned data), each week suggested from `library`. (circle, [(week number, Gap)])."""
    settings, options = _options(meeting)
    found = plans.load_candidates(library, people=settings["people"], setting=settings["setting"])
    suggestions = planner.suggest_circle(found.values(), weeks, meeting["budget"], **settings)
    with transaction.atomic():
        circle = CirclePlan.objects.create(owner=owner, name=name, language=language)
        CircleWeek.objects.bulk_create(
            CircleWeek(circle=circle, number=number, query=plans.query_for(suggestion.plan, options))
            for number, suggestion in enumerate(suggestions, start=1)
        )
    gaps = [
        (number, gap) for number, suggestion in enumerate(suggestions, start=1) for gap in suggestion.gaps
    ]
    return circle, gaps


def resuggest(week, library):
    """Another suggestion for `week`: its meeting kept, no activity of the
    circle's other weeks, and other activities than it has now where the
    library has enough (else the best it can do without repeats). Its gaps."""
    meeting, _rows = week_meeting(week)
    settings, options = _options(meeting)
    others = {
        activity_id for other in week.circle.weeks.exclude(pk=week.pk) for activity_id in other.activity_ids()
    }
    current = set(week.activity_ids())
    found = plans.load_candidates(
        library, meeting["meeting"], settings["people"], settings["setting"], picked=others | current
    )
    # The weeks may name another language's pages: leave out their translations too.
    others |= {found.aliases.get(pk, pk) for pk in others}
    current |= {found.aliases.get(pk, pk) for pk in current}

    def suggestion(exclude):
        return planner.suggest(
            found.values(), meeting["budget"], meeting=meeting["meeting"], exclude=exclude, **settings
        )

    fresh, kept = suggestion(others | current), suggestion(others)
    chosen = fresh if len(fresh.gaps) <= len(kept.gaps) else kept
    week.query = plans.query_for(chosen.plan, options)
    week.save(update_fields=["query"])
    week.circle.save(update_fields=["updated"])
    return chosen.gaps


def save_week(week, query):
    """The week's plan replaced by the planner's (canonical) query."""
    week.query = query
    week.save(update_fields=["query"])
    week.circle.save(update_fields=["updated"])


@dataclass
class WeekView:
    week: CircleWeek
    plan: planner.Plan
    entries: list

    @property
    def number(self):
        return self.week.number


def read(circle, library):
    """The circle's weeks as plans in `library` (the reader's language: a
    week planned in another language shows its activities' translations),
    with one query for every activity of every week."""
    weeks = list(circle.weeks.all())
    parsed = [(week, *week_meeting(week)) for week in weeks]
    picked = {row.activity_id for _week, _meeting, rows in parsed for row in rows if row.activity_id}
    found = plans.load_candidates(library, picked=picked) if picked else plans.Library({}, {}, {})
    views = []
    for week, meeting, rows in parsed:
        plan, _unknown = plans.build_plan(meeting, rows, found)
        views.append(WeekView(week, plan, []))
    return views, found
