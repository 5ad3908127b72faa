"""HTML goes over the wire gzipped when the browser accepts it
(django.middleware.gzip.GZipMiddleware, above the page cache)."""

import gzip

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_html_is_gzipped_when_the_browser_accepts_it(client, home):
    response = client.get("/en/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<!DOCTYPE html>" in html
    assert len(response.content) < len(html.encode()) / 2


def test_html_is_plain_when_the_browser_does_not_accept_gzip(client, home):
    response = client.get("/en/")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"<!DOCTYPE html>" in response.content


@override_settings(PAGE_CACHE_SECONDS=60)
def test_the_page_cache_serves_each_browser_the_encoding_it_accepts(client, home):
    """Cached pages are kept uncompressed (the key is the path alone) and
    compressed on the way out, for whoever accepts it."""
    client.get("/en/")  # the first visit may make the site's settings rows, which empties the cache
    plain = client.get("/en/")
    zipped = client.get("/en/", headers={"accept-encoding": "gzip"})
    again = client.get("/en/")
    assert zipped["X-Page-Cache"] == again["X-Page-Cache"] == "hit"
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content == again.content
    assert not again.has_header("Content-Encoding")
