from pathlib import Path

from django.core.management.base import BaseCommand

from records.interchange.engine import export_directory


class Command(BaseCommand):
    help = "Export every record as interchange files (CSV by default, or XLSX) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")

    def handle(self, directory: Path, format: str, **options):
        for path in export_directory(directory, fmt=format):
            self.stdout.write(str(path))
