"""Demo accounts for development: an admin, an editor, a moderator and two facilitators."""

import os

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from .models import FORUM_MODERATORS, SITE_EDITORS, User

DEMO_USERS = [
    # username, display name, groups, extra fields
    ("admin", "Site admin", [], {"is_superuser": True, "is_staff": True}),
    (
        "editor",
        "Elena Editor",
        [SITE_EDITORS],
        {"organisation": "Central Library", "city": "Chicago", "languages_spoken": "English, Spanish"},
    ),
    (
        "moderator",
        "Marcus Moderator",
        [FORUM_MODERATORS],
        {"organisation": "Circle Commons", "city": "Toronto", "languages_spoken": "English, French"},
    ),
    (
        "facilitator",
        "Fatima Facilitator",
        [],
        {
            "is_facilitator": True,
            "organisation": "Harold Washington Library branch",
            "city": "Chicago",
            "languages_spoken": "English, Arabic",
            "bio": "Runs a weekly circle on public speaking and another on spreadsheets.",
        },
    ),
    (
        "sam",
        "Sam Okafor",
        [],
        {
            "is_facilitator": True,
            "organisation": "Lincoln Park branch",
            "city": "Chicago",
            "languages_spoken": "English",
            "bio": "Librarian, first-time facilitator, curious about everything.",
        },
    ),
    (
        "lucia",
        "Lucía Romero",
        [],
        {
            "is_facilitator": True,
            "organisation": "Biblioteca Pública de Medellín",
            "city": "Medellín",
            "languages_spoken": "Español, English",
        },
    ),
]


def demo_password():
    """Demo accounts get a known password only where it is safe to say it."""
    password = os.environ.get("DEMO_PASSWORD")
    if password:
        return password
    if getattr(settings, "DEMO_PASSWORDS_VISIBLE", False):
        return "circles-demo-2026"
    return None


def seed(home, stdout=None):
    password = demo_password()
    for username, display_name, groups, extra in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@demo.circlecommons.example",
                "display_name": display_name,
                **extra,
            },
        )
        if created:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
        user.groups.add(*Group.objects.filter(name__in=groups))
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    if stdout is not None and password and getattr(settings, "DEMO_PASSWORDS_VISIBLE", False):
        names = ", ".join(username for username, *_ in DEMO_USERS)
        stdout.write(
            f"Demo accounts ({names}) sign in with <username>@demo.circlecommons.example "
            f"and the password: {password}"
        )
