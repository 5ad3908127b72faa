"""The "Guide review" workflow: a guide submitted for moderation waits for
someone in the "Site editors" group to approve it (or ask for changes).

Migration 0002 makes the workflow and its task. Each language has its own
GuideIndexPage, so the review is attached to every index page when it is
created (accounts.workflows, from GuidesConfig.ready), and every guide below
follows it.
"""

from accounts.workflows import EditorsReview

GUIDE_REVIEW = EditorsReview("Guide review", "Site editors review a guide")
