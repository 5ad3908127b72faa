"""The site's one base URL (settings.BASE_URL), and absolute URLs built from it.

Every absolute URL the site prints or sends (e-mails of every kind, feeds,
share links, printouts, allauth's confirmation and password-reset links) is
`absolute_url(path)`, never `request.build_absolute_uri()`: the Host header
is chosen by whoever sends the request, and a link built from it could point
anywhere (and be cached for every later visitor).

Not a URLconf: the project's URLs are in website/urls.py.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    """The configured base URL without a trailing slash, e.g.
    "https://circlecommons.example"."""
    return settings.BASE_URL.rstrip("/")


def absolute_url(path=""):
    """`path` (e.g. "/en/forum/p/49/", a reverse() or get_absolute_url()
    result) on the configured base URL. An already absolute URL on another
    origin is returned as it is; one on this site keeps its path."""
    if not path:
        return base_url() + "/"
    parts = urlsplit(path)
    if parts.scheme and parts.netloc:
        return path
    if not path.startswith("/"):
        path = "/" + path
    return base_url() + path


def rebase(url):
    """An absolute URL that some library built from the request (its Host
    header) moved onto the configured base URL: same path, query and
    fragment. Anything else is returned unchanged."""
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return url
    rest = parts.path or "/"
    if parts.query:
        rest += "?" + parts.query
    if parts.fragment:
        rest += "#" + parts.fragment
    return absolute_url(rest)


def _default_port(scheme):
    return 443 if scheme == "https" else 80


def base_parts():
    """(scheme, hostname, port) of the base URL, the port made explicit."""
    parts = urlsplit(base_url())
    scheme = parts.scheme or "http"
    return scheme, (parts.hostname or "localhost").lower(), parts.port or _default_port(scheme)


def base_host():
    """The host of the base URL as a browser sends it: "example.org" on the
    default port, "127.0.0.1:8001" on another."""
    scheme, hostname, port = base_parts()
    if ":" in hostname:  # IPv6
        hostname = f"[{hostname}]"
    return hostname if port == _default_port(scheme) else f"{hostname}:{port}"


def is_canonical_request(request):
    """Whether `request` came in on the configured base URL (scheme and host).
    Only such requests may fill caches shared with other visitors. Raises
    DisallowedHost, like request.get_host(), for a host not allowed."""
    scheme, hostname, port = base_parts()
    if request.scheme != scheme:
        return False
    host = request.get_host().lower()
    return host == base_host() or host == f"{base_host()}:{port}"
