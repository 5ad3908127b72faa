"""Activity views that are not pages (submission, planner). Mounted at the
language prefix, so every path starts with "library/" followed by a fixed
word: none of them can be taken by a page slug of the library itself, which
lives at /<lang>/activities/ (or its translated slug)."""

from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("library/submit/", views.submit, name="submit"),
    path("library/mine/", views.my_activities, name="mine"),
    path("library/mine/<int:page_id>/", views.submission_detail, name="submission"),
    path("library/mine/<int:page_id>/edit/", views.edit, name="edit"),
    path("library/planner/", views.planner_view, name="planner"),
    path("library/planner/save/", views.save_plan, name="save_plan"),
    path("library/planner/saved/", views.saved_plans, name="saved_plans"),
    path("library/planner/saved/<int:plan_id>/delete/", views.delete_plan, name="delete_plan"),
]
