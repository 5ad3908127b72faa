"""The part of a page that is the same for every reader, rendered once per
content generation (core.fragments):

    {% load fragment_tags %}
    {% shared_fragment "activity-page" page.pk %} ... {% endshared_fragment %}

The key is the name, the parts given (each page's own id, a normalised
filter...) and the active language; the fragment is rendered again when
editorial content changes (scope="content": also when members write).
Nothing personal may go inside (the signed-in member, messages) unless the
parts say it: a fragment that shows "Edit" to the post's author names that
state among its parts. Forms may: a `{% csrf_token %}` inside is rendered as a
placeholder and becomes each reader's own token on the way out
(core.fragments.with_csrf_token).
The context's values may be `core.fragments.lazy`: then what only the
fragment needs is computed only when it is rendered.
"""

from django import template

from core import cache, fragments

register = template.Library()
SCOPES = {"pages": cache.PAGES, "content": cache.CONTENT}


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, scope):
        self.nodelist, self.name, self.parts, self.scope = nodelist, name, parts, scope

    def render(self, context):
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        scope = SCOPES[self.scope.resolve(context) if self.scope is not None else "pages"]

        def render():
            with context.push(csrf_token=fragments.csrf_placeholder()):
                return self.nodelist.render(context)

        html = fragments.cached(f"shared:{name}", parts, render, scope=scope)
        return fragments.with_csrf_token(html, context.get("csrf_token"))


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    scope = None
    parts = []
    for bit in bits[1:]:
        if bit.startswith("scope="):
            scope = parser.compile_filter(bit.removeprefix("scope="))
        else:
            parts.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, parser.compile_filter(bits[0]), parts, scope)
