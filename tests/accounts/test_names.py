"""Display names cannot impersonate staff (issue 11, item 13): invisible and
direction-changing characters are removed, staff-like names are kept for
staff, and role badges show beside names wherever the site shows them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from accounts.models import FORUM_MODERATORS
from accounts.names import clean_display_name, is_reserved
from tests.factories.core import PASSWORD, AdminFactory, EditorFactory, ModeratorFactory, UserFactory
from tests.factories.forum import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db

RESERVED_MESSAGE = "kept for the team"


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("\u202enimda etis", "nimda etis"),  # right-to-left override
        ("Maya\u202a\u202b\u202c\u202d", "Maya"),
        ("\u2066Maya\u2069 \u2067Lee\u2068", "Maya Lee"),
        ("Ma\u200bya\u200e\u200f\u061c", "Maya"),  # zero-width space, direction marks, Arabic letter mark
        ("\ufeffMaya\u00ad\u2060", "Maya"),  # byte-order mark, soft hyphen, word joiner
        ("  Maya \t\n  Lee  ", "Maya Lee"),
        ("Maya\x00\x07", "Maya"),
        ("\u3164\u2800", ""),  # blank look-alike letters only
        ("Lucía Romero", "Lucía Romero"),
        ("مریم\u200cجان", "مریم\u200cجان"),  # the zero-width non-joiner Persian needs is kept
        ("Za" + "\u0301" * 40, "Za" + "\u0301" * 3),
    ],
)
def test_invisible_and_direction_characters_are_removed(typed, stored):
    assert clean_display_name(typed) == stored


@pytest.mark.parametrize(
    "name",
    [
        "admin",
        "Site admin",
        "SITE ADMIN",
        "SiteAdmin",
        "site_admin",
        "The Admin",
        "Ａｄｍｉｎ",  # full-width
        "\u0430dmin",  # Cyrillic a
        "4dm1n",
        "a d m i n",
        "Moderator",
        "Modérateur Paul",
        "moderadora",
        "Forum mod",
        "Editor",
        "Éditrice",
        "Staff",
        "S.T.A.F.F",
        "Circle Commons",
        "circle-commons team",
        "CircleCommons",
        "Circ1e Commons",
        "Administrador del sitio",
    ],
)
def test_staff_like_names_are_reserved(name):
    assert is_reserved(name)


@pytest.mark.parametrize(
    "name", ["Maya", "Lucía Romero", "Fatima Facilitator", "Badminton club", "Edith", "Modesto", "Circle fan"]
)
def test_ordinary_names_are_not_reserved(name):
    assert not is_reserved(name)


def test_saving_a_member_removes_bidi_controls_whatever_the_path():
    member = UserFactory(display_name="\u202eMaya")
    member.refresh_from_db()
    assert member.display_name == "Maya"


def test_a_member_cannot_take_a_staff_name_on_the_profile(client):
    member = UserFactory(username="maya", display_name="Maya")
    client.force_login(member)
    response = client.post(
        reverse("accounts:edit_profile"), {"display_name": "Site\u00a0Admin", "bio": "my bio stays"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert RESERVED_MESSAGE in body and "my bio stays" in body
    assert response.context["form"].errors["display_name"]
    member.refresh_from_db()
    assert member.display_name == "Maya"


def test_a_member_cannot_take_a_staff_name_on_sign_up(client, django_user_model):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Moderator",
        },
    )
    assert response.status_code == 200
    assert RESERVED_MESSAGE in response.content.decode()
    assert not django_user_model.objects.filter(email="new@example.com").exists()


@pytest.mark.parametrize("factory", [ModeratorFactory, EditorFactory, AdminFactory])
def test_staff_may_carry_a_staff_name(client, factory):
    staff = factory()
    client.force_login(staff)
    response = client.post(reverse("accounts:edit_profile"), {"display_name": "Site moderator"})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.display_name == "Site moderator"


def test_the_profile_form_stores_the_cleaned_name(client):
    member = UserFactory()
    client.force_login(member)
    client.post(reverse("accounts:edit_profile"), {"display_name": "\u202eMaya\u200b Lee"})
    member.refresh_from_db()
    assert member.display_name == "Maya Lee"


def test_roles_are_read_once_per_request_and_follow_group_changes():
    member, moderator, editor, admin = UserFactory(), ModeratorFactory(), EditorFactory(), AdminFactory()
    assert roles.roles_of(member) == ()
    assert roles.roles_of(moderator) == (roles.MODERATOR,)
    assert roles.roles_of(editor) == (roles.EDITOR,)
    assert roles.roles_of(admin) == (roles.ADMIN,)
    with CaptureQueriesContext(connection) as context:
        roles.roles_of(moderator)
    assert not context.captured_queries  # cached
    from django.contrib.auth.models import Group

    member.groups.add(Group.objects.get(name=FORUM_MODERATORS))
    assert roles.roles_of(member) == (roles.MODERATOR,)
    moderator.is_active = False
    moderator.save()
    assert roles.roles_of(moderator) == ()


def test_role_badges_show_beside_names_in_the_forum(client):
    moderator = ModeratorFactory(display_name="Marcus")
    editor = EditorFactory(display_name="Elena")
    member = UserFactory(display_name="Maya")
    thread = ThreadFactory(author=member, title="Badges beside names in a thread")
    PostFactory(thread=thread, author=moderator)
    PostFactory(thread=thread, author=editor)
    body = client.get(thread.get_absolute_url()).content.decode()
    assert '<bdi>Marcus</bdi></a> <span class="badge badge-role">Moderator</span>' in body
    assert '<bdi>Elena</bdi></a> <span class="badge badge-role">Editor</span>' in body
    assert "<bdi>Maya</bdi></a></span>" in body  # no badge
    listing = client.get(thread.category.get_absolute_url()).content.decode()
    assert 'started by <span class="member-name"><bdi>Maya</bdi></span>' in listing
    assert (
        'last by <span class="member-name"><bdi>Elena</bdi> <span class="badge badge-role">Editor' in listing
    )


def test_role_badges_on_the_profile_and_in_spanish(client):
    moderator = ModeratorFactory(display_name="Marcus")
    assert 'badge-role">Moderator</span>' in client.get(moderator.get_absolute_url()).content.decode()
    body = client.get(f"/es/members/{moderator.username}/").content.decode()
    assert 'badge-role">Moderación</span>' in body


def test_a_deleted_author_is_a_former_member(client):
    member = UserFactory(display_name="Maya")
    thread = ThreadFactory(author=member, title="A thread whose author leaves")
    member.delete()
    assert "a former member" in client.get(thread.get_absolute_url()).content.decode()
