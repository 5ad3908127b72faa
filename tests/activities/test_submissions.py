"""Members submit activities from the site; editors review them in Wagtail."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from activities import submissions
from activities.models import ActivityPage
from core.translation import translate
from core.urls import absolute_url
from tests.factories.core import UserFactory

# Every page here needs the site's library (tests/activities/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]

SUBMIT = "/en/library/submit/"
MINE = "/en/library/mine/"


def form_data(**overrides):
    data = {
        "title": "Silent brainstorm",
        "summary": "Everyone writes ideas on their own before anyone speaks.",
        "purpose": "Quiet people get their ideas in before the loudest voice sets the direction.",
        "phases": ["learning"],
        "duration_min": "10",
        "duration_max": "15",
        "group_min": "3",
        "group_max": "",
        "groupings": ["solo", "whole-group"],
        "settings": ["in-person", "online"],
        "meetings": ["first", "middle", "last"],
        "lowtech": ["no-projector"],
        "materials": "Sticky notes and pens.",
        "tips": "Keep the silence strict for the first five minutes.",
        "variations": "",
        "tags": " Brainstorm, quiet groups,brainstorm ",
        "credit": "",
        "source_url": "",
        "licence": "cc-by-sa-4.0",
        "derived_from": "",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "12",
        "steps-0-text": "Write one idea per note, alone.",
        "steps-0-minutes": "5",
        "steps-1-text": "Stick the notes up and group them.",
        "steps-1-minutes": "",
        "steps-2-text": "",
        "steps-2-minutes": "",
        "action": "submit",
    }
    data.update(overrides)
    return data


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def submission_of(user):
    return ActivityPage.objects.get(submitted_by=user)


def state_of(page):
    return (
        WorkflowState.objects.filter(base_content_type__model="page", object_id=str(page.pk))
        .order_by("-pk")
        .first()
    )


def textarea(page, name):
    # Browsers drop the newline Django writes after <textarea>.
    return page.select_one(f'[name="{name}"]').get_text().removeprefix("\n")


def latest(page):
    """The newest revision of `page`, read afresh from the database."""
    return ActivityPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def admin_action(client, page, action, comment=""):
    task_state = state_of(page).current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", SUBMIT),
        ("post", SUBMIT),
        ("get", MINE),
        ("get", "/en/library/mine/1/"),
        ("get", "/en/library/mine/1/edit/"),
        ("get", "/en/library/planner/saved/"),
        ("post", "/en/library/planner/save/"),
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_the_form_is_accessible_and_empty_safe(client, member):
    client.force_login(member)
    response = client.get(SUBMIT)
    assert response.status_code == 200
    page = soup(response)
    for name in [
        "title",
        "summary",
        "purpose",
        "duration_min",
        "duration_max",
        "group_min",
        "group_max",
        "tags",
        "licence",
    ]:
        field = page.select_one(f'[name="{name}"]')
        assert field is not None, name
        assert page.select_one(f'label[for="{field["id"]}"]') is not None, name
    assert page.select_one("fieldset#id_phases legend") is not None
    assert page.select_one('select[name="licence"] option[selected]')["value"] == "cc-by-sa-4.0"
    assert len(page.select("textarea[name^=steps-][name$=-text]")) >= 4


def test_full_flow_submit_review_approve_publish_and_email(client, member, editor, library):
    client.force_login(member)
    response = client.post(SUBMIT, form_data())
    assert response.status_code == 302 and response["Location"] == MINE

    page = submission_of(member)
    assert page.get_parent().specific == library
    assert not page.live and page.owner == member
    draft = page.get_latest_revision_as_object()
    assert sorted(draft.tags.names()) == ["brainstorm", "quiet groups"]
    assert [step.value["text"] for step in draft.steps] == [
        "Write one idea per note, alone.",
        "Stick the notes up and group them.",
    ]
    assert draft.setting_online and draft.grouping_solo and draft.no_projector and not draft.no_internet

    state = state_of(page)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Activity review"
    assert state.current_task_state.task.name == "Site editors review"
    assert editor.email in [address for message in mail.outbox for address in message.to]

    mine = soup(client.get(MINE))
    assert "In review" in mine.select_one(".submission").get_text()

    # The editor sees it waiting in the admin and approves it there.
    client.force_login(editor)
    dashboard = client.get("/admin/")
    assert "Silent brainstorm" in dashboard.content.decode()
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200
    mail.outbox.clear()
    admin_action(client, page, "approve", comment="Lovely, thank you.")

    page.refresh_from_db()
    assert page.live
    assert state_of(page).status == WorkflowState.STATUS_APPROVED
    to_member = [message for message in mail.outbox if member.email in message.to]
    assert len(to_member) == 1  # ours only, not Wagtail's admin notice as well
    assert "Silent brainstorm" in to_member[0].subject and "published" in to_member[0].subject
    assert absolute_url(page.url) in to_member[0].body
    assert "Lovely, thank you." in to_member[0].body

    client.force_login(member)
    assert client.get(page.url).status_code == 200
    assert "Published" in soup(client.get(MINE)).select_one(".status-badge").get_text()


def test_request_changes_then_resubmit(client, member, editor):
    client.force_login(member)
    client.post(SUBMIT, form_data())
    page = submission_of(member)

    client.force_login(editor)
    mail.outbox.clear()
    admin_action(client, page, "reject", comment="Please add a tip about timing.")
    assert state_of(page).status == WorkflowState.STATUS_NEEDS_CHANGES
    to_member = [message for message in mail.outbox if member.email in message.to]
    assert len(to_member) == 1
    assert "Changes requested" in to_member[0].subject
    assert "Please add a tip about timing." in to_member[0].body
    assert f"/en/library/mine/{page.pk}/edit/" in to_member[0].body

    client.force_login(member)
    mine = soup(client.get(MINE))
    assert "Changes requested" in mine.get_text()
    assert "Please add a tip about timing." in mine.select_one(".review-note").get_text()

    edit_url = f"/en/library/mine/{page.pk}/edit/"
    form = soup(client.get(edit_url))
    assert form.select_one('[name="title"]')["value"] == "Silent brainstorm"
    assert "Please add a tip about timing." in form.select_one(".review-note").get_text()
    assert form.select_one('[name="tags"]')["value"] == "brainstorm, quiet groups"

    revised = form_data(tips="Use a visible timer for the silent part.", **{"steps-TOTAL_FORMS": "3"})
    response = client.post(edit_url, revised)
    assert response.status_code == 302
    state = state_of(page)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # the same workflow, resumed
    assert latest(page).tips == "Use a visible timer for the silent part."
    page.refresh_from_db()
    assert not page.live

    # Approving the resubmission publishes the revised text.
    client.force_login(editor)
    admin_action(client, page, "approve")
    page.refresh_from_db()
    assert page.live and page.tips == "Use a visible timer for the silent part."


def test_nobody_else_can_see_or_edit_a_submission(client, member, other_member):
    client.force_login(member)
    client.post(SUBMIT, form_data(action="save_draft"))
    page = submission_of(member)
    other = Client()
    other.force_login(other_member)
    assert other.get(f"/en/library/mine/{page.pk}/edit/").status_code == 404
    assert other.post(f"/en/library/mine/{page.pk}/edit/", form_data(title="Hijacked")).status_code == 404
    assert other.get(f"/en/library/mine/{page.pk}/").status_code == 404
    assert "Silent brainstorm" not in other.get(MINE).content.decode()
    assert latest(page).title == "Silent brainstorm"


def test_a_submission_in_review_cannot_be_changed_by_its_author(client, member):
    client.force_login(member)
    client.post(SUBMIT, form_data())
    page = submission_of(member)
    response = client.post(f"/en/library/mine/{page.pk}/edit/", form_data(title="Changed while in review"))
    assert response.status_code == 302 and response["Location"] == MINE
    assert latest(page).title == "Silent brainstorm"


def test_bad_input_keeps_what_the_member_typed(client, member):
    client.force_login(member)
    data = form_data(duration_min="20", duration_max="10", phases=[], group_min="8", group_max="4")
    response = client.post(SUBMIT, data)
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("#form-errors") is not None
    assert page.select_one('[name="title"]')["value"] == "Silent brainstorm"
    assert textarea(page, "summary") == data["summary"]
    assert textarea(page, "steps-0-text") == "Write one idea per note, alone."
    assert page.select_one('[name="tags"]')["value"] == data["tags"]
    assert page.select_one('input[name="settings"][value="online"]').has_attr("checked")
    errors = page.select_one("#form-errors").get_text()
    assert "Choose at least one meeting phase." in errors
    # Every problem is reported at once, including the model's own rules.
    assert page.select_one("#id_duration_max_error") is not None
    assert page.select_one("#id_group_max_error") is not None
    assert not ActivityPage.objects.filter(submitted_by=member).exists()
    # Model rules are reported on the fields the member can change.
    response = client.post(SUBMIT, form_data(duration_min="20", duration_max="10"))
    assert soup(response).select_one("#id_duration_max_error") is not None
    response = client.post(SUBMIT, form_data(group_min="8", group_max="4"))
    assert soup(response).select_one("#id_group_max_error") is not None


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"title": "x" * 121}, "title"),
        ({"summary": "x" * 281}, "summary"),
        ({"tags": ", ".join(f"t{number}" for number in range(9))}, "tags"),
        ({"tags": "a" * 31}, "tags"),
        ({"source_url": "not a link"}, "source_url"),
        ({"duration_min": "0"}, "duration_min"),
        ({"steps-0-text": "", "steps-1-text": ""}, None),
        ({"steps-0-minutes": "14", "steps-1-minutes": "5"}, None),
    ],
)
def test_limits_and_lengths(client, member, overrides, field):
    client.force_login(member)
    response = client.post(SUBMIT, form_data(**overrides))
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("#form-errors") is not None
    if field:
        assert page.select_one(f"#id_{field}_error") is not None
    assert not ActivityPage.objects.filter(submitted_by=member).exists()


def test_preview_shows_the_activity_without_saving(client, member):
    client.force_login(member)
    response = client.post(SUBMIT, form_data(action="preview"))
    assert response.status_code == 200
    page = soup(response)
    preview = page.select_one(".submission-preview")
    assert preview.select_one(".preview-title").get_text() == "Silent brainstorm"
    assert "Write one idea per note, alone." in preview.get_text()
    assert "#quiet groups" in preview.get_text()
    assert page.select_one('[name="title"]')["value"] == "Silent brainstorm"  # still editable
    assert not ActivityPage.objects.filter(submitted_by=member).exists()


def test_more_step_boxes_keeps_the_text_without_judging_it(client, member):
    client.force_login(member)
    response = client.post(SUBMIT, form_data(action="more_steps", duration_min="", title=""))
    page = soup(response)
    assert page.select_one("#form-errors") is None
    assert len(page.select("textarea[name$=-text]")) == 5  # two filled, three new
    assert textarea(page, "steps-1-text") == "Stick the notes up and group them."
    assert textarea(page, "summary") == form_data()["summary"]


def test_save_a_draft_then_send_it(client, member):
    client.force_login(member)
    client.post(SUBMIT, form_data(action="save_draft"))
    page = submission_of(member)
    assert state_of(page) is None
    assert "Draft" in soup(client.get(MINE)).select_one(".status-badge").get_text()
    client.post(
        f"/en/library/mine/{page.pk}/edit/", form_data(action="submit", title="Silent brainstorm, revised")
    )
    assert state_of(page).status == WorkflowState.STATUS_IN_PROGRESS
    assert latest(page).title == "Silent brainstorm, revised"
    detail = soup(client.get(f"/en/library/mine/{page.pk}/"))
    assert detail.select_one("h1").get_text() == "Silent brainstorm, revised"


def test_pending_submissions_are_limited(client, member, settings):
    settings.ACTIVITIES_MAX_PENDING_SUBMISSIONS = 2
    client.force_login(member)
    client.post(SUBMIT, form_data(title="First"))
    client.post(SUBMIT, form_data(title="Second", action="save_draft"))
    assert ActivityPage.objects.filter(submitted_by=member).count() == 2

    page = soup(client.get(SUBMIT))
    assert page.select_one(".notice-warning") is not None
    response = client.post(SUBMIT, form_data(title="Third"))
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one('[name="title"]')["value"] == "Third"
    assert ActivityPage.objects.filter(submitted_by=member).count() == 2
    # Revising an existing one is still allowed.
    first = ActivityPage.objects.get(submitted_by=member, title="First")
    second = ActivityPage.objects.get(submitted_by=member, title="Second")
    assert (
        client.post(f"/en/library/mine/{second.pk}/edit/", form_data(title="Second, better")).status_code
        == 302
    )
    assert first.pk != second.pk


def test_the_pending_limit_is_the_apps_unless_the_settings_override_it(settings):
    if hasattr(settings, "ACTIVITIES_MAX_PENDING_SUBMISSIONS"):
        del settings.ACTIVITIES_MAX_PENDING_SUBMISSIONS
    assert submissions.max_pending() == submissions.MAX_PENDING == 3
    settings.ACTIVITIES_MAX_PENDING_SUBMISSIONS = 5
    assert submissions.max_pending() == 5
    assert "5 activities" in submissions.limit_message()


def test_submissions_go_to_the_library_of_the_current_language(client, member, library):
    spanish_library = translate(library, "es", {"Test library": "Biblioteca de prueba"})
    client.force_login(member)
    response = client.post("/es/library/submit/", form_data(title="Lluvia de ideas en silencio"))
    assert response.status_code == 302
    page = submission_of(member)
    assert page.locale.language_code == "es"
    assert page.get_parent().specific == spanish_library
    assert state_of(page).workflow.name == "Activity review"


def test_editors_reviewing_a_published_activity_do_not_email_its_author(editor, make_activity):
    sam = UserFactory()
    page = make_activity("Talk about failure", submitted_by=sam, owner=sam)
    page.tips = "Share your own failure first."
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    mail.outbox.clear()
    state.current_task_state.specific.approve(user=editor)
    assert not [message for message in mail.outbox if sam.email in message.to]
    page.refresh_from_db()
    assert page.tips == "Share your own failure first."


def test_a_title_already_in_the_library_gets_the_next_address(client, member, make_activity):
    make_activity("Silent brainstorm", slug="silent-brainstorm")
    make_activity("Silent brainstorm, a draft", slug="silent-brainstorm-2", publish=False)
    client.force_login(member)
    assert client.post(SUBMIT, form_data()).status_code == 302
    assert submission_of(member).slug == "silent-brainstorm-3"


def test_an_address_taken_at_the_same_moment_is_retried(client, member, make_activity, monkeypatch):
    """Between choosing a free address and saving, another request took it:
    the next free one is chosen, no error page."""
    make_activity("Silent brainstorm", slug="silent-brainstorm")
    chosen = iter(["silent-brainstorm"])
    real = submissions.unique_slug
    monkeypatch.setattr(
        submissions, "unique_slug", lambda library, title: next(chosen, None) or real(library, title)
    )
    client.force_login(member)
    assert client.post(SUBMIT, form_data()).status_code == 302
    assert submission_of(member).slug == "silent-brainstorm-2"


def test_an_address_that_stays_taken_asks_the_member_to_send_again(
    client, member, make_activity, monkeypatch
):
    make_activity("Silent brainstorm", slug="silent-brainstorm")
    monkeypatch.setattr(submissions, "unique_slug", lambda library, title: "silent-brainstorm")
    client.force_login(member)
    response = client.post(SUBMIT, form_data())
    assert response.status_code == 200
    page = soup(response)
    assert "added at the same moment" in page.get_text()
    assert page.select_one('[name="title"]')["value"] == "Silent brainstorm"
    assert not ActivityPage.objects.filter(submitted_by=member).exists()


def test_members_say_which_meetings_of_a_circle_it_suits(client, member):
    client.force_login(member)
    assert [
        box.get("checked") is not None for box in soup(client.get(SUBMIT)).select('[name="meetings"]')
    ] == [
        True,
        True,
        True,
    ]
    response = client.post(SUBMIT, form_data(meetings=[]))
    assert response.status_code == 200
    assert "Choose at least one meeting it suits." in soup(response).select_one("#form-errors").get_text()
    assert client.post(SUBMIT, form_data(meetings=["first"])).status_code == 302
    page = latest(submission_of(member))
    assert (page.meeting_first, page.meeting_middle, page.meeting_last) == (True, False, False)
