"""The "Guide review" workflow: a guide submitted for moderation waits for
someone in the "Site editors" group to approve it (or ask for changes).

The workflow and its task are created by migration 0002. A workflow is
attached to pages, and each language has its own GuideIndexPage (which do not
exist when migrations run), so every GuideIndexPage is attached when it is
created, through a post_save signal (signals.py): by an editor in the admin,
by wagtail-localize when it translates the index, or by the demo loader.
`assign_guide_review` is idempotent, and the demo loader calls it too.
"""

from wagtail.models import Workflow, WorkflowPage

GUIDE_REVIEW = "Guide review"
GUIDE_REVIEW_TASK = "Site editors review a guide"


def guide_review_workflow():
    return Workflow.objects.filter(name=GUIDE_REVIEW, active=True).first()


def assign_guide_review(index_page):
    """Attach the Guide review workflow to `index_page` (and so to every
    guide under it) unless the page already has a workflow of its own."""
    workflow = guide_review_workflow()
    if workflow is None:
        return None
    link, _ = WorkflowPage.objects.get_or_create(page=index_page, defaults={"workflow": workflow})
    return link.workflow
