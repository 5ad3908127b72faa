"""Atom feeds: the newest threads across the forum, and per category."""

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Category, Post, Thread

FEED_LENGTH = 30


def _threads(queryset):
    """Newest threads with their opening post's HTML, in one query."""
    opening = Post.objects.filter(pk=OuterRef("first_post_id"), is_hidden=False, deleted_at__isnull=True)
    return (
        queryset.visible()
        .select_related("author", "category")
        .annotate(opening_html=Subquery(opening.values("html")[:1]))
        .order_by("-created", "-pk")[:FEED_LENGTH]
    )


class LatestThreadsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Circle Commons forum: new threads")
    subtitle = _("New conversations among people who facilitate learning circles.")

    def link(self):
        return reverse("forum:latest")

    def items(self):
        return _threads(Thread.objects.all())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.opening_html or ""

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return item.author.public_name if item.author else None

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.last_activity_at

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestThreadsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return _("Circle Commons forum: %(category)s") % {"category": obj.name}

    def subtitle(self, obj):
        return obj.description

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return _threads(obj.threads.all())
