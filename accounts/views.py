from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm
from .models import User


def profile(request, username):
    member = get_object_or_404(User, username=username, is_active=True)
    return render(request, "accounts/profile.html", {"member": member})


@login_required
def edit_profile(request):
    # Only ever the signed-in member's own profile: there is no user id in the URL.
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect(request.user.get_absolute_url())
    return render(request, "accounts/profile_edit.html", {"form": form})
