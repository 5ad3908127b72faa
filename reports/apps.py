from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Field reports")

    def ready(self):
        from activities import usage
        from core import cache, sections

        from . import figures

        usage.register(figures.ReportedUse())
        # A report filed, edited or hidden changes the activity page, the
        # library's "most used" order and the planner's typical lengths.
        cache.register_member_content("reports")
        sections.register(
            "field_reports",
            "reports/includes/activity_reports.html",
            figures.activity_section,
            order=10,
            stylesheet="reports/reports.css",
            place=sections.ACTIVITY,
        )
