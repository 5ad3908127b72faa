"""The activity library: ActivityIndexPage lists ActivityPages, members save
meeting plans (SavedPlan).

The multi-valued controlled attributes (phase, grouping, setting, low-tech)
are boolean columns, one per option: see activities/facets.py for why.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Length, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager, PageQuerySet, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .facets import DEFAULT_LICENCE, FACETS, GROUPING, LICENCE_URLS, LICENCES, LOW_TECH, PHASE, SETTING

MAX_MINUTES = 240
MAX_GROUP_SIZE = 500


class StepBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=600, label=_("What happens"))
    minutes = blocks.IntegerBlock(
        required=False, min_value=1, max_value=MAX_MINUTES, label=_("Minutes (optional)")
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")


class ActivityIndexPage(Page):
    """The library: lists, filters and counts the activities below it."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    per_page = models.PositiveSmallIntegerField(_("activities per page"), default=12)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["activities.ActivityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("activity library")

    @classmethod
    def for_locale(cls, locale=None):
        """The live library in `locale` (the active one by default), falling
        back to the default language's library."""
        locale = locale or Locale.get_active()
        libraries = cls.objects.live().select_related("locale")
        return (
            libraries.filter(locale=locale).first()
            or libraries.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        )

    def activities(self):
        """Live, public activities in this library. A translated library also
        lists the default language's activities that have no translation in
        its language yet, so no library is empty while translation catches up.
        Built from subqueries only: it costs no query until evaluated."""
        own = ActivityPage.objects.child_of(self)
        # The default language's library is the page with our translation key
        # in that language; its children are the pages whose parent path is its path.
        source_path = ActivityIndexPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).values("path")[:1]
        untranslated = (
            ActivityPage.objects.filter(depth=self.depth + 1, locale__language_code=settings.LANGUAGE_CODE)
            .annotate(parent_path=Substr("path", 1, self.depth * Page.steplen))
            .filter(parent_path=Subquery(source_path))
            .exclude(translation_key__in=own.values("translation_key"))
        )
        condition = ActivityPage.objects.child_of_q(self) | Q(pk__in=untranslated.values("pk"))
        return ActivityPage.objects.live().public_in_sql().filter(condition)

    def get_context(self, request, *args, **kwargs):
        from .filters import ActivityFilter

        context = super().get_context(request, *args, **kwargs)
        library = ActivityFilter(request.GET, self.activities())
        context["library"] = library
        context["page_obj"] = library.paginate(request.GET.get("page"), self.per_page)
        context["activities"] = context["page_obj"].object_list
        return context


class ActivityPageQuerySet(PageQuerySet):
    def public_in_sql(self):
        """Like public(), but as a NOT EXISTS subquery instead of a query that
        loads every view restriction first: pages under a restricted page
        (the restricted page's path is a prefix of theirs) are left out."""
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return self.exclude(Exists(restricted))

    def fits_in(self, minutes):
        """Activities that can be done within `minutes` (their shortest run fits)."""
        return self.filter(duration_min__lte=minutes)

    def lasts_at_least(self, minutes):
        return self.filter(duration_max__gte=minutes)

    def works_for(self, people):
        """Activities that work for a group of `people` (no maximum = no limit)."""
        return self.filter(Q(group_min__lte=people) & (Q(group_max__isnull=True) | Q(group_max__gte=people)))

    def tagged_with_all(self, slugs):
        slugs = list(dict.fromkeys(slugs))
        if not slugs:
            return self
        return self.filter(pk__in=TaggedActivity.objects.with_all_tags(slugs))

    def newest(self, locale, limit=4):
        """The latest published activities of the library in `locale`."""
        library = ActivityIndexPage.for_locale(locale)
        if library is None:
            return []
        return list(
            library.activities().select_related("locale").order_by("-first_published_at", "-pk")[:limit]
        )

    def submitted_by_member(self, user):
        return self.filter(submitted_by=user)

    def awaiting_publication(self):
        """Submissions that have never been published (draft, in review or sent back)."""
        return self.filter(live=False, first_published_at__isnull=True)


ActivityPageManager = PageManager.from_queryset(ActivityPageQuerySet)


class TaggedActivityQuerySet(models.QuerySet):
    def with_all_tags(self, slugs):
        """The ids of the activities that carry every tag in `slugs` (a subquery)."""
        slugs = list(dict.fromkeys(slugs))
        return (
            self.filter(tag__slug__in=slugs)
            .values("content_object")
            .annotate(matched=Count("tag", distinct=True))
            .filter(matched=len(slugs))
            .values("content_object")
        )


class TaggedActivity(TaggedItemBase):
    content_object = ParentalKey(
        "activities.ActivityPage", related_name="tagged_items", on_delete=models.CASCADE
    )

    objects = TaggedActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity tag")
        verbose_name_plural = _("activity tags")


class ActivityPage(Page):
    summary = models.CharField(
        _("summary"),
        max_length=280,
        help_text=_("One or two sentences shown on cards and in search results."),
    )
    purpose = models.TextField(
        _("what it makes possible"),
        max_length=1000,
        help_text=_("Why a facilitator would choose this activity."),
    )

    phase_check_in = models.BooleanField(_("check-in"), default=False)
    phase_energizer = models.BooleanField(_("energizer"), default=False)
    phase_learning = models.BooleanField(_("learning activity"), default=False)
    phase_reflection = models.BooleanField(_("reflection"), default=False)
    phase_closing = models.BooleanField(_("closing"), default=False)

    duration_min = models.PositiveSmallIntegerField(_("shortest duration (minutes)"), db_index=True)
    duration_max = models.PositiveSmallIntegerField(_("longest duration (minutes)"))
    group_min = models.PositiveSmallIntegerField(_("smallest group"), default=2)
    group_max = models.PositiveSmallIntegerField(
        _("largest group"), null=True, blank=True, help_text=_("Leave empty if there is no upper limit.")
    )

    grouping_solo = models.BooleanField(_("solo"), default=False)
    grouping_pairs = models.BooleanField(_("pairs"), default=False)
    grouping_small_groups = models.BooleanField(_("small groups"), default=False)
    grouping_whole_group = models.BooleanField(_("whole group"), default=False)

    setting_in_person = models.BooleanField(_("in person"), default=True)
    setting_online = models.BooleanField(_("online"), default=False)
    setting_hybrid = models.BooleanField(_("hybrid"), default=False)

    no_projector = models.BooleanField(_("works without a projector"), default=False)
    no_internet = models.BooleanField(_("works without internet"), default=False)
    no_writing_materials = models.BooleanField(_("works without writing materials"), default=False)

    materials = models.TextField(_("materials and preparation"), blank=True, max_length=2000)
    steps = StreamField([("step", StepBlock())], blank=True, verbose_name=_("steps"))
    tips = models.TextField(_("facilitation tips"), blank=True, max_length=2000)
    variations = models.TextField(_("variations"), blank=True, max_length=2000)

    tags = ClusterTaggableManager(through=TaggedActivity, blank=True, verbose_name=_("tags"))

    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Who created or adapted it, if not you.")
    )
    source_url = models.URLField(_("source link"), blank=True, max_length=500)
    licence = models.CharField(_("licence"), max_length=20, choices=LICENCES, default=DEFAULT_LICENCE)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_activities",
    )
    derived_from = models.ForeignKey(
        "activities.ActivityPage",
        verbose_name=_("derived from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derivatives",
    )

    objects = ActivityPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel(option.field) for option in PHASE.options]),
            ],
            heading=_("Meeting phases (one or more)"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration_min"), FieldPanel("duration_max")]),
                FieldRowPanel([FieldPanel("group_min"), FieldPanel("group_max")]),
            ],
            heading=_("Time and group size"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel(option.field) for option in GROUPING.options])],
            heading=_("Grouping"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel(option.field) for option in SETTING.options])],
            heading=_("Setting"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel(option.field) for option in LOW_TECH.options])],
            heading=_("Low-tech use"),
        ),
        FieldPanel("materials"),
        FieldPanel("steps"),
        FieldPanel("tips"),
        FieldPanel("variations"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("credit"),
                FieldPanel("source_url"),
                FieldPanel("licence"),
                FieldPanel("submitted_by"),
                PageChooserPanel("derived_from", "activities.ActivityPage"),
            ],
            heading=_("Credit and origin"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("materials"),
        index.SearchField("steps"),
        index.SearchField("tips"),
        index.SearchField("variations"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("duration_min"),
    ]

    # Tags are the same in every language: wagtail-localize copies them from
    # the source page whenever a translation is synced (they are not offered
    # for translation). The through rows are a child relation of the page.
    override_translatable_fields = [
        SynchronizedField("tags", overridable=False),
        SynchronizedField("tagged_items", overridable=False),
    ]

    parent_page_types = ["activities.ActivityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    # Rules -----------------------------------------------------------------

    def rule_errors(self):
        """The activity's own consistency rules as {field: message}; used by
        clean() (admin) and by the members' submission form."""
        errors = {}
        if self.duration_min is not None and not 1 <= self.duration_min <= MAX_MINUTES:
            errors["duration_min"] = _("Enter a duration between 1 and %(max)d minutes.") % {
                "max": MAX_MINUTES
            }
        if self.duration_max is not None and not 1 <= self.duration_max <= MAX_MINUTES:
            errors["duration_max"] = _("Enter a duration between 1 and %(max)d minutes.") % {
                "max": MAX_MINUTES
            }
        if (
            "duration_max" not in errors
            and self.duration_min is not None
            and self.duration_max is not None
            and self.duration_min > self.duration_max
        ):
            errors["duration_max"] = _("The longest duration cannot be shorter than the shortest one.")
        if self.group_min is not None and not 1 <= self.group_min <= MAX_GROUP_SIZE:
            errors["group_min"] = _("Enter a group size between 1 and %(max)d.") % {"max": MAX_GROUP_SIZE}
        if self.group_max is not None and self.group_min is not None and self.group_max < self.group_min:
            errors["group_max"] = _("The largest group cannot be smaller than the smallest one.")
        if not PHASE.values_of(self):
            errors["phase_check_in"] = _("Choose at least one meeting phase.")
        if not GROUPING.values_of(self):
            errors["grouping_solo"] = _("Choose at least one way of grouping people.")
        if not SETTING.values_of(self):
            errors["setting_in_person"] = _("Choose at least one setting.")
        step_total = self.step_minutes_total
        if self.duration_max and step_total > self.duration_max:
            errors["steps"] = _(
                "The steps add up to %(total)d minutes, more than the longest duration (%(max)d)."
            ) % {"total": step_total, "max": self.duration_max}
        if self.derived_from_id is not None and self.pk is not None:
            if self.derived_from_id == self.pk or (
                self.derived_from is not None and self.derived_from.translation_key == self.translation_key
            ):
                errors["derived_from"] = _("An activity cannot be derived from itself.")
        return errors

    def clean(self):
        super().clean()
        errors = self.rule_errors()
        if errors:
            raise ValidationError(errors)

    # Presentation helpers (no queries) -------------------------------------

    @property
    def phases(self):
        return PHASE.labels_of(self)

    @property
    def phase_values(self):
        return PHASE.values_of(self)

    @property
    def groupings(self):
        return GROUPING.labels_of(self)

    @property
    def settings_list(self):
        return SETTING.labels_of(self)

    @property
    def setting_values(self):
        return SETTING.values_of(self)

    @property
    def low_tech(self):
        return LOW_TECH.labels_of(self)

    @property
    def duration_display(self):
        if self.duration_min == self.duration_max:
            return _("%(minutes)d min") % {"minutes": self.duration_min}
        return _("%(low)d–%(high)d min") % {"low": self.duration_min, "high": self.duration_max}

    @property
    def group_display(self):
        if self.group_max is None:
            if self.group_min <= 1:
                return _("any group size")
            return _("%(low)d+ people") % {"low": self.group_min}
        if self.group_min == self.group_max:
            return ngettext("%(count)d person", "%(count)d people", self.group_min) % {
                "count": self.group_min
            }
        return _("%(low)d–%(high)d people") % {"low": self.group_min, "high": self.group_max}

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def step_minutes_total(self):
        return sum((step.value.get("minutes") or 0) for step in self.steps if step.block_type == "step")

    @property
    def planner_role(self):
        """The planner slot this activity goes into first."""
        for role, fields in (
            ("checkin", ["phase_check_in"]),
            ("learning", ["phase_learning"]),
            ("energizer", ["phase_energizer"]),
            ("reflection", ["phase_reflection", "phase_closing"]),
        ):
            if any(getattr(self, name) for name in fields):
                return role
        return "learning"

    def fits_in(self, minutes):
        return self.duration_min <= minutes

    def works_for(self, people):
        return self.group_min <= people and (self.group_max is None or self.group_max >= people)

    # Page behaviour --------------------------------------------------------

    def related_activities(self, limit=4, tags=None):
        """Live activities in the same language sharing tags or a phase,
        those with most shared tags first. One query (two without `tags`)."""
        tag_ids = (
            [tag.pk for tag in tags] if tags is not None else list(self.tags.values_list("pk", flat=True))
        )
        shared_tags = Coalesce(
            Subquery(
                TaggedActivity.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
                .values("content_object")
                .annotate(n=Count("pk"))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )
        shared_phases = Value(0, output_field=IntegerField())
        for option in PHASE.options:
            if getattr(self, option.field):
                shared_phases = shared_phases + models.Case(
                    models.When(**{option.field: True}, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
        return list(
            ActivityPage.objects.live()
            .public_in_sql()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .annotate(shared_tags=shared_tags, shared_phases=shared_phases)
            .filter(Q(shared_tags__gt=0) | Q(shared_phases__gt=0))
            .order_by("-shared_tags", "-shared_phases", "title")[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tags"] = list(self.tags.all())
        context["related_activities"] = self.related_activities(tags=context["tags"])
        context["derived_from"] = self.derived_from.localized if self.derived_from_id else None
        context["derivatives"] = list(
            self.derivatives.live().public_in_sql().filter(locale_id=self.locale_id).order_by("title")
        )
        return context


class SavedPlanQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)


class SavedPlan(models.Model):
    """A meeting plan a member named and kept. The plan itself is its
    planner query string, so a saved plan opens exactly as it was shared."""

    MAX_PER_MEMBER = 50

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_plans",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("plan"), max_length=1000)
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SavedPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("saved plan")
        verbose_name_plural = _("saved plans")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.utils import translation

        with translation.override(self.language):
            url = reverse("activities:planner")
        return f"{url}?{self.query}" if self.query else url


FACET_FIELDS = [option.field for facet in FACETS for option in facet.options]
