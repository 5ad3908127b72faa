"""Bookmarks: keep a post to come back to, with an optional reminder date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import BookmarkForm
from ..models import Bookmark
from .common import get_post


@login_required
@require_POST
def toggle_bookmark(request, pk):
    post = get_post(request, pk)
    deleted, _rows = Bookmark.objects.filter(user=request.user, post=post).delete()
    if deleted:
        messages.success(request, _("The bookmark is removed."))
    else:
        Bookmark.objects.get_or_create(user=request.user, post=post)
        messages.success(
            request,
            _("Bookmarked. Your bookmarks are listed under “Bookmarks”, where you can set a reminder."),
        )
    return redirect(post.permalink())


@login_required
def bookmarks(request):
    if request.method == "POST":
        bookmark = get_object_or_404(Bookmark, pk=request.POST.get("bookmark"), user=request.user)
        form = BookmarkForm(request.POST, instance=bookmark, prefix=f"b{bookmark.pk}")
        if form.is_valid():
            bookmark = form.save(commit=False)
            bookmark.reminded_at = None  # a new date reminds again
            bookmark.save(update_fields=["remind_on", "reminded_at"])
            messages.success(request, _("The reminder is saved."))
            return redirect("forum:bookmarks")
        forms = {bookmark.pk: form}
    else:
        forms = {}
    kept = list(
        Bookmark.objects.filter(user=request.user, post__deleted_at__isnull=True)
        .select_related("post__thread", "post__author")
        .order_by("-created", "-pk")[:200]
    )
    for bookmark in kept:
        bookmark.form = forms.get(bookmark.pk) or BookmarkForm(instance=bookmark, prefix=f"b{bookmark.pk}")
    return render(request, "forum/bookmarks.html", {"bookmarks": kept})
