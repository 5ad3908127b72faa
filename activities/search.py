"""Activities in the site search (core.search): an activity is also found by
its facet values and tags in every language, and by the words facilitators
use for them (facets.SEARCH_WORDS): "energizer", "dinamizador" and
"brise-glace" all find the energizers, on any language's search."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core import search

from .facets import FACETS, SEARCH_WORDS
from .tags import TagName

KIND = "activities"


def found_by(page):
    found = []
    for facet in FACETS:
        for option in facet.options:
            if not getattr(page, option.field, False):
                continue
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    found.append(str(option.label))
            found.append(SEARCH_WORDS.get(option.value, ""))
    tags = list(page.tags.all())
    found += [tag.name for tag in tags]
    for names in TagName.objects.filter(tag__in=tags):
        found += [names.name_es, names.name_fr]
    return " ".join(word for word in found if word)


def register(ActivityPage, ActivityIndexPage):  # noqa: N803 (the page models, from ActivitiesConfig.ready)
    search.register_pages(ActivityPage, KIND, _("Activities"), 20, extra_text=found_by)
    search.register_pages(ActivityIndexPage, KIND, _("Activities"), 20)
