"""@-mention autocomplete: a small JSON endpoint for signed-in members
(rate limited, at most eight active members by prefix) behind a script on
the reply and new-thread forms, which work without it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories.forum import MemberFactory

pytestmark = pytest.mark.django_db
URL = reverse("forum:mention_suggestions")


def ask(client, prefix):
    response = client.get(URL, {"q": prefix}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()["members"]


def test_members_by_username_or_display_name_prefix(client, veteran):
    MemberFactory(username="samira", display_name="Samira Haddad")
    MemberFactory(username="kim", display_name="Sam Kim")
    MemberFactory(username="alex", display_name="Alex")
    client.force_login(veteran)
    assert ask(client, "sam") == [
        {"username": "kim", "name": "Sam Kim"},
        {"username": "samira", "name": "Samira Haddad"},
    ]
    assert ask(client, "@SAM") == ask(client, "sam")  # the @ and the case do not matter


def test_at_most_eight_and_only_active_members(client, veteran):
    for number in range(10):
        MemberFactory(username=f"reader{number}")
    MemberFactory(username="readergone", is_active=False)
    client.force_login(veteran)
    found = ask(client, "reader")
    assert len(found) == 8 and "readergone" not in {member["username"] for member in found}


def test_nothing_for_an_empty_prefix(client, veteran):
    client.force_login(veteran)
    assert ask(client, "") == [] and ask(client, "@") == []


def test_no_e_mail_addresses_or_other_fields(client, veteran):
    MemberFactory(username="samira", email="samira@example.org")
    client.force_login(veteran)
    assert ask(client, "sam") == [{"username": "samira", "name": "samira"}]
    assert "example.org" not in client.get(URL, {"q": "sam"}).content.decode()


def test_visitors_are_sent_to_sign_in(client):
    MemberFactory(username="samira")
    response = client.get(URL, {"q": "sam"})
    assert response.status_code == 302 and "samira" not in response.content.decode()


def test_lookups_are_rate_limited(client, veteran, settings):
    settings.FORUM_LIMITS = {"MENTION_LOOKUPS_PER_MINUTE": 3}
    client.force_login(veteran)
    codes = [client.get(URL, {"q": "a"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.parametrize("page", ["reply", "new_thread", "thread"])
def test_the_forms_carry_the_endpoint_for_the_script(client, veteran, thread, page):
    client.force_login(veteran)
    url = {
        "reply": reverse("forum:reply", args=[thread.pk]),
        "new_thread": reverse("forum:new_thread"),
        "thread": thread.get_absolute_url(),
    }[page]
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    form = soup.find("form", attrs={"data-mentions-url": True})
    assert form["data-mentions-url"] == URL
    assert form.find("textarea", attrs={"name": "source"}) is not None
    assert not soup.find_all("script", src=False)  # no inline script (CSP)
