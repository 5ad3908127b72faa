"""Real SMTP in tests: the forum's aiosmtpd server on a free 127.0.0.1 port,
spoken to with smtplib.

The server's event loop runs in asgiref's thread (async_to_sync) and its
database work comes back to the test's own thread (thread-sensitive
sync_to_async), so it sees the test's data inside the test's transaction."""

import asyncio
import smtplib
from email.message import EmailMessage

from asgiref.sync import async_to_sync

from forum.mail_in import server


def smtp(send):
    """Start the forum's SMTP server, call send(client) with an smtplib
    client connected to it, stop the server; return what send returned."""

    async def session():
        listening = await server.start("127.0.0.1", 0)
        port = server.port_of(listening)

        def client():
            with smtplib.SMTP("127.0.0.1", port, timeout=20) as connection:
                return send(connection)

        try:
            return await asyncio.get_running_loop().run_in_executor(None, client)
        finally:
            listening.close()
            await listening.wait_closed()

    return async_to_sync(session)()


def message(*, to, sender, body="", subject="Re: a thread", html=None, message_id=None, headers=None):
    email = EmailMessage()
    email["From"] = sender
    email["To"] = to
    email["Subject"] = subject
    if message_id:
        email["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        email[name] = value
    if html and not body:
        email.set_content(html, subtype="html")
    else:
        email.set_content(body)
        if html:
            email.add_alternative(html, subtype="html")
    return email


def send(email):
    """Send one message over SMTP; smtplib's exceptions tell a refusal."""
    return smtp(lambda connection: connection.send_message(email))
