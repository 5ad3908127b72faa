"""Activity views that are not pages (submission, planner). Mounted at the
language prefix, so paths here must not clash with page slugs."""

urlpatterns = []
