"""Trust levels in the interface: trusted members change a thread's title
and tags; moderators set a member's level by hand (forum/trust.py)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from taggit.utils import edit_string_for_tags

from .. import actions, permissions, trust
from ..forms import ThreadDetailsForm, TrustLevelForm
from ..models import Standing
from .common import forbidden, get_thread
from .moderation import moderator_required


@login_required
def edit_thread_details(request, pk):
    thread = get_thread(request, pk)
    if not permissions.can_edit_thread_details(request.user, thread, trust.current_level(request.user)):
        return forbidden(request, _("Trusted members and moderators can change a thread's title and tags."))
    initial = {"title": thread.title, "tags": edit_string_for_tags(thread.tags.all())}
    form = ThreadDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_thread_details(
                thread, by=request.user, title=form.cleaned_data["title"], tags=form.cleaned_data["tags"]
            )
        except ValidationError as error:
            form.refuse(error)
        except PermissionDenied:
            return forbidden(
                request, _("Trusted members and moderators can change a thread's title and tags.")
            )
        else:
            messages.success(request, _("The thread's title and tags have been saved."))
            return redirect(thread)
    return render(request, "forum/edit_thread_details.html", {"thread": thread, "form": form})


@moderator_required
def member_trust(request, username):
    member = get_object_or_404(get_user_model(), username=username)
    standing = Standing.objects.filter(user=member).first() or Standing(user=member)
    initial = {"level": str(standing.level) if standing.set_by_moderator else TrustLevelForm.EARNED}
    form = TrustLevelForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        level = trust.set_level(member, form.chosen_level(), by=request.user, note=form.cleaned_data["note"])
        messages.success(
            request,
            _("%(name)s is now at the level “%(level)s”.")
            % {"name": member.public_name, "level": level.label},
        )
        return redirect(member.get_absolute_url())
    done = trust.participation(member, standing)
    return render(
        request,
        "forum/moderation/trust.html",
        {
            "member": member,
            "standing": standing,
            "form": form,
            "done": done,
            "level": trust.TrustLevel(standing.level),
        },
    )


def profile_standing(member, request):
    """The profile section: the member's trust level (and, for moderators,
    a link to change it)."""
    level = trust.stored_level(member)
    return [
        {
            "level": level,
            "can_set": permissions.is_moderator(request.user),
        }
    ]
