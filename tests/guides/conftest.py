import pytest
from django.apps import apps
from wagtail.models import Page

from guides.models import GuideIndexPage, GuidePage, GuideSection
from home.models import HomePage


@pytest.fixture
def home():
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def en_index():
    return GuideIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def sections():
    return {section.title: section for section in GuideSection.objects.filter(locale__language_code="en")}


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def make_guide(en_index):
    """Add a published guide (or chapter, with parent=) with the given body."""

    def make(title, parent=None, body=(), section=None, **fields):
        page = GuidePage(
            title=title,
            slug=fields.pop("slug", None) or title.lower().replace(" ", "-"),
            summary=fields.pop("summary", f"What {title} is about."),
            section=section,
            body=list(body) or [{"type": "paragraph", "value": "<p>Some text.</p>"}],
            **fields,
        )
        (parent or en_index).add_child(instance=page)
        return publish(page)

    return make


@pytest.fixture
def make_activity(home):
    """A published ActivityPage in the activity library (made if missing)."""
    try:
        ActivityIndexPage = apps.get_model("activities", "ActivityIndexPage")
        ActivityPage = apps.get_model("activities", "ActivityPage")
    except LookupError:
        pytest.skip("The activities app has no ActivityPage yet.")

    def make(title, slug, parent_locale=None):
        library = ActivityIndexPage.objects.filter(locale=home.locale).first()
        if library is None:
            library = ActivityIndexPage(title="Activities", slug="activities")
            home.add_child(instance=library)
            publish(library)
        activity = ActivityPage(
            title=title,
            slug=slug,
            summary=f"{title} in a few words.",
            purpose="Gets everyone talking.",
            duration_min=5,
            duration_max=10,
            phase_learning=True,
            grouping_pairs=True,
        )
        library.add_child(instance=activity)
        return publish(activity)

    return make


def stream_block(block_type, value):
    return {"type": block_type, "value": value}


def root():
    return Page.get_first_root_node()
