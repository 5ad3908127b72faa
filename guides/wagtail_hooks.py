from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GuideSection


class GuideSectionViewSet(SnippetViewSet):
    """Sections of the guide index. Drag them into order in the listing (in
    the default language: translations follow that order)."""

    model = GuideSection
    icon = "list-ol"
    menu_label = _("Guide sections")
    list_display = ["title", "description"]
    search_fields = ["title"]


register_snippet(GuideSectionViewSet)
