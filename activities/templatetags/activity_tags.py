from django import template

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
