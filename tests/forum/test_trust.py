"""Trust levels (forum/trust.py): earned by taking part, thresholds from
settings, new members' strict limits, trusted members' title and tag edits,
moderators setting a level by hand, the level on profiles, flag weights and
hiding on trusted members' flags."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from forum import actions, limits, trust
from forum.models import Flag, ModerationLog, Post, Standing, TrustLevel
from tests.factories.forum import LikeFactory, MemberFactory, PostFactory, ThreadFactory

from .conftest import TEXT

pytestmark = pytest.mark.django_db

REGULAR = {"DAYS_VISITED": 2, "POSTS_READ": 20, "REPLIES": 0, "LIKES_RECEIVED": 0, "recently_hidden": False}
TRUSTED = {
    "DAYS_VISITED": 15,
    "POSTS_READ": 100,
    "REPLIES": 10,
    "LIKES_RECEIVED": 5,
    "recently_hidden": False,
}


def level_of(user):
    user.__dict__.pop("_forum_trust_level", None)
    return trust.reassess(user)


@pytest.mark.parametrize(
    ("done", "level"),
    [
        ({**REGULAR, "DAYS_VISITED": 0, "POSTS_READ": 0}, TrustLevel.NEW),
        ({**REGULAR, "DAYS_VISITED": 1}, TrustLevel.NEW),
        ({**REGULAR, "POSTS_READ": 19}, TrustLevel.NEW),
        (REGULAR, TrustLevel.REGULAR),
        ({**TRUSTED, "REPLIES": 9}, TrustLevel.REGULAR),
        ({**TRUSTED, "LIKES_RECEIVED": 4}, TrustLevel.REGULAR),
        ({**TRUSTED, "DAYS_VISITED": 14}, TrustLevel.REGULAR),
        ({**TRUSTED, "POSTS_READ": 99}, TrustLevel.REGULAR),
        (TRUSTED, TrustLevel.TRUSTED),
        ({**TRUSTED, "recently_hidden": True}, TrustLevel.NEW),
        # Trusted's numbers without a regular's: the levels are climbed in order.
        ({**TRUSTED, "DAYS_VISITED": 1}, TrustLevel.NEW),
    ],
)
def test_default_thresholds(done, level):
    assert trust.earned_level(done) == level


def test_thresholds_are_settings(settings):
    settings.FORUM_TRUST = {"REGULAR_DAYS_VISITED": 5, "TRUSTED_REPLIES": 2}
    assert trust.earned_level(REGULAR) == TrustLevel.NEW
    assert trust.earned_level(
        {**REGULAR, "DAYS_VISITED": 15, "POSTS_READ": 100, "REPLIES": 2, "LIKES_RECEIVED": 5}
    ) == (TrustLevel.TRUSTED)


def test_an_unknown_threshold_fails_the_system_check(settings):
    from django.core.management.base import SystemCheckError

    settings.FORUM_TRUST = {"TRUSTED_REPLIESS": 2}
    with pytest.raises(
        SystemCheckError, match="FORUM_TRUST names a threshold that does not exist: TRUSTED_REPLIESS"
    ):
        call_command("check")


def test_participation_is_counted_from_posts_and_likes(thread):
    member = MemberFactory(standing={"days_visited": 3, "posts_read": 40})
    mine = [PostFactory(thread=thread, author=member) for _ in range(3)]
    ThreadFactory(author=member)  # an opening post is not a reply
    LikeFactory(post=mine[0])
    LikeFactory(post=mine[1])
    done = trust.participation(member)
    assert done == {
        "DAYS_VISITED": 3,
        "POSTS_READ": 40,
        "REPLIES": 3,
        "LIKES_RECEIVED": 2,
        "recently_hidden": False,
    }


def test_reading_threads_counts_days_and_posts(client, category):
    reader = MemberFactory(standing=False)
    thread = ThreadFactory(category=category, replies=4)
    client.force_login(reader)
    client.get(thread.get_absolute_url())
    standing = Standing.objects.get(user=reader)
    assert (standing.days_visited, standing.posts_read) == (1, 5)
    PostFactory(thread=thread)
    client.get(thread.get_absolute_url())  # the same day: one more post, no new day
    standing.refresh_from_db()
    assert (standing.days_visited, standing.posts_read) == (1, 6)
    Standing.objects.filter(user=reader).update(last_visit_on=timezone.localdate() - timedelta(days=1))
    PostFactory(thread=thread)
    client.get(thread.get_absolute_url())
    standing.refresh_from_db()
    assert (standing.days_visited, standing.posts_read) == (2, 7)


def test_new_members_keep_the_strict_limits_and_regulars_lose_them(thread):
    newcomer = MemberFactory(standing=False)
    three_links = "Have a look: [a](https://a.example), [b](https://b.example) and [c](https://c.example)."
    with pytest.raises(ValidationError, match="New members can include at most 2 links"):
        actions.reply(thread, author=newcomer, source=three_links)
    Standing.objects.filter(user=newcomer).update(days_visited=2, posts_read=20)
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)  # a new request
    actions.reply(thread, author=newcomer, source=three_links)
    assert Standing.objects.get(user=newcomer).level == TrustLevel.REGULAR


def test_the_clock_alone_no_longer_makes_a_regular(thread):
    old_but_idle = MemberFactory(date_joined=timezone.now() - timedelta(days=400), standing=False)
    assert limits.is_new_member(old_but_idle)


def test_a_recently_hidden_post_keeps_a_member_new(thread, moderator):
    member = MemberFactory()
    post = PostFactory(thread=thread, author=member)
    assert level_of(member) == TrustLevel.REGULAR
    post.set_hidden(True, by=moderator)
    assert level_of(member) == TrustLevel.NEW
    Post.objects.filter(pk=post.pk).update(created=timezone.now() - timedelta(days=61))
    assert level_of(member) == TrustLevel.REGULAR


@pytest.fixture
def trusted(thread):
    member = MemberFactory(username="trusty", standing={"days_visited": 20, "posts_read": 300})
    other = ThreadFactory()
    for _ in range(10):
        LikeFactory(post=PostFactory(thread=other, author=member))
    assert level_of(member) == TrustLevel.TRUSTED
    return member


def test_trusted_members_edit_any_threads_title_and_tags(client, thread, trusted):
    client.force_login(trusted)
    page = BeautifulSoup(client.get(thread.get_absolute_url()).content, "html.parser")
    link = page.find("a", string="Edit the title and tags")
    assert link["href"] == reverse("forum:edit_thread_details", args=[thread.pk])
    response = client.post(
        link["href"], {"title": "How long should a check-in take, at most?", "tags": "check-in, time"}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.title == "How long should a check-in take, at most?"
    assert sorted(thread.tags.names()) == ["check-in", "time"]
    assert ModerationLog.objects.filter(action="edit_thread", moderator=trusted, thread=thread).exists()


def test_a_bad_title_comes_back_on_the_form(client, thread, trusted):
    client.force_login(trusted)
    response = client.post(
        reverse("forum:edit_thread_details", args=[thread.pk]), {"title": "Short", "tags": ""}
    )
    assert response.status_code == 200
    assert "A title needs at least 15 characters" in response.content.decode()
    assert 'value="Short"' in response.content.decode()


def test_regulars_may_not_edit_others_threads_details(client, thread, veteran):
    client.force_login(veteran)
    page = BeautifulSoup(client.get(thread.get_absolute_url()).content, "html.parser")
    assert page.find("a", string="Edit the title and tags") is None
    response = client.post(
        reverse("forum:edit_thread_details", args=[thread.pk]), {"title": "A new title for it all"}
    )
    assert response.status_code == 403
    thread.refresh_from_db()
    assert thread.title == "How long should a check-in take?"


def test_moderators_set_a_level_by_hand_and_back(client, moderator, veteran):
    client.force_login(moderator)
    url = reverse("forum:member_trust", args=[veteran.username])
    page = client.get(url).content.decode()
    assert "Days visited" in page and "Now: Regular." in page
    response = client.post(url, {"level": "2", "note": "Long-time facilitator"})
    assert response.status_code == 302
    standing = Standing.objects.get(user=veteran)
    assert standing.level == TrustLevel.TRUSTED and standing.set_by_moderator
    assert level_of(veteran) == TrustLevel.TRUSTED  # participation no longer changes it
    entry = ModerationLog.objects.get(action="trust_level")
    assert (entry.member, entry.note) == (veteran, "Long-time facilitator")
    client.post(url, {"level": "earned"})
    assert level_of(veteran) == TrustLevel.REGULAR


def test_only_moderators_set_levels(client, veteran, trusted):
    client.force_login(trusted)
    response = client.post(reverse("forum:member_trust", args=[veteran.username]), {"level": "2"})
    assert response.status_code == 403
    assert Standing.objects.get(user=veteran).level == TrustLevel.REGULAR


def test_the_level_shows_on_the_profile(client, veteran, moderator):
    newcomer = MemberFactory(username="fresh", standing=False)
    assert "New member" in client.get(newcomer.get_absolute_url()).content.decode()
    page = client.get(veteran.get_absolute_url()).content.decode()
    assert "Regular" in page and "Change the trust level" not in page
    client.force_login(moderator)
    page = client.get(veteran.get_absolute_url()).content.decode()
    assert reverse("forum:member_trust", args=[veteran.username]) in page


def test_flags_from_new_members_weigh_less(thread, reply_post, trusted):
    newcomer = MemberFactory(standing=False)
    assert actions.flag_post(reply_post, by=newcomer, reason=Flag.Reason.SPAM).weight == 1
    assert actions.flag_post(reply_post, by=MemberFactory(), reason=Flag.Reason.SPAM).weight == 2
    flag = actions.flag_post(reply_post, by=trusted, reason=Flag.Reason.SPAM)
    assert (flag.weight, flag.reporter_level) == (3, TrustLevel.TRUSTED)


def test_the_queue_puts_the_heaviest_flags_first(client, moderator, thread):
    by_new = PostFactory(thread=thread)
    by_regular = PostFactory(thread=thread)
    for _ in range(2):
        actions.flag_post(by_new, by=MemberFactory(standing=False), reason=Flag.Reason.SPAM)
    for _ in range(2):
        actions.flag_post(by_regular, by=MemberFactory(), reason=Flag.Reason.SPAM)
    client.force_login(moderator)
    page = client.get(reverse("forum:moderation_queue")).content.decode()
    assert page.index(f"/forum/p/{by_regular.pk}/") < page.index(f"/forum/p/{by_new.pk}/")


def make_trusted(count):
    """Members a moderator made trusted."""
    numbers = {"days_visited": 20, "posts_read": 300, "level": TrustLevel.TRUSTED, "set_by_moderator": True}
    return [MemberFactory(standing=numbers) for _member in range(count)]


def test_enough_trusted_flags_hide_a_post_until_a_moderator_decides(client, thread, reply_post, moderator):
    first, second, third = make_trusted(3)
    actions.flag_post(reply_post, by=MemberFactory(standing=False), reason=Flag.Reason.SPAM)
    actions.flag_post(reply_post, by=first, reason=Flag.Reason.SPAM)
    actions.flag_post(reply_post, by=second, reason=Flag.Reason.SPAM)
    reply_post.refresh_from_db()
    assert not reply_post.is_hidden  # two trusted flags (and a new member's) are not enough
    actions.flag_post(reply_post, by=third, reason=Flag.Reason.RUDE)
    reply_post.refresh_from_db()
    assert reply_post.is_hidden
    assert Flag.objects.open().filter(post=reply_post).count() == 4  # still waiting for a moderator
    entry = ModerationLog.objects.get(action="auto_hide")
    assert entry.moderator is None and entry.post == reply_post
    client.force_login(moderator)
    queue = client.get(reverse("forum:moderation_queue")).content.decode()
    assert "4 open flags" in queue
    log = client.get(reverse("forum:moderation_log")).content.decode()
    assert "The forum" in log and "hid a post automatically after flags from trusted members" in log


def test_automatic_hiding_can_be_turned_off(settings, thread, reply_post):
    settings.FORUM_TRUST = {"AUTO_HIDE_TRUSTED_FLAGS": 0}
    for member in make_trusted(4):
        actions.flag_post(reply_post, by=member, reason=Flag.Reason.SPAM)
    reply_post.refresh_from_db()
    assert not reply_post.is_hidden


def test_the_level_is_reassessed_once_per_write(thread, monkeypatch):
    member = MemberFactory()
    calls = []
    reassess = trust.reassess
    monkeypatch.setattr(trust, "reassess", lambda user: calls.append(user) or reassess(user))
    actions.reply(thread, author=member, source=TEXT)
    assert calls == [member]
