"""A post's Markdown as the HTML the forum stores and shows.

forum/markdown.py turns Markdown into sanitized HTML and knows nothing of
the site; this module adds what needs the database and the URLs: which
@mentions name existing, active members, and where their profiles are.
The write operations (forum/actions.py) render a post once, here, and
use the result to check it, to store it and to tell the members it mentions.
"""

import re
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from . import markdown


class Rendered(NamedTuple):
    """A rendered post body: sanitized HTML and the usernames it links as
    @mentions, in order of first appearance."""

    html: SafeString
    mentioned: list


def language_neutral(path):
    """/en/members/sam/ -> /members/sam/: stored HTML must not pin a language;
    the locale middleware sends an unprefixed path to the reader's language."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


# A link the renderer stored without a language: an @mention's profile link.
_STORED_LINK = re.compile(r'<a href="(/[^"/][^"]*)"( class="mention"[^>]*>)')


def in_reader_language(html, language=None):
    """Stored post HTML with its @mention links under the reader's language
    prefix (/es/members/sam/), so following one keeps the language the
    reader is using instead of a redirect by the browser's language."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE

    def prefixed(match):
        path = match.group(1)
        if language_neutral(path) != path:
            return match.group(0)
        return f'<a href="/{language}{path}"{match.group(2)}'

    return _STORED_LINK.sub(prefixed, html or "")


def profile_path(username):
    with translation.override(settings.LANGUAGE_CODE):
        return language_neutral(reverse("accounts:profile", kwargs={"username": username}))


def render_markdown(source):
    """Render a post body, linking @mentions of existing, active members."""
    candidates = markdown.candidate_mentions(source)
    known = {}
    if candidates:
        names = get_user_model().objects.filter(username__in=candidates, is_active=True)
        known = {name: profile_path(name) for name in names.values_list("username", flat=True)}
    html, mentioned = markdown.render(source, known)
    return Rendered(safe(html), mentioned)


def safe(html):
    """Mark stored post HTML safe for templates. Only HTML that went through
    markdown.render (and so the sanitizer) is ever stored or passed here."""
    return mark_safe(html or "")  # noqa: S308 - sanitized by forum/markdown.py before it is stored
