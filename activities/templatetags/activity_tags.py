from django import template
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.filter
def clock(minutes):
    """Minutes from the start of a meeting as h:mm (75 -> "1:15")."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    return f"{minutes // 60}:{minutes % 60:02d}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag(takes_context=True)
def activity_cards(context, activities, heading_level=3, current_locale_id=None):
    """The rendered cards of `activities` (activities/includes/activity_card.html),
    the same for everyone who reads the page, so cached (core.fragments):
    one cache round trip for the list, a card rendered only when it changed.
    ``{% activity_cards activities current_locale_id=page.locale_id as cards %}``"""
    from django.template.loader import render_to_string

    from core.fragments import cached_many

    request = context.get("request")

    def render(activity):
        return render_to_string(
            "activities/includes/activity_card.html",
            {
                "activity": activity,
                "heading_level": heading_level,
                "current_locale_id": current_locale_id,
                "request": request,
            },
        )

    return cached_many(
        "activity-card",
        activities,
        lambda activity: (activity.pk, heading_level, current_locale_id or ""),
        render,
    )


@register.filter
def language_name(code):
    """The name of language `code` in the reader's language, as it is written
    inside a sentence ("inglés", "anglais", but "English")."""
    name = get_language_info(code)["name_translated"]
    return name if (get_language() or "en").startswith("en") else name.lower()
