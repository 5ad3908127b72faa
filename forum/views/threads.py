"""Reading a thread, and starting one (also from "Discuss this" on a page)."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from core import fragments
from core.cache import CONTENT

from .. import permissions
from ..actions import StartThread
from ..forms import ReplyForm, ThreadForm
from ..models import POSTS_PER_PAGE, Category, Post, Thread, ThreadRead, mark_for_viewer
from .common import compose, get_post, get_thread, kept_page, kept_thread


def thread_redirect(request, pk):
    return redirect(get_thread(request, pk), permanent=True)


def _page_of_posts(thread, user, number):
    """The page of posts asked for, each with the thread object (no query
    per post) and what the viewer may do with it."""
    posts_of_thread = Post.objects.filter(thread=thread)
    page_obj = kept_page(
        ("forum:thread", thread.pk),
        number,
        POSTS_PER_PAGE,
        count=posts_of_thread.count,
        rows=lambda: posts_of_thread.for_display().in_order(),
    )
    posts = page_obj.object_list
    for post in posts:
        if post.reply_to_id and post.reply_to is not None:
            post.reply_to = copy(post.reply_to)  # shared by every reader, like the post
    mark_for_viewer(posts, user)
    on_page = {post.pk for post in posts}
    moderator = permissions.is_moderator(user)
    for number, post in enumerate(posts, start=page_obj.start_index()):
        post.thread = thread
        post.number = number
        if post.reply_to_id:
            answered = post.reply_to
            answered.number = post.reply_to_number
            answered.on_page = answered.pk in on_page
            # A post of another thread is never shown as answered (the
            # reply write refuses one; this guards rows made otherwise).
            post.reply_to_shown = answered.thread_id == thread.pk
            if post.reply_to_shown:
                answered.thread = thread
                answered.can_read = permissions.can_read_post(user, answered)
        post.can_read = permissions.can_read_post(user, post)
        post.can_like = permissions.can_like(user, post)
        post.can_flag = permissions.can_flag(user, post)
        post.can_quote = permissions.can_quote(user, post)
        post.can_mark_as_answer = permissions.can_mark_as_answer(user, post)
        post.can_edit = permissions.can_edit_post(user, post)
        post.can_delete = permissions.can_delete_post(user, post)
        post.shown_as = _shown_as(post, thread, user, moderator)
    return page_obj, posts


def _shown_as(post, thread, user, moderator):
    """Everything forum/includes/post.html shows of a post beyond what the
    content generation covers: the viewer's rights and marks, the post's
    number and counts, the post it answers as this viewer sees it. A post is
    a shared fragment keyed by this, so two members who may do the same
    things with it share one rendering (each with their own CSRF token)."""
    answered = post.reply_to if post.reply_to_id and post.reply_to_shown else None
    state = (
        post.number,
        post.like_count,
        post.language,
        post.is_hidden,
        bool(post.deleted_at),
        post.edited_at and post.edited_at.timestamp(),
        post.pk == thread.accepted_post_id,
        post.can_read,
        post.can_like,
        post.can_flag,
        post.can_quote,
        post.can_mark_as_answer,
        post.can_edit,
        post.can_delete,
        bool(getattr(post, "viewer_liked", False)),
        bool(getattr(post, "viewer_bookmarked", False)),
        user.is_authenticated,
        moderator,
        *((answered.pk, answered.number, answered.on_page, answered.can_read) if answered else ()),
    )
    return ".".join(str(int(value)) if isinstance(value, bool) else str(value) for value in state)


def _accepted_answer(thread, posts, user):
    """The accepted answer, shown above the conversation on its first page."""
    if not thread.accepted_post_id:
        return None
    accepted = next((post for post in posts if post.pk == thread.accepted_post_id), None)
    if accepted is None:
        accepted = Post.objects.for_display(user).filter(pk=thread.accepted_post_id).first()
    if accepted is None or not permissions.can_be_answer(accepted, thread):
        return None
    return accepted


def thread_detail(request, pk, slug):
    user = request.user
    thread = kept_thread(request, pk)
    if slug != thread.slug:
        url = thread.get_absolute_url()
        if request.GET.get("page"):
            url += f"?page={request.GET['page']}"
        return redirect(url, permanent=True)

    page_obj, posts = _page_of_posts(thread, user, request.GET.get("page"))
    context = {
        "thread": thread,
        "category": thread.category,
        "page_obj": page_obj,
        "posts": posts,
        "accepted": _accepted_answer(thread, posts, user) if page_obj.number == 1 else None,
        "tags": list(thread.tags.all()),
        "is_moderator": permissions.is_moderator(user),
        "can_reply": permissions.can_reply(user, thread),
    }
    if user.is_authenticated:
        previous_read = thread.viewer_last_read_at
        # The member's own posts are never news to them: a reply they just
        # wrote is not "new since your last visit".
        context["first_unread_id"] = next(
            (
                post.pk
                for post in posts
                if previous_read and post.created > previous_read and post.author_id != user.pk
            ),
            None,
        )
        request._forum_unread_count = thread.mark_read(user, posts)  # for the header
        context["watching"] = thread.viewer_watching
        draft = context["draft"] = thread.viewer_draft()
        target = draft and next((post for post in posts if post.pk == draft["reply_to"]), None)
        if target is not None and not permissions.can_reply_to(user, target, thread):
            target = None
        context["replying_to"] = target
        initial = {"source": draft["source"], "reply_to": target and target.pk} if draft else {}
        context["reply_form"] = ReplyForm(initial=initial)
        # The author changes them by editing the opening post.
        context["can_edit_details"] = thread.author_id != user.pk and permissions.can_edit_thread_details(
            user, thread, thread.viewer_trust_level or 0
        )
    return render(request, "forum/thread.html", context)


def post_redirect(request, pk):
    """Permalink for a post: the right page of its thread, at the post."""
    return redirect(get_post(request, pk, readable=False).permalink())


@login_required
def first_unread(request, pk):
    thread = get_thread(request, pk)
    last_read = (
        ThreadRead.objects.filter(user=request.user, thread=thread)
        .values_list("last_read_at", flat=True)
        .first()
    )
    posts = Post.objects.filter(thread=thread).in_order()
    target = posts.filter(created__gt=last_read).first() if last_read else None
    target = target or posts.last()
    return redirect(target.permalink() if target else thread.get_absolute_url())


@login_required
def new_thread(request):
    page = None
    page_id = request.GET.get("page") or request.POST.get("page")
    if page_id and str(page_id).isdigit():
        page = Page.objects.live().public().filter(pk=page_id).first()
        existing = Thread.objects.visible_to(request.user).about(page) if page else None
        if existing is not None:
            return redirect(existing)
    initial = {}
    if request.GET.get("category"):
        initial["category"] = Category.objects.filter(slug=request.GET["category"]).first()
    if page is not None:
        initial["title"] = _("Discussing: %(title)s") % {"title": page.title}
        initial["category"] = initial.get("category") or Category.objects.for_page(page)
    form = ThreadForm(request.POST or None, initial=initial)
    composed = compose(
        form,
        lambda data: StartThread(
            by=request.user,
            category=data["category"],
            title=data["title"],
            source=data["source"],
            is_question=data["is_question"],
            tags=data["tags"],
            page=page,
        ),
    )
    if composed.outcome:
        messages.success(request, _("Your thread has been started. You will be notified of replies."))
        return redirect(composed.outcome.thread)
    return render(
        request,
        "forum/thread_form.html",
        {"form": form, "preview": composed.preview, "discussed_page": page},
    )


def page_discussion(page, request):
    """The forum's section on a guide page (core.sections.GUIDE): the thread
    that discusses it (or one of its translations) unless hidden, or a way
    to start one. The same for every reader, so cached as a fragment under
    the content generation (a post or thread saved moves it on): a guide
    page costs no query for it once cached. An unsaved page (an editor's
    preview of a new guide) has no discussion yet."""
    if page.pk is None:
        return []

    def render():
        thread = Thread.objects.visible().select_related("last_poster").about(page)
        return render_to_string(
            "forum/includes/page_discussion_body.html", {"page": page, "thread": thread}, request=request
        )

    return [fragments.cached("page-discussion", (page.pk,), render, scope=CONTENT)]


def discuss(request, page_id):
    """'Discuss this activity/guide': the page's thread, or a new one."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id)
    thread = Thread.objects.visible_to(request.user).about(page)
    if thread is not None:
        return redirect(thread)
    url = reverse("forum:new_thread") + f"?page={page.pk}"
    if not request.user.is_authenticated:
        return render(
            request, "forum/discuss_sign_in.html", {"discussed_page": page, "next": url}, status=200
        )
    return redirect(url)
