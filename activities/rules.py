"""When an activity suits a meeting: the library's fit rules, each written once.

Each rule has two forms that say the same thing:

- a predicate on anything with an activity's fields (an ActivityPage, or the
  planner's Candidate, which works without the database);
- a database condition (a Q) for the library's filters and the planner's
  query for candidates.

The planner's roles live here too (which meeting phases let an activity fill
which slot of a plan, and which slot an activity goes into first), and when
a member's submission still counts as waiting.
"""

import math

from django.db.models import F, Q
from django.db.models.lookups import IsNull, LessThanOrEqual

from . import usage

# Time ----------------------------------------------------------------------


def fits_in(activity, minutes):
    """It can be done within `minutes`: its shortest run fits."""
    return activity.duration_min <= minutes


def fits_in_q(minutes):
    return Q(duration_min__lte=minutes)


def lasts_at_least(activity, minutes):
    """It can fill `minutes`: its longest run is at least that long."""
    return activity.duration_max >= minutes


def lasts_at_least_q(minutes):
    return Q(duration_max__gte=minutes)


def typical_minutes(activity):
    """How long it usually takes. Where enough facilitators reported how long
    it really took (activities.usage: `reported_minutes`, the mean of their
    reports, set by the registered provider), that, rounded up to a whole
    minute; otherwise the middle of its shortest and longest run, rounded up.
    The planner schedules activities at this length and the library's
    "fits in" filter means it."""
    reported = getattr(activity, "reported_minutes", None)
    if reported is not None:
        return max(1, math.ceil(reported))
    return (activity.duration_min + activity.duration_max + 1) // 2


def typically_fits_in(activity, minutes):
    """Its typical length fits within `minutes`."""
    return typical_minutes(activity) <= minutes


def typically_fits_in_q(minutes):
    # ceil((shortest + longest) / 2) <= minutes  <=>  shortest + longest <= 2 * minutes
    by_durations = Q(duration_min__lte=2 * minutes - F("duration_max"))
    if not usage.provider().registered:
        return by_durations
    # ceil(reported) <= minutes  <=>  reported <= minutes (a whole number)
    reported = usage.provider().reported_minutes()
    return Q(LessThanOrEqual(reported, minutes)) | (Q(IsNull(reported, True)) & by_durations)


# Which meeting of a circle ------------------------------------------------------


def suits_meeting(activity, meeting):
    """It suits `meeting` (first, middle or last; None for any)."""
    return not meeting or meeting in activity.meetings


def suits_meeting_q(meeting):
    return Q(**{f"meeting_{meeting}": True}) if meeting else Q()


# Group size ------------------------------------------------------------------


def works_for(activity, people):
    """It works for a group of `people` (no largest group means no limit)."""
    return activity.group_min <= people and (activity.group_max is None or activity.group_max >= people)


def works_for_q(people):
    return Q(group_min__lte=people) & (Q(group_max__isnull=True) | Q(group_max__gte=people))


# Planner roles -----------------------------------------------------------------

# The slots of a plan, in agenda order, and the meeting phases (facets.PHASE
# values) that let an activity fill each.
ROLE_PHASES = {
    "checkin": frozenset({"check-in"}),
    "learning": frozenset({"learning"}),
    "energizer": frozenset({"energizer"}),
    "reflection": frozenset({"reflection", "closing"}),
}
ROLES = tuple(ROLE_PHASES)


def can_fill(phases, role):
    """An activity with these meeting phases can fill `role`."""
    return not ROLE_PHASES[role].isdisjoint(phases)


def first_role(phases):
    """The role an activity with these phases goes into first (its "plan a
    meeting with it" link): the first it can fill, else a learning activity."""
    return next((role for role in ROLES if can_fill(phases, role)), "learning")


# Members' submissions ----------------------------------------------------------


def awaiting_publication(page):
    """A submission that has never been published: a draft, in review or sent back."""
    return not page.live and page.first_published_at is None


def awaiting_publication_q():
    return Q(live=False, first_published_at__isnull=True)
