"""Review by the Site editors: how an app puts its pages under an editors'
review workflow (guides: "Guide review", activities: "Activity review").

An app names its workflow and that workflow's one task (`EditorsReview`), and
from its AppConfig.ready attaches the review to every page of the model that
holds its content when such a page is created (`attach_to_new`): by an editor
in the admin, by wagtail-localize when it translates the page, by a script or
by the demo. Wagtail's workflows follow the page tree, so every page below
follows the review. The app's migration makes the workflow and its task
(no page exists yet then) and attaches the pages that already exist;
`workflow()` makes them again if a database has lost them.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from .models import SITE_EDITORS


@dataclass(frozen=True)
class EditorsReview:
    name: str  # the workflow, as editors see it in the admin
    task_name: str  # its one task, which someone in "Site editors" approves

    def workflow(self):
        """The workflow with its task (made again if a database lost them)."""
        workflow = Workflow.objects.filter(name=self.name).first()
        if workflow is None:
            workflow = Workflow.objects.create(name=self.name, active=True)
        if not workflow.workflow_tasks.exists():
            task = GroupApprovalTask.objects.filter(name=self.task_name).first()
            if task is None:
                task = GroupApprovalTask.objects.create(name=self.task_name, active=True)
            editors, _created = Group.objects.get_or_create(name=SITE_EDITORS)
            task.groups.add(editors)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        return workflow

    def attach(self, page):
        """Put `page`, and so every page below it, under this review, unless
        it has a workflow of its own already; returns the page's workflow.
        Idempotent."""
        link = WorkflowPage.objects.filter(page=page).select_related("workflow").first()
        if link is None:
            link = WorkflowPage.objects.create(page=page, workflow=self.workflow())
        return link.workflow

    def attach_to_new(self, model):
        """Attach this review to each `model` page when it is created."""
        post_save.connect(
            self._attach_created,
            sender=model,
            weak=False,
            dispatch_uid=f"editors-review:{self.name}:{model._meta.label}",
        )

    def _attach_created(self, sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            self.attach(instance)
