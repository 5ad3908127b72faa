from django.db.models.signals import post_save

from .workflows import assign_guide_review


def attach_workflow_to_new_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        assign_guide_review(instance)


def connect():
    from .models import GuideIndexPage

    post_save.connect(
        attach_workflow_to_new_index, sender=GuideIndexPage, dispatch_uid="guides-index-workflow"
    )
