"""Trust levels: a member's standing grows with what they do in the forum,
instead of a 24-hour clock from the day they joined (modelled on
Discourse's trust levels).

- New member: the strict limits of forum/limits.py (longer cooldowns, few
  threads and replies a day, few links); their flags weigh less.
- Regular: has read for a while (days visited, posts read) with no post
  hidden lately: the ordinary limits.
- Trusted member: has also written replies that others liked; may change
  any thread's title and tags, and their flags count towards hiding a post
  automatically (it then waits for a moderator).

The thresholds are settings.FORUM_TRUST (overrides of DEFAULTS below;
forum/checks.py refuses unknown keys). Moderators set a level by hand
(the member's moderation page); participation then no longer changes it.

When it is reassessed: whenever the member writes (a thread, a reply, an
edit, a flag: forum/limits.py asks for the level before the limits) and
when a moderator changes it. A reassessment is one query (the standing
with the counts as subqueries), and one more only when the level moves. Reading a thread counts the day and the posts
read (Standing.record_reading, one query); the level follows at the next
write. A post of theirs hidden by a moderator in the last
HIDDEN_POST_DAYS days keeps a member from rising above "new".
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, F, Func, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Like, ModerationLog, Post, Standing, TrustLevel

DEFAULTS = {
    "REGULAR_DAYS_VISITED": 2,
    "REGULAR_POSTS_READ": 20,
    "REGULAR_REPLIES": 0,
    "REGULAR_LIKES_RECEIVED": 0,
    "TRUSTED_DAYS_VISITED": 15,
    "TRUSTED_POSTS_READ": 100,
    "TRUSTED_REPLIES": 10,
    "TRUSTED_LIKES_RECEIVED": 5,
    "HIDDEN_POST_DAYS": 60,
    # What a flag weighs in the moderation queue, by the reporter's level.
    "NEW_MEMBER_FLAG_WEIGHT": 1,
    "REGULAR_FLAG_WEIGHT": 2,
    "TRUSTED_FLAG_WEIGHT": 3,
    # Open flags from trusted members that hide a post until a moderator looks (0: never).
    "AUTO_HIDE_TRUSTED_FLAGS": 3,
}

LEVEL_PREFIX = {TrustLevel.REGULAR: "REGULAR", TrustLevel.TRUSTED: "TRUSTED"}


def get(name):
    return getattr(settings, "FORUM_TRUST", {}).get(name, DEFAULTS[name])


def _participation_columns(user):
    """What the thresholds count from the posts, as subqueries on the
    member's row: replies written, likes received from others, and whether
    a post of theirs was hidden lately."""
    replies = Post.objects.filter(author=user, deleted_at__isnull=True, is_hidden=False).exclude(
        thread__first_post_id=F("pk")
    )
    likes = Like.objects.filter(post__author=user).exclude(user=user)
    since = timezone.now() - timedelta(days=get("HIDDEN_POST_DAYS"))
    hidden = Post.objects.filter(author=user, is_hidden=True, created__gte=since)
    return {
        "done_replies": _count(replies),
        "done_likes": _count(likes),
        "done_hidden": Exists(hidden),
    }


def _count(queryset):
    """COUNT(*) of `queryset` as a subquery (no GROUP BY: one row)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def _done(standing, row):
    return {
        "DAYS_VISITED": standing.days_visited,
        "POSTS_READ": standing.posts_read,
        "REPLIES": row["done_replies"],
        "LIKES_RECEIVED": row["done_likes"],
        "recently_hidden": row["done_hidden"],
    }


def participation(user, standing=None):
    """What a member has done, as the thresholds name it (one query)."""
    standing = standing or Standing.objects.filter(user=user).first() or Standing(user=user)
    row = get_user_model().objects.filter(pk=user.pk).annotate(**_participation_columns(user))
    return _done(standing, row.values(*_participation_columns(user)).get())


def earned_level(done):
    """The level these numbers earn (see participation)."""
    if done["recently_hidden"]:
        return TrustLevel.NEW
    level = TrustLevel.NEW
    for candidate in (TrustLevel.REGULAR, TrustLevel.TRUSTED):
        prefix = LEVEL_PREFIX[candidate]
        if all(
            done[key] >= get(f"{prefix}_{key}")
            for key in ("DAYS_VISITED", "POSTS_READ", "REPLIES", "LIKES_RECEIVED")
        ):
            level = candidate
        else:
            break
    return level


def reassess(user):
    """Recompute the member's level from what they have done (unless a
    moderator set it), store it, and return it. One query reads the standing
    with the counts it needs (and a second stores it only when the level
    moved): every write asks for it."""
    standing = Standing.objects.filter(user=user).annotate(**_participation_columns(user)).first()
    if standing is None:
        # get_or_create: a member's first writes may arrive at once, and only
        # one of them may create the row (the others read it).
        Standing.objects.get_or_create(user=user)
        standing = Standing.objects.filter(user=user).annotate(**_participation_columns(user)).get()
    if not standing.set_by_moderator:
        row = {name: getattr(standing, name) for name in _participation_columns(user)}
        level = earned_level(_done(standing, row))
        if level != standing.level or standing.assessed_at is None:
            standing.level, standing.assessed_at = level, timezone.now()
            standing.save(update_fields=["level", "assessed_at"])
    user._forum_trust_level = standing.level
    return TrustLevel(standing.level)


def current_level(user):
    """The member's level, reassessed once per user object (a request's
    writes share it)."""
    cached = getattr(user, "_forum_trust_level", None)
    return TrustLevel(cached) if cached is not None else reassess(user)


def stored_level(user):
    """The level last assessed, without reassessing (for showing it)."""
    cached = getattr(user, "_forum_trust_level", None)
    if cached is not None:
        return TrustLevel(cached)
    level = Standing.objects.filter(user=user).values_list("level", flat=True).first()
    return TrustLevel(level or TrustLevel.NEW)


def set_level(member, level, *, by, note=""):
    """A moderator sets the member's level by hand (None: back to what
    participation earns)."""
    standing = Standing.objects.filter(user=member).first() or Standing(user=member)
    standing.set_by_moderator = level is not None
    if level is not None:
        standing.level = level
    standing.save()
    member.__dict__.pop("_forum_trust_level", None)
    level = reassess(member)
    label = TrustLevel(level).label if level is not None else ""
    ModerationLog.record(by, ModerationLog.Action.TRUST_LEVEL, member=member, note=note or str(label))
    return level


def flag_weight(level):
    return get(
        {TrustLevel.NEW: "NEW_MEMBER_FLAG_WEIGHT", TrustLevel.REGULAR: "REGULAR_FLAG_WEIGHT"}.get(
            level, "TRUSTED_FLAG_WEIGHT"
        )
    )


def hide_if_trusted_flags(post):
    """Hide a post once AUTO_HIDE_TRUSTED_FLAGS trusted members have flagged
    it; it stays in the moderation queue (its flags open) until a moderator
    decides. Returns whether it was hidden now."""
    needed = get("AUTO_HIDE_TRUSTED_FLAGS")
    if not needed or post.is_hidden:
        return False
    trusted = post.flags.open().filter(reporter_level__gte=TrustLevel.TRUSTED).count()
    if trusted < needed:
        return False
    post.set_hidden(
        True, by=None, note=f"{trusted} flags from trusted members", action=ModerationLog.Action.AUTO_HIDE
    )
    return True
