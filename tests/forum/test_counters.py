"""Reply count, last post, last poster and last activity: kept by the
Thread methods, recomputed by `recount_forum`, right under concurrency."""

import io
import threading
import traceback
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from forum.models import Category, Post, Thread
from tests.factories.forum import PostFactory, ThreadFactory

from .conftest import TEXT, make_user

COUNTERS = ["reply_count", "last_post_id", "last_poster_id", "last_activity_at"]


def counters(thread):
    thread.refresh_from_db()
    return {name: getattr(thread, name) for name in COUNTERS}


def expected_counters(thread):
    visible = Post.objects.filter(thread=thread, is_hidden=False, deleted_at__isnull=True).order_by(
        "created", "pk"
    )
    last = visible.last()
    return {
        "reply_count": visible.exclude(pk=thread.first_post_id).count(),
        "last_post_id": last.pk,
        "last_poster_id": last.author_id,
        "last_activity_at": last.created,
    }


@pytest.mark.django_db
def test_replies_update_the_counters(thread, reply_post, replier, veteran):
    assert counters(thread) == {
        "reply_count": 1,
        "last_post_id": reply_post.pk,
        "last_poster_id": replier.pk,
        "last_activity_at": reply_post.created,
    }
    second = thread.add_reply(author=veteran, source=TEXT)
    assert counters(thread) == expected_counters(thread)
    assert thread.reply_count == 2 and thread.last_post_id == second.pk


@pytest.mark.django_db
def test_hiding_deleting_and_unhiding_recount(thread, reply_post, veteran, moderator):
    later = thread.add_reply(author=veteran, source=TEXT)
    later.set_hidden(True, by=moderator)
    assert counters(thread) == expected_counters(thread)
    assert thread.reply_count == 1 and thread.last_post_id == reply_post.pk
    reply_post.soft_delete()
    assert counters(thread)["reply_count"] == 0
    assert counters(thread)["last_post_id"] == thread.first_post_id
    later.set_hidden(False, by=moderator)
    assert counters(thread) == expected_counters(thread)
    assert thread.reply_count == 1 and thread.last_post_id == later.pk


@pytest.fixture
def others(moderator):
    """More threads, their counters right: with replies, a hidden one, a deleted one."""
    busy = ThreadFactory(replies=3)
    PostFactory(thread=busy).set_hidden(True, by=moderator)
    PostFactory(thread=ThreadFactory(replies=1)).soft_delete()
    return [busy, ThreadFactory()]


@pytest.mark.django_db
def test_recount_forum_repairs_every_thread(thread, reply_post, others):
    demo = list(Thread.objects.exclude(pk=thread.pk))
    assert len(demo) >= len(others)
    before = {t.pk: counters(t) for t in demo}
    Thread.objects.update(reply_count=99, last_post=None, last_poster=None, last_activity_at=timezone.now())
    out = io.StringIO()
    call_command("recount_forum", stdout=out)
    assert "Recounted" in out.getvalue()
    assert counters(thread) == expected_counters(thread)
    # The other threads' counters were already right: recounting restores them exactly.
    assert {t.pk: counters(t) for t in demo} == before


@pytest.mark.django_db
def test_recount_one_thread_only(thread, reply_post, others):
    other = others[0]
    Thread.objects.update(reply_count=42)
    call_command("recount_forum", "--thread", str(thread.pk), stdout=io.StringIO())
    assert counters(thread)["reply_count"] == 1
    assert counters(other)["reply_count"] == 42


WORKERS = 6
REPLIES_EACH = 5


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrency needs PostgreSQL (SQLite serialises writers)"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_replies_keep_counters_right(django_user_model):
    category = Category.objects.create(name="Concurrency", slug="concurrency")
    members = [make_user(django_user_model, f"racer{number}") for number in range(WORKERS)]
    thread = Thread.start(
        category=category,
        author=members[0],
        title="Many people replying at once",
        source=TEXT,
        created=timezone.now() - timedelta(minutes=5),
    )
    barrier = threading.Barrier(WORKERS)
    errors = []

    def reply_many(member):
        try:
            barrier.wait(timeout=30)
            for number in range(REPLIES_EACH):
                Thread.objects.get(pk=thread.pk).add_reply(
                    author=member, source=f"{TEXT} {member.username} {number}"
                )
        except Exception:  # noqa: BLE001 - reported below
            errors.append(traceback.format_exc())
        finally:
            connections.close_all()

    workers = [threading.Thread(target=reply_many, args=(member,)) for member in members]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)

    assert errors == []
    assert Post.objects.filter(thread=thread).count() == 1 + WORKERS * REPLIES_EACH
    assert counters(thread) == expected_counters(thread)
    assert thread.reply_count == WORKERS * REPLIES_EACH
