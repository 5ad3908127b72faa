"""Demo content for the guides, read from the data files in
guides/demo_data/ (its README.md describes them): the handbook's sections,
an index page per language and the guides (some with chapters), written for
this site.

A guide's translations (Spanish, French) sit beside it and become
wagtail-localize translations (core.translation.translate), paired block by
block with the source, so an editor can open and continue them in the
admin; guides without a translation are English only, and the Spanish and
French indexes point to them.

Idempotent and deterministic: everything is looked up before it is made,
block ids are uuid5 values, and nothing that exists is saved again.
"""

import datetime
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from activities.demo import paragraphs
from activities.models import ActivityPage
from core import demo_data
from core.demo_data import DemoDataError
from core.translation import translate

from .demo_body import BodyBuilder, demo_id, pairs, parse, rich_text, strings_for
from .models import GuideIndexPage, GuidePage, GuideRelatedLink, GuideSection

DATA = Path(__file__).resolve().parent / "demo_data"


def _text(document):
    """A document whose body is one short text (a section's description, the index's intro)."""
    return "\n\n".join(paragraphs(document.body))


def _required(document, *keys):
    missing = [key for key in keys if not document.get(key)]
    if missing:
        raise DemoDataError(f"{document.path}: the front matter needs {', '.join(missing)}.")


def translate_snippet(instance, code, strings):
    """core.translation.translate for a snippet without drafts: the same
    wagtail-localize objects, saved straight away (there is nothing to publish)."""
    locale = Locale.objects.get(language_code=code)
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = strings.get(segment.string.data)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    translation.save_target(publish=True)
    return translation.get_target_instance()


def embedded_activities(documents):
    """{slug: English ActivityPage} for the activities the guides embed."""
    slugs = {
        value["activity"]
        for document in documents
        for kind, value in parse(document.body, document.path)
        if kind == "activity"
    }
    pages = ActivityPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE, slug__in=slugs)
    found = {}
    for page in pages.order_by("path"):
        found.setdefault(page.slug, page)
    return found


def seed_sections(locale, documents):
    sections = {}
    for order, document in enumerate(documents, start=1):
        _required(document, "key", "title")
        section, _ = GuideSection.objects.get_or_create(
            translation_key=demo_id("section", document["key"]),
            locale=locale,
            defaults={"title": document["title"], "description": _text(document), "sort_order": order},
        )
        sections[document["key"]] = section
    return sections


def seed_index(home, document):
    index = GuideIndexPage.objects.child_of(home).first()
    if index is None:
        index = GuideIndexPage(
            title=document["title"], slug=document["slug"], intro=rich_text([_text(document)])
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def seed_guides(index, sections, documents, activities):
    pages = {}
    for document in documents:
        _required(document, "slug", "title", "summary", "reviewed")
        slug = document["slug"]
        parent = pages[document["parent"]] if document.get("parent") else index
        page = GuidePage.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            body = BodyBuilder(slug, activities, document.path).build(parse(document.body, document.path))
            page = GuidePage(
                title=document["title"],
                slug=slug,
                summary=document["summary"],
                search_description=document["summary"],
                section=sections[document["section"]] if document.get("section") else None,
                body=body,
                last_reviewed=datetime.date.fromisoformat(str(document["reviewed"])),
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
        pages[slug] = page
    for document in documents:
        page = pages[document["slug"]]
        if not page.related_links.exists():
            for order, related in enumerate(document.get("related") or []):
                GuideRelatedLink.objects.create(page=page, guide=pages[related], sort_order=order)
    return pages


def guide_strings(document, translation):
    """{source segment: translation} for a guide: its slug, title and
    summary, then its body, paired block by block."""
    _required(translation, "slug", "title", "summary")
    text_pairs = [(document[key], translation[key]) for key in ("slug", "title", "summary")]
    text_pairs += pairs(
        parse(document.body, document.path), parse(translation.body, translation.path), translation.path
    )
    return strings_for(text_pairs)


def seed_translations(index, index_document, sections, section_documents, pages, documents):
    for code in [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]:
        translated = index_document.translated(code)
        if (
            translated is not None
            and not index.get_translations().filter(locale__language_code=code).exists()
        ):
            keys = ("slug", "title")
            text_pairs = [(index_document[key], translated[key]) for key in keys]
            translate(index, code, strings_for([*text_pairs, (_text(index_document), _text(translated))]))
        for document in section_documents:
            section, translated = sections[document["key"]], document.translated(code)
            if (
                translated is None
                or GuideSection.objects.filter(
                    translation_key=section.translation_key, locale__language_code=code
                ).exists()
            ):
                continue
            text_pairs = [(document["title"], translated["title"]), (_text(document), _text(translated))]
            translate_snippet(section, code, strings_for(text_pairs))
        for document in documents:
            page, translated = pages[document["slug"]], document.translated(code)
            if (
                translated is not None
                and not page.get_translations().filter(locale__language_code=code).exists()
            ):
                translate(page, code, guide_strings(document, translated))


def seed(home, stdout=None):
    """Load this app's demo content under `home`, the default language's home page."""
    (index_document,) = demo_data.load(DATA / "index")
    section_documents = demo_data.load(DATA / "sections")
    documents = demo_data.load(DATA / "guides")
    sections = seed_sections(home.locale, section_documents)
    index = seed_index(home, index_document)
    pages = seed_guides(index, sections, documents, embedded_activities(documents))
    seed_translations(index, index_document, sections, section_documents, pages, documents)
    if stdout is not None:
        counts = {
            code: GuidePage.objects.filter(locale__language_code=code).count() for code in ("en", "es", "fr")
        }
        stdout.write(
            f"Guides: {counts['en']} in English, {counts['es']} in Spanish, {counts['fr']} in French."
        )
