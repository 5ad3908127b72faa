"""How members appear wherever the site names them.

    {% load accounts_tags %}
    {% member_name post.author %}              the name and its role badges
    {% member_name post.author link=True %}    ... linked to their profile
    {% member_name thread.author as name %}    the same, for a blocktranslate
    {% avatar post.author 32 %}                their picture or initials (accounts.avatars)

A missing member (an account that was deleted) is "a former member". The
name is isolated with <bdi> so a right-to-left name cannot reorder the text
around it; role badges (accounts.roles) come from one cached lookup per
request, whatever the number of names on the page.
"""

from django import template
from django.template.loader import render_to_string
from django.utils import translation

from core import memo as request_memo

from .. import avatars, roles

register = template.Library()


def _once_per_request(*key):
    """A name or an avatar is rendered once per request for each member and
    way of showing them (a thread of 40 posts names a few people 80 times);
    the key carries what the HTML depends on."""
    return ("accounts_tags", translation.get_language(), *key)


@register.simple_tag(takes_context=True)
def member_name(context, member, link=False):
    request = context.get("request")

    def render():
        # The template has no trailing newline: what it renders goes inline.
        return render_to_string(
            "accounts/includes/member_name.html",
            {"member": member, "link": link, "roles": roles.labels_of(member, request)},
        )

    if member is None:
        return render()
    return request_memo.remember(
        _once_per_request("name", member.pk, member.username, member.public_name, bool(link)), render
    )


@register.simple_tag(takes_context=True)
def avatar(context, member, size=32, decorative=True):
    """{% avatar member 32 %}: the member's picture, or their initials, as a
    square of `size` CSS pixels. Decorative (beside their name) unless
    decorative=False, when it is labelled with their name."""
    size = int(size)
    request = context.get("request")
    url = None
    if member is not None and member.avatar_id:
        memo = _request_memo(request, "_accounts_avatar_urls")
        key = (member.avatar_id, size)
        if key not in memo:
            memo[key] = avatars.picture_url(member.avatar_id, size)
        url = memo[key]
    name = member.public_name if member is not None else ""
    return request_memo.remember(
        _once_per_request("avatar", getattr(member, "pk", None), name, url, size, bool(decorative)),
        lambda: render_to_string(
            "accounts/includes/avatar.html",
            {
                "member": member,
                "url": url,
                "size": size,
                "initials": avatars.initials(name),
                "colour": avatars.colour(member),
                "decorative": decorative,
                "name": name,
            },
        ),
    )


def _request_memo(request, attribute):
    if request is None:
        return {}
    if not hasattr(request, attribute):
        setattr(request, attribute, {})
    return getattr(request, attribute)
