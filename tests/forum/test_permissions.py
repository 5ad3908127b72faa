"""Who may open or use each forum view: anonymous visitors, members, the
author of the thread and post in question, moderators and editors."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.mail import unsubscribe_token
from forum.models import Notification, Thread
from tests.factories.activities import for_the_module
from tests.factories.core import EditorFactory, ModeratorFactory, UserFactory, home_pages
from tests.factories.forum import (
    CategoryFactory,
    MemberFactory,
    NotificationFactory,
    PostFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "author", "moderator", "editor"]
LOGIN = "login"  # a redirect to the sign-in page


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker):
    """A question thread by `author` about the home page; `replier` answered
    it; the author's own reply; a notification for the author; a member, a
    moderator and an editor: made once for the module's 200 cases (each case
    runs in a savepoint inside, rolled back after it)."""

    def make():
        home = home_pages()["en"]
        author, replier = MemberFactory(username="author"), MemberFactory(username="replier")
        thread = ThreadFactory(
            category=CategoryFactory(name="Testing ground", slug="testing-ground"),
            author=author,
            title="How long should a check-in take?",
            source="Our check-in takes half the meeting. How do you keep it short?",
            is_question=True,
            tags=["check-in"],
            created=timezone.now() - timedelta(hours=2),
            page=home,
        )
        reply = PostFactory(
            thread=thread,
            author=replier,
            source="Ask a one-word question and go round the circle once.",
            created=timezone.now() - timedelta(hours=1),
        )
        own = PostFactory(
            thread=thread, author=author, source="Thanks, I will try the one-word round next week."
        )
        notification = NotificationFactory(
            recipient=author, kind=Notification.Kind.REPLY, post=reply, actor=replier
        )
        return {
            "thread": thread,
            "reply": reply,
            "own": own,
            "notification": notification,
            "page": home,
            "category": thread.category,
            "author": author,
            "member": UserFactory(username="member"),
            "moderator": ModeratorFactory(username="moderator"),
            "editor": EditorFactory(username="editor"),
        }

    with for_the_module(django_db_blocker, make) as made:
        yield made


@pytest.fixture
def world(made):
    """The module's objects, read again for each case (a case may change
    them in the database; its savepoint undoes that, not the objects)."""
    return {name: type(obj).objects.get(pk=obj.pk) for name, obj in made.items()}


@pytest.fixture
def home(world):
    return world["page"]


@pytest.fixture
def member(world):
    return world["member"]


@pytest.fixture
def moderator(world):
    return world["moderator"]


@pytest.fixture
def editor(world):
    return world["editor"]


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


def test_editors_choose_which_pages_a_category_discusses(client, editor, home):
    """The "Discuss this" rule is an editor's choice in the admin, not code."""
    from django.contrib.contenttypes.models import ContentType

    category = CategoryFactory(name="Research", slug="research")
    client.force_login(editor)
    form = client.get(f"/admin/snippets/forum/category/edit/{category.pk}/").content.decode()
    home_type = ContentType.objects.get_for_model(home)
    assert f'value="{home_type.pk}"' in form and 'name="discussion_page_types"' in form
    response = client.post(
        f"/admin/snippets/forum/category/edit/{category.pk}/",
        {
            "name": "Research",
            "slug": "research",
            "description": "",
            "order": 1,
            "discussion_page_types": [home_type.pk],
        },
    )
    assert response.status_code == 302
    assert list(category.discussion_page_types.all()) == [home_type]
    assert type(category).objects.for_page(home) == category


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
