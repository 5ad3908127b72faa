"""Demo content for the activity library: the library page in every
language, the activities in activities/demo_content.py (some translated into
Spanish through wagtail-localize), a few members' submissions still in the
review workflow, and the "Activity review" workflow assigned to the libraries.

Idempotent: anything that exists already (matched by slug) is left alone.
"""

import datetime
import uuid

from django.conf import settings
from django.test.utils import override_settings
from wagtail.models import Locale, WorkflowState

from accounts.models import User
from home.models import HomePage
from home.translation import translate

from .demo_content import ACTIVITIES, CHANGES_REQUESTED, IN_REVIEW, LIBRARY
from .facets import GROUPING, LOW_TECH, PHASE, SETTING
from .models import ActivityIndexPage, ActivityPage
from .submissions import send_for_review
from .workflow import ensure_review_workflow

# Publication dates spread over past months, so "newest" sorts meaningfully.
FIRST_DATE = datetime.datetime(2025, 9, 1, 9, 0, tzinfo=datetime.UTC)


def _uuid(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"circle-commons-demo:activities:{name}"))


def _flags(facet, values):
    chosen = set(values)
    return {option.field: option.value in chosen for option in facet.options}


def build_page(spec):
    """An unsaved ActivityPage from a demo spec."""
    page = ActivityPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        purpose=spec["purpose"],
        duration_min=spec["duration"][0],
        duration_max=spec["duration"][1],
        group_min=spec["group"][0],
        group_max=spec["group"][1],
        materials=spec.get("materials", ""),
        tips=spec.get("tips", ""),
        variations=spec.get("variations", ""),
        credit=spec.get("credit", ""),
        source_url=spec.get("source_url", ""),
        steps=[
            {
                "type": "step",
                "value": {"text": text, "minutes": minutes},
                "id": _uuid(f"{spec['slug']}:step:{number}"),
            }
            for number, (text, minutes) in enumerate(spec["steps"])
        ],
        **_flags(PHASE, spec["phases"]),
        **_flags(GROUPING, spec["grouping"]),
        **_flags(SETTING, spec["setting"]),
        **_flags(LOW_TECH, spec["lowtech"]),
    )
    page.tags.add(*spec["tags"])
    return page


def spanish_strings(spec):
    """{English segment: Spanish text} for a spec with an "es" entry."""
    es = spec["es"]
    strings = {
        spec[name]: es[name]
        for name in ("title", "slug", "summary", "purpose", "materials", "tips", "variations")
        if spec.get(name)
    }
    if spec.get("credit") and es.get("credit"):
        strings[spec["credit"]] = es["credit"]
    for (text, _minutes), translated in zip(spec["steps"], es["steps"], strict=True):
        strings[text] = translated
    return strings


def seed_library(home):
    library = ActivityIndexPage.objects.filter(locale=home.locale).first()
    if library is None:
        library = ActivityIndexPage(
            title=LIBRARY["title"]["en"], slug=LIBRARY["slug"]["en"], intro=LIBRARY["intro"]["en"]
        )
        home.add_child(instance=library)
        library.save_revision().publish()
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        locale = Locale.objects.get(language_code=code)
        if not library.get_translations().filter(locale=locale).exists():
            translate(
                library,
                code,
                {LIBRARY[name]["en"]: LIBRARY[name][code] for name in ("title", "slug", "intro")},
            )
    return library


def seed_activities(library, users):
    created = 0
    pages = {}
    for number, spec in enumerate(ACTIVITIES):
        page = ActivityPage.objects.child_of(library).filter(slug=spec["slug"]).first()
        if page is None:
            page = build_page(spec)
            page.first_published_at = FIRST_DATE + datetime.timedelta(days=5 * number)
            page.submitted_by = users.get(spec.get("submitted_by"))
            page.owner = page.submitted_by
            if spec.get("derived_from"):
                page.derived_from = pages.get(spec["derived_from"])
            library.add_child(instance=page)
            page.save_revision(user=page.owner).publish()
            created += 1
        pages[spec["slug"]] = page
        if "es" in spec:
            spanish = Locale.objects.get(language_code="es")
            if not page.get_translations().filter(locale=spanish).exists():
                translate(page, "es", spanish_strings(spec))
    return created


def _submission(spec, library, user):
    page = ActivityPage.objects.child_of(library).filter(slug=spec["slug"]).first()
    if page is not None:
        return page, False
    page = build_page(spec)
    page.live = False
    page.owner = page.submitted_by = user
    library.add_child(instance=page)
    page.save_revision(user=user)
    return page, True


def seed_submissions(users, editor):
    """Members' submissions waiting in the workflow. No e-mail leaves for demo accounts."""
    libraries = {
        library.locale.language_code: library
        for library in ActivityIndexPage.objects.select_related("locale")
    }
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for spec in IN_REVIEW:
            library = libraries[spec["language"]]
            user = users[spec["submitted_by"]]
            page, created = _submission(spec, library, user)
            if created:
                send_for_review(page, user, library)

        spec = CHANGES_REQUESTED
        library = libraries[spec["language"]]
        user = users[spec["submitted_by"]]
        page, created = _submission(spec, library, user)
        if created:
            send_for_review(page, user, library)
            state = WorkflowState.objects.active().for_instance(page).get()
            state.current_task_state.specific.reject(user=editor, comment=spec["review_comment"])


def seed(stdout=None):
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        return
    library = seed_library(home)
    ensure_review_workflow()
    usernames = {spec.get("submitted_by") for spec in [*ACTIVITIES, *IN_REVIEW, CHANGES_REQUESTED]} - {None}
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    created = seed_activities(library, users)
    editor = User.objects.filter(username="editor").first()
    if len(users) == len(usernames) and editor is not None:
        seed_submissions(users, editor)
    if stdout is not None:
        live = ActivityPage.objects.live().count()
        stdout.write(
            f"Activities: {live} published ({created} new); members' submissions: {len(IN_REVIEW)} in review, 1 sent back with changes requested."
        )
