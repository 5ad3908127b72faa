"""Demo field reports, read from reports/demo_data/reports.md (its front
matter lists them) with the one demo loader (core.demo_data).

Idempotent: a report that exists (same member, activity and day) is left alone.
"""

from pathlib import Path

from django.conf import settings

from accounts.models import User
from activities.models import ActivityPage
from core import demo_data
from core.demo_data import DemoDataError

from .models import FieldReport, Outcome

DATA = Path(__file__).resolve().parent / "demo_data" / "reports.md"
OUTCOMES = {"well": Outcome.WELL, "mixed": Outcome.MIXED, "poorly": Outcome.POORLY}


def entries():
    document = demo_data.parse(DATA)
    reports = document.get("reports")
    if not isinstance(reports, list):
        raise DemoDataError(f"{DATA}: the front matter lists the reports under `reports:`.")
    for number, entry in enumerate(reports, start=1):
        if entry.get("went") not in OUTCOMES:
            raise DemoDataError(
                f"{DATA}: report {number} says went: {entry.get('went')!r} (well, mixed, poorly)."
            )
    return reports


def seed(home, stdout=None):
    activities = {
        page.slug: page
        for page in ActivityPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).only(
            "pk", "slug", "translation_key"
        )
    }
    users = {user.username: user for user in User.objects.all()}
    created = 0
    for entry in entries():
        activity, author = activities.get(entry["activity"]), users.get(entry["by"])
        if activity is None or author is None:
            raise DemoDataError(f"{DATA}: no activity {entry['activity']!r} or member {entry['by']!r}.")
        _report, made = FieldReport.objects.get_or_create(
            author=author,
            activity_key=activity.translation_key,
            met_on=entry["day"],
            defaults={
                "activity": activity,
                "minutes": entry["minutes"],
                "people": entry["people"],
                "setting": entry["setting"],
                "language": entry["language"],
                "outcome": OUTCOMES[entry["went"]],
                "note": entry.get("note", ""),
                "hidden": bool(entry.get("hidden")),
            },
        )
        created += made
    if stdout is not None and created:
        stdout.write(f"Field reports: {created} added.")
    return created
