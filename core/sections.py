"""Sections an app adds to a page another app owns: the home page shows the
first guides, the newest activities and the latest threads; a member's
profile shows what they did in the forum.

Apps register a section for a place from their AppConfig.ready; the owner
of the place renders every section registered for it, in order, each with
its own template, so neither side imports the other.

Places and what their sections' `items` callable receives:

- "home": the home page's locale
- "profile": the member whose profile it is, and the request
- "guide": a guide page (after its body: e.g. the forum's discussion of
  it), and the request
- "activity": the activity page, and the request (beside the activity, e.g.
  what facilitators reported from using it)
"""

from dataclasses import dataclass

HOME = "home"
PROFILE = "profile"
GUIDE = "guide"
ACTIVITY = "activity"


@dataclass(frozen=True)
class Section:
    key: str
    template: str  # rendered with `items` (what `items` returned)
    items: object  # callable(*the place's arguments) -> list (empty: the template says so)
    order: int = 0
    stylesheet: str = ""  # a static path the section's template needs, if any
    place: str = HOME
    # The home page's sections are the same for every reader, so rendered
    # once per generation of what they are built from (core.fragments):
    # "pages" (editorial content) or "content" (also members' writing).
    scope: str = "pages"


_SECTIONS = {}


def register(key, template, items, order=0, stylesheet="", place=HOME, scope="pages"):
    _SECTIONS[(place, key)] = Section(key, template, items, order, stylesheet, place, scope)


def sections(place=HOME):
    return sorted(
        (section for section in _SECTIONS.values() if section.place == place),
        key=lambda section: (section.order, section.key),
    )


def filled(place, *arguments):
    """[(section, items)] for `place`, in order; `arguments` are the place's."""
    return [(section, section.items(*arguments)) for section in sections(place)]


def rendered_home(locale, request=None):
    """[(section, html)] for the home page in `locale`: each section rendered
    from its template, and cached under its scope's generation, so that a
    home page costs no section query until content changes."""
    from django.template.loader import render_to_string

    from . import cache, fragments

    scopes = {"pages": cache.PAGES, "content": cache.CONTENT}

    def render(section):
        return render_to_string(section.template, {"items": section.items(locale), "request": request})

    return [
        (
            section,
            fragments.cached(
                f"home-section:{section.key}",
                (locale.pk,),
                lambda section=section: render(section),
                scope=scopes[section.scope],
            ),
        )
        for section in sections(HOME)
    ]
