"""The write operations (forum/actions.py): each checks, renders the post
once, saves, and returns what happened; forum.notifications.announce is
the one place that turns that into notifications."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.safestring import SafeString
from wagtail.models import Page

from forum import actions, markdown, notifications, permissions
from forum.models import Category, Notification, PostRevision
from forum.outcomes import Action
from home.models import HomePage
from tests.factories.forum import CategoryFactory, CategoryWatchFactory, PostFactory, ThreadFactory

from .conftest import TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders():
    """Counts how often Markdown is rendered."""
    with mock.patch.object(markdown, "render", wraps=markdown.render) as spy:
        yield spy


def kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_reply_through_the_page_is_rendered_once(client, newcomer, thread, member, renders):
    """Checking the links (a new member's limit), storing the HTML and
    finding the @mentions to notify all use one rendering."""
    client.force_login(newcomer)
    response = client.post(
        reverse("forum:reply", args=[thread.pk]),
        {"source": "Thanks @member, see [the guide](https://example.org/guide).", "submit": "1"},
    )
    assert response.status_code == 302
    assert renders.call_count == 1
    assert kinds(member) == ["mention"]


def test_a_new_thread_and_an_edit_are_rendered_once(veteran, category, renders):
    outcome = actions.start_thread(author=veteran, category=category, title="Rendered just once", source=TEXT)
    assert renders.call_count == 1
    actions.edit_post(outcome.post, by=veteran, source=TEXT + " Edited.", title="Rendered just once again")
    assert renders.call_count == 2


def test_a_reply_returns_what_happened(veteran, thread, member, author):
    outcome = actions.reply(thread, author=veteran, source=f"{TEXT} Over to you, @member and @nobody.")
    assert outcome.action == Action.REPLY and outcome.actor == veteran
    assert outcome.post.thread == thread and outcome.post.author == veteran
    assert outcome.mentioned == ("member",)
    assert "mention" in outcome.post.html
    assert kinds(member) == ["mention"] and kinds(author) == ["reply"]


def test_a_refused_write_saves_nothing_and_says_why_field_by_field(veteran, category):
    with pytest.raises(ValidationError) as error:
        actions.start_thread(author=veteran, category=category, title="Short", source="tiny")
    assert {problem.code for problem in error.value.error_list} == {"title_too_short", "too_short"}
    assert not category.threads.exists()


def test_announce_is_the_one_place_for_notifications(veteran, category, member):
    """The operations tell members through announce; the model methods
    store and tell nobody."""
    CategoryWatchFactory(user=member, category=category)
    ThreadFactory(category=category)  # the model method: nobody is told
    assert kinds(member) == []
    with mock.patch.object(notifications, "announce", wraps=notifications.announce) as announce:
        outcome = actions.start_thread(
            author=veteran, category=category, title="Heard by watchers", source=TEXT
        )
    announce.assert_called_once_with(outcome)
    assert kinds(member) == ["new_thread"]


def test_an_edit_tells_only_the_newly_mentioned(veteran, thread, member, other_member):
    post = PostFactory(thread=thread, author=veteran, source=f"{TEXT} Hello @member.")
    outcome = actions.edit_post(post, by=veteran, source=f"{TEXT} Hello @member and @other.")
    assert outcome.action == Action.EDIT and outcome.mentioned == ("other",)
    assert kinds(member) == [] and kinds(other_member) == ["mention"]
    assert PostRevision.objects.filter(post=post).count() == 1


def test_accepting_tells_the_answers_author_and_needs_the_asker(thread, reply_post, author, replier, veteran):
    with pytest.raises(PermissionDenied):
        actions.accept_answer(thread, reply_post, by=veteran)
    with pytest.raises(ValidationError):
        actions.accept_answer(thread, thread.first_post, by=author)
    outcome = actions.accept_answer(thread, reply_post, by=author)
    assert outcome.action == Action.ACCEPT
    assert kinds(replier) == ["accepted"]


def test_the_locked_thread_rule_is_one_permission(veteran, moderator, thread):
    """forum/permissions.py says who may write in a locked thread; the
    limits phrase the refusal and the edit screen follows it."""
    own = PostFactory(thread=thread, author=veteran)
    thread.set_locked(True, by=moderator)
    assert not permissions.can_reply(veteran, thread) and permissions.can_reply(moderator, thread)
    with pytest.raises(ValidationError) as error:
        actions.reply(thread, author=veteran, source=TEXT)
    assert error.value.code == "locked"
    assert not permissions.can_edit_post(veteran, own) and not permissions.can_delete_post(veteran, own)
    with pytest.raises(PermissionDenied):
        actions.edit_post(own, by=veteran, source=TEXT + " Edited.")
    assert actions.reply(thread, author=moderator, source=TEXT).post.thread == thread


def test_post_bodies_are_safe_html_once_sanitized(thread, veteran):
    post = PostFactory(thread=thread, author=veteran, source="<script>alert(1)</script> **bold** text here")
    assert isinstance(post.body_html, SafeString)
    soup = BeautifulSoup(post.body_html, "html.parser")
    assert soup.find("strong") and not soup.find("script")
    actions.edit_post(post, by=veteran, source="An *edited* version of the post, long enough.")
    revision = post.revisions.get()
    assert isinstance(revision.body_html, SafeString) and "<strong>bold</strong>" in revision.body_html


def test_a_category_hosts_discussions_of_the_page_types_an_editor_chose(home):
    """The nearest type wins: the page's own, then the types it extends
    (Wagtail's Page takes any page); none, when no category says so."""
    Category.discussion_page_types.through.objects.all().delete()  # the demo's choices, if loaded
    assert Category.objects.for_page(home) is None
    any_page = CategoryFactory(name="Anything", discussion_page_types=[Page], order=1)
    assert Category.objects.for_page(home) == any_page
    homes = CategoryFactory(name="Home pages", discussion_page_types=[HomePage], order=2)
    assert Category.objects.for_page(home) == homes
    assert Category.objects.for_page(Page.get_first_root_node()) == any_page
