"""axe-core on every key page (no serious or critical violation), and
full-page screenshots of each at phone and desktop widths in
artifacts/screenshots/ for people to look at. Home, sign-in, sign-up and search
are in test_site.py."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, format_violations, new_context, screenshot, sign_in

pytestmark = pytest.mark.e2e

THREAD = "What is a learning circle to you?"

# (screenshot name, path, who is signed in, the link to follow from that path)
PAGES = [
    ("guide-index", "/en/guides/", None, None),
    ("guide", "/en/guides/what-is-a-learning-circle/", None, None),
    ("guide-es", "/es/guias/que-es-un-circulo-de-aprendizaje/", None, None),
    ("guide-chapter", "/en/guides/meeting-structure/running-a-check-in/", None, None),
    ("activity-list", "/en/activities/", None, None),
    ("activity-list-filtered", "/en/activities/?phase=check-in&fits=10&tag=first-meeting", None, None),
    ("activity", "/en/activities/hopes-and-fears/", None, None),
    ("planner-empty", "/en/library/planner/", None, None),
    ("planner", "/en/library/planner/?budget=90&people=8&suggest=1", None, None),
    ("forum-index", "/en/forum/", None, None),
    ("forum-latest", "/en/forum/latest/", None, None),
    ("thread", "/en/forum/latest/", None, THREAD),
    ("submission-form", "/en/library/submit/", "facilitator", None),
    ("my-activities", "/en/library/mine/", "facilitator", None),
    ("planner-member", "/en/library/planner/?budget=90&suggest=1", "facilitator", None),
    ("activity-reports-member", "/en/activities/plus-delta/", "sam", None),
    ("report-form", "/en/activities/plus-delta/", "sam", "Change your report"),
    ("activity-reports-moderator", "/en/activities/plus-delta/", "moderator", None),
    ("thread-member", "/en/forum/latest/", "sam", THREAD),
    ("new-thread", "/en/forum/new/", "sam", None),
    ("notifications", "/en/forum/notifications/", "sam", None),
    ("forum-settings", "/en/forum/settings/", "sam", None),
    ("moderation-queue", "/en/forum/moderation/", "moderator", None),
    ("thread-moderator", "/en/forum/latest/", "moderator", THREAD),
]


@pytest.fixture(scope="module")
def storage_states(browser, server):
    """Each demo member signs in once for this module; their pages reuse the cookies."""
    states = {}

    def state_of(username):
        if username not in states:
            context = new_context(browser)
            sign_in(context.new_page(), server, username)
            states[username] = context.storage_state()
            context.close()
        return states[username]

    return state_of


@pytest.mark.parametrize("name, path, username, link", PAGES, ids=[page[0] for page in PAGES])
def test_key_page_is_accessible_and_screenshotted(
    browser, server, storage_states, name, path, username, link
):
    state = storage_states(username) if username else None
    context = browser.new_context(viewport={"width": 1280, "height": 900}, storage_state=state)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        response = page.goto(f"{server['url']}{path}")
        assert response.ok, f"{path} answered {response.status}"
        if link:
            page.get_by_role("link", name=link, exact=True).first.click()
            expect(page.get_by_role("heading", level=1)).to_have_text(link)
        if username:
            expect(page.get_by_role("navigation", name="Your account")).not_to_contain_text("Sign in")
        violations = axe_violations(page)
        assert violations == [], format_violations(violations)
        screenshot(browser, page.url, name, storage_state=state)
    finally:
        context.close()


def test_submission_form_with_errors_is_accessible(browser, server, storage_states):
    """The form sent back with mistakes: an error summary linked to each field."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, storage_state=storage_states("lucia")
    )
    try:
        page = context.new_page()
        page.goto(f"{server['url']}/en/library/submit/")
        page.get_by_label("Name of the activity").fill("Half a form")
        page.get_by_label("Shortest run (minutes)").fill("20")
        page.get_by_label("Longest run (minutes)").fill("5")
        page.get_by_role("button", name="Preview").click()
        summary = page.get_by_role("alert")
        expect(summary.get_by_role("heading", name="Please check the form")).to_be_visible()
        expect(summary).to_contain_text("The longest duration cannot be shorter than the shortest one.")
        expect(page.get_by_label("Name of the activity")).to_have_value("Half a form")
        # Each message in the summary leads to its field.
        summary.get_by_role("link", name="Summary: This field is required.").click()
        expect(page).to_have_url(re.compile(r"#id_summary$"))
        expect(page.get_by_label("Summary", exact=True)).to_be_in_viewport()
        violations = axe_violations(page)
        assert violations == [], format_violations(violations)
    finally:
        context.close()
