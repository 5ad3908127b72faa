import pytest

from core import cache_backends


@pytest.fixture(autouse=True)
def _cache_failures_forgotten():
    cache_backends.reset_state()
    yield
    cache_backends.reset_state()
