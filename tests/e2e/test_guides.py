"""A visitor reads the handbook: from the home page to a guide, through its
table of contents, into Spanish and back."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_visitor_reads_a_guide_uses_its_contents_and_switches_language(page, server):
    page.goto(f"{server['url']}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Guides").click()
    expect(page).to_have_url(re.compile(r"/en/guides/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Guides")
    getting_started = page.get_by_role("region", name="Getting started")
    getting_started.get_by_role("link", name="What is a learning circle?").click()

    expect(page).to_have_url(re.compile(r"/en/guides/what-is-a-learning-circle/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What is a learning circle?")
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb.get_by_role("link", name="Guides")).to_be_visible()

    # The table of contents lists the guide's sections and jumps to them.
    contents = page.get_by_role("navigation", name="On this page")
    expect(contents.get_by_role("link")).to_have_text(
        ["A group that learns together", "Core values", "Define it with your group"]
    )
    contents.get_by_role("link", name="Define it with your group").click()
    expect(page).to_have_url(re.compile(r"#define-it-with-your-group$"))
    section = page.get_by_role("heading", level=2, name="Define it with your group")
    expect(section).to_be_in_viewport()

    # The same guide in Spanish, then back.
    page.locator("nav.language-switcher").get_by_role("link", name="Español").click()
    expect(page).to_have_url(re.compile(r"/es/guias/que-es-un-circulo-de-aprendizaje/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("¿Qué es un círculo de aprendizaje?")
    spanish_contents = page.get_by_role("navigation", name="En esta página")
    expect(spanish_contents.get_by_role("link", name="Valores esenciales")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Idioma").get_by_role("link", name="Español")
    ).to_have_attribute("aria-current", "true")
    expect(page.get_by_text("Core values")).to_have_count(0)

    page.locator("nav.language-switcher").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/guides/what-is-a-learning-circle/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("What is a learning circle?")


def test_a_chapter_links_back_to_its_guide_and_the_handbook(page, server):
    """A guide with chapters: the index lists them, a chapter says whose chapter it is."""
    page.goto(f"{server['url']}/en/guides/")
    chapter_lists = page.get_by_role("list", name=re.compile(r"^Chapters of "))
    expect(chapter_lists.first).to_be_visible()
    first_list = chapter_lists.first
    guide_title = (first_list.get_attribute("aria-label") or "").removeprefix("Chapters of ")
    chapter = first_list.get_by_role("link").first
    chapter_title = chapter.inner_text()
    chapter.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(chapter_title)
    expect(page.get_by_text(f"Chapter of “{guide_title}”")).to_be_visible()
    chapters = page.get_by_role("navigation", name=f"All chapters of “{guide_title}”")
    expect(chapters.locator("[aria-current=page]")).to_have_text(chapter_title)
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=guide_title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(guide_title)
