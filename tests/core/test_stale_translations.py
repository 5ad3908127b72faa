"""Editors see which translations are behind their source page (Reports ›
Translations behind) and can sync them from there."""

import pytest
from django.urls import reverse

from core.translation import stale_translations, translate
from tests.factories.activities import StandardPageFactory
from tests.factories.core import EditorFactory


@pytest.fixture
def about(homes):
    page = StandardPageFactory(
        parent=homes["en"], title="About us", slug="about-us-x", intro="Who we are.", revision=True
    )
    translate(
        page,
        "es",
        {"About us": "Quiénes somos", "about-us-x": "quienes-somos-x", "Who we are.": "Quiénes somos."},
    )
    translate(
        page,
        "fr",
        {"About us": "Qui sommes-nous", "about-us-x": "qui-sommes-nous-x", "Who we are.": "Qui nous sommes."},
    )
    return page


def edit(page, **fields):
    page = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def rows_for(page):
    return [row for row in stale_translations() if row.source.pk == page.pk]


def test_a_fresh_translation_is_not_behind(about):
    assert rows_for(about) == []


def test_editing_the_source_puts_each_translation_behind(about):
    edit(about, intro="Who we are, and why.")
    edit(about, intro="Who we are, and why we do it.")
    rows = rows_for(about)
    assert sorted(row.language for row in rows) == ["es", "fr"]
    assert {row.changes for row in rows} == {2}
    assert {row.translation.title for row in rows} == {"Quiénes somos", "Qui sommes-nous"}


def test_syncing_brings_the_translation_up_to_date(about):
    from wagtail_localize.models import TranslationSource

    edit(about, intro="Who we are, and why.")
    source = TranslationSource.objects.get(object_id=about.translation_key, locale=about.locale)
    source.update_from_db()
    assert rows_for(about) == []


def test_the_report_lists_page_language_and_how_far_behind_with_a_link_to_update(client, about):
    from wagtail_localize.models import TranslationSource

    edit(about, intro="Who we are, and why.")
    client.force_login(EditorFactory())
    response = client.get(reverse("core_stale_translations"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "About us" in html
    assert "Spanish: Quiénes somos" in html and "French: Qui sommes-nous" in html
    assert "1 edit, latest" in html
    source = TranslationSource.objects.get(object_id=about.translation_key, locale=about.locale)
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in html
    assert client.get(reverse("wagtail_localize:update_translations", args=[source.pk])).status_code == 200


def test_the_report_is_in_the_reports_menu(client, about):
    client.force_login(EditorFactory())
    assert reverse("core_stale_translations") in client.get("/admin/").content.decode()


def test_visitors_cannot_see_the_report(client, about):
    response = client.get(reverse("core_stale_translations"))
    assert response.status_code == 302
