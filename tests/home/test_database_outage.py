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
