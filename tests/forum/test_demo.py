"""The forum's demo content (loaded by seed_demo in tests/conftest.py)."""

import io

import pytest

from forum import demo
from forum.models import Category, Flag, Like, Post, PostRevision, Thread

pytestmark = pytest.mark.django_db


def test_categories_in_order():
    assert list(Category.objects.values_list("name", flat=True)) == [
        "Getting started",
        "Facilitation",
        "Activities",
        "Courses and materials",
        "Libraries and partners",
        "Site feedback",
    ]


def test_at_least_twelve_threads_with_replies_by_the_demo_members():
    threads = Thread.objects.all()
    assert threads.count() >= 12
    assert threads.filter(reply_count__gte=1).count() >= 12
    authors = set(Post.objects.values_list("author__username", flat=True))
    assert {"facilitator", "sam", "lucia", "editor", "moderator"} <= authors


def test_the_threads_the_issue_asks_for():
    assert Thread.objects.filter(title="What is a learning circle to you?").exists()
    mixing = Thread.objects.get(title__icontains="beginners")
    assert mixing.is_question and mixing.accepted_post is not None
    answer = mixing.accepted_post.source
    for fact in ["a few steps ahead", "sign-up form", "basic digital literacy", "computer basics class"]:
        assert fact in answer
    assert "eight or more" in mixing.posts.get(author__username="moderator").source
    spanish = Thread.objects.get(title__startswith="¿Cómo empezar")
    assert "biblioteca" in spanish.first_post.source and spanish.reply_count == 2


def test_likes_revisions_and_a_flag():
    assert Like.objects.count() > 20
    assert PostRevision.objects.filter(post__thread__title="What is a learning circle to you?").count() == 1
    assert Flag.objects.open().count() == 1


def test_counters_are_right():
    before = {
        t.pk: (t.reply_count, t.last_post_id, t.last_poster_id, t.last_activity_at)
        for t in Thread.objects.all()
    }
    Thread.objects.all().recount()
    after = {
        t.pk: (t.reply_count, t.last_post_id, t.last_poster_id, t.last_activity_at)
        for t in Thread.objects.all()
    }
    assert after == before


def test_timestamps_are_fixed():
    first = Thread.objects.get(title="Welcome to the forum: start here")
    assert first.created == demo.DEMO_START
    assert (
        not Post.objects.filter(created__gt=demo.at(40))
        .filter(author__username__in=["sam", "lucia"])
        .exists()
    )


def test_seed_again_changes_nothing():
    rows = {model: model.objects.count() for model in [Category, Thread, Post, Like, Flag, PostRevision]}
    html = dict(Post.objects.values_list("pk", "html"))
    demo.seed(stdout=io.StringIO())
    assert {model: model.objects.count() for model in rows} == rows
    assert dict(Post.objects.values_list("pk", "html")) == html
