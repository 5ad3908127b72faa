"""Anchors and the table of contents of a body: every heading gets an id
that is unique on its page, and the headings make a two-level outline."""

from django.utils.text import slugify

# Pages put a few ids of their own next to the body; a heading never takes one.
RESERVED_ANCHORS = {"main", "header-q", "search-q", "contents", "chapters", "related-guides", "handbook-nav"}


def anchor_for(text):
    return slugify(text or "") or "section"


def heading_anchors(stream_value):
    """{position in the stream: anchor} for every heading with text; anchors
    are unique on the page (a repeated heading gets -2, -3...)."""
    seen = set(RESERVED_ANCHORS)
    anchors = {}
    for index, child in enumerate(stream_value):
        if child.block_type != "heading" or not (child.value and child.value.get("text")):
            continue
        base = anchor_for(child.value.get("text"))
        anchor, number = base, 1
        while anchor in seen:
            number += 1
            anchor = f"{base}-{number}"
        seen.add(anchor)
        anchors[index] = anchor
    return anchors


def table_of_contents(stream_value):
    """The headings as a two-level list: each level-2 heading with the
    level-3 headings that follow it as its children."""
    anchors = heading_anchors(stream_value)
    entries = []
    for index, child in enumerate(stream_value):
        if index not in anchors:
            continue
        entry = {"text": child.value.get("text"), "anchor": anchors[index], "children": []}
        if child.value.get("level") == "h3" and entries:
            entries[-1]["children"].append(entry)
        else:
            entries.append(entry)
    return entries
