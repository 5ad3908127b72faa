"""Forum threads in the site search (core.search): each visible thread is one
document, its title and the text of its visible posts, in the language it
was written in. Thread.update_search_index keeps it up to date."""

from django.utils.translation import gettext_lazy as _

from core import search

from .models import Post, Thread
from .rendering import language_neutral

KIND = "forum"


def thread_document(thread):
    """The thread's Document, or None when it is hidden or gone."""
    thread = Thread.objects.filter(pk=thread.pk, is_hidden=False).prefetch_related("tags").first()
    if thread is None:
        return None
    posts = Post.objects.visible().filter(thread=thread).order_by("created", "pk")[:200]
    return search.Document(
        key=search.object_key(thread),
        kind=KIND,
        language=thread.language,
        title=thread.title,
        body="\n".join(post.source for post in posts),
        url=language_neutral(thread.get_absolute_url()),
        date=thread.last_activity_at,
        extra=" ".join(tag.name for tag in thread.tags.all()),
    )


def documents():
    for thread in Thread.objects.visible().only("pk"):
        document = thread_document(thread)
        if document is not None:
            yield document


def register():
    search.register_documents(KIND, _("Forum"), 30, documents, model=Thread, document=thread_document)
