"""What helps a member write, behind the reply and new-thread forms
(forum/static/forum/forum.js; the forms work without it): the reply's
draft, kept on the server, and @-mention suggestions."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import limits, permissions
from ..models import Draft
from .common import forbidden, get_thread
from .posts import reply_target

MAX_SUGGESTIONS = 8


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def draft(request, pk):
    """Save the member's unsent reply in this thread (the autosave script,
    answered in JSON), or discard it (the notice's button, or an empty text)."""
    thread = get_thread(request, pk)
    user = request.user
    if not permissions.can_reply(user, thread):
        if wants_json(request):
            return JsonResponse({"saved": False}, status=403)
        return forbidden(request, _("This thread is locked: it no longer takes replies."))
    if request.POST.get("action") == "discard":
        Draft.discard(user, thread)
        if wants_json(request):
            return JsonResponse({"saved": False, "discarded": True})
        messages.info(request, _("Your draft has been discarded."))
        return redirect(thread.get_absolute_url() + "#reply")
    if not limits.within_rate(user, "DRAFT_SAVES_PER_MINUTE"):
        return JsonResponse(
            {"saved": False, "error": _("Saving too often; your text is still here.")}, status=429
        )
    source = request.POST.get("source", "")
    try:
        limits.check_length(source)
    except ValidationError as error:
        return JsonResponse({"saved": False, "error": error.messages[0]}, status=400)
    target = reply_target(request.POST.get("reply_to"))
    if target is not None and not permissions.can_reply_to(user, target, thread):
        target = None
    kept = Draft.keep(user, thread, source, reply_to=target)
    if wants_json(request):
        return JsonResponse({"saved": kept is not None})
    messages.info(request, _("Your draft has been saved."))
    return redirect(thread.get_absolute_url() + "#reply")


@login_required
@require_GET
def mention_suggestions(request):
    """Active members whose username or display name starts with ?q=, at
    most eight, for the @-mention autocomplete."""
    if not limits.within_rate(request.user, "MENTION_LOOKUPS_PER_MINUTE"):
        return JsonResponse({"members": [], "error": _("Too many lookups; wait a minute.")}, status=429)
    prefix = request.GET.get("q", "").strip().lstrip("@")[:30]
    if not prefix:
        return JsonResponse({"members": []})
    members = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(username__istartswith=prefix) | Q(display_name__istartswith=prefix))
        .order_by("username")
        .values("username", "display_name")[:MAX_SUGGESTIONS]
    )
    return JsonResponse(
        {
            "members": [
                {"username": member["username"], "name": member["display_name"] or member["username"]}
                for member in members
            ]
        }
    )
