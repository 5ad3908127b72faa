"""What the reports say: the activity page's figures, and the expressions
the library and the planner read through activities.usage."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from activities import rules, usage
from activities.models import ActivityPage
from reports.figures import ReportedUse, figures_of, spread
from tests.factories.reports import FieldReportFactory

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def file(activity, *rows, **fields):
    """One report per (minutes, people), each on its own day."""
    return [
        FieldReportFactory(activity=activity, minutes=minutes, people=people, met_on=days_ago(n), **fields)
        for n, (minutes, people) in enumerate(rows)
    ]


def test_spread_is_the_middle_half_or_everything_when_few():
    assert spread([]) == (None, None)
    assert spread([10]) == (10, 10)
    assert spread([20, 10, 15]) == (10, 20)
    assert spread([5, 12, 13, 14, 15, 16, 17, 18, 60]) == (13, 17)  # outliers left out


def test_the_provider_is_registered_by_the_reports_app():
    assert isinstance(usage.provider(), ReportedUse)


def test_figures_of_an_activity_leave_hidden_reports_out(activity):
    file(activity, (12, 5), (14, 7), (18, 9), (16, 6))
    FieldReportFactory(activity=activity, minutes=200, people=400, hidden=True)
    figures = ReportedUse().for_page(ActivityPage.objects.get(pk=activity.pk))
    assert figures.uses == 4
    assert (figures.minutes_low, figures.minutes_high) == (14, 16)
    assert figures.reported_minutes == 15
    with translation.override("en"):
        assert figures.summary == "Used in 4 meetings; took 14 to 16 minutes with 6 to 8 people."


def test_the_summary_has_plural_forms_in_every_language(activity):
    figures = figures_of([FieldReportFactory(activity=activity, minutes=1, people=1)])
    with translation.override("en"):
        assert figures.summary == "Used in 1 meeting; took 1 minute with 1 person."
    with translation.override("es"):
        assert figures.summary == "Usada en 1 reunión; duró 1 minuto con 1 persona."
    with translation.override("fr"):
        assert "1 séance" in figures.summary


def test_no_reports_no_figures(activity):
    figures = ReportedUse().for_page(activity)
    assert figures.uses == 0 and figures.summary == "" and figures.reported_minutes is None


def test_the_page_figures_cost_one_query_then_none_until_a_report_changes(
    activity, django_assert_num_queries, django_capture_on_commit_callbacks
):
    file(activity, (12, 5), (14, 7))
    with django_assert_num_queries(1):
        figures = ReportedUse().for_page(activity)
        assert ReportedUse().for_page(activity) is figures  # memoized on the page
    with django_assert_num_queries(0):
        assert (
            ReportedUse()
            .for_page(ActivityPage(pk=activity.pk, translation_key=activity.translation_key))
            .uses
            == 2
        )
    with django_capture_on_commit_callbacks(execute=True):
        FieldReportFactory(activity=activity, met_on=days_ago(30))
    with django_assert_num_queries(1):
        assert (
            ReportedUse()
            .for_page(ActivityPage(pk=activity.pk, translation_key=activity.translation_key))
            .uses
            == 3
        )


def test_typical_length_uses_reports_only_when_there_are_enough(activity):
    """The threshold is a setting (3 by default)."""
    annotated = lambda: usage.annotate(ActivityPage.objects.filter(pk=activity.pk)).get()  # noqa: E731
    assert rules.typical_minutes(annotated()) == 10  # (5 + 15) / 2
    file(activity, (20, 6), (21, 6))
    assert annotated().reported_minutes is None
    assert rules.typical_minutes(annotated()) == 10
    with override_settings(FIELD_REPORTS_FOR_TYPICAL_LENGTH=2):
        assert rules.typical_minutes(annotated()) == 21  # the mean, 20.5, rounded up
    FieldReportFactory(activity=activity, minutes=23, met_on=days_ago(10))
    assert rules.typical_minutes(annotated()) == 22  # (20 + 21 + 23) / 3 = 21.3


def test_the_library_fits_filter_means_the_same_typical_length(activity, library):
    from activities.filters import ActivityFilter

    file(activity, (25, 6), (25, 6), (25, 6))  # listed 5-15 (typically 10), reported 25

    def fitting(minutes):
        return list(ActivityFilter({"fits": minutes}, library.activities()).results)

    assert fitting(15) == []
    assert fitting(25) == [activity]


def test_uses_count_visible_reports_in_every_language(activity, library):
    from tests.factories.activities import translation_of

    translation_of(library, "es", title="Biblioteca", slug=f"biblioteca-{library.pk}")
    spanish = translation_of(activity, "es", title="Más/delta")
    file(activity, (10, 5))
    FieldReportFactory(activity=spanish, met_on=days_ago(3))
    FieldReportFactory(activity=activity, hidden=True, met_on=days_ago(4))
    page = ActivityPage.objects.annotate(uses=usage.provider().uses()).get(pk=activity.pk)
    assert page.uses == 2


def test_the_planner_schedules_an_activity_at_its_reported_length(activity, library):
    """plans.load_candidates reads the reported length with the candidates
    (no query of its own), and a suggestion uses it."""
    from activities import planner, plans

    file(activity, (24, 6), (26, 6), (25, 6))
    candidate = plans.load_candidates(library).get(activity.pk)
    assert candidate.reported_minutes == 25 and candidate.typical == 25
    plan = planner.Plan(budget=90, items=(planner.Item("learning", candidate),))
    assert plan.total == 25


def test_the_planner_page_shows_the_reported_length(client, activity, library):
    from django.urls import reverse

    file(activity, (24, 6), (26, 6), (25, 6))
    response = client.get(reverse("activities:planner") + f"?budget=90&kind=learning&activity={activity.pk}")
    assert "Typical 25 min (5–15)" in response.content.decode()
