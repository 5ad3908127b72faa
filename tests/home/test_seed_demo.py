import io

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db

COUNTED = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.Locale",
    "wagtail_localize.Translation",
    "wagtail_localize.StringTranslation",
    "accounts.User",
    "auth.Group",
    "home.NavigationLink",
    "home.FooterLink",
]


def counts():
    result = {}
    for app_config in apps.get_app_configs():
        if app_config.label in {"home", "accounts", "guides", "activities", "forum"}:
            for model in app_config.get_models():
                result[model._meta.label] = model.objects.count()
    for label in COUNTED:
        result[label] = apps.get_model(label).objects.count()
    return result


def test_seed_demo_twice_gives_the_same_counts():
    # The test database was seeded once already (tests/conftest.py).
    before = counts()
    assert before["wagtailcore.Page"] > 10
    assert before["wagtail_localize.Translation"] > 0
    call_command("seed_demo", "--skip-index", stdout=io.StringIO())
    assert counts() == before


def test_demo_accounts_and_groups(django_user_model):
    editor = django_user_model.objects.get(username="editor")
    moderator = django_user_model.objects.get(username="moderator")
    assert editor.is_site_editor and not editor.is_forum_moderator
    assert moderator.is_forum_moderator and not moderator.is_site_editor
    assert editor.has_perm("wagtailadmin.access_admin")
    assert not moderator.has_perm("wagtailadmin.access_admin")
    assert django_user_model.objects.get(username="facilitator").is_facilitator
