import os
import shutil

import pytest
from django.core.management import call_command

from tests.snapshots import MIGRATED as _MIGRATED

# Tests build their data with factories (tests/factories/); the demo tests
# seed the demo they check (tests/factories/activities.py `seeded`, `whole_demo`).


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """pytest-django's hook run just before it creates the test databases:
    from here on, a SQLite test database starts from the migrations' result
    kept between runs (tests/snapshots.py migration_cache), when there is
    one for these very migrations."""
    from tests.snapshots import migration_cache

    with migration_cache.armed():
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """The test database, migrated (which makes the groups, locales and review
    workflows). On SQLite a copy of it as just migrated is kept in a file
    (`migrated_sqlite`), for the tests that start the site in a process of
    its own: the migrations then run once per test process, not twice."""
    from django.db import connection

    # Only a test database in memory is copied: when no test of the session
    # uses the database, pytest-django makes none, and the connection still
    # names the development file.
    if connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.settings_dict["NAME"]
    ):
        import sqlite3

        path = tmp_path_factory.mktemp("migrated") / "migrated.sqlite3"
        with django_db_blocker.unblock():
            connection.ensure_connection()
            copy = sqlite3.connect(path)
            connection.connection.backup(copy)
            copy.close()
        _MIGRATED["sqlite"] = path
        # Seen by every worker of the session (pytest-xdist's workers share
        # the base temporary directory's parent).
        base = tmp_path_factory.getbasetemp()
        _MIGRATED["shared"] = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def migrated_sqlite(django_db_setup, tmp_path_factory):
    """A migrated SQLite file that tests copy for the processes they start:
    the test database as just migrated (django_db_setup), or, when the suite runs
    on another engine, the migration cache's file (an earlier SQLite run's) or
    one migrated here with production settings."""
    from tests.server import manage, production_env
    from tests.snapshots import migration_cache

    if _MIGRATED.get("sqlite"):
        return _MIGRATED["sqlite"]
    path = tmp_path_factory.mktemp("migrated") / "migrated.sqlite3"
    cached = migration_cache.path()
    if cached.exists():
        # The same migrations' result, kept by an earlier SQLite run.
        shutil.copyfile(cached, path)
        return path
    manage("migrate", "--noinput", env=production_env(f"sqlite:///{path}"))
    return path


@pytest.fixture
def homes(db):
    """{language code: HomePage}: the page skeleton (tests/factories/core.py)."""
    from tests.factories.core import home_pages

    return home_pages()


@pytest.fixture
def home(homes):
    return homes["en"]


@pytest.fixture
def member(django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user(
        username="member", email="member@example.com", password="a-long-pass-phrase"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def other_member(django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user(
        username="other", email="other@example.com", password="a-long-pass-phrase"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def editor(db):
    """A site editor (staff, in the editors' group; the demo's, when the
    demo is loaded), who signs in with tests.factories.core.PASSWORD."""
    from tests.factories.core import EditorFactory

    return EditorFactory(username="editor")


@pytest.fixture
def moderator(db):
    """A forum moderator (the demo's, when the demo is loaded)."""
    from tests.factories.core import ModeratorFactory

    return ModeratorFactory(username="moderator")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, as its database changes are rolled back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in another language
    leaves it active in the worker's thread, and the next test's plain
    rendering (outside a request) would follow it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


_BASELINE = {}


@pytest.fixture(autouse=True)
def _migration_data_after_a_flush(request, django_db_blocker):
    """A transactional test ends by flushing every table, the data the
    migrations made included (the Wagtail root page, locales, groups,
    workflows); the content types come back under new ids. The first
    transactional test of a process dumps that data (foreign keys to content
    types by natural key, permissions matched by theirs), each later one loads
    it back."""
    if not _is_transactional(request.node):
        return
    import tempfile

    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    with django_db_blocker.unblock():
        if _BASELINE:
            call_command("loaddata", _BASELINE["permissions"], verbosity=0)
            call_command("loaddata", _BASELINE["rest"], verbosity=0)
            return
        for name, options in (
            ("permissions", ["auth.permission", "--natural-primary"]),
            ("rest", ["--exclude=contenttypes", "--exclude=auth.permission", "--exclude=sessions"]),
        ):
            path = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name  # noqa: SIM115
            call_command(
                "dumpdata", *options, "--natural-foreign", "--exclude=wagtailsearch", output=path, verbosity=0
            )
            _BASELINE[name] = path


def ungrouped(config, items):
    """The tests marked `xdist_group` that pytest-xdist failed to group under
    `--dist loadgroup` (it groups by appending "@name" to the node id; with
    pytest 9.2 that no longer takes, pytest-dev/pytest-xdist#1386, and the
    marked tests are spread over the workers without a word)."""
    if not getattr(config.option, "loadgroup", False):
        return []
    return [
        item.nodeid
        for item in items
        if any(True for _ in item.iter_markers("xdist_group")) and "@" not in item.nodeid
    ]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Transactional tests (the PostgreSQL concurrency tests) run last.

    They end by flushing every table, migration data included (the Wagtail
    root page, locales, groups); `_migration_data_after_a_flush` puts it back
    before the next one. pytest-django orders them
    before the tests without a `db` mark, but some of those reach the database
    through module-scoped fixtures (tests/factories/activities.py
    `for_the_module`), and would find it empty. The sort is stable: the rest
    keeps its order.

    Refuses to run when `--dist loadgroup` did not group the tests marked
    `xdist_group`: the demo modules would then each wait for one worker's
    seeding of the demo, a minute lost without a word."""
    missed = ungrouped(config, items)
    if missed:
        raise pytest.UsageError(
            f"pytest-xdist did not group {len(missed)} tests marked xdist_group (first: {missed[0]}); "
            "see pytest-dev/pytest-xdist#1386 and the pytest pin in requirements-dev.txt"
        )
    items.sort(key=_is_transactional)
