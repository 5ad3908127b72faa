"""Faceted browsing of the library.

ActivityFilter reads the visitor's GET parameters, filters the library and
counts how many activities each filter option would give. The number of
queries does not depend on the number of activities or options:

- full-text search (when there is a query): one query for the matching ids;
- every option of every boolean facet, plus the total: one aggregate query
  with a conditional COUNT per option;
- tags: one grouped query;
- the page of results: one query (the total comes from the aggregate).

Within a facet, options combine with OR (phase: check-in or reflection), and
an option's count applies every *other* filter ("disjunctive" facets), so a
count always says what ticking that box would add. Low-tech needs and tags
narrow instead (AND), and their counts say what remains after ticking.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core import search as site_search

from . import rules, usage
from .facets import FACETS, MAX_GROUP_SIZE, MAX_MINUTES
from .search import KIND
from .tags import TagName

SEARCH_LIMIT = 500
MAX_TAG_OPTIONS = 24
MAX_SELECTED_TAGS = 6
_SLUG = re.compile(r"^[-\w]{1,100}$")

SORTS = {
    "newest": (_("Newest"), ("-first_published_at", "-pk")),
    "shortest": (_("Shortest"), ("duration_min", "duration_max", Lower("title"), "pk")),
    "title": (_("A–Z"), (Lower("title"), "pk")),
}
# Offered when an app records use (activities.usage): most reported first.
MOST_USED = "used"
MOST_USED_SORT = (_("Most used"), ("-uses", Lower("title"), "pk"))


def sorts():
    """The library's sorts, {key: (label, ordering)}."""
    if usage.provider().registered:
        return {**SORTS, MOST_USED: MOST_USED_SORT}
    return SORTS


RELEVANCE = "relevance"


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search activities"), required=False, max_length=200)
    phase = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    grouping = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    setting = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    lowtech = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    fits = forms.IntegerField(
        label=_("Fits in (minutes)"),
        required=False,
        min_value=1,
        max_value=MAX_MINUTES,
        # rules.typical_minutes: the one length the planner schedules and this filter means.
        help_text=_(
            "Activities whose typical length is at most this many minutes: how long facilitators "
            "report it takes, where enough have, else the middle of its shortest and longest run. "
            "The planner schedules each activity at that length."
        ),
    )
    longer = forms.IntegerField(
        label=_("Lasts at least (minutes)"),
        required=False,
        min_value=1,
        max_value=MAX_MINUTES,
        help_text=_("Activities that can fill this many minutes."),
    )
    people = forms.IntegerField(
        label=_("Works for (people)"),
        required=False,
        min_value=1,
        max_value=MAX_GROUP_SIZE,
        help_text=_("Your group size, facilitator included."),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, has_query=False, **kwargs):
        super().__init__(*args, **kwargs)
        for facet in FACETS:
            self.fields[facet.key].choices = facet.choices()
            self.fields[facet.key].label = facet.label
        choices = [(key, label) for key, (label, _ordering) in sorts().items()]
        if has_query:
            choices.insert(0, (RELEVANCE, _("Best match")))
        self.fields["sort"].choices = choices


@dataclass
class OptionCount:
    value: str
    label: str
    count: int
    selected: bool
    remove_url: str = ""


@dataclass
class FacetCounts:
    key: str
    label: str
    options: list
    mode: str

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


class ActivityFilter:
    def __init__(self, data, queryset):
        self.data = data if isinstance(data, QueryDict) else QueryDict(mutable=True)
        if not isinstance(data, QueryDict):
            for key, value in (data or {}).items():
                if isinstance(value, list | tuple):
                    self.data.setlist(key, [str(item) for item in value])
                else:
                    self.data[key] = str(value)
        self.has_query = bool(self.data.get("q", "").strip())
        self.form = FilterForm(self.data, has_query=self.has_query)
        self.form.is_valid()
        cleaned = self.form.cleaned_data
        self.query = (cleaned.get("q") or "").strip()
        self.chosen = {facet.key: list(cleaned.get(facet.key) or []) for facet in FACETS}
        self.fits = cleaned.get("fits")
        self.longer = cleaned.get("longer")
        self.people = cleaned.get("people")
        self.tag_slugs = list(dict.fromkeys(slug for slug in self.data.getlist("tag") if _SLUG.match(slug)))[
            :MAX_SELECTED_TAGS
        ]
        default_sort = RELEVANCE if self.query else "newest"
        self.sort = cleaned.get("sort") or default_sort
        # The models come from the queryset (activities.models imports this
        # module, for the library page): the pages and their tag rows.
        self.model = queryset.model
        self.taggings = self.model.tags.through.objects
        self.base = queryset
        self.search_ids = None
        if self.query:
            self.search_ids = self._search_ids(queryset)
            self.base = queryset.filter(pk__in=self.search_ids)

    # Conditions ------------------------------------------------------------

    def _search_ids(self, queryset):
        """The matching activities' ids, best first, from the site search's
        index (stemmed, found by facet names and tags in every language):
        the library's search box and the site search agree."""
        languages = queryset.order_by().values_list("locale__language_code", flat=True).distinct()
        return site_search.page_ids(self.query, KIND, languages, SEARCH_LIMIT)

    @cached_property
    def conditions(self):
        conditions = {facet.key: facet.q(self.chosen[facet.key]) for facet in FACETS}
        if self.fits:
            conditions["fits"] = rules.typically_fits_in_q(self.fits)
        if self.longer:
            conditions["longer"] = rules.lasts_at_least_q(self.longer)
        if self.people:
            conditions["people"] = rules.works_for_q(self.people)
        if self.tag_slugs:
            conditions["tag"] = Q(pk__in=self.taggings.with_all_tags(self.tag_slugs))
        return {key: condition for key, condition in conditions.items() if condition}

    def condition(self, exclude=None):
        combined = Q()
        for key, condition in self.conditions.items():
            if key != exclude:
                combined &= condition
        return combined

    @property
    def is_filtered(self):
        return bool(self.query or self.conditions)

    # Counting --------------------------------------------------------------

    @cached_property
    def _aggregates(self):
        """The total and every facet option's count, in one query that
        writes each condition once. The conditions every count shares (all
        but those of the "any" facets, whose own options are counted without
        them) go in the WHERE clause: the tag subquery, the duration and the
        group size are compiled and planned once, not once per option. Each
        count then adds only the few "any" facet choices it is under."""
        own = {
            facet.key: self.conditions[facet.key]
            for facet in FACETS
            if facet.mode == "any" and facet.key in self.conditions
        }
        shared = Q()
        for key, condition in self.conditions.items():
            if key not in own:
                shared &= condition

        def under(exclude=None):
            combined = Q()
            for key, condition in own.items():
                if key != exclude:
                    combined &= condition
            return combined

        def count(condition):
            return Count("pk", filter=condition) if condition else Count("pk")

        aggregates = {"total": count(under())}
        for facet in FACETS:
            others = under(exclude=facet.key) if facet.mode == "any" else under()
            for option in facet.options:
                aggregates[f"{facet.key}:{option.value}"] = count(others & Q(**{option.field: True}))
        return self.base.filter(shared).aggregate(**aggregates)

    @property
    def total(self):
        return self._aggregates["total"]

    @cached_property
    def facets(self):
        result = []
        for facet in FACETS:
            options = [
                OptionCount(
                    value=option.value,
                    label=option.label,
                    count=self._aggregates[f"{facet.key}:{option.value}"],
                    selected=option.value in self.chosen[facet.key],
                )
                for option in facet.options
            ]
            result.append(FacetCounts(facet.key, facet.label, options, facet.mode))
        return result

    @cached_property
    def tags(self):
        """The most used tags among the current results, with counts, plus
        any chosen tag (so it can be unticked even when nothing matches)."""
        rows = list(
            self.taggings.filter(content_object__in=self.results.values("pk"))
            .values("tag__name", "tag__slug")
            .annotate(count=Count("pk"))
            .order_by("-count", "tag__name")[:MAX_TAG_OPTIONS]
        )
        found = {row["tag__slug"] for row in rows}
        missing = [slug for slug in self.tag_slugs if slug not in found]
        if missing:
            rows += [
                {"tag__name": tag.name, "tag__slug": tag.slug, "count": 0}
                for tag in Tag.objects.filter(slug__in=missing).order_by("name")
            ]
        labels = TagName.objects.labels([row["tag__slug"] for row in rows])
        options = [
            OptionCount(
                value=row["tag__slug"],
                label=labels.get(row["tag__slug"], row["tag__name"]),
                count=row["count"],
                selected=row["tag__slug"] in self.tag_slugs,
            )
            for row in rows
        ]
        return sorted(options, key=lambda option: (not option.selected, -option.count, option.label))

    # Results ---------------------------------------------------------------

    @cached_property
    def results(self):
        return self.base.filter(self.condition())

    def ordered_results(self):
        ordering = sorts().get(self.sort, SORTS["newest"])[1]
        results = self.results.select_related("locale")
        if self.sort == MOST_USED:
            results = results.annotate(uses=usage.provider().uses())
        return results.order_by(*ordering)

    def paginate(self, number, per_page):
        if self.sort == RELEVANCE and self.search_ids is not None:
            paginator = Paginator(_RelevanceList(self), per_page)
        else:
            paginator = Paginator(self.ordered_results(), per_page)
        # The aggregate query has counted the results already.
        paginator.count = self.total
        return paginator.get_page(number)

    # Active filters, for "remove this filter" links --------------------------

    def url_without(self, key, value=None):
        data = self.data.copy()
        data.pop("page", None)
        if value is None:
            data.pop(key, None)
        else:
            data.setlist(key, [item for item in data.getlist(key) if item != value])
        encoded = data.urlencode()
        return f"?{encoded}" if encoded else "?"

    @cached_property
    def active_filters(self):
        """(label, remove url) for each filter in force."""
        active = []
        if self.query:
            active.append((_("“%(query)s”") % {"query": self.query}, self.url_without("q")))
        for facet in self.facets:
            for option in facet.selected:
                active.append((option.label, self.url_without(facet.key, option.value)))
        if self.fits:
            active.append((_("fits in %(n)d min") % {"n": self.fits}, self.url_without("fits")))
        if self.longer:
            active.append((_("at least %(n)d min") % {"n": self.longer}, self.url_without("longer")))
        if self.people:
            active.append((_("works for %(n)d people") % {"n": self.people}, self.url_without("people")))
        for tag in self.tags:
            if tag.selected:
                active.append((f"#{tag.label}", self.url_without("tag", tag.value)))
        return active


class _RelevanceList:
    """A sequence over the filtered results in search-rank order, fetching
    only the requested slice (for Paginator)."""

    def __init__(self, library):
        self.library = library

    @cached_property
    def _ids(self):
        allowed = set(self.library.results.values_list("pk", flat=True))
        return [pk for pk in self.library.search_ids if pk in allowed]

    def count(self):
        return len(self._ids)

    def __len__(self):
        return len(self._ids)

    def __getitem__(self, item):
        ids = self._ids[item]
        pages = self.library.model.objects.filter(pk__in=ids).select_related("locale").in_bulk()
        return [pages[pk] for pk in ids if pk in pages]
