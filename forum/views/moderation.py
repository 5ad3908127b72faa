"""Moderation: the flag queue, hiding, locking, pinning, moving, pausing
members. Only forum moderators (forum/permissions.py); every action is
logged by the model method that performs it."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import notifications
from ..forms import MoveThreadForm, NoteForm, SilenceForm
from ..models import Flag, ForumProfile, ModerationLog, Notification, Post, Thread
from ..permissions import can_silence, is_moderator
from .common import forbidden


def moderator_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_moderator(request.user):
            return forbidden(request, _("Only forum moderators can do this."))
        return view(request, *args, **kwargs)

    return wrapper


@moderator_required
def queue(request):
    open_flags = Flag.objects.open().select_related("reporter").order_by("created")
    flagged = (
        Post.objects.filter(pk__in=Flag.objects.open().values("post"))
        .annotate(
            open_flag_count=Count("flags", filter=Q(flags__resolved_at__isnull=True)),
            # What the flags weigh: new members' less, trusted members' more (forum/trust.py).
            open_flag_weight=Sum("flags__weight", filter=Q(flags__resolved_at__isnull=True)),
        )
        .select_related("author", "thread")
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flags"))
        .order_by("-open_flag_weight", "-open_flag_count", "created")
    )
    hidden = Post.objects.filter(is_hidden=True).select_related("author", "thread").order_by("-created")[:20]
    hidden_threads = Thread.objects.filter(is_hidden=True).select_related("category")[:20]
    silenced = ForumProfile.objects.filter(silenced_until__gt=timezone.now()).select_related("user")
    log = ModerationLog.objects.select_related("moderator")[:10]
    return render(
        request,
        "forum/moderation/queue.html",
        {
            "flagged": flagged,
            "hidden": hidden,
            "hidden_threads": hidden_threads,
            "silenced": silenced,
            "log": log,
        },
    )


@moderator_required
def log(request):
    entries = ModerationLog.objects.select_related("moderator", "thread", "member")
    page_obj = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "forum/moderation/log.html", {"page_obj": page_obj})


def _back(request, default):
    """Return to the queue when the action came from there."""
    if request.POST.get("next") == "queue":
        return redirect("forum:moderation_queue")
    return redirect(default)


@moderator_required
@require_POST
def moderate_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    action = request.POST.get("action")
    if action == "hide":
        post.set_hidden(True, by=request.user, note=note)
        Flag.resolve_for_post(post, by=request.user, note=_("post hidden"))
        notifications.notify_moderated(post, Notification.Kind.HIDDEN, by=request.user, note=note)
        messages.success(request, _("The post is hidden. Its author and moderators can still see it."))
    elif action == "unhide":
        post.set_hidden(False, by=request.user, note=note)
        messages.success(request, _("The post is visible again."))
    elif action == "dismiss":
        Flag.resolve_for_post(post, by=request.user, note=note or _("no action needed"))
        messages.success(request, _("The flags are resolved; the post stays as it is."))
    else:
        return HttpResponseBadRequest(_("Unknown action."))
    return _back(request, post.permalink())


@moderator_required
@require_POST
def moderate_thread(request, pk):
    thread = get_object_or_404(Thread, pk=pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    actions = {
        "lock": (thread.set_locked, True, _("The thread is locked.")),
        "unlock": (thread.set_locked, False, _("The thread is open for replies again.")),
        "pin": (thread.set_pinned, True, _("The thread is pinned to the top of its category.")),
        "unpin": (thread.set_pinned, False, _("The thread is no longer pinned.")),
        "hide": (thread.set_hidden, True, _("The thread is hidden from members.")),
        "unhide": (thread.set_hidden, False, _("The thread is visible again.")),
    }
    action = actions.get(request.POST.get("action"))
    if action is None:
        return HttpResponseBadRequest(_("Unknown action."))
    method, value, message = action
    method(value, by=request.user, note=note)
    messages.success(request, message)
    return _back(request, thread)


@moderator_required
def move_thread(request, pk):
    thread = get_object_or_404(Thread.objects.select_related("category"), pk=pk)
    form = MoveThreadForm(request.POST or None, initial={"category": thread.category})
    if request.method == "POST" and form.is_valid():
        category = form.cleaned_data["category"]
        if category != thread.category:
            thread.move_to(category, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The thread was moved to %(category)s.") % {"category": category})
        return redirect(thread)
    return render(request, "forum/moderation/move.html", {"thread": thread, "form": form})


@moderator_required
def silence(request, username):
    member = get_object_or_404(get_user_model(), username=username)
    profile = ForumProfile.for_user(member)
    if request.method == "POST" and request.POST.get("action") == "unsilence":
        profile.unsilence(by=request.user)
        messages.success(request, _("%(name)s can post again.") % {"name": member.public_name})
        return redirect("forum:moderation_queue")
    form = SilenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not can_silence(request.user, member):
            form.add_error(None, _("Moderators cannot be paused here; ask an administrator."))
        else:
            profile.silence(form.until(), by=request.user, reason=form.cleaned_data["reason"])
            messages.success(
                request, _("%(name)s cannot post until the date shown.") % {"name": member.public_name}
            )
            return redirect("forum:moderation_queue")
    recent = Post.objects.filter(author=member).select_related("thread").order_by("-created")[:10]
    return render(
        request,
        "forum/moderation/silence.html",
        {"member": member, "profile": profile, "form": form, "recent": recent},
    )
