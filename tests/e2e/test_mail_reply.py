"""A member replies to a notification by e-mail, and the reply appears in
the thread: the forum's SMTP server (`manage.py run_mail_server`) runs
beside the production server, on the same database, as the README says
to deploy it, and the reply goes to it over real SMTP on 127.0.0.1."""

import smtplib
import socket
import subprocess
import sys
import time
from email import policy
from email.message import EmailMessage
from email.parser import Parser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import latest_mail, sign_up, unique

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]

THREAD = "Keeping the check-in short when everyone wants to talk"


@pytest.fixture
def mail_server(server):
    """`manage.py run_mail_server` on a free 127.0.0.1 port, with the live server's settings."""
    with socket.socket() as sock:  # a free port on loopback
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "run_mail_server", "--port", str(port)],
        cwd=ROOT,
        env=server["env"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    line = process.stdout.readline()  # "Forum mail for @… on 127.0.0.1:PORT" once it listens
    if f":{port}" not in line:
        process.kill()
        raise RuntimeError(line + process.stdout.read())
    yield port
    process.terminate()
    process.wait(timeout=20)


def reply_address_in(server, to):
    """Wait for the notification e-mail to `to`; its Reply-To.

    The messages are parsed, not searched as text: a long header is folded
    onto a second line (RFC 5322), and a reply address is long, so the file
    holds "Reply-To:" and the address on the next line. Matching the text
    "Reply-To: reply+" is what once made this journey find no reply address."""
    deadline = time.monotonic() + 20
    while True:
        try:
            for text in latest_mail(server, to).split("\n" + "-" * 79 + "\n"):
                message = Parser(policy=policy.default).parsestr(text.lstrip())
                if message["To"] == to and str(message["Reply-To"] or "").startswith("reply+"):
                    return str(message["Reply-To"])
        except AssertionError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"no notification e-mail with a reply address to {to}")
        time.sleep(0.3)


def test_a_member_replies_by_e_mail_and_the_reply_appears_in_the_thread(person, page, server, mail_server):
    # A new member joins and watches a demo thread.
    ana = person()
    email = sign_up(ana, server, unique("ana"), "Ana Mailer")
    ana.goto(f"{server['url']}/en/forum/latest/")
    ana.get_by_role("link", name=THREAD).click()
    thread_url = ana.url
    ana.get_by_role("button", name="Watch this thread").click()
    expect(ana.get_by_text("You are notified of replies.")).to_be_visible()

    # The editor replies on the site; Ana is e-mailed, with her own reply address.
    editor = person("editor")
    editor.goto(thread_url)
    editor.get_by_label("Your reply").fill(
        "A sand timer in the middle of the circle works for our group too."
    )
    editor.get_by_role("button", name="Post reply").click()
    expect(editor.get_by_text("Your reply has been posted.")).to_be_visible()
    reply_to = reply_address_in(server, email)

    # Ana answers from her mail program, quoting the notification below her text.
    marker = unique("timer")
    reply = EmailMessage()
    reply["From"] = f"Ana Mailer <{email}>"
    reply["To"] = reply_to
    reply["Subject"] = f"Re: {THREAD}"
    reply.set_content(
        f"Which sand timer do you use ({marker})? Ours is three minutes long.\n\n"
        f"On Tue, 1 Dec 2026 at 10:00, Circle Commons <{reply_to}> wrote:\n"
        "> A sand timer in the middle of the circle works for our group too.\n"
    )
    with smtplib.SMTP("127.0.0.1", mail_server, timeout=20) as connection:
        connection.send_message(reply)

    # Anyone reading the thread sees her reply, without the quoted e-mail.
    page.goto(thread_url)
    post = page.get_by_role("article", name="Ana Mailer").filter(has_text=marker)
    expect(post).to_be_visible()
    expect(post).to_contain_text("Ours is three minutes long.")
    expect(post).not_to_contain_text("wrote:")
