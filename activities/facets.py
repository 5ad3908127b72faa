"""The controlled vocabularies of an activity, in one place.

Each multi-valued attribute (meeting phase, grouping, setting, low-tech use)
is stored as one boolean column per option. That keeps filtering a plain
``WHERE phase_reflection`` and lets the index page count every option of every
facet in a single aggregate query (``COUNT(*) FILTER (WHERE ...)`` on
PostgreSQL, ``SUM(CASE ...)`` on SQLite) instead of joining a tag-like table
per option. The lists are short and fixed by the method, so adding an option
is a migration, which is what a controlled list should cost.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The longest an activity (or a step of one) can run, and the largest group
# it can be for: the bounds every form, filter and the planner check against.
MAX_MINUTES = 240
MAX_GROUP_SIZE = 500


@dataclass(frozen=True)
class Option:
    value: str  # what appears in the URL
    label: str
    field: str  # the boolean column on ActivityPage


@dataclass(frozen=True)
class Facet:
    key: str  # the GET parameter
    label: str
    options: tuple
    # "any": an activity matches if it has any chosen option (OR within the facet);
    # "all": it must have every chosen option (low-tech needs add up).
    mode: str = "any"

    def choices(self):
        return [(option.value, option.label) for option in self.options]

    def option(self, value):
        return next((option for option in self.options if option.value == value), None)

    def q(self, values):
        """The condition for the chosen option values (empty Q when none)."""
        chosen = [option for option in self.options if option.value in set(values)]
        if not chosen:
            return Q()
        condition = Q(**{chosen[0].field: True})
        for option in chosen[1:]:
            if self.mode == "all":
                condition &= Q(**{option.field: True})
            else:
                condition |= Q(**{option.field: True})
        return condition

    def values_of(self, activity):
        return [option.value for option in self.options if getattr(activity, option.field)]

    def labels_of(self, activity):
        return [option.label for option in self.options if getattr(activity, option.field)]


PHASE = Facet(
    key="phase",
    label=_("Meeting phase"),
    options=(
        Option("check-in", _("Check-in"), "phase_check_in"),
        Option("energizer", _("Energizer"), "phase_energizer"),
        Option("learning", _("Learning activity"), "phase_learning"),
        Option("reflection", _("Reflection"), "phase_reflection"),
        Option("closing", _("Closing"), "phase_closing"),
    ),
)

GROUPING = Facet(
    key="grouping",
    label=_("Grouping"),
    options=(
        Option("solo", _("Solo"), "grouping_solo"),
        Option("pairs", _("Pairs"), "grouping_pairs"),
        Option("small-groups", _("Small groups"), "grouping_small_groups"),
        Option("whole-group", _("Whole group"), "grouping_whole_group"),
    ),
)

SETTING = Facet(
    key="setting",
    label=_("Setting"),
    options=(
        Option("in-person", _("In person"), "setting_in_person"),
        Option("online", _("Online"), "setting_online"),
        Option("hybrid", _("Hybrid"), "setting_hybrid"),
    ),
)

LOW_TECH = Facet(
    key="lowtech",
    label=_("Low-tech"),
    options=(
        Option("no-projector", _("No projector"), "no_projector"),
        Option("no-internet", _("No internet"), "no_internet"),
        Option("no-writing", _("No writing materials"), "no_writing_materials"),
    ),
    mode="all",
)

# Which meeting of a circle an activity suits: the first (introductions,
# norms, goals), any week in between, the last (celebration, what next).
# Not a library filter facet; the planner and the activity page use it.
MEETING = Facet(
    key="meeting",
    label=_("Meeting"),
    options=(
        Option("first", _("First meeting"), "meeting_first"),
        Option("middle", _("A week in between"), "meeting_middle"),
        Option("last", _("Last meeting"), "meeting_last"),
    ),
)
MEETINGS = tuple(option.value for option in MEETING.options)

FACETS = (PHASE, GROUPING, SETTING, LOW_TECH)

# Words a facilitator types for an option, beyond its label in each language
# (the labels are found already): the site search finds the activities with
# that option by any of them, in every language.
SEARCH_WORDS = {
    "check-in": "check in opening round warm-up apertura ronda de apertura bienvenida ouverture tour de table accueil",
    "energizer": (
        "energizer energiser energizers icebreaker ice breaker warm-up "
        "dinamizador dinamizadora dinamizadores dinámica rompehielos calentamiento "
        "brise-glace énergisant remise en énergie dynamiseur"
    ),
    "learning": "learning activity actividad de aprendizaje activité d'apprentissage",
    "reflection": "reflection debrief reflexión reflexiones balance réflexion bilan retour réflexif",
    "closing": "closing wrap-up goodbye cierre despedida clôture conclusion",
    "pairs": "pairs pair work parejas binômes en binôme",
    "small-groups": "small groups breakout grupos pequeños petits groupes",
    "whole-group": "whole group plenary grupo completo plenaria grand groupe plénière",
    "online": "online virtual video call en línea en ligne à distance visio",
    "hybrid": "hybrid híbrido hybride",
    "in-person": "in person face to face presencial en présentiel",
}
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}

LICENCES = [
    ("cc-by-sa-4.0", "CC BY-SA 4.0"),
    ("cc-by-4.0", "CC BY 4.0"),
    ("cc0-1.0", "CC0 1.0"),
]
LICENCE_URLS = {
    "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
DEFAULT_LICENCE = "cc-by-sa-4.0"
