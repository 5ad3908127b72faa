"""Issue 16: every account page in the site's own form rendering, valid
HTML, in the reader's language; sign-up to a signed-in member in one
confirmation; e-mails that name the site and link absolutely in the
member's language."""

import re

import html5lib
import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.factories.core import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "learning-circles-rock-42"


def assert_valid_html(response):
    """html5lib in strict mode raises on the first parse error."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(response.content.decode())


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def link_in(message):
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def in_language(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
    "account_inactive",
]
MEMBER_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "accounts:edit_profile",
    "accounts:welcome",
]


@pytest.mark.parametrize("language", ["en", "es", "fr"])
@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_every_anonymous_account_page_is_valid_html(client, name, language):
    response = client.get(in_language(language, name))
    assert response.status_code == 200
    assert_valid_html(response)
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_every_member_account_page_is_valid_html(client, name, language):
    member = UserFactory()
    client.force_login(member)
    response = client.get(in_language(language, name))
    assert response.status_code == 200
    assert_valid_html(response)
    response = client.get(member.get_absolute_url())
    assert_valid_html(response)


def test_pages_with_errors_and_links_that_failed_are_valid_html(client):
    assert_valid_html(client.post(reverse("account_signup"), {"email": "nope", "password1": "short"}))
    assert_valid_html(
        client.post(reverse("account_login"), {"login": "x@example.com", "password": "wrong-wrong"})
    )
    assert_valid_html(client.get(reverse("account_confirm_email", args=["not-a-key"])))
    response = client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "bad-key"})
    )
    assert_valid_html(response)
    assert "This link no longer works" in response.content.decode()


def test_sign_up_errors_sit_beside_their_own_fields_with_aria_wiring(client):
    response = client.post(
        reverse("account_signup"), {"email": "maria lopez", "display_name": "María", "password1": "short"}
    )
    assert response.status_code == 200
    page = soup(response)
    for name in ("email", "password1"):
        field = page.find(id=f"id_{name}")
        wrapper = field.find_parent(class_="field")
        error = wrapper.find(class_="error")
        assert error is not None and error["id"] == f"id_{name}_error"
        assert field["aria-invalid"] == "true"
        assert f"id_{name}_error" in field["aria-describedby"].split()
    # The display name was fine: no error beside it, nothing lost.
    display = page.find(id="id_display_name")
    assert display.get("aria-invalid") is None and display["value"] == "María"
    assert display.find_parent(class_="field").find(class_="error") is None
    # Help texts are elements of their own, which aria-describedby finds filled.
    help_text = page.find(id="id_password1_helptext")
    assert help_text.name == "div" and help_text.find("li")
    # The summary is announced, takes focus and links to each field.
    summary = page.find(id="form-errors")
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    assert [a["href"] for a in summary.find_all("a")] == ["#id_email", "#id_password1"]


def test_a_wrong_password_is_announced_and_marks_the_fields(client):
    UserFactory(email="maya@example.com")
    response = client.post(
        reverse("account_login"), {"login": "maya@example.com", "password": "not-my-password"}
    )
    page = soup(response)
    summary = page.find(id="form-errors")
    assert summary["role"] == "alert" and "not correct" in summary.text
    for name in ("login", "password"):
        assert page.find(id=f"id_{name}")["aria-invalid"] == "true"
        assert page.find(id=f"id_{name}")["aria-describedby"] == "form-errors"
    assert page.find(id="id_login")["value"] == "maya@example.com"


def test_labels_are_in_the_sites_wording(client):
    body = client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login">E-mail</label>' in body
    assert "Keep me signed in on this device" in body
    form = str(soup(client.get(reverse("account_login"))).find("form", class_="account-form"))
    assert "Remember Me" not in form and "Sign In" not in form and "placeholder" not in form
    signup = client.get(reverse("account_signup")).content.decode()
    assert 'name="username"' not in signup and 'name="password2"' not in signup
    assert "make sure it is yours" in signup  # why the e-mail is confirmed


def test_the_admin_sign_in_asks_for_an_e_mail(client):
    response = client.get("/admin/login/?next=/admin/", follow=True)
    assert response.status_code == 200
    assert '<label for="id_login">E-mail</label>' in response.content.decode()
    assert "Username" not in response.content.decode()


def sign_up(client, language, email="maria@example.com", display_name="María López"):
    return client.post(
        in_language(language, "account_signup"),
        {"email": email, "display_name": display_name, "password1": NEW_PASSWORD},
    )


def test_sign_up_confirm_and_land_signed_in_on_the_what_next_page_in_spanish(client, django_user_model):
    response = sign_up(client, "es")
    assert response.status_code == 302 and response["Location"].startswith("/es/")
    member = django_user_model.objects.get(email="maria@example.com")
    assert member.display_name == "María López"
    assert member.username == "maria_lopez"  # derived; editable on the profile
    assert "_auth_user_id" not in client.session
    assert_valid_html(client.get(response["Location"]))

    message = mail.outbox[-1]
    assert message.subject.startswith("[Circle Commons] ")
    assert "Circle Commons" in message.body and "testserver:" not in message.body
    assert "Hola, María López" in message.body
    confirm = link_in(message)
    assert confirm.startswith("/es/accounts/confirm-email/")
    page = client.get(confirm)
    assert page.status_code == 200 and '<html lang="es">' in page.content.decode()
    assert_valid_html(page)
    response = client.post(confirm)
    assert response.status_code == 302
    assert response["Location"] == "/es/members/welcome/"
    assert client.session["_auth_user_id"] == str(member.pk)
    welcome = client.get(response["Location"])
    assert_valid_html(welcome)
    body = welcome.content.decode()
    assert reverse("accounts:edit_profile").replace("/en/", "/es/") in body
    assert "/es/forum/new/?category=getting-started" in body


def test_a_derived_username_never_looks_like_a_role(client, django_user_model):
    client.post(
        reverse("account_signup"),
        {"email": "admin@example.com", "display_name": "Ana", "password1": NEW_PASSWORD},
    )
    assert django_user_model.objects.get(email="admin@example.com").username == "ana"
    UserFactory(username="ana")
    client.post(
        reverse("account_signup"),
        {"email": "admin@example.org", "display_name": "Ana", "password1": NEW_PASSWORD},
    )
    username = django_user_model.objects.get(email="admin@example.org").username
    assert username.startswith("ana") and username != "ana"


@pytest.mark.parametrize("language", ["es", "fr"])
def test_sign_in_and_out_land_back_in_the_language(client, language):
    member = UserFactory(email="maya@example.com")
    response = client.post(
        in_language(language, "account_login"), {"login": member.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == f"/{language}/"
    response = client.post(in_language(language, "account_logout"))
    assert response.status_code == 302 and response["Location"] == f"/{language}/"


def test_password_reset_mail_names_the_site_and_links_in_french(client):
    member = UserFactory(email="maya@example.com", display_name="Maya")
    response = client.post(in_language("fr", "account_reset_password"), {"email": member.email})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject.startswith("[Circle Commons] ")
    assert "Bonjour Maya" in message.body and "http://testserver/fr/" in message.body
    reset = link_in(message)
    assert reset.startswith("/fr/accounts/password/reset/key/")
    response = client.get(reset, follow=True)
    assert_valid_html(response)
    form_path = response.redirect_chain[-1][0]
    response = client.post(
        form_path, {"password1": "brand-new-secret-99", "password2": "brand-new-secret-99"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("brand-new-secret-99")


def test_e_mail_management_adds_an_address_and_sends_a_link(client):
    member = UserFactory(email="maya@example.com")
    client.force_login(member)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "maya@example.org"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=member, email="maya@example.org", verified=False).exists()
    assert link_in(mail.outbox[-1]).startswith("/en/accounts/confirm-email/")
    page = client.get(reverse("account_email"))
    assert_valid_html(page)
    assert "Not confirmed yet" in page.content.decode()


def test_change_password_errors_beside_their_fields(client):
    member = UserFactory()
    client.force_login(member)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "wrong-password",
            "password1": "brand-new-secret-99",
            "password2": "different-secret-99",
        },
    )
    page = soup(response)
    assert page.find(id="id_oldpassword")["aria-invalid"] == "true"
    assert page.find(id="id_oldpassword").find_parent(class_="field").find(class_="error")
    assert_valid_html(response)


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "2/m/ip", "signup": "1/m/ip"})
def test_the_lockout_pages_are_valid_html_in_the_readers_language(client):
    UserFactory(email="maya@example.com")
    for _attempt in range(3):
        response = client.post(
            in_language("es", "account_login"), {"login": "maya@example.com", "password": "wrong-guess"}
        )
    # A locked sign-in is the form's error, announced like any other.
    assert soup(response).find(id="form-errors")["role"] == "alert"
    assert_valid_html(response)
    # A burst of sign-ups gets the site's styled 429 page.
    for _attempt in range(2):
        response = client.post(in_language("es", "account_signup"), {"email": "x@example.com"})
    assert response.status_code == 429
    assert_valid_html(response)
    assert '<html lang="es">' in response.content.decode()
