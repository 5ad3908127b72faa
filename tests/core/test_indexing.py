"""core.indexing.paused: a bulk load does not write Wagtail's indexes on every
save (seed_demo rebuilds them once at the end: tests/home/test_seed_demo.py)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry

from core import indexing
from guides.models import GuidePage
from tests.factories.activities import ActivityIndexPageFactory, ActivityPageFactory
from tests.factories.guides import GuideIndexPageFactory, GuidePageFactory

pytestmark = pytest.mark.django_db


def indexed(page):
    content_type = ContentType.objects.get_for_model(GuidePage)
    return IndexEntry.objects.filter(content_type=content_type, object_id=str(page.pk)).exists()


def referenced(page):
    return ReferenceIndex.get_references_for_object(page).exists()


def guide_with_a_card(index, activity, title):
    return GuidePageFactory(
        parent=index, title=title, body=[("activity", {"activity": activity, "note": ""})]
    )


def test_while_paused_saves_leave_wagtails_indexes_alone_and_after_they_write_them_again(home):
    index = GuideIndexPageFactory(parent=home)
    activity = ActivityPageFactory(parent=ActivityIndexPageFactory(parent=home))
    with indexing.paused():
        quiet = guide_with_a_card(index, activity, "Written during a bulk load")
    assert not indexed(quiet) and not referenced(quiet)
    loud = guide_with_a_card(index, activity, "Written afterwards")
    assert indexed(loud) and referenced(loud)
