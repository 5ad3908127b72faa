from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("Facilitation guides")

    def ready(self):
        from core import cache, search, sections

        from .models import GuideIndexPage, GuidePage
        from .workflows import GUIDE_REVIEW

        GUIDE_REVIEW.attach_to_new(GuideIndexPage)
        search.register_pages(GuidePage, "guides", _("Guides"), 10)
        search.register_pages(GuideIndexPage, "guides", _("Guides"), 10)
        cache.register_editorial("guides")
        sections.register(
            "featured_guides", "guides/includes/home_section.html", GuidePage.objects.featured, order=10
        )
