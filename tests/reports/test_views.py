"""Filing, editing and hiding field reports from the site, and what the
activity page shows of them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from reports.models import FieldReport
from tests.factories.core import UserFactory
from tests.factories.reports import FieldReportFactory

pytestmark = pytest.mark.django_db

# The stable interface other code (the planner, the e2e journey) posts to.
FORM = {"minutes": "14", "people": "7", "setting": "online", "language": "es", "outcome": "3", "note": ""}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def file_url(activity):
    return reverse("reports:file", kwargs={"page_id": activity.pk})


def today():
    return timezone.localdate().isoformat()


def test_a_member_files_a_report_and_returns_to_the_activity(client, member, activity):
    client.force_login(member)
    response = client.post(file_url(activity), {**FORM, "met_on": today(), "next": activity.url})
    assert response.status_code == 302 and response["Location"] == activity.url
    report = FieldReport.objects.get()
    assert (report.author, report.activity, report.minutes, report.people) == (member, activity, 14, 7)
    assert (report.setting, report.language, report.outcome) == ("online", "es", 3)


def test_filing_needs_a_signed_in_member(client, activity):
    response = client.post(file_url(activity), {**FORM, "met_on": today()})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not FieldReport.objects.exists()


def test_a_second_report_for_the_same_day_gets_a_clear_message_and_keeps_what_was_typed(
    client, member, activity
):
    FieldReportFactory(activity=activity, author=member)
    client.force_login(member)
    response = client.post(file_url(activity), {**FORM, "met_on": today(), "note": "Again"})
    assert response.status_code == 200
    page = soup(response)
    assert "already reported this activity for that day" in page.find(id="form-errors").text
    assert page.find("textarea", attrs={"name": "note"}).text.strip() == "Again"
    assert FieldReport.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("minutes", "0"),
        ("minutes", "241"),
        ("people", ""),
        ("outcome", "9"),
        ("setting", "moon"),
        ("note", "x" * 501),
    ],
)
def test_bad_input_is_refused_with_a_message_on_the_form(client, member, activity, field, value):
    client.force_login(member)
    response = client.post(file_url(activity), {**FORM, "met_on": today(), field: value})
    assert response.status_code == 200
    assert soup(response).find(id="form-errors") is not None
    assert not FieldReport.objects.exists()


def test_a_future_day_is_refused(client, member, activity):
    client.force_login(member)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(file_url(activity), {**FORM, "met_on": tomorrow})
    assert "cannot be in the future" in soup(response).find(id="form-errors").text


def test_the_next_address_must_be_on_this_site(client, member, activity):
    client.force_login(member)
    response = client.post(file_url(activity), {**FORM, "met_on": today(), "next": "https://evil.example/"})
    assert response["Location"] == activity.url


def test_only_live_activities_take_reports(client, member, library):
    from tests.factories.activities import ActivityPageFactory

    draft = ActivityPageFactory(parent=library, live=False)
    client.force_login(member)
    assert client.get(file_url(draft)).status_code == 404


def test_the_author_edits_their_report_and_nobody_else_can(client, member, activity):
    report = FieldReportFactory(activity=activity, author=member, minutes=10)
    url = reverse("reports:edit", kwargs={"report_id": report.pk})
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url, {**FORM, "met_on": today()}).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200
    response = client.post(url, {**FORM, "met_on": today(), "minutes": "22"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.minutes == 22


def test_moderators_hide_a_report_and_members_cannot(client, member, moderator, activity):
    report = FieldReportFactory(activity=activity, note="Buy my course")
    url = reverse("reports:hide", kwargs={"report_id": report.pk})
    client.force_login(member)
    assert client.post(url).status_code == 403
    client.force_login(moderator)
    assert client.get(url).status_code == 405
    assert client.post(url, {"next": activity.url}).status_code == 302
    report.refresh_from_db()
    assert report.hidden
    client.post(url, {"hidden": "0"})
    report.refresh_from_db()
    assert not report.hidden


def test_the_activity_page_shows_what_the_reports_say(client, activity):
    FieldReportFactory(activity=activity, minutes=12, people=5, note="Short and sweet.")
    FieldReportFactory(activity=activity, minutes=18, people=9, note="Buy my course", hidden=True)
    FieldReportFactory(activity=activity, minutes=18, people=9)
    section = soup(client.get(activity.url)).find(id="field-reports")
    assert "Used in 2 meetings; took 12 to 18 minutes with 5 to 9 people." in section.text
    assert "Short and sweet." in section.text and "Buy my course" not in section.text
    # A visitor is asked to sign in; no form, no hide buttons.
    assert section.find("form") is None
    assert "/accounts/login/" in section.find("a")["href"]


def test_a_member_sees_the_quick_form_with_the_stable_field_names(client, member, activity):
    client.force_login(member)
    form = soup(client.get(activity.url)).find("form", class_="field-report-form")
    assert form["action"] == file_url(activity)
    names = {field["name"] for field in form.find_all(["input", "select", "textarea"])}
    assert {"met_on", "minutes", "people", "setting", "language", "outcome", "note", "next"} <= names


def test_the_quick_form_rendered_once_carries_each_members_own_token_and_works(
    member, other_member, activity
):
    """The empty quick form is a shared fragment: the second member gets the
    first one's rendering with their own CSRF token, which the site accepts."""
    from django.test import Client

    tokens = {}
    for user in (member, other_member):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        browser.get(activity.url)  # a fresh site's first visit moves the generations on
        form = soup(browser.get(activity.url)).find("form", class_="field-report-form")
        tokens[user.pk] = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
        assert form.find("input", attrs={"name": "met_on"})["value"] == today()
    assert tokens[member.pk] != tokens[other_member.pk]
    data = {**FORM, "met_on": today(), "next": activity.url, "csrfmiddlewaretoken": tokens[other_member.pk]}
    response = browser.post(file_url(activity), data)
    assert response.status_code == 302
    assert FieldReport.objects.get().author == other_member


def test_a_member_who_reported_today_gets_a_link_to_change_it(client, member, activity):
    report = FieldReportFactory(activity=activity, author=member)
    client.force_login(member)
    section = soup(client.get(activity.url)).find(id="field-reports")
    assert section.find("form", class_="field-report-form") is None
    assert section.find("a", href=reverse("reports:edit", kwargs={"report_id": report.pk}))


def test_moderators_see_hide_buttons(client, moderator, activity):
    report = FieldReportFactory(activity=activity, note="A note.")
    client.force_login(moderator)
    section = soup(client.get(activity.url)).find(id="field-reports")
    assert section.find("form", action=reverse("reports:hide", kwargs={"report_id": report.pk}))


def test_filing_a_report_refreshes_the_cached_activity_page(
    client, activity, django_capture_on_commit_callbacks
):
    """The page is cached for visitors; a report bumps the content generation."""
    with override_settings(PAGE_CACHE_SECONDS=60):
        client.get(activity.url)  # the first page shown makes the site chrome's settings
        assert client.get(activity.url)["X-Page-Cache"] == "miss"
        assert client.get(activity.url)["X-Page-Cache"] == "hit"
        with django_capture_on_commit_callbacks(execute=True):
            FieldReportFactory(activity=activity)
        response = client.get(activity.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Used in 1 meeting" in response.content.decode()


def test_the_library_sorts_by_most_used(client, library, activity):
    from tests.factories.activities import ActivityPageFactory

    other = ActivityPageFactory(parent=library, title="Aardvark round")
    FieldReportFactory(activity=activity)
    FieldReportFactory(activity=activity)
    FieldReportFactory(activity=other, hidden=True)
    FieldReportFactory(activity=other, hidden=True)
    FieldReportFactory(activity=other, hidden=True)
    page = soup(client.get(library.url + "?sort=used"))
    titles = [heading.text.strip() for heading in page.select(".activity-grid h3")]
    assert titles == ["Plus/delta", "Aardvark round"]
    assert page.select_one(".sort-links a[aria-current]").text == "Most used"


def test_the_planner_and_run_sheet_link_to_filing_a_report(client, activity):
    query = f"?budget=90&kind=learning&activity={activity.pk}&minutes=&note="
    for name in ("activities:planner", "activities:planner_run_sheet"):
        page = soup(client.get(reverse(name) + query))
        assert page.find("a", href=lambda href: href and href.startswith(file_url(activity))), name


def test_the_admin_lists_reports_and_hides_one(client, activity):
    from tests.factories.core import AdminFactory

    report = FieldReportFactory(activity=activity, note="Spam")
    client.force_login(AdminFactory())
    listing = client.get(reverse("wagtailsnippets_reports_fieldreport:list"))
    assert listing.status_code == 200 and activity.title in listing.content.decode()
    edit_url = reverse("wagtailsnippets_reports_fieldreport:edit", args=[report.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, {"hidden": "on"})
    assert response.status_code == 302, response.content.decode()[:500]
    report.refresh_from_db()
    assert report.hidden and report.note == "Spam" and report.minutes == 12
