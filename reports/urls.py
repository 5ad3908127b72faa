"""Field report views, mounted at the language prefix under "library/"
like the activities app's own views (no page slug can take them)."""

from django.urls import path

from core import ids  # noqa: F401 (registers the <id:...> converter)

from . import views

app_name = "reports"

urlpatterns = [
    path("library/reports/new/<id:page_id>/", views.file_report, name="file"),
    path("library/reports/<id:report_id>/edit/", views.edit_report, name="edit"),
    path("library/reports/<id:report_id>/hide/", views.hide_report, name="hide"),
]
