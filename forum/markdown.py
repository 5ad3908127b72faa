"""Members' Markdown to safe HTML.

Two layers, so that a mistake in one is caught by the other:

1. markdown-it-py with the CommonMark preset and raw HTML switched off, so
   `<script>` typed by a member is text, and its own link validation drops
   javascript:, vbscript:, file: and data: links.
2. nh3 (ammonia) with a short allow-list of tags and attributes; only http,
   https and mailto links (and site-relative paths) survive, and every link
   gets rel="nofollow ugc noopener".

Bare web and e-mail addresses ("www.example.org", "https://…",
"sam@example.org") become links (markdown-it's linkify, with the
linkify-it-py package); they pass the same sanitizer as any link.

Images are not allowed. A picture from any host on the web would load in
every reader's browser: it tells that host who reads the forum and when,
costs data on a library's Wi-Fi, and puts unmoderated imagery on the page.
Markdown image syntax therefore becomes an ordinary link to the picture.

Headings are shifted down two levels (# becomes h3) so that a post never
breaks the page's heading outline (h1 thread title, h2 sections).
"""

import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "s",
    "del",
    "a",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_CLASSES = {"a": {"mention"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

# Django usernames: letters, digits and @ . + - _. A mention ends before a
# trailing dot, so "thanks @sam." links @sam.
MENTION_RE = re.compile(r"(?<![\w.+\-@/])@([A-Za-z0-9_](?:[A-Za-z0-9_.+\-]*[A-Za-z0-9_])?)")
HEADING_SHIFT = 2


def _relative_url(url):
    """Keep site paths and in-page anchors; strip every other relative URL
    (including protocol-relative //host, which would leave the site)."""
    if url.startswith("#"):
        return url
    if url.startswith("/") and not url.startswith(("//", "/\\")):
        return url
    return None


CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=URL_SCHEMES,
    link_rel=LINK_REL,
    strip_comments=True,
    url_relative=_relative_url,
)


def _mention_rule(state, silent):
    if state.src[state.pos] != "@" or state.linkLevel > 0:
        return False
    match = MENTION_RE.match(state.src, state.pos)
    if match is None:
        return False
    # The lookbehind in MENTION_RE cannot see text before state.pos when the
    # regex starts there, so check the character before by hand.
    if state.pos > 0 and re.match(r"[\w.+\-@/]", state.src[state.pos - 1]):
        return False
    username = match.group(1)
    known = state.env.get("known_members", {})
    href = known.get(username)
    if href is None:
        return False
    if not silent:
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": href, "class": "mention"}
        token = state.push("text", "", 0)
        token.content = "@" + username
        state.push("link_close", "a", -1)
        state.env.setdefault("mentioned", []).append(username)
    state.pos = match.end()
    return True


def _shift_headings(state):
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + HEADING_SHIFT, 6)
            token.tag = f"h{level}"


def _image_as_link(self, tokens, idx, options, env):
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = self.renderInlineAsText(token.children or [], options, env) or "image"
    return f'<a href="{escapeHtml(src)}">{escapeHtml(alt)}</a>'


def _build_parser():
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": True, "typographer": False})
    md.enable(["table", "strikethrough", "linkify"])
    # Bare addresses become links: web and e-mail addresses only (the
    # sanitizer would leave an ftp: or a protocol-relative "//host" link
    # with no href).
    md.linkify.add("ftp:", None)
    md.linkify.add("//", None)
    md.inline.ruler.before("emphasis", "mention", _mention_rule)
    md.core.ruler.push("shift_headings", _shift_headings)
    md.add_render_rule("image", _image_as_link)
    return md


PARSER = _build_parser()


def candidate_mentions(source):
    """Usernames that look mentioned in the source (before checking that the
    members exist or that the mention is outside code)."""
    return {match.group(1) for match in MENTION_RE.finditer(source or "")}


def sanitize(html):
    return CLEANER.clean(html)


def render(source, known_members=None):
    """Render Markdown to sanitized HTML.

    known_members maps username to profile URL for the members who may be
    linked as @mentions. Returns (html, usernames actually mentioned)."""
    env = {"known_members": known_members or {}}
    html = PARSER.render(source or "", env)
    return sanitize(html), list(dict.fromkeys(env.get("mentioned", [])))


ANCHOR_RE = re.compile(r"<a\s([^>]*)>(.*?)</a>", re.DOTALL)
MENTION_CLASS_RE = re.compile(r'\bclass="mention"')


HREF_RE = re.compile(r'\bhref="([^"]*)"')


def _leaves_the_site(attributes):
    """Whether an anchor's href goes to another site. Site-relative paths
    ("/forum/p/49/", as in a quote's attribution line) do not: the
    sanitizer keeps only those and http(s)/mailto links."""
    href = HREF_RE.search(attributes)
    return href is None or not _relative_url(href.group(1))


def count_links(html):
    """Links to other sites in rendered HTML: not @mentions (members'
    profiles) nor links to the site's own pages (a quote's attribution),
    which are not what the new-member link limit is about."""
    return sum(
        1
        for match in ANCHOR_RE.finditer(html)
        if not MENTION_CLASS_RE.search(match.group(1)) and _leaves_the_site(match.group(1))
    )


def mentions_in(html):
    """The usernames rendered HTML links as @mentions, in order of first
    appearance: what `render` reported when the HTML was made."""
    names = (
        match.group(2).removeprefix("@")
        for match in ANCHOR_RE.finditer(html or "")
        if MENTION_CLASS_RE.search(match.group(1))
    )
    return list(dict.fromkeys(names))


def quote(source, attribution):
    """The source of a post as a Markdown blockquote under an attribution line."""
    lines = (source or "").strip().splitlines()
    quoted = "\n".join(f"> {line}".rstrip() for line in lines)
    return f"{attribution}\n{quoted}\n\n"
