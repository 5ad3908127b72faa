"""The editors' report of out-of-date translations (Reports › Translations
behind), from core.translation.stale_translations."""

from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .translation import language_name, stale_translations


def stale_translations_report(request):
    rows = [
        {
            "row": row,
            "language": language_name(row.language),
            "update_url": reverse("wagtail_localize:update_translations", args=[row.translation_source_id]),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[row.translation.pk]),
            "source_url": reverse("wagtailadmin_pages:edit", args=[row.source.pk]),
        }
        for row in stale_translations()
        if row.source.permissions_for_user(request.user).can_edit()
    ]
    return render(
        request,
        "core/stale_translations.html",
        {"rows": rows, "page_title": _("Translations behind their source"), "header_icon": "site"},
    )


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("reports/translations-behind/", stale_translations_report, name="core_stale_translations")]


class StaleTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return StaleTranslationsMenuItem(
        _("Translations behind"),
        reverse("core_stale_translations"),
        name="translations-behind",
        icon_name="site",
        order=750,
    )
