"""Attack pass: the Wagtail admin's own sign-in form took unlimited password
guesses (25 wrong passwords in a row, never refused), and its reset form sent
unlimited mail. The admin signs in through the site's rate-limited page."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_the_admin_sign_in_form_is_the_sites_one(client):
    response = client.post("/admin/login/?next=/admin/pages/", {"username": "admin", "password": "guess"})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/admin/pages/"
    assert client.get("/admin/")["Location"] == "/en/accounts/login/?next=/admin/"


def test_the_admin_password_reset_is_the_sites_one(client):
    response = client.get("/admin/password_reset/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password/reset/"


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "20/m/ip,5/300s/key"})
def test_guessing_an_editors_password_is_limited(client, django_user_model):
    editor = django_user_model.objects.create_user(
        "chief", "chief@example.com", "a-long-pass-phrase", is_staff=True
    )
    answers = [
        client.post("/en/accounts/login/?next=/admin/", {"login": editor.email, "password": f"guess-{n}"})
        for n in range(6)
    ]
    assert "Too many failed login attempts" in answers[-1].content.decode()


def test_an_editor_reaches_the_admin_after_signing_in(client, django_user_model):
    from allauth.account.models import EmailAddress

    editor = django_user_model.objects.create_superuser("chief", "chief@example.com", "a-long-pass-phrase")
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    response = client.post(
        "/en/accounts/login/?next=/admin/", {"login": editor.email, "password": "a-long-pass-phrase"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
