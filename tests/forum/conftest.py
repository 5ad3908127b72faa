from datetime import timedelta

import pytest
from django.utils import timezone

from forum.models import Category, Thread

LONG_AGO = timedelta(days=60)
TEXT = "This is a perfectly ordinary forum post, long enough to pass."


def make_user(django_user_model, username, *, new=False):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.com", password="a-long-pass-phrase"
    )
    if not new:
        django_user_model.objects.filter(pk=user.pk).update(date_joined=timezone.now() - LONG_AGO)
        user.refresh_from_db()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


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
    return Category.objects.create(name="Testing ground", slug="testing-ground", description="For tests.")


def age(obj, seconds):
    """Move an object's `created` into the past instead of sleeping."""
    type(obj).objects.filter(pk=obj.pk).update(created=timezone.now() - timedelta(seconds=seconds))


@pytest.fixture
def thread(category, author):
    return Thread.start(
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
    return thread.add_reply(
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
