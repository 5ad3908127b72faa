"""The forum's objects: categories, threads, posts, likes, flags, watches,
notifications.

Threads and replies are made with the model methods (Thread.start,
Thread.add_reply), as the demo makes them: counters right, the author
watching, but no limits checked and nobody told. A test that means "a
member posted" (limits, notifications) goes through forum.actions or the
pages instead. Authors are members who joined long ago and have read for
a while (a regular's participation, forum/trust.py), so the new-member
limits stay out of the way unless a test asks for a newcomer
(`MemberFactory(standing=False)`, or `standing={...}` for other numbers).
"""

from datetime import timedelta

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from forum.models import (
    Category,
    CategoryWatch,
    Flag,
    ForumProfile,
    Like,
    Notification,
    Post,
    Standing,
    Thread,
    ThreadWatch,
)

from .core import UserFactory

TEXT = "This is a perfectly ordinary forum post, long enough to pass."
# A regular's participation (forum/trust.py's default thresholds).
REGULAR = {"days_visited": 30, "posts_read": 200, "level": 1}


class MemberFactory(UserFactory):
    """A member who joined long ago and shows as their username (no display
    name), as the forum's tests expect in the text they check."""

    display_name = ""
    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=60))

    @factory.post_generation
    def standing(user, create, extracted, **kwargs):
        """Days visited and posts read: a regular's, unless standing=False (a
        newcomer, who has done nothing yet) or a dict of other numbers."""
        if create and extracted is not False:
            Standing.objects.update_or_create(user=user, defaults=extracted or REGULAR)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))
    description = factory.LazyAttribute(lambda category: f"Threads about {category.name.lower()}.")
    order = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def discussion_page_types(category, create, extracted, **kwargs):
        """Page models whose "Discuss this" threads start here, e.g. [Page]."""
        if create and extracted:
            category.discussion_page_types.set(
                ContentType.objects.get_for_model(model, for_concrete_model=False) for model in extracted
            )


class ThreadFactory(factory.Factory):
    """A thread with its opening post, started by Thread.start. `replies=n`
    adds n replies by other members."""

    class Meta:
        model = Thread

    category = factory.SubFactory(CategoryFactory)
    author = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"A thread to test the forum with, number {n}")
    source = TEXT
    is_question = False
    tags = ()
    page = None
    created = None

    class Params:
        question = factory.Trait(is_question=True)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return model_class.start(**kwargs)

    @factory.post_generation
    def replies(thread, create, extracted, **kwargs):
        for number in range(extracted or 0):
            PostFactory(thread=thread, source=f"{TEXT} Reply number {number}.")

    @factory.post_generation
    def state(thread, create, extracted, **kwargs):
        """state={"is_pinned": True, "is_locked": True, "is_hidden": True}: set
        as the demo does, without a moderator (or a moderation log entry)."""
        if create and extracted:
            Thread.objects.filter(pk=thread.pk).update(**extracted)
            for name, value in extracted.items():
                setattr(thread, name, value)


class PostFactory(factory.Factory):
    """A reply, added by Thread.add_reply (the counters follow)."""

    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(MemberFactory)
    source = factory.Sequence(lambda n: f"{TEXT} Reply {n}.")
    created = None

    @classmethod
    def _create(cls, model_class, *, thread, **kwargs):
        return thread.add_reply(**kwargs)


class LikeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Like

    user = factory.SubFactory(MemberFactory)
    post = factory.SubFactory(PostFactory)


class FlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Flag

    post = factory.SubFactory(PostFactory)
    reporter = factory.SubFactory(MemberFactory)
    reason = Flag.Reason.OFF_TOPIC
    details = "Not about the thread's question."


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    post = factory.SubFactory(PostFactory)
    recipient = factory.SubFactory(MemberFactory)
    actor = factory.LazyAttribute(lambda notification: notification.post.author)
    kind = Notification.Kind.REPLY


class ThreadWatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThreadWatch

    user = factory.SubFactory(MemberFactory)
    thread = factory.SubFactory(ThreadFactory)


class CategoryWatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CategoryWatch

    user = factory.SubFactory(MemberFactory)
    category = factory.SubFactory(CategoryFactory)


class ForumProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(MemberFactory)
