"""The activity library: a visitor narrows it down with the filter form (no
script involved), and a new member's activity goes through review in the
Wagtail admin and into the library."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import latest_mail, sign_up, unique

pytestmark = pytest.mark.e2e


def result_count(page):
    status = page.locator("#results-heading")
    expect(status).to_have_text(re.compile(r"^\d+ activit"))
    return int(status.inner_text().split()[0])


def option_count(checkbox):
    """The number a filter option promises, read from its label: "Check-in (13)"."""
    label = checkbox.evaluate("box => box.labels[0].textContent")
    return int(re.search(r"\((\d+)\)\s*$", label).group(1))


def test_visitor_filters_the_library_and_opens_an_activity(page, server):
    page.goto(f"{server['url']}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Activity library").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activity library")
    everything = result_count(page)
    filters = page.get_by_role("search", name="Filter activities")

    # Phase: the option's count says how many activities ticking it gives.
    check_in = filters.get_by_role("group", name="Meeting phase").get_by_role(
        "checkbox", name=re.compile(r"^Check-in \(")
    )
    promised = option_count(check_in)
    assert 0 < promised < everything
    check_in.check()
    # With script, the results follow at once and the count is said politely.
    expect(page.locator("#library-status[aria-live=polite]")).to_have_text(f"{promised} activities")
    filters.get_by_role("button", name=re.compile(r"^Show \d+ activit")).click()
    expect(page).to_have_url(re.compile(r"\?.*phase=check-in"))
    assert result_count(page) == promised
    expect(page.get_by_role("link", name="Remove filter: Check-in")).to_be_visible()

    # Duration: activities that typically take at most 15 minutes (the demo's
    # field reports make some check-ins longer than their listed middle).
    filters.get_by_label("Fits in (minutes)").fill("15")
    filters.get_by_role("button", name=re.compile(r"^Show \d+ activit")).click()
    expect(page).to_have_url(re.compile(r"fits=15"))
    short_check_ins = result_count(page)
    assert 0 < short_check_ins < promised
    expect(filters.get_by_role("checkbox", name=re.compile(r"^Check-in \("))).to_be_checked()
    expect(filters.get_by_label("Fits in (minutes)")).to_have_value("15")

    # Tag: narrows further; its count says what remains.
    first_meeting = filters.get_by_role("group", name=re.compile(r"^Tags")).get_by_role(
        "checkbox", name=re.compile(r"^first meeting \(")
    )
    remaining = option_count(first_meeting)
    assert 0 < remaining <= short_check_ins
    first_meeting.check()
    filters.get_by_role("button", name=re.compile(r"^Show \d+ activit")).click()
    expect(page).to_have_url(re.compile(r"tag=first-meeting"))
    assert result_count(page) == remaining
    cards = page.locator(".library-results article.activity-card")
    expect(cards).to_have_count(remaining)
    for index in range(remaining):
        expect(cards.nth(index).get_by_role("list", name="Meeting phases")).to_contain_text("Check-in")

    # Removing one filter (a plain link) brings its results back.
    page.get_by_role("link", name="Remove filter: #first meeting").click()
    assert result_count(page) == short_check_ins
    page.go_back()
    assert result_count(page) == remaining

    # Open one: it is what the filters promised.
    first = cards.first.get_by_role("heading", level=3).get_by_role("link")
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    facts = page.locator("dl.activity-facts")
    expect(facts).to_contain_text("Check-in")
    shortest = int(re.search(r"Time\s*(\d+)", facts.inner_text()).group(1))
    assert shortest <= 15
    expect(page.get_by_role("list", name="Tags").get_by_role("link", name="#first meeting")).to_be_visible()
    expect(page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")).to_have_text(
        "Activity library"
    )


def fill_submission(page, title):
    form = page.locator("form.submission-form")
    form.get_by_label("Name of the activity").fill(title)
    form.get_by_label("Summary").fill("Pairs retell what they read this week to each other without notes.")
    form.get_by_label("What it makes possible").fill(
        "Saying it aloud shows each learner what they really understood, and what to look at again."
    )
    form.get_by_role("group", name="Meeting phases").get_by_label("Learning activity").check()
    form.get_by_role("group", name="Meeting phases").get_by_label("Reflection").check()
    form.get_by_label("Shortest run (minutes)").fill("8")
    form.get_by_label("Longest run (minutes)").fill("12")
    form.get_by_label("Smallest group").fill("2")
    form.get_by_label("Largest group").fill("16")
    form.get_by_role("group", name="How people work").get_by_label("Pairs").check()
    where = form.get_by_role("group", name="Where it works")
    expect(where.get_by_label("In person")).to_be_checked()
    where.get_by_label("Online").check()
    form.get_by_role("group", name="Works without").get_by_label("No projector").check()
    form.get_by_label("Materials and preparation").fill("A timer.")
    step_minutes = form.get_by_label(re.compile(r"^Minutes"))
    form.get_by_label("Step 1", exact=True).fill("Pair people up with someone they have not worked with yet.")
    step_minutes.nth(0).fill("1")
    form.get_by_label("Step 2", exact=True).fill("Each person retells the week's reading for three minutes.")
    step_minutes.nth(1).fill("6")
    form.get_by_label("Facilitation tips").fill("Ask listeners to note one thing they would add.")
    form.get_by_label("Tags").fill("recall, pairs")
    form.get_by_label("Credit").fill("Adapted from a study-group habit")


def test_member_submits_an_activity_that_an_editor_approves(page, person, server):
    username = unique("e2e-author")
    title = f"Retell in pairs {username[-6:]}"
    email = sign_up(page, server, username, "Ana Author")
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Ana Author")

    # From the library to the submission form.
    page.goto(f"{server['url']}/en/activities/")
    page.get_by_role("link", name="Share an activity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share an activity")

    # A form sent with nothing in it explains what is missing.
    page.get_by_role("button", name="Send for review").click()
    errors = page.get_by_role("alert")
    expect(errors.get_by_role("heading", name="Please check the form")).to_be_visible()
    expect(
        errors.get_by_role("link", name="Meeting phases: Choose at least one meeting phase.")
    ).to_be_visible()

    fill_submission(page, title)
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview: this is how the activity page will look")
    expect(preview.get_by_role("heading", level=2, name=title)).to_be_visible()
    expect(preview).to_contain_text("8–12 min")
    expect(preview).to_contain_text("Pair people up with someone they have not worked with yet.")
    expect(page.get_by_label("Name of the activity")).to_have_value(title)
    page.get_by_role("button", name="Send for review").click()

    # My activities: in review.
    expect(page.get_by_role("heading", level=1)).to_have_text("My activities")
    expect(page.get_by_text(f"“{title}” has been sent to the editors for review")).to_be_visible()
    mine = page.locator("li.submission").filter(has=page.get_by_role("heading", name=title))
    expect(mine.locator(".status-badge")).to_have_text("In review")

    # Not in the library yet.
    visitor = person()
    visitor.goto(f"{server['url']}/en/activities/?q={username[-6:]}")
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)

    # The editor approves it from the dashboard's "Awaiting your review" panel.
    editor = person("editor")
    editor.goto(f"{server['url']}/admin/")
    review = editor.locator("#awaiting-review-content")
    row = review.get_by_role("row").filter(has_text=title)
    expect(row).to_have_count(1)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(review.get_by_role("row").filter(has_text=title)).to_have_count(0)

    # It is in the library for visitors (the anonymous page cache moved on).
    visitor.goto(f"{server['url']}/en/activities/")
    newest = visitor.locator(".library-results article.activity-card").first
    expect(newest.get_by_role("link", name=title)).to_be_visible()
    newest.get_by_role("link", name=title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.locator("ol.activity-steps li")).to_have_count(2)
    expect(visitor.get_by_role("list", name="Tags")).to_contain_text("#recall")
    activity_url = visitor.url
    assert re.search(r"/en/activities/retell-in-pairs-[a-z0-9]+/$", activity_url)

    # The author is told, and My activities says it is published.
    mail = latest_mail(server, email)
    assert "is now published in the activity library" in mail
    assert activity_url.removeprefix(server["url"]) in mail
    page.reload()
    mine = page.locator("li.submission").filter(has=page.get_by_role("heading", name=title))
    expect(mine.locator(".status-badge")).to_have_text("Published")
    expect(mine.get_by_role("link", name=title)).to_have_attribute(
        "href", activity_url.removeprefix(server["url"])
    )
