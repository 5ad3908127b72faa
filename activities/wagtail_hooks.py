"""Editors name the activity tags in Spanish and French in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .tags import TagName


class TagNameViewSet(SnippetViewSet):
    model = TagName
    icon = "tag"
    menu_label = _("Tag names")
    list_display = ["name", "name_es", "name_fr"]


register_snippet(TagNameViewSet)
