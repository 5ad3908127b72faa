"""The interface language survives signing in and out: from /es/ or /fr/ a
member lands back in that language, never on "/" (which the locale
middleware would send on by the browser's language)."""

import pytest

from tests.factories.core import PASSWORD


@pytest.fixture
def member_with_password(db):
    from tests.factories.core import UserFactory

    return UserFactory(username="viajera", email="viajera@example.com")


@pytest.mark.parametrize("language", ["es", "fr"])
def test_signing_in_without_next_lands_on_the_home_page_in_that_language(
    client, member_with_password, language
):
    response = client.post(
        f"/{language}/accounts/login/",
        {"login": "viajera@example.com", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"


@pytest.mark.parametrize("language", ["es", "fr"])
def test_signing_out_lands_back_in_the_same_language(client, member_with_password, language):
    client.force_login(member_with_password)
    response = client.post(f"/{language}/accounts/logout/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"


def test_the_sign_out_button_returns_to_the_page_it_was_pressed_on(client, member_with_password, homes):
    client.force_login(member_with_password)
    html = client.get("/fr/forum/").content.decode()
    assert '<input type="hidden" name="next" value="/fr/forum/">' in html
    response = client.post("/fr/accounts/logout/", {"next": "/fr/forum/"})
    assert response["Location"] == "/fr/forum/"


def test_the_sign_in_link_comes_back_to_the_page(client, homes):
    html = client.get("/es/forum/").content.decode()
    assert 'href="/es/accounts/login/?next=/es/forum/"' in html
