"""The "Activity review" workflow: a member's submission (or an editor's
change sent for moderation) waits for someone in the "Site editors" group to
approve it or ask for changes.

Migration 0002 makes the workflow and its task, 0003 attaches it to the
libraries that exist; each library made later (one per language) gets it
when it is created (accounts.workflows, from ActivitiesConfig.ready), and
every activity below follows it.
"""

from accounts.workflows import EditorsReview

ACTIVITY_REVIEW = EditorsReview("Activity review", "Site editors review")
