import itertools

import pytest
from wagtail.models import Locale

from activities.models import ActivityIndexPage, ActivityPage
from activities.workflow import ensure_review_workflow
from home.models import HomePage

_counter = itertools.count()


@pytest.fixture
def home():
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def library(home):
    """A library of our own, so counts do not depend on the demo content."""
    library = ActivityIndexPage(title="Test library", slug=f"test-library-{next(_counter)}", per_page=5)
    home.add_child(instance=library)
    library.save_revision().publish()
    ensure_review_workflow([library])
    return library


def build_activity(library, title, tags=(), publish=True, **fields):
    defaults = {
        "summary": f"{title} in a sentence.",
        "purpose": "Why it helps.",
        "phase_learning": True,
        "duration_min": 10,
        "duration_max": 15,
        "group_min": 2,
        "group_max": None,
        "grouping_whole_group": True,
        "setting_in_person": True,
        "steps": [("step", {"text": "Do the thing.", "minutes": 5})],
    }
    defaults.update(fields)
    page = ActivityPage(title=title, slug=f"{title.lower().replace(' ', '-')}-{next(_counter)}", **defaults)
    if tags:
        page.tags.add(*tags)
    page.live = publish
    library.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


@pytest.fixture
def make_activity(library):
    def make(title="Activity", **fields):
        return build_activity(fields.pop("library", library), title, **fields)

    return make


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


def login(client, user):
    client.force_login(user)
    return client
