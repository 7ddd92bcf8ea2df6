"""Import and export of a whole folder of interchange files.

`import_directory` reads every file present, in the spec's order, inside ONE
transaction: every bad row of every file is reported as
`FILE:LINE: column: message` (LINE counts the header as line 1) and, if any
row is bad or it is a dry run, nothing is written.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import tablib
from django.db import transaction

from smes.interchange import FileReport, ImportReport, RowError, available_files
from smes.interchange.formats import escape_cell


class _Rollback(Exception):
    pass


def read_table(path: Path) -> tuple[list[str], list[list], list[int]]:
    """(headers, rows, line number of each row) of a CSV or XLSX file."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        all_rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        workbook.close()
        if not all_rows:
            return [], [], []
        headers = ["" if h is None else str(h).strip() for h in all_rows[0]]
        rows, lines = [], []
        for number, values in enumerate(all_rows[1:], start=2):
            values = (values + [None] * len(headers))[: len(headers)]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            rows.append(["" if v is None else v for v in values])
            lines.append(number)
        return headers, rows, lines
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            headers = [h.strip() for h in next(reader)]
        except StopIteration:
            return [], [], []
        rows, lines = [], []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            values = (values + [""] * len(headers))[: len(headers)] if len(values) <= len(headers) else values
            rows.append(values)
            lines.append(reader.line_num)
        return headers, rows, lines


def find_file(directory: Path, stem: str) -> Path | None:
    for suffix in (".csv", ".xlsx"):
        candidate = directory / f"{stem}{suffix}"
        if candidate.exists():
            return candidate
    return None


def _check_headers(filename, headers, rows, lines, resource_cls) -> list[RowError]:
    errors: list[RowError] = []
    known = resource_cls.columns()
    for h in headers:
        if h not in known:
            errors.append(RowError(filename, 1, h or "?", f"colonne inconnue (attendu : {', '.join(known)})"))
    for col in resource_cls.required_columns:
        if col not in headers:
            errors.append(RowError(filename, 1, col, "colonne obligatoire absente"))
    if len(set(headers)) != len(headers):
        errors.append(RowError(filename, 1, "*", "colonne en double"))
    for values, line in zip(rows, lines, strict=True):
        if len(values) > len(headers):
            errors.append(RowError(filename, line, "*", f"{len(values)} cellules pour {len(headers)} colonnes"))
    return errors


def import_file(resource, filename: str, headers, rows, lines) -> tuple[FileReport, list[RowError]]:
    dataset = tablib.Dataset(*[tuple(r) for r in rows], headers=headers)
    # Rows are written inside the caller's transaction; the caller rolls
    # everything back when any error was found.
    result = resource.import_data(dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=False)
    errors: list[RowError] = []
    for number, row_errors in result.row_errors():
        for error in row_errors:
            errors.append(RowError(filename, lines[number - 1], "*", str(error.error)))
    for invalid in result.invalid_rows:
        for column, message in resource.errors_by_column(invalid.error):
            errors.append(RowError(filename, lines[invalid.number - 1], column, message))
    for error in result.base_errors:
        errors.append(RowError(filename, 1, "*", str(error.error)))
    totals = result.totals
    report = FileReport(
        file=filename,
        rows=len(rows),
        new=totals.get("new", 0),
        updated=totals.get("update", 0),
        unchanged=totals.get("skip", 0),
    )
    errors.sort(key=lambda e: (e.line, e.column))
    return report, errors


def import_directory(directory: Path | str, *, dry_run: bool = False, only: frozenset[str] | None = None) -> ImportReport:
    """Import every file present; `only` limits the files allowed (by stem)."""
    directory = Path(directory)
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            for stem, resource_cls in available_files():
                path = find_file(directory, stem)
                if path is None:
                    continue
                if only is not None and stem not in only:
                    report.errors.append(RowError(path.name, 1, "*", "fichier non autorisé pour votre rôle"))
                    continue
                headers, rows, lines = read_table(path)
                header_errors = _check_headers(path.name, headers, rows, lines, resource_cls)
                if header_errors:
                    report.errors.extend(header_errors)
                    continue
                file_report, errors = import_file(resource_cls(), path.name, headers, rows, lines)
                report.files.append(file_report)
                report.errors.extend(errors)
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report




def export_dataset(resource_cls) -> tablib.Dataset:
    resource = resource_cls()
    dataset = resource.export()
    dataset.headers = resource_cls.columns()
    return dataset


def write_csv(dataset: tablib.Dataset, handle) -> None:
    writer = csv.writer(handle)  # RFC 4180 line ends (CRLF), as the reference files
    writer.writerow(dataset.headers)
    for row in dataset:
        writer.writerow([escape_cell(v) for v in row])


def export_directory(directory: Path | str, *, fmt: str = "csv", only: frozenset[str] | None = None) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, resource_cls in available_files():
        if only is not None and stem not in only:
            continue
        dataset = export_dataset(resource_cls)
        if fmt == "xlsx":
            from openpyxl import Workbook

            path = directory / f"{stem}.xlsx"
            workbook = Workbook()
            sheet = workbook.active
            sheet.title = stem[:31]
            sheet.append(list(dataset.headers))
            for row in dataset:
                sheet.append([escape_cell(v) for v in row])
            workbook.save(path)
        else:
            path = directory / f"{stem}.csv"
            with path.open("w", encoding="utf-8", newline="") as handle:
                write_csv(dataset, handle)
        written.append(path)
    return written


def export_zip_bytes(*, fmt: str = "csv", only: frozenset[str] | None = None) -> bytes:
    """Every allowed file in one ZIP (the Direction's download)."""
    import tempfile
    import zipfile

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        paths = export_directory(tmp, fmt=fmt, only=only)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                archive.write(path, arcname=path.name)
    return buffer.getvalue()
