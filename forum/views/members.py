"""A member's own forum: watching threads and categories, notifications,
e-mail settings, and the one-click unsubscribe link from forum e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..forms import PreferencesForm
from ..mail import UNSUBSCRIBE_MAX_AGE, read_unsubscribe_token
from ..models import Category, CategoryWatch, ForumProfile, Notification, ThreadWatch
from .common import get_thread


@login_required
@require_POST
def watch_thread(request, pk):
    thread = get_thread(request, pk)
    if request.POST.get("action") == "unwatch":
        ThreadWatch.objects.filter(user=request.user, thread=thread).delete()
        messages.success(request, _("You will no longer be notified about this thread."))
    else:
        ThreadWatch.objects.get_or_create(user=request.user, thread=thread)
        messages.success(request, _("You are watching this thread: you will be notified of replies."))
    return redirect(thread)


@login_required
@require_POST
def watch_category(request, slug):
    category = get_object_or_404(Category, slug=slug)
    if request.POST.get("action") == "unwatch":
        CategoryWatch.objects.filter(user=request.user, category=category).delete()
        messages.success(request, _("You will no longer be notified of new threads here."))
    else:
        CategoryWatch.objects.get_or_create(user=request.user, category=category)
        messages.success(request, _("You are watching this category: you will be notified of new threads."))
    return redirect(category)


@login_required
def notifications(request):
    if request.method == "POST":
        request.user.forum_notifications.unread().update(read_at=timezone.now())
        messages.success(request, _("All notifications are marked as read."))
        return redirect("forum:notifications")
    items = request.user.forum_notifications.select_related("actor", "post__thread")
    paginator = Paginator(items, 30)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(request, "forum/notifications.html", {"page_obj": page_obj})


@login_required
def open_notification(request, pk):
    notification = get_object_or_404(
        Notification.objects.select_related("post__thread"), pk=pk, recipient=request.user
    )
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    return redirect(notification.post.permalink())


@login_required
def preferences(request):
    profile = ForumProfile.for_user(request.user)
    form = PreferencesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your forum settings have been saved."))
        return redirect("forum:preferences")
    watched = ThreadWatch.objects.filter(user=request.user).select_related("thread").order_by("-created")[:50]
    categories = CategoryWatch.objects.filter(user=request.user).select_related("category")
    return render(
        request,
        "forum/preferences.html",
        {"form": form, "watched_threads": watched, "watched_categories": categories},
    )


@csrf_exempt
def unsubscribe(request, token):
    """One-click unsubscribe from forum e-mail. No sign-in: the signed token
    names the member. GET asks for confirmation (so link scanners in mail
    systems change nothing); POST unsubscribes. CSRF protection is off
    because mail providers POST here directly (RFC 8058) and the unguessable
    token already proves the request comes from the e-mail."""
    member, problem = read_unsubscribe_token(token)
    if member is None:
        # The page names no one: whoever holds the link learns nothing about
        # the member (not even their address), valid link or not.
        context = {
            "problem": problem,
            "sign_in_next": reverse("forum:preferences"),
            "max_age_days": UNSUBSCRIBE_MAX_AGE.days,
        }
        return render(request, "forum/unsubscribe.html", context, status=410 if problem == "expired" else 404)
    if request.method == "POST":
        profile = ForumProfile.for_user(member)
        profile.email_notifications = ForumProfile.Email.NONE
        profile.save(update_fields=["email_notifications"])
        return render(request, "forum/unsubscribe.html", {"done": True})
    return render(request, "forum/unsubscribe.html", {})
