"""Field reports: a facilitator says how an activity went when they ran it.

A report belongs to the activity in every language (it keeps the page's
translation key: a report filed on the Spanish page counts for the English
one too) and to its author, who may edit it. One report per member, activity
and meeting day (a database constraint). Moderators hide a report; hidden
reports count for nothing and show nowhere.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from activities.facets import MAX_GROUP_SIZE, MAX_MINUTES, SETTING

MAX_NOTE = 500
# How far back a meeting can be reported.
MAX_DAYS_BACK = 365


class Outcome(models.IntegerChoices):
    WELL = 3, _("It went well")
    MIXED = 2, _("It was all right")
    POORLY = 1, _("It did not work for us")


class FieldReportQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden=False)

    def for_activity(self, page):
        """Reports on `page` in any of its languages."""
        return self.filter(activity_key=page.translation_key)

    def by(self, user):
        return self.filter(author=user)


class FieldReport(models.Model):
    activity = models.ForeignKey(
        "activities.ActivityPage",
        on_delete=models.CASCADE,
        related_name="field_reports",
        verbose_name=_("activity"),
    )
    # The activity's translation key: the same in every language.
    activity_key = models.UUIDField(_("activity key"), editable=False, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="field_reports",
        verbose_name=_("author"),
    )
    met_on = models.DateField(_("day of the meeting"), default=timezone.localdate)
    minutes = models.PositiveSmallIntegerField(
        _("minutes it took"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)]
    )
    people = models.PositiveSmallIntegerField(
        _("people in the group"), validators=[MinValueValidator(1), MaxValueValidator(MAX_GROUP_SIZE)]
    )
    setting = models.CharField(_("setting"), max_length=20, choices=SETTING.choices())
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    outcome = models.PositiveSmallIntegerField(_("how it went"), choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True, max_length=MAX_NOTE)
    hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden reports show nowhere and count for nothing.")
    )
    created = models.DateTimeField(_("filed"), auto_now_add=True)
    updated = models.DateTimeField(_("last changed"), auto_now=True)

    objects = FieldReportQuerySet.as_manager()

    panels = [
        FieldPanel("hidden"),
        FieldPanel("minutes", read_only=True),
        FieldPanel("people", read_only=True),
        FieldPanel("setting", read_only=True),
        FieldPanel("language", read_only=True),
        FieldPanel("outcome", read_only=True),
        FieldPanel("note", read_only=True),
    ]

    class Meta:
        ordering = ["-met_on", "-pk"]
        verbose_name = _("field report")
        verbose_name_plural = _("field reports")
        constraints = [
            models.UniqueConstraint(
                fields=["author", "activity_key", "met_on"], name="one_field_report_per_member_activity_day"
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=MAX_MINUTES),
                name="field_report_minutes_range",
            ),
            models.CheckConstraint(
                condition=models.Q(people__gte=1, people__lte=MAX_GROUP_SIZE),
                name="field_report_people_range",
            ),
        ]
        indexes = [models.Index(fields=["activity_key", "hidden"], name="field_report_activity_visible")]

    def __str__(self):
        return f"{self.activity.title} · {self.met_on:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.activity_id and not self.activity_key:
            self.activity_key = self.activity.translation_key
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reports:edit", kwargs={"report_id": self.pk})

    def clean(self):
        super().clean()
        today = timezone.localdate()
        if self.met_on and self.met_on > today:
            raise ValidationError({"met_on": _("The meeting cannot be in the future.")})
        if self.met_on and self.met_on < today - datetime.timedelta(days=MAX_DAYS_BACK):
            raise ValidationError({"met_on": _("Report meetings of the past year only.")})

    def is_duplicate(self, met_on=None):
        """Another report by the same member on the same activity and day
        (`met_on`, else the report's own) exists."""
        return (
            FieldReport.objects.filter(
                author_id=self.author_id, activity_key=self.activity_key, met_on=met_on or self.met_on
            )
            .exclude(pk=self.pk)
            .exists()
        )
