"""Filing, editing and hiding field reports. The rules live in the model
and the form; these views only wire them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activities.models import ActivityPage

from .figures import can_hide
from .forms import DUPLICATE_MESSAGE, FieldReportForm
from .models import FieldReport


def _next_url(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _save(form):
    """Save the report; a second report for the same day filed at the same
    moment is caught by the database constraint and told like any other."""
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        form.add_error("met_on", DUPLICATE_MESSAGE)
        return None


@login_required
def file_report(request, page_id):
    page = get_object_or_404(ActivityPage.objects.live().public_in_sql(), pk=page_id)
    form = FieldReportForm(request.POST if request.method == "POST" else None, page=page, author=request.user)
    if request.method == "POST" and form.is_valid() and _save(form):
        messages.success(request, _("Thank you: your report on “%(title)s” is in.") % {"title": page.title})
        return redirect(_next_url(request, page.url))
    return render(
        request, "reports/report_form.html", {"form": form, "page": page, "next": _next_url(request, "")}
    )


@login_required
def edit_report(request, report_id):
    # Only the author's own reports exist here: anyone else gets a 404.
    report = get_object_or_404(
        FieldReport.objects.select_related("activity"), pk=report_id, author=request.user
    )
    page = report.activity
    form = FieldReportForm(
        request.POST if request.method == "POST" else None, instance=report, author=request.user
    )
    if request.method == "POST" and form.is_valid() and _save(form):
        messages.success(request, _("Your report is updated."))
        return redirect(_next_url(request, page.url))
    return render(
        request,
        "reports/report_form.html",
        {"form": form, "page": page, "report": report, "next": _next_url(request, "")},
    )


@login_required
@require_POST
def hide_report(request, report_id):
    if not can_hide(request.user):
        raise PermissionDenied
    report = get_object_or_404(FieldReport.objects.select_related("activity"), pk=report_id)
    report.hidden = request.POST.get("hidden", "1") != "0"
    report.save(update_fields=["hidden", "updated"])
    messages.success(request, _("The report is hidden.") if report.hidden else _("The report shows again."))
    return redirect(_next_url(request, report.activity.url))
