"""Demo content for the activity library, read from the data files in
activities/demo_data/ (its README.md describes them): the library page in
every language, the activities (some translated into Spanish through
wagtail-localize) and a few members' submissions still in the review
workflow.

Idempotent: anything that exists already (matched by slug) is left alone.
"""

import datetime
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.test.utils import override_settings
from taggit.models import Tag
from wagtail.models import WorkflowState

from accounts.models import User
from core import demo_data
from core.demo_data import DemoDataError
from core.translation import other_languages, translate

from .facets import GROUPING, LOW_TECH, MEETING, MEETINGS, PHASE, SETTING
from .models import ActivityIndexPage, ActivityPage
from .submissions import send_for_review
from .tags import TagName

DATA = Path(__file__).resolve().parent / "demo_data"
# Publication dates spread over past months, so "newest" sorts meaningfully.
FIRST_DATE = datetime.datetime(2025, 9, 1, 9, 0, tzinfo=datetime.UTC)

# The body's sections, by heading, and the page field each fills.
SECTIONS = {
    "Purpose": "purpose",
    "Materials": "materials",
    "Steps": "steps",
    "Tips": "tips",
    "Variations": "variations",
}
# What a translation translates; a translation without a credit keeps the source's.
TRANSLATED = ("slug", "title", "summary", "purpose", "materials", "tips", "variations")
MINUTES = re.compile(r"\s*\((\d+) min\)$")
NUMBERED = re.compile(r"^\d+\.\s+")
SPAN = re.compile(r"^(\d+)(?:-(\d+)|(\+))?$")


# Reading the files -------------------------------------------------------------


def paragraphs(text):
    """The paragraphs of a Markdown text (separated by blank lines), each
    unwrapped onto one line."""
    blocks = re.split(r"\n[ \t]*\n", text.strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()]


def split_minutes(text):
    """'Go around. (5 min)' -> ('Go around.', 5); without the note, minutes are None."""
    match = MINUTES.search(text)
    if match is None:
        return text, None
    return text[: match.start()], int(match.group(1))


def numbered_items(text, path):
    """The items of a numbered Markdown list ('1. ...'), each unwrapped."""
    items = []
    for line in text.splitlines():
        if NUMBERED.match(line):
            items.append(NUMBERED.sub("", line).strip())
        elif line.strip() and items and line[:1].isspace():
            items[-1] += " " + line.strip()
        elif line.strip():
            raise DemoDataError(f"{path}: write the steps as a numbered list ('1. ...'), not {line!r}.")
    return items


def _span(document, key):
    """'5-15' -> (5, 15), '10' -> (10, 10), '4+' -> (4, None)."""
    match = SPAN.match(str(document[key]).replace(" ", ""))
    if match is None:
        raise DemoDataError(
            f"{document.path}: {key} is a number or a range such as 5-15 (or 4+), not {document[key]!r}."
        )
    low = int(match.group(1))
    return low, None if match.group(3) else int(match.group(2) or low)


def read_text(document):
    """The activity's texts: the translatable keys of the front matter and
    the sections of the body ({field: text}, steps as [(text, minutes)])."""
    texts = {key: document[key] for key in ("slug", "title", "summary", "credit") if document.get(key)}
    for heading, text in demo_data.sections(document.body):
        field = SECTIONS.get(heading)
        if field is None:
            raise DemoDataError(
                f"{document.path}: the body is made of sections headed {', '.join(SECTIONS)}, not {heading!r}."
            )
        if field == "steps":
            texts[field] = [split_minutes(item) for item in numbered_items(text, document.path)]
        else:
            texts[field] = "\n\n".join(paragraphs(text))
    return texts


def read(document):
    """Everything a source file says about its activity, as a dict."""
    spec = read_text(document)
    spec.setdefault("steps", [])
    spec.update(
        duration=_span(document, "minutes"),
        group=_span(document, "people"),
        language=document.get("language", settings.LANGUAGE_CODE),
        **{key: document.get(key) for key in ("source_url", "submitted_by", "derived_from", "status")},
        **{
            key: list(document.get(key) or []) for key in ("phases", "grouping", "setting", "lowtech", "tags")
        },
        # Which meetings of a circle it suits; every one unless it says.
        meetings=list(document.get("meetings") or MEETINGS),
    )
    unknown = set(spec["meetings"]) - set(MEETINGS)
    if unknown:
        raise DemoDataError(
            f"{document.path}: meetings are {', '.join(MEETINGS)}, not {', '.join(sorted(unknown))}."
        )
    spec["review_comment"] = document.get("review_comment", "")
    return spec


def translation_strings(spec, translation):
    """{source segment: translated text} for `translate`, pairing the
    translation's texts with the source's field by field and step by step."""
    translated = read_text(translation)
    strings = {}
    for name in TRANSLATED:
        if spec.get(name):
            if not translated.get(name):
                raise DemoDataError(f"{translation.path}: the source has {name}; translate it too.")
            strings[spec[name]] = translated[name]
    if spec.get("credit") and translated.get("credit"):
        strings[spec["credit"]] = translated["credit"]
    steps = translated.get("steps", [])
    if len(steps) != len(spec["steps"]):
        raise DemoDataError(
            f"{translation.path}: {len(steps)} steps where the source has {len(spec['steps'])}."
        )
    for (text, minutes), (translated_text, translated_minutes) in zip(spec["steps"], steps, strict=True):
        if translated_minutes not in (None, minutes):
            raise DemoDataError(
                f"{translation.path}: step {translated_text!r} says {translated_minutes} min, the source {minutes}."
            )
        strings[text] = translated_text
    return strings


# Building the pages ----------------------------------------------------------------


def _uuid(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"circle-commons-demo:activities:{name}"))


def _flags(facet, values):
    chosen = set(values)
    return {option.field: option.value in chosen for option in facet.options}


def build_page(spec):
    """An unsaved ActivityPage from what a data file says."""
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
        source_url=spec.get("source_url") or "",
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
        **_flags(MEETING, spec["meetings"]),
    )
    page.tags.add(*spec["tags"])
    return page


def _members(specs):
    usernames = {spec["submitted_by"] for spec in specs if spec.get("submitted_by")} | {"editor"}
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    missing = usernames - set(users)
    if missing:
        raise DemoDataError(
            f"The activities name demo accounts that do not exist: {', '.join(sorted(missing))}."
        )
    return users


def seed_library(home):
    (document,) = demo_data.load(DATA / "library")
    intro = "\n\n".join(paragraphs(document.body))
    library = ActivityIndexPage.objects.filter(locale=home.locale).first()
    if library is None:
        library = ActivityIndexPage(title=document["title"], slug=document["slug"], intro=intro)
        home.add_child(instance=library)
        library.save_revision().publish()
    for code, _name in settings.LANGUAGES:
        translation = document.translated(code)
        if code == settings.LANGUAGE_CODE or translation is None:
            continue
        if not library.get_translations().filter(locale__language_code=code).exists():
            strings = {
                document["title"]: translation["title"],
                document["slug"]: translation["slug"],
                intro: "\n\n".join(paragraphs(translation.body)),
            }
            translate(library, code, strings)
    return library


def seed_activities(library, documents, users):
    created = 0
    pages = {}
    for number, document in enumerate(documents):
        spec = read(document)
        page = ActivityPage.objects.child_of(library).filter(slug=spec["slug"]).first()
        if page is None:
            page = build_page(spec)
            page.first_published_at = FIRST_DATE + datetime.timedelta(days=5 * number)
            page.submitted_by = users.get(spec["submitted_by"])
            page.owner = page.submitted_by
            if spec["derived_from"]:
                page.derived_from = pages[spec["derived_from"]]
            library.add_child(instance=page)
            page.save_revision(user=page.owner).publish()
            created += 1
        pages[spec["slug"]] = page
        for code, translation in document.translations.items():
            if not page.get_translations().filter(locale__language_code=code).exists():
                translate(page, code, translation_strings(spec, translation))
    return created


def seed_submissions(documents, users):
    """Members' submissions waiting in the workflow, or sent back with the
    editor's comment. No e-mail leaves for demo accounts."""
    libraries = {
        library.locale.language_code: library
        for library in ActivityIndexPage.objects.select_related("locale")
    }
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for document in documents:
            spec = read(document)
            library = libraries[spec["language"]]
            if ActivityPage.objects.child_of(library).filter(slug=spec["slug"]).exists():
                continue
            user = users[spec["submitted_by"]]
            page = build_page(spec)
            page.live = False
            page.owner = page.submitted_by = user
            library.add_child(instance=page)
            page.save_revision(user=user)
            send_for_review(page, user)
            if spec["status"] == "changes requested":
                state = WorkflowState.objects.active().for_instance(page).get()
                state.current_task_state.specific.reject(user=users["editor"], comment=spec["review_comment"])


def seed_tag_names():
    """Each demo tag's name in Spanish and French (tags.md), for the tags
    the activities use; a name an editor has since written is kept."""
    rows = demo_data.parse(DATA / "tags.md")["tags"]
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=[row["name"] for row in rows])}
    for row in rows:
        tag = tags.get(row["name"])
        if tag is None:
            continue
        names, _created = TagName.objects.get_or_create(tag=tag)
        missing = {
            f"name_{code}": row[code]
            for code in other_languages()
            if row.get(code) and not getattr(names, f"name_{code}")
        }
        if missing:
            TagName.objects.filter(pk=tag.pk).update(**missing)


ITEM_KINDS = {"coursework", "break", "free"}


def circle_weeks(document, library):
    """The week queries of a circle plan's data file, each the planner query
    the planner itself would write (activities found by slug in `library`)."""
    from . import planner, plans, rules

    slugs = {
        item[kind] for week in document["weeks"] for item in week for kind in item if kind in rules.ROLES
    }
    pages = {page.slug: page.pk for page in ActivityPage.objects.child_of(library).filter(slug__in=slugs)}
    missing = slugs - set(pages)
    if missing:
        raise DemoDataError(f"{document.path}: no activity with the slug {', '.join(sorted(missing))}.")
    found = plans.load_candidates(library, picked=pages.values())
    count = len(document["weeks"])
    hours, minutes = (int(part) for part in str(document.get("start", "18:00")).split(":"))
    queries = []
    for number, week in enumerate(document["weeks"], start=1):
        rows = []
        for item in week:
            ((kind, value),) = item.items()
            if kind in rules.ROLES:
                rows.append(plans.Row(kind, pages[value]))
            elif kind == "free":
                rows.append(plans.Row(kind, note=str(value)))
            elif kind in ITEM_KINDS:
                rows.append(plans.Row(kind, minutes=int(value), minutes_text=str(value)))
            else:
                raise DemoDataError(f"{document.path}: week {number} has an item {kind!r}.")
        meeting = {
            "budget": document.get("budget", planner.DEFAULT_BUDGET),
            "people": document.get("people"),
            "setting": document.get("setting"),
            "meeting": planner.meeting_of_week(number, count),
            "start": hours * 60 + minutes,
        }
        plan, dropped = plans.build_plan(meeting, rows, found)
        if dropped:
            raise DemoDataError(
                f"{document.path}: week {number} names an activity that cannot fill its role."
            )
        options = plans.Options(coursework=plan.coursework, with_break=bool(plan.in_role(planner.BREAK)))
        queries.append(plans.query_for(plan, options))
    return queries


def seed_circles(library, documents):
    """Demo members' circle plans (circles/), shared by link where the file says so."""
    from .models import CirclePlan, CircleWeek

    made = 0
    for document in documents:
        owner = User.objects.filter(username=document["owner"]).first()
        if owner is None:
            raise DemoDataError(f"{document.path}: no demo account {document['owner']!r}.")
        if CirclePlan.objects.filter(owner=owner, name=document["name"]).exists():
            continue
        queries = circle_weeks(document, library)
        circle = CirclePlan.objects.create(
            owner=owner, name=document["name"], language=document.get("language", settings.LANGUAGE_CODE)
        )
        CircleWeek.objects.bulk_create(
            CircleWeek(circle=circle, number=number, query=query)
            for number, query in enumerate(queries, start=1)
        )
        if document.get("shared"):
            circle.share()
        made += 1
    return made


def seed(home, stdout=None):
    """Load this app's demo content under `home`, the default language's home page."""
    activities = demo_data.load(DATA / "activities")
    submissions = demo_data.load(DATA / "submissions")
    users = _members([read(document) for document in [*activities, *submissions]])
    library = seed_library(home)
    created = seed_activities(library, activities, users)
    seed_submissions(submissions, users)
    seed_tag_names()
    circles = seed_circles(library, demo_data.load(DATA / "circles"))
    if stdout is not None:
        waiting = sum(1 for document in submissions if document.get("status") == "in review")
        live = ActivityPage.objects.live().count()
        stdout.write(
            f"Activities: {live} published ({created} new); members' submissions: {waiting} in review, "
            f"{len(submissions) - waiting} sent back with changes requested; "
            f"circle plans: {circles} new."
        )
