"""What the library learns from use: figures another app contributes.

The activities app does not know where use is recorded. An app above it
(reports: facilitators' field reports) registers one provider from its
AppConfig.ready, and the library, the planner and the activity page ask
this module, so nothing here imports that app. Without a provider every
activity is unused and its typical length comes from its own durations.

A provider has:

- ``uses()``: an expression, for a queryset of ActivityPages, counting how
  often each was used (the library's "most used" sort);
- ``reported_minutes()``: an expression giving how long each took by the
  reports, or NULL when too few say so (rules.typical_minutes reads it);
- ``for_page(page)``: the figures an activity page shows (an object with a
  ``reported_minutes`` attribute, or None), in at most one query.
"""

from django.db.models import FloatField, IntegerField, Value

_provider = None


class NoUse:
    """The provider in force when no app registered one."""

    registered = False

    def uses(self):
        return Value(0, output_field=IntegerField())

    def reported_minutes(self):
        return Value(None, output_field=FloatField())

    def for_page(self, page):
        return None


def register(provider):
    global _provider
    _provider = provider


def provider():
    return _provider or NoUse()


def annotate(queryset):
    """`queryset` with each activity's reported length as `reported_minutes`
    (None where there are too few reports), for rules.typical_minutes."""
    if _provider is None:
        return queryset
    return queryset.annotate(reported_minutes=_provider.reported_minutes())
