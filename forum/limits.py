"""The forum's abuse limits, in one place.

Values come from settings.FORUM_LIMITS (website/settings/base.py), with the
defaults below for any key left out. Every check raises a ValidationError
with a message a member can act on; forms call these from clean() so a
refused post re-renders with the member's text intact.

Moderators are exempt from the rate limits (not from the length limits):
they sometimes need to act quickly across many threads.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import markdown
from .permissions import is_moderator

DEFAULTS = {
    "POST_COOLDOWN_SECONDS": 5,
    "NEW_MEMBER_POST_COOLDOWN_SECONDS": 30,
    "THREAD_COOLDOWN_SECONDS": 15,
    "NEW_MEMBER_THREAD_COOLDOWN_SECONDS": 120,
    "NEW_MEMBER_HOURS": 24,
    "NEW_MEMBER_MAX_THREADS_PER_DAY": 3,
    "NEW_MEMBER_MAX_REPLIES_PER_DAY": 10,
    "NEW_MEMBER_MAX_LINKS": 2,
    "DUPLICATE_WINDOW_SECONDS": 300,
    "MAX_THREADS_PER_DAY": 20,
    "MAX_EDITS_PER_DAY": 30,
    "MAX_FLAGS_PER_DAY": 20,
    "MIN_POST_LENGTH": 20,
    "MAX_POST_LENGTH": 32000,
    "MIN_TITLE_LENGTH": 15,
    "MAX_TITLE_LENGTH": 200,
}

DAY = timedelta(days=1)


def get(name):
    return getattr(settings, "FORUM_LIMITS", {}).get(name, DEFAULTS[name])


def is_new_member(user, now=None):
    now = now or timezone.now()
    return user.date_joined > now - timedelta(hours=get("NEW_MEMBER_HOURS"))


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


def check_text(user, source):
    """Length and link limits for any post body (new, reply or edit)."""
    text = (source or "").strip()
    low, high = get("MIN_POST_LENGTH"), get("MAX_POST_LENGTH")
    if len(text) < low:
        raise ValidationError(
            _("Posts need at least %(low)d characters (yours has %(count)d). Say a little more.")
            % {"low": low, "count": len(text)},
            code="too_short",
        )
    if len(text) > high:
        raise ValidationError(
            _("Posts can be at most %(high)d characters (yours has %(count)d). Split it into two posts.")
            % {"high": high, "count": len(text)},
            code="too_long",
        )
    if is_new_member(user) and not is_moderator(user):
        allowed = get("NEW_MEMBER_MAX_LINKS")
        html, _mentions = markdown.render(text)
        if markdown.count_links(html) > allowed:
            raise ValidationError(
                ngettext(
                    "New members can include at most %(count)d link in a post during their first day. "
                    "Remove some links, or post them tomorrow.",
                    "New members can include at most %(count)d links in a post during their first day. "
                    "Remove some links, or post them tomorrow.",
                    allowed,
                )
                % {"count": allowed},
                code="too_many_links",
            )


def check_not_silenced(user):
    from .models import ForumProfile

    row = ForumProfile.objects.filter(user=user).values_list("silenced_until", "silence_reason").first()
    if row and row[0] and row[0] > timezone.now():
        message = _("A moderator has paused your posting until %(until)s. You can still read the forum.") % {
            "until": timezone.localtime(row[0]).strftime("%Y-%m-%d %H:%M %Z")
        }
        if row[1]:
            message += " " + _("Reason: %(reason)s") % {"reason": row[1]}
        raise ValidationError(message, code="silenced")


def _check_post_rate(user, source, now):
    from .models import Post

    new = is_new_member(user, now)
    cooldown = get("NEW_MEMBER_POST_COOLDOWN_SECONDS" if new else "POST_COOLDOWN_SECONDS")
    last = Post.objects.filter(author=user).order_by("-created").values_list("created", flat=True).first()
    left = _remaining(last, cooldown, now)
    if left:
        raise ValidationError(_wait_message(left), code="cooldown")
    window = now - timedelta(seconds=get("DUPLICATE_WINDOW_SECONDS"))
    if Post.objects.filter(author=user, created__gte=window, source=(source or "").strip()).exists():
        raise ValidationError(
            _(
                "You posted exactly this a few minutes ago. If it did not appear, check the thread before posting again."
            ),
            code="duplicate",
        )


def check_new_thread(user, title, source):
    from .models import Thread

    check_title(title)
    check_text(user, source)
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
                "New members can start %(max)d threads on their first day. Thanks for joining in; "
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


def check_reply(user, thread, source):
    from .models import Post

    check_text(user, source)
    if thread.is_locked and not is_moderator(user):
        raise ValidationError(_("This thread is locked: it no longer takes replies."), code="locked")
    check_not_silenced(user)
    if is_moderator(user):
        return
    now = timezone.now()
    if is_new_member(user, now):
        replies = (
            Post.objects.filter(author=user, created__gte=now - DAY)
            .exclude(thread__first_post_id=F("pk"))
            .count()
        )
        if replies >= get("NEW_MEMBER_MAX_REPLIES_PER_DAY"):
            raise ValidationError(
                _(
                    "New members can post %(max)d replies on their first day. Thank you for being so active; "
                    "you can reply again tomorrow."
                )
                % {"max": get("NEW_MEMBER_MAX_REPLIES_PER_DAY")},
                code="new_member_replies",
            )
    _check_post_rate(user, source, now)


def check_edit(user, post, source):
    from .models import PostRevision

    check_text(user, source)
    check_not_silenced(user)
    if is_moderator(user):
        return
    if post.thread.is_locked:
        raise ValidationError(_("This thread is locked: its posts can no longer be edited."), code="locked")
    edits = PostRevision.objects.filter(edited_by=user, created__gte=timezone.now() - DAY).count()
    if edits >= get("MAX_EDITS_PER_DAY"):
        raise ValidationError(
            _("You have edited %(max)d times today, the daily limit. Please try again tomorrow.")
            % {"max": get("MAX_EDITS_PER_DAY")},
            code="edits_per_day",
        )


def check_flag(user):
    from .models import Flag

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
