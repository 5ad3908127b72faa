"""The activity library's demo (activities/demo_data) loads, is complete,
and loading it again changes nothing."""

import io

import pytest
from wagtail.models import Revision, WorkflowPage, WorkflowState
from wagtail_localize.models import Translation

from activities import demo
from activities.facets import PHASE
from activities.models import ActivityIndexPage, ActivityPage, CirclePlan, CircleWeek
from core import demo_data
from tests.factories.activities import whole_demo

# In one worker, which seeds the demo once for all of them (whole_demo).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("whole-demo")]


@pytest.fixture(scope="module", autouse=True)
def site_skeleton():
    """No skeleton of the conftest's: the demo makes its own home pages."""


@pytest.fixture(scope="module", autouse=True)
def homes(django_db_setup, django_db_blocker):
    with whole_demo(django_db_blocker) as homes:
        yield homes


def test_every_data_file_is_a_page_and_every_translation_a_translated_page():
    documents = demo_data.load(demo.DATA / "activities")
    english = ActivityPage.objects.filter(locale__language_code="en")
    for document in documents:
        page = english.get(slug=document["slug"])
        assert page.title == document["title"] and page.live
        for code, translation in document.translations.items():
            translated = ActivityPage.objects.get(
                translation_key=page.translation_key, locale__language_code=code
            )
            assert (translated.slug, translated.title) == (translation["slug"], translation["title"])
    assert english.live().count() == len(documents)


def test_demo_library_covers_every_phase():
    english = ActivityPage.objects.live().filter(locale__language_code="en")
    assert english.count() >= 30
    for option in PHASE.options:
        assert english.filter(**{option.field: True}).count() >= 4, option.value
    assert english.filter(submitted_by__isnull=False).count() >= 4
    assert english.filter(derived_from__isnull=False).exists()
    assert all(page.tags.exists() for page in english)
    for page in english:
        page.full_clean()  # every demo activity keeps the model's rules


def test_demo_translations_are_wagtail_localize_translations():
    spanish = ActivityPage.objects.live().filter(locale__language_code="es")
    assert spanish.count() >= 5
    for page in spanish.filter(submitted_by__isnull=True):
        source = ActivityPage.objects.get(translation_key=page.translation_key, locale__language_code="en")
        assert Translation.objects.filter(
            source__object_id=source.translation_key, target_locale=page.locale
        ).exists()
        assert page.title != source.title
        assert sorted(page.tags.names()) == sorted(source.tags.names())


def test_every_library_uses_the_activity_review_workflow():
    libraries = ActivityIndexPage.objects.all()
    assert set(libraries.values_list("locale__language_code", flat=True)) == {"en", "es", "fr"}
    for library in libraries:
        assert WorkflowPage.objects.get(page=library).workflow.name == "Activity review"


def state_of(page):
    return WorkflowState.objects.filter(base_content_type__model="page", object_id=str(page.pk)).get()


def test_demo_submissions_wait_in_review(django_user_model):
    facilitator = django_user_model.objects.get(username="facilitator")
    sam = django_user_model.objects.get(username="sam")
    waiting = ActivityPage.objects.get(slug="silent-gallery-walk")
    assert waiting.submitted_by == facilitator and not waiting.live
    assert state_of(waiting).status == WorkflowState.STATUS_IN_PROGRESS
    sent_back = ActivityPage.objects.get(slug="question-auction")
    assert sent_back.submitted_by == sam
    assert state_of(sent_back).status == WorkflowState.STATUS_NEEDS_CHANGES
    assert "friendly" in state_of(sent_back).current_task_state.comment
    spanish = ActivityPage.objects.get(slug="estacionamiento-de-preguntas")
    assert spanish.locale.language_code == "es" and not spanish.live
    assert state_of(spanish).status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("path", ["/es/actividades/", "/fr/activites/"])
def test_translated_libraries_are_never_empty(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content.decode().count('class="activity-card"') > 0


def test_demo_is_idempotent(homes):
    def counts():
        return (
            ActivityPage.objects.count(),
            Revision.objects.count(),
            Translation.objects.count(),
            WorkflowState.objects.count(),
            sorted(ActivityPage.objects.values_list("slug", "first_published_at")),
            sorted(CircleWeek.objects.values_list("circle__name", "number", "query")),
        )

    before = counts()
    output = io.StringIO()
    demo.seed(homes["en"], stdout=output)
    assert counts() == before
    assert "0 new" in output.getvalue()
    assert "2 in review, 1 sent back" in output.getvalue()


def test_the_demo_facilitator_has_a_whole_circle_planned(client):
    """A six-week circle: a first meeting, four weeks between and a last
    meeting, no activity twice, every activity suiting its meeting and every
    week within its time; shared, so its link opens for anyone."""
    circle = CirclePlan.objects.get(owner__username="facilitator")
    weeks = list(circle.weeks.all())
    assert [week.meeting for week in weeks] == ["first", "middle", "middle", "middle", "middle", "last"]
    assert circle.repeats() == {}
    pages = ActivityPage.objects.in_bulk([pk for week in weeks for pk in week.activity_ids()])
    for week in weeks:
        for pk in week.activity_ids():
            assert getattr(pages[pk], f"meeting_{week.meeting}"), (week.number, pages[pk].slug)
    response = client.get(f"/en/library/circles/shared/{circle.share_token}/")
    assert response.status_code == 200
    assert "Over by" not in response.content.decode()
    assert response.content.decode().count('class="circle-week"') == 6
