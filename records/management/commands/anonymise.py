import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from intake.services import ANONYMISE_AFTER_YEARS, requests_anonymise
from records.gdpr import tenants_anonymise


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--ended-before: date AAAA-MM-JJ attendue, reçu {value!r}")


class Command(BaseCommand):
    help = (
        "Anonymise the tenants whose follow-up ended before DATE: names, contacts and free text erased "
        "(also in the history tables), birth date kept as its year. Figures of past years do not change. "
        f"Always also anonymises the intake requests closed without an entry into housing more than "
        f"{ANONYMISE_AFTER_YEARS} years ago (run it daily: --requests-only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ended-before", type=_date, metavar="DATE")
        parser.add_argument("--requests-only", action="store_true", help="only the intake requests (daily run)")
        parser.add_argument("--dry-run", action="store_true", help="list the tenants concerned, change nothing")

    def handle(self, ended_before: dt.date | None, requests_only: bool, dry_run: bool, **options):
        if ended_before is None and not requests_only:
            raise CommandError("--ended-before AAAA-MM-JJ (ou --requests-only) est requis.")
        verb = "would be anonymised" if dry_run else "anonymised"
        if ended_before is not None and not requests_only:
            if ended_before > dt.date.today():
                raise CommandError("--ended-before ne peut pas être dans le futur.")
            result = tenants_anonymise(ended_before=ended_before, dry_run=dry_run)
            for code in result.codes:
                self.stdout.write(code)
            self.stdout.write(
                self.style.SUCCESS(f"{len(result.codes)} tenant(s) {verb} (follow-up ended before {ended_before}).")
            )
        ids = requests_anonymise(dry_run=dry_run)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(ids)} intake request(s) {verb} (closed without housing more than "
                f"{ANONYMISE_AFTER_YEARS} years ago)."
            )
        )
