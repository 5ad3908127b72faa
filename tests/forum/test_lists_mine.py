"""The "Unanswered questions" and "My threads" lists."""

import pytest
from django.urls import reverse

from forum import actions
from tests.factories.forum import MemberFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def titles(response):
    from bs4 import BeautifulSoup

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in page.select("main a.thread-title")]


def test_unanswered_lists_open_questions_with_no_accepted_answer(client, category, author):
    lonely = ThreadFactory(category=category, title="A question nobody has replied to yet", question=True)
    replied = ThreadFactory(
        category=category, title="A question with one reply so far", question=True, replies=1
    )
    answered = ThreadFactory(
        category=category, author=author, title="A question that has its answer", question=True
    )
    answer = PostFactory(thread=answered)
    actions.accept_answer(answered, answer, by=author)
    ThreadFactory(category=category, title="Not a question, just a story")
    ThreadFactory(
        category=category, title="A hidden question about nothing", question=True, state={"is_hidden": True}
    )
    found = titles(client.get(reverse("forum:unanswered")))
    assert lonely.title in found and replied.title in found
    assert found.index(lonely.title) < found.index(replied.title)  # no reply yet: first
    assert not {answered.title, "Not a question, just a story", "A hidden question about nothing"} & set(
        found
    )


def test_my_threads_are_those_i_started_or_replied_in(client, category):
    me = MemberFactory()
    started = ThreadFactory(category=category, author=me, title="A thread I started myself")
    replied = ThreadFactory(category=category, title="A thread I replied in once")
    PostFactory(thread=replied, author=me)
    ThreadFactory(category=category, title="Someone else's thread entirely")
    client.force_login(me)
    found = titles(client.get(reverse("forum:my_threads")))
    assert sorted(found) == sorted([started.title, replied.title])


def test_my_threads_asks_visitors_to_sign_in(client):
    response = client.get(reverse("forum:my_threads"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_forum_navigation_links_both_lists(client, category):
    page = client.get(reverse("forum:latest")).content.decode()
    assert reverse("forum:unanswered") in page and reverse("forum:my_threads") not in page
    client.force_login(MemberFactory())
    assert reverse("forum:my_threads") in client.get(reverse("forum:latest")).content.decode()
