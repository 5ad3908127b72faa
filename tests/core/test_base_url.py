"""Issue 11 item 8: absolute URLs come from BASE_URL, never from the Host
header, and no header steers what the page cache keeps for others."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from core.urls import absolute_url, base_host, is_canonical_request, rebase

pytestmark = pytest.mark.django_db

EVIL = "localhost:6666"


@override_settings(BASE_URL="https://circlecommons.example/")
def test_absolute_url_is_built_on_the_configured_base_url():
    assert absolute_url("/en/forum/p/49/") == "https://circlecommons.example/en/forum/p/49/"
    assert absolute_url("en/guides/") == "https://circlecommons.example/en/guides/"
    assert absolute_url() == "https://circlecommons.example/"
    assert absolute_url("https://other.example/x") == "https://other.example/x"
    assert rebase("http://localhost:6666/en/a/?b=1#c") == "https://circlecommons.example/en/a/?b=1#c"
    assert base_host() == "circlecommons.example"


@override_settings(BASE_URL="http://127.0.0.1:8001", ALLOWED_HOSTS=["127.0.0.1", "localhost"])
def test_only_requests_on_the_base_url_are_canonical():
    factory = RequestFactory()
    assert is_canonical_request(factory.get("/", HTTP_HOST="127.0.0.1:8001"))
    assert not is_canonical_request(factory.get("/", HTTP_HOST="127.0.0.1:8002"))
    assert not is_canonical_request(factory.get("/", HTTP_HOST="localhost:8001"))
    assert not is_canonical_request(factory.get("/", HTTP_HOST="127.0.0.1:8001", secure=True))


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60, ALLOWED_HOSTS=["testserver", "localhost"]):
        yield
    cache.clear()


def test_a_host_header_cannot_poison_the_page_cache(client, page_cache, homes):
    # The planner's share link is built from the request (activities/views/planner.py);
    # whatever builds it, a page rendered for another host is never kept.
    from core.models import FooterSettings, NavigationSettings
    from tests.factories.activities import ActivityIndexPageFactory, in_service

    in_service(ActivityIndexPageFactory(parent=homes["en"]))  # the planner plans from the library
    NavigationSettings.load()  # the site chrome's settings exist, as on a site that has served a page
    FooterSettings.load()
    url = "/en/library/planner/"
    poisoned = client.get(url, HTTP_HOST=EVIL)
    assert poisoned.status_code == 200
    assert poisoned.get("X-Page-Cache") != "miss"  # served, not stored
    later = client.get(url)
    assert EVIL not in later.content.decode()
    assert later["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    # A visitor on another host is served the canonical copy.
    assert EVIL not in client.get(url, HTTP_HOST=EVIL).content.decode()


def test_a_host_outside_allowed_hosts_gets_400_not_a_cached_page(client, page_cache):
    client.get("/en/about/")
    response = client.get("/en/about/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert b"Circle Commons" in response.content


def _links(body):
    return re.findall(r"https?://\S+", body)


def test_password_reset_mail_links_to_the_base_url_whatever_the_host(client, member):
    with override_settings(ALLOWED_HOSTS=["testserver", "localhost"]):
        response = client.post("/en/accounts/password/reset/", {"email": member.email}, HTTP_HOST=EVIL)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert EVIL not in message.body and "6666" not in message.body
    links = _links(message.body)
    assert links and all(link.startswith("http://testserver/") for link in links)
    assert any("/accounts/password/reset/key/" in link for link in links)


def test_sign_up_confirmation_mail_links_to_the_base_url_whatever_the_host(client):
    data = {
        "email": "newcomer@example.com",
        "display_name": "Newcomer",
        "password1": "a-long-pass-phrase-2",
    }
    with override_settings(ALLOWED_HOSTS=["testserver", "localhost"]):
        response = client.post("/en/accounts/signup/", data, HTTP_HOST=EVIL)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert EVIL not in message.body
    assert any("/accounts/confirm-email/" in link for link in _links(message.body))
    assert all(link.startswith("http://testserver/") for link in _links(message.body))


@override_settings(
    ALLOWED_HOSTS=["testserver"],
    ACCOUNT_RATE_LIMITS={"login_failed": "5/300s/key"},
)
def test_the_per_account_sign_in_limit_holds_across_host_ports(client, member):
    """allauth keyed it by the Host header: each port gave five more guesses."""
    locked = [
        "Too many failed login attempts"
        in client.post(
            "/en/accounts/login/",
            {"login": member.email, "password": "wrong-guess"},
            HTTP_HOST=f"testserver:{1000 + attempt}",
        ).content.decode()
        for attempt in range(6)
    ]
    assert locked == [False] * 5 + [True]


@override_settings(BASE_URL="https://circlecommons.example")
def test_templates_build_absolute_urls_with_the_tag():
    from django.template import Context, Template

    rendered = Template("{% load site_urls %}{% absolute_url path %}").render(
        Context({"path": "/en/guides/"})
    )
    assert rendered == "https://circlecommons.example/en/guides/"
