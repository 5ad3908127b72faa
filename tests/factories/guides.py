"""The handbook: sections, guide indexes and guides, and `build_handbook`,
a whole handbook in three languages to test the index, the handbook order
and translations against."""

import datetime
from dataclasses import dataclass, field

import factory
from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Locale, Page

from guides.models import GuideIndexPage, GuidePage, GuideRelatedLink, GuideSection
from tests.factories.activities import PublishedPageFactory, in_service, translation_of

# Long enough to make a guide a two-minute read (more than 200 words).
LONG_TEXT = "<p>" + " ".join(["A circle meets every week and learns together."] * 30) + "</p>"


def default_body(heading="In short"):
    return [
        {"type": "heading", "value": {"text": heading, "level": "h2"}},
        {"type": "paragraph", "value": LONG_TEXT},
    ]


class GuideSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideSection

    title = factory.Sequence(lambda n: f"Section {n}")
    description = "What the guides in it are about."
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code=settings.LANGUAGE_CODE))
    sort_order = factory.Sequence(lambda n: n)


class GuideIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = GuideIndexPage

    title = "Guides"
    slug = factory.Sequence(lambda n: f"handbook-{n}")
    intro = "<p>A handbook for facilitating learning circles.</p>"


class GuidePageFactory(PublishedPageFactory):
    """A published guide (a chapter when its parent is a guide); `related`
    takes the guides to link to, in order."""

    class Meta:
        model = GuidePage

    title = factory.Sequence(lambda n: f"Guide {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = factory.LazyAttribute(lambda page: f"What {page.title} is about.")
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Some text.</p>"}])

    @factory.post_generation
    def related(page, create, extracted, **kwargs):
        for order, guide in enumerate(extracted or []):
            GuideRelatedLink.objects.create(page=page, guide=guide, sort_order=order)


# The handbook ------------------------------------------------------------------

SECTIONS = [
    ("getting-started", {"en": "Getting started", "es": "Primeros pasos", "fr": "Premiers pas"}),
    ("planning", {"en": "Planning a circle", "es": "Preparar un círculo", "fr": "Préparer un cercle"}),
    (
        "running-meetings",
        {"en": "Running meetings", "es": "Conducir las reuniones", "fr": "Animer les séances"},
    ),
    ("after", {"en": "After the circle", "es": "Después del círculo", "fr": "Après le cercle"}),
]
# slug, title, section (or "chapter of" a guide), related guides
GUIDES = [
    ("what-is-a-learning-circle", "What is a learning circle?", "getting-started", ["the-facilitators-role", "meeting-structure"]),
    ("the-facilitators-role", "The facilitator's role", "getting-started", ["what-is-a-learning-circle", "running-a-check-in"]),
    ("running-circles-in-a-public-library", "Running circles in a public library", "getting-started", ["choosing-an-online-course", "first-meeting-checklist"]),
    ("choosing-an-online-course", "Choosing an online course", "planning", ["group-composition-and-mixed-experience", "running-circles-in-a-public-library"]),
    ("group-composition-and-mixed-experience", "Group composition and mixed experience", "planning", ["choosing-an-online-course", "first-meeting-checklist"]),
    ("first-meeting-checklist", "First-meeting checklist", "planning", ["meeting-structure", "running-a-check-in"]),
    ("meeting-structure", "Meeting structure", "running-meetings", ["running-a-check-in", "plus-delta-reflection", "first-meeting-checklist"]),
    ("running-a-check-in", "Running a check-in", "chapter of meeting-structure", ["plus-delta-reflection", "the-facilitators-role"]),
    ("plus-delta-reflection", "The plus/delta reflection", "chapter of meeting-structure", ["running-a-check-in", "wrapping-up-a-circle"]),
    ("wrapping-up-a-circle", "Wrapping up a circle", "after", ["plus-delta-reflection", "running-circles-in-a-public-library"]),
]  # fmt: skip
INDEX_TITLES = {"en": "Guides", "es": "Guías", "fr": "Guides"}
# The guides translated, parents first: {language: {slug: (translated slug, title)}}.
TRANSLATIONS = {
    "es": {
        "what-is-a-learning-circle": (
            "que-es-un-circulo-de-aprendizaje",
            "¿Qué es un círculo de aprendizaje?",
        ),
        "the-facilitators-role": ("el-papel-de-quien-facilita", "El papel de quien facilita"),
        "meeting-structure": ("estructura-de-una-reunion", "Estructura de una reunión"),
        "running-a-check-in": ("como-hacer-la-ronda-de-inicio", "Cómo hacer la ronda de inicio"),
    },
    "fr": {
        "what-is-a-learning-circle": (
            "qu-est-ce-qu-un-cercle-d-apprentissage",
            "Qu'est-ce qu'un cercle d'apprentissage ?",
        ),
    },
}
TRANSLATED_BODY = {
    "es": [
        {"type": "heading", "value": {"text": "En resumen", "level": "h2"}},
        {"type": "paragraph", "value": "<p>" + " ".join(["Un círculo se reúne cada semana."] * 45) + "</p>"},
    ],
    "fr": [
        {"type": "heading", "value": {"text": "En bref", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>" + " ".join(["Personne ne se tient devant la classe."] * 35) + "</p>",
        },
    ],
}


def agenda(title, phases):
    return {
        "type": "agenda",
        "value": {
            "title": title,
            "planned_minutes": sum(minutes for _name, minutes in phases),
            "phases": [{"name": name, "minutes": minutes, "notes": ""} for name, minutes in phases],
        },
    }


# The meeting-structure guide holds a 90-minute agenda, in both its languages.
AGENDAS = {
    "en": agenda(
        "Typical timings for a 90-minute meeting",
        [("Check-in", 10), ("Activity", 15), ("Coursework", 50), ("Break", 5), ("Plus/delta", 10)],
    ),
    "es": agenda(
        "Tiempos habituales para una reunión de 90 minutos",
        [
            ("Ronda de inicio", 10),
            ("Actividad", 15),
            ("Trabajo del curso", 50),
            ("Pausa", 5),
            ("Más/delta", 10),
        ],
    ),
}
REVIEWED = datetime.date(2026, 10, 5)


@dataclass
class HandbookPages:
    index: dict  # {language: GuideIndexPage}
    sections: dict  # {language: {English title: GuideSection}}
    guides: dict = field(default_factory=dict)  # {language: {English slug: GuidePage}}

    def guide(self, slug, language=settings.LANGUAGE_CODE):
        return self.guides[language][slug]

    def fresh(self):
        """The same handbook read again from the database (three queries),
        for a test that may change it: a handbook made once for a module
        keeps no test's changes in memory."""
        pages = Page.objects.filter(
            pk__in=[page.pk for page in self.index.values()]
            + [page.pk for guides in self.guides.values() for page in guides.values()]
        ).specific()
        pages = {page.pk: page for page in pages}
        sections = GuideSection.objects.in_bulk(
            [section.pk for sections in self.sections.values() for section in sections.values()]
        )
        return HandbookPages(
            index={code: pages[page.pk] for code, page in self.index.items()},
            sections={
                code: {title: sections[section.pk] for title, section in by_title.items()}
                for code, by_title in self.sections.items()
            },
            guides={
                code: {slug: pages[page.pk] for slug, page in by_slug.items()}
                for code, by_slug in self.guides.items()
            },
        )


def build_handbook(homes):
    """The handbook the demo has, in shape: four sections, ten guides (two of
    them chapters of "Meeting structure") with related guides, the index and
    sections in every language, four guides in Spanish and one in French.
    Translations are copies an editor translated by hand (the demo's own are
    wagtail-localize translations, tested with the demo). The handbook is
    the site's: the demo's guides, while the suite still loads them, are
    unpublished for the test."""
    english = settings.LANGUAGE_CODE
    index = GuideIndexPageFactory(parent=homes[english], title=INDEX_TITLES[english])
    handbook = HandbookPages(index={english: index}, sections={english: {}}, guides={english: {}})
    for order, (_key, titles) in enumerate(SECTIONS, start=1):
        handbook.sections[english][titles[english]] = GuideSectionFactory(
            title=titles[english], sort_order=order
        )
    keys = {key: titles[english] for key, titles in SECTIONS}
    guides = handbook.guides[english]
    for slug, title, place, _related in GUIDES:
        chapter_of = place.removeprefix("chapter of ") if place.startswith("chapter of ") else None
        guides[slug] = GuidePageFactory(
            parent=guides[chapter_of] if chapter_of else index,
            title=title,
            slug=slug,
            section=None if chapter_of else handbook.sections[english][keys[place]],
            body=[*default_body(), AGENDAS[english]] if slug == "meeting-structure" else default_body(),
            last_reviewed=REVIEWED,
        )
    for slug, _title, _place, related in GUIDES:
        for order, other in enumerate(related):
            GuideRelatedLink.objects.create(page=guides[slug], guide=guides[other], sort_order=order)

    for language in [code for code, _name in settings.LANGUAGES if code != english]:
        handbook.index[language] = translation_of(
            index,
            language,
            title=INDEX_TITLES[language],
            slug=f"{slugify(INDEX_TITLES[language])}-{index.pk}",
        )
        locale = handbook.index[language].locale
        handbook.sections[language] = {}
        for _key, titles in SECTIONS:
            source = handbook.sections[english][titles[english]]
            section = source.copy_for_translation(locale)
            section.title = titles[language]
            section.save()
            handbook.sections[language][titles[english]] = section
        handbook.guides[language] = {}
        for slug, (translated_slug, title) in TRANSLATIONS.get(language, {}).items():
            source = guides[slug]
            body = TRANSLATED_BODY[language] + ([AGENDAS[language]] if slug == "meeting-structure" else [])
            section = handbook.sections[language][source.section.title] if source.section else None
            handbook.guides[language][slug] = translation_of(
                source, language, title=title, slug=translated_slug, section=section, body=body
            )
    in_service(*handbook.index.values())
    in_service(*[page for pages in handbook.guides.values() for page in pages.values()])
    return handbook
