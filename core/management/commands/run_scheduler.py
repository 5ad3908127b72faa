import logging
import signal

from django.core.management.base import BaseCommand

from core import scheduler


class Command(BaseCommand):
    help = (
        "The one scheduler process: enqueues every periodic job that the apps registered "
        "(scheduled publishing, the forum digest, ...) on the task backend at its time; "
        "`db_worker` runs them. Run exactly one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the periodic jobs and exit.")
        parser.add_argument("--once", action="store_true", help="Enqueue every job once now and exit.")

    def handle(self, *args, **options):
        show, once = options["list"], options["once"]
        jobs = scheduler.jobs()
        if show or once:
            for name, job in sorted(jobs.items()):
                if once:
                    scheduler.enqueue(name)
                self.stdout.write(f"{name}: {job.describe()}{' (enqueued)' if once else ''}")
            return
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        blocking = scheduler.build_scheduler()

        def stop(signum, frame):
            blocking.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Scheduler started with {len(jobs)} periodic jobs: {', '.join(sorted(jobs))}")
        self.stdout.flush()
        blocking.start()
        self.stdout.write("Scheduler stopped.")
