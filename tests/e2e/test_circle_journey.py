"""Issue 13's journey: a facilitator plans a first meeting, edits it (resizes
and moves an item, without JavaScript's help), prints the run sheet (its
pages counted in a real PDF), plans a whole circle, shares it read-only and
another facilitator copies it. Filing a field report after the meeting is a
test of its own below: it runs once the `reports` app is installed."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS, axe_violations, format_violations, screenshot, sign_in, unique

pytestmark = pytest.mark.e2e

# A PDF's page objects ("/Type /Page", not the "/Type /Pages" tree above them).
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_pages(page):
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="screen")
    return len(PDF_PAGE.findall(pdf))


def agenda_titles(page):
    return [
        re.sub(r"\s+\d+ min$", "", text.strip())
        for text in page.locator("ol.plan-agenda .agenda-title").all_inner_texts()
    ]


def planned(page):
    found = re.search(r"(\d+) of (\d+) minutes planned", page.locator("#plan-total-text").inner_text())
    return int(found.group(1)), int(found.group(2))


def plan_first_meeting(page, server):
    page.goto(f"{server['url']}/en/library/planner/")
    page.get_by_label("Length (minutes)").fill("90")
    page.get_by_label("People").fill("8")
    page.get_by_label("Setting").select_option(label="In person")
    page.get_by_label("Which meeting").select_option(label="First meeting")
    page.get_by_label("Starts at").fill("18:00")
    page.get_by_role("button", name="Suggest a plan").click()
    expect(page).to_have_url(re.compile(r"meeting=first"))
    expect(page.locator(".plan-context")).to_contain_text("First meeting")


def test_facilitator_plans_a_first_meeting_edits_it_and_prints_the_run_sheet(page, server):
    sign_in(page, server, "sam")
    plan_first_meeting(page, server)
    titles = agenda_titles(page)
    # A first meeting opens with the group getting to know each other.
    assert any(re.search(r"introductions|norms|goal", title, re.I) for title in titles), titles
    total, budget = planned(page)
    assert budget == 90 and 0 < total <= 90
    rows = page.locator("ol.plan-agenda > li")
    expect(rows.first.locator(".agenda-time")).to_have_text(re.compile(r"^18:00–"))

    # Resize: the first item runs 3 minutes longer, typed into its box.
    first_minutes = int(re.search(r"–18:(\d\d)", rows.first.locator(".agenda-time").inner_text()).group(1))
    rows.first.get_by_label("Minutes").fill(str(first_minutes + 3))
    page.get_by_role("button", name="Update plan").click()
    expect(rows.first.locator(".agenda-time")).to_have_text(f"18:00–18:{first_minutes + 3:02d}")
    assert planned(page)[0] == total + 3

    # Move: the second item goes down one place; the order changes, nothing else.
    second, third = titles[1], titles[2]
    rows.nth(1).get_by_role("button", name=re.compile(r"^Move down")).click()
    expect(rows.nth(1).locator(".agenda-title")).to_contain_text(third)
    expect(rows.nth(2).locator(".agenda-title")).to_contain_text(second)
    assert planned(page)[0] == total + 3
    assert sorted(agenda_titles(page)) == sorted(titles)

    # The run sheet: the agenda, then the materials and each activity's steps.
    page.get_by_role("link", name="Run sheet to print").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Run sheet")
    expect(page.locator(".run-sheet-activity").first.locator(".activity-steps li").first).to_be_visible()
    assert agenda_titles(page)[1] == third
    pages = pdf_pages(page)
    activities = page.locator(".run-sheet-activity").count()
    # One page for the agenda, the materials list on a fresh page, and the
    # activities' steps after it: a few sheets, never one per line.
    assert 2 <= pages <= 2 + activities, (pages, activities)


def test_facilitator_plans_a_whole_circle_shares_it_and_a_colleague_copies_it(page, server, person, browser):
    sign_in(page, server, "sam")
    name = unique("Spreadsheets")
    page.goto(f"{server['url']}/en/library/circles/")
    page.get_by_label("Name this circle").fill(name)
    page.get_by_label("Meetings").fill("6")
    page.get_by_label("Starts at").fill("18:30")
    page.locator("form.circle-form").get_by_role("button", name="Plan the circle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    weeks = page.locator("section.circle-week")
    expect(weeks).to_have_count(6)
    expect(weeks.first.locator(".circle-week-kind")).to_have_text("First meeting")
    expect(weeks.last.locator(".circle-week-kind")).to_have_text("Last meeting")
    expect(page.locator(".circle-repeat")).to_have_count(0)
    circle_url = page.url
    assert axe_violations(page) == [], format_violations(axe_violations(page))

    # Week 2 in the planner: move its last item up, save it back into the circle.
    weeks.nth(1).get_by_role("link", name="Edit week 2 in the planner").click()
    expect(page).to_have_url(re.compile(r"week=\d+"))
    before = agenda_titles(page)
    page.locator("ol.plan-agenda > li").last.get_by_role("button", name=re.compile(r"^Move up")).click()
    expect(page).to_have_url(re.compile(r"week=\d+"))
    after = agenda_titles(page)
    assert after != before and sorted(after) == sorted(before)
    expect(page.locator(".circle-editing")).to_contain_text("You are editing week 2")
    assert axe_violations(page) == [], format_violations(axe_violations(page))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "circle-week-in-planner-desktop.png"), full_page=True)
    page.get_by_role("button", name=re.compile(r"^Save as week 2 of")).click()
    expect(page).to_have_url(re.compile(r"#week-2$"))
    expect(page.locator(".messages")).to_contain_text("Week 2")
    week_two = [
        re.sub(r"\s+\d+ min$", "", text.strip())
        for text in page.locator("#week-2 .agenda-title").all_inner_texts()
    ]
    assert week_two == after

    # The whole circle on paper: an overview, then a page for each week.
    page.get_by_role("link", name="The whole circle to print").click()
    expect(page.locator("section.circle-sheet-week")).to_have_count(6)
    assert 7 <= pdf_pages(page) <= 12

    # Shared read-only: a visitor reads it, cannot change it, and a colleague copies it.
    page.goto(circle_url)
    page.get_by_role("button", name="Share read-only by link").click()
    link = page.get_by_label("Read-only link for a co-facilitator or a substitute").input_value()
    visitor = person()
    visitor.goto(link)
    expect(visitor.locator("section.circle-week")).to_have_count(6)
    expect(visitor.get_by_role("link", name=re.compile(r"^Edit week"))).to_have_count(0)
    expect(
        visitor.get_by_role("link", name="Sign in to copy this circle into your own plans")
    ).to_be_visible()
    assert visitor.request.get(circle_url, max_redirects=0).status == 302  # the owner's page asks to sign in

    colleague = person("lucia")
    colleague.goto(link)
    colleague.get_by_role("button", name="Copy into my circle plans").click()
    expect(colleague.get_by_role("heading", level=1)).to_have_text(name)
    expect(colleague.get_by_role("link", name="Edit week 1 in the planner")).to_be_visible()
    assert colleague.url != circle_url
    assert colleague.request.get(circle_url).status == 404

    # The owner stops sharing: the link is gone.
    page.goto(circle_url)
    page.get_by_role("button", name="Stop sharing (the link stops working)").click()
    assert visitor.request.get(link).status == 404

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(browser, circle_url, "circle-plan", storage_state=page.context.storage_state())
    screenshot(browser, f"{server['url']}/en/library/circles/", "circle-plans", page.context.storage_state())
    print_url = circle_url.rstrip("/") + "/print/"
    for label, width in {"phone": 390, "desktop": 1280}.items():
        context = browser.new_context(
            viewport={"width": width, "height": 900}, storage_state=page.context.storage_state()
        )
        sheet = context.new_page()
        sheet.goto(print_url)
        sheet.emulate_media(media="print")
        sheet.screenshot(path=str(SCREENSHOTS / f"circle-print-{label}.png"), full_page=True)
        sheet.pdf(path=str(SCREENSHOTS / f"circle-print-{label}.pdf"), format="A4", print_background=True)
        context.close()


def test_facilitator_files_a_field_report_after_the_meeting(page, server):
    """After running the meeting, a report from the plan's activity: how long
    it took, the group, how it went. Needs the `reports` app (issue 13's field
    reports): the activity page's quick form."""
    sign_in(page, server, "sam")
    plan_first_meeting(page, server)
    page.get_by_role("link", name="Run sheet to print").click()
    activity = page.locator(".run-sheet-activity h2").first.inner_text()
    page.go_back()
    page.locator("ol.plan-agenda .agenda-title a").first.click()
    # The quick report form beside the activity (reports: URL name reports:file;
    # fields met_on, minutes, people, setting, language, outcome, note).
    reports = page.locator("#field-reports")
    reports.locator("summary", has_text="I ran it: report how it went").click()
    reports.get_by_label("How long it took (minutes)").fill("14")
    reports.get_by_label("People in the group").fill("8")
    reports.get_by_label("It went well").check()
    reports.get_by_role("button", name="Send report").click()
    expect(page.locator(".messages")).to_contain_text("your report on")
    expect(page.locator("#field-reports")).to_contain_text("Used in")
    expect(page.locator("#field-reports")).to_contain_text("Change your report")
    assert activity


def test_the_demo_facilitator_finds_her_circle_planned(page, server, browser):
    """On a fresh demo site, Fatima's six-week circle is there, printable."""
    sign_in(page, server, "facilitator")
    page.goto(f"{server['url']}/en/library/circles/")
    page.get_by_role("link", name="Public speaking, spring").click()
    expect(page.locator("section.circle-week")).to_have_count(6)
    expect(page.locator("#week-1")).to_contain_text("Group introductions")
    expect(page.locator("#week-6")).to_contain_text("Next-step commitment")
    expect(page.get_by_label("Read-only link for a co-facilitator or a substitute")).to_have_value(
        re.compile(r"/en/library/circles/shared/[\w-]{20,}/$")
    )
    assert axe_violations(page) == [], format_violations(axe_violations(page))
    page.get_by_role("link", name="The whole circle to print").click()
    # The overview, then each week starting a page of its own (and fitting on one, as a rule).
    pages = pdf_pages(page)
    assert 7 <= pages <= 8, pages
    state = page.context.storage_state()
    screenshot(browser, page.url, "demo-circle-print", storage_state=state)
