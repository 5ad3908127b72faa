"""Trust levels: what a member has earned by taking part (forum/trust.py
decides; this stores it)."""

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrustLevel(models.IntegerChoices):
    NEW = 0, _("New member")
    REGULAR = 1, _("Regular")
    TRUSTED = 2, _("Trusted member")


class Standing(models.Model):
    """A member's participation and the trust level it has earned (or that a
    moderator set by hand). Replies written, likes received and hidden
    posts are counted from the posts when the level is reassessed; visits
    and reading, which leave no other trace, are counted here."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_standing"
    )
    level = models.PositiveSmallIntegerField(
        _("trust level"), choices=TrustLevel.choices, default=TrustLevel.NEW
    )
    set_by_moderator = models.BooleanField(
        default=False, help_text=_("A moderator chose this level; participation no longer changes it.")
    )
    days_visited = models.PositiveIntegerField(default=0)
    last_visit_on = models.DateField(null=True, blank=True)
    posts_read = models.PositiveIntegerField(default=0)
    assessed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user_id}: {self.get_level_display()}"

    @classmethod
    def record_reading(cls, user, posts_read, when=None):
        """The member read `posts_read` new posts: count them, and the day
        if it is a new one, in one upsert query (the same SQL on SQLite and
        PostgreSQL)."""
        today = timezone.localdate(when or timezone.now())
        table = connection.ops.quote_name(cls._meta.db_table)
        sql = (
            f"INSERT INTO {table} (user_id, level, set_by_moderator, days_visited, last_visit_on, posts_read) "  # noqa: S608 (our table's name)
            "VALUES (%s, %s, %s, 1, %s, %s) "
            "ON CONFLICT (user_id) DO UPDATE SET "
            f"posts_read = {table}.posts_read + excluded.posts_read, "
            f"days_visited = {table}.days_visited + CASE WHEN {table}.last_visit_on = excluded.last_visit_on "
            "THEN 0 ELSE 1 END, "
            "last_visit_on = excluded.last_visit_on"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [user.pk, TrustLevel.NEW, False, today, posts_read])
