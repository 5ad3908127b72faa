"""Translation helpers shared by every app.

- `translate` makes translations the way an editor does in wagtail-localize
  (a TranslationSource for the original, a Translation per target locale, a
  StringTranslation per segment), so demo pages are real translations an
  editor can open and continue in the admin.
- `localized_pages` is the one way to show pages an editor chose (a header
  link, an activity card, a related guide) in the reader's language.
- `locale_by_id` names a page's language without a query.
- `stale_translations` lists the translated pages whose source changed
  since (the editors' report, core/wagtail_hooks.py).
- `in_language` and `TranslatedNames` show what is not a page (a forum
  category, an activity tag) in the reader's language, from name_es/name_fr
  columns beside the original; slugs stay the same in every language.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


def translate(instance, language_code, strings, publish=True, user=None):
    """Translate `instance` into `language_code`.

    `strings` maps each source segment's text to its translation; segments with
    no entry keep the source text (wagtail-localize's own fallback), so a
    partial mapping gives a partly translated page that the admin shows as such.
    Returns the translated instance.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    # wagtail-localize defers publishing to transaction.on_commit, which never
    # runs inside a test transaction and, inside a longer transaction, publishes
    # a stale copy of the page (its tree fields from before later children were
    # added). Save a draft, then publish that revision straight away.
    translation.save_target(user=user, publish=False)
    target = translation.get_target_instance()
    if publish:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target


def strings_for(texts, language_code):
    """Build the mapping `translate` wants from texts written side by side,
    each a dict such as {"en": "About", "es": "Acerca de", "fr": "À propos"}.
    Texts without the language are left out (they fall back to the source)."""
    return {text["en"]: text[language_code] for text in texts if language_code in text}


@functools.cache
def _locales_by_id():
    return {locale.pk: locale for locale in Locale.objects.all()}


def locale_by_id(pk):
    """The Locale with this id, from a per-process table: there are a handful
    of locales and they almost never change (core.signals clears the table
    when one does: core.signals), so showing a page's language costs no query."""
    locale = _locales_by_id().get(pk)
    if locale is None:
        _locales_by_id.cache_clear()
        locale = _locales_by_id().get(pk)
    return locale


def forget_locales(**kwargs):
    _locales_by_id.cache_clear()


def active_locale():
    """The Locale of the active language, or None when it has none."""
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def localized_pages(pages, locale=None, queryset=None, known=()):
    """{chosen page id: the page to show, or None} for pages an editor chose.

    Each page is shown in `locale` (the active language by default) when a
    live translation exists there, else as chosen when it is live; a page
    with neither is None (the caller leaves it out). One query for all the
    pages, none when every page is already in `locale`. Pages shown in
    another language carry their locale (from `locale_by_id`), so a template
    can say which language they are in without a query. `queryset` chooses
    the model the translations are read from (by default the pages' own
    class when they share one, else Page). `known` are live pages in
    `locale` the caller has loaded already (a cached outline); a translation
    found among them costs no query.
    """
    pages = [page for page in pages if page is not None]
    locale = locale or active_locale()
    wanted = {page.translation_key for page in pages if locale is not None and page.locale_id != locale.pk}
    translations = {page.translation_key: page for page in known if page.translation_key in wanted}
    wanted -= set(translations)
    if wanted:
        if queryset is None:
            classes = {type(page) for page in pages}
            queryset = (classes.pop() if len(classes) == 1 else Page).objects.all()
        translations.update(
            (page.translation_key, page)
            for page in queryset.live().filter(translation_key__in=wanted, locale=locale)
        )
    shown = {}
    for page in pages:
        page_shown = translations.get(page.translation_key) or (page if page.live else None)
        if page_shown is not None and not Page.locale.is_cached(page_shown):
            page_shown.locale = locale_by_id(page_shown.locale_id)
        shown[page.pk] = page_shown
    return shown


# Each language's name as the interface names it, lowercase where the
# interface language writes it so ("En inglés", "En anglais"): for badges
# and labels inside a sentence. The language switcher names each language
# in itself instead (settings.LANGUAGES).
LANGUAGE_NAMES = {
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "es": pgettext_lazy("language name inside a sentence", "Spanish"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
}


def language_name(code):
    """The language `code` named in the interface language."""
    code = (code or "").split("-")[0]
    return str(LANGUAGE_NAMES.get(code, code))


def other_languages():
    """The languages content is translated into: every language but the default."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def current_language():
    """The active language's code without a region ("es" for "es-mx")."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def content_language():
    """The language something written now is in: the active language (the
    prefix of the page it was written on), as one of the site's languages.
    A model field's default, so content records its own language."""
    language = current_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def in_language(instance, field, language=None):
    """`instance.<field>` as the reader should see it: its `<field>_<language>`
    column (name_es, description_fr) when there is one and it is filled in,
    else the field itself, written in the default language. The slug and
    anything else that identifies the object never change with the language."""
    language = language or current_language()
    if language != settings.LANGUAGE_CODE:
        value = getattr(instance, f"{field}_{language}", "")
        if value:
            return value
    return getattr(instance, field)


class TranslatedNames:
    """A model mixin for a name (and a description, when the model has one)
    kept in every language as plain columns beside the original: name,
    name_es, name_fr. Templates show `display_name` and `display_description`."""

    @property
    def display_name(self):
        return in_language(self, "name")

    @property
    def display_description(self):
        return in_language(self, "description")


@dataclass(frozen=True)
class StaleTranslation:
    """A translated page whose source page changed after the translation
    last took its text: what the editors' report lists."""

    source: Page
    translation: Page
    language: str
    synced_at: object  # when the translation last took the source's text
    changes: int  # source revisions saved since
    changed_at: object  # the latest of them
    translation_source_id: int


def stale_translations():
    """Every page translation that is behind its source, most behind first.

    wagtail-localize copies a page's text into a TranslationSource when it is
    translated or synced ("Sync translated pages"); edits to the source page
    after that are not in the translation yet. A handful of queries, whatever
    the number of pages."""
    from wagtail.models import Revision

    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(translations__enabled=True)
        .select_related("locale")
        .distinct()
    }
    if not sources:
        return []
    pages = Page.objects.filter(translation_key__in=list(sources)).select_related("locale")
    by_key = {}
    for page in pages:
        by_key.setdefault(page.translation_key, {})[page.locale_id] = page
    originals = {key: by_key.get(key, {}).get(source.locale_id) for key, source in sources.items()}
    revisions = {}
    for object_id, created_at in Revision.page_revisions.filter(
        object_id__in=[str(page.pk) for page in originals.values() if page is not None]
    ).values_list("object_id", "created_at"):
        revisions.setdefault(int(object_id), []).append(created_at)
    stale = []
    translations = Translation.objects.filter(enabled=True, source__in=sources.values()).select_related(
        "target_locale"
    )
    sources_by_pk = {source.pk: source for source in sources.values()}
    for translation_row in translations:
        source = sources_by_pk[translation_row.source_id]
        original = originals.get(source.object_id)
        target = by_key.get(source.object_id, {}).get(translation_row.target_locale_id)
        if original is None or target is None:
            continue
        later = [moment for moment in revisions.get(original.pk, []) if moment > source.last_updated_at]
        if later:
            stale.append(
                StaleTranslation(
                    source=original,
                    translation=target,
                    language=translation_row.target_locale.language_code,
                    synced_at=source.last_updated_at,
                    changes=len(later),
                    changed_at=max(later),
                    translation_source_id=source.pk,
                )
            )
    return sorted(stale, key=lambda row: (-row.changes, row.synced_at, row.source.title))
