"""The field report's own rules: one per member, activity and day (a
database constraint), bounds, dates, and a report belonging to the activity
in every language."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from reports.models import FieldReport
from tests.factories.activities import translation_of
from tests.factories.reports import FieldReportFactory

pytestmark = pytest.mark.django_db


def test_one_report_per_member_activity_and_day_is_a_database_constraint(activity, member):
    FieldReportFactory(activity=activity, author=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        FieldReportFactory(activity=activity, author=member)
    # Another day, another member, another activity: all fine.
    FieldReportFactory(
        activity=activity, author=member, met_on=timezone.localdate() - datetime.timedelta(days=7)
    )
    FieldReportFactory(activity=activity)
    assert FieldReport.objects.count() == 3


def test_the_constraint_holds_across_languages(library, activity, member):
    """A report filed on the Spanish page is the same activity's report."""
    translation_of(library, "es", title="Biblioteca", slug=f"biblioteca-{library.pk}")
    spanish = translation_of(activity, "es", title="Más/delta")
    FieldReportFactory(activity=activity, author=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        FieldReportFactory(activity=spanish, author=member)


def test_a_report_keeps_the_activitys_translation_key(activity, member):
    report = FieldReport(
        activity=activity, author=member, minutes=10, people=5, setting="online", language="en", outcome=3
    )
    report.save()
    assert report.activity_key == activity.translation_key
    assert list(FieldReport.objects.for_activity(activity)) == [report]


def test_minutes_and_people_are_bounded_in_the_database(activity, member):
    for fields in ({"minutes": 0}, {"minutes": 241}, {"people": 0}):
        with pytest.raises(IntegrityError), transaction.atomic():
            FieldReportFactory(activity=activity, author=member, **fields)


def test_the_meeting_day_is_not_in_the_future_nor_over_a_year_ago(activity, member):
    from django.core.exceptions import ValidationError

    today = timezone.localdate()
    for day in (today + datetime.timedelta(days=1), today - datetime.timedelta(days=400)):
        report = FieldReport(
            activity=activity, activity_key=activity.translation_key, author=member, met_on=day,
            minutes=10, people=5, setting="online", language="en", outcome=3,
        )  # fmt: skip
        with pytest.raises(ValidationError) as raised:
            report.full_clean()
        assert "met_on" in raised.value.message_dict


def test_hidden_reports_are_not_visible(activity):
    shown = FieldReportFactory(activity=activity)
    FieldReportFactory(activity=activity, hidden=True)
    assert list(FieldReport.objects.visible()) == [shown]
