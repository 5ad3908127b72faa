"""A guide's body as a demo data file writes it (guides/demo_data/README.md):
Markdown split into the StreamField's blocks.

`parse` reads the body into blocks, [(kind, value)], whose texts are `Text`
strings; `pairs` walks a source and its translation side by side and pairs
their texts, after checking that they have the same blocks; `BodyBuilder`
turns the blocks into the body's StreamField data, with stable block ids.
"""

import html
import re
import uuid

from django.utils.html import escape

from activities.demo import paragraphs, split_minutes
from core.blocks import CalloutBlock
from core.demo_data import DemoDataError

FENCE = re.compile(r"^:::\s*([\w-]+)\s*(.*?)\s*$")
CALLOUT_KINDS = [kind for kind, _label in CalloutBlock.KINDS]
ATTRIBUTION = "— "


class Text(str):
    """A text of the body: what a translation translates."""


def _text(value):
    return Text(value) if value else None


def _items(lines, path):
    """The '### ' items of a fenced block: [(heading, text below it)]."""
    items = []
    for line in lines:
        if line.startswith("### "):
            items.append([line[4:].strip(), []])
        elif items:
            items[-1][1].append(line)
        elif line.strip():
            raise DemoDataError(f"{path}: in this block, each item starts with a '### ' line ({line!r}).")
    return [(heading, "\n".join(text)) for heading, text in items]


def _one_paragraph(text, path):
    found = paragraphs(text)
    if len(found) > 1:
        raise DemoDataError(f"{path}: one paragraph at most here, not {len(found)} ({found[0][:40]!r}...).")
    return _text(found[0]) if found else None


def _many(text):
    return [Text(paragraph) for paragraph in paragraphs(text)]


def _fenced(kind, rest, lines, path):
    """The block a ':::' fence holds."""
    if kind in CALLOUT_KINDS:
        return "callout", {"kind": kind, "title": _text(rest), "text": _many("\n".join(lines))}
    if kind == "steps":
        steps = [(Text(title), _one_paragraph(detail, path)) for title, detail in _items(lines, path)]
        return "steps", {"title": _text(rest), "steps": steps}
    if kind == "faq":
        questions = [(Text(question), _many(answer)) for question, answer in _items(lines, path)]
        return "faq", {"title": _text(rest), "questions": questions}
    if kind == "agenda":
        title, planned = split_minutes(rest)
        phases = []
        for heading, notes in _items(lines, path):
            name, minutes = split_minutes(heading)
            if minutes is None:
                raise DemoDataError(f"{path}: the agenda's phase {name!r} needs its minutes, as '(10 min)'.")
            phases.append((Text(name), minutes, _one_paragraph(notes, path)))
        return "agenda", {"title": _text(title), "planned": planned, "phases": phases}
    if kind == "activity":
        if not rest:
            raise DemoDataError(f"{path}: '::: activity' names the activity by its slug.")
        return "activity", {"activity": rest, "note": _one_paragraph("\n".join(lines), path)}
    kinds = ", ".join([*CALLOUT_KINDS, "steps", "faq", "agenda", "activity"])
    raise DemoDataError(f"{path}: no block is called {kind!r}; use one of {kinds}.")


def _quote(lines):
    inner = "\n".join(line[1:].removeprefix(" ") for line in lines)
    found = paragraphs(inner)
    attribution = found.pop()[len(ATTRIBUTION) :] if found and found[-1].startswith(ATTRIBUTION) else None
    return "quote", {"quote": Text("\n\n".join(found)), "attribution": _text(attribution)}


def _list_items(lines):
    items = []
    for line in lines:
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif line.strip():
            items[-1] += " " + line.strip()
    return [Text(item) for item in items]


def parse(body, path):
    """The blocks of a body: [(kind, value)], in order. A run of paragraphs
    is one rich-text block, a list another; see the README for the rest."""
    blocks, run_kind, run = [], None, []

    def end_run():
        nonlocal run_kind, run
        if run_kind == "paragraph":
            blocks.append(("paragraph", _many("\n".join(run))))
        elif run_kind == "list":
            blocks.append(("list", _list_items(run)))
        run_kind, run = None, []

    lines = body.splitlines()
    position = 0
    while position < len(lines):
        line = lines[position]
        fence = FENCE.match(line)
        if line.startswith("## "):
            end_run()
            blocks.append(("heading", Text(line[3:].strip())))
        elif fence:
            end_run()
            end = next((n for n in range(position + 1, len(lines)) if lines[n].strip() == ":::"), None)
            if end is None:
                raise DemoDataError(f"{path}: the block opened by {line!r} is not closed by a ':::' line.")
            blocks.append(_fenced(fence.group(1), fence.group(2), lines[position + 1 : end], path))
            position = end
        elif line.startswith(">"):
            end_run()
            end = next((n for n in range(position, len(lines)) if not lines[n].startswith(">")), len(lines))
            blocks.append(_quote(lines[position:end]))
            position = end - 1
        elif line.startswith("- ") or (run_kind == "list" and (line[:1].isspace() or not line.strip())):
            if run_kind != "list":
                end_run()
                run_kind = "list"
            run.append(line)
        elif line.strip():
            if run_kind != "paragraph":
                end_run()
                run_kind = "paragraph"
            run.append(line)
        elif run:
            run.append(line)
        position += 1
    end_run()
    return blocks


# Translations --------------------------------------------------------------------


def _shape(value):
    """`value` with every text left out: what a translation keeps as it is."""
    if isinstance(value, Text):
        return "text"
    if isinstance(value, list | tuple):
        return [_shape(item) for item in value]
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    return value


def _texts(value):
    if isinstance(value, Text):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def pairs(source, translation, path):
    """[(source text, translated text)] of two parsed bodies, which must
    have the same blocks (kinds, items, minutes, activities) in the same order."""
    if len(source) != len(translation):
        raise DemoDataError(f"{path}: {len(translation)} blocks where the source has {len(source)}.")
    for number, (block, translated) in enumerate(zip(source, translation, strict=True), start=1):
        if _shape(block) != _shape(translated):
            raise DemoDataError(
                f"{path}: block {number} ({translated[0]}) does not match the source's ({block[0]}): "
                "a translation changes the texts only."
            )
    return list(zip(_texts(source), _texts(translation), strict=True))


def strings_for(text_pairs):
    """{source segment: translation} for core.translation.translate.
    wagtail-localize keeps plain-text segments HTML-escaped, so each text is
    offered both ways."""
    mapping = {}
    for source, translated in text_pairs:
        for key in {source, escape(source), html.escape(source, quote=False)}:
            mapping[key] = translated
    return mapping


# StreamField data ------------------------------------------------------------------


def demo_id(*parts):
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, "circle-commons-demo:guides:" + ":".join(str(part) for part in parts))
    )


def rich_text(texts, tag="p"):
    """Plain texts as rich-text HTML: each escaped, in its own element."""
    return "".join(f"<{tag}>{escape(text)}</{tag}>" for text in texts if text)


class BodyBuilder:
    """Turns a guide's parsed body into StreamField data; block ids are
    uuid5 values of the guide's slug and the block's place."""

    def __init__(self, slug, activities, path):
        self.slug = slug
        self.activities = activities
        self.path = path

    def items(self, position, values):
        return [
            {"type": "item", "value": value, "id": demo_id(self.slug, position, number)}
            for number, value in enumerate(values)
        ]

    def block(self, position, kind, spec):
        if kind == "heading":
            return "heading", {"text": spec, "level": "h2"}
        if kind == "paragraph":
            return "paragraph", rich_text(spec)
        if kind == "list":
            return "paragraph", f"<ul>{rich_text(spec, 'li')}</ul>"
        if kind == "callout":
            return "callout", {
                "kind": spec["kind"],
                "title": spec["title"] or "",
                "text": rich_text(spec["text"]),
            }
        if kind == "quote":
            return "quote", {"quote": spec["quote"], "attribution": spec["attribution"] or ""}
        if kind == "steps":
            steps = [{"title": title, "detail": rich_text([detail])} for title, detail in spec["steps"]]
            return "steps", {"title": spec["title"] or "", "steps": self.items(position, steps)}
        if kind == "faq":
            questions = [
                {"question": question, "answer": rich_text(answer)} for question, answer in spec["questions"]
            ]
            return "faq", {"title": spec["title"] or "", "questions": self.items(position, questions)}
        if kind == "agenda":
            phases = [
                {"name": name, "minutes": minutes, "notes": notes or ""}
                for name, minutes, notes in spec["phases"]
            ]
            return "agenda", {
                "title": spec["title"] or "",
                "planned_minutes": spec["planned"],
                "phases": self.items(position, phases),
            }
        if kind == "activity":
            activity = self.activities.get(spec["activity"])
            if activity is None:
                raise DemoDataError(
                    f"{self.path}: the activity {spec['activity']!r} is not in the demo library."
                )
            return "activity", {"activity": activity.pk, "note": spec["note"] or ""}
        raise DemoDataError(f"{self.path}: unknown block {kind!r}.")

    def build(self, blocks):
        stream = []
        for position, (kind, value) in enumerate(blocks):
            block_type, block_value = self.block(position, kind, value)
            stream.append({"type": block_type, "value": block_value, "id": demo_id(self.slug, position)})
        return stream
