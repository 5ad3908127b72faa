"""Who may open or use each forum view: anonymous visitors, members, the
author of the thread and post in question, moderators and editors."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from forum.models import Notification, Thread
from forum.notifications import unsubscribe_token

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "author", "moderator", "editor"]
LOGIN = "login"  # a redirect to the sign-in page


@pytest.fixture
def world(thread, reply_post, author, replier):
    """A question thread by `author`; `replier` answered it; the author's
    own reply; a notification for the author."""
    own_reply = thread.add_reply(author=author, source="Thanks, I will try the one-word round next week.")
    notification = Notification.objects.create(
        recipient=author, kind=Notification.Kind.REPLY, post=reply_post, actor=replier
    )
    page = Page.objects.get(depth=2, locale__language_code="en")
    Thread.objects.filter(pk=thread.pk).update(page=page)
    return {
        "thread": thread,
        "reply": reply_post,
        "own": own_reply,
        "notification": notification,
        "page": page,
        "category": thread.category,
        "author": author,
    }


def url_for(name, w):
    thread, reply, own = w["thread"], w["reply"], w["own"]
    urls = {
        "index": reverse("forum:index"),
        "latest": reverse("forum:latest"),
        "category": reverse("forum:category", args=[w["category"].slug]),
        "tag": reverse("forum:tag", args=["check-in"]),
        "thread": thread.get_absolute_url(),
        "thread_short": reverse("forum:thread_short", args=[thread.pk]),
        "post": reverse("forum:post", args=[reply.pk]),
        "post_history": reverse("forum:post_history", args=[reply.pk]),
        "feed_latest": reverse("forum:feed_latest"),
        "feed_category": reverse("forum:feed_category", args=[w["category"].slug]),
        "discuss": reverse("forum:discuss", args=[w["page"].pk]),
        "unsubscribe": reverse("forum:unsubscribe", args=[unsubscribe_token(w["author"])]),
        "new_thread": reverse("forum:new_thread"),
        "reply": reverse("forum:reply", args=[thread.pk]),
        "first_unread": reverse("forum:first_unread", args=[thread.pk]),
        "notifications": reverse("forum:notifications"),
        "preferences": reverse("forum:preferences"),
        "flag_own": reverse("forum:flag", args=[own.pk]),
        "edit_own": reverse("forum:edit_post", args=[own.pk]),
        "delete_own": reverse("forum:delete_post", args=[own.pk]),
        "open_notification": reverse("forum:open_notification", args=[w["notification"].pk]),
        "like_own": reverse("forum:like", args=[own.pk]),
        "accept": reverse("forum:accept", args=[thread.pk, reply.pk]),
        "watch_thread": reverse("forum:watch_thread", args=[thread.pk]),
        "watch_category": reverse("forum:watch_category", args=[w["category"].slug]),
        "moderation_queue": reverse("forum:moderation_queue"),
        "moderation_log": reverse("forum:moderation_log"),
        "moderate_post": reverse("forum:moderate_post", args=[reply.pk]),
        "moderate_thread": reverse("forum:moderate_thread", args=[thread.pk]),
        "move_thread": reverse("forum:move_thread", args=[thread.pk]),
        "silence": reverse("forum:silence", args=["replier"]),
    }
    return urls[name]


# name, method, POST data, expected status per role (anonymous, member, author, moderator, editor)
MATRIX = [
    ("index", "get", None, [200, 200, 200, 200, 200]),
    ("latest", "get", None, [200, 200, 200, 200, 200]),
    ("category", "get", None, [200, 200, 200, 200, 200]),
    ("tag", "get", None, [200, 200, 200, 200, 200]),
    ("thread", "get", None, [200, 200, 200, 200, 200]),
    ("thread_short", "get", None, [301, 301, 301, 301, 301]),
    ("post", "get", None, [302, 302, 302, 302, 302]),
    ("post_history", "get", None, [200, 200, 200, 200, 200]),
    ("feed_latest", "get", None, [200, 200, 200, 200, 200]),
    ("feed_category", "get", None, [200, 200, 200, 200, 200]),
    ("discuss", "get", None, [302, 302, 302, 302, 302]),
    ("unsubscribe", "get", None, [200, 200, 200, 200, 200]),
    ("new_thread", "get", None, [LOGIN, 200, 200, 200, 200]),
    ("reply", "get", None, [LOGIN, 200, 200, 200, 200]),
    ("first_unread", "get", None, [LOGIN, 302, 302, 302, 302]),
    ("notifications", "get", None, [LOGIN, 200, 200, 200, 200]),
    ("preferences", "get", None, [LOGIN, 200, 200, 200, 200]),
    ("flag_own", "get", None, [LOGIN, 200, 404, 200, 200]),
    ("edit_own", "get", None, [LOGIN, 403, 200, 200, 403]),
    ("delete_own", "get", None, [LOGIN, 403, 200, 403, 403]),
    ("open_notification", "get", None, [LOGIN, 404, 302, 404, 404]),
    ("like_own", "post", {}, [LOGIN, 302, 302, 302, 302]),
    ("accept", "post", {}, [LOGIN, 403, 302, 302, 403]),
    ("watch_thread", "post", {}, [LOGIN, 302, 302, 302, 302]),
    ("watch_category", "post", {}, [LOGIN, 302, 302, 302, 302]),
    ("moderation_queue", "get", None, [LOGIN, 403, 403, 200, 403]),
    ("moderation_log", "get", None, [LOGIN, 403, 403, 200, 403]),
    ("moderate_post", "post", {"action": "hide"}, [LOGIN, 403, 403, 302, 403]),
    ("moderate_thread", "post", {"action": "lock"}, [LOGIN, 403, 403, 302, 403]),
    ("move_thread", "get", None, [LOGIN, 403, 403, 200, 403]),
    ("silence", "get", None, [LOGIN, 403, 403, 200, 403]),
]


def client_for(role, client, member, world, moderator, editor):
    users = {"member": member, "author": world["author"], "moderator": moderator, "editor": editor}
    if role != "anonymous":
        client.force_login(users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "data", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_permission_matrix(client, member, moderator, editor, world, role, name, method, data, expected):
    client = client_for(role, client, member, world, moderator, editor)
    url = url_for(name, world)
    response = client.post(url, data) if method == "post" else client.get(url)
    want = expected[ROLES.index(role)]
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == want, f"{role} {method.upper()} {url}"


@pytest.mark.parametrize("role", ROLES)
def test_wagtail_admin_categories_are_for_editors(client, member, moderator, editor, world, role):
    client = client_for(role, client, member, world, moderator, editor)
    response = client.get("/admin/snippets/forum/category/")
    if role == "editor":
        assert response.status_code == 200
        assert world["category"].name in response.content.decode()
    else:
        assert response.status_code in (302, 403)


def test_editors_can_add_categories_in_the_admin(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/forum/category/add/",
        {"name": "Research", "slug": "research", "description": "Studies about circles.", "order": 9},
    )
    assert response.status_code == 302
    from forum.models import Category

    assert Category.objects.filter(slug="research").exists()


@pytest.mark.parametrize("role", ROLES)
def test_hidden_threads_are_for_moderators_only(client, member, moderator, editor, world, role):
    Thread.objects.filter(pk=world["thread"].pk).update(is_hidden=True)
    client = client_for(role, client, member, world, moderator, editor)
    response = client.get(world["thread"].get_absolute_url())
    assert response.status_code == (200 if role == "moderator" else 404)
    latest = client.get(reverse("forum:latest")).content.decode()
    assert (world["thread"].title in latest) == (role == "moderator")


@pytest.mark.parametrize("role", ROLES)
def test_hidden_post_content_is_for_its_author_and_moderators(client, member, moderator, editor, world, role):
    world["reply"].set_hidden(True, by=moderator)
    client = client_for(role, client, member, world, moderator, editor)
    if role == "author":
        client.force_login(world["reply"].author)  # the reply's own author
    content = client.get(world["thread"].get_absolute_url()).content.decode()
    assert ("one-word question" in content) == (role in {"author", "moderator"})
    assert "hidden by a moderator" in content or "Hidden by a moderator" in content
