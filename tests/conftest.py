import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the demo content, loaded once per
    test process; each test runs in a transaction that is rolled back."""
    with django_db_blocker.unblock():
        call_command("seed_demo", "--skip-index", stdout=io.StringIO())


@pytest.fixture
def member(django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user(
        username="member", email="member@example.com", password="a-long-pass-phrase"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def other_member(django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user(
        username="other", email="other@example.com", password="a-long-pass-phrase"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.get(username="editor")


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.get(username="moderator")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, as its database changes are rolled back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in another language
    leaves it active in the worker's thread, and the next test's plain
    rendering (outside a request) would follow it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
