from django.core.management.base import BaseCommand

from core import backup


class Command(BaseCommand):
    help = "Back up the database and media files into a folder."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Folder to write the backup into (created if missing).")

    def handle(self, directory, **options):
        database = backup.backup_database(directory)
        media = backup.backup_media(directory)
        self.stdout.write(self.style.SUCCESS(f"Backed up the database to {database} and media to {media}"))
