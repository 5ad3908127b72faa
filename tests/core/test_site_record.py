"""Issue 11 item 9: the Wagtail Site record follows BASE_URL (on migrate,
with `manage.py sync_site`, and in development with runserver's port), so
full page URLs stop saying http://localhost/."""

import io
import sqlite3

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Site

from core.management.commands.runserver import served_base_url
from core.sites import sync_site_after_migrate
from tests.server import PYTHON, Server, copy_database, free_port, production_env
from tests.settings_probe import production_settings

pytestmark = pytest.mark.django_db


def test_migrate_points_the_default_site_at_the_base_url():
    # The test database was just migrated with BASE_URL=http://testserver;
    # Wagtail's own migration had made it localhost:80.
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)


@override_settings(BASE_URL="https://circlecommons.example")
def test_a_new_base_url_moves_the_site_and_every_full_url(homes):
    from tests.factories.activities import StandardPageFactory

    StandardPageFactory(parent=homes["en"])
    sync_site_after_migrate(sender=None)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("circlecommons.example", 443)
    pages = Page.objects.live().filter(depth__gt=2).specific()
    assert pages and all(page.full_url.startswith("https://circlecommons.example/") for page in pages)
    assert (
        pages.filter(locale__language_code="en")
        .first()
        .full_url.startswith("https://circlecommons.example/en/")
    )


@override_settings(BASE_URL="http://127.0.0.1:8001")
def test_the_sync_site_command_is_the_deploy_step():
    out = io.StringIO()
    call_command("sync_site", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8001)
    assert "http://127.0.0.1:8001" in out.getvalue()


def test_activity_pages_print_their_address_on_the_base_url(client, homes):
    from core.sites import sync_site
    from tests.factories.activities import ActivityIndexPageFactory, ActivityPageFactory

    page = ActivityPageFactory(parent=ActivityIndexPageFactory(parent=homes["en"]))
    sync_site()  # as migrate does on every deploy (the page skeleton made the Site localhost)
    body = client.get(page.url).content.decode()
    assert f'<p class="print-only small">http://testserver{page.url}</p>' in body
    assert "http://localhost" not in body


@pytest.mark.parametrize(
    "addr, port, ipv6, expected",
    [
        ("127.0.0.1", 8001, False, "http://127.0.0.1:8001"),
        ("0.0.0.0", 8002, False, "http://127.0.0.1:8002"),  # noqa: S104
        ("::", 8003, True, "http://[::1]:8003"),
        ("localhost", 8004, False, "http://localhost:8004"),
    ],
)
def test_runserver_base_url_is_the_address_it_serves(addr, port, ipv6, expected):
    assert served_base_url(addr, port, ipv6) == expected


@pytest.mark.django_db(transaction=False)
def test_in_development_the_base_url_follows_the_runserver_port(migrated_sqlite, tmp_path):
    """`make run PORT=...`: runserver on another port moves the Site there."""
    database = copy_database(migrated_sqlite, tmp_path / "dev.sqlite3")
    env = production_env(database)
    env.update({"DJANGO_SETTINGS_MODULE": "website.settings.dev", "DEBUG": "true"})
    env.pop("BASE_URL", None)
    port = free_port()
    command = [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"]
    server = Server(command, env, port, tmp_path / "runserver.log").wait(timeout=90)
    server.stop()
    assert f"BASE_URL follows the server: http://127.0.0.1:{port}" in server.log(), server.log()
    with sqlite3.connect(tmp_path / "dev.sqlite3") as db:
        row = db.execute("SELECT hostname, port FROM wagtailcore_site WHERE is_default_site").fetchone()
    assert row == ("127.0.0.1", port)


def test_production_derives_the_base_url_from_allowed_hosts(tmp_path):
    settings = production_settings(
        ALLOWED_HOSTS="circlecommons.example,www.circlecommons.example", HTTPS="true"
    )
    assert [settings.BASE_URL, settings.WAGTAILADMIN_BASE_URL] == ["https://circlecommons.example"] * 2
