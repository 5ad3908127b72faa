"""Tag normalisation for activities: what a member types becomes a short,
predictable list (lowercase, trimmed, single spaces, no duplicates)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_TAGS = 8
MAX_TAG_LENGTH = 30
_SPACES = re.compile(r"\s+")
# Letters (any script), digits, spaces and hyphens; nothing that needs quoting.
_ALLOWED = re.compile(r"^[\w\- ]+$")


def split_tags(text):
    """Split on commas (and semicolons) into normalised, de-duplicated names,
    keeping the member's order."""
    names = []
    for raw in re.split(r"[,;\n]", text or ""):
        name = _SPACES.sub(" ", raw.replace("_", " ")).strip(" -").lower()
        if name and name not in names:
            names.append(name)
    return names


def normalise_tags(text):
    """Normalised tag names, or ValidationError with a message a member can act on."""
    names = split_tags(text)
    if len(names) > MAX_TAGS:
        raise ValidationError(
            ngettext(
                "Use at most %(max)d tag.",
                "Use at most %(max)d tags.",
                MAX_TAGS,
            )
            % {"max": MAX_TAGS},
            code="too_many_tags",
        )
    too_long = [name for name in names if len(name) > MAX_TAG_LENGTH]
    if too_long:
        raise ValidationError(
            _("Tags can be at most %(max)d characters long: %(tags)s")
            % {"max": MAX_TAG_LENGTH, "tags": ", ".join(too_long)},
            code="tag_too_long",
        )
    odd = [name for name in names if not _ALLOWED.match(name)]
    if odd:
        raise ValidationError(
            _("Tags may use letters, numbers, spaces and hyphens only: %(tags)s") % {"tags": ", ".join(odd)},
            code="tag_characters",
        )
    return names
