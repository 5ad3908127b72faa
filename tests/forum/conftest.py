from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.forum import TEXT, CategoryFactory, MemberFactory, PostFactory, ThreadFactory

__all__ = ["TEXT", "age", "make_user"]


def make_user(django_user_model, username, *, new=False):
    """A member with a confirmed address, shown by their username; a regular
    who joined long ago unless `new` (joined today, has done nothing yet: the
    new-member limits apply)."""
    if new:
        return MemberFactory(username=username, date_joined=timezone.now(), standing=False)
    return MemberFactory(username=username)


@pytest.fixture
def veteran(django_user_model):
    """A member who joined long ago: only the ordinary limits apply."""
    return make_user(django_user_model, "veteran")


@pytest.fixture
def newcomer(django_user_model):
    """A member who joined today: the stricter new-member limits apply."""
    return make_user(django_user_model, "newcomer", new=True)


@pytest.fixture
def author(django_user_model):
    return make_user(django_user_model, "author")


@pytest.fixture
def replier(django_user_model):
    return make_user(django_user_model, "replier")


@pytest.fixture
def category(db):
    return CategoryFactory(name="Testing ground", slug="testing-ground", description="For tests.")


def age(obj, seconds):
    """Move an object's `created` into the past instead of sleeping."""
    type(obj).objects.filter(pk=obj.pk).update(created=timezone.now() - timedelta(seconds=seconds))


@pytest.fixture
def thread(category, author):
    return ThreadFactory(
        category=category,
        author=author,
        title="How long should a check-in take?",
        source="Our check-in takes half the meeting. How do you keep it short?",
        is_question=True,
        tags=["check-in"],
        created=timezone.now() - timedelta(hours=2),
    )


@pytest.fixture
def reply_post(thread, replier):
    return PostFactory(
        thread=thread,
        author=replier,
        source="Ask a one-word question and go round the circle once.",
        created=timezone.now() - timedelta(hours=1),
    )


@pytest.fixture(autouse=True)
def english():
    """reverse() outside a request uses the active language; a test that
    requested a Spanish page must not turn the next test's URLs Spanish."""
    from django.utils import translation

    with translation.override("en"):
        yield
