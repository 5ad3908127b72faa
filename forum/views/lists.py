"""Lists of threads: the forum's front page, the latest threads, a category,
a tag, the unanswered questions and a member's own threads."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from ..models import THREADS_PER_PAGE, Category, CategoryWatch, Thread, ThreadRead
from ..permissions import is_moderator
from .common import kept_page

LANGUAGES = dict(settings.LANGUAGES)


def _thread_page(request, queryset, kept_as=None):
    """The page asked for, each row with what its list shows
    (ThreadQuerySet.for_list) and, for a member, when they last read it.
    `kept_as` names a list that is the same for everyone with the viewer's
    visibility (not a member's own threads): its rows are kept for every
    reader until members' writing changes (common.kept_page), and the
    member's read markers put on them in one query."""
    language = request.GET.get("language")
    # ?language=es: only the threads written in Spanish.
    queryset = queryset.in_language(language)
    number = request.GET.get("page")
    if kept_as is None:
        return Paginator(queryset.for_list(request.user), THREADS_PER_PAGE).get_page(number)
    key = ("forum:threads", *kept_as, is_moderator(request.user), language if language in LANGUAGES else "")
    page_obj = kept_page(key, number, THREADS_PER_PAGE, count=queryset.count, rows=queryset.for_list)
    ThreadRead.put_on(page_obj.object_list, request.user)
    return page_obj


def index(request):
    categories = Category.objects.annotate(
        thread_total=Count("threads", filter=Q(threads__is_hidden=False)),
        last_activity=Max("threads__last_activity_at", filter=Q(threads__is_hidden=False)),
    ).order_by("order", "name")
    latest = Thread.objects.visible().for_list(request.user).by_activity()[:8]
    return render(request, "forum/index.html", {"categories": categories, "threads": latest})


def latest(request):
    threads = Thread.objects.visible_to(request.user).by_activity()
    return render(request, "forum/latest.html", {"page_obj": _thread_page(request, threads, ("latest",))})


def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    threads = category.threads.visible_to(request.user).order_by("-is_pinned", "-last_activity_at", "-pk")
    watching = (
        request.user.is_authenticated
        and CategoryWatch.objects.filter(user=request.user, category=category).exists()
    )
    return render(
        request,
        "forum/category.html",
        {
            "category": category,
            "page_obj": _thread_page(request, threads, ("category", category.pk)),
            "watching": watching,
        },
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    threads = Thread.objects.visible_to(request.user).filter(tags=tag).by_activity()
    return render(
        request, "forum/tag.html", {"tag": tag, "page_obj": _thread_page(request, threads, ("tag", tag.pk))}
    )


def unanswered(request):
    """Questions with no accepted answer yet: those nobody has replied to
    first, then the newest."""
    threads = (
        Thread.objects.visible()
        .filter(is_question=True, accepted_post__isnull=True, is_locked=False)
        .order_by("reply_count", "-created", "-pk")
    )
    return render(
        request, "forum/unanswered.html", {"page_obj": _thread_page(request, threads, ("unanswered",))}
    )


@login_required
def my_threads(request):
    """Threads the member started or replied in, most recent activity first."""
    mine = Thread.objects.filter(Q(author=request.user) | Q(posts__author=request.user)).values("pk")
    threads = Thread.objects.visible_to(request.user).filter(pk__in=mine).by_activity()
    return render(request, "forum/my_threads.html", {"page_obj": _thread_page(request, threads)})
