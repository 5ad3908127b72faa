"""Atom feeds: the newest threads across the forum, and per category.

Every link in a feed (the feed's own, its site link, each entry's) is an
absolute URL on the configured base URL (core.urls.absolute_url): Django's
syndication would otherwise complete relative links from the request's
Host header, which whoever sends the request chooses. The feed says its
language (xml:lang, the active one: Django's default); posts carry none of
their own, since the forum does not record the language a post is in.
"""

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.urls import absolute_url

from .models import Category, Post, Thread
from .rendering import in_reader_language

FEED_LENGTH = 30


def _threads(queryset):
    """Newest threads with their opening post's HTML, in one query."""
    opening = Post.objects.visible().filter(pk=OuterRef("first_post_id"))
    return (
        queryset.visible()
        .select_related("author", "category")
        .annotate(opening_html=Subquery(opening.values("html")[:1]))
        .order_by("-created", "-pk")[:FEED_LENGTH]
    )


class ThreadsAtomFeed(Atom1Feed):
    """Atom with each entry's own language (xml:lang): a thread written in
    Spanish says so in a feed read in English."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class LatestThreadsFeed(Feed):
    feed_type = ThreadsAtomFeed
    title = _("Circle Commons forum: new threads")
    subtitle = _("New conversations among people who facilitate learning circles.")

    def link(self):
        return absolute_url(reverse("forum:latest"))

    def feed_url(self):
        return absolute_url(reverse("forum:feed_latest"))

    def items(self):
        return _threads(Thread.objects.all())

    def item_title(self, item):
        return item.title

    def item_extra_kwargs(self, item):
        return {"language": item.language}

    def item_description(self, item):
        return in_reader_language(item.opening_html)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item):
        return item.author.public_name if item.author else None

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.last_activity_at

    def item_categories(self, item):
        return [item.category.display_name]


class CategoryFeed(LatestThreadsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return _("Circle Commons forum: %(category)s") % {"category": obj.display_name}

    def subtitle(self, obj):
        return obj.display_description

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj):
        return absolute_url(reverse("forum:feed_category", kwargs={"slug": obj.slug}))

    def items(self, obj):
        return _threads(obj.threads.all())
