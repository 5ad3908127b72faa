"""E-mail to members about their submissions, sent through django-tasks
(immediate in development and tests, the database worker in production)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from core.urls import absolute_url

APPROVED = "approved"
CHANGES_REQUESTED = "changes_requested"
OUTCOMES = (APPROVED, CHANGES_REQUESTED)


@task()
def notify_submitter(page_id, outcome, comment=""):
    """Tell the member who submitted activity `page_id` that it was approved
    (and is live) or that the reviewer asked for changes (with the comment)."""
    from .models import ActivityPage

    if outcome not in OUTCOMES:
        raise ValueError(f"Unknown outcome {outcome!r}")
    page = ActivityPage.objects.filter(pk=page_id).select_related("submitted_by", "locale").first()
    if page is None or page.submitted_by is None or not page.submitted_by.email:
        return "skipped"
    member = page.submitted_by
    language = page.locale.language_code
    with translation.override(language):
        context = {
            "member": member,
            "title": page.title if page.live else page.draft_title,
            "comment": comment,
            "page_url": absolute_url(page.url) if page.live else "",
            "mine_url": absolute_url(reverse("activities:mine")),
            "edit_url": absolute_url(reverse("activities:edit", kwargs={"page_id": page.pk})),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = " ".join(render_to_string(f"activities/emails/{outcome}_subject.txt", context).split())
        body = render_to_string(f"activities/emails/{outcome}.txt", context)
    send_mail(subject, body, None, [member.email])
    return "sent"
