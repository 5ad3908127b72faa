"""Issue 11 items 6, 11 and 15: NUL bytes get the site's 400, CSRF failures
and signed-out POSTs give the typed text back, 403 and 429 are styled, and
none of these pages needs the database."""

import pytest
from bs4 import BeautifulSoup
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from core import views

pytestmark = pytest.mark.django_db

TEXT = "My careful answer about mixing beginners <b>and</b> experienced learners & more."


def styled(response):
    body = response.content.decode()
    assert "site.css" in body and "Circle Commons" in body
    assert "Traceback" not in body
    return BeautifulSoup(body, "html.parser")


@pytest.fixture
def thread(homes):
    from tests.factories.forum import ThreadFactory

    return ThreadFactory()


# -- NUL bytes -------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/en/search/?q=%00", "/en/forum/tags/%00/", "/en/members/%00/", "/en/?x=a%00b", "/es/%00"]
)
def test_a_nul_byte_in_path_or_query_answers_the_styled_400(client, url, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 400
    assert styled(response).h1 is not None


def test_a_nul_byte_in_a_cookie_answers_400(client, django_assert_num_queries):
    # A quoted cookie may carry an octal escape, which Django decodes to NUL;
    # PostgreSQL then refused the session lookup with a 500 on every page.
    with django_assert_num_queries(0):
        response = client.get("/en/", HTTP_COOKIE='sessionid="abcdefgh\\000ijkl"')
    assert response.status_code == 400


def test_the_400_page_speaks_the_language_of_the_url(client):
    response = client.get("/es/search/?q=%00")
    assert response.status_code == 400
    assert styled(response).html["lang"] == "es"
    with translation.override("es"):
        expected = translation.gettext("We could not understand that request")
    assert expected != "We could not understand that request"
    assert expected in response.content.decode()


# -- 403 and 429 -----------------------------------------------------------


@pytest.mark.parametrize(
    "handler, status",
    [(views.bad_request, 400), (views.permission_denied, 403), (views.too_many_requests, 429)],
)
def test_error_pages_render_without_the_database(handler, status, django_assert_num_queries):
    request = RequestFactory().get("/en/forum/")
    with django_assert_num_queries(0):
        response = handler(request, None)
    assert response.status_code == status
    styled(response)


def test_the_url_conf_names_every_styled_handler():
    from website import urls

    assert urls.handler400 == "core.views.bad_request"
    assert urls.handler403 == "core.views.permission_denied"
    assert urls.handler429 == "core.views.too_many_requests"


@override_settings(ACCOUNT_RATE_LIMITS={"signup": "1/m/ip"})
def test_a_sign_up_burst_gets_the_styled_429(client):
    data = {"email": "a@example.com", "username": "a", "password1": "x", "password2": "y"}
    client.post("/en/accounts/signup/", data)
    response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 429
    assert response["Retry-After"]
    page = styled(response)
    assert "Too many attempts" in page.h1.get_text()


# -- CSRF failure ----------------------------------------------------------


def test_a_csrf_failure_gives_the_text_back_ready_to_send_again(member, thread):
    """Signed out and in again in another tab: the form's token is stale."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get(thread.get_absolute_url())  # the page with the form sets the CSRF cookie
    url = reverse("forum:reply", kwargs={"pk": thread.pk})
    stale = "x" * 64
    response = client.post(
        url, {"source": TEXT, "csrfmiddlewaretoken": stale}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 403
    form = styled(response).select_one("main form")
    assert form["method"] == "post" and form["action"] == url
    assert form.select_one('textarea[name="source"]').get_text() == TEXT
    token = form.select_one('input[name="csrfmiddlewaretoken"]')["value"]
    assert token != stale
    # The token on the page is the one the browser's cookie now matches:
    # pressing "Try again" sends the reply.
    cookie = client.cookies["csrftoken"].value
    assert _unmask_cipher_token(token) == _unmask_cipher_token(cookie) if len(cookie) == 64 else True
    again = client.post(url, {"source": TEXT, "csrfmiddlewaretoken": token}, HTTP_ORIGIN="http://testserver")
    assert again.status_code == 302


def test_a_form_posted_from_another_site_gets_no_working_token(member, thread):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get(thread.get_absolute_url())
    url = reverse("forum:reply", kwargs={"pk": thread.pk})
    response = client.post(url, {"source": TEXT}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    page = styled(response)
    assert page.select_one("main form") is None
    assert page.select_one("main textarea").get_text() == TEXT
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


# -- signed out ------------------------------------------------------------


def test_a_signed_out_post_keeps_the_text(client, thread):
    url = reverse("forum:reply", kwargs={"pk": thread.pk})
    response = client.post(
        url, {"source": TEXT}, HTTP_REFERER=f"http://testserver{thread.get_absolute_url()}"
    )
    assert response.status_code == 403
    page = styled(response)
    form = page.select_one("main form")
    assert form["action"] == url
    assert form.select_one('textarea[name="source"]').get_text() == TEXT
    login = page.select_one('main a[target="_blank"]')
    assert login["href"].startswith(reverse("account_login") + "?next=")
    assert thread.get_absolute_url().replace("/", "%2F") in login["href"]


def test_a_signed_out_post_comes_back_after_signing_in(client, member, thread):
    url = reverse("forum:reply", kwargs={"pk": thread.pk})
    response = client.post(url, {"source": TEXT})
    form = BeautifulSoup(response.content, "html.parser").select_one("main form")
    client.force_login(member)
    data = {area["name"]: area.get_text() for area in form.find_all("textarea")}
    again = client.post(form["action"], data)
    assert again.status_code == 302
    assert thread.posts.filter(source=TEXT).exists()
