"""The forum's SMTP server (aiosmtpd), which `manage.py run_mail_server`
runs beside the app. The site's MTA (Postfix, Exim, …) relays mail for
the forum's addresses to it; it listens on 127.0.0.1 unless told otherwise.

Addresses are checked at RCPT (an unknown, forged or expired address is
refused there, 550 with the reason), the message at DATA (forum/mail_in/
receive.py). The database work runs in Django's synchronous world through
asgiref's sync_to_async (thread-sensitive: one thread, one connection).
"""

import asyncio
import logging

from aiosmtpd.smtp import SMTP
from asgiref.sync import sync_to_async
from django.db import close_old_connections

from .receive import check_address, max_bytes, receive, smtp_reply, too_big_reason

logger = logging.getLogger(__name__)


class ForumSMTP(SMTP):
    """aiosmtpd's SMTP session, with our words for a message that is too big."""

    async def push(self, status):
        if status.startswith("552 Error:"):
            status = f"552 5.3.4 {too_big_reason()}"
        await super().push(status)


class ForumHandler:
    """aiosmtpd handler. `manage_connections`: close stale database
    connections around each message, as Django does around a request (the
    long-running server needs it; a test, inside its transaction, must not)."""

    def __init__(self, *, manage_connections=False):
        self.manage_connections = manage_connections

    def _in_django(self, function, *args):
        if self.manage_connections:
            close_old_connections()
        try:
            return function(*args)
        finally:
            if self.manage_connections:
                close_old_connections()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refusal = await sync_to_async(self._in_django)(check_address, address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        try:
            results = await sync_to_async(self._in_django)(
                receive, envelope.original_content, envelope.rcpt_tos
            )
        except Exception:
            logger.exception("Forum mail from %s could not be processed", envelope.mail_from)
            return "451 4.3.0 The forum could not process this message now; it will be tried again."
        for result in results:
            logger.info("Forum mail to %s: %s (%s)", result.address, result.status, result.smtp)
        return smtp_reply(results)


async def start(host, port, *, manage_connections=False, hostname=None):
    """Start listening (port 0: a free port) and return the asyncio server."""
    handler = ForumHandler(manage_connections=manage_connections)
    loop = asyncio.get_running_loop()
    return await loop.create_server(
        lambda: ForumSMTP(
            handler,
            data_size_limit=max_bytes(),
            hostname=hostname,
            ident="Circle Commons forum mail",
            decode_data=False,
        ),
        host=host,
        port=port,
    )


def port_of(server):
    return server.sockets[0].getsockname()[1]
