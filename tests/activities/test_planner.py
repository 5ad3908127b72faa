"""The meeting planner: arithmetic in activities.planner, and the pages."""

import random
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from activities import planner, rules
from activities.models import ActivityPage, SavedPlan
from activities.planner import Candidate, Item, Plan, agenda, suggest, suitable, swap_options
from tests.factories.activities import SavedPlanFactory, in_service, translation_of

PHASES = ["check-in", "energizer", "learning", "reflection", "closing"]
SETTINGS = ["in-person", "online", "hybrid"]
MEETINGS = ["first", "middle", "last"]


def candidate(pk, minutes, phases, longest=None, group=(1, None), settings=("in-person",), meetings=MEETINGS):
    return Candidate(
        id=pk,
        title=f"Activity {pk}",
        duration_min=minutes,
        duration_max=longest or minutes + 5,
        group_min=group[0],
        group_max=group[1],
        phases=frozenset(phases),
        settings=frozenset(settings),
        meetings=frozenset(meetings),
    )


# Typical lengths (the middle of shortest and longest, rounded up) in comments.
LIBRARY = [
    candidate(1, 5, ["check-in"]),  # 8
    candidate(2, 10, ["check-in"], group=(2, 8)),  # 13
    candidate(3, 15, ["check-in", "reflection"]),  # 18
    candidate(4, 10, ["learning"], longest=20),  # 15
    candidate(5, 20, ["learning"], settings=("online",)),  # 23
    candidate(6, 30, ["learning"]),  # 33
    candidate(7, 45, ["learning"], group=(10, None)),  # 48
    candidate(8, 5, ["energizer"], longest=5),  # 5
    candidate(9, 5, ["reflection"], longest=15),  # 10
    candidate(10, 10, ["closing"]),  # 13
    candidate(11, 10, ["check-in"], longest=20, meetings=["first"]),  # 15, introductions
    candidate(12, 15, ["learning"], longest=25, meetings=["first"]),  # 20, group norms
    candidate(13, 5, ["closing"], longest=15, meetings=["last"]),  # 10, celebration
]
BY_ID = {c.id: c for c in LIBRARY}


def random_library(rng, size):
    return [
        candidate(
            pk,
            rng.randint(1, 60),
            rng.sample(PHASES, rng.randint(1, 3)),
            group=(rng.randint(1, 6), rng.choice([None, rng.randint(6, 30)])),
            settings=rng.sample(SETTINGS, rng.randint(1, 3)),
            meetings=rng.sample(MEETINGS, rng.randint(1, 3)),
        )
        for pk in range(1, size + 1)
    ]


# Arithmetic --------------------------------------------------------------------


def test_typical_length_is_the_middle_rounded_up():
    assert rules.typical_minutes(candidate(1, 10, [], longest=15)) == 13
    assert rules.typical_minutes(candidate(1, 10, [], longest=20)) == 15
    assert rules.typical_minutes(candidate(1, 7, [], longest=7)) == 7
    assert rules.typically_fits_in(candidate(1, 15, [], longest=25), 20)
    assert not rules.typically_fits_in(candidate(1, 15, [], longest=26), 20)


@pytest.mark.django_db
def test_the_typical_length_rule_and_its_query_agree(make_activity):
    made = [
        make_activity(f"A{low}-{high}", duration_min=low, duration_max=high)
        for low, high in [(5, 10), (10, 15), (10, 20), (15, 25), (15, 26), (20, 20)]
    ]
    for minutes in (7, 8, 13, 15, 20, 21):
        matched = set(
            ActivityPage.objects.filter(pk__in=[page.pk for page in made])
            .filter(rules.typically_fits_in_q(minutes))
            .values_list("pk", flat=True)
        )
        assert matched == {page.pk for page in made if rules.typically_fits_in(page, minutes)}, minutes


def test_items_run_for_their_own_minutes_else_typical_else_their_kind_default():
    assert Item("learning", BY_ID[4]).minutes == 15
    assert Item("learning", BY_ID[4], own_minutes=12).minutes == 12
    assert Item(planner.BREAK).minutes == 5
    assert Item(planner.COURSEWORK).minutes == 50
    assert Item(planner.FREE, note="Announcements", own_minutes=3).minutes == 3


def test_totals_edits_and_the_agenda():
    plan = Plan(
        budget=60,
        items=(
            Item("checkin", BY_ID[1]),
            Item(planner.COURSEWORK, own_minutes=30),
            Item("reflection", BY_ID[9]),
        ),
    )
    assert plan.total == 8 + 30 + 10 and plan.remaining == 12 and plan.coursework == 30
    assert not plan.over_budget
    longer = plan.resized(1, 45)
    assert longer.total == 63 and longer.over_by == 3
    moved = plan.moved(2, -1)
    assert [item.role for item in moved.items] == ["checkin", "reflection", planner.COURSEWORK]
    assert plan.moved(0, -1) == plan and plan.moved(2, 1) == plan  # nothing past either end
    assert plan.without_item(0).total == 40
    assert plan.added(Item(planner.FREE, note="Announcements")).items[-1].note == "Announcements"
    swapped = plan.resized(0, 20).with_item(0, BY_ID[2])
    assert swapped.items[0].minutes == 13  # a new activity runs for its own typical length
    rows = agenda(moved)
    assert [(row.start, row.end) for row in rows] == [(0, 8), (8, 18), (18, 48)]
    assert planner.clock_time(18 * 60 + 30, 48) == "19:18"
    assert planner.clock_time(23 * 60 + 50, 20) == "00:10"


def test_the_default_suggestion_is_the_meeting_structure_guides_meeting():
    """Check-in about 10, one learning activity about 15, coursework 50, a
    5-minute break, closing reflection about 10: the "Meeting structure" guide."""
    result = suggest(LIBRARY, budget=90, people=6, setting="in-person")
    plan = result.plan
    assert [item.role for item in plan.items] == [
        "checkin",
        "learning",
        planner.COURSEWORK,
        planner.BREAK,
        "reflection",
    ]
    assert plan.coursework == 50 and plan.in_role(planner.BREAK)[0].minutes == 5
    assert len(plan.in_role("learning")) == 1
    # Each activity at its typical length, close to the guide's minutes.
    assert all(item.own_minutes is None for item in plan.items if item.activity)
    assert [item.activity.id for item in plan.items if item.activity] == [1, 4, 9]
    assert plan.total <= 90 and result.gaps == ()
    assert not plan.in_role("energizer")
    assert suggest(LIBRARY, budget=90, people=6, setting="in-person") == result  # deterministic


def test_an_energizer_and_no_break_when_asked():
    plan = suggest(LIBRARY, budget=90, with_break=False, with_energizer=True, coursework=40).plan
    assert [item.role for item in plan.items] == [
        "checkin",
        "learning",
        "energizer",
        planner.COURSEWORK,
        "reflection",
    ]


def test_which_meeting_it_is_shapes_the_suggestion():
    first = suggest(LIBRARY, budget=90, coursework=40, meeting="first").plan
    assert {item.activity.id for item in first.items if item.activity} >= {11, 12}  # introductions, norms
    middle = suggest(LIBRARY, budget=90, meeting="middle").plan
    assert not {11, 12, 13} & middle.ids
    last = suggest(LIBRARY, budget=90, meeting="last").plan
    assert last.in_role("reflection")[0].activity.id == 13  # the celebration closes the circle
    assert not {11, 12} & last.ids
    for plan in (first, middle, last):
        assert all(item.activity.fits_meeting(plan.meeting) for item in plan.items if item.activity)


def test_the_suggestion_says_honestly_what_could_not_be_done():
    tight = suggest(LIBRARY, budget=60, coursework=50)  # 5 minutes for everything else
    assert tight.plan.total <= 60
    assert {gap.role for gap in tight.gaps} >= {"learning"}
    assert all(gap.reason == "no_time" for gap in tight.gaps)
    online = suggest(LIBRARY, budget=90, setting="online", people=12)
    assert {(gap.role, gap.reason) for gap in online.gaps} >= {("checkin", "none_suits")}


def test_suggestions_always_fit_the_budget_the_group_and_the_meeting():
    rng = random.Random(2026)  # fixed seed: the same cases every run
    for _case in range(300):
        library = random_library(rng, rng.randint(0, 40))
        budget = rng.randint(planner.MIN_BUDGET, 240)
        people = rng.choice([None, rng.randint(1, 40)])
        setting = rng.choice([None, *SETTINGS])
        meeting = rng.choice(MEETINGS)
        with_break = rng.random() < 0.5
        coursework = rng.randint(0, budget - (5 if with_break else 0))
        variant = rng.randint(0, 5)
        result = suggest(
            library,
            budget,
            people,
            setting,
            coursework,
            variant=variant,
            meeting=meeting,
            with_break=with_break,
        )
        plan = result.plan
        assert plan.total <= budget
        ids = [item.activity.id for item in plan.items if item.activity]
        assert len(ids) == len(set(ids))
        for item in plan.items:
            if item.activity:
                assert item.activity.suits(item.role, people, setting, meeting)
        for role in rules.ROLES:
            assert len(plan.in_role(role)) <= 1
        assert (
            suggest(
                library,
                budget,
                people,
                setting,
                coursework,
                variant=variant,
                meeting=meeting,
                with_break=with_break,
            )
            == result
        )


def test_another_suggestion_differs_when_the_library_allows():
    plans = {frozenset(suggest(LIBRARY, budget=120, variant=variant).plan.ids) for variant in range(4)}
    assert len(plans) > 1


def test_swap_picks_the_nearest_shorter_and_longer_by_typical_length():
    plan = Plan(
        budget=120,
        items=(Item("checkin", BY_ID[1]), Item("learning", BY_ID[6]), Item("reflection", BY_ID[9])),
    )
    shorter, longer = swap_options(plan, 1, LIBRARY)
    assert shorter.id == 5 and longer.id == 7  # 23 and 48 around 33
    assert swap_options(Plan(budget=60, items=plan.items), 1, LIBRARY)[1] is None  # would break the budget
    assert (
        swap_options(Plan(budget=120, people=6, items=plan.items), 1, LIBRARY)[1] is None
    )  # 7 needs 10 people
    assert swap_options(plan, 0, LIBRARY)[0] is None  # nothing shorter than the shortest check-in
    assert swap_options(Plan(items=(Item(planner.BREAK),)), 0, LIBRARY) == (None, None)


def test_clamp():
    assert planner.clamp("45", 10, 480) == 45
    assert planner.clamp("9000", 10, 480) == 480
    assert planner.clamp("soon", 10, 480, 90) == 90
    assert planner.clamp(None, 0, 5) is None


def test_suitable_follows_group_setting_and_meeting():
    assert [c.id for c in suitable(LIBRARY, "checkin", people=12)] == [1, 11, 3]
    assert [c.id for c in suitable(LIBRARY, "checkin", people=12, meeting="middle")] == [1, 3]
    assert [c.id for c in suitable(LIBRARY, "reflection")] == [13, 9, 10, 3]  # closing counts as reflection


# Pages ------------------------------------------------------------------------------

PLANNER = "/en/library/planner/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def params_of(url):
    return parse_qs(urlparse(url).query, keep_blank_values=True)


def items_of(url):
    params = params_of(url)
    return list(
        zip(
            params.get("kind", []),
            params.get("activity", []),
            params.get("minutes", []),
            params.get("note", []),
            strict=True,
        )
    )


def plan_query(*items, **meeting):
    """A planner query: `items` as (kind, activity or "", minutes or "", note)."""
    data = {"budget": 90, "meeting": "middle", "coursework": 50, "with_break": "on", **meeting}
    pairs = list(data.items())
    for kind, activity, minutes, note in items:
        pairs += [("kind", kind), ("activity", activity), ("minutes", minutes), ("note", note)]
    return urlencode(pairs)


def titles(page):
    return [
        row.select_one(".agenda-title").get_text(" ", strip=True).rsplit(" ", 2)[0]
        for row in page.select(".agenda-row")
    ]


@pytest.fixture
def activities(make_activity):
    """A small library for the planner: a check-in, an energizer, three
    learning activities of different lengths, a reflection, and first-meeting
    introductions and norms; all but the two longest work online too."""
    quiet = {"phase_learning": False}
    return {
        "checkin": make_activity(
            "Name round",
            **quiet,
            phase_check_in=True,
            duration_min=5,
            duration_max=15,
            setting_online=True,
            materials="A talking piece.",
        ),
        "energizer": make_activity(
            "Stretch break",
            **quiet,
            phase_energizer=True,
            duration_min=5,
            duration_max=5,
            setting_online=True,
        ),
        "short": make_activity(
            "Quick quiz", duration_min=10, duration_max=20, setting_online=True, materials="Quiz cards."
        ),
        "medium": make_activity("Study pairs", duration_min=30, duration_max=40),
        "long": make_activity("Project sprint", duration_min=45, duration_max=60),
        "reflection": make_activity(
            "Plus/delta", **quiet, phase_reflection=True, duration_min=5, duration_max=15, setting_online=True
        ),
        "introductions": make_activity(
            "Group introductions",
            **quiet,
            phase_check_in=True,
            duration_min=10,
            duration_max=20,
            meeting_middle=False,
            meeting_last=False,
        ),
        "norms": make_activity(
            "Group norms", duration_min=15, duration_max=25, meeting_middle=False, meeting_last=False
        ),
    }


@pytest.mark.django_db
def test_the_planner_starts_with_the_guides_meeting(client, library):
    response = client.get(PLANNER)
    assert response.status_code == 200
    page = soup(response)
    form = page.select_one("form#planner-form")
    assert form["method"] == "get"
    assert page.select_one("#id_budget")["value"] == "90"
    assert page.select_one("#id_coursework")["value"] == "50"
    assert page.select_one("#id_with_break").has_attr("checked")
    assert page.select_one("#id_meeting option[selected]")["value"] == "middle"
    assert page.select_one("form.save-plan") is None
    assert "/accounts/login/" in page.select_one(".plan-tools").decode()


@pytest.mark.django_db
def test_suggest_redirects_to_a_shareable_plan_in_the_guides_shape(client, activities):
    response = client.get(
        PLANNER,
        {"budget": 90, "people": 6, "meeting": "middle", "coursework": 50, "with_break": "on", "suggest": 1},
    )
    assert response.status_code == 302
    items = items_of(response["Location"])
    assert [kind for kind, *_rest in items] == ["checkin", "learning", "coursework", "break", "reflection"]
    assert [activity for kind, activity, *_rest in items if activity] == [
        str(activities[name].pk) for name in ("checkin", "short", "reflection")
    ]
    page = soup(client.get(response["Location"]))
    assert "90 of 90 minutes planned" in page.select_one("#plan-total-text").get_text()
    assert titles(page)[:2] == ["Name round", "Quick quiz"]
    assert [minutes.get_text() for minutes in page.select(".agenda-minutes")] == [
        "10 min",
        "15 min",
        "50 min",
        "5 min",
        "10 min",
    ]


@pytest.mark.django_db
def test_a_first_meeting_gets_introductions_and_norms(client, activities):
    response = client.get(
        PLANNER, {"budget": 90, "meeting": "first", "coursework": 40, "with_break": "on", "suggest": 1}
    )
    chosen = {activity for _kind, activity, *_rest in items_of(response["Location"]) if activity}
    assert {str(activities["introductions"].pk), str(activities["norms"].pk)} <= chosen
    middle = client.get(PLANNER, {"budget": 90, "meeting": "middle", "coursework": 45, "suggest": 1})
    chosen = {activity for _kind, activity, *_rest in items_of(middle["Location"]) if activity}
    assert not {str(activities["introductions"].pk), str(activities["norms"].pk)} & chosen


@pytest.mark.django_db
def test_an_impossible_suggestion_says_so(client, activities):
    response = client.get(
        PLANNER, {"budget": 60, "coursework": 50, "with_break": "on", "suggest": 1}, follow=True
    )
    messages = response.content.decode()
    assert "fits in the" in messages and "minutes left at its typical length" in messages


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, field, typed",
    [
        ({"budget": "-5", "coursework": "500"}, "budget", "-5"),
        ({"budget": "-5", "coursework": "500"}, "coursework", "500"),
        ({"budget": "60", "coursework": "58", "with_break": "on"}, "coursework", "58"),
        ({"budget": "lots"}, "budget", "lots"),
        ({"budget": "90", "people": "-4"}, "people", "-4"),
        ({"budget": "90", "start": "25:99"}, "start", "25:99"),
    ],
)
def test_bad_input_gets_a_message_and_keeps_what_was_typed(client, activities, query, field, typed):
    response = client.get(PLANNER, {**query, "suggest": 1})
    assert response.status_code == 200  # no suggestion made from changed values
    page = soup(response)
    assert page.select_one(f"#id_{field}")["value"] == typed
    assert page.select_one(f"#id_{field}_error") is not None
    assert "has not been changed" in page.get_text()


@pytest.mark.django_db
def test_items_move_resize_and_go_without_javascript(client, activities):
    checkin, quiz, reflection = (activities[name].pk for name in ("checkin", "short", "reflection"))
    base = [
        ("checkin", checkin, "", ""),
        ("learning", quiz, "", ""),
        ("coursework", "", "50", ""),
        ("reflection", reflection, "", ""),
    ]
    page = soup(client.get(f"{PLANNER}?{plan_query(*base)}"))
    buttons = {button["value"] for button in page.select('button[name="op"]')}
    assert {"down-0", "up-1", "down-1", "remove-3", "add"} <= buttons and "up-0" not in buttons

    down = client.get(f"{PLANNER}?{plan_query(*base)}&op=down-0")
    assert [kind for kind, *_rest in items_of(down["Location"])] == [
        "learning",
        "checkin",
        "coursework",
        "reflection",
    ]
    removed = client.get(f"{PLANNER}?{plan_query(*base)}&op=remove-2")
    assert [kind for kind, *_rest in items_of(removed["Location"])] == ["checkin", "learning", "reflection"]

    resized = [
        ("checkin", checkin, "", ""),
        ("learning", quiz, "25", ""),
        ("coursework", "", "40", ""),
        ("reflection", reflection, "", ""),
    ]
    page = soup(client.get(f"{PLANNER}?{plan_query(*resized)}"))
    assert [minutes.get_text() for minutes in page.select(".agenda-minutes")] == [
        "10 min",
        "25 min",
        "40 min",
        "10 min",
    ]
    assert page.select_one("#p-minutes-2")["value"] == "25"

    bad = [("checkin", checkin, "0", ""), ("learning", quiz, "lots", "")]
    page = soup(client.get(f"{PLANNER}?{plan_query(*bad)}&op=down-0"))  # not applied: the form asks for a fix
    assert page.select_one("#p-minutes-2")["value"] == "lots"
    assert "Item 2:" in page.get_text() and "Item 1:" in page.get_text()


@pytest.mark.django_db
def test_free_items_and_breaks_are_added(client, activities):
    base = [("checkin", activities["checkin"].pk, "", "")]
    added = client.get(f"{PLANNER}?{plan_query(*base)}&op=add&add=free&new_note=Announcements+and+news")
    assert items_of(added["Location"])[-1] == ("free", "", "", "Announcements and news")
    added = client.get(f"{PLANNER}?{plan_query(*base)}&op=add&add=break")
    assert items_of(added["Location"])[-1][0] == "break"
    added = client.get(f"{PLANNER}?{plan_query(*base)}&op=add&add=learning:{activities['medium'].pk}")
    assert items_of(added["Location"])[-1][:2] == ("learning", str(activities["medium"].pk))
    page = soup(client.get(added["Location"] + "&op=add&add=free"))
    page = soup(client.get(client.get(added["Location"] + "&op=add&add=free")["Location"]))
    assert "Announcements" in titles(page)[-1]


@pytest.mark.django_db
def test_a_start_time_gives_clock_times(client, activities):
    query = plan_query(
        ("checkin", activities["checkin"].pk, "", ""), ("coursework", "", "50", ""), start="18:30"
    )
    page = soup(client.get(f"{PLANNER}?{query}"))
    assert [time.get_text() for time in page.select(".agenda-time")] == ["18:30–18:40", "18:40–19:30"]
    assert "18:30 to 19:30" in page.select_one(".plan-context").get_text()


@pytest.mark.django_db
def test_the_timeline_shows_each_item_in_proportion_with_a_text_alternative(client, activities):
    query = plan_query(
        ("checkin", activities["checkin"].pk, "", ""),
        ("coursework", "", "60", ""),
        ("break", "", "", ""),
        budget=100,
    )
    page = soup(client.get(f"{PLANNER}?{query}"))
    bands = page.select(".timeline rect")
    assert [band["class"][1] for band in bands] == [
        "band-checkin",
        "band-coursework",
        "band-break",
        "band-unplanned",
    ]
    assert [float(band["width"]) for band in bands] == [100.0, 600.0, 50.0, 250.0]  # of 1000, 100 minutes
    assert page.select_one(".timeline svg")["aria-hidden"] == "true"
    # Numbers in the picture are never written the Spanish way ("100,0").
    spanish = soup(client.get(f"/es/library/planner/?{query}")).select(".timeline rect")
    assert [band["width"] for band in spanish] == [band["width"] for band in bands]
    legend = page.select_one(".timeline-legend").get_text(" ", strip=True)
    assert "Name round 10 min" in legend and "Coursework 60 min" in legend and "Not planned 25 min" in legend


@pytest.mark.django_db
def test_printouts_agenda_and_run_sheet(client, activities):
    query = plan_query(
        ("checkin", activities["checkin"].pk, "", ""),
        ("learning", activities["short"].pk, "", ""),
        ("free", "", "3", "Announcements"),
        start="18:00",
    )
    agenda_page = soup(client.get(f"/en/library/planner/agenda/?{query}"))
    assert agenda_page.select_one("h1").get_text() == "Meeting agenda"
    assert [time.get_text() for time in agenda_page.select(".agenda-time")] == [
        "18:00–18:10",
        "18:10–18:25",
        "18:25–18:28",
    ]
    assert agenda_page.select_one(".timeline") is not None
    assert not agenda_page.select('input[name="minutes"]')
    sheet = soup(client.get(f"/en/library/planner/run-sheet/?{query}"))
    assert sheet.select_one("h1").get_text() == "Run sheet"
    sections = sheet.select(".run-sheet-activity")
    assert [section.select_one("h2").get_text(" ", strip=True) for section in sections] == [
        "18:00 · Name round 10 min",
        "18:10 · Quick quiz 15 min",
    ]
    assert "Do the thing." in sections[0].get_text()
    materials = sheet.select_one(".run-sheet-materials").get_text(" ", strip=True)
    assert "A talking piece." in materials and "Quiz cards." in materials
    # A bad link goes back to the planner, which says what is wrong.
    assert client.get("/en/library/planner/run-sheet/?budget=-5").status_code == 302


@pytest.mark.django_db
def test_the_run_sheet_notes_an_activity_only_in_another_language(client, library, activities):
    in_service(library, translation_of(library, "es"))
    ronda = translation_of(activities["checkin"], "es", title="Ronda de nombres")
    # A plan made in English: its check-in is shown in its Spanish translation.
    query = plan_query(
        ("checkin", activities["checkin"].pk, "", ""), ("learning", activities["short"].pk, "", "")
    )
    response = client.get(f"/es/library/planner/run-sheet/?{query}")
    assert "messages" not in response.content.decode()
    sheet = soup(response)
    sections = sheet.select(".run-sheet-activity")
    assert [section.select_one("h2").get_text(" ", strip=True).rsplit(" ", 2)[0] for section in sections] == [
        "Ronda de nombres",
        "Quick quiz",
    ]
    assert sections[0].select_one(".note") is None
    assert "inglés" in sections[1].select_one(".note").get_text()
    assert sections[1].select_one("div[lang]")["lang"] == "en"
    planner_page = soup(client.get(f"/es/library/planner/?{query}"))
    assert items_of(planner_page.select_one("#share-url")["value"])[0][:2] == ("checkin", str(ronda.pk))


@pytest.mark.django_db
def test_links_of_the_earlier_planner_still_open(client, activities):
    query = {
        "budget": 60,
        "checkin": activities["checkin"].pk,
        "learning": [activities["short"].pk],
        "reflection": activities["reflection"].pk,
        "coursework": 20,
    }
    page = soup(client.get(PLANNER, query))
    assert titles(page) == [
        "Name round",
        "Quick quiz",
        "The course itself: reading, videos, exercises",
        "Plus/delta",
    ]


@pytest.mark.django_db
def test_unknown_activities_in_a_link_are_dropped_politely(client, library):
    response = client.get(
        PLANNER,
        {
            "budget": "90",
            "kind": ["learning", "learning"],
            "activity": ["999999", "x"],
            "minutes": ["", ""],
            "note": ["", ""],
        },
    )
    assert response.status_code == 200
    assert "not in the library" in soup(response).select_one(".messages").get_text()


@pytest.mark.django_db
def test_members_save_and_delete_their_own_plans(client, member, other_member, activities):
    learning = activities["short"]
    client.force_login(member)
    response = client.post(
        "/en/library/planner/save/",
        {"name": "Week 3", "query": f"budget=75&learning={learning.pk}&evil=<script>&people=9"},
    )
    assert response.status_code == 302
    plan = SavedPlan.objects.get(owner=member)
    assert plan.name == "Week 3"
    assert "evil" not in plan.query and "people=9" in plan.query
    assert items_of(f"?{plan.query}") == [("learning", str(learning.pk), "", "")]
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
def test_a_plan_needs_a_name(client, member, library):
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
def test_a_saved_plan_opens_in_the_language_it_was_saved_in(client, member, library):
    plan = SavedPlanFactory(owner=member, name="Semana 2", language="es", query="budget=60&people=8")
    assert plan.get_absolute_url() == "/es/library/planner/?budget=60&people=8"
    client.force_login(member)
    listing = soup(client.get("/en/library/planner/saved/"))
    assert listing.select_one(".saved-plan-name").get_text() == "Semana 2"
    assert plan.get_absolute_url() in [link["href"] for link in listing.select("a")]
    SavedPlanFactory(name="Not mine")
    assert "Not mine" not in client.get("/en/library/planner/saved/").content.decode()


@pytest.mark.django_db
def test_header_links_to_the_planner(client, library):
    page = soup(client.get("/en/"))
    assert PLANNER in [link["href"] for link in page.select(".main-nav a")]
    current = soup(client.get(PLANNER)).select_one(f'.main-nav a[href="{PLANNER}"]')
    assert current["aria-current"] == "page"
