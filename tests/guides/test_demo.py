import io

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Revision

from guides import demo
from guides.models import GuideIndexPage, GuidePage, GuideRelatedLink, GuideSection

pytestmark = pytest.mark.django_db


def counts():
    return {
        "guides": GuidePage.objects.count(),
        "indexes": GuideIndexPage.objects.count(),
        "sections": GuideSection.objects.count(),
        "links": GuideRelatedLink.objects.count(),
        "revisions": Revision.objects.count(),
        "bodies": sorted((page.pk, str(page.body.raw_data)) for page in GuidePage.objects.all()),
    }


def test_demo_is_idempotent_and_deterministic():
    before = counts()
    output = io.StringIO()
    demo.seed(stdout=output)
    assert counts() == before
    assert "10 in English" in output.getvalue()


def test_demo_block_ids_are_stable():
    page = GuidePage.objects.get(slug="meeting-structure", locale__language_code="en")
    assert page.body.raw_data[0]["id"] == demo.demo_id("meeting-structure", 0)
    agenda = next(block for block in page.body.raw_data if block["type"] == "agenda")
    assert [item["id"] for item in agenda["value"]["phases"]] == [
        demo.demo_id("meeting-structure", 4, number) for number in range(5)
    ]


def test_demo_has_ten_guides_using_a_mix_of_blocks():
    english = GuidePage.objects.filter(locale__language_code="en")
    assert english.count() >= 10
    used = {block.block_type for page in english for block in page.body}
    assert {"heading", "paragraph", "callout", "steps", "faq", "agenda", "quote"} <= used
    kinds = {block.value["kind"] for page in english for block in page.body if block.block_type == "callout"}
    assert kinds == {"tip", "watch_out", "example"}


def test_meeting_structure_agenda_adds_up_to_ninety_minutes():
    page = GuidePage.objects.get(slug="meeting-structure", locale__language_code="en")
    agenda = next(block.value for block in page.body if block.block_type == "agenda")
    assert agenda.total_minutes == agenda["planned_minutes"] == 90
    assert [phase["name"] for phase in agenda["phases"]][0] == "Check-in"


def test_library_guide_carries_the_pilots_figures(client):
    text = (
        BeautifulSoup(client.get("/en/guides/running-circles-in-a-public-library/").content, "html.parser")
        .select_one(".guide-body")
        .get_text()
    )
    for fact in [
        "11 of its branches",
        "17 circles",
        "six to eight weeks",
        "between 2 and 15",
        "45%",
        "5%",
        "65%",
        "90%",
    ]:
        assert fact in text


def test_demo_embeds_activities_only_when_they_exist():
    from django.apps import apps

    ActivityPage = apps.get_model("activities", "ActivityPage")
    found = demo.find_activities()
    assert all(isinstance(page, ActivityPage) for page in found.values())
    embedded = {
        block.value["activity"].pk
        for page in GuidePage.objects.filter(locale__language_code="en")
        for block in page.body
        if block.block_type == "activity"
    }
    assert embedded == {page.pk for page in found.values()}
