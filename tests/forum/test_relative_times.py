"""Times in the forum: one template tag ({% moment %}, core/templatetags/
time_tags.py) everywhere, writing what stays true in any cache (the date,
with the exact time in the title and the datetime attribute); the page's
script (static/js/site.js) makes it relative ("3 hours ago") in the
reader's language when the page is shown."""

import re
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone, translation

from forum.models import Post

pytestmark = pytest.mark.django_db
MOMENT = timezone.make_aware(datetime(2026, 11, 30, 9, 45))


def render(value, shown=None, language="en"):
    tag = "{% load time_tags %}{% moment value" + (f' "{shown}"' if shown else "") + " %}"
    with translation.override(language):
        return BeautifulSoup(Template(tag).render(Context({"value": value})), "html.parser").find("time")


@pytest.mark.parametrize(
    ("language", "date", "exact"),
    [
        ("en", "Nov. 30, 2026", "Nov. 30, 2026, 9:45 a.m."),
        ("es", "30 de noviembre de 2026", "30 de noviembre de 2026 a las 09:45"),
        ("fr", "30 novembre 2026", "30 novembre 2026 09:45"),
    ],
)
def test_a_moment_has_its_exact_time_in_the_title_and_its_date_as_text(language, date, exact):
    time = render(MOMENT, language=language)
    assert time["datetime"] == "2026-11-30T09:45:00+00:00"
    assert time.get_text() == date
    assert time["title"] == exact
    assert time.has_attr("data-relative")  # made relative by static/js/site.js


def test_a_moment_can_show_its_time_too():
    assert render(MOMENT, "DATETIME_FORMAT").get_text() == "Nov. 30, 2026, 9:45 a.m."


def test_nothing_for_no_moment():
    assert render(None) is None


def test_a_post_shows_its_time_through_the_tag(client, thread):
    soup = BeautifulSoup(client.get(thread.get_absolute_url()).content, "html.parser")
    post = thread.first_post
    time = soup.find(id=f"post-{post.pk}").select_one(".post-time time")
    assert time["datetime"] == timezone.localtime(post.created).isoformat() and time.has_attr("title")


@override_settings(PAGE_CACHE_SECONDS=60)
def test_a_cached_page_carries_no_relative_words(client, thread):
    """A visitor's page is cached whole: what it says must stay true."""
    Post.objects.filter(pk=thread.first_post_id).update(created=timezone.now())
    for _time in range(2):
        html = client.get(thread.get_absolute_url()).content.decode()
    assert not re.search(
        r"\b(ago|just now|minutes?|seconds?|hours?)\b",
        BeautifulSoup(html, "html.parser").select_one(".posts").get_text(),
    )


def test_every_forum_template_shows_times_through_the_tag():
    """No hand-made <time> for a past moment in the forum's pages (e-mails
    are plain text)."""
    root = Path(settings.BASE_DIR) / "forum" / "templates"
    hand_made = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if "<time" in path.read_text(encoding="utf-8")
    ]
    assert hand_made == []


def test_the_script_makes_them_relative_in_the_page_language():
    script = (Path(settings.BASE_DIR) / "static" / "js" / "site.js").read_text(encoding="utf-8")
    assert "time[data-relative]" in script and "Intl.RelativeTimeFormat" in script
    assert "document.documentElement.lang" in script
