"""Editors manage forum categories in the Wagtail admin, as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Category


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "comment"
    menu_label = _("Forum categories")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "order"]
    ordering = ["order", "name"]
    search_fields = ["name", "description"]


register_snippet(CategoryViewSet)
