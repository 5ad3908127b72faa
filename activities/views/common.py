"""What the activity views share: the library they work in and the planner's labels."""

from django.http import Http404
from django.utils.translation import gettext_lazy

from ..models import ActivityIndexPage

# The header link to the planner lives in templates/includes/main_navigation.html;
# its label is translated in this app's catalogue.
PLANNER_NAV_LABEL = gettext_lazy("Planner")

ROLE_LABELS = {
    "checkin": gettext_lazy("Check-in"),
    "learning": gettext_lazy("Learning activity"),
    "energizer": gettext_lazy("Energizer"),
    "reflection": gettext_lazy("Reflection"),
    "coursework": gettext_lazy("Coursework"),
    "break": gettext_lazy("Break"),
    "free": gettext_lazy("Free item"),
}


def current_library():
    library = ActivityIndexPage.for_locale()
    if library is None:
        raise Http404("There is no activity library yet.")
    return library


def steps_of(page):
    return [
        {"text": step.value.get("text", ""), "minutes": step.value.get("minutes")}
        for step in page.steps
        if step.block_type == "step"
    ]
