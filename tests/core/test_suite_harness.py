"""The suite's own harness: `make test` runs the tests with pytest-xdist's
`--dist loadgroup`, so that the modules marked `xdist_group("whole-demo")`
share the one worker that seeds the demo; a SQLite test database starts from
the migrations' result kept between runs (both in tests/snapshots.py)."""

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from tests.conftest import ungrouped

GROUPED = """
import os, pytest
pytestmark = pytest.mark.xdist_group("shared")
@pytest.mark.parametrize("n", range(4))
def test_worker(n):
    with open(os.environ["SEEN"], "a") as seen:
        seen.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
"""


def test_tests_marked_with_a_group_run_in_one_worker(tmp_path):
    for name in ("test_one.py", "test_two.py"):
        (tmp_path / name).write_text(GROUPED)
    (tmp_path / "test_other.py").write_text("def test_a(): pass\ndef test_b(): pass\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "PYTEST"))}
    env["SEEN"] = str(tmp_path / "seen")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "pytest", "-p", "no:django", "-p", "no:cacheprovider", "-n", "2"]
        + ["--dist", "loadgroup", "-q", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    workers = (tmp_path / "seen").read_text().split()
    assert len(workers) == 8 and len(set(workers)) == 1


def marked(nodeid, groups=()):
    marks = [pytest.mark.xdist_group(group).mark for group in groups]
    return SimpleNamespace(nodeid=nodeid, iter_markers=lambda name: (m for m in marks if m.name == name))


def test_the_suite_notices_marked_tests_left_ungrouped():
    config = SimpleNamespace(option=SimpleNamespace(loadgroup=True))
    items = [
        marked("a.py::t@whole-demo", ["whole-demo"]),
        marked("b.py::t", ["whole-demo"]),
        marked("c.py::t"),
    ]
    assert ungrouped(config, items) == ["b.py::t"]
    # Without --dist loadgroup (one process, or make e2e) nothing is grouped, and rightly.
    assert ungrouped(SimpleNamespace(option=SimpleNamespace()), items) == []


def test_the_migration_cache_is_named_by_every_migration_file(settings, tmp_path, monkeypatch):
    """A cached migrated database is used only by the very migrations that made
    it: adding, changing or removing a migration file gives another name."""
    from tests.snapshots import migration_cache

    package = tmp_path / "cached_migrations_probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "0001_initial.py").write_text("# first\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.MIGRATION_MODULES = {"reports": "cached_migrations_probe"}
    names = [migration_cache.key()]
    (package / "0001_initial.py").write_text("# first, edited\n")
    names.append(migration_cache.key())
    (package / "0002_more.py").write_text("# second\n")
    names.append(migration_cache.key())
    (package / "0002_more.py").unlink()
    (package / "0001_initial.py").write_text("# first\n")
    names.append(migration_cache.key())
    assert len(set(names[:3])) == 3
    assert names[3] == names[0]  # the same files, the same database


def test_a_settings_probe_leaves_this_process_settings_as_they_were():
    import sys

    from django.conf import settings

    from tests.settings_probe import production_settings

    base = sys.modules["website.settings.base"]
    probed = production_settings(STATIC_ROOT="/somewhere/else", TRUSTED_PROXY_COUNT="3")
    assert (str(probed.STATIC_ROOT), probed.ALLAUTH_TRUSTED_PROXY_COUNT) == ("/somewhere/else", 3)
    assert sys.modules["website.settings.base"] is base
    assert str(base.STATIC_ROOT) != "/somewhere/else"
    assert settings.SETTINGS_MODULE == "website.settings.test" and settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
