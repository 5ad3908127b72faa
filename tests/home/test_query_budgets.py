"""Every public page answers within BUDGET queries for a visitor, and within
MEMBER_BUDGET for a signed-in member (the page cache off: these are the
queries of a page-cache miss, once the site chrome and the pages' shared
fragments are cached), and the count does not grow with the data. The site is built here with the factories (tests/factories/), so the
budgets hold with and without the demo content in the database.
SHOW_QUERIES=1 prints each counted query and where it came from."""

import os
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import FooterSettings, NavigationSettings
from tests.factories.activities import (
    ActivityIndexPageFactory,
    ActivityPageFactory,
    StandardPageFactory,
    for_the_module,
    in_service,
    site_skeleton,  # noqa: F401 (a fixture, autouse)
    translation_of,
)
from tests.factories.core import UserFactory, home_pages
from tests.factories.forum import CategoryFactory, ThreadFactory
from tests.factories.guides import build_handbook

pytestmark = pytest.mark.django_db

# With the page's route (core.routes) and its shared content (core.fragments)
# cached for the content generation, a page costs its own row and what is
# personal; the budgets leave room for a page's own additions.
BUDGET = 8  # a visitor
MEMBER_BUDGET = 10  # a signed-in member: their user and unread notifications on top
MEMBER_EXCEPTIONS = {}


def make_activity(library, number, **fields):
    return ActivityPageFactory(
        parent=library,
        title=f"Circle activity {number}",
        phase_reflection=number % 2 == 0,
        duration_min=5 + number % 4 * 5,
        duration_max=10 + number % 4 * 5,
        tags=["listening", f"tag-{number % 3}"],
        **fields,
    )


def build_site():
    homes = home_pages()
    about = StandardPageFactory(parent=homes["en"])
    handbook = build_handbook(homes)
    library = in_service(ActivityIndexPageFactory(parent=homes["en"], per_page=12))
    activities = [make_activity(library, number) for number in range(5)]
    library_es = translation_of(library, "es", title="Biblioteca", slug=f"biblioteca-{library.pk}")
    activity_es = translation_of(activities[0], "es", title="Actividad en círculo")
    in_service(library, library_es)
    category = CategoryFactory()
    thread = ThreadFactory(category=category, title="How do you run a circle?", replies=6)
    # The site's settings rows, as a site that has served a page has them
    # (the first visit would make them, and emptying the caches with it).
    NavigationSettings.load()
    FooterSettings.load()
    return {
        "homes": homes,
        "library": library,
        "urls": {
            "home": "/en/",
            "home es": "/es/",
            "standard page": about.url,
            "guide index": handbook.index["en"].url,
            "guide index es": handbook.index["es"].url,
            "guide": handbook.guide("meeting-structure").url,
            "chapter": handbook.guide("running-a-check-in").url,
            "guide es": handbook.guide("meeting-structure", "es").url,
            "activity list": library.url,
            "activity list filtered": library.url + "?phase=reflection&fits=30&tag=listening&sort=shortest",
            "activity": activities[1].url,
            "activity es": activity_es.url,
            "forum": "/en/forum/",
            "forum latest": "/en/forum/latest/",
            "forum category": f"/en/forum/c/{category.slug}/",
            "thread": thread.get_absolute_url(),
            "search": "/en/search/?q=circle",
            "planner": "/en/library/planner/?budget=90&size=10",
        },
    }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with for_the_module(django_db_blocker, build_site) as made:
        yield made


@pytest.fixture
def urls(site, db):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    return site["urls"]


def count_queries(client, url):
    """The queries of the second request for `url` (the first fills the
    caches that every visit after it finds full)."""
    assert client.get(url).status_code == 200, url
    from tests.bench.queries import origin_of_current_query

    seen = []

    def record(execute, sql, params, many, context):
        seen.append(origin_of_current_query())
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(record):
        response = client.get(url)
    assert response.status_code == 200, url
    if os.environ.get("SHOW_QUERIES"):
        print(f"--- {url}: {len(captured)}", file=sys.stderr)
        for query, origin in zip(captured.captured_queries, seen, strict=False):
            print("   ", origin, query["sql"][:150], file=sys.stderr)
    return len(captured)


def test_every_public_page_is_under_the_query_budget(client, urls):
    counts = {name: count_queries(client, url) for name, url in urls.items()}
    assert {name: n for name, n in counts.items() if n > BUDGET} == {}, counts


def test_every_page_a_member_reads_is_within_the_member_budget(client, urls):
    member = UserFactory(veteran=True)
    client.force_login(member)
    counts = {name: count_queries(client, url) for name, url in urls.items()}
    over = {name: n for name, n in counts.items() if n > MEMBER_EXCEPTIONS.get(name, MEMBER_BUDGET)}
    assert over == {}, counts


def test_library_and_activity_pages_cost_the_same_with_ten_times_the_activities(client, site, urls):
    """5 activities, then 50: the same number of queries on every page that
    lists or shows them (nothing is queried per activity)."""
    member = UserFactory(veteran=True)
    client.force_login(member)
    measured = ["activity list", "activity list filtered", "activity", "home", "search"]
    before = {name: count_queries(client, urls[name]) for name in measured}
    for number in range(5, 50):
        make_activity(site["library"], number)
    after = {name: count_queries(client, urls[name]) for name in measured}
    assert after == before


def test_the_library_writes_its_tag_filter_once_for_all_its_counts(client, urls):
    """The facet counts share one WHERE clause: the tag subquery is compiled
    (and planned) once, not once per facet option."""
    from core.cache import invalidate

    client.get(urls["activity list filtered"])
    invalidate()  # the library's fragment is rendered again (core.fragments)
    with CaptureQueriesContext(connection) as captured:
        client.get(urls["activity list filtered"])
    counts = [query["sql"] for query in captured.captured_queries if 'AS "phase:reflection"' in query["sql"]]
    assert len(counts) == 1
    assert counts[0].count("activities_taggedactivity") == 1


def test_the_library_is_counted_once_per_content_generation(client, urls):
    """The filtered library is the same for every visitor: its counts and
    results are computed once, then served from the fragment cache until
    content changes."""
    from core.cache import invalidate

    def counted():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(urls["activity list filtered"]).status_code == 200
        return [
            query["sql"] for query in captured.captured_queries if 'AS "phase:reflection"' in query["sql"]
        ]

    assert len(counted()) == 1
    assert counted() == []
    invalidate()
    assert len(counted()) == 1


FIRST_VISIT_BYTES = 8 * 1024  # CSS and JS, gzipped, as production serves them (issue 10)


def first_visit_bytes(html):
    """{asset: gzipped bytes} of the stylesheets and scripts a page makes a
    browser fetch, minified as collectstatic minifies them (core.staticfiles)."""
    import gzip

    from django.conf import settings
    from django.contrib.staticfiles import finders

    from core.staticfiles import minified
    from tests.bench.report import asset_urls

    sizes = {}
    for url in asset_urls(html):
        name = url.removeprefix(settings.STATIC_URL)
        with open(finders.find(name), encoding="utf-8") as file:
            sizes[name] = len(gzip.compress(minified(name, file.read()).encode(), compresslevel=9, mtime=0))
    return sizes


@pytest.mark.parametrize("viewer", ["visitor", "member"])
def test_a_first_visit_fetches_under_8_kb_of_css_and_js(client, urls, viewer):
    pages = dict(urls)
    if viewer == "member":
        client.force_login(UserFactory(veteran=True))
        pages["submit an activity"] = "/en/library/submit/"
    over = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        sizes = first_visit_bytes(response.content.decode())
        if sum(sizes.values()) >= FIRST_VISIT_BYTES:
            over[name] = sizes
    assert over == {}
