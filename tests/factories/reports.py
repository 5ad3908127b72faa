"""Field reports: ``FieldReportFactory(activity=page)`` files one by a new
member, today, 12 minutes with 6 people in person, in English, "went well"."""

import factory
from django.utils import timezone

from reports.models import FieldReport, Outcome
from tests.factories.core import UserFactory


class FieldReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldReport

    activity = None  # an ActivityPage: required
    activity_key = factory.LazyAttribute(lambda report: report.activity.translation_key)
    author = factory.SubFactory(UserFactory)
    met_on = factory.LazyFunction(timezone.localdate)
    minutes = 12
    people = 6
    setting = "in-person"
    language = "en"
    outcome = Outcome.WELL
    note = ""
