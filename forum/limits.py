"""The forum's abuse limits, in one place.

The defaults are DEFAULTS below; settings.FORUM_LIMITS holds overrides
only (any key of DEFAULTS; forum/checks.py refuses unknown keys). Every
check raises a ValidationError with a message a member can act on and a
code saying which field it is about; the write operations
(forum/actions.py) run them, and the forms put each refusal next to its
field, so a refused post re-renders with the member's text intact.

Moderators are exempt from the rate limits (not from the length limits):
they sometimes need to act quickly across many threads. Who may reply to a
locked thread is a permission (forum/permissions.py), phrased here.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, Func, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import markdown, trust
from .models import Flag, ForumProfile, Post, PostRevision, Thread
from .permissions import can_reply, is_moderator

# Modelled on Discourse's defaults. Seconds unless named otherwise; "new"
# members are those at the lowest trust level (forum/trust.py: earned by
# taking part, not by the clock). Override any of them in
# settings.FORUM_LIMITS, e.g. FORUM_LIMITS = {"POST_COOLDOWN_SECONDS": 10}.
DEFAULTS = {
    "POST_COOLDOWN_SECONDS": 5,
    "NEW_MEMBER_POST_COOLDOWN_SECONDS": 30,
    "THREAD_COOLDOWN_SECONDS": 15,
    "NEW_MEMBER_THREAD_COOLDOWN_SECONDS": 120,
    "NEW_MEMBER_MAX_THREADS_PER_DAY": 3,
    "NEW_MEMBER_MAX_REPLIES_PER_DAY": 10,
    "NEW_MEMBER_MAX_LINKS": 2,
    "DUPLICATE_WINDOW_SECONDS": 300,
    "MAX_THREADS_PER_DAY": 20,
    "MAX_EDITS_PER_DAY": 30,
    "MAX_FLAGS_PER_DAY": 20,
    "MIN_POST_LENGTH": 20,
    # Members' Markdown is rendered by a pure-Python parser: at 10,000
    # characters even the worst input (thousands of "![" or "**[") renders in
    # a fraction of a second (tests/forum/test_markdown_bounds.py pins it).
    "MAX_POST_LENGTH": 10000,
    "MIN_TITLE_LENGTH": 15,
    "MAX_TITLE_LENGTH": 200,
    # The @-mention autocomplete asks as a member types: a person types a
    # few names a minute, a script scraping the member list types more.
    "MENTION_LOOKUPS_PER_MINUTE": 60,
    # Draft autosaves (forum/static/forum/forum.js saves every few seconds
    # while a member types).
    "DRAFT_SAVES_PER_MINUTE": 30,
}

DAY = timedelta(days=1)


def get(name):
    """A limit: its override in settings.FORUM_LIMITS, or its default."""
    return getattr(settings, "FORUM_LIMITS", {}).get(name, DEFAULTS[name])


def collect(*checks):
    """Run every check and raise their refusals together (so a form shows a
    problem with the title and one with the text at once)."""
    problems = []
    for check in checks:
        try:
            check()
        except ValidationError as error:
            problems.extend(error.error_list)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ValidationError(problems)


def is_new_member(user, now=None):
    """Whether the strict new-member limits apply: the member has not yet
    earned the "regular" trust level (forum/trust.py)."""
    return trust.current_level(user) == trust.TrustLevel.NEW


def _wait_message(seconds):
    return ngettext(
        "You are posting too quickly. Please wait %(seconds)d second and try again; your text is kept below.",
        "You are posting too quickly. Please wait %(seconds)d seconds and try again; your text is kept below.",
        seconds,
    ) % {"seconds": seconds}


def _remaining(last, cooldown, now):
    """Seconds left of a cooldown that started at `last`, or 0."""
    if last is None:
        return 0
    left = (last + timedelta(seconds=cooldown) - now).total_seconds()
    return max(0, int(left + 0.999))


def check_title(title):
    title = (title or "").strip()
    low, high = get("MIN_TITLE_LENGTH"), get("MAX_TITLE_LENGTH")
    if len(title) < low:
        raise ValidationError(
            _("A title needs at least %(low)d characters, so others know what the thread is about.")
            % {"low": low},
            code="title_too_short",
        )
    if len(title) > high:
        raise ValidationError(
            _("Titles can be at most %(high)d characters.") % {"high": high}, code="title_too_long"
        )


def check_length(source):
    """The upper bound on a post body, checked BEFORE its Markdown is ever
    rendered (for a preview too): the form's source field and the write
    operations both call this, so no text longer than the limit reaches the
    parser."""
    text = (source or "").strip()
    high = get("MAX_POST_LENGTH")
    if len(text) > high:
        raise ValidationError(
            _("Posts can be at most %(high)d characters (yours has %(count)d). Split it into two posts.")
            % {"high": high, "count": len(text)},
            code="too_long",
        )


def check_text(user, source, html=None):
    """Length and link limits for any post body (new, reply or edit).
    `html` is the body already rendered (forum/rendering.py), or a function
    that renders it, called only once the length is within the limits, so
    that a post is rendered once on its way in and never when too long."""
    text = (source or "").strip()
    low = get("MIN_POST_LENGTH")
    if len(text) < low:
        raise ValidationError(
            _("Posts need at least %(low)d characters (yours has %(count)d). Say a little more.")
            % {"low": low, "count": len(text)},
            code="too_short",
        )
    check_length(text)
    if is_new_member(user) and not is_moderator(user):
        allowed = get("NEW_MEMBER_MAX_LINKS")
        if callable(html):
            html = html()
        if html is None:
            html, _mentions = markdown.render(text)
        if markdown.count_links(html) > allowed:
            raise ValidationError(
                ngettext(
                    "New members can include at most %(count)d link in a post. Remove some links; "
                    "the limit goes once you have taken part in the forum for a while.",
                    "New members can include at most %(count)d links in a post. Remove some links; "
                    "the limit goes once you have taken part in the forum for a while.",
                    allowed,
                )
                % {"count": allowed},
                code="too_many_links",
            )


def check_not_silenced(user):
    # The whole profile, kept on the user object for the rest of the write
    # (ForumProfile.for_user then needs no query of its own).
    profile = ForumProfile.objects.filter(user=user).first()
    user._forum_profile = profile
    row = (profile.silenced_until, profile.silence_reason) if profile else None
    if row and row[0] and row[0] > timezone.now():
        message = _("A moderator has paused your posting until %(until)s. You can still read the forum.") % {
            "until": date_format(timezone.localtime(row[0]), "DATETIME_FORMAT")
        }
        if row[1]:
            message += " " + _("Reason: %(reason)s") % {"reason": row[1]}
        raise ValidationError(message, code="silenced")


def _check_post_rate(user, source, now, replies_today=None):
    """The cooldown and the duplicate check; with `replies_today` (a
    callable taking the day's reply count), the new member's daily cap too,
    counted in the same query."""
    new = is_new_member(user, now)
    cooldown = get("NEW_MEMBER_POST_COOLDOWN_SECONDS" if new else "POST_COOLDOWN_SECONDS")
    window = now - timedelta(seconds=get("DUPLICATE_WINDOW_SECONDS"))
    # The member's last post and whether they posted this text lately, in
    # one query (each subquery reads the member's newest rows by index).
    mine = Post.objects.filter(author=user)
    columns = {
        "last": Subquery(mine.order_by("-created").values("created")[:1]),
        "duplicate": Exists(mine.filter(created__gte=window, source=(source or "").strip())),
    }
    if replies_today is not None:
        today = mine.filter(created__gte=now - DAY).exclude(thread__first_post_id=F("pk"))
        counted = today.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
        columns["replies"] = Coalesce(Subquery(counted[:1]), 0)
    row = get_user_model().objects.filter(pk=user.pk).annotate(**columns).values(*columns).get()
    last, duplicate = row["last"], row["duplicate"]
    if replies_today is not None:
        replies_today(row["replies"])
    left = _remaining(last, cooldown, now)
    if left:
        raise ValidationError(_wait_message(left), code="cooldown")
    if duplicate:
        raise ValidationError(
            _(
                "You posted exactly this a few minutes ago. If it did not appear, check the thread before posting again."
            ),
            code="duplicate",
        )


def check_new_thread(user, title, source, html=None):
    collect(lambda: check_title(title), lambda: check_text(user, source, html))
    check_not_silenced(user)
    if is_moderator(user):
        return
    now = timezone.now()
    new = is_new_member(user, now)
    cooldown = get("NEW_MEMBER_THREAD_COOLDOWN_SECONDS" if new else "THREAD_COOLDOWN_SECONDS")
    recent = Thread.objects.filter(author=user, created__gte=now - DAY)
    last = recent.order_by("-created").values_list("created", flat=True).first()
    left = _remaining(last, cooldown, now)
    if left:
        raise ValidationError(
            ngettext(
                "You started a thread moments ago. Please wait %(seconds)d second before starting another; "
                "your text is kept below.",
                "You started a thread moments ago. Please wait %(seconds)d seconds before starting another; "
                "your text is kept below.",
                left,
            )
            % {"seconds": left},
            code="thread_cooldown",
        )
    count = recent.count()
    if new and count >= get("NEW_MEMBER_MAX_THREADS_PER_DAY"):
        raise ValidationError(
            _(
                "New members can start %(max)d threads a day. Thanks for joining in; "
                "you can start more tomorrow, or reply in an existing thread."
            )
            % {"max": get("NEW_MEMBER_MAX_THREADS_PER_DAY")},
            code="new_member_threads",
        )
    if count >= get("MAX_THREADS_PER_DAY"):
        raise ValidationError(
            _("You have started %(max)d threads today, the daily limit. Please continue tomorrow.")
            % {"max": get("MAX_THREADS_PER_DAY")},
            code="threads_per_day",
        )
    _check_post_rate(user, source, now)


def check_reply(user, thread, source, html=None):
    check_text(user, source, html)
    if not can_reply(user, thread):
        raise ValidationError(_("This thread is locked: it no longer takes replies."), code="locked")
    check_not_silenced(user)
    if is_moderator(user):
        return
    now = timezone.now()

    def daily_cap(replies):
        if replies >= get("NEW_MEMBER_MAX_REPLIES_PER_DAY"):
            raise ValidationError(
                _(
                    "New members can post %(max)d replies a day. Thank you for being so active; "
                    "you can reply again tomorrow."
                )
                % {"max": get("NEW_MEMBER_MAX_REPLIES_PER_DAY")},
                code="new_member_replies",
            )

    # The daily cap, the cooldown and the duplicate check: one query.
    _check_post_rate(user, source, now, replies_today=daily_cap if is_new_member(user, now) else None)


def check_edit(user, post, source, html=None, title=None):
    """Limits for an edit; `title` when the edit changes the opening post's title."""
    checks = [lambda: check_text(user, source, html)]
    if title is not None:
        checks.insert(0, lambda: check_title(title))
    collect(*checks)
    check_not_silenced(user)
    if is_moderator(user):
        return
    edits = PostRevision.objects.filter(edited_by=user, created__gte=timezone.now() - DAY).count()
    if edits >= get("MAX_EDITS_PER_DAY"):
        raise ValidationError(
            _("You have edited %(max)d times today, the daily limit. Please try again tomorrow.")
            % {"max": get("MAX_EDITS_PER_DAY")},
            code="edits_per_day",
        )


def within_rate(user, name):
    """Whether the member may make one more request of a kind counted per
    minute (`name`: a DEFAULTS key such as "MENTION_LOOKUPS_PER_MINUTE").
    Counted in the shared cache, so every app process counts together."""
    if is_moderator(user):
        return True
    minute = int(timezone.now().timestamp() // 60)
    key = f"forum:rate:{name}:{user.pk}:{minute}"
    if cache.add(key, 1, 90):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, 90)
            count = 1
    return count <= get(name)


def check_flag(user):
    check_not_silenced(user)
    if is_moderator(user):
        return
    flags = Flag.objects.filter(reporter=user, created__gte=timezone.now() - DAY).count()
    if flags >= get("MAX_FLAGS_PER_DAY"):
        raise ValidationError(
            _("You have flagged %(max)d posts today, the daily limit. Moderators will look at those first.")
            % {"max": get("MAX_FLAGS_PER_DAY")},
            code="flags_per_day",
        )
