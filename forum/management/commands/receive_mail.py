"""manage.py receive_mail: one message on standard input, for an MTA that
pipes mail to a command (Postfix pipe(8), Exim's pipe transport, a
.forward/aliases "|command" entry)."""

import sys

from django.core.management.base import BaseCommand

from forum.mail_in.receive import receive, smtp_reply

# sysexits.h: what an MTA's pipe transport makes of the exit status.
EX_OK, EX_DATAERR, EX_NOUSER, EX_TEMPFAIL = 0, 65, 67, 75


class Command(BaseCommand):
    help = (
        "Read one e-mail from standard input and post it in the forum as if it came through "
        "run_mail_server. Pass the recipient addresses (the MTA's ${recipient}); without them, "
        "the message's To and Cc addresses for the forum's domain. A refused message exits with "
        "status 67 (unknown address) or 65, the reason on standard error, which the MTA puts in "
        "its bounce."
    )

    def add_arguments(self, parser):
        parser.add_argument("recipients", nargs="*", help="Envelope recipients (forum addresses).")

    def handle(self, *args, recipients=(), **options):
        raw = sys.stdin.buffer.read()
        recipients = list(recipients) or self.addressed_to(raw)
        if not recipients:
            self.stderr.write("550 5.1.1 The message is addressed to no forum address.")
            sys.exit(EX_NOUSER)
        results = receive(raw, recipients)
        reply = smtp_reply(results)
        for result in results:
            self.stdout.write(f"{result.address}: {result.status}")
        if reply.startswith("5"):
            self.stderr.write(reply)
            sys.exit(EX_NOUSER if reply.startswith("550 5.1.1") else EX_DATAERR)
        if reply.startswith("4"):
            self.stderr.write(reply)
            sys.exit(EX_TEMPFAIL)

    @staticmethod
    def addressed_to(raw):
        from email import policy
        from email.parser import BytesParser
        from email.utils import getaddresses

        from forum.reply_addresses import mail_domain

        headers = BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)
        found = getaddresses(headers.get_all("To", []) + headers.get_all("Cc", []))
        return [address for _name, address in found if address.lower().endswith("@" + mail_domain())]
