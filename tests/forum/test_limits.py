"""The abuse limits (settings.FORUM_LIMITS, forum/limits.py). Time moves by
editing `created` timestamps, never by sleeping."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from forum import limits
from forum.models import Flag, ForumProfile, Post, PostRevision, Thread

from .conftest import TEXT, age

pytestmark = pytest.mark.django_db

LINKS3 = "See [one](https://a.example), [two](https://b.example) and [three](https://c.example) please."


def post_reply(client, thread, text):
    return client.post(reverse("forum:reply", args=[thread.pk]), {"source": text, "submit": "1"})


def form_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(node.get_text(" ", strip=True) for node in soup.select(".form-errors, .error"))


def textarea(response):
    return (
        BeautifulSoup(response.content, "html.parser").find("textarea", attrs={"name": "source"}).get_text()
    )


def test_limits_have_defaults_that_settings_override(settings):
    assert limits.get("POST_COOLDOWN_SECONDS") == limits.DEFAULTS["POST_COOLDOWN_SECONDS"] == 5
    assert set(settings.FORUM_LIMITS) <= set(limits.DEFAULTS)  # overrides only
    with override_settings(FORUM_LIMITS={"POST_COOLDOWN_SECONDS": 9}):
        assert limits.get("POST_COOLDOWN_SECONDS") == 9
        assert limits.get("MIN_POST_LENGTH") == 20  # default for keys left out


def test_an_unknown_limit_in_settings_fails_the_system_check():
    from forum.checks import check_limits

    assert check_limits() == []
    with override_settings(FORUM_LIMITS={"POST_COOLDOWN_SECONDS": 9, "POST_COLDOWN": 3}):
        errors = check_limits()
    assert [error.id for error in errors] == ["forum.E001"] and "POST_COLDOWN" in errors[0].msg


def test_reply_cooldown_refuses_and_keeps_the_text(client, veteran, thread):
    client.force_login(veteran)
    assert post_reply(client, thread, TEXT).status_code == 302
    second = "A second thought, right away, which should wait a few seconds."
    response = post_reply(client, thread, second)
    assert response.status_code == 200
    assert "too quickly" in form_errors(response)
    assert textarea(response).strip() == second
    age(Post.objects.filter(author=veteran).latest("created"), 6)
    assert post_reply(client, thread, second).status_code == 302


def test_new_members_wait_longer_between_posts(client, newcomer, thread):
    client.force_login(newcomer)
    assert post_reply(client, thread, TEXT).status_code == 302
    age(Post.objects.filter(author=newcomer).latest("created"), 10)
    response = post_reply(client, thread, TEXT + " Again.")
    assert "Please wait 20 seconds" in form_errors(response)
    age(Post.objects.filter(author=newcomer).latest("created"), 31)
    assert post_reply(client, thread, TEXT + " Again.").status_code == 302


def test_identical_post_refused_within_five_minutes(client, veteran, thread):
    client.force_login(veteran)
    assert post_reply(client, thread, TEXT).status_code == 302
    last = Post.objects.filter(author=veteran).latest("created")
    age(last, 60)
    response = post_reply(client, thread, TEXT)
    assert "exactly this" in form_errors(response)
    age(last, 301)
    assert post_reply(client, thread, TEXT).status_code == 302


@pytest.mark.parametrize(
    ("text", "ok"), [("x" * 19, False), ("x" * 20, True), ("   " + "x" * 19 + "   ", False)]
)
def test_post_length_minimum(veteran, thread, text, ok):
    if ok:
        limits.check_reply(veteran, thread, text)
    else:
        with pytest.raises(ValidationError) as error:
            limits.check_reply(veteran, thread, text)
        assert error.value.code == "too_short"


def test_post_length_maximum(client, veteran, thread):
    high = limits.DEFAULTS["MAX_POST_LENGTH"]
    limits.check_text(veteran, "y" * high)
    with pytest.raises(ValidationError):
        limits.check_text(veteran, "y" * (high + 1))
    with override_settings(FORUM_LIMITS={"MAX_POST_LENGTH": 100}):
        client.force_login(veteran)
        response = post_reply(client, thread, "z" * 101)
        assert "at most 100 characters" in form_errors(response)
        assert textarea(response).strip() == "z" * 101


def test_new_members_at_most_two_links(client, newcomer, veteran, thread):
    client.force_login(newcomer)
    response = post_reply(client, thread, LINKS3)
    assert "at most 2 links" in form_errors(response)
    assert textarea(response).strip() == LINKS3
    two = "See [one](https://a.example) and [two](https://b.example) please, both useful."
    assert post_reply(client, thread, two).status_code == 302
    limits.check_text(veteran, LINKS3)  # established members are not limited


def test_new_member_thread_limits(newcomer, category):
    limits.check_new_thread(newcomer, "A perfectly good title", TEXT)
    for number in range(3):
        thread = Thread.start(
            category=category, author=newcomer, title=f"Newcomer thread {number}", source=TEXT + str(number)
        )
        age(thread, 121 * (3 - number))
    with pytest.raises(ValidationError) as error:
        limits.check_new_thread(newcomer, "A fourth thread today", TEXT + " 4")
    assert error.value.code == "new_member_threads"


def test_thread_cooldown_for_new_and_established_members(newcomer, veteran, category):
    for member, cooldown in [(newcomer, 120), (veteran, 15)]:
        thread = Thread.start(
            category=category, author=member, title=f"First thread of {member}", source=TEXT
        )
        Post.objects.filter(thread=thread).update(created=timezone.now() - timedelta(days=2))
        age(thread, cooldown - 5)
        with pytest.raises(ValidationError) as error:
            limits.check_new_thread(member, "Another thread quickly", TEXT + " more")
        assert error.value.code == "thread_cooldown"
        age(thread, cooldown + 1)
        limits.check_new_thread(member, "Another thread later", TEXT + " more")


def test_new_member_reply_limit(newcomer, thread):
    for number in range(10):
        post = thread.add_reply(author=newcomer, source=f"{TEXT} {number}")
        age(post, 60 * (10 - number))
    with pytest.raises(ValidationError) as error:
        limits.check_reply(newcomer, thread, TEXT + " eleven")
    assert error.value.code == "new_member_replies"


@override_settings(FORUM_LIMITS={"MAX_THREADS_PER_DAY": 2})
def test_threads_per_day(veteran, category):
    for number in range(2):
        thread = Thread.start(
            category=category, author=veteran, title=f"Daily thread number {number}", source=TEXT
        )
        age(thread, 3600 * (number + 1))
    with pytest.raises(ValidationError) as error:
        limits.check_new_thread(veteran, "One thread too many", TEXT + "!")
    assert error.value.code == "threads_per_day"


@override_settings(FORUM_LIMITS={"MAX_EDITS_PER_DAY": 2})
def test_edits_per_day(client, veteran, thread):
    post = thread.add_reply(author=veteran, source=TEXT)
    client.force_login(veteran)
    url = reverse("forum:edit_post", args=[post.pk])
    for number in range(2):
        response = client.post(url, {"source": f"{TEXT} edit {number}", "submit": "1"})
        assert response.status_code == 302
    response = client.post(url, {"source": f"{TEXT} edit three", "submit": "1"})
    assert "edited 2 times today" in form_errors(response)
    PostRevision.objects.update(created=timezone.now() - timedelta(days=2))
    assert client.post(url, {"source": f"{TEXT} edit three", "submit": "1"}).status_code == 302


@override_settings(FORUM_LIMITS={"MAX_FLAGS_PER_DAY": 1})
def test_flags_per_day(client, veteran, thread, reply_post):
    client.force_login(veteran)
    response = client.post(reverse("forum:flag", args=[reply_post.pk]), {"reason": "spam"})
    assert response.status_code == 302
    response = client.post(reverse("forum:flag", args=[thread.first_post_id]), {"reason": "spam"})
    assert "flagged 1 posts today" in form_errors(response)
    assert Flag.objects.filter(reporter=veteran).count() == 1


def test_moderators_skip_rate_limits_but_not_length(moderator, thread):
    thread.add_reply(author=moderator, source=TEXT)
    limits.check_reply(moderator, thread, TEXT)  # same text, no cooldown: allowed
    with pytest.raises(ValidationError):
        limits.check_reply(moderator, thread, "too short")


def test_locked_thread_refuses_replies(client, veteran, moderator, thread):
    thread.set_locked(True, by=moderator)
    client.force_login(veteran)
    response = post_reply(client, thread, TEXT)
    assert "locked" in form_errors(response)
    limits.check_reply(moderator, thread, TEXT)


def test_silenced_member_cannot_post_and_sees_why(client, veteran, moderator, thread):
    ForumProfile.for_user(veteran).silence(
        timezone.now() + timedelta(days=3), by=moderator, reason="Spam links"
    )
    client.force_login(veteran)
    response = post_reply(client, thread, TEXT)
    errors = form_errors(response)
    assert "paused your posting" in errors and "Spam links" in errors
    ForumProfile.for_user(veteran).unsilence(by=moderator)
    assert post_reply(client, thread, TEXT).status_code == 302


def test_new_thread_form_refusal_keeps_title_and_text(client, veteran, category):
    client.force_login(veteran)
    response = client.post(
        reverse("forum:new_thread"),
        {"category": category.pk, "title": "Short", "source": "tiny", "tags": "a, b", "submit": "1"},
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "title"})["value"] == "Short"
    assert soup.find("textarea", attrs={"name": "source"}).get_text().strip() == "tiny"
    errors = form_errors(response)
    assert "at least 15 characters" in errors and "at least 20 characters" in errors
    assert not Thread.objects.filter(title="Short").exists()


def test_a_quotes_attribution_link_does_not_count_against_a_new_member(client, newcomer, thread, reply_post):
    """Quoting adds "[name wrote](/forum/p/N/):": a link to the site itself,
    not what the new-member link limit is about."""
    client.force_login(newcomer)
    quoted = reply_post.quote_for_reply()
    two = "See [one](https://a.example) and [two](https://b.example), both useful."
    assert post_reply(client, thread, quoted + two).status_code == 302
    # Links to other sites still count, quoted or not.
    age(Post.objects.filter(author=newcomer).latest("created"), 3600)
    response = post_reply(client, thread, quoted + LINKS3)
    assert "at most 2 links" in form_errors(response)
