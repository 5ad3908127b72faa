"""Make translations the way an editor does in wagtail-localize: a
TranslationSource for the original, a Translation per target locale, and a
StringTranslation for each segment, then let wagtail-localize build the page.

Used by the demo loader so that translated pages are real wagtail-localize
translations an editor can open and continue in the admin.
"""

import functools

from wagtail.models import Locale
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
    of locales and they almost never change (home.signals clears the table
    when one does), so showing a page's language costs no query."""
    locale = _locales_by_id().get(pk)
    if locale is None:
        _locales_by_id.cache_clear()
        locale = _locales_by_id().get(pk)
    return locale


def forget_locales(**kwargs):
    _locales_by_id.cache_clear()
