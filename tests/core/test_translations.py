"""Every string a visitor can see is translated into Spanish and French.

Three checks, cheapest first:
- no template writes visible text outside {% translate %}/{% blocktranslate %};
- every message a template or the code asks for has a translation in each
  catalogue of the project, and the compiled .mo files say the same as the .po;
- key pages rendered in Spanish and French show no English interface string.
"""

import gettext
import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template import Variable, engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from wagtail.models import Locale

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SKIP_DIRS = {".venv", "node_modules", "staticfiles", "media", "tests", ".git"}


def _project_files(pattern):
    return sorted(path for path in ROOT.rglob(pattern) if not SKIP_DIRS & set(path.relative_to(ROOT).parts))


def template_files():
    return [
        path for path in _project_files("*") if path.suffix in {".html", ".txt"} and "templates" in path.parts
    ]


def template_name(path):
    parts = path.relative_to(ROOT).parts
    return "/".join(parts[parts.index("templates") + 1 :])


def catalogues():
    """{language: [the .po files of the project in that language]}."""
    found = {language: [] for language in LANGUAGES}
    for path in _project_files("django.po"):
        language = path.parent.parent.name
        if language in found:
            found[language].append(path)
    return found


# 1. Nothing visible outside the translation tags -----------------------------

_NOT_TEXT = re.compile(
    r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}"
    r"|{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}"
    r"|{%\s*block body_class\s*%}.*?{%\s*endblock\s*%}"
    r"|<(script|style|svg|code)\b.*?</\1>"
    r"|{#.*?#}",
    re.DOTALL,
)
_TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_VISIBLE_ATTRIBUTE = re.compile(r'\b(title|alt|placeholder|aria-label)="([^"]*)"')
_WORD = re.compile(r"[^\W\d_]{2,}")
# Names, not words to translate.
_NOT_TRANSLATED = {"Circle Commons", "· Circle Commons"}


def untranslated_text(source):
    source = _NOT_TEXT.sub(" ", source)
    found = [
        f'{name}="{value}"'
        for name, value in _VISIBLE_ATTRIBUTE.findall(source)
        if _WORD.search(_TEMPLATE_TAG.sub("", value))
    ]
    for line in _TEMPLATE_TAG.sub("\n", _HTML_TAG.sub("\n", source)).splitlines():
        line = line.strip()
        if _WORD.search(line) and line not in _NOT_TRANSLATED:
            found.append(line)
    return found


def test_the_scanner_finds_text_outside_translation_tags():
    assert untranslated_text('<p>{% translate "Hello" %} <a title="Open it">Reply</a></p>') == [
        'title="Open it"',
        "Reply",
    ]
    assert (
        untranslated_text("<p>{% blocktranslate %}Hi {{ name }}{% endblocktranslate %} · {{ n }}</p>") == []
    )


def test_no_template_shows_text_that_is_not_marked_for_translation():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in template_files()
        if (found := untranslated_text(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


# 2. Every message has a translation -----------------------------------------


def _literal(expression):
    """The string a template tag's constant argument holds."""
    if expression is None:
        return None
    value = expression.var
    return value.literal if isinstance(value, Variable) else str(value)


def template_messages():
    """{(context, msgid, plural): template name} for every {% translate %}
    and {% blocktranslate %} of the project's templates."""
    engine = engines["django"].engine
    messages = {}
    for path in template_files():
        name = template_name(path)
        nodelist = engine.get_template(name).nodelist
        for node in nodelist.get_nodes_by_type(TranslateNode):
            var = node.filter_expression.var
            literal = getattr(var, "literal", None)
            if isinstance(literal, str):
                messages[(_literal(node.message_context), literal, None)] = name
        for node in nodelist.get_nodes_by_type(BlockTranslateNode):
            singular, _vars = node.render_token_list(node.singular)
            plural = node.render_token_list(node.plural)[0] if node.plural else None
            messages[(_literal(node.message_context), singular, plural)] = name
    return messages


def compiled(language):
    """The project's compiled catalogues for `language`, merged (Django's own are left out)."""
    merged = {}
    for po in catalogues()[language]:
        with open(po.with_suffix(".mo"), "rb") as handle:
            merged.update(gettext.GNUTranslations(handle)._catalog)
    return merged


def _key(context, msgid):
    return f"{context}\x04{msgid}" if context else msgid


def test_template_messages_are_found():
    messages = template_messages()
    assert (None, "Skip to main content", None) in messages
    assert len(messages) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_message_is_translated(language):
    catalogue = compiled(language)
    missing = []
    for (context, msgid, plural), name in sorted(template_messages().items(), key=lambda item: item[1]):
        if not msgid.strip():
            continue
        key = _key(context, msgid)
        translated = catalogue.get((key, 0)) if plural else catalogue.get(key)
        if not translated:
            missing.append(f"{name}: {msgid!r}")
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogues_are_complete_and_compiled(language):
    """No empty or fuzzy entry in any .po file, and each .mo holds what its .po says."""
    problems = []
    for path in catalogues()[language]:
        po = polib.pofile(str(path))
        with open(path.with_suffix(".mo"), "rb") as handle:
            mo = gettext.GNUTranslations(handle)._catalog
        for entry in po:
            if entry.obsolete:
                continue
            where = f"{path.relative_to(ROOT)}: {entry.msgid!r}"
            if "fuzzy" in entry.flags or not entry.translated():
                problems.append(f"{where} is not translated")
                continue
            key = _key(entry.msgctxt, entry.msgid)
            stored = mo.get((key, 0)) if entry.msgid_plural else mo.get(key)
            expected = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
            if stored != expected:
                problems.append(f"{where}: the .mo is out of date (run compilemessages)")
    assert problems == []


# 3. Rendered pages -----------------------------------------------------------


def english_interface_strings(language):
    """Interface strings (of templates and code) whose translation differs
    from the English: if one shows on a Spanish or French page, something
    there was not translated."""
    strings = set()
    for path in catalogues()[language]:
        for entry in polib.pofile(str(path)):
            if entry.msgid_plural or "%(" in entry.msgid or len(entry.msgid) < 4:
                continue
            if entry.translated() and entry.msgstr.lower() != entry.msgid.lower():
                strings.add(entry.msgid)
                # Labels are shown capitalised (page types, field names).
                strings.add(entry.msgid[:1].upper() + entry.msgid[1:])
    return strings


def english_on_page(html, language):
    """Text nodes of the page that are English interface strings; text marked
    as being in another language (lang="en" on it or around it) is content."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(["script", "style"]):
        element.decompose()
    interface = english_interface_strings(language)
    shown = []
    for text in soup.find_all(string=True):
        value = " ".join(text.split())
        if value not in interface:
            continue
        marked = text.find_parent(attrs={"lang": True})
        if marked is not None and marked["lang"] != language:
            continue
        shown.append(value)
    return shown


def test_the_rendered_check_sees_english_interface_text():
    assert english_on_page("<html lang='es'><p>Skip to main content</p></html>", "es") == [
        "Skip to main content"
    ]
    assert english_on_page("<html lang='es'><p lang='en'>Skip to main content</p></html>", "es") == []


@pytest.fixture
def some_content(homes):
    from tests.factories.activities import (
        ActivityIndexPageFactory,
        ActivityPageFactory,
        in_service,
        translation_of,
    )
    from tests.factories.forum import PostFactory, ThreadFactory

    library = in_service(ActivityIndexPageFactory(parent=homes["en"], title="Library"))
    activity = ActivityPageFactory(
        parent=library, title="Name round", phase_energizer=True, tags=["icebreaker"]
    )
    for language in LANGUAGES:
        translation_of(library, language, title=f"Library {language}")
    thread = ThreadFactory(title="How do I start a circle?")
    PostFactory(thread=thread)
    return {"library": library, "activity": activity, "thread": thread}


@pytest.mark.parametrize("language", LANGUAGES)
def test_key_pages_show_no_english_interface_text_in_spanish_and_french(client, some_content, language):
    paths = [
        f"/{language}/",
        f"/{language}/forum/",
        some_content["library"].get_translation(Locale.objects.get(language_code=language)).url,
        re.sub(r"^/[a-z]{2}/", f"/{language}/", some_content["thread"].get_absolute_url()),
        f"/{language}/search/?q=commons",
        f"/{language}/accounts/login/",
        f"/{language}/accounts/signup/",
        f"/{language}/no-such-page/",
    ]
    shown = {}
    for path in paths:
        response = client.get(path, follow=True)
        html = response.content.decode()
        if "/search/" in path:
            assert 'class="result-type"' in html, "the search found nothing to label"
        found = english_on_page(html, language)
        if found:
            shown[path] = found
    assert shown == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_are_translated(rf, language):
    from core import views

    for view in (
        views.bad_request,
        views.permission_denied,
        views.too_many_requests,
        views.service_unavailable,
    ):
        response = view(rf.get(f"/{language}/accounts/login/"))
        assert english_on_page(response.content.decode(), language) == [], view.__name__
        assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize(("language", "badge"), [("es", "En inglés"), ("fr", "En anglais")])
def test_an_english_fallback_is_badged_in_the_interface_language(client, some_content, language, badge):
    library = some_content["library"].get_translation(Locale.objects.get(language_code=language))
    html = client.get(library.url).content.decode()
    assert "Name round" in html
    assert badge in html
    assert "En English" not in html
