from unittest import mock

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from core import views
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_healthz_503_when_database_unreachable(client):
    with mock.patch("core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_pages_answer_friendly_503_when_database_is_down(client, about):
    with mock.patch.object(StandardPage, "serve", side_effect=OperationalError("connection refused")):
        response = client.get("/en/about/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "briefly unavailable" in body
    assert "Traceback" not in body and "OperationalError" not in body


@pytest.mark.parametrize("handler, status", [(views.page_not_found, 404), (views.server_error, 500)])
def test_error_pages_make_no_database_query(django_assert_num_queries, handler, status):
    request = RequestFactory().get("/en/missing/")
    with django_assert_num_queries(0):
        response = handler(request) if handler is views.server_error else handler(request, None)
    assert response.status_code == status
    assert b"Circle Commons" in response.content
    assert b"site.css" in response.content


def test_unknown_page_uses_styled_404(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content


def test_server_error_shows_no_stack_trace(client):
    client.raise_request_exception = False
    with mock.patch("home.views.Paginator", side_effect=RuntimeError("boom secret")):
        response = client.get("/en/search/", {"q": "circle"})
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "boom secret" not in body and "Traceback" not in body
