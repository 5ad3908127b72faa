"""What the reports say, for the activities app (activities.usage).

The activity page gets its figures in one query (the latest visible reports
on it, in every language), kept in the cache under the content generation
(core.cache: a report filed, changed or hidden moves it on, as it does the
cached pages), so a page shown again costs none; the library and the
planner get SQL expressions
(how often an activity was used, how long it took on average), correlated
on the activity's translation key, so they cost no query of their own.

The planner uses reported durations only where at least
FIELD_REPORTS_FOR_TYPICAL_LENGTH visible reports say how long the activity
took (a setting; MIN_REPORTS by default): a single report is an anecdote.
"""

import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, FloatField, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.cache import CONTENT, cache_is_degraded, generation
from core.fragments import lazy

from .models import FieldReport, Outcome

MIN_REPORTS = 3
# The most reports the activity page reads (the newest): the figures of a
# much-used activity are those of its recent use.
PAGE_LIMIT = 200
NOTES_SHOWN = 3
CACHE_SECONDS = 60 * 60
_MEMO = "_field_report_figures"


def min_reports():
    """How many reports make the planner trust their durations."""
    return getattr(settings, "FIELD_REPORTS_FOR_TYPICAL_LENGTH", MIN_REPORTS)


def spread(values):
    """(low, high) of the middle half of `values` (all of them when there
    are fewer than four), as whole numbers."""
    values = sorted(values)
    if not values:
        return None, None
    if len(values) < 4:
        return values[0], values[-1]
    low, _median, high = statistics.quantiles(values, n=4, method="inclusive")
    return round(low), round(high)


@dataclass
class Figures:
    """What the reports on one activity say."""

    uses: int = 0
    minutes_low: int | None = None
    minutes_high: int | None = None
    people_low: int | None = None
    people_high: int | None = None
    reported_minutes: float | None = None  # the mean, where enough reports say so
    outcomes: list = field(default_factory=list)  # [(Outcome, count)], best first, counted ones only
    notes: list = field(default_factory=list)  # the newest reports with a note
    reports: list = field(default_factory=list, repr=False)  # the reports read, newest first

    def own(self, user):
        """`user`'s newest visible report on the activity, or None."""
        if not user.is_authenticated:
            return None
        return next((report for report in self.reports if report.author_id == user.pk), None)

    @property
    def summary(self):
        """ "Used in 12 meetings; took 12 to 18 minutes with 5 to 9 people."
        in the active language (the ranges are the middle half of the reports)."""
        if not self.uses:
            return ""
        uses = ngettext("Used in %(count)d meeting", "Used in %(count)d meetings", self.uses) % {
            "count": self.uses
        }
        if self.minutes_low == self.minutes_high:
            minutes = ngettext("took %(count)d minute", "took %(count)d minutes", self.minutes_high) % {
                "count": self.minutes_high
            }
        else:
            minutes = ngettext(
                "took %(low)d to %(high)d minute", "took %(low)d to %(high)d minutes", self.minutes_high
            ) % {"low": self.minutes_low, "high": self.minutes_high}
        if self.people_low == self.people_high:
            people = ngettext("with %(count)d person", "with %(count)d people", self.people_high) % {
                "count": self.people_high
            }
        else:
            people = ngettext(
                "with %(low)d to %(high)d person", "with %(low)d to %(high)d people", self.people_high
            ) % {"low": self.people_low, "high": self.people_high}
        return _("%(uses)s; %(minutes)s %(people)s.") % {"uses": uses, "minutes": minutes, "people": people}


def figures_of(reports, threshold=None):
    """Figures from visible `reports` (newest first)."""
    threshold = min_reports() if threshold is None else threshold
    reports = list(reports)
    if not reports:
        return Figures()
    minutes = [report.minutes for report in reports]
    people = [report.people for report in reports]
    counted = Counter(report.outcome for report in reports)
    figures = Figures(uses=len(reports), reports=reports)
    figures.minutes_low, figures.minutes_high = spread(minutes)
    figures.people_low, figures.people_high = spread(people)
    if len(reports) >= threshold:
        figures.reported_minutes = statistics.fmean(minutes)
    figures.outcomes = [(outcome, counted[outcome.value]) for outcome in Outcome if counted[outcome.value]]
    figures.notes = [report for report in reports if report.note][:NOTES_SHOWN]
    return figures


def _visible_on(key):
    return FieldReport.objects.visible().filter(activity_key=key).order_by()


class ReportedUse:
    """The provider activities.usage asks."""

    registered = True

    def uses(self):
        counted = (
            _visible_on(OuterRef("translation_key"))
            .values("activity_key")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    def reported_minutes(self):
        mean = (
            _visible_on(OuterRef("translation_key"))
            .values("activity_key")
            .annotate(n=Count("pk"), mean=Avg("minutes"))
            .filter(n__gte=min_reports())
            .values("mean")[:1]
        )
        return Subquery(mean, output_field=FloatField())

    def for_page(self, page):
        """The figures of `page` (memoized on it: one query per page and request)."""
        if getattr(page, _MEMO, None) is None:
            setattr(page, _MEMO, _cached_figures(page))
        return getattr(page, _MEMO)


def _read_figures(page):
    # A much-used activity's figures are those of its newest PAGE_LIMIT reports.
    reports = list(
        FieldReport.objects.visible()
        .for_activity(page)
        .select_related("author")
        .order_by("-met_on", "-pk")[:PAGE_LIMIT]
    )
    return figures_of(reports)


def _cached_figures(page):
    """The figures of `page`, from the cache while no report changed. While
    the shared cache is out they are read every time (core.cache)."""
    if cache_is_degraded():
        return _read_figures(page)
    key = f"reports:figures:{generation(CONTENT)}:{page.translation_key}:{min_reports()}"
    figures = cache.get(key)
    if figures is None:
        figures = _read_figures(page)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def activity_section(page, request):
    """The "field reports" section beside an activity (core.sections)."""
    from .forms import FieldReportForm

    figures = ReportedUse().for_page(page)
    user = request.user
    own = figures.own(user)
    today = timezone.localdate()
    reported_today = own is not None and own.met_on == today
    return {
        "page": page,
        "figures": figures,
        "own": own,
        "show_form": user.is_authenticated and not reported_today,
        # Unbound: the same for every member on a given day (its default date),
        # so the template renders it once for all of them; built only then.
        "form": lazy(lambda: FieldReportForm(page=page)),
        "today": today,
        "reported_today": reported_today,
        "can_hide": can_hide(user),
    }


def can_hide(user):
    """Forum moderators (and superusers) hide reports."""
    return bool(getattr(user, "is_authenticated", False) and user.is_forum_moderator)
