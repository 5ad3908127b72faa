"""Every absolute URL the library prints or sends comes from BASE_URL: the
Host header of the request (or the Wagtail Site record) cannot steer it."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from activities import tasks

pytestmark = pytest.mark.django_db

BASE = "https://circlecommons.example"
# An allowed host that is not the base URL's: what an attacker can still send.
OTHER_HOST = "localhost"


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.BASE_URL = BASE


def test_the_planner_share_link_is_on_the_base_url(client, library):
    response = client.get("/en/library/planner/?budget=60", HTTP_HOST=OTHER_HOST)
    share = BeautifulSoup(response.content, "html.parser").select_one("#share-url")
    assert share["value"].startswith(f"{BASE}/en/library/planner/?")
    assert OTHER_HOST not in response.content.decode().replace("localhost:", "")


def test_the_activity_page_print_line_is_on_the_base_url(client, make_activity):
    activity = make_activity("Talking stick")
    response = client.get(activity.url, HTTP_HOST=OTHER_HOST)
    printed = BeautifulSoup(response.content, "html.parser").select_one(".print-only")
    assert printed.get_text(strip=True) == f"{BASE}{activity.url}"


def test_submission_e_mails_link_to_the_base_url(make_activity, member):
    activity = make_activity("Talking stick", submitted_by=member)
    tasks.notify_submitter.call(activity.pk, tasks.APPROVED)
    body = mail.outbox[-1].body
    assert f"{BASE}{activity.url}" in body
    assert f"{BASE}/en/library/mine/" in body
    assert "http://localhost" not in body
