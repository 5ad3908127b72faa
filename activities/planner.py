"""Meeting-planning arithmetic on plain values, with no database, so it is
easy to test. Whether an activity fits, suits a group or a meeting, or can
fill a role is decided by activities.rules, which the library's queries share.

A plan is a time budget for one meeting, an optional group size and setting,
which meeting of the circle it is (first, a week in between, last), an
optional start time, and an ordered list of items. An item is an activity in
a role (check-in, learning activity, energizer, reflection), the coursework
(the course itself), a break or a free item ("announcements"). Each item
runs for its own minutes when the facilitator set them, else for the
activity's *typical* length (rules.typical_minutes), else for its kind's
default. The plan's total is the sum of its items.

Suggestions follow the learning-circle meeting as the site's own "Meeting
structure" guide lays it out for 90 minutes: check-in about 10 minutes, one
learning activity about 15, coursework about 50, a 5-minute break, closing
reflection about 10 (SHAPE). They fill the activity slots with activities
whose phase fits the slot and that suit the meeting, at their typical
length, inside the budget, and say which slot could not be filled and why.
"""

from dataclasses import dataclass, field, replace

from . import rules
from .facets import MEETINGS

MIN_BUDGET, MAX_BUDGET, DEFAULT_BUDGET = 10, 480, 90
DEFAULT_MEETING = "middle"
MAX_ITEMS = 15
MAX_NOTE = 80

# Kinds of item that are not activities from the library.
COURSEWORK, BREAK, FREE = "coursework", "break", "free"
KINDS = (*rules.ROLES, COURSEWORK, BREAK, FREE)
DEFAULT_MINUTES = {
    "checkin": 10,
    "learning": 15,
    "energizer": 5,
    "reflection": 10,
    COURSEWORK: 50,
    BREAK: 5,
    FREE: 5,
}
DEFAULT_COURSEWORK = DEFAULT_MINUTES[COURSEWORK]

# The shape of a suggested meeting, in agenda order: (kind, target minutes).
# The energizer is added only when asked for, the break unless asked not to.
SHAPE = (
    ("checkin", 10),
    ("learning", 15),
    ("energizer", 5),
    (COURSEWORK, None),
    (BREAK, DEFAULT_MINUTES[BREAK]),
    ("reflection", 10),
)
# The order activity slots are filled in when time is short: both ends of the
# meeting first ("cut from the middle"), then the learning activity.
# A first meeting fills its learning slot before the reflection: agreeing on
# norms and goals is what that meeting is for.
FILL_ORDER = ("checkin", "reflection", "learning", "energizer")
FIRST_MEETING_FILL_ORDER = ("checkin", "learning", "reflection", "energizer")


@dataclass(frozen=True)
class Candidate:
    """What the planner needs to know about an activity."""

    id: int
    title: str
    duration_min: int
    duration_max: int
    group_min: int = 1
    group_max: int | None = None
    phases: frozenset = frozenset()
    settings: frozenset = frozenset()
    meetings: frozenset = frozenset(MEETINGS)
    # How long it took by facilitators' reports, where enough say so (activities.usage).
    reported_minutes: float | None = None

    @property
    def typical(self):
        return rules.typical_minutes(self)

    @property
    def duration_text(self):
        if self.duration_min == self.duration_max:
            return str(self.duration_min)
        return f"{self.duration_min}–{self.duration_max}"

    def fits_group(self, people):
        return not people or rules.works_for(self, people)

    def fits_setting(self, setting):
        return not setting or setting in self.settings

    def fits_meeting(self, meeting):
        return rules.suits_meeting(self, meeting)

    def can_fill(self, role):
        return rules.can_fill(self.phases, role)

    def suits(self, role, people=None, setting=None, meeting=None):
        return (
            self.can_fill(role)
            and self.fits_group(people)
            and self.fits_setting(setting)
            and self.fits_meeting(meeting)
        )


@dataclass(frozen=True)
class Item:
    """One line of the agenda. `own_minutes` is what the facilitator set;
    without it an activity runs for its typical length."""

    role: str
    activity: Candidate | None = None
    own_minutes: int | None = None
    note: str = ""

    @property
    def minutes(self):
        if self.own_minutes is not None:
            return self.own_minutes
        if self.activity is not None:
            return self.activity.typical
        return DEFAULT_MINUTES[self.role]

    @property
    def is_activity(self):
        return self.activity is not None


@dataclass(frozen=True)
class Plan:
    budget: int = DEFAULT_BUDGET
    people: int | None = None
    setting: str | None = None
    meeting: str = DEFAULT_MEETING
    start: int | None = None  # minutes after midnight
    items: tuple = field(default_factory=tuple)

    @property
    def total(self):
        return sum(item.minutes for item in self.items)

    @property
    def coursework(self):
        return sum(item.minutes for item in self.items if item.role == COURSEWORK)

    @property
    def remaining(self):
        return self.budget - self.total

    @property
    def over_by(self):
        return max(0, self.total - self.budget)

    @property
    def over_budget(self):
        return self.total > self.budget

    @property
    def ids(self):
        return {item.activity.id for item in self.items if item.activity is not None}

    @property
    def activities(self):
        return [item.activity for item in self.items if item.activity is not None]

    def in_role(self, role):
        return [item for item in self.items if item.role == role]

    def misfits(self):
        """Activity items that do not suit the plan's group, setting or meeting."""
        return [
            item
            for item in self.items
            if item.activity is not None
            and not item.activity.suits(item.role, self.people, self.setting, self.meeting)
        ]

    # Editing: each returns a new plan ---------------------------------------

    def _with_items(self, items):
        return replace(self, items=tuple(items))

    def with_item(self, index, activity):
        """The item at `index` done with `activity` instead, at its typical length."""
        items = list(self.items)
        items[index] = replace(items[index], activity=activity, own_minutes=None)
        return self._with_items(items)

    def without_item(self, index):
        items = list(self.items)
        del items[index]
        return self._with_items(items)

    def moved(self, index, step):
        """The item at `index` moved `step` places (-1 up, +1 down); at either end nothing moves."""
        target = index + step
        if not (0 <= index < len(self.items) and 0 <= target < len(self.items)):
            return self
        items = list(self.items)
        items[index], items[target] = items[target], items[index]
        return self._with_items(items)

    def resized(self, index, minutes):
        items = list(self.items)
        items[index] = replace(items[index], own_minutes=minutes)
        return self._with_items(items)

    def added(self, item):
        if len(self.items) >= MAX_ITEMS:
            return self
        return self._with_items([*self.items, item])


@dataclass(frozen=True)
class AgendaRow:
    index: int
    start: int
    end: int
    item: Item

    @property
    def role(self):
        return self.item.role

    @property
    def minutes(self):
        return self.end - self.start


def agenda(plan):
    """The items in the plan's order with their start and end minutes."""
    rows, clock = [], 0
    for index, item in enumerate(plan.items):
        rows.append(AgendaRow(index, clock, clock + item.minutes, item))
        clock += item.minutes
    return rows


def clock_time(start, offset):
    """The time of day `offset` minutes after `start` (minutes after midnight), as "HH:MM"."""
    minutes = (start + offset) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# Suggestions --------------------------------------------------------------------


def suitable(candidates, role, people=None, setting=None, exclude=(), meeting=None):
    """Candidates that can fill `role` for this group and meeting, shortest typical first."""
    exclude = set(exclude)
    return sorted(
        (c for c in candidates if c.id not in exclude and c.suits(role, people, setting, meeting)),
        key=lambda c: (c.typical, c.duration_min, c.title.lower(), c.id),
    )


def _rotate(items, variant):
    if not items:
        return items
    shift = variant % len(items)
    return items[shift:] + items[:shift]


# The slots where a first or last meeting prefers activities made for it:
# introductions, norms and goals open a circle; celebration and what next close it.
MADE_FOR = {"first": ("checkin", "learning"), "last": ("learning", "reflection")}


def _closest(pool, target, limit, variant, meeting, role=None):
    """The candidate whose typical length is closest to `target` among those
    that typically fit in `limit`; in the slots of MADE_FOR, those made for
    this meeting (suiting fewest others) come first. `variant` steps through
    the next-closest ones."""
    fitting = [c for c in pool if rules.typically_fits_in(c, limit)]
    if not fitting:
        return None
    prefer = role in MADE_FOR.get(meeting, ())

    def rank(c):
        specific = len(c.meetings) if prefer else 0
        return (specific, abs(c.typical - target), c.typical, c.title.lower(), c.id)

    return _rotate(sorted(fitting, key=rank), variant)[0]


@dataclass(frozen=True)
class Gap:
    """A slot of the meeting's shape that a suggestion could not fill."""

    role: str
    reason: str  # "none_suits" (nothing in the library suits it) | "no_time"
    room: int = 0  # minutes that were left for it


@dataclass(frozen=True)
class Suggestion:
    plan: Plan
    gaps: tuple = ()


def suggest(
    candidates,
    budget,
    people=None,
    setting=None,
    coursework=DEFAULT_COURSEWORK,
    variant=0,
    meeting=DEFAULT_MEETING,
    with_break=True,
    with_energizer=False,
    start=None,
    exclude=(),
):
    """The meeting's shape (SHAPE) filled with activities that suit the
    group, setting and meeting, at their typical length, never over budget.
    Deterministic for the same inputs; `variant` asks for another plan.
    Activities in `exclude` (ids) are left out: a circle's other weeks."""
    exclude = set(exclude)
    candidates = [c for c in candidates if c.id not in exclude]
    base = Plan(budget=budget, people=people, setting=setting, meeting=meeting, start=start)
    room = budget - coursework - (DEFAULT_MINUTES[BREAK] if with_break else 0)
    targets = dict(SHAPE)
    order = FIRST_MEETING_FILL_ORDER if meeting == "first" else FILL_ORDER
    wanted = [role for role in order if role != "energizer" or with_energizer]
    pools = {role: suitable(candidates, role, people, setting, meeting=meeting) for role in wanted}
    chosen, gaps, used = {}, [], set()
    for position, role in enumerate(wanted):
        pool = [c for c in pools[role] if c.id not in used]
        if not pool:
            gaps.append(Gap(role, "none_suits"))
            continue
        # Keep room for the slots still to fill: each needs at least its shortest typical length.
        later = [
            min(c.typical for c in pools[other] if c.id not in used)
            for other in wanted[position + 1 :]
            if any(c.id not in used for c in pools[other])
        ]
        limit = room - sum(later)
        pick = _closest(pool, targets[role], limit, variant, meeting, role) or _closest(
            pool, targets[role], room, variant, meeting, role
        )
        if pick is None:
            gaps.append(Gap(role, "no_time", max(0, room)))
            continue
        chosen[role] = pick
        used.add(pick.id)
        room -= pick.typical

    items = []
    for kind, _target in SHAPE:
        if kind in chosen:
            items.append(Item(kind, chosen[kind]))
        elif kind == COURSEWORK and coursework:
            items.append(Item(COURSEWORK, own_minutes=coursework))
        elif kind == BREAK and with_break:
            items.append(Item(BREAK))
    return Suggestion(replace(base, items=tuple(items)), tuple(gaps))


def meeting_of_week(number, weeks):
    """Which meeting week `number` (1 is the first) of a `weeks`-week circle is."""
    if number <= 1:
        return "first"
    return "last" if number >= weeks else "middle"


def suggest_circle(candidates, weeks, budget, variant=0, exclude=(), **meeting):
    """A Suggestion for each week of a circle: week 1 shaped as a first
    meeting, the last week as a last meeting, the others as weeks in
    between, and no activity in two weeks (each week leaves out what the
    weeks before it took, and anything in `exclude`). `meeting` is what
    suggest() takes besides: people, setting, coursework, breaks, start.
    A week the library has too few activities left for says so in its gaps."""
    candidates = list(candidates)
    used = set(exclude)
    # The first and last meetings are the most particular: they choose first,
    # so a week in between cannot take the introductions or the celebration.
    order = sorted(
        range(1, weeks + 1), key=lambda number: (meeting_of_week(number, weeks) == "middle", number)
    )
    suggestions = {}
    for number in order:
        suggestion = suggest(
            candidates,
            budget,
            variant=variant,
            meeting=meeting_of_week(number, weeks),
            exclude=used,
            **meeting,
        )
        used |= suggestion.plan.ids
        suggestions[number] = suggestion
    return [suggestions[number] for number in range(1, weeks + 1)]


def swap_options(plan, index, candidates):
    """(shorter, longer) replacements for the activity at `index`: the same
    role, suiting the group, setting and meeting, not already in the plan.
    `shorter` is the longest of the typically shorter ones (the gentlest cut);
    `longer` the shortest of the longer ones that keeps the plan within
    budget. Either may be None; both are None for an item that is no activity."""
    item = plan.items[index]
    if item.activity is None:
        return None, None
    current = item.minutes
    pool = suitable(candidates, item.role, plan.people, plan.setting, exclude=plan.ids, meeting=plan.meeting)
    shorter = [c for c in pool if c.typical < current]
    longer = [c for c in pool if c.typical > current and plan.total - current + c.typical <= plan.budget]

    def pick(options, best):
        if not options:
            return None
        size = best(c.typical for c in options)
        return sorted((c for c in options if c.typical == size), key=lambda c: (c.title.lower(), c.id))[0]

    return pick(shorter, max), pick(longer, min)


def clamp(value, low, high, default=None):
    """`value` as an int within [low, high], or `default` when it is not a number."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))
