"""python manage.py annual_report --year Y --format json|pdf|xlsx|docx [--output FILE] [--lang fr|nl]"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from reports import exports


class Command(BaseCommand):
    help = "Le rapport annuel Housing First d'une année : JSON (stdout par défaut), PDF, XLSX ou Word (docx, tout le chapitre)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=exports.FORMATS, default="json", dest="fmt")
        parser.add_argument("--output", help="Fichier de sortie (obligatoire pour pdf, xlsx et docx, sauf '-').")
        parser.add_argument("--lang", choices=exports.LANGUAGES, default="fr")

    def handle(self, *args, year: int, fmt: str, output: str | None, lang: str, **options):
        if not 1900 <= year <= 2200:
            raise CommandError(f"Année invalide : {year}")
        if fmt != "json" and not output:
            raise CommandError(f"--output FILE est obligatoire pour le format {fmt} (ou '-' pour stdout).")
        content = exports.export(year, fmt, lang)
        if not output or output == "-":
            if fmt == "json":
                self.stdout.write(content.decode("utf-8"))
            else:
                self.stdout.flush()
                sys.stdout.buffer.write(content)
                sys.stdout.buffer.flush()
            return
        with open(output, "wb") as f:
            f.write(content)
        self.stderr.write(f"{output} ({len(content)} octets)")
