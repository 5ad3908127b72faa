"""What the forum's views share: fetching what a URL names (404 when the
viewer may not see it), refusing politely, and the write-form round trip."""

from copy import copy
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.cache import CONTENT, per_generation

from ..models import Post, Thread
from ..permissions import can_read_post, can_view_thread
from ..rendering import render_markdown


def get_thread(request, pk, queryset=None):
    queryset = queryset if queryset is not None else Thread.objects.select_related("category", "author")
    thread = get_object_or_404(queryset, pk=pk)
    if not can_view_thread(request.user, thread):
        raise Http404
    return thread


def get_post(request, pk, *, readable=True):
    """The post, 404 unless the viewer may read its text (a hidden post: its
    author and moderators). `readable=False` for the permalink, which only
    leads to the post's place in its thread (where an unreadable post shows
    as hidden or deleted)."""
    post = get_object_or_404(Post.objects.select_related("thread__category", "author"), pk=pk)
    if not can_view_thread(request.user, post.thread):
        raise Http404
    if readable and not can_read_post(request.user, post):
        raise Http404
    return post


# Pages of rows kept by one process (with their counts): a thread page of 20
# posts is some 60 KB in memory, so at most about 12 MB.
KEPT_PAGES = 400


def kept_thread(request, pk):
    """The thread with what its page shows of it (category, author, the page
    it discusses, its opening post, its tags), read once for every reader
    and kept like a page of its posts (kept_page); a copy, with the member's
    own state on it (Thread.put_viewer_state). 404 unless the viewer may see
    it; nothing is kept for a thread that does not exist."""

    def read():
        thread = (
            Thread.objects.select_related("category", "author", "page", "first_post")
            .prefetch_related("tags")
            .filter(pk=pk)
            .first()
        )
        if thread is None:
            raise Http404
        return thread

    thread = per_generation(("forum:thread", pk, "row"), read, CONTENT, "kept-pages", KEPT_PAGES)
    if not can_view_thread(request.user, thread):
        raise Http404
    return copy(thread).put_viewer_state(request.user)


def kept_page(key, number, per_page, *, count, rows):
    """The page `number` of a list as everyone who sees it alike sees it:
    read once and kept in this process until members' writing changes
    (core.cache.per_generation under the content generation; nothing is kept
    while the shared cache is out). `key` names the list and all that
    narrows it (the viewer's visibility, a filter); `count()` gives its
    length and `rows()` its queryset, called only when not kept (building
    a queryset costs time too). Each reader gets copies of the rows, to put
    what is theirs on."""
    total = per_generation((*key, "count"), count, CONTENT, "kept-pages", KEPT_PAGES)
    page_obj = Paginator(range(total), per_page).get_page(number)
    start = page_obj.start_index() - 1 if total else 0
    kept = per_generation(
        (*key, page_obj.number),
        lambda: list(rows()[start : start + per_page]),
        CONTENT,
        "kept-pages",
        KEPT_PAGES,
    )
    page_obj.object_list = [copy(row) for row in kept]
    return page_obj


def forbidden(request, reason):
    return render(request, "forum/forbidden.html", {"reason": reason}, status=403)


@dataclass
class Composed:
    """Where a write form stands: `preview` HTML to show, or the `outcome`
    of the write once it is done (or neither: show the form again)."""

    preview: str | None = None
    outcome: object = None


def compose(form, write_for):
    """Run a write form: preview it (with the problems the write would
    have), or do the write and return its outcome, putting any refusal next
    to the form's fields. `write_for(cleaned_data)` makes the forum/actions.py
    Write; the post is rendered once either way."""
    if not form.is_bound:
        return Composed()
    valid = form.is_valid()
    write = write_for(form.cleaned_data) if valid else None
    if "preview" in form.data:
        if write is None:
            # Only a body the form accepted (within the length limit) is
            # rendered; a refused one shows its message and no preview.
            source = form.cleaned_data.get("source")
            return Composed(preview=render_markdown(source).html if source else None)
        form.refuse(write.problems())  # shown alongside the preview
        return Composed(preview=write.preview())
    if write is not None:
        try:
            return Composed(outcome=write.run())
        except ValidationError as error:
            form.refuse(error)
    return Composed()
