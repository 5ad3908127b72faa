"""Circle plans (every meeting of a circle in one place) and sharing plans:
the rules in activities.planner and the models, and the pages."""

import random
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import Client

from activities import planner
from activities.models import CirclePlan, CircleWeek, SavedPlan
from activities.planner import suggest, suggest_circle
from tests.activities.test_planner import BY_ID, LIBRARY, candidate, random_library
from tests.factories.activities import CirclePlanFactory, SavedPlanFactory, translation_of
from tests.home.test_query_budgets import MEMBER_BUDGET, count_queries

CIRCLES = "/en/library/circles/"
PLANNER = "/en/library/planner/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def activity_ids(plan):
    return [item.activity.id for item in plan.items if item.activity is not None]


# The rules, without the database ------------------------------------------------


def test_which_meeting_each_week_is():
    assert [planner.meeting_of_week(number, 6) for number in range(1, 7)] == [
        "first",
        "middle",
        "middle",
        "middle",
        "middle",
        "last",
    ]
    assert [planner.meeting_of_week(number, 2) for number in (1, 2)] == ["first", "last"]


def test_a_suggestion_leaves_out_what_it_is_told_to():
    plain = suggest(LIBRARY, 90)
    taken = plain.plan.ids
    other = suggest(LIBRARY, 90, exclude=taken)
    assert taken and not taken & other.plan.ids


def test_a_circle_opens_with_a_first_meeting_and_closes_with_a_last_one():
    weeks = suggest_circle(LIBRARY, 4, 90, coursework=30)
    assert [week.plan.meeting for week in weeks] == ["first", "middle", "middle", "last"]
    first, last = weeks[0].plan, weeks[-1].plan
    # Introductions (11) and norms (12) are made for a first meeting, the celebration (13) for a last.
    assert {11, 12} <= first.ids
    assert 13 in last.ids
    for week in weeks:
        assert all(item.activity.fits_meeting(week.plan.meeting) for item in week.plan.items if item.activity)
        assert week.plan.total <= 90


def test_no_activity_comes_back_in_another_week():
    weeks = suggest_circle(LIBRARY, 3, 90)
    seen = [pk for week in weeks for pk in activity_ids(week.plan)]
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("seed", range(30))
def test_circles_from_any_library_never_repeat_and_fit(seed):
    rng = random.Random(seed)
    library = random_library(rng, rng.randint(5, 40))
    count = rng.randint(2, 8)
    weeks = suggest_circle(library, count, rng.choice([60, 90, 120]), people=rng.choice([None, 6]))
    assert len(weeks) == count
    seen = [pk for week in weeks for pk in activity_ids(week.plan)]
    assert len(seen) == len(set(seen))
    assert weeks[0].plan.meeting == "first" and weeks[-1].plan.meeting == "last"
    for week in weeks:
        assert week.plan.total <= week.plan.budget


def test_a_library_too_small_for_the_circle_says_so_week_by_week():
    small = [candidate(1, 5, ["check-in"]), candidate(2, 10, ["learning"]), candidate(3, 5, ["reflection"])]
    weeks = suggest_circle(small, 3, 90)
    assert weeks[0].plan.ids | weeks[1].plan.ids | weeks[2].plan.ids == {1, 2, 3}
    later = [gap.role for week in weeks[1:] for gap in week.gaps]
    assert "checkin" in later and "reflection" in later
    assert all(gap.reason == "none_suits" for week in weeks[1:] for gap in week.gaps)


def test_the_first_and_last_meetings_choose_before_the_weeks_between():
    # Only one reflection suits a last meeting; a week in between must not take it.
    library = [
        candidate(1, 5, ["check-in"]),
        candidate(2, 5, ["check-in"]),
        candidate(3, 5, ["check-in"]),
        candidate(4, 10, ["learning"]),
        candidate(5, 10, ["learning"]),
        candidate(6, 10, ["learning"]),
        candidate(7, 5, ["reflection"], meetings=["middle", "last"]),
        candidate(8, 5, ["reflection"], meetings=["first", "middle"]),
    ]
    weeks = suggest_circle(library, 3, 90)
    assert 7 in weeks[2].plan.ids
    assert BY_ID  # the shared library of the planner tests is untouched


# The models -------------------------------------------------------------------------


@pytest.mark.django_db
def test_repeats_are_found_week_by_week(member):
    circle = CirclePlanFactory(owner=member, weeks=0)
    CircleWeek.objects.create(circle=circle, number=1, query="budget=90&kind=learning&activity=5&activity=")
    CircleWeek.objects.create(circle=circle, number=2, query="budget=90&kind=learning&activity=6")
    CircleWeek.objects.create(circle=circle, number=3, query="budget=90&kind=learning&activity=5")
    assert circle.repeats() == {5: [1, 3]}
    assert [week.number for week in circle.weeks.all()] == [1, 2, 3]


@pytest.mark.django_db
def test_sharing_gives_an_unguessable_link_that_revoking_ends(member):
    for thing in (SavedPlanFactory(owner=member), CirclePlanFactory(owner=member)):
        model = type(thing)
        assert not thing.is_shared and not model.objects.shared("").exists()
        token = thing.share()
        assert len(token) >= 24 and thing.share() == token  # sharing again keeps the link
        assert model.objects.shared(token).get() == thing
        thing.revoke()
        assert not model.objects.shared(token).exists()
        assert thing.share() != token  # shared anew: the old link stays dead


@pytest.mark.django_db
def test_copies_belong_to_their_new_owner_and_are_not_shared(member, other_member):
    circle = CirclePlanFactory(owner=member, weeks=4, name="Spreadsheets")
    circle.share()
    copy = circle.copy_for(other_member)
    assert copy.owner == other_member and copy.pk != circle.pk and not copy.is_shared
    assert [(w.number, w.query) for w in copy.weeks.all()] == [
        (w.number, w.query) for w in circle.weeks.all()
    ]
    assert circle.weeks.count() == 4  # the original keeps its weeks

    saved = SavedPlanFactory(owner=member, query="budget=60", language="es")
    saved_copy = saved.copy_for(other_member)
    assert (saved_copy.owner, saved_copy.query, saved_copy.language) == (other_member, "budget=60", "es")


@pytest.mark.django_db
def test_copies_respect_the_limits(member, other_member, monkeypatch):
    monkeypatch.setattr(CirclePlan, "MAX_PER_MEMBER", 1)
    CirclePlanFactory(owner=other_member)
    with pytest.raises(ValidationError):
        CirclePlanFactory(owner=member).copy_for(other_member)
    assert CirclePlan.objects.owned_by(other_member).count() == 1


@pytest.mark.django_db
def test_a_week_opens_in_the_planner_set_to_save_back(member):
    circle = CirclePlanFactory(owner=member, language="es")
    week = circle.weeks.get(number=1)
    assert week.meeting == "first"
    assert week.planner_url() == f"/es/library/planner/?budget=90&meeting=first&week={week.pk}"


# The pages --------------------------------------------------------------------------


@pytest.fixture
def circle_library(make_activity):
    """Enough activities for a few weeks: three check-ins, three learning
    activities and three reflections for any meeting, introductions and
    norms for a first meeting, a celebration for a last one."""
    quiet = {"phase_learning": False}
    made = {}
    for number in range(3):
        made[f"checkin{number}"] = make_activity(
            f"Check-in {number}", **quiet, phase_check_in=True, duration_min=5, duration_max=15
        )
        made[f"learning{number}"] = make_activity(
            f"Learning {number}", duration_min=10, duration_max=20, materials=f"Cards {number}."
        )
        made[f"reflection{number}"] = make_activity(
            f"Reflection {number}", **quiet, phase_reflection=True, duration_min=5, duration_max=15
        )
    first_only = {"meeting_middle": False, "meeting_last": False}
    made["introductions"] = make_activity(
        "Introductions", **quiet, phase_check_in=True, duration_min=10, duration_max=20, **first_only
    )
    made["norms"] = make_activity("Group norms", duration_min=15, duration_max=25, **first_only)
    made["celebration"] = make_activity(
        "Celebration",
        **quiet,
        phase_closing=True,
        duration_min=10,
        duration_max=15,
        meeting_first=False,
        meeting_middle=False,
    )
    return made


def new_circle(client, **fields):
    data = {"name": "Public speaking", "weeks": "4", "budget": "90", "coursework": "30", "with_break": "on"}
    data.update(fields)
    return client.post(CIRCLES, data)


@pytest.mark.django_db
def test_a_member_plans_a_whole_circle(client, member, circle_library):
    client.force_login(member)
    form = soup(client.get(CIRCLES)).select_one("form.circle-form")
    assert form.select_one("#id_weeks")["value"] == "6" and form.select_one("#id_budget")["value"] == "90"
    response = new_circle(client)
    circle = CirclePlan.objects.get(owner=member)
    assert response.status_code == 302 and response["Location"] == circle.get_absolute_url()
    weeks = list(circle.weeks.all())
    assert [week.meeting for week in weeks] == ["first", "middle", "middle", "last"]
    assert not circle.repeats()
    first_ids, last_ids = weeks[0].activity_ids(), weeks[-1].activity_ids()
    assert circle_library["introductions"].pk in first_ids and circle_library["norms"].pk in first_ids
    assert circle_library["celebration"].pk in last_ids

    page = soup(client.get(circle.get_absolute_url()))
    sections = page.select("section.circle-week")
    assert [section["id"] for section in sections] == ["week-1", "week-2", "week-3", "week-4"]
    assert "Introductions" in sections[0].get_text() and "Celebration" in sections[3].get_text()
    edit = sections[1].select_one(f'a[href^="{PLANNER}"]')
    assert parse_qs(urlparse(edit["href"]).query)["week"] == [str(weeks[1].pk)]
    assert "Public speaking" in soup(client.get(CIRCLES)).select_one(".circle-plans").get_text()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("name", "  ", "This field is required"),
        ("weeks", "20", "less than or equal to 12"),
        ("weeks", "six", "Enter a whole number"),
        ("budget", "-5", "greater than or equal to 10"),
        ("coursework", "500", "less than or equal to 480"),
    ],
)
def test_bad_input_for_a_circle_gets_a_message_and_keeps_what_was_typed(
    client, member, circle_library, field, typed, message
):
    client.force_login(member)
    response = new_circle(client, **{field: typed, "people": "7"})
    assert response.status_code == 200
    page = soup(response)
    assert message in page.select_one(f"#id_{field}_error").get_text()
    assert page.select_one("#form-errors") is not None
    if field != "name":
        assert page.select_one(f"#id_{field}")["value"] == typed
    assert page.select_one("#id_people")["value"] == "7"
    assert page.select_one("#id_name")["value"].strip() == ("Public speaking" if field != "name" else "")
    assert not CirclePlan.objects.exists()


@pytest.mark.django_db
def test_circle_plans_are_limited(client, member, circle_library, monkeypatch):
    monkeypatch.setattr(CirclePlan, "MAX_PER_MEMBER", 1)
    client.force_login(member)
    new_circle(client)
    response = new_circle(client, name="Another")
    assert response.status_code == 200
    assert "up to 1 circle plans" in soup(response).select_one("#form-errors").get_text()
    assert CirclePlan.objects.filter(owner=member).count() == 1


@pytest.mark.django_db
def test_a_week_is_edited_in_the_planner_and_saved_back(client, member, other_member, circle_library):
    client.force_login(member)
    new_circle(client, weeks="3")
    circle = CirclePlan.objects.get(owner=member)
    week = circle.weeks.get(number=2)
    page = soup(client.get(week.planner_url()))
    save = page.select_one("form.save-week")
    assert save["action"] == f"/en/library/circles/{circle.pk}/weeks/2/save/"
    assert page.select_one('#planner-form input[name="week"]')["value"] == str(week.pk)
    # An edit (remove the first item) keeps the week in the planner's address.
    response = client.get(f"{week.planner_url()}&op=remove-0")
    assert parse_qs(urlparse(response["Location"]).query)["week"] == [str(week.pk)]
    edited = soup(client.get(response["Location"])).select_one("form.save-week input[name=query]")["value"]
    response = client.post(save["action"], {"query": edited})
    assert response.status_code == 302 and response["Location"].endswith("#week-2")
    week.refresh_from_db()
    assert "week=" not in week.query
    assert len(parse_qs(week.query)["kind"]) == len(parse_qs(edited)["kind"])
    # The facilitator may choose to repeat an activity: the circle then says so.
    repeated = circle.weeks.get(number=1).activity_ids()[0]
    client.post(save["action"], {"query": f"budget=90&meeting=middle&kind=learning&activity={repeated}"})
    if circle.repeats():
        assert "also planned in week" in soup(client.get(circle.get_absolute_url())).get_text()

    other = Client()
    other.force_login(other_member)
    assert other.post(save["action"], {"query": "budget=30"}).status_code == 404
    assert soup(other.get(week.planner_url())).select_one("form.save-week") is None


@pytest.mark.django_db
def test_a_week_suggested_again_keeps_its_meeting_and_repeats_nothing(client, member, circle_library):
    client.force_login(member)
    new_circle(client, weeks="3")
    circle = CirclePlan.objects.get(owner=member)
    before = circle.weeks.get(number=2)
    response = client.post(f"/en/library/circles/{circle.pk}/weeks/2/suggest/")
    assert response.status_code == 302 and response["Location"].endswith("#week-2")
    week = circle.weeks.get(number=2)
    assert week.meeting == "middle" and week.activity_ids()
    # Other activities than before, where the library has them, and none from another week.
    assert not set(week.activity_ids()) & set(before.activity_ids())
    assert not circle.repeats()
    # Once the library runs out, the week keeps what it can rather than repeat another week.
    client.post(f"/en/library/circles/{circle.pk}/weeks/2/suggest/")
    assert circle.weeks.get(number=2).activity_ids() and not circle.repeats()


@pytest.mark.django_db
def test_only_the_owner_sees_edits_shares_and_deletes_a_circle(client, member, other_member, circle_library):
    circle = CirclePlanFactory(owner=member)
    urls = [circle.get_absolute_url(), f"/en/library/circles/{circle.pk}/print/"]
    assert all(client.get(url).status_code == 302 for url in urls)  # to sign in
    client.force_login(other_member)
    assert all(client.get(url).status_code == 404 for url in urls)
    for action in ("share", "delete", "weeks/1/suggest", "weeks/1/save"):
        assert (
            client.post(f"/en/library/circles/{circle.pk}/{action}/", {"query": "budget=30"}).status_code
            == 404
        )
    circle.refresh_from_db()
    assert not circle.is_shared and circle.weeks.get(number=1).query == "budget=90&meeting=first"
    client.force_login(member)
    assert all(client.get(url).status_code == 200 for url in urls)
    assert client.get(f"/en/library/circles/{circle.pk}/delete/").status_code == 405
    assert client.post(f"/en/library/circles/{circle.pk}/delete/").status_code == 302
    assert not CirclePlan.objects.filter(pk=circle.pk).exists()


@pytest.mark.django_db
def test_a_shared_circle_is_read_only_and_a_revoked_link_is_gone(
    client, member, other_member, circle_library
):
    owner = Client()
    owner.force_login(member)
    new_circle(owner)
    circle = CirclePlan.objects.get(owner=member)
    owner.post(f"/en/library/circles/{circle.pk}/share/", {"action": "share"})
    circle.refresh_from_db()
    shared = f"/en/library/circles/shared/{circle.share_token}/"
    assert shared in soup(owner.get(circle.get_absolute_url())).select_one("#circle-share-url")["value"]

    page = soup(client.get(shared))  # a visitor
    assert len(page.select("section.circle-week")) == 4
    assert not page.select(".circle-week-actions") and not page.select("form.save-week")
    assert "Sign in to copy" in page.select_one(".circle-tools").get_text()
    assert client.get(f"{shared}print/").status_code == 200

    owner.post(f"/en/library/circles/{circle.pk}/share/", {"action": "revoke"})
    assert client.get(shared).status_code == 404
    assert client.get(f"{shared}print/").status_code == 404
    assert client.get("/en/library/circles/shared/not-a-token/").status_code == 404


@pytest.mark.django_db
def test_another_facilitator_copies_a_shared_circle(client, member, other_member, circle_library):
    circle = CirclePlanFactory(owner=member, name="Spreadsheets", weeks=3)
    token = circle.share()
    copy_url = f"/en/library/circles/shared/{token}/copy/"
    assert (
        client.post(copy_url).status_code == 302
        and not CirclePlan.objects.filter(owner=other_member).exists()
    )
    client.force_login(other_member)
    assert client.get(copy_url).status_code == 405
    response = client.post(copy_url)
    copy = CirclePlan.objects.get(owner=other_member)
    assert response["Location"] == copy.get_absolute_url()
    assert copy.name == "Spreadsheets" and copy.weeks.count() == 3
    assert client.get(copy.get_absolute_url()).status_code == 200
    circle.revoke()
    assert client.post(copy_url).status_code == 404


@pytest.mark.django_db
def test_saved_plans_are_shared_read_only_and_copied(client, member, other_member, circle_library):
    learning = circle_library["learning0"]
    plan = SavedPlanFactory(
        owner=member, name="Week 3", query=f"budget=60&kind=learning&activity={learning.pk}"
    )
    other = Client()
    other.force_login(other_member)
    assert other.post(f"/en/library/planner/saved/{plan.pk}/share/").status_code == 404
    client.force_login(member)
    client.post(f"/en/library/planner/saved/{plan.pk}/share/", {"action": "share"})
    plan.refresh_from_db()
    shared = f"/en/library/planner/shared/{plan.share_token}/"
    listing = soup(client.get("/en/library/planner/saved/"))
    assert shared in listing.select_one(".saved-plan-share input")["value"]

    page = soup(Client().get(shared))
    assert page.select_one("h1").get_text() == "Week 3"
    assert "Learning 0" in page.select_one(".plan-agenda").get_text()
    assert not page.select("form.save-plan") and not page.select('button[name="op"]')

    response = other.post(f"{shared}copy/")
    assert response.status_code == 302
    copy = SavedPlan.objects.get(owner=other_member)
    assert copy.query == plan.query and not copy.is_shared

    client.post(f"/en/library/planner/saved/{plan.pk}/share/", {"action": "revoke"})
    assert Client().get(shared).status_code == 404
    assert other.post(f"{shared}copy/").status_code == 404


@pytest.mark.django_db
def test_the_whole_circle_prints_in_the_readers_language(client, member, circle_library, spanish):
    client.force_login(member)
    new_circle(client, weeks="3", start="18:00")
    circle = CirclePlan.objects.get(owner=member)
    printout = soup(client.get(f"/en/library/circles/{circle.pk}/print/"))
    weeks = printout.select("section.circle-sheet-week")
    assert len(weeks) == 3
    assert "Week 1 · First meeting" in weeks[0].select_one("h2").get_text(" ", strip=True)
    assert "18:00" in weeks[0].select_one(".agenda-time").get_text()
    assert "Do the thing." in weeks[0].get_text()  # each activity's steps, for a substitute
    assert len(printout.select(".circle-overview li")) == 3

    # Read in Spanish: the Spanish translation of an activity, where there is one.
    learning = next(
        page for page in circle_library.values() if page.pk in circle.weeks.get(number=2).activity_ids()
    )
    library_es = translation_of(learning.get_parent().specific, "es", title="Biblioteca", slug="biblioteca")
    from tests.factories.activities import in_service

    in_service(learning.get_parent().specific, library_es)
    translation_of(learning, "es", title="Actividad traducida")
    spanish_print = soup(client.get(f"/es/library/circles/{circle.pk}/print/")).get_text()
    assert "Actividad traducida" in spanish_print
    assert "Semana 1" in spanish_print


@pytest.mark.django_db
def test_circle_pages_cost_the_same_with_more_weeks(client, member, circle_library):
    """Within the member budget of the rest of the site (tests/home/test_query_budgets.py),
    and nothing is queried per week or per activity."""
    from core.models import FooterSettings, NavigationSettings

    # The site's settings rows, as a site that has served a page has them.
    NavigationSettings.load()
    FooterSettings.load()
    client.force_login(member)
    new_circle(client, weeks="2")
    small = CirclePlan.objects.get(owner=member)
    new_circle(client, weeks="8", name="Long circle")
    large = CirclePlan.objects.get(owner=member, name="Long circle")
    counts = []
    for circle in (small, large):
        token = circle.share()
        saved = SavedPlanFactory(owner=member, query=circle.weeks.get(number=1).query)
        urls = {
            "circle": circle.get_absolute_url(),
            "circle print": f"/en/library/circles/{circle.pk}/print/",
            "shared circle": f"/en/library/circles/shared/{token}/",
            "shared circle print": f"/en/library/circles/shared/{token}/print/",
            "shared plan": f"/en/library/planner/shared/{saved.share()}/",
            "a week in the planner": circle.weeks.get(number=2).planner_url(),
            "circle plans": CIRCLES,
        }
        counts.append({name: count_queries(client, url) for name, url in urls.items()})
    assert counts[0] == counts[1]
    assert max(counts[1].values()) <= MEMBER_BUDGET, counts[1]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "fr"])
def test_circle_pages_speak_the_readers_language(client, member, circle_library, language):
    from tests.core.test_translations import english_on_page
    from tests.factories.activities import in_service

    library = circle_library["learning0"].get_parent().specific
    in_service(
        library, translation_of(library, language, title=f"Biblioteca {language}", slug=f"library-{language}")
    )
    client.force_login(member)
    response = new_circle(client, weeks="3")
    assert response.status_code == 302, soup(response).select_one("#form-errors")
    circle = CirclePlan.objects.get(owner=member)
    token = circle.share()
    plan = SavedPlanFactory(owner=member, query=circle.weeks.get(number=1).query)
    plan.share()
    paths = [
        f"/{language}/library/circles/",
        f"/{language}/library/circles/{circle.pk}/",
        f"/{language}/library/circles/{circle.pk}/print/",
        f"/{language}/library/circles/shared/{token}/",
        f"/{language}/library/planner/saved/",
        f"/{language}/library/planner/shared/{plan.share_token}/",
        f"/{language}{circle.weeks.get(number=2).planner_url()[3:]}",
    ]
    shown = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        found = english_on_page(response.content.decode(), language)
        if found:
            shown[path] = found
    assert shown == {}


@pytest.mark.django_db
def test_a_revoked_link_is_gone_at_once_from_the_page_cache(client, member, circle_library):
    """Shared plans are public pages, kept in the anonymous page cache like
    any other; revoking bumps the member-content generation (not the
    editorial one of the site's chrome), so the link stops answering at once."""
    from django.core.cache import cache
    from django.test import override_settings

    from core import cache as page_cache
    from core.models import FooterSettings, NavigationSettings

    NavigationSettings.load()
    FooterSettings.load()
    circle = CirclePlanFactory(owner=member)
    plan = SavedPlanFactory(owner=member)
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        urls = [
            f"/en/library/circles/shared/{circle.share()}/",
            f"/en/library/planner/shared/{plan.share()}/",
        ]
        for url in urls:
            client.get(url)
            assert client.get(url)["X-Page-Cache"] == "hit"
        editorial = page_cache.generation(page_cache.PAGES)
        circle.revoke()
        plan.revoke()
        assert all(client.get(url).status_code == 404 for url in urls)
        assert page_cache.generation(page_cache.PAGES) == editorial
    cache.clear()


@pytest.mark.django_db
def test_a_copy_that_does_not_fit_says_why_and_changes_nothing(
    client, member, other_member, library, monkeypatch
):
    monkeypatch.setattr(SavedPlan, "MAX_PER_MEMBER", 1)
    monkeypatch.setattr(CirclePlan, "MAX_PER_MEMBER", 1)
    SavedPlanFactory(owner=other_member)
    CirclePlanFactory(owner=other_member)
    plan_token = SavedPlanFactory(owner=member).share()
    circle_token = CirclePlanFactory(owner=member).share()
    client.force_login(other_member)
    for shared, word in (
        (f"/en/library/planner/shared/{plan_token}/", "plans"),
        (f"/en/library/circles/shared/{circle_token}/", "circle plans"),
    ):
        response = client.post(f"{shared}copy/")
        assert response["Location"] == shared
        assert f"up to 1 {word}" in soup(client.get(shared)).select_one(".messages").get_text()
    assert SavedPlan.objects.filter(owner=other_member).count() == 1
    assert CirclePlan.objects.filter(owner=other_member).count() == 1
