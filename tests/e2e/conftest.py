"""Browser tests: the production server (gunicorn, production settings) on
127.0.0.1 with demo content, driven by Playwright in Debian's Chromium.

Run with `make e2e`. Screenshots land in artifacts/screenshots/ (ignored by git).
"""

import json
import secrets
import shutil
from pathlib import Path

import pytest

from tests.server import ROOT, free_port, gunicorn, manage, production_env, redis_available

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PASSWORD = "e2e-demo-password-2026"
WIDTHS = {"phone": 390, "desktop": 1280}

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def live_server_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("e2e")
    extra = {
        "MEDIA_ROOT": base / "media",
        "STATIC_ROOT": base / "static",
        "DEMO_PASSWORD": DEMO_PASSWORD,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": base / "mail",
        # As the README deploys it: the forum's addresses on a mail domain of
        # their own (without it they would be on BASE_URL's host, 127.0.0.1).
        "FORUM_MAIL_DOMAIN": "forum.circlecommons.example",
    }
    if redis_available():
        extra["CACHE_URL"] = "redis://127.0.0.1:6379/7"
    return production_env(f"sqlite:///{base / 'e2e.sqlite3'}", **extra), base


@pytest.fixture(scope="session")
def server(live_server_env):
    """gunicorn (production settings, 2 workers) on a free port with the demo
    content (tests/server.py); links in e-mails and the Site record point at
    it (BASE_URL)."""
    env, base = live_server_env
    # BASE_URL first: migrate points the Site record at it.
    port = free_port()
    env["BASE_URL"] = f"http://127.0.0.1:{port}"
    for command in (["migrate", "--noinput"], ["seed_demo"], ["collectstatic", "--noinput", "-v0"]):
        manage(*command, env=env, timeout=900)
    if env.get("CACHE_URL"):
        import redis

        redis.Redis(host="127.0.0.1", port=6379, db=7).flushdb()
    with gunicorn(env, base / "gunicorn.log", workers=2, port=port) as running:
        yield {"url": running.url, "mail": base / "mail", "env": env}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make e2e` installs it with apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def new_context(browser, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def person(browser, server):
    """Open a browser of its own for another person: `person("sam")` signs the
    demo member in, `person()` stays an anonymous visitor. Each person has
    their own cookies, so several people can use the site in one test."""
    contexts = []

    def open_page(username=None):
        context = new_context(browser)
        contexts.append(context)
        page = context.new_page()
        if username:
            sign_in(page, server, username)
        return page

    yield open_page
    for context in contexts:
        context.close()


def unique(prefix):
    """A name no other test (or earlier run against the same database) uses."""
    return f"{prefix}-{secrets.token_hex(3)}"


def sign_in(page, server, username):
    page.goto(f"{server['url']}/en/accounts/login/")
    page.fill("input[name=login]", f"{username}@demo.circlecommons.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise AssertionError(f"{username} could not sign in: {page.locator('main').inner_text()[:500]}")


def sign_up(page, server, username, display_name):
    """Join as a new member and confirm the e-mail address with the link that
    was mailed; returns the address. The member is signed in afterwards."""
    import re

    email = f"{username}@example.com"
    page.goto(f"{server['url']}/en/accounts/signup/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Display name").fill(display_name)
    page.get_by_label("Password", exact=True).fill("a-very-long-e2e-password")
    page.locator("main").get_by_role("button", name="Create my account").click()
    page.wait_for_load_state()
    link = re.search(r"http://\S+/confirm-email/\S+", latest_mail(server, email)).group(0)
    page.goto(link)
    page.locator("main").get_by_role("button", name="Confirm my address").click()
    page.wait_for_load_state()
    return email


def screenshot(browser, url, name, storage_state=None):
    """Full-page screenshots at phone and desktop widths, for people to look at.
    Pass `storage_state=context.storage_state()` to see the page as a signed-in member."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, width in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": 900}, storage_state=storage_state)
        shot = context.new_page()
        shot.goto(url)
        shot.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        context.close()


def axe_violations(page):
    """Run axe-core in the page; return serious and critical violations."""
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in serious
    ]


def latest_mail(server, to):
    """The newest e-mail written by the file-based backend addressed to `to`."""
    files = sorted(Path(server["mail"]).glob("*.log"), key=lambda path: path.stat().st_mtime, reverse=True)
    for path in files:
        text = path.read_text()
        if f"To: {to}" in text:
            return text
    raise AssertionError(f"no e-mail to {to}")


def format_violations(violations):
    return json.dumps(violations, indent=2)
