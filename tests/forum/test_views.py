"""Reading and writing through the pages, as members and moderators do."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from forum.models import (
    POSTS_PER_PAGE,
    Flag,
    ForumProfile,
    Like,
    ModerationLog,
    Post,
    Thread,
    ThreadRead,
)
from tests.factories.forum import CategoryFactory, FlagFactory, MemberFactory, PostFactory, ThreadFactory

from .conftest import TEXT, age

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_index_lists_categories_in_order_with_counts(client):
    """By their order, then by name; a card counts the visible threads."""
    first = CategoryFactory(name="Zebra crossings", order=101)
    second = CategoryFactory(name="Apple picking", order=102)
    third = CategoryFactory(name="Beekeeping", order=102)
    for _number in range(3):
        ThreadFactory(category=second)
    ThreadFactory(category=second, state={"is_hidden": True})
    page = soup(client.get(reverse("forum:index")))
    names = [a.get_text() for a in page.select(".category-name")]
    ours = [first.name, second.name, third.name]
    assert [name for name in names if name in ours] == ours
    card = next(card for card in page.select(".category-card") if second.name in card.get_text())
    assert "3 threads" in card.get_text()


def test_category_lists_pinned_first_then_by_activity(client, category):
    now = timezone.now()
    welcome = ThreadFactory(
        category=category,
        title="Welcome to the forum: start here",
        created=now - timedelta(days=9),
        state={"is_pinned": True},
    )
    for days in [3, 1, 5]:
        ThreadFactory(category=category, created=now - timedelta(days=days))
    PostFactory(thread=ThreadFactory(category=category, created=now - timedelta(days=8)))  # active today
    page = soup(client.get(reverse("forum:category", args=[category.slug])))
    titles = [a.get_text() for a in page.select(".thread-title")]
    assert titles[0] == welcome.title
    rest = Thread.objects.filter(category=category, is_pinned=False).order_by("-last_activity_at")
    assert titles[1:] == [thread.title for thread in rest] and len(rest) == 4
    assert "Pinned" in page.select(".thread-row")[0].get_text()


def test_latest_lists_every_category_by_activity_with_reply_counts(client, category):
    now = timezone.now()
    ThreadFactory(category=category, created=now - timedelta(days=2), replies=1)
    ThreadFactory(created=now - timedelta(days=3))
    ThreadFactory(category=category, created=now - timedelta(days=4), replies=2)
    page = soup(client.get(reverse("forum:latest")))
    rows = page.select(".thread-row")
    expected = list(Thread.objects.visible().by_activity()[:30])
    assert [row.select_one(".thread-title").get_text() for row in rows] == [t.title for t in expected]
    assert expected[0].reply_count == 2 and len({t.category_id for t in expected}) >= 2
    assert f"{expected[0].reply_count} replies" in rows[0].get_text()


def _read_up_to_own_last_post(member, thread):
    """As the demo has it: a member has read a thread up to their own last post."""
    ThreadRead.mark(member, thread, thread.posts.filter(author=member).latest("created").created)


def test_unread_markers_for_members_only(client):
    facilitator, sam, lucia = (MemberFactory(username=name) for name in ["fatima", "sam2", "lucia2"])
    start = timezone.now() - timedelta(days=3)
    nerves = ThreadFactory(
        author=sam, title="First meeting nerves: what did you do in week one?", created=start
    )
    PostFactory(thread=nerves, author=facilitator, created=start + timedelta(hours=3))
    PostFactory(thread=nerves, author=lucia, created=start + timedelta(hours=25))
    circle = ThreadFactory(author=facilitator, title="What is a learning circle to you?", created=start)
    PostFactory(thread=circle, author=lucia, created=start + timedelta(hours=1))
    PostFactory(thread=circle, author=facilitator, created=start + timedelta(hours=2))
    for thread in [nerves, circle]:
        _read_up_to_own_last_post(facilitator, thread)
    anonymous = soup(client.get(reverse("forum:latest")))
    assert not anonymous.select(".badge-unread")
    client.force_login(facilitator)
    page = soup(client.get(reverse("forum:latest")))
    unread = {row.select_one(".thread-title")["href"] for row in page.select(".thread-row.is-unread")}
    # Lucía replied after Fatima's last post; Fatima wrote the last word in the other.
    assert nerves.get_absolute_url() in unread
    assert circle.get_absolute_url() not in unread
    thread = nerves
    jump = client.get(reverse("forum:first_unread", args=[thread.pk]))
    lucia_reply = thread.posts.get(author=lucia)
    assert jump["Location"].endswith(f"#post-{lucia_reply.pk}")
    thread_page = soup(client.get(thread.get_absolute_url()))
    assert thread_page.find(id="unread") is not None  # "new since your last visit"
    page = soup(client.get(reverse("forum:latest")))
    unread = {row.select_one(".thread-title")["href"] for row in page.select(".thread-row.is-unread")}
    assert thread.get_absolute_url() not in unread
    assert ThreadRead.objects.get(user=facilitator, thread=thread).last_read_at == lucia_reply.created


def test_thread_page_shows_accepted_answer_at_the_top(client, thread):
    fatima = MemberFactory(username="fatima", display_name="Fatima Facilitator")
    answer = PostFactory(
        thread=thread, author=fatima, source="Pair each beginner with someone a few steps ahead."
    )
    PostFactory(thread=thread, source="Thanks, we will try pairs next week and report back.")
    thread.accept(answer, by=thread.author)
    page = soup(client.get(thread.get_absolute_url()))
    accepted = page.select_one(".accepted-answer")
    assert accepted is not None
    assert "a few steps ahead" in accepted.get_text()
    assert "Fatima Facilitator" in accepted.get_text()
    # ... and before the conversation itself.
    assert str(page).index("accepted-answer") < str(page).index('class="posts"')
    assert page.find(id=f"post-{thread.accepted_post_id}")["class"] == ["post", "is-accepted"]


def test_every_post_has_a_permalink_to_its_page(client, thread, veteran):
    posts = [thread.first_post]
    for number in range(POSTS_PER_PAGE + 4):
        posts.append(thread.add_reply(author=veteran, source=f"{TEXT} number {number}"))
    late = posts[POSTS_PER_PAGE + 2]
    response = client.get(reverse("forum:post", args=[late.pk]))
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{late.pk}"
    early = client.get(reverse("forum:post", args=[posts[3].pk]))
    assert early["Location"] == f"{thread.get_absolute_url()}#post-{posts[3].pk}"
    page2 = soup(client.get(f"{thread.get_absolute_url()}?page=2"))
    assert page2.find(id=f"post-{late.pk}") is not None
    assert page2.find("a", href=reverse("forum:post", args=[late.pk])) is not None


def test_wrong_slug_redirects_to_the_canonical_url(client, thread):
    response = client.get(reverse("forum:thread", kwargs={"pk": thread.pk, "slug": "old-title"}))
    assert response.status_code == 301 and response["Location"] == thread.get_absolute_url()


def test_new_thread_preview_then_post(client, veteran, category):
    client.force_login(veteran)
    data = {
        "category": category.pk,
        "title": "Ideas for a closing reflection?",
        "source": "What do you use **instead** of plus/delta at the end?",
        "tags": "Reflection, closing",
        "is_question": "on",
    }
    preview = client.post(reverse("forum:new_thread"), {**data, "preview": "1"})
    assert preview.status_code == 200
    page = soup(preview)
    assert page.select_one(".preview strong").get_text() == "instead"
    assert page.find("textarea", attrs={"name": "source"}).get_text().strip() == data["source"]
    assert not Thread.objects.filter(title=data["title"]).exists()

    response = client.post(reverse("forum:new_thread"), {**data, "submit": "1"})
    thread = Thread.objects.get(title=data["title"])
    assert response["Location"] == thread.get_absolute_url()
    assert thread.is_question and thread.author == veteran
    assert sorted(thread.tags.names()) == ["closing", "reflection"]
    assert thread.first_post.html.count("<strong>") == 1


def test_quote_prefills_the_reply_form(client, veteran, thread, reply_post):
    client.force_login(veteran)
    page = soup(client.get(reverse("forum:reply", args=[thread.pk]) + f"?quote={reply_post.pk}"))
    text = page.find("textarea", attrs={"name": "source"}).get_text()
    assert f"[replier wrote](/forum/p/{reply_post.pk}/):" in text
    assert "> Ask a one-word question and go round the circle once." in text
    # The attribution link works in any language.
    assert client.get(f"/forum/p/{reply_post.pk}/")["Location"] == f"/en/forum/p/{reply_post.pk}/"
    posted = client.post(
        reverse("forum:reply", args=[thread.pk]), {"source": text + "Agreed!", "submit": "1"}
    )
    assert posted.status_code == 302
    html = Post.objects.latest("created").html
    assert "<blockquote>" in html and "Agreed!" in html


def test_reply_preview_keeps_the_text_and_posts_nothing(client, veteran, thread):
    client.force_login(veteran)
    before = thread.posts.count()
    response = client.post(
        reverse("forum:reply", args=[thread.pk]),
        {"source": "A *preview* of my reply to this thread.", "preview": "1"},
    )
    page = soup(response)
    assert page.select_one(".preview em").get_text() == "preview"
    assert "A *preview* of my reply" in page.find("textarea").get_text()
    assert thread.posts.count() == before


def test_edit_keeps_history_visible(client, author, thread):
    client.force_login(author)
    post = thread.first_post
    original = post.source
    response = client.post(
        reverse("forum:edit_post", args=[post.pk]),
        {
            "title": "How long should a check-in really take?",
            "source": original + " Edited.",
            "tags": "check-in, time",
        },
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.title == "How long should a check-in really take?"
    assert sorted(thread.tags.names()) == ["check-in", "time"]
    page = soup(client.get(thread.get_absolute_url()))
    history_link = page.find("a", href=reverse("forum:post_history", args=[post.pk]))
    assert history_link is not None
    history = client.get(history_link["href"]).content.decode()
    assert "Original version" in history and original in history and "Edited." in history


def test_delete_is_soft_and_shown(client, replier, thread, reply_post):
    client.force_login(replier)
    confirm = client.get(reverse("forum:delete_post", args=[reply_post.pk]))
    assert "Delete the post" in confirm.content.decode()
    client.post(reverse("forum:delete_post", args=[reply_post.pk]))
    reply_post.refresh_from_db()
    assert reply_post.deleted_at is not None and Post.objects.filter(pk=reply_post.pk).exists()
    content = client.get(thread.get_absolute_url()).content.decode()
    assert "deleted by its author" in content and "one-word question" not in content
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_likes_toggle_once_per_member_and_not_your_own(client, veteran, thread, reply_post, replier):
    client.force_login(veteran)
    url = reverse("forum:like", args=[reply_post.pk])
    client.post(url)
    assert Like.objects.filter(post=reply_post).count() == 1
    page = soup(client.get(thread.get_absolute_url()))
    button = page.find(id=f"post-{reply_post.pk}").select_one(".like-button")
    assert button["aria-pressed"] == "true" and "1 like" in page.find(id=f"post-{reply_post.pk}").get_text()
    client.post(url)
    assert Like.objects.filter(post=reply_post).count() == 0
    client.force_login(replier)
    client.post(url)
    assert Like.objects.filter(post=reply_post).count() == 0


def test_author_accepts_and_unaccepts_an_answer(client, author, thread, reply_post):
    client.force_login(author)
    client.post(reverse("forum:accept", args=[thread.pk, reply_post.pk]))
    thread.refresh_from_db()
    assert thread.accepted_post == reply_post
    # The opening post cannot be the answer.
    response = client.post(reverse("forum:accept", args=[thread.pk, thread.first_post_id]))
    assert response.status_code == 404
    client.post(reverse("forum:accept", args=[thread.pk, reply_post.pk]), {"action": "unaccept"})
    thread.refresh_from_db()
    assert thread.accepted_post is None


def test_moderator_accepting_is_logged(client, moderator, thread, reply_post):
    client.force_login(moderator)
    client.post(reverse("forum:accept", args=[thread.pk, reply_post.pk]))
    entry = ModerationLog.objects.filter(action="accept").latest("created")
    assert entry.moderator == moderator and entry.post == reply_post


def test_flag_goes_to_the_queue_and_hiding_resolves_it(client, veteran, moderator, thread, reply_post):
    FlagFactory(post=thread.first_post)  # flagged before
    client.force_login(veteran)
    client.post(reverse("forum:flag", args=[reply_post.pk]), {"reason": "other", "details": ""})
    assert not Flag.objects.filter(post=reply_post).exists()  # "other" needs details
    client.post(reverse("forum:flag", args=[reply_post.pk]), {"reason": "rude", "details": "Unkind."})
    flag = Flag.objects.get(post=reply_post)
    client.force_login(moderator)
    queue = soup(client.get(reverse("forum:moderation_queue")))
    # Every post with an open flag (the one flagged before and this one), and no other post.
    flagged = Post.objects.filter(pk__in=Flag.objects.open().values("post"))
    assert {thread.first_post, reply_post} <= set(flagged)
    assert len(queue.select(".queue-item")) == flagged.count()
    link = queue.find("a", href=reverse("forum:post", args=[reply_post.pk]))
    item = link.find_parent("li", class_="queue-item")
    assert "1 open flag" in item.get_text() and "Unkind." in item.get_text()
    response = client.post(
        reverse("forum:moderate_post", args=[reply_post.pk]),
        {"action": "hide", "note": "rude", "next": "queue"},
    )
    assert response["Location"] == reverse("forum:moderation_queue")
    reply_post.refresh_from_db()
    flag.refresh_from_db()
    assert reply_post.is_hidden and flag.resolved_by == moderator and flag.resolved_at
    actions = list(ModerationLog.objects.filter(post=reply_post).values_list("action", "moderator__username"))
    assert ("hide_post", "moderator") in actions and ("resolve_flags", "moderator") in actions


def test_thread_moderation_is_logged_with_who_and_when(client, moderator, thread, veteran):
    client.force_login(moderator)
    url = reverse("forum:moderate_thread", args=[thread.pk])
    for action in ["lock", "pin", "unpin", "hide", "unhide", "unlock"]:
        assert client.post(url, {"action": action, "note": f"test {action}"}).status_code == 302
    other = CategoryFactory(name="Facilitation", slug="facilitation")
    client.post(reverse("forum:move_thread", args=[thread.pk]), {"category": other.pk, "note": ""})
    thread.refresh_from_db()
    assert thread.category == other and not thread.is_locked and not thread.is_hidden
    log = list(ModerationLog.objects.filter(thread=thread).order_by("pk"))
    assert [entry.action for entry in log] == [
        "lock",
        "pin",
        "unpin",
        "hide_thread",
        "unhide_thread",
        "unlock",
        "move",
    ]
    assert all(entry.moderator == moderator and entry.created for entry in log)
    assert "Testing ground → Facilitation" in log[-1].note
    page = client.get(reverse("forum:moderation_log")).content.decode()
    assert "locked a thread" in page and "moved a thread" in page
    assert client.post(url, {"action": "explode"}).status_code == 400


def test_silencing_a_member(client, moderator, replier, thread):
    client.force_login(moderator)
    response = client.post(reverse("forum:silence", args=[replier.username]), {"days": "7", "reason": "Spam"})
    assert response.status_code == 302
    profile = ForumProfile.for_user(replier)
    assert profile.is_silenced and profile.silence_reason == "Spam"
    assert ModerationLog.objects.filter(action="silence", member=replier, moderator=moderator).exists()
    client.post(reverse("forum:silence", args=[replier.username]), {"action": "unsilence"})
    assert not ForumProfile.for_user(replier).is_silenced
    # Moderators cannot be silenced from here.
    client.post(reverse("forum:silence", args=[moderator.username]), {"days": "1", "reason": "x"})
    assert not ForumProfile.for_user(moderator).is_silenced


def test_discuss_opens_or_creates_the_pages_thread(client, veteran, homes):
    page = homes["en"]
    CategoryFactory(name="Facilitation", slug="facilitation", discussion_page_types=[Page])
    url = reverse("forum:discuss", args=[page.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 200 and "Sign in to start it" in anonymous.content.decode()
    client.force_login(veteran)
    response = client.get(url)
    assert response["Location"] == reverse("forum:new_thread") + f"?page={page.pk}"
    form = soup(client.get(response["Location"]))
    assert form.find("input", attrs={"name": "title"})["value"] == f"Discussing: {page.title}"
    assert form.find("input", attrs={"name": "page"})["value"] == str(page.pk)
    assert form.find("select", attrs={"name": "category"}).find("option", selected=True).get_text() == (
        "Facilitation"
    )
    created = client.post(
        reverse("forum:new_thread"),
        {
            "page": page.pk,
            "category": form.find("select", attrs={"name": "category"}).find("option", selected=True)[
                "value"
            ],
            "title": f"Discussing: {page.title}",
            "source": TEXT,
            "submit": "1",
        },
    )
    thread = Thread.objects.get(page=page)
    assert created["Location"] == thread.get_absolute_url()
    assert client.get(url)["Location"] == thread.get_absolute_url()
    # The Spanish version of the page leads to the same conversation.
    spanish = homes["es"]
    assert client.get(reverse("forum:discuss", args=[spanish.pk]))["Location"] == thread.get_absolute_url()
    # The thread says what it discusses.
    assert page.title in soup(client.get(thread.get_absolute_url())).select_one(".discusses").get_text()


def test_discuss_unknown_page_is_404(client):
    assert client.get(reverse("forum:discuss", args=[999999])).status_code == 404


def forum_hits(response):
    """The titles of the forum threads a site search lists (core.search)."""
    return [
        item.a.get_text()
        for item in soup(response).select("ol.search-results > li")
        if item.select_one(".result-type").get_text(strip=True) == "Forum"
    ]


def test_site_search_includes_visible_threads_labelled(client, moderator, thread, homes):
    mixing = ThreadFactory(
        title="How should I mix complete beginners with people who already know the topic?",
        source="Say on the marimba-signup sheet what people need to know before they come.",
    )
    think = ThreadFactory(title="Think-pair-share works even with four people")
    PostFactory(thread=think, source="I write the question on the theremin board for everyone to see.")
    assert forum_hits(client.get("/en/search/", {"q": "marimba-signup sheet"})) == [mixing.title]
    # A reply's words find its thread; a hidden thread is never found.
    assert forum_hits(client.get("/en/search/", {"q": "theremin"})) == [think.title]
    think.set_hidden(True, by=moderator)
    assert forum_hits(client.get("/en/search/", {"q": "theremin"})) == []


def test_search_finds_a_new_reply_straight_away(client, veteran, thread, homes):
    thread.add_reply(author=veteran, source="We tried a xylophone warm-up and everyone laughed.")
    assert forum_hits(client.get("/en/search/", {"q": "xylophone"})) == [thread.title]


def test_home_page_and_navigation_show_the_forum(client, homes, thread):
    ThreadFactory(title="An older thread for the home page", created=timezone.now() - timedelta(days=9))
    page = soup(client.get("/en/"))
    titles = [a.get_text() for a in page.select("#latest-threads ~ ul a, .thread-list a")]
    assert titles and titles[0] == Thread.objects.visible().by_activity().first().title
    nav = page.select_one(".main-nav")
    assert nav.find("a", href=reverse("forum:index")).get_text() == "Forum"
    forum = soup(client.get(reverse("forum:index")))
    assert forum.select_one(".main-nav a[aria-current]").get_text() == "Forum"


def test_hidden_threads_stay_off_the_home_page(client, moderator, homes, thread):
    newest = Thread.objects.visible().by_activity().first()
    assert newest.title in client.get("/en/").content.decode()
    newest.set_hidden(True, by=moderator)
    assert newest.title not in client.get("/en/").content.decode()


def test_cooldown_is_respected_across_threads(client, veteran, thread):
    """The cooldown counts the member's last post anywhere, not per thread."""
    other = ThreadFactory(title="What is a learning circle to you?")
    client.force_login(veteran)
    client.post(reverse("forum:reply", args=[thread.pk]), {"source": TEXT, "submit": "1"})
    response = client.post(
        reverse("forum:reply", args=[other.pk]), {"source": TEXT + " other", "submit": "1"}
    )
    assert response.status_code == 200 and "too quickly" in response.content.decode()
    age(Post.objects.filter(author=veteran).latest("created"), 10)
    response = client.post(
        reverse("forum:reply", args=[other.pk]), {"source": TEXT + " other", "submit": "1"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(("language", "phrase"), [("es", "Empezar un hilo"), ("fr", "Lancer une discussion")])
def test_interface_is_translated(client, language, phrase):
    page = client.get(f"/{language}/forum/").content.decode()
    assert phrase in page


def test_your_own_new_reply_is_not_new_since_your_last_visit(client, veteran, thread, reply_post):
    """Issue 14: after replying, the thread page marked the member's own reply
    "New since your last visit"."""
    client.force_login(veteran)
    assert soup(client.get(thread.get_absolute_url())).find(id="unread") is None  # first visit: read now
    response = client.post(reverse("forum:reply", args=[thread.pk]), {"source": TEXT, "submit": "1"})
    assert response.status_code == 302
    page = soup(client.get(response["Location"].split("#")[0]))
    assert page.find(id="unread") is None
    # Someone else's reply after that is new, and marked.
    other = PostFactory(thread=thread, source=TEXT + " Another voice.")
    page = soup(client.get(thread.get_absolute_url()))
    divider = page.find(id="unread")
    assert divider is not None and divider.find_next("li", class_="post")["id"] == f"post-{other.pk}"
