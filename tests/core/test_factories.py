"""The factories every app's tests build on."""

import pytest
from django.contrib.auth import authenticate
from wagtail.models import Site

from accounts.models import FORUM_MODERATORS
from tests.factories.core import PASSWORD, ModeratorFactory, UserFactory, home_pages

pytestmark = pytest.mark.django_db


def test_a_member_can_sign_in_with_a_confirmed_address():
    user = UserFactory()
    assert authenticate(username=user.username, password=PASSWORD) == user
    assert user.emailaddress_set.get().verified


def test_roles_come_from_groups():
    assert ModeratorFactory().groups.filter(name=FORUM_MODERATORS).exists()


def test_home_pages_are_the_site_root_and_its_translations():
    homes = home_pages()
    assert Site.objects.get(is_default_site=True).root_page_id == homes["en"].pk
    assert {home.translation_key for home in homes.values()} == {homes["en"].translation_key}
    assert all(home.live for home in homes.values())
    assert home_pages() == homes  # made once, then reused
