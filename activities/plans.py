"""The planner's link to the web: a plan read from and written to GET
parameters (the whole plan lives in its URL), and the library's activities
as planner candidates.

The meeting is described by the PlannerForm fields (budget, people,
setting, meeting, start, and the suggestion's coursework, break and
energizer); its items by four parallel lists, one entry per item in agenda
order: `kind` (a role, coursework, break or free), `activity` (an id, empty
for items that are no activity), `minutes` (empty: the activity's typical
length) and `note` (the text of a free item). Links of the earlier planner
(`checkin=`, `learning=`, ... `coursework=`) still open, as the same items.
"""

from dataclasses import dataclass, field
from itertools import zip_longest

from django.db.models import Q
from django.http import QueryDict

from core import ids

from . import planner, rules, usage
from .facets import MAX_MINUTES, MEETING, PHASE, SETTING
from .models import ActivityPage

SETTING_VALUES = {option.value for option in SETTING.options}
ITEM_PARAMS = ("kind", "activity", "minutes", "note")
LEGACY_ROLES = ("checkin", "learning", "energizer", "reflection")


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
        meetings=frozenset(MEETING.values_of(page)),
        reported_minutes=getattr(page, "reported_minutes", None),
    )


@dataclass
class Row:
    """One item as the URL gives it, before its activity is looked up."""

    kind: str
    activity_id: int | None = None
    minutes_text: str = ""
    note: str = ""
    minutes: int | None = None
    error: str = ""


def parse_minutes(text):
    """(minutes or None for "typical", error code or "")."""
    text = (text or "").strip()
    if not text:
        return None, ""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_MINUTES:
        return None, "minutes"
    return int(text), ""


def _legacy_rows(data):
    """The items of a link made by the earlier planner, in its agenda order:
    check-in, first learning activity, energizer, other learning
    activities, coursework, reflection."""
    picked = {role: data.getlist(role) for role in LEGACY_ROLES}
    learning = picked["learning"][: planner.MAX_ITEMS]
    order = [
        *(("checkin", value) for value in picked["checkin"][:1]),
        *(("learning", value) for value in learning[:1]),
        *(("energizer", value) for value in picked["energizer"][:1]),
        *(("learning", value) for value in learning[1:]),
    ]
    rows = [Row(kind, ids.parse_id(value), "", "") for kind, value in order]
    coursework = planner.clamp(data.get("coursework"), 0, MAX_MINUTES, 0)
    if coursework:
        rows.append(Row(planner.COURSEWORK, None, str(coursework), "", coursework))
    rows += [Row("reflection", ids.parse_id(value)) for value in picked["reflection"][:1]]
    return rows


def read_rows(data):
    """(rows, how many entries were left out because they make no item)."""
    if "kind" not in data:
        rows = _legacy_rows(data) if any(role in data for role in (*LEGACY_ROLES, "coursework")) else []
        dropped = sum(1 for row in rows if row.kind in rules.ROLES and row.activity_id is None)
        return [row for row in rows if row.kind not in rules.ROLES or row.activity_id], dropped
    lists = [data.getlist(name) for name in ITEM_PARAMS]
    rows, dropped = [], 0
    for kind, activity, minutes_text, note in list(zip_longest(*lists, fillvalue=""))[: planner.MAX_ITEMS]:
        if kind not in planner.KINDS:
            dropped += bool(kind or activity)
            continue
        activity_id = ids.parse_id(activity) if activity else None
        if (kind in rules.ROLES) != (activity_id is not None):
            dropped += 1
            continue
        minutes, error = parse_minutes(minutes_text)
        note = " ".join(note.split())
        if len(note) > planner.MAX_NOTE:
            error = error or "note"
        rows.append(Row(kind, activity_id, minutes_text.strip(), note, minutes, error))
    return rows, dropped


def load_candidates(library, meeting=None, people=None, setting=None, picked=()):
    """The library's activities that suit the group, setting and meeting,
    plus any activity the plan already names (or its translation in this
    library), as a Library. One query for a plan in this library's language."""
    suits = Q()
    if people:
        suits &= rules.works_for_q(people)
    if setting:
        suits &= SETTING.q([setting])
    if meeting:
        suits &= rules.suits_meeting_q(meeting)
    picked = list(picked)
    # An empty Q() would vanish from "suits | picked"; no condition means everything.
    condition = suits | Q(pk__in=picked) if suits and picked else suits
    activities = usage.annotate(library.activities().select_related("locale"))
    pages = list(activities.filter(condition).order_by("duration_min", "title"))
    found = {page.pk for page in pages}
    # A plan made in another language names that language's pages: use their
    # translations in this library (two more queries, only for such a plan).
    others = dict(
        ActivityPage.objects.filter(pk__in=[pk for pk in picked if pk not in found]).values_list(
            "pk", "translation_key"
        )
    )
    aliases = {}
    if others:
        by_key = {
            page.translation_key: page for page in activities.filter(translation_key__in=others.values())
        }
        for pk, key in others.items():
            page = by_key.get(key)
            if page is not None and page.pk != pk:
                aliases[pk] = page.pk
                if page.pk not in found:
                    pages.append(page)
                    found.add(page.pk)
    candidates = {page.pk: candidate_from(page) for page in pages}
    return Library(candidates, {page.pk: page for page in pages}, aliases)


@dataclass
class Library:
    """The candidates of a plan: {id: Candidate}, {id: page}, and {id named
    in the link: id of its translation in this library}."""

    candidates: dict
    pages: dict
    aliases: dict

    def values(self):
        return self.candidates.values()

    def get(self, pk):
        return self.candidates.get(self.aliases.get(pk, pk))


def build_plan(meeting, rows, candidates):
    # `candidates`: {id: Candidate}, or a Library, which also finds translations.
    """The Plan of `meeting` (a PlannerForm's cleaned data) and `rows`; rows
    naming an activity that is not in the library, or that cannot fill its
    role, are left out and counted."""
    items, dropped = [], 0
    for row in rows:
        activity = None
        if row.kind in rules.ROLES:
            activity = candidates.get(row.activity_id)
            if activity is None or not activity.can_fill(row.kind):
                dropped += 1
                continue
        items.append(
            planner.Item(row.kind, activity, row.minutes, row.note if row.kind == planner.FREE else "")
        )
    plan = planner.Plan(
        budget=meeting["budget"],
        people=meeting.get("people"),
        setting=meeting.get("setting") or None,
        meeting=meeting.get("meeting") or planner.DEFAULT_MEETING,
        start=meeting.get("start"),
        items=tuple(items),
    )
    return plan, dropped


@dataclass
class Options:
    """What a suggestion is asked for, kept in the plan's URL so the form shows it again."""

    coursework: int = planner.DEFAULT_COURSEWORK
    with_break: bool = True
    with_energizer: bool = False
    # Parameters the planner carries through unchanged (`week`: the circle week being edited).
    extra: dict = field(default_factory=dict)


def query_for(plan, options=None, variant=None):
    """The canonical query string of `plan`: what its URL and a saved plan hold."""
    options = options or Options()
    data = QueryDict(mutable=True)
    data["budget"] = str(plan.budget)
    if plan.people:
        data["people"] = str(plan.people)
    if plan.setting:
        data["setting"] = plan.setting
    data["meeting"] = plan.meeting
    if plan.start is not None:
        data["start"] = planner.clock_time(plan.start, 0)
    data["coursework"] = str(options.coursework)
    if options.with_break:
        data["with_break"] = "on"
    if options.with_energizer:
        data["with_energizer"] = "on"
    if variant:
        data["variant"] = str(variant)
    for name, value in options.extra.items():
        data[name] = value
    for name, getter in (
        ("kind", lambda item: item.role),
        ("activity", lambda item: str(item.activity.id) if item.activity else ""),
        ("minutes", lambda item: "" if item.own_minutes is None else str(item.own_minutes)),
        ("note", lambda item: item.note),
    ):
        data.setlist(name, [getter(item) for item in plan.items])
    return data.urlencode()


def options_from(meeting):
    return Options(
        coursework=meeting.get("coursework") or 0,
        with_break=bool(meeting.get("with_break")),
        with_energizer=bool(meeting.get("with_energizer")),
    )


def addable(candidates, plan):
    """[(role, [candidates])] an activity can be added from: those that suit
    the plan's group, setting and meeting and are not in it yet."""
    return [
        (
            role,
            planner.suitable(
                candidates.values(), role, plan.people, plan.setting, exclude=plan.ids, meeting=plan.meeting
            ),
        )
        for role in rules.ROLES
    ]
