"""core.middleware.AuthenticationMiddleware: the signed-in user as itself
(no lazy stand-in on every attribute read), a visitor's left lazy, and a
database outage still answered by the 503 page."""

from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import OperationalError
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from accounts.models import User
from core.middleware import AuthenticationMiddleware
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def authenticated(request):
    SessionMiddleware(lambda request: None).process_request(request)
    AuthenticationMiddleware(lambda request: None).process_request(request)
    return request


def test_a_request_with_a_session_gets_the_user_itself(client):
    member = UserFactory()
    client.force_login(member)
    request = RequestFactory().get("/en/", HTTP_COOKIE=f"sessionid={client.cookies['sessionid'].value}")
    user = authenticated(request).user
    assert type(user) is User
    assert user.pk == member.pk


def test_a_visitor_without_a_session_keeps_the_lazy_user(django_assert_num_queries):
    with django_assert_num_queries(0):
        request = authenticated(RequestFactory().get("/en/"))
    assert isinstance(request.user, SimpleLazyObject)
    assert request.user.is_anonymous


def test_a_stale_session_cookie_gives_an_anonymous_user():
    request = authenticated(RequestFactory().get("/en/", HTTP_COOKIE="sessionid=not-a-session"))
    assert request.user.is_anonymous


def test_a_member_meets_the_503_page_while_the_database_is_out(client, home):
    client.force_login(UserFactory())
    with mock.patch("django.contrib.auth.get_user", side_effect=OperationalError("could not connect")):
        response = client.get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Traceback" not in response.content.decode()
