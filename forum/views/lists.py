"""Lists of threads: the forum's front page, the latest threads, a category,
a tag, the unanswered questions and a member's own threads."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from ..models import THREADS_PER_PAGE, Category, CategoryWatch, Thread


def _thread_page(request, queryset):
    # ?language=es: only the threads written in Spanish.
    queryset = queryset.in_language(request.GET.get("language"))
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


def unanswered(request):
    """Questions with no accepted answer yet: those nobody has replied to
    first, then the newest."""
    threads = (
        Thread.objects.visible()
        .filter(is_question=True, accepted_post__isnull=True, is_locked=False)
        .for_list(request.user)
        .order_by("reply_count", "-created", "-pk")
    )
    return render(request, "forum/unanswered.html", {"page_obj": _thread_page(request, threads)})


@login_required
def my_threads(request):
    """Threads the member started or replied in, most recent activity first."""
    mine = Thread.objects.filter(Q(author=request.user) | Q(posts__author=request.user)).values("pk")
    threads = Thread.objects.visible_to(request.user).filter(pk__in=mine).for_list(request.user).by_activity()
    return render(request, "forum/my_threads.html", {"page_obj": _thread_page(request, threads)})
