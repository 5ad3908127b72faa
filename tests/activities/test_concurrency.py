"""Members' submissions under concurrency, on PostgreSQL: parallel requests,
each on its own database connection, cannot get past the pending limit, and
two activities with the same title sent at the same moment both land."""

import pytest
from django.test import Client

from activities import submissions
from activities.models import ActivityPage
from tests.concurrency import POSTGRES_ONLY, at_once
from tests.factories.activities import ActivityIndexPageFactory, in_service
from tests.factories.core import UserFactory, home_pages

from .test_submissions import SUBMIT, form_data

pytestmark = POSTGRES_ONLY


@pytest.fixture(scope="module")
def site_skeleton():
    """Not the module-wide skeleton in one rolled-back transaction: what
    these tests make must be committed for the other connections to see it."""


def race(count, send):
    """Run `send(number)` in `count` threads started together; every error
    they raised (a refusal included)."""
    _done, refused, errors = at_once(send, count)
    return refused + errors


@pytest.fixture
def live_library():
    homes = home_pages()
    return in_service(ActivityIndexPageFactory(parent=homes["en"], title="Test library"))


def test_parallel_drafts_cannot_pass_the_pending_limit(live_library):
    member = UserFactory()
    statuses = []

    def send(number):
        client = Client()
        client.force_login(member)
        response = client.post(SUBMIT, form_data(title=f"Draft {number}", action="save_draft"))
        statuses.append(response.status_code)

    assert race(12, send) == []
    assert ActivityPage.objects.filter(submitted_by=member).count() == submissions.max_pending()
    # The others were told why, on the form (200), not with an error page.
    assert sorted(statuses) == [200] * (12 - submissions.max_pending()) + [302] * submissions.max_pending()


def test_same_title_at_the_same_moment_both_land(live_library):
    members = [UserFactory() for _ in range(4)]
    statuses = []

    def send(number):
        client = Client()
        client.force_login(members[number])
        statuses.append(client.post(SUBMIT, form_data(title="Silent brainstorm")).status_code)

    assert race(len(members), send) == []
    assert statuses == [302] * len(members)
    slugs = sorted(ActivityPage.objects.filter(submitted_by__in=members).values_list("slug", flat=True))
    assert slugs == ["silent-brainstorm", "silent-brainstorm-2", "silent-brainstorm-3", "silent-brainstorm-4"]
