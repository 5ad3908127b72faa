"""The documented backup and restore commands, run as an operator would:
a real database is built and seeded, backed up with `backup_site`, restored
into a new empty database with `restore_site`, and the two are compared."""

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from tests.factories.activities import seed_whole_demo
from tests.snapshots import demo_snapshot

# In the worker that seeds the demo for the demo tests: on SQLite the source
# database is a copy of that demo (migrate + seed_demo --skip-index, done once).
pytestmark = pytest.mark.xdist_group("whole-demo")

ROOT = Path(__file__).resolve().parents[2]

CONTENT_TABLES = ["wagtailcore_page", "wagtailcore_revision", "wagtail_localize_translation", "accounts_user"]
for label in ["activities.ActivityPage", "guides.GuidePage", "forum.Thread", "forum.Post"]:
    try:
        CONTENT_TABLES.append(apps.get_model(label)._meta.db_table)
    except LookupError:
        pass


def manage(database_url, media_root, *args):
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}
    env["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def snapshot(cursor):
    result = {}
    for table in CONTENT_TABLES:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (fixed table names)
        result[table] = cursor.fetchone()[0]
    cursor.execute("SELECT url_path, title, live FROM wagtailcore_page ORDER BY url_path")
    result["pages"] = [tuple(row) for row in cursor.fetchall()]
    return result


@pytest.fixture
def databases(tmp_path):
    """Two database URLs of the suite's own kind: a source and an empty target."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'target.sqlite3'}"
        return
    import psycopg

    db = connection.settings_dict
    names = [f"circle_backup_{uuid.uuid4().hex[:8]}_{kind}" for kind in ("source", "target")]
    admin = psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres")
    admin.autocommit = True
    for name in names:
        admin.cursor().execute(f'CREATE DATABASE "{name}"')
    base = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
    yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    for name in names:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def read_snapshot(database_url):
    if database_url.startswith("sqlite"):
        db = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    else:
        import psycopg

        db = psycopg.connect(database_url)
    try:
        return snapshot(db.cursor())
    finally:
        db.close()


def analysed(database_url):
    """Whether the database has planner statistics for its pages table."""
    if database_url.startswith("sqlite"):
        db = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        query = "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page'"
    else:
        import psycopg

        db = psycopg.connect(database_url)
        query = (
            "SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname = 'wagtailcore_page' "
            "AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)"
        )
    try:
        cursor = db.cursor()
        cursor.execute(query)
        return cursor.fetchone()[0] > 0
    except sqlite3.OperationalError:  # no sqlite_stat1 table: never analysed
        return False
    finally:
        db.close()


def test_backup_restored_into_an_empty_database_gives_the_same_content(
    tmp_path, databases, django_db_setup, django_db_blocker
):
    source, target = databases
    media = tmp_path / "media"
    (media / "images").mkdir(parents=True)
    (media / "images" / "photo.txt").write_text("pretend image")
    if demo_snapshot.available():
        shutil.copyfile(
            demo_snapshot.file(django_db_blocker, seed_whole_demo), source.removeprefix("sqlite:///")
        )
    else:
        manage(source, media, "migrate", "--noinput")
        manage(source, media, "seed_demo", "--skip-index")
    manage(source, media, "backup_site", str(tmp_path / "backup"))

    restored_media = tmp_path / "restored-media"
    manage(target, restored_media, "restore_site", str(tmp_path / "backup"))

    expected = read_snapshot(source)
    assert expected["wagtailcore_page"] > 10
    assert read_snapshot(target) == expected
    assert (restored_media / "images" / "photo.txt").read_text() == "pretend image"
    # restore_site ran ANALYZE: the planner has statistics for the restored tables.
    assert analysed(target)


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_site", str(tmp_path))
