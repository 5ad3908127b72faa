import pytest

from guides.models import GuidePage
from tests.factories.activities import (
    ActivityIndexPageFactory,
    ActivityPageFactory,
    for_the_module,
    in_service,
    site_skeleton,  # noqa: F401 (a fixture, autouse)
)
from tests.factories.core import EditorFactory, ModeratorFactory, home_pages
from tests.factories.guides import GuideIndexPageFactory, GuidePageFactory, build_handbook


@pytest.fixture(scope="module")
def module_handbook(django_db_setup, django_db_blocker):
    with for_the_module(django_db_blocker, lambda: build_handbook(home_pages())) as handbook:
        yield handbook


@pytest.fixture
def handbook(module_handbook, db):
    """A handbook in the demo's shape, in every language
    (tests/factories/guides.py), made once for the test module; what a test
    changes is undone before the next."""
    return module_handbook.fresh()


@pytest.fixture
def en_index(request, homes):
    """The English guide index: the handbook's when the test has one, else a
    new one, with no other guides live (the demo's, when it is loaded)."""
    if "handbook" in request.fixturenames:
        return request.getfixturevalue("handbook").index["en"]
    in_service(model=GuidePage)
    return in_service(GuideIndexPageFactory(parent=homes["en"]))


@pytest.fixture
def sections(handbook):
    """{title: GuideSection} of the English handbook."""
    return handbook.sections["en"]


@pytest.fixture
def make_guide(en_index):
    """Add a published guide (or chapter, with parent=) with the given body."""

    def make(title, parent=None, body=(), section=None, **fields):
        if body:
            fields["body"] = list(body)
        return GuidePageFactory(parent=parent or en_index, title=title, section=section, **fields)

    return make


@pytest.fixture
def library(home):
    return ActivityIndexPageFactory(parent=home)


@pytest.fixture
def make_activity(library):
    """A published activity in the library."""

    def make(title, slug):
        return ActivityPageFactory(
            parent=library,
            title=title,
            slug=slug,
            summary=f"{title} in a few words.",
            purpose="Gets everyone talking.",
            duration_min=5,
            duration_max=10,
            grouping_whole_group=False,
            grouping_pairs=True,
        )

    return make


@pytest.fixture
def editor():
    return EditorFactory()


@pytest.fixture
def moderator():
    return ModeratorFactory()
