"""The abuse limits hold under concurrency (issue 11, item 4).

They are check-then-act: count the member's recent posts, then write. Two
requests at once both counted before either wrote, so 20 parallel new-thread
POSTs from a new member made 4 threads. forum/actions.py now locks the
member's row before checking, in the transaction that writes; these tests
fire many writes by one member at once, each thread on its own database
connection, and count what got through."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from forum import actions
from forum.models import Category, Post, Thread
from tests import concurrency
from tests.concurrency import POSTGRES_ONLY

from .conftest import TEXT, make_user

PARALLEL = 8

pytestmark = POSTGRES_ONLY


def at_once(work, count=PARALLEL):
    return concurrency.at_once(work, count)


@pytest.fixture
def category():
    return Category.objects.create(name="Races", slug="races")


@pytest.fixture
def thread(category, django_user_model):
    starter = make_user(django_user_model, "starter")
    return Thread.start(
        category=category,
        author=starter,
        title="A thread to race replies in",
        source=TEXT,
        created=timezone.now() - timedelta(hours=1),
    )


def test_a_new_member_starts_one_thread_however_many_are_sent_at_once(category, django_user_model):
    newcomer = make_user(django_user_model, "hasty", new=True)
    done, refused, errors = at_once(
        lambda number: actions.start_thread(
            author=newcomer, category=category, title=f"My question number {number} at once", source=TEXT
        )
    )
    assert errors == []
    assert len(done) == 1, refused
    assert set(refused) == {"thread_cooldown"}
    assert Thread.objects.filter(author=newcomer).count() == 1


def test_the_reply_cooldown_holds_for_parallel_replies(thread, django_user_model):
    newcomer = make_user(django_user_model, "eager", new=True)
    done, refused, errors = at_once(
        lambda number: actions.reply(thread, author=newcomer, source=f"{TEXT} Reply number {number}.")
    )
    assert errors == []
    assert len(done) == 1, refused
    assert set(refused) == {"cooldown"}
    assert Post.objects.filter(author=newcomer).count() == 1
    thread.refresh_from_db()
    assert thread.reply_count == 1


@override_settings(FORUM_LIMITS={"POST_COOLDOWN_SECONDS": 0})
def test_identical_parallel_replies_are_posted_once(thread, django_user_model):
    veteran = make_user(django_user_model, "repeater")
    done, refused, errors = at_once(
        lambda number: actions.reply(thread, author=veteran, source=TEXT + " Same.")
    )
    assert errors == []
    assert len(done) == 1, refused
    assert set(refused) == {"duplicate"}
    assert Post.objects.filter(author=veteran).count() == 1


def test_other_members_are_not_held_up(thread, django_user_model):
    """The lock is per member: different members reply at once, all posted."""
    members = [make_user(django_user_model, f"crowd{number}", new=True) for number in range(PARALLEL)]
    done, refused, errors = at_once(
        lambda number: actions.reply(thread, author=members[number], source=f"{TEXT} From {number}.")
    )
    assert errors == [] and refused == []
    assert len(done) == PARALLEL
