"""Per-request memoisation (core.memo), the member's cached access snapshot
(core.access), sessions read through the cache (core.sessions) and the
cached list of restricted pages (core.restrictions)."""

from copy import copy
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache, caches
from wagtail.models import PageViewRestriction, Site

from accounts.models import SITE_EDITORS
from core import cache as page_cache
from core import memo, sessions
from core.access import snapshot
from tests.factories.activities import ActivityIndexPageFactory, ActivityPageFactory
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def cache_reads(key):
    """A mock wrapping the cache's get, and a function counting reads of `key`."""
    backend = caches["default"]
    spy = mock.patch.object(backend, "get", wraps=backend.get)
    return spy, lambda mocked: sum(1 for call in mocked.call_args_list if call.args and call.args[0] == key)


def test_remember_computes_once_per_request_and_forget_drops_it():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.remember("k", compute) == 1
    assert memo.remember("k", compute) == 2  # outside a request: no memo
    with memo.request_memo():
        assert memo.remember("k", compute) == 3
        assert memo.remember("k", compute) == 3
        memo.forget("k")
        assert memo.remember("k", compute) == 4
    with memo.request_memo():
        assert memo.remember("k", compute) == 5  # a new request, a new memo


def test_a_page_reads_the_site_root_paths_and_generations_once(client, home):
    client.get("/en/")
    spy, count = cache_reads("wagtail_site_root_paths")
    with spy as mocked:
        assert client.get("/en/").status_code == 200
    assert count(mocked) <= 1
    assert sum(1 for call in mocked.call_args_list if call.args[0] == page_cache.PAGES) <= 1


def test_a_members_page_reads_every_generation_in_one_round_trip(client, home):
    """The page cache's two generations, the access snapshot's and the
    sessions': one get_many for all four, no GET of any of them."""
    client.force_login(UserFactory())
    for _time in range(2):  # the first also makes the header's and footer's settings (an editorial change)
        client.get("/en/")
    backend, reads, inside = caches["default"], [], []
    get, get_many = backend.get, backend.get_many

    def spied_get(key, *args, **kwargs):
        if not inside:  # not the local-memory backend's get_many calling get
            reads.append(("get", key))
        return get(key, *args, **kwargs)

    def spied_get_many(keys, *args, **kwargs):
        reads.append(("get_many", tuple(keys)))
        inside.append(1)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            inside.pop()

    with mock.patch.object(backend, "get", spied_get), mock.patch.object(backend, "get_many", spied_get_many):
        assert client.get("/en/").status_code == 200
    generations = set(page_cache.GENERATIONS)
    assert {page_cache.ACCESS, page_cache.SESSIONS} <= generations
    assert not [key for kind, key in reads if kind == "get" and key in generations], reads
    together = [keys for kind, keys in reads if kind == "get_many" and generations & set(keys)]
    assert len(together) == 1 and set(together[0]) == generations, reads
    # Beyond them, only the member's session: the header, the footer and
    # the member's permissions are kept by the process for their generations.
    others = [key for kind, key in reads if kind == "get"]
    assert others and all(key.startswith("django.contrib.sessions.cached_db") for key in others), reads


def test_site_root_paths_follow_a_site_change_within_the_request(home):
    with memo.request_memo():
        before = Site.get_site_root_paths()
        site = Site.objects.get(is_default_site=True)
        site.hostname = "elsewhere.example"
        site.save()
        after = Site.get_site_root_paths()
    assert before[0].root_url != after[0].root_url
    assert after[0].root_url == "http://elsewhere.example"


def test_site_root_paths_kept_by_the_process_follow_a_site_change(home, django_assert_num_queries):
    before = Site.get_site_root_paths()
    with django_assert_num_queries(0):
        assert Site.get_site_root_paths() == before  # kept for the editorial generation
    site = Site.objects.get(is_default_site=True)
    site.hostname = "moved.example"
    site.save()
    assert Site.get_site_root_paths()[0].root_url == "http://moved.example"


def test_a_bumped_generation_is_read_again_in_the_same_request():
    with memo.request_memo():
        first = page_cache.generation()
        page_cache.invalidate()
        assert page_cache.generation() == first + 1


def test_a_members_permissions_come_from_the_cache_and_follow_their_groups(client, django_assert_num_queries):
    member = UserFactory(veteran=True)
    assert not member.is_site_editor
    assert not member.has_perm("wagtailadmin.access_admin")
    fresh = type(member).objects.get(pk=member.pk)
    with django_assert_num_queries(0):
        assert not fresh.has_perm("wagtailadmin.access_admin")
        assert not fresh.is_site_editor
    member.groups.add(Group.objects.get(name=SITE_EDITORS))
    fresh = type(member).objects.get(pk=member.pk)
    assert fresh.is_site_editor
    assert fresh.has_perm("wagtailadmin.access_admin")
    member.groups.clear()
    fresh = type(member).objects.get(pk=member.pk)
    assert not fresh.is_site_editor
    assert not fresh.has_perm("wagtailadmin.access_admin")


def test_a_permission_given_to_a_group_reaches_its_members():
    member = UserFactory(veteran=True)
    group = Group.objects.create(name="Helpers")
    member.groups.add(group)
    assert not type(member).objects.get(pk=member.pk).has_perm("wagtailadmin.access_admin")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    assert type(member).objects.get(pk=member.pk).has_perm("wagtailadmin.access_admin")


def test_nothing_is_kept_while_the_shared_cache_is_out(django_assert_num_queries):
    member = UserFactory(veteran=True)
    snapshot(_fresh(member))
    with django_assert_num_queries(0):  # kept by this process
        snapshot(_fresh(member))
    with mock.patch("core.cache.cache_is_degraded", return_value=True):
        for _ in range(2):
            fresh = _fresh(member)
            with django_assert_num_queries(3):  # groups, user and group permissions
                snapshot(fresh)


def _fresh(member):
    """The member as a new request reads them (no snapshot on the object)."""
    fresh = copy(member)
    fresh.__dict__.pop("_access_snapshot", None)
    return fresh


def test_the_admin_link_follows_the_members_group(client):
    member = UserFactory(veteran=True)
    client.force_login(member)
    assert b'href="/admin/"' not in client.get("/en/forum/").content
    member.groups.add(Group.objects.get(name=SITE_EDITORS))
    assert b'href="/admin/"' in client.get("/en/forum/").content


def test_sessions_are_read_from_the_database_while_the_cache_is_out(client):
    member = UserFactory(veteran=True)
    client.force_login(member)
    key = client.cookies["sessionid"].value
    store = sessions.SessionStore(key)
    assert store.load()  # from the cache or the database: the member's session
    cache.set(store.cache_key, {"forged": True})
    with mock.patch.object(sessions, "cache_is_degraded", return_value=True):
        assert "forged" not in sessions.SessionStore(key).load()
    assert "forged" in sessions.SessionStore(key).load()
    sessions.forget_cached_sessions()  # the shared cache came back: what it held is stale
    assert "forged" not in sessions.SessionStore(key).load()


def test_signing_out_ends_the_session_for_every_process(client):
    member = UserFactory(veteran=True)
    client.force_login(member)
    key = client.cookies["sessionid"].value
    client.post("/en/accounts/logout/")
    assert not sessions.SessionStore(key).exists(key)
    assert sessions.SessionStore(key).load() == {}


def test_activities_under_a_restricted_page_are_not_public(home):
    library = ActivityIndexPageFactory(parent=home)
    shown = ActivityPageFactory(parent=library, title="Shown")
    hidden_library = ActivityIndexPageFactory(parent=home)
    hidden = ActivityPageFactory(parent=hidden_library, title="Hidden")
    public = set(type(shown).objects.filter(pk__in=[shown.pk, hidden.pk]).public_in_sql())
    assert public == {shown, hidden}
    PageViewRestriction.objects.create(page=hidden_library, restriction_type=PageViewRestriction.LOGIN)
    public = set(type(shown).objects.filter(pk__in=[shown.pk, hidden.pk]).public_in_sql())
    assert public == {shown}
