import io

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry

from guides.models import GuidePage
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


# The indexes seed_demo builds at the end (unless told --skip-index).
INDEXES = {"core.SearchEntry"}


def test_seed_demo_twice_gives_the_same_counts_and_builds_the_indexes_once_at_the_end():
    # The demo was seeded once already (demo_site, --skip-index): a second
    # time changes nothing, and fills the indexes that seeding left alone.
    before = counts()
    assert before["wagtailcore.Page"] > 10
    assert before["wagtail_localize.Translation"] > 0
    assert not IndexEntry.objects.exists() and not ReferenceIndex.objects.exists()
    call_command("seed_demo", stdout=io.StringIO())
    after = counts()
    assert {k: v for k, v in after.items() if k not in INDEXES} == {
        k: v for k, v in before.items() if k not in INDEXES
    }
    # Every live guide is in the admin's page search, and the reference
    # index knows which guides use an activity.
    live_guides = GuidePage.objects.live()
    guide_type = ContentType.objects.get_for_model(GuidePage)
    assert IndexEntry.objects.filter(content_type=guide_type).count() == live_guides.count()
    with_cards = [guide for guide in live_guides if guide.activity_pages()]
    assert with_cards and all(ReferenceIndex.get_references_for_object(g).exists() for g in with_cards)
    assert after["core.SearchEntry"] > 0


def test_demo_accounts_and_groups(django_user_model):
    editor = django_user_model.objects.get(username="editor")
    moderator = django_user_model.objects.get(username="moderator")
    assert editor.is_site_editor and not editor.is_forum_moderator
    assert moderator.is_forum_moderator and not moderator.is_site_editor
    assert editor.has_perm("wagtailadmin.access_admin")
    assert not moderator.has_perm("wagtailadmin.access_admin")
    assert django_user_model.objects.get(username="facilitator").is_facilitator
