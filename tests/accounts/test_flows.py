import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "learning-circles-rock-42"


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_sign_up_confirm_email_and_sign_in(client, django_user_model):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "new@example.com", "password1": PASSWORD, "display_name": "New Facilitator"},
    )
    assert response.status_code == 302
    user = django_user_model.objects.get(email="new@example.com")
    assert user.display_name == "New Facilitator" and user.username == "new_facilitator"
    # Unconfirmed accounts cannot sign in yet.
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    confirm_path = link_in(mail.outbox[0])
    assert "/confirm-email/" in confirm_path
    assert client.get(confirm_path).status_code == 200
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_with_bad_input_keeps_what_was_typed(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "not-an-email", "display_name": "Keep Me", "password1": "short"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Keep Me"' in body
    assert 'value="not-an-email"' in body


def test_common_passwords_are_refused(client, django_user_model):
    client.post(
        "/en/accounts/signup/",
        {"email": "p@example.com", "display_name": "Pat", "password1": "password123"},
    )
    assert not django_user_model.objects.filter(email="p@example.com").exists()


def test_sign_in_and_sign_out(client, member):
    response = client.post("/en/accounts/login/", {"login": member.email, "password": "a-long-pass-phrase"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    old_key = client.session.session_key
    client.post("/en/accounts/logout/")
    assert "_auth_user_id" not in client.session
    assert client.session.session_key != old_key


def test_wrong_password_says_so(client, member):
    response = client.post("/en/accounts/login/", {"login": member.email, "password": "nope-nope-nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_password_reset(client, member):
    response = client.post("/en/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    reset_path = link_in(mail.outbox[-1])
    response = client.get(reset_path, follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else reset_path
    response = client.post(
        form_path, {"password1": "brand-new-secret-99", "password2": "brand-new-secret-99"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("brand-new-secret-99")


def test_profile_edit_changes_only_your_own_profile(client, member, other_member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:edit_profile"),
        {
            "display_name": "Maya",
            "bio": "Hello",
            "organisation": "Eastside branch",
            "city": "Oakland",
            "languages_spoken": "English",
            "is_facilitator": "on",
            # Smuggled fields are ignored.
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    other_member.refresh_from_db()
    assert member.display_name == "Maya" and member.organisation == "Eastside branch"
    assert member.username == "member" and not member.is_staff and not member.is_superuser
    assert other_member.display_name == ""


def test_profile_edit_requires_sign_in(client):
    response = client.get(reverse("accounts:edit_profile"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_profile_edit_bad_input_keeps_text(client, member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:edit_profile"), {"display_name": "x" * 200, "bio": "my bio stays"}
    )
    assert response.status_code == 200
    assert "my bio stays" in response.content.decode()
    member.refresh_from_db()
    assert member.bio == ""


def test_public_profile_page(client, member, other_member):
    member.display_name = "Maya"
    member.organisation = "Eastside branch"
    member.save()
    response = client.get(member.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Maya" in body and "Eastside branch" in body
    assert reverse("accounts:edit_profile") not in body
    client.force_login(other_member)
    assert reverse("accounts:edit_profile") not in client.get(member.get_absolute_url()).content.decode()
    client.force_login(member)
    assert reverse("accounts:edit_profile") in client.get(member.get_absolute_url()).content.decode()


def test_inactive_members_have_no_public_profile(client, member):
    member.is_active = False
    member.save()
    assert client.get(member.get_absolute_url()).status_code == 404


def test_editors_reach_the_admin_and_site_settings(client, editor, moderator):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code in (200, 302)
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 302


def test_admin_can_edit_navigation_settings(client, homes):
    from tests.factories.core import AdminFactory

    client.force_login(AdminFactory())
    assert client.get("/admin/settings/core/navigationsettings/").status_code in (200, 302)
    response = client.get("/admin/settings/core/navigationsettings/", follow=True)
    assert response.status_code == 200
    assert b"Header links" in response.content


def test_the_profile_shows_what_apps_register_for_it(client, member, monkeypatch):
    from core import sections

    monkeypatch.setattr(sections, "_SECTIONS", dict(sections._SECTIONS))
    sections.register(
        "greeting",
        "includes/messages.html",  # any template; it receives `items`
        lambda shown, request: [f"seen {shown.username}"],
        place=sections.PROFILE,
    )
    response = client.get(member.get_absolute_url())
    assert ("greeting", [f"seen {member.username}"]) in [
        (section.key, items) for section, items in response.context["sections"]
    ]
