from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into the configured database, which must be "
        "empty (a new SQLite file, or a freshly created PostgreSQL database), and its media."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Folder written by backup_site.")

    def handle(self, directory, **options):
        if connection.introspection.table_names():
            raise CommandError("The target database is not empty; restore only into a new, empty database.")
        connection.close()
        backup.restore_database(directory, connection.settings_dict)
        # The restored tables have no planner statistics until analysed.
        backup.analyze(connection)
        backup.restore_media(directory)
        self.stdout.write(self.style.SUCCESS(f"Restored the database and media from {directory}"))
