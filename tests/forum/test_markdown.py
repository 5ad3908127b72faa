"""Members' Markdown: what survives rendering and sanitizing, checked on the
parsed output (tag names, attribute names, link schemes), not on substrings."""

import html
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from forum import markdown
from forum.rendering import render_markdown

ALLOWED_TAGS = markdown.ALLOWED_TAGS
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "rel", "class"}, "ol": {"start"}}
SAFE_SCHEMES = {"", "http", "https", "mailto"}

XSS_PAYLOADS = [
    # Raw HTML of every dangerous kind (raw HTML is off, then sanitized anyway)
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<img src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<div onmouseover="alert(1)">hover</div>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="https://evil.example"><input name="password"><button>Go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<base href="https://evil.example/">',
    "<!-- <script>alert(1)</script> -->",
    '<details open ontoggle="alert(1)">x</details>',
    '<video><source onerror="alert(1)"></video>',
    '<body onload="alert(1)">',
    '<a href="#" onclick="alert(1)">x</a>',
    '"><script>alert(1)</script>',
    # Markdown syntax with bad schemes
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](java%0ascript:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](file:///etc/passwd)",
    "[click](//evil.example/path)",
    '[click](https://ok.example "title" onclick="alert(1)")',
    "![img](javascript:alert(1))",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)",
    "![img](data:image/png;base64,iVBORw0KGgo=)",
    "![img](https://tracker.example/pixel.gif)",
    "<javascript:alert(1)>",
    "[ref][x]\n\n[x]: javascript:alert(1)",
    "[ref][y]\n\n[y]: data:text/html,<script>alert(1)</script>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "**<img src=x onerror=alert(1)>**",
    "> <iframe src=https://evil.example></iframe>",
    "| a |\n|---|\n| <script>alert(1)</script> |",
]


def assert_only_allowed(rendered):
    soup = BeautifulSoup(rendered, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, f"tag <{tag.name}> survived in {rendered!r}"
        allowed = ALLOWED_ATTRIBUTES.get(tag.name, set())
        for attribute in tag.attrs:
            assert attribute in allowed, f"attribute {attribute} on <{tag.name}> survived in {rendered!r}"
        if tag.name == "a":
            assert tag.get("rel") == ["nofollow", "ugc", "noopener"]
            href = tag.get("href")
            if href is not None:
                cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(href)).lower()
                scheme = urlsplit(cleaned).scheme
                assert scheme in SAFE_SCHEMES, f"href {href!r} survived"
                if scheme == "":
                    assert cleaned.startswith(("/", "#")) and not cleaned.startswith("//"), href
            if tag.get("class"):
                assert tag["class"] == ["mention"]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_leave_nothing_outside_the_allow_list(payload):
    rendered, _mentions = markdown.render(payload)
    assert_only_allowed(rendered)
    soup = BeautifulSoup(rendered, "html.parser")
    # Nothing can run: no script-capable element, no event handler anywhere.
    assert not soup.find_all(["script", "style", "iframe", "svg", "math", "object", "embed", "form", "img"])
    assert not any(attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitizer_alone_cleans_raw_html(payload):
    """Second layer: even if Markdown let raw HTML through, nh3 would clean it."""
    assert_only_allowed(markdown.sanitize(payload))


def test_allowed_formatting_survives():
    source = (
        "# Heading\n\n**bold** *italic* ~~gone~~ `code`\n\n> quoted\n\n3. three\n4. four\n\n"
        '- item\n\n[site](https://example.org "Example") [mail](mailto:a@example.org)\n\n'
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    rendered, _mentions = markdown.render(source)
    soup = BeautifulSoup(rendered, "html.parser")
    assert soup.find("h3").get_text() == "Heading"  # shifted below the page's h1/h2
    assert soup.find("strong") and soup.find("em") and soup.find("s") and soup.find("code")
    assert soup.find("blockquote") and soup.find("ol")["start"] == "3" and soup.find("table")
    links = {a.get_text(): a for a in soup.find_all("a")}
    assert links["site"]["href"] == "https://example.org" and links["site"]["title"] == "Example"
    assert links["mail"]["href"] == "mailto:a@example.org"
    assert all(a["rel"] == ["nofollow", "ugc", "noopener"] for a in soup.find_all("a"))


def test_images_become_links_to_the_picture():
    rendered, _mentions = markdown.render("![our room](https://example.org/room.jpg)")
    soup = BeautifulSoup(rendered, "html.parser")
    assert soup.find("img") is None
    link = soup.find("a")
    assert link["href"] == "https://example.org/room.jpg" and link.get_text() == "our room"


def test_raw_html_is_shown_as_text():
    rendered, _mentions = markdown.render("Use <b>bold</b> tags")
    assert BeautifulSoup(rendered, "html.parser").get_text().strip() == "Use <b>bold</b> tags"


@pytest.mark.django_db
def test_mentions_link_existing_members_only(member):
    rendered, mentioned = render_markdown(
        "Thanks @member and @nobody-here. Mail me at x@member.org. `@member` in code.\n\n    @member"
    )
    soup = BeautifulSoup(rendered, "html.parser")
    mentions = soup.find_all("a", class_="mention")
    assert [a.get_text() for a in mentions] == ["@member"]
    assert mentions[0]["href"] == "/members/member/"
    assert mentioned == ["member"]


@pytest.mark.django_db
def test_mention_inside_a_link_is_not_nested(member):
    rendered, mentioned = render_markdown("[@member](https://example.org)")
    soup = BeautifulSoup(rendered, "html.parser")
    assert len(soup.find_all("a")) == 1 and mentioned == []


def test_quote_prefixes_every_line_under_an_attribution():
    quoted = markdown.quote("line one\n\nline three", "[Sam wrote](/forum/p/1/):")
    assert quoted == "[Sam wrote](/forum/p/1/):\n> line one\n>\n> line three\n\n"


def test_count_links():
    rendered, _mentions = markdown.render("[a](https://a.example) [b](https://b.example) <https://c.example>")
    assert markdown.count_links(rendered) == 3


# --- Bare addresses (linkify) ------------------------------------------------


def links_of(source):
    rendered, _mentions = markdown.render(source)
    assert_only_allowed(rendered)
    return {a.get_text(): a for a in BeautifulSoup(rendered, "html.parser").find_all("a")}


def test_bare_web_and_mail_addresses_become_links():
    links = links_of("See https://example.org/agenda?week=2, www.example.org/notes or ask sam@example.org.")
    assert links["https://example.org/agenda?week=2"]["href"] == "https://example.org/agenda?week=2"
    assert links["www.example.org/notes"]["href"] == "http://www.example.org/notes"
    assert links["sam@example.org"]["href"] == "mailto:sam@example.org"
    assert all(a["rel"] == ["nofollow", "ugc", "noopener"] for a in links.values())


def test_no_bare_link_to_another_scheme_or_a_protocol_relative_host():
    rendered, _mentions = markdown.render("ftp://example.org/x and //example.org/y and javascript:alert(1)")
    assert BeautifulSoup(rendered, "html.parser").find("a") is None


def test_addresses_in_code_and_in_links_stay_as_they_are():
    rendered, _mentions = markdown.render("`https://example.org/code` and [the notes](https://example.org/n)")
    soup = BeautifulSoup(rendered, "html.parser")
    assert soup.find("code").get_text() == "https://example.org/code" and soup.find("code").find("a") is None
    assert [a.get_text() for a in soup.find_all("a")] == ["the notes"]


def test_a_mention_is_not_taken_for_an_address():
    rendered, mentioned = markdown.render("thanks @sam, mail me at kim@example.org", {"sam": "/members/sam/"})
    links = {a.get_text(): a for a in BeautifulSoup(rendered, "html.parser").find_all("a")}
    assert (
        links["@sam"]["class"] == ["mention"] and links["kim@example.org"]["href"] == "mailto:kim@example.org"
    )
    assert mentioned == ["sam"]
