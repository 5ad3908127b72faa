""" "Discuss this" on guides: the guide page lists the forum thread that
discusses it (through a section the forum registers for guide pages,
core.sections.GUIDE), or offers to start one in the category that hosts
discussions of guides."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from forum.models import Thread
from guides.models import GuidePage
from tests.factories.forum import CategoryFactory, MemberFactory, PostFactory, ThreadFactory
from tests.factories.guides import GuideIndexPageFactory, GuidePageFactory

from .conftest import TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(home):
    index = GuideIndexPageFactory(parent=home)
    return GuidePageFactory(parent=index, title="Running a first meeting")


@pytest.fixture
def guides_category(db):
    Thread.objects.all().delete()
    return CategoryFactory(name="Handbook talk", slug="handbook-talk", discussion_page_types=[GuidePage])


def section_of(client, guide):
    response = client.get(guide.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".page-discussion")


def test_an_undiscussed_guide_offers_to_discuss_it(client, guide):
    section = section_of(client, guide)
    link = section.find("a", string="Discuss this guide")
    assert link["href"] == reverse("forum:discuss", kwargs={"page_id": guide.pk})
    assert "Nobody has discussed this guide" in section.get_text()


def test_discuss_this_guide_starts_a_thread_about_it_in_its_category(client, guide, guides_category):
    client.force_login(MemberFactory())
    response = client.get(reverse("forum:discuss", kwargs={"page_id": guide.pk}))
    assert response.status_code == 302 and response["Location"].endswith(f"?page={guide.pk}")
    form = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert form.find("option", selected=True).get_text() == "Handbook talk"
    data = {
        "category": guides_category.pk,
        "title": "Discussing: Running a first meeting",
        "source": TEXT,
        "page": guide.pk,
    }
    assert client.post(reverse("forum:new_thread") + f"?page={guide.pk}", data).status_code == 302
    thread = Thread.objects.get(page=guide)
    assert thread.category == guides_category


def test_a_discussed_guide_lists_its_thread(client, guide, guides_category):
    thread = ThreadFactory(category=guides_category, title="Our first meeting went long", page=guide)
    PostFactory(thread=thread, author=MemberFactory(username="kim"))
    section = section_of(client, guide)
    link = section.find("a", string="Our first meeting went long")
    assert link["href"] == thread.get_absolute_url()
    assert "1 reply" in section.get_text() and "last by kim" in section.get_text()
    assert section.find("time").has_attr("title")
    assert section.find("a", string="Join the discussion")["href"] == reverse(
        "forum:discuss", kwargs={"page_id": guide.pk}
    )
    # ... and "Discuss this" leads to it.
    assert (
        client.get(reverse("forum:discuss", kwargs={"page_id": guide.pk}))["Location"]
        == thread.get_absolute_url()
    )


def test_a_hidden_thread_is_not_listed(client, guide, guides_category):
    ThreadFactory(
        category=guides_category, title="Hidden talk about it", page=guide, state={"is_hidden": True}
    )
    section = section_of(client, guide)
    assert "Hidden talk about it" not in section.get_text()
    assert section.find("a", string="Discuss this guide") is not None


def test_a_guide_page_is_answered_from_the_cache_again_after_its_thread_changes(
    client, guide, guides_category, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    assert "Discuss this guide" in section_of(client, guide).get_text()
    ThreadFactory(category=guides_category, title="A new thread about the guide", page=guide)
    assert "A new thread about the guide" in section_of(client, guide).get_text()


def test_a_category_for_any_page_takes_guides_when_none_claims_them(guide):
    from forum.models import Category

    Category.discussion_page_types.through.objects.all().delete()
    anything = CategoryFactory(name="General", discussion_page_types=[Page])
    assert Category.objects.for_page(guide) == anything
