"""The facilitation handbook.

One GuideIndexPage per language (under that language's HomePage) holds the
guides; a GuidePage may hold GuidePages of its own as chapters, one level deep.

Sections ("Getting started", "Running meetings", ...) are a translatable
snippet, GuideSection, that editors put in order by dragging them in the
snippet listing. The order set in the default language is the handbook's
order in every language (a translated section takes its source's place), so
editors arrange sections once. Within a section, guides follow their order in
the page tree, which editors also set by dragging, and chapters follow the
guide they belong to. That whole sequence is the handbook order that the
index lists and that previous/next links walk through.
"""

import math
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index

from activities.blocks import activities_in, activity_pages_for
from core import fragments, sections
from core.cache import generation
from core.toc import table_of_contents
from core.translation import locale_by_id, localized_pages

from .blocks import BodyBlock

WORDS_PER_MINUTE = 200
# Keys of the body's stored JSON that hold no prose: block types and ids,
# choice values, and references to images, videos and pages.
NON_PROSE_KEYS = {"type", "id", "kind", "level", "image", "video", "activity"}


class GuideSectionQuerySet(models.QuerySet):
    def in_handbook_order(self):
        """Ordered as editors arranged the sections in the default language;
        a translated section takes the place of its source."""
        source_order = GuideSection.objects.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=settings.LANGUAGE_CODE
        ).values("sort_order")[:1]
        return self.annotate(handbook_order=Coalesce(Subquery(source_order), F("sort_order"))).order_by(
            "handbook_order", "pk"
        )


class GuideSection(TranslatableMixin, Orderable):
    title = models.CharField(_("title"), max_length=80)
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("One sentence shown under the title on the index."),
    )

    objects = GuideSectionQuerySet.as_manager()

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("guide section")
        verbose_name_plural = _("guide sections")

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        return f"section-{slugify(self.title) or self.pk}"


class GuideIndexPage(Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    # Root (1) > home page (2) > guide index (3): every guide's path starts with its index's.
    depth_in_tree = 3
    subpage_types = ["guides.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["handbook_outline"] = fragments.cached(
            "handbook-outline", (self.pk,), lambda: self.render_outline(request)
        )
        return context

    def render_outline(self, request):
        """The handbook's outline (guides/includes/handbook_outline.html):
        the queries that build it run only when it is not cached."""
        handbook = Handbook(self, with_bodies=True)
        return render_to_string(
            "guides/includes/handbook_outline.html",
            {
                "handbook": handbook,
                "untranslated_guides": self.untranslated_guides(handbook),
                "source_language": settings.LANGUAGE_CODE,
                "page": self,
                "request": request,
            },
        )

    def untranslated_guides(self, handbook):
        """Guides of the default language's handbook that have no live
        translation here yet, so the index can point to them."""
        source = (
            GuideIndexPage.objects.live()
            .filter(translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE)
            .exclude(pk=self.pk)
            .first()
        )
        if source is None:
            return []
        present = {guide.translation_key: guide for guide in handbook.guides}
        missing = [guide for guide in Handbook(source).guides if guide.translation_key not in present]
        for guide in missing:
            parent = getattr(guide, "guide", None)
            if parent is not None:
                # The guide a chapter belongs to, by its title here if it is translated.
                guide.parent_title = getattr(present.get(parent.translation_key), "title", parent.title)
        return missing


class Handbook:
    """The live guides under one index, grouped by section, in handbook order."""

    def __init__(self, index_page, with_bodies=False):
        self.index_page = index_page
        # One query: the guides with their sections, in section order.
        queryset = (
            GuidePage.objects.live()
            .public()
            .descendant_of(index_page)
            .select_related("section")
            .in_handbook_order()
        )
        if not with_bodies:
            queryset = queryset.defer_streamfields()
        top_depth = index_page.depth + 1
        chapters = defaultdict(list)
        top_level = []
        for page in queryset:
            if page.depth == top_depth:
                top_level.append(page)
            else:
                # A chapter belongs to the top-level guide it sits under.
                chapters[page.path[: top_depth * Page.steplen]].append(page)
        self.groups = []
        for page in top_level:
            page.chapters = sorted(chapters[page.path], key=lambda chapter: chapter.path)
            for chapter in page.chapters:
                chapter.guide = page
            if not self.groups or self.groups[-1]["section"] != page.section:
                self.groups.append({"section": page.section, "guides": []})
            self.groups[-1]["guides"].append(page)
        self.guides = [guide for page in top_level for guide in (page, *page.chapters)]

    def neighbours(self, page):
        """(previous, next) of `page` in handbook order; None at either end."""
        ids = [guide.pk for guide in self.guides]
        if page.pk not in ids:
            return None, None
        position = ids.index(page.pk)
        previous = self.guides[position - 1] if position > 0 else None
        following = self.guides[position + 1] if position + 1 < len(self.guides) else None
        return previous, following

    def find(self, page_id):
        return next((guide for guide in self.guides if guide.pk == page_id), None)

    CACHE_SECONDS = 60 * 60

    @classmethod
    def outline_for(cls, guide):
        """(index page, handbook outline) for a guide. Every guide page shows
        the same outline, which changes only when a page is published or a
        guides row saved; both bump the cache generation (core.cache), so the
        outline is kept until then instead of costing two queries a page."""
        key = f"handbook:{generation()}:{guide.path[: GuideIndexPage.depth_in_tree * Page.steplen]}"
        cached = cache.get(key)
        if cached is None:
            index_page = guide.guide_index()
            cached = (index_page, cls(index_page) if index_page else None)
            cache.set(key, cached, cls.CACHE_SECONDS)
        return cached


class GuidePageQuerySet(PageQuerySet):
    def in_handbook_order(self):
        """Guides by their section's place in the handbook, then by their
        place in the page tree; guides without a section come last."""
        source_order = GuideSection.objects.filter(
            translation_key=OuterRef("section__translation_key"), locale__language_code=settings.LANGUAGE_CODE
        ).values("sort_order")[:1]
        return self.annotate(
            section_order=Coalesce(Subquery(source_order), F("section__sort_order"))
        ).order_by(F("section_order").asc(nulls_last=True), "section_id", "path")

    def featured(self, locale, limit=3):
        """The first guides of the handbook in `locale`, for the home page."""
        return list(
            self.live()
            .public()
            .filter(locale=locale, section__isnull=False)
            .defer_streamfields()
            .in_handbook_order()[:limit]
        )


class GuidePage(Page):
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two sentences: what a facilitator gets from this guide. Shown on the index and in search."
        ),
    )
    section = models.ForeignKey(
        GuideSection,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
        help_text=_("Where the guide appears on the index. Chapters follow their guide and need none."),
    )
    body = StreamField(BodyBlock(), use_json_field=True, verbose_name=_("body"))
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("The day someone last checked that this guide is still right."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("section"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), InlinePanel("related_links", label=_("Related guides"), max_num=6)],
            heading=_("Review and related guides"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["guides.GuideIndexPage", "guides.GuidePage"]
    subpage_types = ["guides.GuidePage"]

    objects = PageManager.from_queryset(GuidePageQuerySet)()

    class Meta:
        verbose_name = _("guide")

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and cls.is_guide_or_chapter_place(parent)

    def can_move_to(self, parent):
        if not super().can_move_to(parent) or not self.is_guide_or_chapter_place(parent):
            return False
        # A guide with chapters cannot itself become a chapter.
        return not (issubclass(parent.specific_class, GuidePage) and self.get_children().exists())

    @staticmethod
    def is_guide_or_chapter_place(parent):
        """Guides go under the index; chapters under a guide, one level deep."""
        if not issubclass(parent.specific_class or Page, GuidePage):
            return True
        grandparent = parent.get_parent()
        return grandparent is not None and issubclass(grandparent.specific_class or Page, GuideIndexPage)

    def clean(self):
        super().clean()
        errors = {}
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = _("A review date cannot be in the future.")
        if self.section_id and self.locale_id and self.section.locale_id != self.locale_id:
            errors["section"] = _("Choose a section in the same language as the guide.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def word_count(self):
        texts = [self.summary or "", *_prose(list(self.body.raw_data))]
        return sum(len(strip_tags(text).split()) for text in texts)

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @cached_property
    def table_of_contents(self):
        return table_of_contents(self.body)

    def guide_index(self):
        return GuideIndexPage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page's content is the same for every reader and rendered once
        # per generation (guide_page.html, shared_fragment): what only it
        # shows is computed when it is rendered (fragments.lazy).
        place = fragments.lazy(lambda: self._place_in_handbook())
        for name in ("guide_index", "parent_guide", "chapters", "top_guide", "previous_guide", "next_guide"):
            context[name] = fragments.lazy(lambda name=name: place()[name])
        context["related_guides"] = fragments.lazy(lambda: self.related_guides(place()["handbook"]))
        context["activity_pages"] = fragments.lazy(self.activity_pages)
        # What other apps show after the guide (the forum: its discussion),
        # outside the shared fragment: it moves on with what members write.
        context["page_sections"] = sections.filled(sections.GUIDE, self, request)
        return context

    def _place_in_handbook(self):
        index_page, handbook = Handbook.outline_for(self)
        current = handbook.find(self.pk) if handbook else None
        previous, following = handbook.neighbours(self) if handbook else (None, None)
        guide = getattr(current, "guide", current)  # the top-level guide this page is or belongs to
        return {
            "handbook": handbook,
            "guide_index": index_page,
            "parent_guide": guide if guide is not None and guide.pk != self.pk else None,
            "chapters": getattr(guide, "chapters", []),
            "top_guide": guide,
            "previous_guide": previous,
            "next_guide": following,
        }

    def related_guides(self, handbook=None):
        """The related guides, each in this guide's language when a live
        translation exists (found in the handbook outline when given), else
        as chosen (marked by its language) if live; no guide twice, and never
        this guide itself."""
        links = [link.guide for link in self.related_links.select_related("guide") if link.guide_id]
        known = handbook.guides if handbook else ()
        shown, seen = [], {self.translation_key}
        for guide in localized_pages(links, locale=locale_by_id(self.locale_id), known=known).values():
            if guide is not None and guide.translation_key not in seen:
                seen.add(guide.translation_key)
                shown.append(guide)
        return shown

    def activity_pages(self):
        """{chosen page id: the activity to show, or None} for the activity
        blocks of the body, in this guide's language where translated: one
        query for all its cards (activities.blocks.activity_pages_for)."""
        return activity_pages_for(activities_in(self.body), locale=locale_by_id(self.locale_id))


class GuideRelatedLink(Orderable):
    page = ParentalKey(GuidePage, related_name="related_links", on_delete=models.CASCADE)
    guide = models.ForeignKey(GuidePage, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("guide", page_type="guides.GuidePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related guide")
        verbose_name_plural = _("related guides")

    def clean(self):
        super().clean()
        if self.guide_id and self.page_id and self.guide_id == self.page_id:
            raise ValidationError({"guide": _("A guide cannot be related to itself.")})


def _prose(raw):
    """Every string of the body's stored JSON that is prose."""
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key not in NON_PROSE_KEYS:
                yield from _prose(value)
    elif isinstance(raw, list | tuple):
        for item in raw:
            yield from _prose(item)
    elif isinstance(raw, str):
        yield raw
