"""What editors see in the Wagtail admin: the guide editor, previews and the
sortable section snippets."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from guides.models import GuidePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_editor_can_open_the_new_guide_form_under_the_index(editor_client, en_index):
    url = reverse("wagtailadmin_pages:add", args=["guides", "guidepage", en_index.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser")
    for field in ["title", "summary", "section", "last_reviewed"]:
        assert form.find(attrs={"name": field}) is not None, field
    assert form.find(id="body") is not None  # the StreamField editor, built by Wagtail's script


def test_editor_can_edit_a_guide_and_sees_the_workflow(editor_client, handbook):
    page = handbook.guide("meeting-structure")
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert b"Guide review" in response.content


@pytest.mark.parametrize(
    "slug, language",
    [
        ("meeting-structure", "en"),
        ("running-a-check-in", "en"),
        ("what-is-a-learning-circle", "es"),
        ("wrapping-up-a-circle", "en"),
    ],
)
def test_preview_of_a_guide_renders(handbook, slug, language):
    page = handbook.guide(slug, language)
    response = page.make_preview_request()
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_preview_of_an_unsaved_guide_with_related_guides_renders(handbook, en_index):
    from guides.models import GuideRelatedLink

    related = handbook.guide("first-meeting-checklist")
    page = GuidePage(
        title="Not saved yet",
        slug="not-saved-yet",
        summary="Only in the editor so far.",
        body=[{"type": "heading", "value": {"text": "Draft heading", "level": "h2"}}],
        related_links=[GuideRelatedLink(guide=related)],
    )
    page.path = en_index.path + "ZZZZ"
    page.depth = en_index.depth + 1
    page.locale = en_index.locale
    response = page.make_preview_request()
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("nav.toc a")["href"] == "#draft-heading"
    assert "First-meeting checklist" in html.select_one(".related").get_text()


def test_sections_are_a_sortable_snippet_for_site_editors(editor_client, editor, sections):
    assert editor.has_perm("guides.change_guidesection")
    assert editor.has_perm("guides.add_guidesection")
    response = editor_client.get(reverse("wagtailsnippets_guides_guidesection:list"))
    assert response.status_code == 200
    for section in sections.values():
        assert section.title.encode() in response.content
    reorder = editor_client.get(
        reverse("wagtailsnippets_guides_guidesection:list"), {"ordering": "sort_order"}
    )
    assert reorder.status_code == 200
