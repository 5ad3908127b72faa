"""The activity library: ActivityIndexPage lists ActivityPages, members save
meeting plans (SavedPlan) and the plans of whole circles (CirclePlan).

The multi-valued controlled attributes (phase, grouping, setting, low-tech)
are boolean columns, one per option: see activities/facets.py for why.
"""

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Substr
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import fragments, sections
from core.restrictions import restricted_paths
from core.translation import locale_by_id, localized_pages
from core.urls import absolute_url

from . import rules, usage
from .facets import (
    DEFAULT_LICENCE,
    FACETS,
    GROUPING,
    LICENCE_URLS,
    LICENCES,
    LOW_TECH,
    MAX_GROUP_SIZE,
    MAX_MINUTES,
    MEETING,
    PHASE,
    SETTING,
)
from .filters import ActivityFilter
from .tags import TagName


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
        context = super().get_context(request, *args, **kwargs)
        # The library is the same for every reader of the same filters (and
        # for every member) and rendered once per generation
        # (activity_index_page.html, shared_fragment): the filters, counts
        # and results are computed only when it is rendered (fragments.lazy).
        library = fragments.lazy(lambda: ActivityFilter(request.GET, self.activities()))
        page_obj = fragments.lazy(lambda: library().paginate(request.GET.get("page"), self.per_page))
        context["library"] = library
        context["page_obj"] = page_obj
        context["activities"] = fragments.lazy(lambda: page_obj().object_list)
        return context


class ActivityPageQuerySet(PageQuerySet):
    def public_in_sql(self):
        """Like public(), with no query of its own: pages under a restricted
        page (core.restrictions, cached) are left out by a prefix filter on
        their path, and nothing is added when no page is restricted."""
        paths = restricted_paths()
        if not paths:
            return self
        under_restriction = Q()
        for path in paths:
            under_restriction |= Q(path__startswith=path)
        return self.exclude(under_restriction)

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
        return self.filter(rules.awaiting_publication_q())


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

    meeting_first = models.BooleanField(_("suits the first meeting"), default=True)
    meeting_middle = models.BooleanField(_("suits a meeting in between"), default=True)
    meeting_last = models.BooleanField(_("suits the last meeting"), default=True)

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

    # How long it took by facilitators' reports, where enough say so (None
    # otherwise): an annotation from activities.usage, or set by get_context.
    reported_minutes = None

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
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel(option.field) for option in MEETING.options])],
            heading=_("Which meetings of a circle (one or more)"),
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
        if not MEETING.values_of(self):
            errors["meeting_first"] = _("Choose at least one meeting it suits.")
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
    def meetings(self):
        """The meetings of a circle it suits (rules.suits_meeting)."""
        return frozenset(MEETING.values_of(self))

    @property
    def meetings_list(self):
        """The meetings it suits, when not every one."""
        values = MEETING.values_of(self)
        return [] if len(values) == len(MEETING.options) else MEETING.labels_of(self)

    @property
    def typical_minutes(self):
        return rules.typical_minutes(self)

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
        return rules.first_role(self.phase_values)

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
        # What use taught (activities.usage; cached where an app records use):
        # the sheet shows the reported typical length.
        context["usage"] = usage.provider().for_page(self)
        self.reported_minutes = getattr(context["usage"], "reported_minutes", None)
        # What other apps show beside it (core.sections, registered from their
        # AppConfig.ready): rendered for each reader, outside the shared fragments.
        context["sections"] = sections.filled(sections.ACTIVITY, self, request)
        # The sheet and the related activities are the same for every reader
        # and rendered once per generation (activity_page.html, shared_fragment):
        # what only they show is computed when they are rendered (fragments.lazy).
        tags = fragments.lazy(lambda: TagName.objects.label_tags(self.tags.all()))
        context["tags"] = tags
        context["related_activities"] = fragments.lazy(lambda: self.related_activities(tags=tags()))
        context["derived_from"] = fragments.lazy(
            lambda: (
                localized_pages([self.derived_from], locale=locale_by_id(self.locale_id))[
                    self.derived_from_id
                ]
                if self.derived_from_id
                else None
            )
        )
        context["derivatives"] = fragments.lazy(
            lambda: list(
                self.derivatives.live().public_in_sql().filter(locale_id=self.locale_id).order_by("title")
            )
        )
        return context


class ShareableQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def shared(self, token):
        """The one shared by this link; nothing for an unknown or revoked one."""
        return self.filter(share_token=token) if token else self.none()


class Shareable(models.Model):
    """Something a member owns and names (in the language it was made in) and
    may share read-only by an unguessable link, for another facilitator to
    read and copy into their own. Revoking the link (or sharing again after
    revoking) makes the old link answer 404."""

    name = models.CharField(_("name"), max_length=80)
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    share_token = models.CharField(
        _("share link"), max_length=32, unique=True, null=True, blank=True, editable=False
    )

    objects = ShareableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def is_shared(self):
        return bool(self.share_token)

    def share(self):
        if not self.share_token:
            self.share_token = secrets.token_urlsafe(18)
            self.save(update_fields=["share_token"])
        return self.share_token

    def revoke(self):
        self.share_token = None
        self.save(update_fields=["share_token"])

    @classmethod
    def room_for(cls, user):
        """The member may keep one more."""
        return cls.objects.owned_by(user).count() < cls.MAX_PER_MEMBER

    def check_room(self, user):
        if not self.room_for(user):
            raise ValidationError(self.full_message % {"max": self.MAX_PER_MEMBER})


class SavedPlan(Shareable):
    """A meeting plan a member named and kept. The plan itself is its
    planner query string, so a saved plan opens exactly as it was shared."""

    MAX_PER_MEMBER = 50
    full_message = _("You can keep up to %(max)d plans. Delete one to save another.")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_plans",
        verbose_name=_("owner"),
    )
    query = models.CharField(_("plan"), max_length=2000)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("saved plan")
        verbose_name_plural = _("saved plans")

    def get_absolute_url(self):
        return planner_url(self.query, self.language)

    @property
    def share_url(self):
        return absolute_url(reverse("activities:shared_plan", kwargs={"token": self.share_token}))

    def copy_for(self, user):
        """A copy of this plan in `user`'s own saved plans (not shared)."""
        self.check_room(user)
        return SavedPlan.objects.create(owner=user, name=self.name, query=self.query, language=self.language)


def planner_url(query, language=None, **extra):
    """The planner's address for a plan query, in `language` (else the current one)."""
    from django.utils import translation

    with translation.override(language or translation.get_language()):
        url = reverse("activities:planner")
    if extra:
        query = "&".join(part for part in (query, urlencode(extra)) if part)
    return f"{url}?{query}" if query else url


class CirclePlan(Shareable):
    """All the meetings of one learning circle, planned together: ordered
    weeks, each a planner query as a SavedPlan holds it. The first week is
    shaped as a first meeting, the last as a last meeting, and no activity
    comes back in another week unless the facilitator puts it there
    (activities.circles makes and re-suggests the weeks)."""

    MIN_WEEKS, MAX_WEEKS, DEFAULT_WEEKS = 2, 12, 6
    MAX_PER_MEMBER = 20
    full_message = _("You can keep up to %(max)d circle plans. Delete one to make another.")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="circle_plans",
        verbose_name=_("owner"),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated", "-pk"]
        verbose_name = _("circle plan")
        verbose_name_plural = _("circle plans")

    def get_absolute_url(self):
        return reverse("activities:circle", kwargs={"circle_id": self.pk})

    def repeats(self, weeks=None):
        """{activity id: [week numbers]} for each activity planned in more than one week."""
        seen = {}
        for week in self.weeks.all() if weeks is None else weeks:
            for activity_id in week.activity_ids():
                seen.setdefault(activity_id, [])
                if week.number not in seen[activity_id]:
                    seen[activity_id].append(week.number)
        return {pk: numbers for pk, numbers in seen.items() if len(numbers) > 1}

    def copy_for(self, user):
        """A copy of the circle and all its weeks in `user`'s own circle plans (not shared)."""
        from django.db import transaction

        self.check_room(user)
        with transaction.atomic():
            copy = CirclePlan.objects.create(owner=user, name=self.name, language=self.language)
            CircleWeek.objects.bulk_create(
                CircleWeek(circle=copy, number=week.number, query=week.query) for week in self.weeks.all()
            )
        return copy


class CircleWeek(models.Model):
    """One meeting of a circle plan: its number (1 is the first) and its
    plan, the planner query string (the same representation as SavedPlan)."""

    circle = models.ForeignKey(CirclePlan, on_delete=models.CASCADE, related_name="weeks")
    number = models.PositiveSmallIntegerField(_("week"))
    query = models.CharField(_("plan"), max_length=2000)

    class Meta:
        ordering = ["circle", "number"]
        constraints = [models.UniqueConstraint(fields=["circle", "number"], name="one_plan_per_week")]
        verbose_name = _("week of a circle plan")
        verbose_name_plural = _("weeks of a circle plan")

    def __str__(self):
        return f"{self.circle} · {self.number}"

    def data(self):
        return QueryDict(self.query)

    def activity_ids(self):
        return [int(value) for value in self.data().getlist("activity") if value.isdigit()]

    @property
    def meeting(self):
        return self.data().get("meeting") or "middle"

    def planner_url(self):
        """The planner with this week's plan, set to save back into this week."""
        return planner_url(self.query, self.circle.language, week=self.pk)


FACET_FIELDS = [option.field for facet in FACETS for option in facet.options]
