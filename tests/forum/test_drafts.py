"""Drafts: the reply a member is writing survives navigation and a closed
tab (saved on the server per thread and member), is offered back, and is
gone once the reply is posted."""

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError
from django.urls import reverse

from forum import actions, limits
from forum.models import Draft
from tests.factories.forum import MemberFactory, ThreadFactory

from .conftest import TEXT

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def save(client, thread, source, **extra):
    return client.post(reverse("forum:draft", args=[thread.pk]), {"source": source, **extra}, **JSON)


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_autosave_keeps_one_draft_per_member_and_thread(client, veteran, thread):
    client.force_login(veteran)
    assert save(client, thread, "First words").json() == {"saved": True}
    assert save(client, thread, "First words, then more").json() == {"saved": True}
    draft = Draft.objects.get(user=veteran, thread=thread)
    assert draft.source == "First words, then more"
    other = MemberFactory()
    client.force_login(other)
    save(client, thread, "Someone else's words")
    assert Draft.objects.filter(thread=thread).count() == 2


def test_one_draft_per_member_and_thread_in_the_database(veteran, thread):
    Draft.objects.create(user=veteran, thread=thread, source="one")
    with pytest.raises(IntegrityError):
        Draft.objects.create(user=veteran, thread=thread, source="two")


def test_the_draft_is_offered_back_on_the_thread_page(client, veteran, thread, reply_post):
    client.force_login(veteran)
    save(client, thread, "Half a thought about check-ins", reply_to=reply_post.pk)
    soup = soup_of(client.get(thread.get_absolute_url()))
    assert (
        soup.find("textarea", attrs={"name": "source"}).get_text().strip() == "Half a thought about check-ins"
    )
    assert "Your unsent reply" in soup.select_one("#draft-notice").get_text()
    assert soup.find("input", attrs={"name": "reply_to"})["value"] == str(reply_post.pk)
    assert "Replying to #2" in soup.select_one("#replying-to").get_text()
    # ... and on the reply page.
    soup = soup_of(client.get(reverse("forum:reply", args=[thread.pk])))
    assert (
        soup.find("textarea", attrs={"name": "source"}).get_text().strip() == "Half a thought about check-ins"
    )


def test_nobody_else_sees_the_draft(client, veteran, thread):
    client.force_login(veteran)
    save(client, thread, "Only mine")
    client.force_login(MemberFactory())
    soup = soup_of(client.get(thread.get_absolute_url()))
    assert "Only mine" not in soup.get_text() and soup.select_one("#draft-notice") is None
    client.logout()
    assert "Only mine" not in client.get(thread.get_absolute_url()).content.decode()


def test_previewing_saves_the_draft(client, veteran, thread):
    client.force_login(veteran)
    client.post(reverse("forum:reply", args=[thread.pk]), {"source": f"{TEXT} Previewed.", "preview": "1"})
    assert Draft.objects.get(user=veteran, thread=thread).source == f"{TEXT} Previewed."


def test_posting_the_reply_deletes_the_draft(client, veteran, thread):
    client.force_login(veteran)
    save(client, thread, "Work in progress")
    response = client.post(reverse("forum:reply", args=[thread.pk]), {"source": f"{TEXT} Posted."})
    assert response.status_code == 302
    assert not Draft.objects.filter(user=veteran, thread=thread).exists()


def test_a_reply_by_other_means_deletes_the_draft_too(veteran, thread):
    Draft.keep(veteran, thread, "Started on the site")
    actions.reply(thread, author=veteran, source=f"{TEXT} Sent another way.")
    assert not Draft.objects.filter(user=veteran).exists()


def test_discarding_the_draft_without_javascript(client, veteran, thread):
    client.force_login(veteran)
    save(client, thread, "Not what I meant")
    response = client.post(reverse("forum:draft", args=[thread.pk]), {"action": "discard"})
    assert response.status_code == 302 and response["Location"].endswith("#reply")
    assert not Draft.objects.exists()


def test_an_emptied_box_discards_the_draft(client, veteran, thread):
    client.force_login(veteran)
    save(client, thread, "Something")
    assert save(client, thread, "   ").json() == {"saved": False}
    assert not Draft.objects.exists()


def test_an_over_long_draft_is_refused(client, veteran, thread):
    client.force_login(veteran)
    response = save(client, thread, "x" * (limits.get("MAX_POST_LENGTH") + 1))
    assert response.status_code == 400 and not Draft.objects.exists()


def test_a_draft_of_a_locked_thread_is_refused(client, veteran, category):
    locked = ThreadFactory(category=category, state={"is_locked": True})
    client.force_login(veteran)
    assert save(client, locked, "Too late").status_code == 403
    assert not Draft.objects.exists()


def test_a_draft_names_only_a_post_the_member_may_answer(client, veteran, thread, category):
    elsewhere = ThreadFactory(category=category).first_post
    client.force_login(veteran)
    save(client, thread, "Answering something", reply_to=elsewhere.pk)
    assert Draft.objects.get(user=veteran).reply_to is None


def test_drafts_need_signing_in_and_a_post(client, veteran, thread):
    url = reverse("forum:draft", args=[thread.pk])
    assert client.post(url, {"source": "x"}).status_code == 302  # to sign in
    assert not Draft.objects.exists()
    client.force_login(veteran)
    assert client.get(url).status_code == 405


def test_draft_saves_are_rate_limited(client, veteran, thread, settings):
    settings.FORUM_LIMITS = {"DRAFT_SAVES_PER_MINUTE": 2}
    client.force_login(veteran)
    codes = [save(client, thread, f"Version {number}").status_code for number in range(3)]
    assert codes == [200, 200, 429]
    assert Draft.objects.get(user=veteran).source == "Version 1"


def test_the_autosave_script_is_wired_to_the_reply_form(client, veteran, thread):
    client.force_login(veteran)
    soup = soup_of(client.get(thread.get_absolute_url()))
    form = soup.find("form", id="thread-reply-form")
    assert form["data-draft-url"] == reverse("forum:draft", args=[thread.pk])
    assert soup.find("script", src=lambda src: src and "forum/forum" in src) is not None
    client.logout()
    assert (
        soup_of(client.get(thread.get_absolute_url())).find("script", src=lambda s: s and "forum/forum" in s)
        is None
    )
