from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from core import sections

from .forms import DeleteAccountForm, ProfileForm
from .models import User


def profile(request, username):
    member = get_object_or_404(User, username=username, is_active=True)
    # What the apps show about the member (core.sections, place "profile").
    context = {"member": member, "sections": sections.filled(sections.PROFILE, member, request)}
    return render(request, "accounts/profile.html", context)


@login_required
def edit_profile(request):
    # Only ever the signed-in member's own profile: there is no user id in the URL.
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect(request.user.get_absolute_url())
    return render(request, "accounts/profile_edit.html", {"form": form})


@login_required
def delete_account(request):
    """A page that says what happens, then the member confirms."""
    member = request.user
    if member.is_superuser:
        # The site must keep someone who can manage it.
        messages.error(request, _("An administrator's account is deleted by another administrator."))
        return redirect("accounts:edit_profile")
    form = DeleteAccountForm(member, request.POST or None)
    if request.method == "POST" and form.is_valid():
        logout(request)
        member.delete_account()
        messages.success(request, _("Your account is deleted. Thank you for being part of Circle Commons."))
        return redirect(f"/{request.LANGUAGE_CODE}/")
    return render(request, "accounts/delete_account.html", {"form": form})


STARTER_GUIDE = "what-is-a-learning-circle"  # the slug of the page in the default language
INTRODUCTIONS_CATEGORY = "getting-started"  # the forum category where newcomers say hello


def starter_guide():
    """The starter guide in the language being read, if the site has one."""
    slug = getattr(settings, "ACCOUNTS_STARTER_GUIDE", STARTER_GUIDE)
    page = Page.objects.live().filter(slug=slug, locale__language_code=settings.LANGUAGE_CODE).first()
    if page is None:
        return None
    return page.get_translations(inclusive=True).live().filter(locale=Locale.get_active()).first() or page


@login_required
def welcome(request):
    """Where a new member lands once signed in: what to do first."""
    context = {
        "guide": starter_guide(),
        "introductions": getattr(settings, "ACCOUNTS_INTRODUCTIONS_CATEGORY", INTRODUCTIONS_CATEGORY),
    }
    return render(request, "accounts/welcome.html", context)
