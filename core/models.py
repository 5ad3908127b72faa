"""The site chrome an editor manages: the header and footer links
(Wagtail settings, one set for the whole site)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseGenericSetting):
    """Links in the header. Each link points at a page in the default language;
    it is shown in the visitor's language when a translation exists."""

    panels = [InlinePanel("links", label=_("Header links"))]

    class Meta:
        verbose_name = _("navigation")


class NavigationLink(Orderable):
    setting = ParentalKey(NavigationSettings, related_name="links", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    panels = [PageChooserPanel("page")]


@register_setting(icon="form")
class FooterSettings(ClusterableModel, BaseGenericSetting):
    contact_email = models.EmailField(blank=True)
    panels = [FieldPanel("contact_email"), InlinePanel("links", label=_("Footer links"))]

    class Meta:
        verbose_name = _("footer")


class FooterLink(Orderable):
    setting = ParentalKey(FooterSettings, related_name="links", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    panels = [PageChooserPanel("page")]


class SearchEntry(models.Model):
    """One document of the site search (core.search): a page, or a forum
    thread with its posts, in one language. On PostgreSQL the table also has
    `search_vector`, the entry's words in its language's text search
    configuration, under a GIN index (migration 0003); on SQLite `stems`
    holds the stemmed words to match."""

    key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=30)
    language = models.CharField(max_length=8)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(null=True, blank=True)
    stems = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["language", "kind"])]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.key
