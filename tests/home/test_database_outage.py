from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_form_sent_while_the_database_is_down_comes_back_intact(client, member):
    client.force_login(member)
    text = "A long bio I wrote carefully.\nSecond line with <b>markup</b> & ampersand."
    with mock.patch("accounts.forms.ProfileForm.save", side_effect=OperationalError("could not connect")):
        response = client.post(
            reverse("accounts:edit_profile"),
            {"display_name": "Maya", "bio": text, "city": "Oakland", "new_password": "never-echoed"},
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = BeautifulSoup(response.content, "html.parser")
    form = page.select_one("main form")
    assert form["method"] == "post" and form["action"] == reverse("accounts:edit_profile")
    values = {area["name"]: area.get_text() for area in form.find_all("textarea")}
    assert values["bio"] == text
    assert values["display_name"] == "Maya"
    assert "new_password" not in values
    assert "never-echoed" not in response.content.decode()
    assert form.select_one('input[name="csrfmiddlewaretoken"]') is not None
    assert "Traceback" not in response.content.decode()


def test_a_forum_reply_sent_while_the_database_is_down_comes_back_intact(client, member):
    from forum.models import Thread
    from tests.factories.forum import ThreadFactory

    thread = ThreadFactory()
    client.force_login(member)
    text = "My careful answer about mixing beginners and experienced learners."
    with mock.patch.object(Thread, "add_reply", side_effect=OperationalError("server closed the connection")):
        response = client.post(reverse("forum:reply", kwargs={"pk": thread.pk}), {"source": text})
    assert response.status_code == 503
    form = BeautifulSoup(response.content, "html.parser").select_one("main form")
    assert form["action"] == reverse("forum:reply", kwargs={"pk": thread.pk})
    assert form.select_one('textarea[name="source"]').get_text() == text


def test_an_activity_submission_sent_while_the_database_is_down_comes_back_intact(client, member, homes):
    from tests.factories.activities import ActivityIndexPageFactory, in_service

    in_service(ActivityIndexPageFactory(parent=homes["en"]))
    client.force_login(member)
    data = {"title": "Silent brainstorm", "summary": "Everyone writes ideas on sticky notes first."}
    with mock.patch(
        "activities.views.submissions._submission_form", side_effect=OperationalError("could not connect")
    ):
        response = client.post(reverse("activities:submit"), data)
    assert response.status_code == 503
    areas = {
        area["name"]: area.get_text()
        for area in BeautifulSoup(response.content, "html.parser").select("main form textarea")
    }
    assert areas["title"] == "Silent brainstorm"
    assert areas["summary"] == data["summary"]
