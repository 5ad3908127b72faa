"""The demo-content loader: files with front matter, translations beside
them, clear errors for a broken file."""

import pytest

from core import demo_data


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_load_pairs_each_source_with_its_translations_in_file_order(tmp_path):
    write(tmp_path, "020-second.md", "---\nslug: second\ntitle: Second\n---\nBody two.\n")
    write(tmp_path, "010-first.md", "---\nslug: first\ntitle: First\n---\nBody *one*.\n")
    write(tmp_path, "010-first.es.md", "---\nslug: primero\ntitle: Primero\n---\nCuerpo uno.\n")
    write(tmp_path, "010-first.fr.md", "---\nslug: premier\ntitle: Premier\n---\nCorps un.\n")
    documents = demo_data.load(tmp_path)
    assert [document["slug"] for document in documents] == ["first", "second"]
    first = documents[0]
    assert first.body == "Body *one*."
    assert first.translated("es")["title"] == "Primero"
    assert first.translated("fr").body == "Corps un."
    assert first.translated("en") is first
    assert documents[1].translated("es") is None


def test_a_translation_without_its_source_is_an_error_naming_the_file(tmp_path):
    write(tmp_path, "orphan.es.md", "---\ntitle: Huérfano\n---\n")
    with pytest.raises(demo_data.DemoDataError, match="orphan.es.md"):
        demo_data.load(tmp_path)


@pytest.mark.parametrize(
    "text, message",
    [
        ("no front matter at all", "starts with YAML front matter"),
        ("---\ntitle: [unclosed\n---\nbody", "not valid YAML"),
        ("---\n- a list\n---\nbody", "must be a mapping"),
    ],
)
def test_a_broken_file_is_an_error_saying_what_is_wrong(tmp_path, text, message):
    write(tmp_path, "broken.md", text)
    with pytest.raises(demo_data.DemoDataError, match=message):
        demo_data.load(tmp_path)


def test_a_file_name_with_dots_that_are_not_a_language_is_a_source(tmp_path):
    write(tmp_path, "plus.delta.md", "---\ntitle: Plus/delta\n---\n")
    assert [document.name for document in demo_data.load(tmp_path)] == ["plus.delta"]


def test_markdown_becomes_rich_text_html():
    html = demo_data.markdown_html("A *circle* meets [weekly](https://example.org).\n\n- one\n- two")
    assert html == (
        '<p>A <em>circle</em> meets <a href="https://example.org">weekly</a>.</p>\n'
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    )


def test_sections_split_a_body_at_its_headings():
    body = "Intro text.\n\n## First\nOne.\n\n## Second\nTwo.\n### Not split\nStill two."
    assert demo_data.sections(body) == [
        (None, "Intro text."),
        ("First", "One."),
        ("Second", "Two.\n### Not split\nStill two."),
    ]
