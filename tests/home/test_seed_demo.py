import io

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.factories.activities import whole_demo

# In one worker, which seeds the demo once for all of them (whole_demo).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("whole-demo")]


@pytest.fixture(scope="module", autouse=True)
def demo_site(django_db_setup, django_db_blocker):
    """The demo, seeded once for this module (and rolled back after it)."""
    with whole_demo(django_db_blocker) as homes:
        yield homes


COUNTED = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.Locale",
    "wagtail_localize.Translation",
    "wagtail_localize.StringTranslation",
    "accounts.User",
    "auth.Group",
    "core.NavigationLink",
    "core.FooterLink",
]


def counts():
    result = {}
    for app_config in apps.get_app_configs():
        if app_config.label in {"core", "home", "accounts", "guides", "activities", "forum", "reports"}:
            for model in app_config.get_models():
                result[model._meta.label] = model.objects.count()
    for label in COUNTED:
        result[label] = apps.get_model(label).objects.count()
    return result


def test_seed_demo_twice_gives_the_same_counts():
    # The demo was seeded once already (demo_site): a second time changes nothing.
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
