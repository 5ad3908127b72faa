from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from . import sections
from .blocks import BodyBlock


class HomePage(Page):
    """The front door: what a learning circle is, then what is new."""

    intro = RichTextField(
        features=["bold", "italic", "link"],
        help_text="A few sentences that explain learning circles to a first-time visitor.",
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_guides"] = sections.featured_guides(self.locale)
        context["newest_activities"] = sections.newest_activities(self.locale)
        context["latest_threads"] = sections.latest_threads()
        return context


class StandardPage(Page):
    """About, code of conduct, privacy and other plain pages."""

    intro = models.TextField(blank=True, max_length=400)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]


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
