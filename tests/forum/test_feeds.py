"""Atom feeds of new threads, across the forum and per category."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from forum.models import Thread
from tests.factories.forum import CategoryFactory, ThreadFactory

from .conftest import TEXT

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    assert root.tag == f"{ATOM}feed"
    return {entry.find(f"{ATOM}title").text: entry for entry in root.findall(f"{ATOM}entry")}


def test_latest_feed_lists_visible_threads_with_their_opening_post(
    client, thread, moderator, category, author
):
    ThreadFactory(title="What is a learning circle to you?")  # in another category
    hidden = Thread.start(category=category, author=author, title="A thread moderators hid", source=TEXT)
    hidden.set_hidden(True, by=moderator)
    feed = entries(client, reverse("forum:feed_latest"))
    assert thread.title in feed and hidden.title not in feed
    assert "What is a learning circle to you?" in feed
    entry = feed[thread.title]
    assert entry.find(f"{ATOM}link").get("href").endswith(thread.get_absolute_url())
    assert entry.find(f"{ATOM}author/{ATOM}name").text == author.public_name
    summary = entry.find(f"{ATOM}summary").text
    assert "half the meeting" in summary


def test_category_feed_only_has_that_category(client, thread):
    facilitation = CategoryFactory(name="Facilitation", slug="facilitation")
    ThreadFactory.create_batch(2, category=facilitation)
    feed = entries(client, reverse("forum:feed_category", args=[thread.category.slug]))
    assert list(feed) == [thread.title]
    other = entries(client, reverse("forum:feed_category", args=["facilitation"]))
    assert thread.title not in other
    assert other and set(other) == set(facilitation.threads.visible().values_list("title", flat=True))


def test_feed_content_is_sanitized(client, category, author):
    Thread.start(
        category=category,
        author=author,
        title="Dangerous looking thread",
        source="<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> fine",
    )
    summary = (
        entries(client, reverse("forum:feed_latest"))["Dangerous looking thread"].find(f"{ATOM}summary").text
    )
    soup = BeautifulSoup(summary, "html.parser")
    assert not soup.find_all(["script", "img"])
    assert all(not attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)


def test_unknown_category_feed_is_404(client):
    assert client.get(reverse("forum:feed_category", args=["no-such-category"])).status_code == 404


def test_pages_advertise_their_feeds(client, thread):
    page = BeautifulSoup(client.get(thread.category.get_absolute_url()).content, "html.parser")
    hrefs = {link["href"] for link in page.find_all("link", type="application/atom+xml")}
    assert reverse("forum:feed_latest") in hrefs
    assert reverse("forum:feed_category", args=[thread.category.slug]) in hrefs


def test_every_feed_link_is_on_the_base_url_whatever_the_host_header(client, thread, category):
    from django.test import override_settings

    with override_settings(ALLOWED_HOSTS=["*"], BASE_URL="https://circlecommons.example"):
        for url in (reverse("forum:feed_latest"), reverse("forum:feed_category", args=[category.slug])):
            response = client.get(url, HTTP_HOST="evil.example:6666")
            assert response.status_code == 200
            root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
            hrefs = [link.get("href") for link in root.iter(f"{ATOM}link")]
            ids = [node.text for node in root.iter(f"{ATOM}id")]
            assert hrefs and ids
            for value in hrefs + ids:
                assert value.startswith("https://circlecommons.example/"), value
            assert b"evil.example" not in response.content
            assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
