import pytest
from wagtail.models import WorkflowPage
from wagtail_localize.models import Translation

from activities.facets import PHASE
from activities.models import ActivityIndexPage, ActivityPage

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("path", ["/es/actividades/", "/fr/activites/"])
def test_translated_libraries_are_never_empty(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content.decode().count('class="activity-card"') > 0
