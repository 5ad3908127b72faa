"""Reading and writing the forum. Moderation views are in moderation_views.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from taggit.models import Tag
from wagtail.models import Page

from .forms import EditPostForm, FlagForm, PreferencesForm, ReplyForm, ThreadForm
from .models import (
    POSTS_PER_PAGE,
    THREADS_PER_PAGE,
    Category,
    CategoryWatch,
    Flag,
    ForumProfile,
    Like,
    Notification,
    Post,
    Thread,
    ThreadRead,
    ThreadWatch,
    render_markdown,
)
from .notifications import notify_mentions, notify_new_post, user_from_unsubscribe_token
from .permissions import can_accept_answer, can_delete_post, can_edit_post, can_view_thread, is_moderator

# --- Lists -------------------------------------------------------------------


def _thread_page(request, queryset):
    paginator = Paginator(queryset, THREADS_PER_PAGE)
    return paginator.get_page(request.GET.get("page"))


def index(request):
    categories = Category.objects.annotate(
        thread_total=Count("threads", filter=Q(threads__is_hidden=False)),
        last_activity=Max("threads__last_activity_at", filter=Q(threads__is_hidden=False)),
    ).order_by("order", "name")
    latest = Thread.objects.visible().for_list(request.user).by_activity()[:8]
    return render(request, "forum/index.html", {"categories": categories, "threads": latest})


def latest(request):
    threads = Thread.objects.visible_to(request.user).for_list(request.user).by_activity()
    return render(request, "forum/latest.html", {"page_obj": _thread_page(request, threads)})


def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    threads = (
        category.threads.visible_to(request.user)
        .for_list(request.user)
        .order_by("-is_pinned", "-last_activity_at", "-pk")
    )
    watching = (
        request.user.is_authenticated
        and CategoryWatch.objects.filter(user=request.user, category=category).exists()
    )
    return render(
        request,
        "forum/category.html",
        {"category": category, "page_obj": _thread_page(request, threads), "watching": watching},
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    threads = Thread.objects.visible_to(request.user).filter(tags=tag).for_list(request.user).by_activity()
    return render(request, "forum/tag.html", {"tag": tag, "page_obj": _thread_page(request, threads)})


# --- A thread ------------------------------------------------------------------


def _get_thread(request, pk):
    thread = get_object_or_404(Thread.objects.select_related("category", "author"), pk=pk)
    if not can_view_thread(request.user, thread):
        raise Http404
    return thread


def thread_redirect(request, pk):
    return redirect(_get_thread(request, pk), permanent=True)


def thread_detail(request, pk, slug):
    user = request.user
    thread = get_object_or_404(
        Thread.objects.select_related("category", "author", "page", "first_post").with_viewer_state(user),
        pk=pk,
    )
    if not can_view_thread(user, thread):
        raise Http404
    if slug != thread.slug:
        url = thread.get_absolute_url()
        if request.GET.get("page"):
            url += f"?page={request.GET['page']}"
        return redirect(url, permanent=True)

    paginator = Paginator(Post.objects.filter(thread=thread).in_order(), POSTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    start = page_obj.start_index() - 1 if paginator.count else 0
    posts = list(
        Post.objects.filter(thread=thread).for_display(user).in_order()[start : start + POSTS_PER_PAGE]
    )
    for post in posts:
        post.thread = thread  # one thread object for all, no query per post
    page_obj.object_list = posts

    accepted = None
    if thread.accepted_post_id and page_obj.number == 1:
        accepted = next((post for post in posts if post.pk == thread.accepted_post_id), None)
        if accepted is None:
            accepted = Post.objects.for_display(user).filter(pk=thread.accepted_post_id).first()
        if accepted is not None and (accepted.is_hidden or accepted.is_deleted):
            accepted = None

    context = {
        "thread": thread,
        "category": thread.category,
        "page_obj": page_obj,
        "posts": posts,
        "accepted": accepted,
        "tags": list(thread.tags.all()),
        "is_moderator": is_moderator(user),
        "can_accept": can_accept_answer(user, thread),
    }
    if user.is_authenticated:
        previous_read = thread.viewer_last_read_at
        context["first_unread_id"] = next(
            (post.pk for post in posts if previous_read and post.created > previous_read), None
        )
        thread.mark_read(user, posts, request=request)
        context["watching"] = thread.viewer_watching
        context["reply_form"] = ReplyForm(user=user, thread=thread)
        for post in posts:
            post.can_edit = can_edit_post(user, post)
            post.can_delete = can_delete_post(user, post)
    return render(request, "forum/thread.html", context)


def post_redirect(request, pk):
    """Permalink for a post: the right page of its thread, at the post."""
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    if not can_view_thread(request.user, post.thread):
        raise Http404
    return redirect(post.permalink())


@login_required
def first_unread(request, pk):
    thread = _get_thread(request, pk)
    last_read = (
        ThreadRead.objects.filter(user=request.user, thread=thread)
        .values_list("last_read_at", flat=True)
        .first()
    )
    posts = Post.objects.filter(thread=thread).in_order()
    target = posts.filter(created__gt=last_read).first() if last_read else None
    target = target or posts.last()
    return redirect(target.permalink() if target else thread.get_absolute_url())


# --- Writing -------------------------------------------------------------------


def _preview(form):
    if form.is_bound and "preview" in form.data:
        return render_markdown(form.data.get("source", ""))[0]
    return None


@login_required
def new_thread(request):
    page = None
    page_id = request.GET.get("page") or request.POST.get("page")
    if page_id and str(page_id).isdigit():
        page = Page.objects.live().public().filter(pk=page_id).first()
        existing = _thread_for_page(request.user, page) if page else None
        if existing is not None:
            return redirect(existing)
    initial = {}
    if request.GET.get("category"):
        initial["category"] = Category.objects.filter(slug=request.GET["category"]).first()
    if page is not None:
        initial["title"] = _("Discussing: %(title)s") % {"title": page.title}
        initial["category"] = initial.get("category") or _category_for_page(page)
    form = ThreadForm(request.POST or None, user=request.user, initial=initial)
    preview = _preview(form)
    if request.method == "POST" and preview is None and form.is_valid():
        data = form.cleaned_data
        thread = Thread.start(
            category=data["category"],
            author=request.user,
            title=data["title"],
            source=data["source"],
            is_question=data["is_question"],
            tags=data["tags"],
            page=page,
        )
        ForumProfile.for_user(request.user)
        notify_new_post(thread.first_post, mentioned=thread.first_post.mentioned_usernames(), new_thread=True)
        messages.success(request, _("Your thread has been started. You will be notified of replies."))
        return redirect(thread)
    if form.is_bound and preview is not None:
        form.is_valid()  # show problems alongside the preview
    return render(
        request, "forum/thread_form.html", {"form": form, "preview": preview, "discussed_page": page}
    )


def _thread_for_page(user, page):
    """The thread about this page, or about one of its translations."""
    threads = Thread.objects.visible_to(user)
    thread = threads.filter(page=page).order_by("created").first()
    if thread is None:
        thread = threads.filter(page__translation_key=page.translation_key).order_by("created").first()
    return thread


def _category_for_page(page):
    model = page.specific_class.__name__.lower() if page.specific_class else ""
    slug = (
        "activities"
        if "activity" in model
        else "courses-and-materials"
        if "course" in model
        else "facilitation"
    )
    return Category.objects.filter(slug=slug).first()


def discuss(request, page_id):
    """'Discuss this activity/guide': the page's thread, or a new one."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id)
    thread = _thread_for_page(request.user, page)
    if thread is not None:
        return redirect(thread)
    url = reverse("forum:new_thread") + f"?page={page.pk}"
    if not request.user.is_authenticated:
        return render(
            request, "forum/discuss_sign_in.html", {"discussed_page": page, "next": url}, status=200
        )
    return redirect(url)


@login_required
def reply(request, pk):
    thread = _get_thread(request, pk)
    initial = {}
    quoted = None
    quote_id = request.GET.get("quote")
    if quote_id and quote_id.isdigit():
        quoted = (
            Post.objects.filter(pk=quote_id, thread=thread, is_hidden=False, deleted_at__isnull=True)
            .select_related("author", "thread")
            .first()
        )
        if quoted is not None:
            initial["source"] = quoted.quote_for_reply()
    form = ReplyForm(request.POST or None, user=request.user, thread=thread, initial=initial)
    preview = _preview(form)
    if request.method == "POST" and preview is None and form.is_valid():
        post = thread.add_reply(author=request.user, source=form.cleaned_data["source"])
        ForumProfile.for_user(request.user)
        notify_new_post(post, mentioned=post.mentioned_usernames())
        messages.success(request, _("Your reply has been posted."))
        return redirect(post.permalink())
    if form.is_bound and preview is not None:
        form.is_valid()
    recent = list(thread.posts.visible().select_related("author").order_by("-created", "-pk")[:3])[::-1]
    return render(
        request,
        "forum/reply_form.html",
        {"thread": thread, "form": form, "preview": preview, "recent": recent, "quoted": quoted},
    )


def _get_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread__category", "author"), pk=pk)
    if not can_view_thread(request.user, post.thread):
        raise Http404
    return post


@login_required
def edit_post(request, pk):
    post = _get_post(request, pk)
    if not can_edit_post(request.user, post):
        return render(
            request, "forum/forbidden.html", {"reason": _("You can only edit your own posts.")}, status=403
        )
    thread = post.thread
    initial = {"source": post.source}
    if post.is_opening:
        initial["title"] = thread.title
    form = EditPostForm(request.POST or None, user=request.user, post=post, initial=initial)
    preview = _preview(form)
    if request.method == "POST" and preview is None and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            new_mentions = post.edit(data["source"], by=request.user)
            if post.is_opening:
                thread.title = data["title"].strip()
                thread.save(update_fields=["title"])
                thread.tags.set(data["tags"])
        if new_mentions:
            notify_mentions(post, new_mentions)
        messages.success(
            request, _("Your changes have been saved. Earlier versions stay in the post's history.")
        )
        return redirect(post.permalink())
    if form.is_bound and preview is not None:
        form.is_valid()
    return render(
        request, "forum/edit_post.html", {"post": post, "thread": thread, "form": form, "preview": preview}
    )


@login_required
def delete_post(request, pk):
    post = _get_post(request, pk)
    if not can_delete_post(request.user, post):
        return render(
            request, "forum/forbidden.html", {"reason": _("You can only delete your own posts.")}, status=403
        )
    if request.method == "POST":
        post.soft_delete()
        messages.success(request, _("Your post has been deleted."))
        return redirect(post.permalink())
    return render(request, "forum/delete_post.html", {"post": post, "thread": post.thread})


def post_history(request, pk):
    post = _get_post(request, pk)
    if (post.is_hidden or post.is_deleted) and not is_moderator(request.user):
        raise Http404
    revisions = post.revisions.select_related("edited_by")
    return render(
        request, "forum/post_history.html", {"post": post, "thread": post.thread, "revisions": revisions}
    )


@login_required
@require_POST
def like(request, pk):
    post = _get_post(request, pk)
    if post.author_id == request.user.pk:
        messages.info(request, _("You cannot like your own post."))
    elif post.is_hidden or post.is_deleted:
        raise Http404
    else:
        deleted, _rows = Like.objects.filter(user=request.user, post=post).delete()
        if not deleted:
            try:
                with transaction.atomic():
                    Like.objects.create(user=request.user, post=post)
            except IntegrityError:
                pass  # liked twice at once: one like is enough
    return redirect(post.permalink())


@login_required
@require_POST
def accept(request, pk, post_id):
    thread = _get_thread(request, pk)
    if not can_accept_answer(request.user, thread):
        return render(
            request,
            "forum/forbidden.html",
            {"reason": _("Only the person who asked, or a moderator, can accept an answer.")},
            status=403,
        )
    if request.POST.get("action") == "unaccept":
        thread.unaccept(by=request.user)
        messages.success(request, _("The answer is no longer marked as accepted."))
        return redirect(thread)
    post = get_object_or_404(Post, pk=post_id, thread=thread, is_hidden=False, deleted_at__isnull=True)
    if post.pk == thread.first_post_id:
        raise Http404
    thread.accept(post, by=request.user)
    messages.success(request, _("Marked as the accepted answer. It now shows at the top of the thread."))
    return redirect(post.permalink())


@login_required
def flag(request, pk):
    post = _get_post(request, pk)
    if post.is_deleted or post.author_id == request.user.pk:
        raise Http404
    already = Flag.objects.filter(post=post, reporter=request.user).exists()
    form = FlagForm(request.POST or None, user=request.user)
    if request.method == "POST" and not already and form.is_valid():
        Flag.objects.create(post=post, reporter=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. A moderator will look at this post."))
        return redirect(post.permalink())
    return render(
        request,
        "forum/flag_form.html",
        {"post": post, "thread": post.thread, "form": form, "already": already},
    )


# --- Watching and notifications ------------------------------------------------------


@login_required
@require_POST
def watch_thread(request, pk):
    thread = _get_thread(request, pk)
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
    member = user_from_unsubscribe_token(token)
    if member is None:
        return render(request, "forum/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        profile = ForumProfile.for_user(member)
        profile.email_notifications = ForumProfile.Email.NONE
        profile.save(update_fields=["email_notifications"])
        return render(request, "forum/unsubscribe.html", {"done": True, "member": member})
    return render(request, "forum/unsubscribe.html", {"member": member})
