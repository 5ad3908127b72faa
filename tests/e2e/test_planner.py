"""The meeting planner: a facilitator plans a 90-minute meeting and prints the
agenda on one page."""

import re

import pytest
from playwright.sync_api import expect

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
        re.compile(r"90-minute meeting · A week in between · 8 people · In person")
    )

    # The agenda: a check-in first, a reflection last, times that add up.
    rows = page.locator("ol.plan-agenda > li")
    expect(rows.first.locator(".agenda-role")).to_have_text("Check-in")
    expect(rows.last.locator(".agenda-role")).to_have_text("Reflection")
    times = rows.locator(".agenda-time").all_inner_texts()
    # Without a start time the agenda counts minutes from the start: "0–10 min" … "80–90 min".
    assert times[0].startswith("0–")
    assert times[-1].endswith(f"–{total} min")
    titles = rows.locator(".agenda-title a").all_inner_texts()
    assert len(titles) >= 3

    # Remove one activity: the total goes down and the address still holds the plan.
    before = page.url
    rows.last.get_by_role("button", name=re.compile(r"^Remove")).click()
    expect(rows).to_have_count(len(times) - 1)
    shorter, _budget = planned_minutes(page)
    assert shorter < total
    page.goto(before)
    assert planned_minutes(page) == (total, 90)
