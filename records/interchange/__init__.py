"""The interchange format (docs/format.md).

One folder of UTF-8 CSV files (or XLSX with the same columns), imported in
the spec's order in ONE transaction. Each file has one django-import-export
resource (subclass of `smes.interchange.resources.InterchangeResource`); the
`import_data` / `export_data` commands, the Direction's import page and the
admin import/export screens all use the same resources, so the same
validation applies everywhere.

Adding a file: write its resource in `<app>/resources.py` (or
`<app>/<name>_resources.py`) and register it from the app's
`AppConfig.ready()` in `smes.registry.INTERCHANGE_FILES`, with its section
number of docs/format.md (the spec's order: later files refer to rows of
earlier ones) and the capabilities it needs beyond the import/export right.
"""

from __future__ import annotations

from smes.interchange.outcome import FileReport, ImportReport, RowError
from smes.registry import INTERCHANGE_FILES

__all__ = ["FileReport", "ImportReport", "RowError", "available_files", "stems_for_user"]


def available_files() -> list[tuple[str, type]]:
    """(file stem, resource class) for every registered file, in spec order."""
    return [(f.stem, f.resource) for f in INTERCHANGE_FILES]


def stems_for_user(user) -> frozenset[str]:
    """The files this user may import and export: clinical files (reviews,
    GAF, contacts, requests) only for roles that may read the clinical
    file, users.csv only for roles that manage accounts, whatever their
    import/export right."""
    from smes.roles import DATA_IMPORT_EXPORT, has_cap

    if not has_cap(user, DATA_IMPORT_EXPORT):
        return frozenset()
    return frozenset(f.stem for f in INTERCHANGE_FILES if all(has_cap(user, cap) for cap in f.caps))
