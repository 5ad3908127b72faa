"""One date format per language, the locale's own (Django's DATE_FORMAT):
"Dec. 1, 2026", "1 de diciembre de 2026" (Spanish months in lowercase),
"1 décembre 2026"; never a hand-written format such as "j M Y"."""

import re
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories.forum import CategoryFactory, PostFactory, ThreadFactory

# Formats a template may give the date filter: the locale's named formats,
# and machine-readable ones (the datetime attribute of <time>).
ALLOWED = {"DATE_FORMAT", "DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "SHORT_DATE_FORMAT", "c", "Y-m-d"}
DATE_FILTER = re.compile(r"""\|date:["']([^"']*)["']""")


def test_templates_use_only_the_locale_date_formats():
    root = Path(settings.BASE_DIR)
    odd = []
    for path in root.rglob("*"):
        if path.suffix not in {".html", ".txt"} or ".venv" in path.parts or "templates" not in path.parts:
            continue
        for found in DATE_FILTER.findall(path.read_text(encoding="utf-8")):
            if found not in ALLOWED:
                odd.append(f"{path.relative_to(root)}: {found}")
    assert odd == []


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "Dec. 1, 2026"), ("es", "1 de diciembre de 2026"), ("fr", "1 décembre 2026")],
)
def test_forum_dates_follow_the_language(client, db, language, shown):
    moment = timezone.make_aware(datetime(2026, 12, 1, 15, 5))
    category = CategoryFactory(name="Dates", slug="dates")
    thread = ThreadFactory(category=category, title="When do we meet?")
    PostFactory(thread=thread)
    type(thread).objects.filter(pk=thread.pk).update(last_activity_at=moment)
    html = client.get(f"/{language}/forum/c/{category.slug}/").content.decode()
    assert f'<time datetime="{moment.isoformat()}" title="' in html
    assert f"data-relative>{shown}</time>" in html
