"""The planner's link to the web: a plan read from and written to GET
parameters, and the library's activities as planner candidates."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import QueryDict

from . import planner
from .facets import PHASE, SETTING

SETTING_VALUES = {option.value for option in SETTING.options}
PARAM_ORDER = ("budget", "people", "setting", "coursework", "checkin", "learning", "energizer", "reflection")


def candidate_from(page):
    return planner.Candidate(
        id=page.pk,
        title=page.title,
        duration_min=page.duration_min,
        duration_max=page.duration_max,
        group_min=page.group_min,
        group_max=page.group_max,
        phases=frozenset(PHASE.values_of(page)),
        settings=frozenset(SETTING.values_of(page)),
    )


def _ids(values):
    ids = []
    for value in values:
        number = planner.clamp(value, 1, 2**31 - 1)
        if number is not None and number not in ids:
            ids.append(number)
    return ids


@dataclass
class PlanRequest:
    """What the GET parameters ask for, before activities are looked up."""

    budget: int = planner.DEFAULT_BUDGET
    people: int | None = None
    setting: str | None = None
    coursework: int = 0
    picks: dict = field(default_factory=dict)  # role -> [ids]
    variant: int = 0
    suggest: bool = False

    @classmethod
    def from_query(cls, data):
        setting = data.get("setting") or None
        picks = {
            "checkin": _ids(data.getlist("checkin"))[:1],
            "learning": _ids(data.getlist("learning"))[: planner.MAX_LEARNING],
            "energizer": _ids(data.getlist("energizer"))[:1],
            "reflection": _ids(data.getlist("reflection"))[:1],
        }
        return cls(
            budget=planner.clamp(
                data.get("budget"), planner.MIN_BUDGET, planner.MAX_BUDGET, planner.DEFAULT_BUDGET
            ),
            people=planner.clamp(data.get("people"), 1, 500) if data.get("people") else None,
            setting=setting if setting in SETTING_VALUES else None,
            coursework=planner.clamp(data.get("coursework"), 0, planner.MAX_BUDGET, 0),
            picks=picks,
            variant=planner.clamp(data.get("variant"), 0, 1000, 0),
            suggest=bool(data.get("suggest")),
        )

    def to_query(self):
        """Canonical query string of the request (what a saved plan keeps)."""
        data = QueryDict(mutable=True)
        data["budget"] = str(self.budget)
        if self.people:
            data["people"] = str(self.people)
        if self.setting:
            data["setting"] = self.setting
        if self.coursework:
            data["coursework"] = str(self.coursework)
        for role in planner.ROLES:
            if self.picks.get(role):
                data.setlist(role, [str(pk) for pk in self.picks[role]])
        return data.urlencode()

    @property
    def picked_ids(self):
        return [pk for ids in self.picks.values() for pk in ids]


def load_candidates(library, request):
    """The library's activities that suit the group and setting, plus any
    activity the plan already names, as ({id: Candidate}, {id: page}). One query."""
    suits = Q()
    if request.people:
        suits &= Q(group_min__lte=request.people) & (
            Q(group_max__isnull=True) | Q(group_max__gte=request.people)
        )
    if request.setting:
        suits &= Q(**{SETTING.option(request.setting).field: True})
    # An empty Q() would vanish from "suits | picked"; no condition means everything.
    condition = suits | Q(pk__in=request.picked_ids) if suits and request.picked_ids else suits
    pages = list(library.activities().filter(condition).order_by("duration_min", "title"))
    return {page.pk: candidate_from(page) for page in pages}, {page.pk: page for page in pages}


def build_plan(request, candidates):
    """The Plan the request describes; unknown or unsuitable-role ids are dropped."""
    items = []
    dropped = []
    for role in planner.ROLES:
        for pk in request.picks.get(role, []):
            candidate = candidates.get(pk)
            if candidate is None or not candidate.can_fill(role):
                dropped.append(pk)
                continue
            items.append(planner.Item(role, candidate))
    plan = planner.Plan(
        budget=request.budget,
        people=request.people,
        setting=request.setting,
        coursework=request.coursework,
        items=tuple(items),
    )
    return plan, dropped


def query_for(plan, variant=None):
    """The canonical query string of `plan` (what its URL and a saved plan hold)."""
    data = QueryDict(mutable=True)
    data["budget"] = str(plan.budget)
    if plan.people:
        data["people"] = str(plan.people)
    if plan.setting:
        data["setting"] = plan.setting
    if plan.coursework:
        data["coursework"] = str(plan.coursework)
    for role in planner.ROLES:
        ids = [str(item.activity.id) for item in plan.in_role(role)]
        if ids:
            data.setlist(role, ids)
    if variant:
        data["variant"] = str(variant)
    return data.urlencode()


def candidates_in_role(candidates, role, plan):
    """Options for a role's select: suitable activities, plus the ones chosen."""
    chosen = {item.activity.id for item in plan.in_role(role)}
    pool = planner.suitable(candidates.values(), role, plan.people, plan.setting)
    extra = [candidates[pk] for pk in chosen if pk in candidates and candidates[pk] not in pool]
    return extra + pool
