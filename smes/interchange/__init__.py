"""The interchange format (docs/format.md).

One folder of UTF-8 CSV files (or XLSX with the same columns), imported in
the spec's order in ONE transaction. Each file has one django-import-export
resource (subclass of `smes.interchange.resources.InterchangeResource`); the
`import_data` / `export_data` commands, the Direction's import page and the
admin import/export screens all use the same resources, so the same
validation applies everywhere.

Adding a file: write its resource in `<app>/resources.py` (or
`<app>/<name>_resources.py`) and list it in FILES below, in spec order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

# The spec's order: later files refer to rows of earlier ones.
FILES: list[tuple[str, str]] = [
    ("users", "smes.resources.UserResource"),
    ("partners", "housing.resources.PartnerResource"),
    ("dwellings", "housing.resources.DwellingResource"),
    ("tenants", "tenants.resources.TenantResource"),
    ("incomes", "tenants.resources.IncomeResource"),
    ("assessments", "tenants.resources.AssessmentResource"),
    ("gaf", "tenants.resources.GafResource"),
    ("leases", "housing.resources.LeaseResource"),
    ("moves", "housing.resources.MoveResource"),
    ("visits", "tenants.visits.resources.VisitResource"),
    ("rdr_items", "harmreduction.resources.ItemResource"),
    ("rdr_movements", "harmreduction.resources.MovementResource"),
    ("requests", "intake.resources.RequestResource"),
]


# Files holding clinical data (reviews, GAF, contacts): only for roles that
# may read the clinical file, whatever their import/export right.
CLINICAL_FILES = frozenset({"assessments", "gaf", "visits", "requests"})
# The accounts of the workers (logins, names, roles; never a password): only
# for roles that manage accounts. The command-line backup carries them.
ACCOUNT_FILES = frozenset({"users"})


def stems_for_user(user) -> frozenset[str]:
    """The files this user may import and export."""
    from smes.roles import ACCOUNTS_MANAGE, CLINICAL_VIEW, DATA_IMPORT_EXPORT, has_cap

    if not has_cap(user, DATA_IMPORT_EXPORT):
        return frozenset()
    stems = {stem for stem, _ in FILES}
    if not has_cap(user, CLINICAL_VIEW):
        stems -= CLINICAL_FILES
    if not has_cap(user, ACCOUNTS_MANAGE):
        stems -= ACCOUNT_FILES
    return frozenset(stems)


def resource_class(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(import_module(module), name)


def available_files() -> list[tuple[str, type]]:
    """(file stem, resource class) for every file whose resource exists."""
    found = []
    for stem, dotted in FILES:
        try:
            found.append((stem, resource_class(dotted)))
        except (ImportError, AttributeError):
            continue
    return found


@dataclass
class RowError:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass
class FileReport:
    file: str
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run
