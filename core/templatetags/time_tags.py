"""{% load time_tags %}{% moment post.created %}: one way to show a moment.

It renders `<time datetime="…" title="exact time" data-relative>…</time>`
with the moment in the locale's own format (DATE_FORMAT, or the format
given), and static/js/site.js turns the text into a relative one ("3 hours
ago", "hace 3 horas", "il y a 3 heures") in the page's language, keeping
the exact time in the title.

Why the relative words are written by the browser and not here: the
pages that show moments are cached (whole pages for visitors by
core.cache.AnonymousPageCacheMiddleware, fragments by core.fragments), and
stay open in tabs and in the back-forward cache. An absolute time is never
wrong, whenever the HTML was made; "2 minutes ago" written on the server
would be wrong as soon as the page is served from a cache. So the server
writes what stays true and the script, which runs when the page is shown,
writes what is true now; without the script the reader sees the date.
"""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format_with
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def moment(value, shown="DATE_FORMAT"):
    """A <time> for `value` (an aware datetime, or a date): the exact time in
    its title and datetime attribute, `shown` (a named locale format) as
    its text until the script makes it relative."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return format_html(
            '<time datetime="{}" title="{}" data-relative>{}</time>',
            date_format_with(local, "c"),
            date_format(local, "DATETIME_FORMAT"),
            date_format(local, shown),
        )
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), date_format(value, shown))
