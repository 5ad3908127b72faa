"""The rules of a member's display name (issue 11, item 13: impersonation).

- `clean_display_name`: what is stored. Bidirectional controls (a
  right-to-left override turns "nimda" into "admin" on screen) and other
  invisible format characters are removed, as are control characters and
  blank look-alike letters; runs of white space become one space; a flood of
  combining marks is cut to a few.
- `is_reserved`: names that look like a staff role or the site itself
  ("admin", "Site admin", "moderator", "editor", "staff", "Circle Commons")
  in any case, spacing, accents, or with look-alike letters and digits
  ("Ａdmin", "аdmin" in Cyrillic, "4dm1n", "Circle-Commons"). Only staff may
  use them (User.clean).
"""

import re
import unicodedata

from django.conf import settings

# Format characters (category Cf) are invisible; these two are kept because
# Persian, Hindi and emoji sequences need them between letters.
KEEP_FORMAT = {"\u200c", "\u200d"}
# Letters and symbols that render as nothing (Hangul fillers, braille blank).
BLANK_LOOKALIKES = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u180e"}
MAX_COMBINING_IN_A_ROW = 3

# Look-alikes folded onto the Latin letter they imitate, after NFKC (which
# already folds full-width and mathematical letters) and case folding.
_CONFUSABLES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "һ": "h",
        "н": "h",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "к": "k",
        "ӏ": "i",
        "м": "m",
        "о": "o",
        "р": "p",
        "с": "c",
        "ѕ": "s",
        "т": "t",
        "у": "y",
        "х": "x",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "μ": "m",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        # digits and symbols used as letters
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "i",
        # l, I and 1 look alike in many fonts: all three count as i
        "l": "i",
    }
)

# Words a name may not contain (in any of the site's languages), and
# strings its letters run together may not contain.
RESERVED_WORDS = {
    "admin",
    "admins",
    "administrator",
    "administrators",
    "administrador",
    "administradora",
    "administrateur",
    "administratrice",
    "sysadmin",
    "siteadmin",
    "webmaster",
    "sysop",
    "mod",
    "mods",
    "moderator",
    "moderators",
    "moderador",
    "moderadora",
    "moderation",
    "moderacion",
    "moderateur",
    "moderatrice",
    "editor",
    "editors",
    "editora",
    "editeur",
    "editrice",
    "staff",
}
# Usernames that are pages of /members/ (accounts.urls), not profiles.
PAGE_NAMES = {"profile", "welcome", "delete"}
RESERVED_RUNS = {"circlecommons", "siteadmin", "siteadministrator", "siteeditor", "sitemoderator"}


def clean_display_name(value):
    """The display name as it is stored and shown."""
    if not value:
        return ""
    kept = []
    combining = 0
    for char in str(value):
        category = unicodedata.category(char)
        if (category == "Cf" and char not in KEEP_FORMAT) or char in BLANK_LOOKALIKES:
            continue
        if category in {"Cc", "Cs", "Co", "Cn"} and not char.isspace():
            continue
        if category.startswith("M"):
            combining += 1
            if combining > MAX_COMBINING_IN_A_ROW:
                continue
        else:
            combining = 0
        kept.append(char)
    return " ".join("".join(kept).split())


def _skeleton(text):
    # "SiteAdmin" is two words, as it reads.
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(_CONFUSABLES)
    text = "".join(char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char))
    return text.replace("rn", "m").replace("vv", "w")


def _words(text):
    return re.findall(r"[^\W_]+", _skeleton(clean_display_name(text)))


_RESERVED_WORDS = {"".join(_words(word)) for word in RESERVED_WORDS}
_RESERVED_RUNS = {"".join(_words(run)) for run in RESERVED_RUNS}


def reserved_runs():
    """The site's own name is reserved too, whatever it is configured to be."""
    return _RESERVED_RUNS | {"".join(_words(settings.WAGTAIL_SITE_NAME))} - {""}


def is_reserved(value):
    """Whether `value` looks like a staff role or the site's name."""
    words = _words(value)
    if any(word in _RESERVED_WORDS for word in words):
        return True
    run = "".join(words)
    if len(words) > 1 and all(len(word) == 1 for word in words) and run in _RESERVED_WORDS:
        return True  # "a d m i n", "S.T.A.F.F"
    return any(reserved in run for reserved in reserved_runs())
