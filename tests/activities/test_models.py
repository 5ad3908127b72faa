import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Page

from activities import rules
from activities.models import ActivityIndexPage, ActivityPage
from activities.plans import candidate_from
from activities.tags import MAX_TAG_LENGTH, MAX_TAGS, normalise_tags, split_tags
from core.translation import translate
from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_page_tree_rules(home, library):
    assert ActivityIndexPage.allowed_parent_page_models() == [HomePage]
    assert ActivityPage.allowed_parent_page_models() == [ActivityIndexPage]
    assert ActivityPage.can_create_at(library)
    assert not ActivityPage.can_create_at(home)
    assert not ActivityPage.allowed_subpage_models()
    assert not ActivityIndexPage.can_create_at(Page.get_first_root_node())


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"duration_min": 20, "duration_max": 10}, "duration_max"),
        ({"duration_min": 0, "duration_max": 10}, "duration_min"),
        ({"duration_min": 10, "duration_max": 500}, "duration_max"),
        ({"group_min": 10, "group_max": 4}, "group_max"),
        ({"group_min": 0}, "group_min"),
        ({"phase_learning": False}, "phase_check_in"),
        ({"grouping_whole_group": False}, "grouping_solo"),
        ({"setting_in_person": False}, "setting_in_person"),
        (
            {
                "duration_max": 12,
                "steps": [
                    ("step", {"text": "Long", "minutes": 10}),
                    ("step", {"text": "Longer", "minutes": 5}),
                ],
            },
            "steps",
        ),
    ],
)
def test_clean_rejects_inconsistent_activities(make_activity, fields, field):
    page = make_activity("Rules")
    for name, value in fields.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert field in error.value.message_dict


@translation.override("en")
def test_clean_accepts_a_consistent_activity_and_no_upper_group_limit(make_activity):
    page = make_activity("Fine", duration_min=10, duration_max=10, group_min=1, group_max=None)
    page.clean()
    assert page.group_display == "any group size"
    assert page.duration_display == "10 min"


def test_an_activity_cannot_be_derived_from_itself(make_activity):
    page = make_activity("Self")
    page.derived_from = page
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "derived_from" in error.value.message_dict


@translation.override("en")
def test_display_helpers(make_activity):
    page = make_activity(
        "Display",
        duration_min=5,
        duration_max=20,
        group_min=4,
        group_max=12,
        phase_check_in=True,
        phase_reflection=True,
        setting_online=True,
        no_internet=True,
    )
    assert page.duration_display == "5–20 min"
    assert page.group_display == "4–12 people"
    assert [str(label) for label in page.phases] == ["Check-in", "Learning activity", "Reflection"]
    assert [str(label) for label in page.settings_list] == ["In person", "Online"]
    assert [str(label) for label in page.low_tech] == ["No internet"]
    assert page.step_minutes_total == 5
    assert page.planner_role == "checkin"
    assert page.licence == "cc-by-sa-4.0"
    page.group_max = None
    assert page.group_display == "4+ people"


def test_fit_rules_say_the_same_in_python_and_in_sql(make_activity):
    """Each rule of activities.rules, as a predicate (pages, planner
    candidates) and as a database condition (filters, planner queries)."""
    short = make_activity("Short", duration_min=5, duration_max=10, group_min=2, group_max=6)
    long = make_activity("Long", duration_min=30, duration_max=45, group_min=8, group_max=None)
    assert rules.fits_in(short, 5) and not rules.fits_in(short, 4)
    assert rules.lasts_at_least(long, 45) and not rules.lasts_at_least(long, 46)
    assert rules.works_for(short, 6) and not rules.works_for(short, 7) and not rules.works_for(short, 1)
    assert rules.works_for(long, 8) and rules.works_for(long, 300) and not rules.works_for(long, 7)
    # The planner's candidates follow the same rules.
    assert candidate_from(short).fits_group(6) and not candidate_from(short).fits_group(7)
    assert candidate_from(long).fits_group(300) and candidate_from(long).fits_group(None)

    pks = {short.pk, long.pk}
    mine = ActivityPage.objects.filter(pk__in=pks)
    assert set(mine.filter(rules.fits_in_q(10)).values_list("pk", flat=True)) == {short.pk}
    assert set(mine.filter(rules.fits_in_q(30)).values_list("pk", flat=True)) == pks
    assert set(mine.filter(rules.lasts_at_least_q(40)).values_list("pk", flat=True)) == {long.pk}
    assert set(mine.filter(rules.works_for_q(6)).values_list("pk", flat=True)) == {short.pk}
    assert set(mine.filter(rules.works_for_q(12)).values_list("pk", flat=True)) == {long.pk}
    assert set(mine.filter(rules.works_for_q(7)).values_list("pk", flat=True)) == set()


@pytest.mark.parametrize(
    "phases, role",
    [
        (["check-in", "reflection"], "checkin"),
        (["energizer", "learning"], "learning"),
        (["energizer"], "energizer"),
        (["closing"], "reflection"),
        ([], "learning"),
    ],
)
def test_an_activity_goes_first_into_the_first_role_its_phases_fill(phases, role):
    assert rules.first_role(phases) == role
    assert rules.can_fill(phases, role) or not phases


def test_tagged_with_all_needs_every_tag(make_activity):
    both = make_activity("Both", tags=["online", "quiet"])
    one = make_activity("One", tags=["online"])
    mine = ActivityPage.objects.filter(pk__in=[both.pk, one.pk])
    assert set(mine.tagged_with_all(["online"]).values_list("pk", flat=True)) == {both.pk, one.pk}
    assert list(mine.tagged_with_all(["online", "quiet"]).values_list("pk", flat=True)) == [both.pk]


def test_related_activities_share_tags_first_then_phase(make_activity):
    page = make_activity("Centre", tags=["zz-alpha", "zz-beta"], phase_learning=True)
    two_tags = make_activity(
        "Two tags", tags=["zz-alpha", "zz-beta"], phase_learning=False, phase_energizer=True
    )
    one_tag = make_activity("One tag", tags=["zz-alpha"], phase_learning=False, phase_closing=True)
    same_phase = make_activity("Same phase")
    unrelated = make_activity("Unrelated", phase_learning=False, phase_closing=True)
    related = page.related_activities(limit=100)
    ours = [
        activity
        for activity in related
        if activity.pk in {two_tags.pk, one_tag.pk, same_phase.pk, unrelated.pk}
    ]
    assert ours[:2] == [two_tags, one_tag]
    assert same_phase in ours
    assert unrelated not in ours
    assert page not in related


def test_tags_are_kept_in_sync_across_translations(make_activity, spanish):
    page = make_activity("Synced", tags=["pairs", "quiet"])
    translated = translate(page, "es", {"Synced": "Sincronizada"})
    assert translated.title == "Sincronizada"
    assert sorted(translated.tags.names()) == ["pairs", "quiet"]

    page.tags.add("online")
    page.save_revision().publish()
    translated = translate(page, "es", {"Synced": "Sincronizada"})
    translated.refresh_from_db()
    assert sorted(translated.tags.names()) == ["online", "pairs", "quiet"]
    # Tags are not offered to translators as text to translate.
    from wagtail_localize.models import StringSegment, TranslationSource

    source = TranslationSource.objects.get(object_id=page.translation_key)
    segments = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert "online" not in segments and "Synced" in segments


def test_translated_library_lists_untranslated_activities_of_the_default_language(
    make_activity, library, spanish
):
    translated_one = make_activity("Translated")
    english_only = make_activity("English only")
    spanish_library = translate(library, "es", {"Test library": "Biblioteca de prueba"})
    spanish_copy = translate(translated_one, "es", {"Translated": "Traducida"})

    listed = set(spanish_library.activities().values_list("pk", flat=True))
    assert spanish_copy.pk in listed
    assert english_only.pk in listed
    assert translated_one.pk not in listed  # shown once, in Spanish
    assert set(library.activities().values_list("pk", flat=True)) == {translated_one.pk, english_only.pk}


def test_a_submission_waits_until_it_is_first_published(make_activity):
    draft = make_activity("Waiting", publish=False)
    published = make_activity("Published")
    mine = ActivityPage.objects.filter(pk__in=[draft.pk, published.pk])
    assert list(mine.awaiting_publication()) == [draft]
    assert rules.awaiting_publication(draft) and not rules.awaiting_publication(published)
    published.unpublish()  # taken down after publication: it waits for nothing
    published.refresh_from_db()
    assert not rules.awaiting_publication(published)
    assert list(mine.awaiting_publication()) == [draft]


def test_drafts_and_private_pages_are_not_listed(make_activity, library):
    live = make_activity("Live")
    draft = make_activity("Draft", publish=False)
    listed = set(library.activities().values_list("pk", flat=True))
    assert live.pk in listed and draft.pk not in listed


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Online, quiet groups,online ;  PAIRS ", ["online", "quiet groups", "pairs"]),
        ("  first_meeting,, ,-energy- ", ["first meeting", "energy"]),
        ("", []),
    ],
)
def test_tags_are_normalised(text, expected):
    assert split_tags(text) == expected
    assert normalise_tags(text) == expected


def test_tag_limits():
    with pytest.raises(ValidationError):
        normalise_tags(", ".join(f"tag{number}" for number in range(MAX_TAGS + 1)))
    with pytest.raises(ValidationError):
        normalise_tags("x" * (MAX_TAG_LENGTH + 1))
    with pytest.raises(ValidationError):
        normalise_tags("<script>")
    assert len(normalise_tags(", ".join(f"tag{number}" for number in range(MAX_TAGS)))) == MAX_TAGS
