"""Databases the test session keeps as SQLite files: the test database as
just migrated (tests/conftest.py django_db_setup fills MIGRATED) and the
whole demo (demo_snapshot)."""

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

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
