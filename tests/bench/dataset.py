"""Build the benchmark's large dataset on top of the demo content.

Run after `migrate` and `seed_demo`, with the same environment:

    python tests/bench/dataset.py            # prints progress, then one JSON line

Adds (through the apps' own models and APIs):
- ACTIVITIES published ActivityPages under the English library, with varied
  phases, durations, group sizes, groupings, settings and tags;
- GUIDES published GuidePages under the English guide index, each body with
  headings, rich text, a callout, steps, an FAQ, a quote and an activity card;
- THREADS forum threads (Thread.start) with POSTS_PER_THREAD posts each: the
  replies are bulk-created with their rendered Markdown, then the forum's own
  `recount_forum` command sets the counters and each thread is re-indexed.

The last line printed is JSON with the URLs the benchmark measures.
Deterministic: the same content every time (random.Random with a fixed seed).
"""

import datetime
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ACTIVITIES = int(os.environ.get("BENCH_ACTIVITIES", "1000"))
GUIDES = int(os.environ.get("BENCH_GUIDES", "100"))
THREADS = int(os.environ.get("BENCH_THREADS", "300"))
POSTS_PER_THREAD = int(os.environ.get("BENCH_POSTS_PER_THREAD", "40"))
BENCH_USERS = 24
# The pages measured: the same ones at every size of the dataset (the
# benchmark compares a page's figures at 1x and 5x).
MEASURED_ACTIVITY = os.environ.get("BENCH_MEASURED_ACTIVITY", "bench-activity-0050")
MEASURED_GUIDE = os.environ.get("BENCH_MEASURED_GUIDE", "bench-guide-005")

# The filtered library URL: phase + duration ("fits in N minutes") + one tag.
FILTER_PHASE = "reflection"
FILTER_FITS = 30
FILTER_TAG = "listening"
SEARCH_WORD = "listening"

START = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)

TAGS = [
    "listening",
    "discussion",
    "icebreaker",
    "reflection-prompts",
    "quiet-groups",
    "large-groups",
    "online",
    "writing",
    "drawing",
    "movement",
    "games",
    "feedback",
    "goals",
    "motivation",
    "review",
    "memory",
    "peer-learning",
    "projects",
    "reading",
    "video",
    "mixed-experience",
    "first-meeting",
    "last-meeting",
    "energy",
    "wellbeing",
    "questions",
    "sticky-notes",
    "pairs",
    "storytelling",
    "planning",
]
VERBS = [
    "Map",
    "Share",
    "Sort",
    "Swap",
    "Rank",
    "Sketch",
    "Name",
    "Trace",
    "Pitch",
    "Gather",
    "Mirror",
    "Build",
]
OBJECTS = [
    "the week",
    "a question",
    "three words",
    "the hardest part",
    "a small win",
    "what stuck",
    "the next step",
    "a favourite example",
    "the muddiest point",
    "one surprise",
    "a shared goal",
    "the room's energy",
]
MODES = ["in a circle", "in pairs", "on sticky notes", "on a shared board", "out loud", "in silence"]
SENTENCES = [
    "Each person takes a turn while the others practise listening without interrupting.",
    "The facilitator keeps time gently and joins in as a peer, not as a teacher.",
    "It works best when the prompt is concrete and the stakes are low.",
    "Quieter members get a clear moment to speak before the discussion opens up.",
    "Write the prompt where everyone can see it and read it aloud once.",
    "Afterwards, ask what people noticed about how the group worked together.",
    "Keep the tone light: nobody is graded and nothing has to be perfect.",
    "Online, use the chat for the first round so everyone answers at once.",
    "If the group is large, split into small groups and gather one idea from each.",
    "Close by naming one thing the circle will try before the next meeting.",
]
PHASES = ["phase_check_in", "phase_energizer", "phase_learning", "phase_reflection", "phase_closing"]
GROUPINGS = ["grouping_solo", "grouping_pairs", "grouping_small_groups", "grouping_whole_group"]
SETTINGS = ["setting_in_person", "setting_online", "setting_hybrid"]
LOW_TECH = ["no_projector", "no_internet", "no_writing_materials"]
DURATIONS = [(5, 5), (5, 10), (10, 15), (10, 20), (15, 30), (20, 40), (30, 45), (45, 60), (60, 90)]
GROUPS = [(2, None), (3, 12), (4, 20), (2, 8), (6, None), (1, None), (5, 30)]


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    import django

    django.setup()


def log(message, started=None):
    suffix = f" ({time.monotonic() - started:.0f} s)" if started is not None else ""
    print(f"[dataset] {message}{suffix}", flush=True)


def stable_id(*parts):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "circle-commons-bench:" + ":".join(map(str, parts))))


def paragraph(rng, count=3):
    return " ".join(rng.sample(SENTENCES, count))


def bench_users():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    users = []
    for number in range(BENCH_USERS):
        username = f"bench{number:02d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                email=f"{username}@bench.example",
                display_name=f"Bench member {number}",
                is_facilitator=number % 2 == 0,
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users.append(user)
    return users


# Activities -----------------------------------------------------------------


def build_activity(number, rng):
    from activities.models import ActivityPage

    verb, thing, mode = rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(MODES)
    low, high = DURATIONS[number % len(DURATIONS)]
    group_min, group_max = GROUPS[number % len(GROUPS)]
    flags = {name: False for name in PHASES + GROUPINGS + SETTINGS + LOW_TECH}
    # One or two phases, at least one grouping and setting, some low-tech uses.
    for name in {PHASES[number % len(PHASES)], rng.choice(PHASES)}:
        flags[name] = True
    for name in rng.sample(GROUPINGS, rng.randint(1, 2)):
        flags[name] = True
    for name in rng.sample(SETTINGS, rng.randint(1, 2)):
        flags[name] = True
    for name in rng.sample(LOW_TECH, rng.randint(0, 2)):
        flags[name] = True
    step_count = rng.randint(2, 4)
    step_minutes = max(1, low // step_count)
    steps = [
        {
            "type": "step",
            "value": {"text": rng.choice(SENTENCES), "minutes": step_minutes},
            "id": stable_id("activity", number, "step", position),
        }
        for position in range(step_count)
    ]
    page = ActivityPage(
        title=f"{verb} {thing} {mode} ({number + 1})",
        slug=f"bench-activity-{number + 1:04d}",
        summary=f"{verb} {thing} {mode}: {rng.choice(SENTENCES)}",
        purpose=paragraph(rng, 3),
        duration_min=low,
        duration_max=high,
        group_min=group_min,
        group_max=group_max,
        materials=rng.choice(
            ["", "Sticky notes and pens.", "A timer and a shared board.", "Nothing at all."]
        ),
        tips=paragraph(rng, 2),
        variations=paragraph(rng, 1),
        steps=steps,
        first_published_at=START + datetime.timedelta(hours=7 * number),
        **flags,
    )
    page.tags.add(*rng.sample(TAGS, rng.randint(2, 5)))
    return page


def add_activities(users, rng):
    from activities.models import ActivityIndexPage, ActivityPage

    library = ActivityIndexPage.objects.get(locale__language_code="en")
    existing = set(
        ActivityPage.objects.child_of(library)
        .filter(slug__startswith="bench-activity-")
        .values_list("slug", flat=True)
    )
    started = time.monotonic()
    created = []
    for number in range(ACTIVITIES):
        page = build_activity(number, rng)
        if page.slug in existing:
            continue
        page.owner = page.submitted_by = users[number % len(users)] if number % 3 == 0 else None
        library.add_child(instance=page)
        page.save_revision(user=page.owner).publish()
        created.append(page)
        if (number + 1) % 100 == 0:
            log(f"activities: {number + 1}/{ACTIVITIES}", started)
    log(f"activities: {len(created)} created", started)
    return library


# Guides ---------------------------------------------------------------------


def guide_body(number, rng, activity_ids):
    def rich(count):
        return "".join(f"<p>{sentence}</p>" for sentence in rng.sample(SENTENCES, count))

    def block(position, kind, value):
        return {"type": kind, "value": value, "id": stable_id("guide", number, position)}

    def items(position, values):
        return [
            {"type": "item", "value": value, "id": stable_id("guide", number, position, index)}
            for index, value in enumerate(values)
        ]

    return [
        block(0, "paragraph", rich(3)),
        block(1, "heading", {"text": "Before the meeting", "level": "h2"}),
        block(2, "paragraph", rich(4)),
        block(
            3,
            "callout",
            {"kind": rng.choice(["tip", "watch_out", "example"]), "title": "Remember", "text": rich(2)},
        ),
        block(4, "heading", {"text": "During the meeting", "level": "h2"}),
        block(
            5,
            "steps",
            {
                "title": "How it goes",
                "steps": items(5, [{"title": f"Step {n + 1}", "detail": rich(1)} for n in range(4)]),
            },
        ),
        block(6, "activity", {"activity": rng.choice(activity_ids), "note": rng.choice(SENTENCES)}),
        block(7, "quote", {"quote": rng.choice(SENTENCES), "attribution": "A facilitator"}),
        block(8, "heading", {"text": "Questions people ask", "level": "h2"}),
        block(
            9,
            "faq",
            {
                "title": "FAQ",
                "questions": items(
                    9,
                    [
                        {"question": f"What if {rng.choice(OBJECTS)} goes wrong?", "answer": rich(2)}
                        for _ in range(3)
                    ],
                ),
            },
        ),
        block(10, "paragraph", rich(3)),
    ]


def add_guides(rng):
    from activities.models import ActivityPage
    from guides.models import GuideIndexPage, GuidePage, GuideRelatedLink, GuideSection

    index = GuideIndexPage.objects.get(locale__language_code="en")
    sections = list(GuideSection.objects.filter(locale=index.locale).order_by("sort_order", "pk"))
    activity_ids = list(
        ActivityPage.objects.live()
        .filter(locale=index.locale, slug__startswith="bench-activity-")
        .values_list("pk", flat=True)[:200]
    )
    existing = set(
        GuidePage.objects.child_of(index)
        .filter(slug__startswith="bench-guide-")
        .values_list("slug", flat=True)
    )
    started = time.monotonic()
    pages = []
    for number in range(GUIDES):
        slug = f"bench-guide-{number + 1:03d}"
        if slug in existing:
            continue
        page = GuidePage(
            title=f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}: a facilitation guide ({number + 1})",
            slug=slug,
            summary=paragraph(rng, 1),
            section=sections[number % len(sections)] if sections else None,
            body=guide_body(number, rng, activity_ids),
            last_reviewed=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
        if (number + 1) % 25 == 0:
            log(f"guides: {number + 1}/{GUIDES}", started)
    for number, page in enumerate(pages):
        for order, other in enumerate((pages[(number + 1) % len(pages)], pages[(number + 7) % len(pages)])):
            if other.pk != page.pk:
                GuideRelatedLink.objects.create(page=page, guide=other, sort_order=order)
    log(f"guides: {len(pages)} created", started)
    return index


# Forum ----------------------------------------------------------------------


def add_forum(users, rng):
    from django.core.management import call_command

    from forum.models import Category, Post, Thread, render_markdown

    categories = list(Category.objects.order_by("order"))
    existing = Thread.objects.filter(title__startswith="[bench]").count()
    started = time.monotonic()
    threads = []
    for number in range(existing, THREADS):
        author = users[number % len(users)]
        created = START + datetime.timedelta(hours=6 * number)
        thread = Thread.start(
            category=categories[number % len(categories)],
            author=author,
            title=f"[bench] How do you {rng.choice(VERBS).lower()} {rng.choice(OBJECTS)} {rng.choice(MODES)}? ({number + 1})",
            source=f"{paragraph(rng, 3)}\n\nHas anyone tried this with a group that is mostly **new** to the topic?",
            is_question=number % 4 == 0,
            tags=rng.sample(TAGS, 2),
            created=created,
        )
        replies = []
        for reply in range(1, POSTS_PER_THREAD):
            source = (
                f"{paragraph(rng, 2)}\n\n- {rng.choice(OBJECTS)}\n- {rng.choice(OBJECTS)}\n\n"
                f"Thanks @{users[(number + reply) % len(users)].username}, that helped."
            )
            html, _mentions = render_markdown(source)
            replies.append(
                Post(
                    thread=thread,
                    author=users[(number + reply) % len(users)],
                    source=source,
                    html=html,
                    created=created + datetime.timedelta(minutes=17 * reply),
                )
            )
        Post.objects.bulk_create(replies, batch_size=500)
        threads.append(thread)
        if (number + 1) % 50 == 0:
            log(f"threads: {number + 1}/{THREADS}", started)
    call_command("recount_forum")
    for thread in threads:
        # The thread's search text includes its posts, which bulk_create did not announce.
        thread.update_search_index()
    log(f"forum: {len(threads)} threads created, counters recounted, search index updated", started)


# URLs the benchmark measures -------------------------------------------------


def measured_urls():
    from django.db.models import Count

    from activities.models import ActivityIndexPage, ActivityPage
    from forum.models import Thread
    from guides.models import GuidePage

    library = ActivityIndexPage.objects.get(locale__language_code="en")
    activity = (
        ActivityPage.objects.live().filter(slug=MEASURED_ACTIVITY).first()
        or ActivityPage.objects.live().first()
    )
    guide = GuidePage.objects.live().filter(slug=MEASURED_GUIDE).first() or GuidePage.objects.live().first()
    thread = (
        Thread.objects.visible()
        .filter(title__startswith="[bench]")
        .annotate(posts_total=Count("posts"))
        .filter(posts_total=POSTS_PER_THREAD)
        .order_by("pk")
        .first()
    )
    return {
        "home": "/en/",
        "guide": guide.url,
        "activity list (filtered)": (
            f"{library.url}?phase={FILTER_PHASE}&fits={FILTER_FITS}&tag={FILTER_TAG}"
        ),
        "activity": activity.url,
        "forum latest": "/en/forum/latest/",
        "thread (40 posts)": thread.get_absolute_url(),
        "search": f"/en/search/?q={SEARCH_WORD}",
    }


def counts():
    from activities.models import ActivityPage
    from forum.models import Post, Thread
    from guides.models import GuidePage

    return {
        "activities": ActivityPage.objects.live().count(),
        "guides": GuidePage.objects.live().count(),
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
    }


def main():
    setup_django()
    from django.utils import translation

    started = time.monotonic()
    rng = random.Random(2026)  # noqa: S311 - reproducible content, not security
    translation.activate("en")
    users = bench_users()
    add_activities(users, rng)
    add_guides(rng)
    add_forum(users, rng)
    totals = counts()
    log(f"done: {totals}", started)
    print(json.dumps({"urls": measured_urls(), "counts": totals}), flush=True)


if __name__ == "__main__":
    main()
