"""manage.py run_mail_server: the forum's SMTP server (forum/mail_in/server.py)."""

import asyncio
import signal

from django.conf import settings
from django.core.management.base import BaseCommand

from forum.mail_in import server
from forum.reply_addresses import mail_domain


class Command(BaseCommand):
    help = (
        "Run the forum's SMTP server, which takes replies to notification e-mails and new threads "
        "sent to a category's address. Bound to FORUM_MAIL_SERVER_HOST:FORUM_MAIL_SERVER_PORT "
        "(127.0.0.1:8025 by default): let the site's MTA relay the forum's mail to it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", default=None, help="Address to listen on (default: FORUM_MAIL_SERVER_HOST)."
        )
        parser.add_argument(
            "--port", type=int, default=None, help="Port to listen on (default: FORUM_MAIL_SERVER_PORT)."
        )

    def handle(self, *args, host=None, port=None, **options):
        host = host or settings.FORUM_MAIL_SERVER_HOST
        port = settings.FORUM_MAIL_SERVER_PORT if port is None else port
        asyncio.run(self.serve(host, port))

    async def serve(self, host, port):
        listening = await server.start(host, port, manage_connections=True, hostname=mail_domain())
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for name in ("SIGINT", "SIGTERM"):
            loop.add_signal_handler(getattr(signal, name), stop.set)
        self.stdout.write(
            f"Forum mail for @{mail_domain()} on {host}:{server.port_of(listening)}", ending="\n"
        )
        self.stdout.flush()
        async with listening:
            await stop.wait()
        self.stdout.write("Forum mail server stopped.")
