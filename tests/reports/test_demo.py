"""The demo's field reports (reports/demo_data/reports.md) load, make the
feature show on a fresh site, and loading them again changes nothing."""

import pytest
from django.utils import translation

from activities import rules, usage
from activities.models import ActivityPage
from reports import demo
from reports.figures import ReportedUse, min_reports
from reports.models import FieldReport
from tests.factories.activities import whole_demo

# In one worker, which seeds the demo once for all of them (whole_demo).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("whole-demo")]


@pytest.fixture(scope="module", autouse=True)
def site_skeleton():
    """No skeleton of the conftest's: the demo makes its own home pages."""


@pytest.fixture(scope="module", autouse=True)
def homes(django_db_setup, django_db_blocker):
    with whole_demo(django_db_blocker) as homes:
        yield homes


def test_every_entry_is_a_report_and_loading_again_adds_none():
    entries = demo.entries()
    assert FieldReport.objects.count() == len(entries) >= 30
    assert demo.seed(None) == 0
    assert FieldReport.objects.count() == len(entries)


def test_the_demo_has_a_hidden_report_that_the_figures_leave_out():
    hidden = FieldReport.objects.get(hidden=True)
    figures = ReportedUse().for_page(ActivityPage.objects.get(pk=hidden.activity_id))
    assert hidden.note and hidden not in figures.notes


def test_plus_delta_shows_its_use_and_the_planner_learns_its_length():
    page = ActivityPage.objects.get(slug="plus-delta", locale__language_code="en")
    figures = ReportedUse().for_page(page)
    assert figures.uses >= 10
    with translation.override("en"):
        assert figures.summary.startswith(f"Used in {figures.uses} meetings; took ")
    annotated = usage.annotate(ActivityPage.objects.filter(pk=page.pk)).get()
    assert figures.uses >= min_reports()
    # Listed 3-20 minutes (typically 12): the reports say a little less or more.
    assert rules.typical_minutes(annotated) == round(figures.reported_minutes + 0.4999)
