"""Languages in templates: `{{ code|language_name }}` names a language in the
interface language (core.translation.language_name)."""

from django import template

from core.translation import language_name as name_of

register = template.Library()


@register.filter
def language_name(code):
    return name_of(getattr(code, "language_code", code))
