from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from records.interchange.engine import import_directory


class Command(BaseCommand):
    help = (
        "Import a folder of interchange files (CSV or XLSX, docs/format.md) in one "
        "transaction. Every bad row is printed as FILE:LINE: column: message and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="validate and report without writing")

    def handle(self, directory: Path, dry_run: bool, **options):
        if not directory.is_dir():
            raise CommandError(f"{directory}: not a directory")
        report = import_directory(directory, dry_run=dry_run)
        for f in report.files:
            self.stdout.write(f"{f.file}: {f.rows} rows ({f.new} new, {f.updated} updated, {f.unchanged} unchanged)")
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} error(s): nothing was imported.")
        if not report.files:
            raise CommandError(f"{directory}: no interchange file found.")
        self.stdout.write(self.style.SUCCESS("Dry run: valid, nothing written." if dry_run else "Import done."))
