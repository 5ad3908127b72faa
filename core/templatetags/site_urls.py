"""{% load site_urls %}{% absolute_url page.url %}: an absolute URL on the
configured base URL, for printouts, share links and e-mail templates
(never request.build_absolute_uri, which follows the Host header)."""

from django import template

from core import urls

register = template.Library()


@register.simple_tag
def absolute_url(path=""):
    return urls.absolute_url(path or "")
