import pytest

from tests.factories.activities import (
    ActivityIndexPageFactory,
    ActivityPageFactory,
    in_service,
    site_skeleton,  # noqa: F401 (a fixture, autouse)
)
from tests.factories.core import EditorFactory


@pytest.fixture
def library(home):
    """The site's activity library, made here (in place of the demo's, while
    the suite still loads it), so counts do not depend on the demo content."""
    return in_service(ActivityIndexPageFactory(parent=home, title="Test library", per_page=5))


@pytest.fixture
def make_activity(library):
    """A published activity in `library` (another with library=), a draft with publish=False."""

    def make(title="Activity", publish=True, **fields):
        return ActivityPageFactory(parent=fields.pop("library", library), title=title, live=publish, **fields)

    return make


@pytest.fixture
def spanish(homes):
    return homes["es"].locale


@pytest.fixture
def editor():
    return EditorFactory()
