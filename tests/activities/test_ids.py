"""Ids no database column can hold (past 64 bits, or past the column's own
range) in the library's URLs, forms and plan links: a 404 or a message on
the form, never a server error, on SQLite and PostgreSQL alike."""

import pytest
from bs4 import BeautifulSoup

from activities.models import ActivityPage

from .test_submissions import SUBMIT, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]

HUGE = "99999999999999999999"  # past 64 bits
PAST_32_BITS = str(2**31)  # fits in 64 bits, not in PostgreSQL's integer column
BIG_IDS = [HUGE, PAST_32_BITS, str(2**63), str(2**63 - 1)]


@pytest.mark.parametrize("number", BIG_IDS)
@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/en/library/mine/{}/"),
        ("get", "/en/library/mine/{}/edit/"),
        ("post", "/en/library/planner/saved/{}/delete/"),
    ],
)
def test_big_ids_in_paths_are_not_found(client, member, method, path, number):
    client.force_login(member)
    response = getattr(client, method)(path.format(number))
    assert response.status_code == 404


@pytest.mark.parametrize("number", [*BIG_IDS, "-1", "1e5", "0x10"])
def test_a_big_derived_from_is_a_message_on_the_form(client, member, number):
    client.force_login(member)
    response = client.post(SUBMIT, form_data(derived_from=number))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    field = page.select_one('[name="derived_from"]')
    assert field.get("aria-invalid") == "true" or page.select_one("#id_derived_from_error, .errorlist")
    assert page.select_one('[name="title"]')["value"] == "Silent brainstorm"
    assert not ActivityPage.objects.filter(submitted_by=member).exists()


@pytest.mark.parametrize("number", BIG_IDS)
def test_big_ids_in_a_plan_link_are_left_out_with_a_message(client, number):
    response = client.get(f"/en/library/planner/?budget=90&learning={number}&checkin={number}")
    assert response.status_code == 200
    assert "not in the library" in response.content.decode()


@pytest.mark.parametrize("name", ["fits", "longer", "people", "page"])
def test_big_numbers_in_library_filters_do_not_break_the_page(client, library, name):
    response = client.get(library.url, {name: HUGE})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path", ["/en/library/planner/", "/en/library/planner/agenda/", "/en/library/planner/run-sheet/"]
)
def test_big_numbers_anywhere_in_a_plan_link_are_not_a_server_error(client, path):
    query = (
        f"budget=90&kind=learning&activity={HUGE}&minutes={HUGE}&note="
        f"&kind=break&activity=&minutes=&note=&op=up-{HUGE}&add=learning:{HUGE}"
    )
    response = client.get(f"{path}?{query}")
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 200
