"""Views that are not pages, one module per job: submissions, the planner,
sharing plans and circle plans (activities/urls.py names each)."""
