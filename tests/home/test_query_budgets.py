"""Every public page answers in under 15 queries for a visitor (the page cache
off: these are the queries of a cache miss, once the site chrome is cached)."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

BUDGET = 14


def public_urls():
    from activities.models import ActivityIndexPage, ActivityPage
    from forum.models import Category, Thread
    from guides.models import GuideIndexPage, GuidePage

    thread = Thread.objects.visible().order_by("-reply_count").first()
    return {
        "home": "/en/",
        "home es": "/es/",
        "standard page": "/en/about/",
        "guide index": GuideIndexPage.objects.get(locale__language_code="en").url,
        "guide index es": GuideIndexPage.objects.get(locale__language_code="es").url,
        "guide": GuidePage.objects.live().filter(locale__language_code="en", depth=4).first().url,
        "chapter": GuidePage.objects.live().filter(locale__language_code="en", depth=5).first().url,
        "guide es": GuidePage.objects.live().filter(locale__language_code="es").first().url,
        "activity list": ActivityIndexPage.objects.get(locale__language_code="en").url,
        "activity list filtered": ActivityIndexPage.objects.get(locale__language_code="en").url
        + "?phase=reflection&fits=30&sort=shortest",
        "activity": ActivityPage.objects.live().filter(locale__language_code="en").first().url,
        "activity es": ActivityPage.objects.live().filter(locale__language_code="es").first().url,
        "forum": "/en/forum/",
        "forum latest": "/en/forum/latest/",
        "forum category": f"/en/forum/c/{Category.objects.first().slug}/",
        "thread": thread.get_absolute_url(),
        "search": "/en/search/?q=circle",
        "planner": "/en/library/planner/?budget=90&size=10",
    }


def test_every_public_page_is_under_the_query_budget(client, django_assert_max_num_queries):
    call_command("update_index", verbosity=0)
    for name, url in public_urls().items():
        assert client.get(url).status_code == 200, name
        with django_assert_max_num_queries(BUDGET, info=name):
            response = client.get(url)
        assert response.status_code == 200, name
