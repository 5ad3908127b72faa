"""The activity library: libraries, activities and saved plans.

Pages are made live and saved once (``revision=True`` publishes them
through a revision, as an editor does; ``live=False`` makes a draft).
``ActivityPageFactory(parent=library, tags=[...])`` takes the tags as a list.
"""

from contextlib import contextmanager

import factory
import pytest
import wagtail_factories
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from activities.models import ActivityIndexPage, ActivityPage, CirclePlan, CircleWeek, SavedPlan
from tests.factories.core import UserFactory, home_pages


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A live page, saved once: what a published page looks like to a
    visitor, at a fraction of the cost. With ``revision=True`` it is
    published through a revision, as an editor publishes; with
    ``live=False`` it is a draft, its text in a revision."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if kwargs.get("live") is False:
            kwargs["first_published_at"] = kwargs["last_published_at"] = None
        return kwargs

    @factory.post_generation
    def revision(page, create, extracted, **kwargs):
        if not create or (page.live and not extracted):
            return
        revision = page.save_revision(user=page.owner)
        if page.live:
            revision.publish()
            page.refresh_from_db()


class ActivityIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = ActivityIndexPage

    title = "Activity library"
    slug = factory.Sequence(lambda n: f"library-{n}")
    intro = "Check-ins, learning formats, energizers and reflections."


class ActivityPageFactory(PublishedPageFactory):
    """A learning activity for 2 people or more, 10 to 15 minutes, in person,
    for the whole group, with one 5-minute step."""

    class Meta:
        model = ActivityPage

    title = factory.Sequence(lambda n: f"Activity {n}")
    slug = factory.LazyAttributeSequence(lambda page, n: f"{slugify(page.title)}-{n}")
    summary = factory.LazyAttribute(lambda page: f"{page.title} in a sentence.")
    purpose = "Why it helps."
    phase_learning = True
    duration_min = 10
    duration_max = 15
    group_min = 2
    group_max = None
    grouping_whole_group = True
    setting_in_person = True
    steps = factory.LazyFunction(lambda: [("step", {"text": "Do the thing.", "minutes": 5})])
    tags = ()

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        # Tags are rows of the page's own cluster: set them before the page is saved.
        tags = kwargs.pop("tags")
        page = model_class(**kwargs)
        if tags:
            page.tags.add(*tags)
        parent.add_child(instance=page)
        return page


class SavedPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedPlan

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Plan {n}")
    query = "budget=90"
    language = settings.LANGUAGE_CODE


class CirclePlanFactory(factory.django.DjangoModelFactory):
    """A circle plan of `weeks` meetings (3 unless told), each a planner
    query: the first a first meeting, the last a last one."""

    class Meta:
        model = CirclePlan
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Circle {n}")
    language = settings.LANGUAGE_CODE

    @factory.post_generation
    def weeks(circle, create, extracted, **kwargs):
        if not create:
            return
        count = 3 if extracted is None else extracted
        for number in range(1, count + 1):
            meeting = "first" if number == 1 else "last" if number == count else "middle"
            CircleWeek.objects.create(circle=circle, number=number, query=f"budget=90&meeting={meeting}")


def translation_of(page, language_code, **fields):
    """A published copy of `page` in `language_code` with `fields` changed,
    as an editor makes it with "Translate" before translating it by hand
    (core.translation.translate makes real wagtail-localize translations)."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.live, translated.has_unpublished_changes = True, False
    translated.first_published_at = translated.last_published_at = timezone.now()
    translated.save()
    return translated


def in_service(*pages, model=None):
    """Make `pages` the only live pages of their type (or of `model`, with
    no page to keep), so that they are what the site shows
    (ActivityIndexPage.for_locale, the handbook, search, the home page): in a
    module that seeded the demo, its pages of that type are unpublished for
    the test, whose transaction then puts them back."""
    model = model or type(pages[0])
    model.objects.live().exclude(pk__in=[page.pk for page in pages]).update(live=False)
    return pages[0] if pages else None


class StandardPageFactory(PublishedPageFactory):
    """A plain page (home.StandardPage), to compare what a library or guide
    page costs with what any page costs. Here until the home app's tests
    have a factory module of their own."""

    class Meta:
        model = "home.StandardPage"

    title = "About"
    slug = factory.Sequence(lambda n: f"plain-{n}")
    intro = "Who runs this site and why it exists."


def about_page(homes):
    """The English "About" page at /en/about/ (the demo's, when the demo is loaded)."""
    from home.models import StandardPage

    existing = StandardPage.objects.filter(slug="about", locale__language_code=settings.LANGUAGE_CODE).first()
    return existing or StandardPageFactory(parent=homes[settings.LANGUAGE_CODE], title="About", slug="about")


@contextmanager
def for_the_module(django_db_blocker, make):
    """What `make()` builds, made once for a test module and rolled back
    after its last test; each test runs inside, in its own savepoint, so
    what a test changes is undone before the next. For a module-scoped
    fixture: ``with for_the_module(django_db_blocker, make) as made: yield made``."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make()
        transaction.set_rollback(True)


@pytest.fixture(scope="module", autouse=True)
def site_skeleton(django_db_setup, django_db_blocker):
    """The home pages made once for a test module (each test's `homes`
    fixture finds them, instead of making them again): import it into a
    conftest.py to use it there."""
    with for_the_module(django_db_blocker, home_pages) as homes:
        yield homes


def seeded(django_db_blocker, *demos):
    """The demo content of `demos` (each app's demo module, in seed_demo's
    order; the demo accounts come first) for a test module (for_the_module).
    Gives the home pages."""
    from accounts import demo as accounts_demo

    def seed():
        homes = home_pages()
        for demo in (accounts_demo, *demos):
            demo.seed(homes[settings.LANGUAGE_CODE])
        return homes

    return for_the_module(django_db_blocker, seed)


def whole_demo(django_db_blocker):
    """The whole demo site, as `manage.py seed_demo --skip-index` makes it
    (home, every app's demo, navigation), for a test module: for the tests
    that check the demo itself or measure real pages. Gives the home pages.

    On SQLite the demo is seeded once per test process (tests/snapshots.py):
    each module gets a copy of it, and the database as
    migrated is copied back after the module's last test. Elsewhere it is
    seeded for the module and rolled back (for_the_module)."""
    from tests.snapshots import demo_snapshot

    if demo_snapshot.available():
        return demo_snapshot.module(django_db_blocker, seed_whole_demo)
    return for_the_module(django_db_blocker, seed_whole_demo)


def seed_whole_demo():
    import io

    from django.core.management import call_command

    call_command("seed_demo", "--skip-index", stdout=io.StringIO())
    return home_pages()


def home_demo(django_db_blocker):
    """The demo's home pages, standard pages (About, Code of conduct,
    Privacy, in three languages) and header and footer links
    (home/demo.py) for a test module (for_the_module), for the tests of that
    content; no other app's demo. Gives the home pages."""
    from home import demo

    def seed():
        demo.seed_navigation(demo.seed_home())
        return home_pages()

    return for_the_module(django_db_blocker, seed)
