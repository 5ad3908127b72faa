"""Meeting-planning arithmetic, kept free of Django so it is easy to test.

A plan is a time budget for one meeting, an optional group size and setting,
optional minutes reserved for coursework, and activities in roles: one
check-in, one or more learning activities, an optional energizer and one
reflection.

Arithmetic uses each activity's *shortest* duration (``duration_min``): an
activity "fits" when its shortest run fits, and the plan's total is the sum
of shortest runs plus coursework. The longest total (``total_max``) is shown
beside it so the facilitator sees how much the meeting could stretch.
Suggestions and "longer" swaps never take the shortest total over budget.
"""

from dataclasses import dataclass, field, replace

ROLES = ("checkin", "learning", "energizer", "reflection")
# The meeting phases an activity needs to fill a role.
ROLE_PHASES = {
    "checkin": {"check-in"},
    "learning": {"learning"},
    "energizer": {"energizer"},
    "reflection": {"reflection", "closing"},
}
MAX_LEARNING = 5
MIN_BUDGET, MAX_BUDGET, DEFAULT_BUDGET = 10, 480, 90
# Share of the budget a suggestion aims to give the opening and the closing.
CHECKIN_SHARE, REFLECTION_SHARE = 0.12, 0.10
# A suggestion adds an energizer only to meetings at least this long.
ENERGIZER_FROM_MINUTES = 75


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

    @property
    def duration_text(self):
        if self.duration_min == self.duration_max:
            return str(self.duration_min)
        return f"{self.duration_min}–{self.duration_max}"

    def fits_group(self, people):
        if not people:
            return True
        return self.group_min <= people and (self.group_max is None or self.group_max >= people)

    def fits_setting(self, setting):
        return not setting or setting in self.settings

    def can_fill(self, role):
        return bool(self.phases & ROLE_PHASES[role])

    def suits(self, role, people=None, setting=None):
        return self.can_fill(role) and self.fits_group(people) and self.fits_setting(setting)


@dataclass(frozen=True)
class Item:
    role: str
    activity: Candidate

    @property
    def minutes(self):
        return self.activity.duration_min


@dataclass(frozen=True)
class Plan:
    budget: int = DEFAULT_BUDGET
    people: int | None = None
    setting: str | None = None
    coursework: int = 0
    items: tuple = field(default_factory=tuple)

    @property
    def total_min(self):
        return self.coursework + sum(item.activity.duration_min for item in self.items)

    @property
    def total_max(self):
        return self.coursework + sum(item.activity.duration_max for item in self.items)

    @property
    def remaining(self):
        return self.budget - self.total_min

    @property
    def over_by(self):
        return max(0, self.total_min - self.budget)

    @property
    def over_budget(self):
        return self.total_min > self.budget

    @property
    def ids(self):
        return {item.activity.id for item in self.items}

    def in_role(self, role):
        return [item for item in self.items if item.role == role]

    def misfits(self):
        """Items that do not suit the plan's group size or setting."""
        return [item for item in self.items if not item.activity.suits(item.role, self.people, self.setting)]

    def ordered(self):
        """Agenda order: check-in, first learning activity, energizer, other
        learning activities, then reflection (coursework goes before reflection)."""
        learning = self.in_role("learning")
        return (
            self.in_role("checkin")
            + learning[:1]
            + self.in_role("energizer")
            + learning[1:]
            + self.in_role("reflection")
        )

    def with_item(self, index, activity):
        items = list(self.items)
        items[index] = replace(items[index], activity=activity)
        return replace(self, items=tuple(items))

    def without_item(self, index):
        items = list(self.items)
        del items[index]
        return replace(self, items=tuple(items))


@dataclass(frozen=True)
class AgendaRow:
    start: int
    end: int
    title: str
    role: str
    item: Item | None = None


def agenda(plan):
    """Rows with start and end minutes, coursework placed before the reflection."""
    rows, clock = [], 0
    reflection = plan.in_role("reflection")
    for item in plan.ordered():
        if item in reflection:
            continue
        rows.append(AgendaRow(clock, clock + item.minutes, item.activity.title, item.role, item))
        clock += item.minutes
    if plan.coursework:
        rows.append(AgendaRow(clock, clock + plan.coursework, "", "coursework"))
        clock += plan.coursework
    for item in reflection:
        rows.append(AgendaRow(clock, clock + item.minutes, item.activity.title, item.role, item))
        clock += item.minutes
    return rows


def suitable(candidates, role, people=None, setting=None, exclude=()):
    """Candidates that can fill `role` for this group, shortest first."""
    exclude = set(exclude)
    return sorted(
        (c for c in candidates if c.id not in exclude and c.suits(role, people, setting)),
        key=lambda c: (c.duration_min, c.duration_max, c.title.lower(), c.id),
    )


def _rotate(items, variant):
    if not items:
        return items
    shift = variant % len(items)
    return items[shift:] + items[:shift]


def _closest(pool, target, limit, variant):
    """The candidate whose shortest run is closest to `target` minutes among
    those that fit in `limit`; `variant` steps through the next-closest ones."""
    fitting = [c for c in pool if c.duration_min <= limit]
    if not fitting:
        return None
    ranked = sorted(
        fitting, key=lambda c: (abs(c.duration_min - target), c.duration_min, c.title.lower(), c.id)
    )
    return _rotate(ranked, variant)[0]


def suggest(candidates, budget, people=None, setting=None, coursework=0, variant=0):
    """Fill `budget` with activities that suit the group: a check-in and a
    reflection sized to a share of the meeting, then learning activities
    (largest that still fits first), then an energizer in long meetings.
    Deterministic for the same inputs; `variant` asks for another plan.
    The shortest total never exceeds the budget."""
    base = Plan(budget=budget, people=people, setting=setting, coursework=coursework)
    room = budget - coursework
    if room <= 0:
        return base
    chosen = {}
    used = set()

    checkin_pool = suitable(candidates, "checkin", people, setting)
    checkin = _closest(checkin_pool, max(1, round(budget * CHECKIN_SHARE)), room, variant)
    if checkin is not None:
        chosen["checkin"] = checkin
        used.add(checkin.id)
        room -= checkin.duration_min

    reflection_pool = suitable(candidates, "reflection", people, setting, exclude=used)
    reflection = _closest(reflection_pool, max(1, round(budget * REFLECTION_SHARE)), room, variant)
    if reflection is not None:
        chosen["reflection"] = reflection
        used.add(reflection.id)
        room -= reflection.duration_min

    learning = []
    learning_pool = suitable(candidates, "learning", people, setting, exclude=used)
    while len(learning) < MAX_LEARNING:
        fitting = [c for c in learning_pool if c.id not in used and c.duration_min <= room]
        if not fitting:
            break
        # Largest first fills the time with fewer, fuller activities; the
        # variant rotates among those of the largest size and a few below.
        fitting.sort(key=lambda c: (-c.duration_min, c.title.lower(), c.id))
        pick = _rotate(fitting[:3], variant)[0] if not learning else fitting[0]
        learning.append(pick)
        used.add(pick.id)
        room -= pick.duration_min

    energizer = None
    if budget >= ENERGIZER_FROM_MINUTES:
        energizer_pool = suitable(candidates, "energizer", people, setting, exclude=used)
        energizer = _closest(energizer_pool, 5, room, variant)
        if energizer is not None:
            room -= energizer.duration_min

    items = []
    if "checkin" in chosen:
        items.append(Item("checkin", chosen["checkin"]))
    items += [Item("learning", activity) for activity in learning]
    if energizer is not None:
        items.append(Item("energizer", energizer))
    if "reflection" in chosen:
        items.append(Item("reflection", chosen["reflection"]))
    return replace(base, items=tuple(items))


def swap_options(plan, index, candidates):
    """(shorter, longer) replacements for the item at `index`: the same role,
    suiting the group and setting, not already in the plan. `shorter` is the
    longest of the shorter ones (the gentlest cut); `longer` is the shortest
    of the longer ones that keeps the plan within budget. Either may be None."""
    item = plan.items[index]
    current = item.activity
    pool = suitable(candidates, item.role, plan.people, plan.setting, exclude=plan.ids)
    shorter = [c for c in pool if c.duration_min < current.duration_min]
    longer = [
        c
        for c in pool
        if c.duration_min > current.duration_min
        and plan.total_min - current.duration_min + c.duration_min <= plan.budget
    ]
    shorter_pick = None
    if shorter:
        best = max(c.duration_min for c in shorter)
        shorter_pick = sorted(
            (c for c in shorter if c.duration_min == best), key=lambda c: (c.title.lower(), c.id)
        )[0]
    longer_pick = None
    if longer:
        best = min(c.duration_min for c in longer)
        longer_pick = sorted(
            (c for c in longer if c.duration_min == best), key=lambda c: (c.title.lower(), c.id)
        )[0]
    return shorter_pick, longer_pick


def clamp(value, low, high, default=None):
    """`value` as an int within [low, high], or `default` when it is not a number."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))
