"""Activity views that are not pages (submission, planner). Mounted at the
language prefix, so every path starts with "library/" followed by a fixed
word: none of them can be taken by a page slug of the library itself, which
lives at /<lang>/activities/ (or its translated slug)."""

from django.urls import path

from core import ids  # noqa: F401 (registers the <id:...> converter)

from .views import circles, planner, sharing, submissions

app_name = "activities"

urlpatterns = [
    path("library/submit/", submissions.submit, name="submit"),
    path("library/mine/", submissions.my_activities, name="mine"),
    path("library/mine/<id:page_id>/", submissions.submission_detail, name="submission"),
    path("library/mine/<id:page_id>/edit/", submissions.edit, name="edit"),
    path("library/planner/", planner.planner_view, name="planner"),
    path("library/planner/agenda/", planner.planner_print, {"sheet": "agenda"}, name="planner_agenda"),
    path(
        "library/planner/run-sheet/", planner.planner_print, {"sheet": "run_sheet"}, name="planner_run_sheet"
    ),
    path("library/planner/save/", planner.save_plan, name="save_plan"),
    path("library/planner/saved/", planner.saved_plans, name="saved_plans"),
    path("library/planner/saved/<id:plan_id>/delete/", planner.delete_plan, name="delete_plan"),
    path("library/planner/saved/<id:plan_id>/share/", sharing.share_plan, name="share_plan"),
    path("library/planner/shared/<str:token>/", sharing.shared_plan, name="shared_plan"),
    path("library/planner/shared/<str:token>/copy/", sharing.copy_plan, name="copy_plan"),
    path("library/circles/", circles.circle_plans, name="circle_plans"),
    path("library/circles/<id:circle_id>/", circles.circle_detail, name="circle"),
    path("library/circles/<id:circle_id>/print/", circles.circle_print, name="circle_print"),
    path("library/circles/<id:circle_id>/share/", circles.share_circle, name="share_circle"),
    path("library/circles/<id:circle_id>/delete/", circles.delete_circle, name="delete_circle"),
    path(
        "library/circles/<id:circle_id>/weeks/<int:number>/suggest/",
        circles.resuggest_week,
        name="resuggest_week",
    ),
    path("library/circles/<id:circle_id>/weeks/<int:number>/save/", circles.save_week, name="save_week"),
    path("library/circles/shared/<str:token>/", circles.shared_circle, name="shared_circle"),
    path(
        "library/circles/shared/<str:token>/print/", circles.shared_circle_print, name="shared_circle_print"
    ),
    path("library/circles/shared/<str:token>/copy/", circles.copy_circle, name="copy_circle"),
]
