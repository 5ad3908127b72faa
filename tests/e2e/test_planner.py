"""The meeting planner: a facilitator plans a 90-minute meeting and prints the
agenda on one page."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.e2e


def planned_minutes(page):
    status = page.locator("#plan-total-text")
    expect(status).to_contain_text("minutes planned")
    found = re.search(r"(\d+) of (\d+) minutes planned", status.inner_text())
    return int(found.group(1)), int(found.group(2))


def test_facilitator_plans_a_90_minute_meeting_and_prints_the_agenda(page, server):
    page.goto(f"{server['url']}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Planner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meeting planner")
    expect(page.get_by_text("Nothing planned yet.")).to_be_visible()

    page.get_by_label("Length (minutes)").fill("90")
    page.get_by_label("People").fill("8")
    page.get_by_label("Setting").select_option(label="In person")
    page.get_by_role("button", name="Suggest a plan").click()

    expect(page).to_have_url(re.compile(r"budget=90"))
    total, budget = planned_minutes(page)
    assert budget == 90
    assert 0 < total <= 90
    status = page.locator("#plan-total-text")
    expect(status).not_to_contain_text("Over budget")
    expect(status).to_contain_text(f"{90 - total} minute")
    expect(page.locator(".plan-context")).to_have_text(
        re.compile(r"90-minute meeting · 8 people · In person")
    )

    # The agenda: a check-in first, a reflection last, times that add up.
    rows = page.locator("ol.plan-agenda > li")
    expect(rows.first.locator(".agenda-role")).to_have_text("Check-in")
    expect(rows.last.locator(".agenda-role")).to_have_text("Reflection")
    times = rows.locator(".agenda-time").all_inner_texts()
    assert times[0].startswith("0:00")
    assert times[-1].endswith(f"{total // 60}:{total % 60:02d}")
    titles = rows.locator(".agenda-title a").all_inner_texts()
    assert len(titles) >= 3

    # Remove one activity: the total goes down and the address still holds the plan.
    before = page.url
    rows.last.get_by_role("link", name=re.compile(r"^Remove")).click()
    expect(rows).to_have_count(len(times) - 1)
    shorter, _budget = planned_minutes(page)
    assert shorter < total
    page.goto(before)
    assert planned_minutes(page) == (total, 90)

    # Print: the one-page agenda, without the forms and the site chrome.
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="Meeting agenda")).to_be_visible()
    expect(page.get_by_role("heading", name="Your plan")).to_be_hidden()
    expect(page.locator("#planner-form")).to_be_hidden()
    expect(page.get_by_role("heading", name="Choose activities")).to_be_hidden()
    expect(page.locator("header.site-header")).to_be_hidden()
    for title in titles:
        expect(page.locator("ol.plan-agenda").get_by_role("link", name=title, exact=True)).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "planner-print.png"), full_page=True)
    pdf = page.pdf(format="A4")
    (SCREENSHOTS / "planner-agenda.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
