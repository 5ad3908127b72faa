"""What members do with posts: reply, edit, delete, like, flag, accept as
the answer; and a post's history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import actions, permissions
from ..forms import EditPostForm, FlagForm, ReplyForm
from ..models import Draft, Flag, Post
from .common import compose, forbidden, get_post, get_thread


def reply_target(raw):
    """The post named by ?reply_to= or the form's field (any post: the reply
    write refuses one of another thread or one the member may not read)."""
    if not raw or not str(raw).isdigit():
        return None
    return Post.objects.filter(pk=raw).select_related("author", "thread").first()


@login_required
def reply(request, pk):
    thread = get_thread(request, pk)
    user = request.user
    quoted = None
    quote_id = request.GET.get("quote")
    if quote_id and quote_id.isdigit():
        quoted = (
            Post.objects.visible_to(user)
            .filter(pk=quote_id, thread=thread)
            .select_related("author", "thread")
            .first()
        )
        if quoted is not None and not permissions.can_quote(user, quoted):
            quoted = None  # a hidden post is not quoted, not even by its author
    if request.method == "POST":
        draft, target = None, reply_target(request.POST.get("reply_to"))
    else:
        draft = Draft.objects.of(user, thread)
        target = reply_target(request.GET.get("reply_to") or (draft.reply_to_id if draft else None))
        if target is not None and not permissions.can_reply_to(user, target, thread):
            target = None  # not offered: the form answers the thread
    initial = {"reply_to": target.pk if target else None}
    if quoted is not None:
        initial["source"] = quoted.quote_for_reply()
    elif draft is not None:
        initial["source"] = draft.source
    form = ReplyForm(request.POST or None, initial=initial)
    composed = compose(
        form, lambda data: actions.Reply(thread, by=user, source=data["source"], reply_to=target)
    )
    if composed.outcome:
        messages.success(request, _("Your reply has been posted."))
        return redirect(composed.outcome.post.permalink())
    if target is not None and not permissions.can_reply_to(user, target, thread):
        target = None
    if "preview" in form.data and form.cleaned_data.get("source"):
        # A preview keeps the draft too (only a text within the length limit).
        Draft.keep(user, thread, form.cleaned_data["source"], reply_to=target)
    recent = list(thread.posts.visible().select_related("author").order_by("-created", "-pk")[:3])[::-1]
    context = {
        "thread": thread,
        "form": form,
        "preview": composed.preview,
        "recent": recent,
        "quoted": quoted,
        "reply_to": target,
        "draft": draft if quoted is None else None,
    }
    return render(request, "forum/reply_form.html", context)


@login_required
def edit_post(request, pk):
    post = get_post(request, pk)
    if not permissions.can_edit_post(request.user, post):
        return forbidden(request, _("You can only edit your own posts."))
    thread = post.thread
    initial = {"source": post.source}
    if post.is_opening:
        initial["title"] = thread.title
    form = EditPostForm(request.POST or None, post=post, initial=initial, editor=request.user)
    composed = compose(
        form,
        lambda data: actions.EditPost(
            post,
            by=request.user,
            source=data["source"],
            title=data.get("title"),
            tags=data.get("tags"),
            reason=data.get("reason", ""),
        ),
    )
    if composed.outcome:
        messages.success(
            request, _("Your changes have been saved. Earlier versions stay in the post's history.")
        )
        return redirect(post.permalink())
    return render(
        request,
        "forum/edit_post.html",
        {"post": post, "thread": thread, "form": form, "preview": composed.preview},
    )


@login_required
def delete_post(request, pk):
    post = get_post(request, pk)
    if not permissions.can_delete_post(request.user, post):
        return forbidden(request, _("You can only delete your own posts."))
    if request.method == "POST":
        actions.delete_post(post, by=request.user)
        messages.success(request, _("Your post has been deleted."))
        return redirect(post.permalink())
    return render(request, "forum/delete_post.html", {"post": post, "thread": post.thread})


def post_history(request, pk):
    post = get_post(request, pk)
    if not permissions.can_view_history(request.user, post):
        raise Http404
    revisions = post.revisions.select_related("edited_by")
    return render(
        request, "forum/post_history.html", {"post": post, "thread": post.thread, "revisions": revisions}
    )


@login_required
@require_POST
def like(request, pk):
    post = get_post(request, pk)
    if post.author_id == request.user.pk:
        messages.info(request, _("You cannot like your own post."))
    elif not permissions.can_like(request.user, post):
        raise Http404
    else:
        actions.toggle_like(post, by=request.user)
    return redirect(post.permalink())


@login_required
@require_POST
def accept(request, pk, post_id):
    thread = get_thread(request, pk)
    if not permissions.can_accept_answer(request.user, thread):
        return forbidden(request, _("Only the person who asked, or a moderator, can accept an answer."))
    if request.POST.get("action") == "unaccept":
        actions.unaccept_answer(thread, by=request.user)
        messages.success(request, _("The answer is no longer marked as accepted."))
        return redirect(thread)
    post = get_object_or_404(Post, pk=post_id, thread=thread)
    if not permissions.can_be_answer(post, thread):
        raise Http404
    actions.accept_answer(thread, post, by=request.user)
    messages.success(request, _("Marked as the accepted answer. It now shows at the top of the thread."))
    return redirect(post.permalink())


@login_required
def flag(request, pk):
    post = get_post(request, pk)
    if not permissions.can_flag(request.user, post):
        raise Http404
    already = Flag.objects.filter(post=post, reporter=request.user).exists()
    form = FlagForm(request.POST or None)
    if request.method == "POST" and not already and form.is_valid():
        try:
            actions.flag_post(post, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.refuse(error)
        else:
            messages.success(request, _("Thank you. A moderator will look at this post."))
            return redirect(post.permalink())
    return render(
        request,
        "forum/flag_form.html",
        {"post": post, "thread": post.thread, "form": form, "already": already},
    )
