"""Back up and restore the database and media.

SQLite is copied with SQLite's online backup API (consistent while the site
runs); PostgreSQL with pg_dump's custom format and restored with pg_restore.
Media files go into a tar.gz beside the dump.
"""

import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection

SQLITE_NAME = "database.sqlite3"
POSTGRES_NAME = "database.pgdump"
MEDIA_NAME = "media.tar.gz"


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed (it comes with the PostgreSQL client tools).")
    return path


def _pg_args(db):
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return args


def _pg_env(db):
    import os

    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def backup_database(directory, db_settings=None):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        target_path = directory / SQLITE_NAME
        connection.ensure_connection()
        target = sqlite3.connect(target_path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return target_path
    if connection.vendor == "postgresql":
        db = db_settings or connection.settings_dict
        target_path = directory / POSTGRES_NAME
        subprocess.run(  # noqa: S603
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--file",
                str(target_path),
                *_pg_args(db),
                db["NAME"],
            ],
            check=True,
            env=_pg_env(db),
        )
        return target_path
    raise RuntimeError(f"No backup method for {connection.vendor}")


def restore_database(directory, db_settings):
    """Restore into the database described by `db_settings` (which should be empty)."""
    directory = Path(directory)
    engine = db_settings["ENGINE"]
    if engine.endswith("sqlite3"):
        source = sqlite3.connect(directory / SQLITE_NAME)
        target = sqlite3.connect(db_settings["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return
    if "postgresql" in engine:
        subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                "--dbname",
                db_settings["NAME"],
                *_pg_args(db_settings),
                str(directory / POSTGRES_NAME),
            ],
            check=True,
            env=_pg_env(db_settings),
        )
        return
    raise RuntimeError(f"No restore method for {engine}")


def analyze(connection):
    """Gather the planner's statistics for every table (ANALYZE, on SQLite
    and PostgreSQL alike). A restored or freshly loaded database has none,
    and PostgreSQL then plans with guesses: an activity page took seconds
    per request before its tables were analysed. Autovacuum would do it in
    time where it runs; this does it at once."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def backup_media(directory):
    target_path = Path(directory) / MEDIA_NAME
    with tarfile.open(target_path, "w:gz") as archive:
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            archive.add(media_root, arcname="media")
    return target_path


def restore_media(directory):
    source = Path(directory) / MEDIA_NAME
    if not source.exists():
        return
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(source, "r:gz") as archive:
        archive.extractall(staging, filter="data")
    restored = staging / "media"
    if restored.exists():
        shutil.copytree(restored, media_root, dirs_exist_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
