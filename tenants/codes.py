"""File numbers ("numéros de dossier") of tenants: one format, everywhere.

Format: ``HF-`` then 4 to 6 digits, e.g. ``HF-0042`` (numbers below 1000
are written with leading zeros). Every code of the sample data and of the
demo has this form. The model field carries the validator, so the web form,
the admin and the import (`full_clean`) all refuse anything else — which
also keeps codes safe in file names and download headers.
"""

from __future__ import annotations

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

CODE_PREFIX = "HF-"
CODE_RE = re.compile(r"\AHF-[0-9]{4,6}\Z")

MSG_BAD_CODE = _("Numéro de dossier : « HF- » suivi de 4 à 6 chiffres, p. ex. HF-0042.")

validate_code = RegexValidator(CODE_RE, MSG_BAD_CODE, code="bad_code")


def normalise_code(value: str) -> str:
    """What a person types, in the stored form: " hf-0100 " -> "HF-0100"."""
    return (value or "").strip().upper()


def format_code(number: int) -> str:
    return f"{CODE_PREFIX}{number:04d}"


def code_number(code: str) -> int | None:
    return int(code[len(CODE_PREFIX) :]) if CODE_RE.match(code or "") else None
