"""Post numbers and per-post replies ("in reply to #7") with a preview of
the post answered, which a reader who may not read it never sees."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from forum import actions
from forum.models import POSTS_PER_PAGE, Post
from tests.factories.forum import MemberFactory, PostFactory, ThreadFactory

from .conftest import TEXT

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def post_item(soup, post):
    return soup.find(id=f"post-{post.pk}")


def test_every_post_shows_its_number_linking_to_its_permalink(client, thread, reply_post):
    soup = soup_of(client.get(thread.get_absolute_url()))
    for number, post in enumerate([thread.first_post, reply_post], start=1):
        link = post_item(soup, post).select_one("a.post-number")
        assert link.get_text(" ", strip=True).endswith(f"#{number}")
        assert link["href"] == reverse("forum:post", args=[post.pk])


def test_numbers_go_on_across_pages(client, category):
    thread = ThreadFactory(category=category, replies=POSTS_PER_PAGE + 1)
    soup = soup_of(client.get(thread.get_absolute_url() + "?page=2"))
    numbers = [a.get_text(strip=True).rsplit("#", 1)[1] for a in soup.select("a.post-number")]
    assert numbers == [str(POSTS_PER_PAGE + 1), str(POSTS_PER_PAGE + 2)]
    last = Post.objects.filter(thread=thread).order_by("-created", "-pk").first()
    assert last.number == POSTS_PER_PAGE + 2  # counted, off the thread page


def test_a_reply_to_a_post_is_stored_shown_and_previewed(client, veteran, thread, reply_post):
    outcome = actions.reply(thread, author=veteran, source=f"{TEXT} I agree.", reply_to=reply_post)
    assert outcome.post.reply_to == reply_post
    soup = soup_of(client.get(thread.get_absolute_url()))
    aside = post_item(soup, outcome.post).select_one(".in-reply-to")
    link = aside.select_one("a")
    assert link.get_text() == "in reply to #2" and link["href"] == f"#post-{reply_post.pk}"
    assert "replier" in aside.get_text()  # the author of the post answered
    assert aside.select_one(".in-reply-to-preview").get_text().startswith("Ask a one-word question")


def test_the_preview_is_the_start_of_the_text_only(client, veteran, thread):
    long_post = PostFactory(thread=thread, source="**Bold** start. " + "word " * 200)
    reply = actions.reply(thread, author=veteran, source=TEXT, reply_to=long_post).post
    preview = post_item(soup_of(client.get(thread.get_absolute_url())), reply).select_one(
        ".in-reply-to-preview"
    )
    assert preview.find("strong") is None and preview.get_text().startswith("Bold start.")
    assert len(preview.get_text()) <= 201


def test_a_reply_to_a_post_on_an_earlier_page_links_to_its_permalink(client, veteran, category):
    thread = ThreadFactory(category=category, replies=POSTS_PER_PAGE + 1)
    first = thread.first_post
    reply = actions.reply(thread, author=veteran, source=TEXT, reply_to=first).post
    soup = soup_of(client.get(thread.get_absolute_url() + "?page=2"))
    link = post_item(soup, reply).select_one(".in-reply-to a")
    assert link.get_text() == "in reply to #1" and link["href"] == reverse("forum:post", args=[first.pk])


@pytest.mark.parametrize(
    ("viewer", "previewed"),
    [("visitor", False), ("member", False), ("its author", True), ("moderator", True)],
)
def test_a_hidden_post_is_named_but_never_previewed_to_those_who_may_not_read_it(
    client, veteran, thread, reply_post, moderator, viewer, previewed
):
    reply = actions.reply(thread, author=veteran, source=TEXT, reply_to=reply_post).post
    reply_post.set_hidden(True, by=moderator)
    who = {"member": MemberFactory(), "its author": reply_post.author, "moderator": moderator}.get(viewer)
    if who is not None:
        client.force_login(who)
    aside = post_item(soup_of(client.get(thread.get_absolute_url())), reply).select_one(".in-reply-to")
    assert aside.select_one("a").get_text() == "in reply to #2"
    assert (aside.select_one(".in-reply-to-preview") is not None) is previewed
    assert ("Ask a one-word question" in aside.get_text()) is previewed
    assert ("replier" in aside.get_text()) is previewed


def test_a_deleted_post_is_not_previewed(client, veteran, thread, reply_post):
    reply = actions.reply(thread, author=veteran, source=TEXT, reply_to=reply_post).post
    reply_post.soft_delete()
    aside = post_item(soup_of(client.get(thread.get_absolute_url())), reply).select_one(".in-reply-to")
    assert aside.select_one(".in-reply-to-preview") is None


def test_a_reply_to_a_post_of_another_thread_is_refused(veteran, thread, category):
    elsewhere = ThreadFactory(category=category).first_post
    with pytest.raises(ValidationError) as refused:
        actions.reply(thread, author=veteran, source=TEXT, reply_to=elsewhere)
    assert refused.value.error_list[0].code == "reply_to"
    assert not Post.objects.filter(thread=thread, author=veteran).exists()


def test_a_reply_to_a_post_the_member_may_not_read_is_refused(veteran, thread, reply_post, moderator):
    reply_post.set_hidden(True, by=moderator)
    with pytest.raises(ValidationError):
        actions.reply(thread, author=veteran, source=TEXT, reply_to=reply_post)
    assert (
        actions.reply(thread, author=moderator, source=TEXT, reply_to=reply_post).post.reply_to == reply_post
    )


def test_the_reply_link_opens_the_form_in_reply_to_the_post(client, veteran, thread, reply_post):
    client.force_login(veteran)
    soup = soup_of(client.get(thread.get_absolute_url()))
    link = post_item(soup, reply_post).select_one("a[data-reply-to]")
    assert link["href"] == reverse("forum:reply", args=[thread.pk]) + f"?reply_to={reply_post.pk}#reply-form"
    form = soup_of(client.get(link["href"].split("#")[0])).find("form", id="reply-form")
    assert form.find("input", attrs={"name": "reply_to"})["value"] == str(reply_post.pk)
    assert form.select_one(".in-reply-to a").get_text() == "in reply to #2"
    response = client.post(
        reverse("forum:reply", args=[thread.pk]), {"source": f"{TEXT} Yes.", "reply_to": reply_post.pk}
    )
    assert response.status_code == 302
    assert Post.objects.get(thread=thread, author=veteran).reply_to == reply_post


def test_the_form_refuses_another_threads_post_and_keeps_the_text(client, veteran, thread, category):
    elsewhere = ThreadFactory(category=category).first_post
    client.force_login(veteran)
    text = f"{TEXT} Kept."
    response = client.post(
        reverse("forum:reply", args=[thread.pk]), {"source": text, "reply_to": elsewhere.pk}
    )
    soup = soup_of(response)
    assert "not one you can reply to" in soup.select_one("#form-errors").get_text()
    assert soup.find("textarea", attrs={"name": "source"}).get_text().strip() == text
    assert not Post.objects.filter(thread=thread, author=veteran).exists()


def test_a_hidden_post_is_not_offered_as_the_reply_target(client, veteran, thread, reply_post, moderator):
    reply_post.set_hidden(True, by=moderator)
    client.force_login(veteran)
    soup = soup_of(client.get(reverse("forum:reply", args=[thread.pk]) + f"?reply_to={reply_post.pk}"))
    assert soup.find("input", attrs={"name": "reply_to"}).get("value") in (None, "")
    assert soup.select_one(".in-reply-to") is None
