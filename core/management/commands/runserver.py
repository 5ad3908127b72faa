"""runserver that, in development, makes the base URL follow the address it
serves on (`make run PORT=8001` prints and mails http://127.0.0.1:8001/...).

Only when settings.BASE_URL_FOLLOWS_RUNSERVER is on (website/settings/dev.py,
when BASE_URL is not set in the environment); production never runs this.
"""

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import Command as StaticfilesRunserver

from core.sites import sync_site


def served_base_url(addr, port, ipv6=False):
    """The URL a browser on this machine uses for a server bound to addr:port."""
    if addr in ("", "0", "0.0.0.0"):  # noqa: S104 (a name for "every address", not a bind)
        addr = "127.0.0.1"
    elif addr == "::":
        addr = "::1"
    if ipv6 or ":" in addr:
        addr = f"[{addr}]"
    return f"http://{addr}:{port}"


class Command(StaticfilesRunserver):
    def on_bind(self, server_port):
        super().on_bind(server_port)
        if getattr(settings, "BASE_URL_FOLLOWS_RUNSERVER", False):
            url = served_base_url(self.addr, server_port, self._raw_ipv6)
            settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = url
            sync_site()
            self.stdout.write(f"BASE_URL follows the server: {url}")
