"""Field reports in the Wagtail admin: editors and moderators look through
them and hide one (the figures then leave it out)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FieldReport


class FieldReportViewSet(SnippetViewSet):
    model = FieldReport
    icon = "clipboard-list"
    menu_label = _("Field reports")
    list_display = ["activity", "author", "met_on", "minutes", "people", "outcome", "hidden"]
    list_filter = ["hidden", "outcome", "setting", "language"]
    ordering = ["-met_on", "-pk"]
    add_to_admin_menu = False


register_snippet(FieldReportViewSet)
