"""Demo content as data: the one loader every app's demo reads its prose with.

Each guide, activity, thread or page of the demo is a file an editor or a
translator can open without reading code: a Markdown body under YAML front
matter,

    ---
    slug: what-is-a-learning-circle
    title: What is a learning circle?
    ---
    A learning circle is ...

and its translations sit beside it, named by language:
``what-is-a-learning-circle.es.md``, ``what-is-a-learning-circle.fr.md``.
A translation has the same shape as its source (the same keys, the same
sections in the same order), so the demo can hand wagtail-localize each
source segment with its translation.

What a file means (which keys, how its body becomes blocks) is the owning
app's business; this module only finds, reads and pairs the files.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from markdown_it import MarkdownIt

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.DOTALL)
SUFFIX = ".md"


class DemoDataError(ValueError):
    """A data file that cannot be read: says which file and why."""


@dataclass
class Document:
    """One data file: its front matter (`meta`) and Markdown `body`, with
    its translations by language code."""

    path: Path
    meta: dict
    body: str
    translations: dict = field(default_factory=dict)

    @property
    def name(self):
        return self.path.name.removesuffix(SUFFIX)

    def __getitem__(self, key):
        return self.meta[key]

    def get(self, key, default=None):
        return self.meta.get(key, default)

    def translated(self, language_code):
        """The document in `language_code`: its translation, or itself when
        that is its own language."""
        if language_code == settings.LANGUAGE_CODE:
            return self
        return self.translations.get(language_code)


def parse(path):
    """Read one file into a Document (without translations)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if match is None:
        raise DemoDataError(f"{path}: a data file starts with YAML front matter between '---' lines.")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise DemoDataError(f"{path}: the front matter is not valid YAML ({error}).") from error
    if not isinstance(meta, dict):
        raise DemoDataError(f"{path}: the front matter must be a mapping of keys to values.")
    return Document(path=path, meta=meta, body=match.group(2).strip())


def _language_of(path):
    """'guide.es.md' -> 'es'; 'guide.md' -> None (the source language)."""
    stem = path.name.removesuffix(SUFFIX)
    head, dot, code = stem.rpartition(".")
    languages = {code for code, _name in settings.LANGUAGES}
    return code if dot and head and code in languages else None


def load(folder):
    """Every source document in `folder` (files in the default language),
    each with its translations, in file-name order. Name files with a number
    in front (``010-welcome.md``) where order matters."""
    folder = Path(folder)
    documents, translations = {}, []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        language = _language_of(path)
        if language is None:
            documents[path.name.removesuffix(SUFFIX)] = parse(path)
        else:
            translations.append((language, path))
    for language, path in translations:
        source_name = path.name.removesuffix(f".{language}{SUFFIX}")
        if source_name not in documents:
            raise DemoDataError(f"{path}: a translation of {source_name}{SUFFIX}, which does not exist.")
        documents[source_name].translations[language] = parse(path)
    return list(documents.values())


_markdown = MarkdownIt("commonmark", {"typographer": True}).enable(["replacements", "smartquotes"])


def markdown_html(text):
    """Editorial Markdown (written by the team, not by members) as the HTML
    Wagtail's rich text stores: paragraphs, lists, links, emphasis."""
    return _markdown.render(text or "").strip()


def sections(body, level=2):
    """Split a Markdown body at its headings of `level` ('## ...'):
    [(heading or None for the text before the first one, text)]."""
    marker = "#" * level + " "
    parts, heading, lines = [], None, []
    for line in body.splitlines():
        if line.startswith(marker):
            if heading is not None or any(part.strip() for part in lines):
                parts.append((heading, "\n".join(lines).strip()))
            heading, lines = line[len(marker) :].strip(), []
        else:
            lines.append(line)
    if heading is not None or any(part.strip() for part in lines):
        parts.append((heading, "\n".join(lines).strip()))
    return parts
