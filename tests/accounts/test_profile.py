"""Issue 16: the profile a member edits (display name, picture, username,
bio, languages, where they facilitate, the e-mails they get) and deleting
one's account, with posts kept as by "a former member"."""

import pytest
from django.urls import reverse

from tests.factories.core import PASSWORD, AdminFactory, UserFactory
from tests.factories.forum import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def test_the_profile_form_has_every_part_a_member_expects(client):
    member = UserFactory()
    client.force_login(member)
    body = client.get(reverse("accounts:edit_profile")).content.decode()
    for name in ("display_name", "picture", "username", "bio", "languages_spoken", "organisation", "city"):
        assert f'name="{name}"' in body
    assert reverse("forum:preferences") in body  # which e-mails they get
    assert reverse("accounts:delete_account") in body
    assert 'enctype="multipart/form-data"' in body


def test_a_member_edits_their_profile_and_it_shows(client):
    member = UserFactory(username="maya")
    client.force_login(member)
    response = client.post(
        reverse("accounts:edit_profile"),
        {
            "display_name": "Maya Lee",
            "username": "maya-lee",
            "bio": "I run a spreadsheet circle.",
            "languages_spoken": "English, Tagalog",
            "organisation": "Eastside branch library",
            "city": "Oakland",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.username == "maya-lee" and member.get_absolute_url() == "/en/members/maya-lee/"
    body = client.get(member.get_absolute_url()).content.decode()
    for text in (
        "Maya Lee",
        "I run a spreadsheet circle.",
        "English, Tagalog",
        "Eastside branch library",
        "Oakland",
    ):
        assert text in body


def test_an_empty_username_keeps_the_current_one(client):
    member = UserFactory(username="maya")
    client.force_login(member)
    client.post(reverse("accounts:edit_profile"), {"display_name": "Maya", "username": ""})
    member.refresh_from_db()
    assert member.username == "maya"


@pytest.mark.parametrize(
    "username, message",
    [
        ("other", "already exists"),
        ("site_admin", "kept for the team"),
        ("welcome", "taken"),
        ("maya lee", "valid"),
    ],
)
def test_a_username_that_cannot_be_used_is_refused_beside_its_field(client, username, message):
    UserFactory(username="other")
    member = UserFactory(username="maya")
    client.force_login(member)
    response = client.post(
        reverse("accounts:edit_profile"), {"display_name": "Maya", "username": username, "bio": "kept"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["username"] and message in errors["username"][0]
    assert "kept" in response.content.decode()
    member.refresh_from_db()
    assert member.username == "maya"


def test_deleting_an_account_needs_the_confirmation_step(client, django_user_model):
    member = UserFactory()
    client.force_login(member)
    page = client.get(reverse("accounts:delete_account")).content.decode()
    assert "a former member" in page and "cannot be undone" in page
    response = client.post(reverse("accounts:delete_account"), {"password": "wrong-password"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"password", "understood"}
    assert django_user_model.objects.filter(pk=member.pk).exists()


def test_deleting_an_account_keeps_posts_as_by_a_former_member(client, django_user_model):
    member = UserFactory(display_name="Maya Lee")
    thread = ThreadFactory(author=member, title="A thread by someone who leaves")
    reply = PostFactory(thread=thread, author=member, source="A reply that stays after its author leaves.")
    client.force_login(member)
    response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert not django_user_model.objects.filter(pk=member.pk).exists()
    assert "_auth_user_id" not in client.session
    reply.refresh_from_db()
    assert reply.author_id is None
    body = client.get(thread.get_absolute_url()).content.decode()
    assert "A reply that stays after its author leaves." in body
    assert "a former member" in body and "Maya Lee" not in body


def test_deleting_from_spanish_lands_in_spanish(client):
    member = UserFactory()
    client.force_login(member)
    response = client.post("/es/members/delete/", {"password": PASSWORD, "understood": "on"})
    assert response["Location"] == "/es/"


def test_an_administrator_cannot_delete_their_own_account_here(client, django_user_model):
    admin = AdminFactory()
    client.force_login(admin)
    response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 302
    assert django_user_model.objects.filter(pk=admin.pk).exists()
