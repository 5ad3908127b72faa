from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core import sections
from guides.blocks import BodyBlock


class HomePage(Page):
    """The front door: what a learning circle is, then what is new."""

    intro = RichTextField(
        features=["bold", "italic", "link"],
        help_text=_("A few sentences that explain learning circles to a first-time visitor."),
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What the apps show here (core.sections, registered in each app's AppConfig.ready).
        # Rendered once per content generation (core.sections.rendered_home).
        context["sections"] = sections.rendered_home(self.locale, request)
        return context


class StandardPage(Page):
    """About, code of conduct, privacy and other plain pages."""

    intro = models.TextField(_("introduction"), blank=True, max_length=400)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
