import pytest

from tests.factories.activities import (
    ActivityIndexPageFactory,
    ActivityPageFactory,
    in_service,
    site_skeleton,  # noqa: F401 (a fixture, autouse)
)
from tests.factories.core import ModeratorFactory


@pytest.fixture
def library(home):
    return in_service(ActivityIndexPageFactory(parent=home, title="Test library", per_page=20))


@pytest.fixture
def activity(library):
    return ActivityPageFactory(parent=library, title="Plus/delta", duration_min=5, duration_max=15)


@pytest.fixture
def moderator():
    return ModeratorFactory()
