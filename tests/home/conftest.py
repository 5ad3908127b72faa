import pytest

from tests.factories.activities import about_page


@pytest.fixture
def about(homes):
    """The English "About" page at /en/about/ (the demo's, when the demo is loaded)."""
    return about_page(homes)
