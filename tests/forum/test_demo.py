"""The forum's demo content: it loads from its data files (forum/demo/),
completely, and loading it again changes nothing. Each test seeds it (the
demo accounts, then the forum), so these pass whether or not the test
database already holds the demo."""

import io

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import reverse

from accounts import demo as accounts_demo
from core import demo_data
from forum import demo
from forum.models import Category, Flag, ForumProfile, Like, Notification, Post, PostRevision, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo accounts and the forum demo, seeded once for this module in
    a transaction that is rolled back after it (each test's own changes roll
    back to a savepoint inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        accounts_demo.seed(None, stdout=io.StringIO())
        out = io.StringIO()
        demo.seed(None, stdout=out)
        assert "Forum: 6 categories, 14 threads." in out.getvalue()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def forum_demo(seeded, db):
    return None


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_every_data_file_reads():
    """Each thread file has its title, category and numbered posts, and
    names only categories and members that exist in the demo."""
    threads = demo.threads()
    assert len(threads) == 14
    slugs = {category["slug"] for category in demo.categories()}
    members = {username for username, *_rest in accounts_demo.DEMO_USERS}
    for thread in threads:
        assert thread.category in slugs, thread.path
        assert {post.author for post in thread.posts} <= members, thread.path
    assert demo.usernames(threads, demo.categories(), demo.members()) <= members


def test_a_broken_thread_file_says_what_is_wrong(tmp_path):
    (tmp_path / "010-broken.md").write_text(
        "---\ntitle: A thread\ncategory: facilitation\n---\n## Post 2 by sam, day 1 at 09:00\n\nText.\n",
        encoding="utf-8",
    )
    with pytest.raises(demo_data.DemoDataError, match="post 2 comes where post 1 should"):
        demo.read_thread(demo_data.load(tmp_path)[0])
    (tmp_path / "010-broken.md").write_text(
        "---\ntitle: A thread\ncategory: facilitation\n---\n## Post 1 by sam, on Monday\n\nText.\n",
        encoding="utf-8",
    )
    with pytest.raises(demo_data.DemoDataError, match="010-broken.md"):
        demo.read_thread(demo_data.load(tmp_path)[0])


def test_categories_in_order(forum_demo):
    demo_slugs = [category["slug"] for category in demo.categories()]
    assert list(Category.objects.filter(slug__in=demo_slugs).values_list("name", flat=True)) == [
        "Getting started",
        "Facilitation",
        "Activities",
        "Courses and materials",
        "Libraries and partners",
        "Site feedback",
    ]


def test_categories_host_discussions_of_pages(forum_demo, home):
    """ "Discuss this" on an activity starts in Activities; on any other page
    (a guide, the home page) in Facilitation."""
    activities = Category.objects.get(slug="activities")
    assert [ct.model for ct in activities.discussion_page_types.all()] == ["activitypage"]
    assert Category.objects.for_page(home).slug == "facilitation"


def test_at_least_twelve_threads_with_replies_by_the_demo_members(forum_demo):
    threads = Thread.objects.all()
    assert threads.count() >= 12
    assert threads.filter(reply_count__gte=1).count() >= 12
    authors = set(Post.objects.values_list("author__username", flat=True))
    assert {"facilitator", "sam", "lucia", "editor", "moderator"} <= authors


def test_the_threads_the_issue_asks_for(forum_demo):
    assert Thread.objects.filter(title="What is a learning circle to you?").exists()
    mixing = Thread.objects.get(title__icontains="beginners")
    assert mixing.is_question and mixing.accepted_post is not None
    answer = mixing.accepted_post.source
    for fact in ["a few steps ahead", "sign-up form", "basic digital literacy", "computer basics class"]:
        assert fact in answer
    assert "eight or more" in mixing.posts.get(author__username="moderator").source
    spanish = Thread.objects.get(title__startswith="¿Cómo empezar")
    assert "biblioteca" in spanish.first_post.source and spanish.reply_count == 2


def test_likes_revisions_and_a_flag(forum_demo):
    assert Like.objects.count() > 20
    assert PostRevision.objects.filter(post__thread__title="What is a learning circle to you?").count() == 1
    assert Flag.objects.open().count() == 1


def test_mentions_pinning_locking_and_settings(forum_demo):
    welcome = Thread.objects.get(title="Welcome to the forum: start here")
    assert welcome.is_pinned and welcome.is_locked
    assert Notification.objects.filter(kind=Notification.Kind.MENTION, recipient__username="editor").exists()
    assert ForumProfile.objects.get(user__username="lucia").email_notifications == "digest"


def test_counters_are_right(forum_demo):
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


def test_timestamps_are_fixed(forum_demo):
    first = Thread.objects.get(title="Welcome to the forum: start here")
    assert first.created == demo.DEMO_START
    assert (
        not Post.objects.filter(created__gt=demo.at(40))
        .filter(author__username__in=["sam", "lucia"])
        .exists()
    )


def test_seed_again_changes_nothing(forum_demo):
    rows = {model: model.objects.count() for model in [Category, Thread, Post, Like, Flag, PostRevision]}
    html = dict(Post.objects.values_list("pk", "html"))
    demo.seed(None, stdout=io.StringIO())
    assert {model: model.objects.count() for model in rows} == rows
    assert dict(Post.objects.values_list("pk", "html")) == html


def test_demo_flag_is_waiting_in_the_queue(forum_demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="moderator"))
    queue = soup(client.get(reverse("forum:moderation_queue")))
    assert len(queue.select(".queue-item")) == 1  # only flagged posts, not every post
    text = queue.get_text()
    assert "book sale" in text and "It is off-topic for this thread" in text


def test_demo_members_have_read_up_to_their_own_last_post(forum_demo, client, django_user_model):
    facilitator = django_user_model.objects.get(username="facilitator")
    client.force_login(facilitator)
    page = soup(client.get(reverse("forum:latest")))
    unread = {row.select_one(".thread-title").get_text() for row in page.select(".thread-row.is-unread")}
    # Lucía replied after Fatima's last post; Fatima wrote the last word in the other.
    assert "First meeting nerves: what did you do in week one?" in unread
    assert "What is a learning circle to you?" not in unread


def test_the_accepted_answer_shows_at_the_top_of_its_thread(forum_demo, client):
    thread = Thread.objects.get(title__startswith="How should I mix complete beginners")
    accepted = soup(client.get(thread.get_absolute_url())).select_one(".accepted-answer")
    assert "a few steps ahead" in accepted.get_text() and "Fatima Facilitator" in accepted.get_text()
