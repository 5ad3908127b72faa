"""Users and the page skeleton every test stands on."""

from datetime import timedelta

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from accounts.models import FORUM_MODERATORS, SITE_EDITORS, User
from home.models import HomePage

PASSWORD = "a-long-pass-phrase"


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a confirmed e-mail address who can sign in with PASSWORD."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    display_name = factory.LazyAttribute(lambda user: user.username.title())
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        # A member who joined long ago (the forum's new-member limits do not apply).
        veteran = factory.Trait(date_joined=factory.LazyFunction(lambda: timezone.now() - timedelta(days=60)))

    @factory.post_generation
    def confirmed(user, create, extracted, **kwargs):
        user.save()
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(*[Group.objects.get(name=name) for name in extracted])


def _role(group_name):
    """A post-generation hook that puts the user in a role's group."""

    def add(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=group_name))

    return factory.PostGeneration(add)


class EditorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"editor{n}")
    is_staff = True
    role = _role(SITE_EDITORS)


class ModeratorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"moderator{n}")
    role = _role(FORUM_MODERATORS)


class AdminFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Circle Commons"
    slug = "home"
    intro = "<p>A learning circle is a small study group.</p>"


def ensure_locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES}


def home_pages():
    """{language code: live HomePage}: the English home page as the default
    site's root (in place of Wagtail's welcome page) and its translations,
    made the way an editor's "Translate" makes them. Reuses what exists."""
    locales = ensure_locales()
    english = HomePage.objects.filter(locale=locales[settings.LANGUAGE_CODE]).first()
    if english is None:
        Page.objects.filter(
            depth=2, content_type__app_label="wagtailcore", content_type__model="page"
        ).delete()
        english = HomePageFactory(parent=Page.get_first_root_node(), locale=locales[settings.LANGUAGE_CODE])
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, english, "Circle Commons"
        site.save()
    homes = {settings.LANGUAGE_CODE: english}
    for code, locale in locales.items():
        if code == settings.LANGUAGE_CODE:
            continue
        translated = HomePage.objects.filter(locale=locale, translation_key=english.translation_key).first()
        if translated is None:
            translated = english.copy_for_translation(locale)
            translated.save_revision().publish()
            translated.refresh_from_db()
        homes[code] = translated
    return homes
