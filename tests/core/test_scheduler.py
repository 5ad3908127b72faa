"""Issue 11, scheduled work: one scheduler process enqueues the periodic jobs
the apps register (core.scheduler); a page with a go-live time is published
when the job runs."""

import json
import sqlite3
import textwrap
import time
from contextlib import closing
from datetime import timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.test import override_settings
from django.utils import timezone
from django_tasks.signals import task_enqueued

from core import scheduler
from tests.server import PYTHON, ROOT, copy_database, manage, production_env

pytestmark = pytest.mark.django_db


def scheduled_page(home, seconds=3600):
    """A page an editor published with a go-live time: not live yet."""
    from home.models import StandardPage

    page = StandardPage(title="Meeting roles, explained", slug="meeting-roles", live=False)
    home.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(seconds=seconds)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live and revision.approved_go_live_at is not None
    return page, revision


def test_the_apps_registered_their_periodic_jobs():
    jobs = scheduler.jobs()
    assert jobs["command:publish_scheduled"].every == 60
    assert jobs["command:send_forum_digest"].cron == "0 7 * * *"


def test_a_page_with_a_go_live_time_is_published_by_the_scheduled_job(home):
    page, _revision = scheduled_page(home, seconds=3)
    time.sleep(3.2)  # the go-live time passes
    # What the worker runs for the job the scheduler enqueues.
    scheduler.run_command.call("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert page.url.endswith("/meeting-roles/")


def test_the_job_leaves_a_page_whose_time_has_not_come(home):
    page, _revision = scheduled_page(home)
    scheduler.run_command.call("publish_scheduled")
    page.refresh_from_db()
    assert not page.live


def test_only_registered_commands_can_be_run_by_the_worker():
    with pytest.raises(ValueError):
        scheduler.run_command.call("flush")


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_the_scheduler_enqueues_its_jobs_on_the_task_backend():
    enqueued = []

    def record(sender, task_result, **kwargs):
        enqueued.append((task_result.task.name, list(task_result.args), task_result.backend))

    task_enqueued.connect(record)
    background = scheduler.build_scheduler(BackgroundScheduler)
    triggers = {job.id: job.trigger for job in background.get_jobs()}
    assert isinstance(triggers["command:publish_scheduled"], IntervalTrigger)
    assert triggers["command:publish_scheduled"].interval == timedelta(seconds=60)
    assert isinstance(triggers["command:send_forum_digest"], CronTrigger)
    background.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not enqueued:
            time.sleep(0.05)
    finally:
        background.shutdown(wait=True)
        task_enqueued.disconnect(record)
    # Interval jobs run as the scheduler starts; the digest waits for 07:00.
    # Enqueued, not run: the dummy backend only keeps what it is given.
    assert enqueued == [("run_command", ["publish_scheduled"], "default")]


def queued_jobs(database, command):
    """How many jobs the database task backend holds for `command`."""
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT args_kwargs FROM django_tasks_database_dbtaskresult").fetchall()
    return sum(1 for (args_kwargs,) in rows if json.loads(args_kwargs).get("args") == [command])


def test_the_scheduler_process_publishes_a_scheduled_page_through_the_worker(migrated_sqlite, tmp_path):
    """`run_scheduler` enqueues on the database task backend, `db_worker` runs
    the job, and the page goes live: what production runs."""
    import subprocess

    env = production_env(copy_database(migrated_sqlite, tmp_path / "scheduler.sqlite3"))
    env.pop("TASKS_IMMEDIATE")  # the django-tasks-db backend, as in production
    make_page = textwrap.dedent(
        """
        from datetime import timedelta
        from django.utils import timezone
        from wagtail.models import Page
        parent = Page.objects.get(depth=2)
        page = parent.add_child(instance=Page(title="Scheduled guide", slug="scheduled-guide", live=False))
        page.go_live_at = timezone.now() + timedelta(seconds=2)
        page.save_revision().publish()
        print("scheduled", Page.objects.get(slug="scheduled-guide").live)
        """
    )
    assert "scheduled False" in manage("shell", "-v", "0", "-c", make_page, env=env).stdout
    time.sleep(2.5)  # the go-live time passes
    log = open(tmp_path / "scheduler.log", "w")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        [PYTHON, "manage.py", "run_scheduler"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            # Read from the database file itself: a manage.py shell a second
            # would cost seconds each.
            if queued_jobs(tmp_path / "scheduler.sqlite3", "publish_scheduled") == 1:
                break
            time.sleep(0.5)
        else:
            raise AssertionError((tmp_path / "scheduler.log").read_text())
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
    assert "Scheduler started" in (tmp_path / "scheduler.log").read_text()
    manage("db_worker", "--batch", "--no-startup-delay", env=env, timeout=120)
    with closing(sqlite3.connect(tmp_path / "scheduler.sqlite3")) as db:
        assert db.execute("SELECT live FROM wagtailcore_page WHERE slug = 'scheduled-guide'").fetchone() == (
            1,
        )
