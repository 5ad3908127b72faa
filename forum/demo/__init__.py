"""Demo forum content: categories, threads with replies, likes, an accepted
answer, a flag waiting for the moderators, notifications and read markers.

The content is data, read with core.demo_data: categories.md, members.md
and one file per thread in threads/ (README.md beside this module says how
they are written). This module turns the files into rows.

Idempotent and deterministic: every moment is "day N at HH:MM" from
DEMO_START, and each object is looked up before it is created, so running
it twice changes nothing. No e-mail is sent: the model methods store posts
without the write operations' limits and notifications, and the
notifications members would have had are created here with the posts' times.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from core import demo_data
from core.translation import other_languages

from ..models import (
    Category,
    CategoryWatch,
    Flag,
    ForumProfile,
    Like,
    ModerationLog,
    Notification,
    Post,
    PostRevision,
    Thread,
    ThreadRead,
)

DATA = Path(__file__).resolve().parent
DEMO_START = datetime(2026, 9, 7, 9, 0, tzinfo=UTC)

MOMENT = re.compile(r"day (\d+) at (\d{1,2}):(\d{2})")
POST_HEADING = re.compile(r"Post (\d+) by (\S+), (day .+)")
REVISION_HEADING = re.compile(r"Post (\d+) as first written, replaced on (day .+)")


def at(days, hours=0, minutes=0):
    return DEMO_START + timedelta(days=days, hours=hours, minutes=minutes)


def moment(text, where):
    """'day 2 at 14:00' -> that moment (UTC), counted from DEMO_START's day."""
    match = MOMENT.fullmatch(str(text).strip())
    if match is None:
        raise demo_data.DemoDataError(f"{where}: a moment is written 'day N at HH:MM', not {text!r}.")
    days, hours, minutes = (int(part) for part in match.groups())
    midnight = DEMO_START.replace(hour=0, minute=0)
    return midnight + timedelta(days=days, hours=hours, minutes=minutes)


# --- Reading the files -----------------------------------------------------------


@dataclass
class PostSpec:
    author: str
    created: datetime
    text: str
    first_written: str | None = None  # the earlier version, when the post was edited
    replaced_at: datetime | None = None
    liked_by: list = field(default_factory=list)


@dataclass
class ThreadSpec:
    path: Path
    title: str
    category: str
    posts: list
    tags: list = field(default_factory=list)
    question: bool = False
    pinned: bool = False
    locked: bool = False
    answer: int | None = None  # the accepted answer's post number
    moderation: list = field(default_factory=list)
    flag: dict | None = None
    language: str = settings.LANGUAGE_CODE  # what it is written in


THREAD_KEYS = {
    "language",
    "title",
    "category",
    "tags",
    "question",
    "pinned",
    "locked",
    "answer",
    "moderation",
    "likes",
    "flag",
}


def read_thread(document):
    """A thread file: its front matter, and its posts from the '## Post N by …' sections."""
    where = document.path
    unknown = set(document.meta) - THREAD_KEYS
    if unknown:
        raise demo_data.DemoDataError(f"{where}: unknown keys {sorted(unknown)} (see forum/demo/README.md).")
    posts = []
    for heading, text in demo_data.sections(document.body):
        post = POST_HEADING.fullmatch(heading or "")
        revision = REVISION_HEADING.fullmatch(heading or "")
        if post is not None:
            number, author, when = post.groups()
            if int(number) != len(posts) + 1:
                raise demo_data.DemoDataError(
                    f"{where}: post {number} comes where post {len(posts) + 1} should."
                )
            posts.append(PostSpec(author=author, created=moment(when, where), text=text))
        elif revision is not None and posts and int(revision.group(1)) == len(posts):
            posts[-1].first_written, posts[-1].replaced_at = text, moment(revision.group(2), where)
        else:
            raise demo_data.DemoDataError(
                f"{where}: {heading!r} is not a '## Post N by username, day N at HH:MM' heading "
                "(or '## Post N as first written, replaced on day N at HH:MM' right after post N)."
            )
    if not posts or not document.get("title") or not document.get("category"):
        raise demo_data.DemoDataError(f"{where}: a thread needs a title, a category and at least one post.")
    for number, names in (document.get("likes") or {}).items():
        posts[int(number) - 1].liked_by = list(names)
    meta = {key: value for key, value in document.meta.items() if key != "likes"}
    return ThreadSpec(path=where, posts=posts, **meta)


def threads():
    return [read_thread(document) for document in demo_data.load(DATA / "threads")]


def categories():
    return demo_data.parse(DATA / "categories.md")["categories"]


def members():
    return demo_data.parse(DATA / "members.md")


def usernames(thread_specs, category_specs, member_document):
    """Every demo member the forum demo names: it is seeded only when they all exist."""
    names = set(member_document.get("settings", {}))
    for spec in category_specs:
        names.update(spec.get("watched_by", []))
    for thread in thread_specs:
        for post in thread.posts:
            names.add(post.author)
            names.update(post.liked_by)
        names.update(entry["by"] for entry in thread.moderation)
        if thread.flag:
            names.add(thread.flag["by"])
    return names


# --- Seeding ---------------------------------------------------------------------


def _page_types(labels, where):
    types = []
    for label in labels:
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError) as error:
            raise demo_data.DemoDataError(f"{where}: {label!r} is not a page type ({error}).") from error
        types.append(ContentType.objects.get_for_model(model, for_concrete_model=False))
    return types


TRANSLATED_CATEGORY_FIELDS = [
    f"{field}_{language}" for field in ("name", "description") for language in other_languages()
]


def _seed_categories(category_specs, users):
    where = DATA / "categories.md"
    seeded = {}
    for order, spec in enumerate(category_specs, start=1):
        translated = {field: spec.get(field, "") for field in TRANSLATED_CATEGORY_FIELDS}
        category, created = Category.objects.get_or_create(
            slug=spec["slug"],
            defaults={"name": spec["name"], "description": spec.get("description", ""), "order": order}
            | translated,
        )
        # A database seeded before the categories had Spanish and French names
        # gets them; a name an editor has since written is kept.
        missing = {
            field: value for field, value in translated.items() if value and not getattr(category, field)
        }
        if missing:
            Category.objects.filter(pk=category.pk).update(**missing)
        if created:
            category.discussion_page_types.set(_page_types(spec.get("discussions_of", []), where))
        for username in spec.get("watched_by", []):
            CategoryWatch.objects.get_or_create(
                user=users[username], category=category, defaults={"created": DEMO_START}
            )
        seeded[spec["slug"]] = category
    return seeded


def _start_thread(spec, users, categories, opening, replies):
    thread = Thread.start(
        category=categories[spec.category],
        author=users[opening.author],
        title=spec.title,
        source=opening.text,
        is_question=spec.question,
        tags=spec.tags,
        created=opening.created,
    )
    for reply in replies:
        thread.add_reply(author=users[reply.author], source=reply.text, created=reply.created)
    Thread.objects.filter(pk=thread.pk).update(is_pinned=spec.pinned, is_locked=spec.locked)
    return thread


def _seed_thread(spec, users, categories, read_until):
    opening, *replies = spec.posts
    thread = Thread.objects.filter(title=spec.title).first()
    if thread is None:
        with translation.override(spec.language):
            thread = _start_thread(spec, users, categories, opening, replies)
    elif thread.language != spec.language:
        # Seeded before threads recorded their language.
        Thread.objects.filter(pk=thread.pk).update(language=spec.language)
        Post.objects.filter(thread=thread).update(language=spec.language)
    posts = list(thread.posts.order_by("created", "pk"))

    for post, post_spec in zip(posts, spec.posts, strict=True):
        if post_spec.first_written is not None:
            _revision, created = PostRevision.objects.get_or_create(
                post=post,
                written_at=post.created,
                defaults={
                    "source": post_spec.first_written,
                    "edited_by": post.author,
                    "created": post_spec.replaced_at,
                },
            )
            if created:
                Post.objects.filter(pk=post.pk).update(edited_at=post_spec.replaced_at)
        for username in post_spec.liked_by:
            Like.objects.get_or_create(
                user=users[username], post=post, defaults={"created": post.created + timedelta(hours=1)}
            )
    if spec.answer:
        accepted = posts[spec.answer - 1]
        Thread.objects.filter(pk=thread.pk).update(accepted_post=accepted)
        Notification.objects.get_or_create(
            recipient=accepted.author,
            kind=Notification.Kind.ACCEPTED,
            post=accepted,
            defaults={
                "actor": thread.author,
                "created": accepted.created + timedelta(hours=6),
                "read_at": _read_at(accepted.created, read_until),
            },
        )
    if spec.flag:
        flag = spec.flag
        Flag.objects.get_or_create(
            post=posts[flag["post"] - 1],
            reporter=users[flag["by"]],
            defaults={
                "reason": Flag.Reason(flag["reason"]),
                "details": flag.get("details", ""),
                "created": moment(flag["when"], spec.path),
            },
        )
    for entry in spec.moderation:
        ModerationLog.objects.get_or_create(
            action=ModerationLog.Action(entry["action"]),
            thread=thread,
            defaults={
                "moderator": users[entry["by"]],
                "target": f"“{thread.title}”",
                "created": moment(entry["when"], spec.path),
            },
        )
    _seed_notifications_and_reads(thread, posts, read_until)
    thread.refresh_counters()
    return thread


def _read_at(when, read_until):
    return when + timedelta(hours=12) if when < read_until else None


def _seed_notifications_and_reads(thread, posts, read_until):
    """What members would have been told, as the site would have told them:
    earlier participants hear about each reply, mentioned members about the
    mention. Each member has read a thread up to their own last post."""
    participants = []
    for post in posts:
        mentioned = set(post.mentioned_usernames())
        for member in participants:
            if member.pk == post.author_id:
                continue
            kind = Notification.Kind.MENTION if member.username in mentioned else Notification.Kind.REPLY
            Notification.objects.get_or_create(
                recipient=member,
                post=post,
                kind=kind,
                defaults={
                    "actor": post.author,
                    "created": post.created,
                    "read_at": _read_at(post.created, read_until),
                },
            )
        if post.author not in participants:
            participants.append(post.author)
    for member in participants:
        last_own = max(post.created for post in posts if post.author_id == member.pk)
        if not ThreadRead.objects.filter(user=member, thread=thread).exists():
            ThreadRead.objects.create(user=member, thread=thread, last_read_at=last_own)


def seed(home, stdout=None):
    thread_specs, category_specs, member_document = threads(), categories(), members()
    needed = usernames(thread_specs, category_specs, member_document)
    users = {user.username: user for user in get_user_model().objects.filter(username__in=needed)}
    missing = needed - set(users)
    if missing:
        if stdout is not None:
            stdout.write(f"Forum demo skipped: demo users missing ({', '.join(sorted(missing))}).")
        return

    seeded_categories = _seed_categories(category_specs, users)
    read_until = moment(member_document["notifications_read_until"], member_document.path)
    seeded_threads = [_seed_thread(spec, users, seeded_categories, read_until) for spec in thread_specs]
    for username, values in member_document.get("settings", {}).items():
        ForumProfile.objects.get_or_create(user=users[username], defaults=values)
    if stdout is not None:
        stdout.write(f"Forum: {len(seeded_categories)} categories, {len(seeded_threads)} threads.")
