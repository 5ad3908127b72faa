"""The meeting planner: arithmetic in activities.planner, and the pages."""

import random
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from activities import planner
from activities.models import ActivityPage, SavedPlan
from activities.planner import Candidate, Item, Plan, agenda, suggest, suitable, swap_options

PHASES = ["check-in", "energizer", "learning", "reflection", "closing"]
SETTINGS = ["in-person", "online", "hybrid"]


def candidate(pk, minutes, phases, longest=None, group=(1, None), settings=("in-person",)):
    return Candidate(
        id=pk,
        title=f"Activity {pk}",
        duration_min=minutes,
        duration_max=longest or minutes + 5,
        group_min=group[0],
        group_max=group[1],
        phases=frozenset(phases),
        settings=frozenset(settings),
    )


LIBRARY = [
    candidate(1, 5, ["check-in"]),
    candidate(2, 10, ["check-in"], group=(2, 8)),
    candidate(3, 15, ["check-in", "reflection"]),
    candidate(4, 10, ["learning"]),
    candidate(5, 20, ["learning"], settings=("online",)),
    candidate(6, 30, ["learning"]),
    candidate(7, 45, ["learning"], group=(10, None)),
    candidate(8, 5, ["energizer"]),
    candidate(9, 5, ["reflection"]),
    candidate(10, 10, ["closing"]),
]


def random_library(rng, size):
    return [
        candidate(
            pk,
            rng.randint(1, 60),
            rng.sample(PHASES, rng.randint(1, 3)),
            group=(rng.randint(1, 6), rng.choice([None, rng.randint(6, 30)])),
            settings=rng.sample(SETTINGS, rng.randint(1, 3)),
        )
        for pk in range(1, size + 1)
    ]


# Arithmetic --------------------------------------------------------------------


def test_totals_and_remaining_time():
    plan = Plan(
        budget=60,
        coursework=20,
        items=(Item("checkin", LIBRARY[0]), Item("learning", LIBRARY[3]), Item("reflection", LIBRARY[8])),
    )
    assert plan.total_min == 20 + 5 + 10 + 5
    assert plan.total_max == 20 + 10 + 15 + 10
    assert plan.remaining == 20
    assert not plan.over_budget and plan.over_by == 0
    bigger = plan.with_item(1, LIBRARY[6])
    assert bigger.total_min == 75 and bigger.over_budget and bigger.over_by == 15
    assert bigger.without_item(1).total_min == 30


def test_agenda_times_run_in_meeting_order():
    plan = Plan(
        budget=90,
        coursework=30,
        items=(
            Item("reflection", LIBRARY[8]),
            Item("learning", LIBRARY[3]),
            Item("energizer", LIBRARY[7]),
            Item("checkin", LIBRARY[1]),
            Item("learning", LIBRARY[5]),
        ),
    )
    rows = agenda(plan)
    assert [row.role for row in rows] == [
        "checkin",
        "learning",
        "energizer",
        "learning",
        "coursework",
        "reflection",
    ]
    assert rows[0].start == 0
    assert all(earlier.end == later.start for earlier, later in zip(rows, rows[1:], strict=False))
    assert rows[-1].end == plan.total_min == 10 + 10 + 5 + 30 + 30 + 5


def test_fits_group_and_setting():
    small = LIBRARY[1]  # 2 to 8 people, in person
    assert small.fits_group(8) and not small.fits_group(9) and not small.fits_group(1)
    assert small.fits_group(None)
    assert small.fits_setting("in-person") and not small.fits_setting("online") and small.fits_setting(None)
    assert [c.id for c in suitable(LIBRARY, "checkin", people=12)] == [1, 3]
    assert [c.id for c in suitable(LIBRARY, "reflection")] == [9, 10, 3]  # closing counts as reflection


def test_suggestion_fills_a_meeting():
    plan = suggest(LIBRARY, budget=90, people=6, setting="in-person")
    roles = [item.role for item in plan.items]
    assert roles[0] == "checkin" and roles[-1] == "reflection"
    assert "learning" in roles and "energizer" in roles
    assert plan.total_min <= 90
    # Filled: no unused learning activity for this group would still fit.
    unused = [c for c in suitable(LIBRARY, "learning", 6, "in-person") if c.id not in plan.ids]
    assert all(c.duration_min > plan.remaining for c in unused)
    assert suggest(LIBRARY, budget=90, people=6, setting="in-person") == plan  # deterministic


def test_suggestion_respects_group_size_and_setting():
    plan = suggest(LIBRARY, budget=120, people=12, setting="online")
    assert all(item.activity.suits(item.role, 12, "online") for item in plan.items)
    assert {item.activity.id for item in plan.items} <= {5}  # the only online activity
    assert suggest(LIBRARY, budget=120, people=12, setting="online").total_min <= 120


def test_suggestion_for_tiny_budgets_and_too_much_coursework():
    assert suggest(LIBRARY, budget=4).items == ()
    assert suggest(LIBRARY, budget=60, coursework=60).items == ()
    plan = suggest(LIBRARY, budget=12)
    assert plan.total_min <= 12 and plan.items


def test_suggestions_always_fit_the_budget_and_the_group():
    rng = random.Random(2026)  # fixed seed: the same cases every run
    for _case in range(300):
        library = random_library(rng, rng.randint(0, 40))
        budget = rng.randint(planner.MIN_BUDGET, 240)
        people = rng.choice([None, rng.randint(1, 40)])
        setting = rng.choice([None, *SETTINGS])
        coursework = rng.choice([0, 0, rng.randint(0, budget)])
        variant = rng.randint(0, 5)
        plan = suggest(library, budget, people, setting, coursework, variant=variant)
        assert plan.total_min <= budget
        ids = [item.activity.id for item in plan.items]
        assert len(ids) == len(set(ids))
        for item in plan.items:
            assert item.activity.suits(item.role, people, setting)
        assert len(plan.in_role("checkin")) <= 1 and len(plan.in_role("reflection")) <= 1
        assert len(plan.in_role("learning")) <= planner.MAX_LEARNING
        assert suggest(library, budget, people, setting, coursework, variant=variant) == plan


def test_another_suggestion_differs_when_the_library_allows():
    plans = {frozenset(suggest(LIBRARY, budget=90, variant=variant).ids) for variant in range(4)}
    assert len(plans) > 1


def test_swap_picks_the_nearest_shorter_and_longer():
    plan = Plan(
        budget=90,
        items=(Item("checkin", LIBRARY[0]), Item("learning", LIBRARY[5]), Item("reflection", LIBRARY[8])),
    )
    shorter, longer = swap_options(plan, 1, LIBRARY)
    assert shorter.id == 5 or shorter.id == 4
    assert (
        shorter.duration_min < 30
        and shorter.id
        == max(
            (c for c in suitable(LIBRARY, "learning") if c.duration_min < 30), key=lambda c: c.duration_min
        ).id
    )
    assert longer.id == 7 and longer.duration_min == 45
    # The longer option never breaks the budget...
    tight = Plan(budget=50, items=plan.items)
    assert swap_options(tight, 1, LIBRARY)[1] is None
    # ...and follows the group size: activity 7 needs at least 10 people.
    small = Plan(budget=90, people=6, items=plan.items)
    assert swap_options(small, 1, LIBRARY)[1] is None
    # Nothing shorter than the shortest check-in.
    assert swap_options(plan, 0, LIBRARY)[0] is None
    assert swap_options(plan, 0, LIBRARY)[1].id == 2


def test_swap_never_offers_what_is_already_planned():
    plan = Plan(budget=120, items=(Item("learning", LIBRARY[3]), Item("learning", LIBRARY[5])))
    shorter, longer = swap_options(plan, 1, LIBRARY)
    assert shorter is None or shorter.id != 4  # 4 is in the plan already
    assert longer.id == 7


def test_clamp():
    assert planner.clamp("45", 10, 480) == 45
    assert planner.clamp("9000", 10, 480) == 480
    assert planner.clamp("soon", 10, 480, 90) == 90
    assert planner.clamp(None, 0, 5) is None


# Pages ------------------------------------------------------------------------------

PLANNER = "/en/library/planner/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def params_of(url):
    return parse_qs(urlparse(url).query)


@pytest.mark.django_db
def test_planner_works_for_anonymous_visitors(client):
    response = client.get(PLANNER)
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("form#planner-form")["method"] == "get"
    assert page.select_one('select[name="checkin"]') is not None
    assert page.select_one("form.save-plan") is None
    assert "/accounts/login/" in page.select_one(".plan-tools").decode()


@pytest.mark.django_db
def test_suggest_redirects_to_a_shareable_plan_that_fits(client):
    response = client.get(PLANNER, {"budget": 60, "people": 12, "setting": "online", "suggest": 1})
    assert response.status_code == 302
    params = params_of(response["Location"])
    assert params["budget"] == ["60"] and params["people"] == ["12"] and params["setting"] == ["online"]
    ids = [int(pk) for role in planner.ROLES for pk in params.get(role, [])]
    assert ids
    pages = ActivityPage.objects.filter(pk__in=ids)
    assert sum(page.duration_min for page in pages) <= 60
    assert all(page.works_for(12) and page.setting_online for page in pages)

    page = soup(client.get(response["Location"]))
    assert "of 60 minutes planned" in page.select_one("#plan-total-text").get_text()
    assert len(page.select(".agenda-row")) == len(ids)
    assert page.select_one(".plan-over") is None


@pytest.mark.django_db
def test_plan_from_the_url_with_swaps_and_warnings(client):
    library = ActivityPage.objects.live().filter(locale__language_code="en")
    checkin = library.filter(phase_check_in=True).order_by("duration_min", "title").first()
    learning = list(library.filter(phase_learning=True).order_by("-duration_min", "title")[:2])
    reflection = (
        library.filter(phase_reflection=True).exclude(pk=checkin.pk).order_by("duration_min", "title").first()
    )
    query = {
        "budget": 30,
        "checkin": checkin.pk,
        "learning": [item.pk for item in learning],
        "reflection": reflection.pk,
        "energizer": checkin.pk,
    }
    page = soup(client.get(PLANNER, query))
    rows = page.select(".agenda-row")
    # The check-in id given as an energizer is not an energizer: it is left out.
    assert [row.select_one(".agenda-title a").get_text() for row in rows] == [
        checkin.title,
        learning[0].title,
        learning[1].title,
        reflection.title,
    ]
    assert page.select_one(".plan-over") is not None  # two long activities in 30 minutes
    assert "Over budget" in page.select_one("#plan-total-text").get_text()

    shorter = page.select(".agenda-row")[1].find("a", string=lambda text: text and text.startswith("Shorter"))
    swapped = params_of(shorter["href"])
    assert str(learning[0].pk) not in swapped["learning"]
    assert str(learning[1].pk) in swapped["learning"]
    remove = next(
        link
        for link in page.select(".agenda-row")[0].select(".agenda-actions a")
        if link.get_text().startswith("Remove")
    )
    assert "checkin" not in params_of(remove["href"])


@pytest.mark.django_db
def test_unknown_activities_in_a_link_are_dropped_politely(client):
    response = client.get(PLANNER, {"budget": "lots", "learning": ["999999", "x"], "people": "-4"})
    assert response.status_code == 200
    page = soup(response)
    assert "not in the library" in page.select_one(".messages").get_text()
    assert page.select_one("#p-budget")["value"] == "90"


@pytest.mark.django_db
def test_members_save_and_delete_their_own_plans(client, member, other_member):
    learning = ActivityPage.objects.live().filter(locale__language_code="en", phase_learning=True).first()
    client.force_login(member)
    response = client.post(
        "/en/library/planner/save/",
        {"name": "Week 3", "query": f"budget=75&learning={learning.pk}&evil=<script>&people=9"},
    )
    assert response.status_code == 302
    plan = SavedPlan.objects.get(owner=member)
    assert plan.name == "Week 3"
    assert plan.query == f"budget=75&people=9&learning={learning.pk}"
    assert plan.get_absolute_url() == f"{PLANNER}?{plan.query}"

    listing = soup(client.get("/en/library/planner/saved/"))
    assert listing.select_one(".saved-plan-name").get_text() == "Week 3"
    assert client.get(plan.get_absolute_url()).status_code == 200

    other = Client()
    other.force_login(other_member)
    assert "Week 3" not in other.get("/en/library/planner/saved/").content.decode()
    assert other.post(f"/en/library/planner/saved/{plan.pk}/delete/").status_code == 404
    assert SavedPlan.objects.filter(pk=plan.pk).exists()

    assert client.get(f"/en/library/planner/saved/{plan.pk}/delete/").status_code == 405
    client.post(f"/en/library/planner/saved/{plan.pk}/delete/")
    assert not SavedPlan.objects.filter(pk=plan.pk).exists()


@pytest.mark.django_db
def test_a_plan_needs_a_name(client, member):
    client.force_login(member)
    response = client.post("/en/library/planner/save/", {"name": "  ", "query": "budget=60"})
    assert response.status_code == 302
    assert "budget=60" in response["Location"]
    assert not SavedPlan.objects.filter(owner=member).exists()
    assert "not saved" in soup(client.get(response["Location"])).select_one(".messages").get_text()


@pytest.mark.django_db
def test_saved_plans_are_limited(client, member, monkeypatch):
    monkeypatch.setattr(SavedPlan, "MAX_PER_MEMBER", 2)
    client.force_login(member)
    for number in range(3):
        client.post("/en/library/planner/save/", {"name": f"Plan {number}", "query": "budget=60"})
    assert SavedPlan.objects.filter(owner=member).count() == 2


@pytest.mark.django_db
def test_header_links_to_the_planner(client):
    page = soup(client.get("/en/"))
    assert PLANNER in [link["href"] for link in page.select(".main-nav a")]
    current = soup(client.get(PLANNER)).select_one(f'.main-nav a[href="{PLANNER}"]')
    assert current["aria-current"] == "page"
