"""Periodic jobs, and the one scheduler process that enqueues them.

Apps register what must happen on a schedule from their AppConfig.ready:

    from core import scheduler
    scheduler.register_command("send_forum_digest", cron="0 7 * * *")   # a management command
    scheduler.register("reminders", send_reminders, every=3600)          # a django-tasks Task

`manage.py run_scheduler` (APScheduler, one process for the whole site) only
ENQUEUES each job on the django-tasks backend at its time; `db_worker` runs
it. Run exactly one scheduler: two would enqueue every job twice.
"""

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django_tasks import task


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object  # a django_tasks Task
    every: int | None = None  # seconds
    cron: str | None = None  # "minute hour day month day-of-week", UTC
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def enqueue(self):
        return self.task.enqueue(*self.args, **self.kwargs)

    def describe(self):
        return f"every {self.every} s" if self.every else f"cron '{self.cron}' (UTC)"


_JOBS = {}


def register(name, task, *, every=None, cron=None, args=(), kwargs=None):
    """Enqueue `task` (with args/kwargs) every `every` seconds, or on the
    crontab expression `cron` (UTC). Registering a name again replaces it."""
    if (every is None) == (cron is None):
        raise ImproperlyConfigured(f"Periodic job {name!r}: give exactly one of every= or cron=")
    if every is not None and every <= 0:
        raise ImproperlyConfigured(f"Periodic job {name!r}: every= must be a positive number of seconds")
    _JOBS[name] = PeriodicJob(name, task, every=every, cron=cron, args=tuple(args), kwargs=dict(kwargs or {}))
    return _JOBS[name]


def register_command(command, *, every=None, cron=None, args=()):
    """Run the management command `command` (with string `args`) on a schedule,
    in the task worker (run_command below)."""
    return register(f"command:{command}", run_command, every=every, cron=cron, args=(command, *args))


def jobs():
    return dict(_JOBS)


def registered_commands():
    return {job.args[0] for name, job in _JOBS.items() if name.startswith("command:")}


def enqueue(name):
    """Enqueue the job `name` now (what the scheduler does at its time)."""
    return _JOBS[name].enqueue()


@task()
def run_command(name, *args):
    """The job the scheduler enqueues for a registered command. Any other
    name is refused, so a row in the task table cannot run an arbitrary
    command."""
    if name not in registered_commands():
        raise ValueError(f"{name!r} is not a registered periodic command")
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()[-2000:]


def trigger_for(job):
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    if job.every:
        return IntervalTrigger(seconds=job.every, timezone=UTC)
    return CronTrigger.from_crontab(job.cron, timezone=UTC)


def build_scheduler(scheduler_class=None, start_interval_jobs_now=True):
    """An APScheduler scheduler holding every registered job. Interval jobs
    first run at start (scheduled pages that came due while no scheduler ran
    go live at once); cron jobs at their next time. A job that was due while
    the process was busy or stopped runs once, not once per missed time."""
    if scheduler_class is None:
        from apscheduler.schedulers.blocking import BlockingScheduler as scheduler_class
    scheduler = scheduler_class(
        timezone=UTC,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
    )
    now = datetime.now(UTC)
    for job in _JOBS.values():
        options = {}
        if job.every and start_interval_jobs_now:
            options["next_run_time"] = now
        scheduler.add_job(enqueue, trigger_for(job), args=[job.name], id=job.name, name=job.name, **options)
    return scheduler
