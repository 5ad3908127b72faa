"""Databases the test session keeps as SQLite files: the migrations' result,
kept between runs (migration_cache); the test database as just migrated
(tests/conftest.py django_db_setup fills MIGRATED); and the whole demo
(demo_snapshot)."""

import fcntl
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# "sqlite": the migrated test database's file; "shared": a directory every
# test process of the session sees (pytest's base temporary directory).
MIGRATED = {}


class _DemoSnapshot:
    """The whole demo, seeded once per test session on SQLite and kept as a
    file: a module that checks the demo gets a copy of it in the test
    database (SQLite's backup API, a few milliseconds), and the database as
    migrated (django_db_setup's copy) is put back after its last test.
    Seeding the demo takes most of a minute; the five modules that check it
    used to seed it each. The first test process to need it seeds it under a
    lock; another one waits for it rather than seeding it too (the workers
    migrate alike, so one's demo fits the other's database)."""

    def __init__(self):
        self.path = None

    @staticmethod
    def available():
        """On SQLite, and outside any transaction (a module fixture that
        rolls back, such as site_skeleton, would keep the copy waiting)."""
        from django.db import connection

        return bool(MIGRATED.get("sqlite")) and not connection.in_atomic_block

    @staticmethod
    def _copy(source_path=None, target_path=None):
        import sqlite3

        from django.db import connection

        connection.ensure_connection()
        source = sqlite3.connect(source_path) if source_path else connection.connection
        target = sqlite3.connect(target_path) if target_path else connection.connection
        try:
            source.backup(target)
        finally:
            for handle, path in ((source, source_path), (target, target_path)):
                if path:
                    handle.close()

    def file(self, django_db_blocker, seed):
        """The snapshot's file (seeded now if this process has none yet)."""
        if self.path is None:
            with self.module(django_db_blocker, seed):
                pass
        return self.path

    @contextmanager
    def module(self, django_db_blocker, seed):
        from django.db import connection

        from tests.factories.core import home_pages

        with django_db_blocker.unblock():
            if self.path is None:
                self.path = self._shared(seed)
            else:
                self._copy(source_path=self.path)
            try:
                yield home_pages()
            finally:
                connection.close_if_unusable_or_obsolete()
                self._copy(source_path=MIGRATED["sqlite"])

    def _shared(self, seed):
        """Copy the session's demo into the test database, seeding it (and
        saving it for the other processes) when none exists yet."""
        shared = Path(MIGRATED["shared"])
        path = shared / "whole-demo.sqlite3"
        with open(shared / "whole-demo.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if path.exists():
                self._copy(source_path=path)
            else:
                seed()
                partial = shared / f"whole-demo.{os.getpid()}.partial"
                self._copy(target_path=partial)
                partial.rename(path)
        return path


demo_snapshot = _DemoSnapshot()


class _MigrationCache:
    """The test database as the migrations leave it, kept between test runs
    in a SQLite file named by a hash of everything that decides it: every
    installed app's migration files, the settings modules, the Django and
    SQLite versions. Migrating takes some 25 seconds per test process (300
    migrations, most of them Wagtail's); copying the file in takes a few
    milliseconds.

    A changed, added or removed migration file changes the name, so a stale
    copy is never used. `migrate` still runs after the copy (well under a
    second when nothing is left to apply), so the post-migrate steps
    (content types, permissions, the Site record) run as always (what such a
    step of older code wrote stays in the copy: `make clean` starts afresh). SQLite
    only, and only for a test database in memory; kept in TEST_DB_CACHE
    (default .cache/test-db, which `make clean` removes), one file at a
    time."""

    def __init__(self):
        self.directory = Path(os.environ.get("TEST_DB_CACHE") or ROOT / ".cache" / "test-db")

    @staticmethod
    def key():
        import sqlite3
        from importlib.util import find_spec

        import django
        from django.apps import apps
        from django.conf import settings

        digest = hashlib.sha256(f"{django.__version__} {sqlite3.sqlite_version}".encode())
        settings_files = sorted((ROOT / "website" / "settings").glob("*.py"))
        digest.update(repr(settings.INSTALLED_APPS).encode())
        for config in apps.get_app_configs():
            module = settings.MIGRATION_MODULES.get(config.label, f"{config.name}.migrations")
            spec = find_spec(module) if module else None
            folders = spec.submodule_search_locations if spec and spec.submodule_search_locations else []
            for folder in folders:
                for path in sorted(Path(folder).glob("*.py")):
                    digest.update(f"{config.label}/{path.name}".encode())
                    digest.update(path.read_bytes())
        for path in settings_files:
            digest.update(path.read_bytes())
        return digest.hexdigest()[:24]

    def path(self):
        return self.directory / f"migrated-{self.key()}.sqlite3"

    @contextmanager
    def around_migrate(self, connection, test_database_name):
        """Around the migrate of a new test database in memory: copy the
        cached file in first (a handle on the shared in-memory database keeps
        it alive until Django connects), or save the result afterwards."""
        import sqlite3

        path = self.path()
        if path.exists():
            keeper = sqlite3.connect(test_database_name, uri=True)
            source = sqlite3.connect(path)
            try:
                source.backup(keeper)
            finally:
                source.close()
            try:
                yield
            finally:
                keeper.close()
            return
        yield
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = self.directory / f"{path.name}.{os.getpid()}.partial"
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        for old in self.directory.glob("migrated-*.sqlite3"):
            if old != path:  # an earlier key's; another process may be copying this one in
                old.unlink(missing_ok=True)
        partial.rename(path)

    @contextmanager
    def armed(self):
        """While this lasts, SQLite's test database creation goes through
        the cache (pytest-django creates it inside; tests/conftest.py)."""
        from django.db.backends.sqlite3.creation import DatabaseCreation

        original = DatabaseCreation.create_test_db
        cache = self

        def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
            name = self._get_test_db_name()
            if keepdb or not self.is_in_memory_db(name):
                return original(self, verbosity, autoclobber, serialize, keepdb)
            with cache.around_migrate(self.connection, name):
                return original(self, verbosity, autoclobber, serialize, keepdb)

        DatabaseCreation.create_test_db = create_test_db
        try:
            yield
        finally:
            DatabaseCreation.create_test_db = original


migration_cache = _MigrationCache()
