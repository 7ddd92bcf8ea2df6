"""Import and export of a whole folder of interchange files.

`import_directory` reads every file present, in the spec's order, inside ONE
transaction: every bad row of every file is reported as
`FILE:LINE: column: message` (LINE counts the header as line 1) and, if any
row is bad or it is a dry run, nothing is written.
"""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

import tablib
from django.db import transaction
from django.utils.translation import gettext

from records.interchange import FileReport, ImportReport, RowError, available_files
from smes.lib.spreadsheet import escape_row

logger = logging.getLogger(__name__)

# A ZIP (uploaded, or an XLSX workbook) may not unpack to more than this.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


class _Rollback(Exception):
    pass


class UnreadableFile(Exception):
    """A file that cannot be read as a table: `line` where known (else 1)."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.message, self.line = message, line


def _utf8_lines(handle):
    """The lines of a binary file decoded one by one, so that a byte that is
    not UTF-8 is reported on its line."""
    for number, raw in enumerate(handle, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableFile(
                gettext("le fichier n'est pas en UTF-8 (dans le tableur : enregistrer sous « CSV UTF-8 »)"), number
            )


def _csv_rows(path: Path):
    """Yields the headers (a list), then `(values, line)` for each row that
    is not blank, padded to the headers' width: one row in memory at a time."""
    with path.open("rb") as handle:
        lines = _utf8_lines(handle)
        reader = csv.reader(lines)
        try:
            try:
                headers = [h.strip() for h in next(reader)]
            except StopIteration:
                yield []
                return
            yield headers
            for values in reader:
                if not any(v.strip() for v in values):
                    continue
                if len(values) <= len(headers):
                    values = (values + [""] * len(headers))[: len(headers)]
                yield values, reader.line_num
        except csv.Error as exc:
            line = reader.line_num or 1
            if "field larger than field limit" in str(exc):
                raise UnreadableFile(
                    gettext("cellule de plus de %(max)s caractères")
                    % {"max": f"{csv.field_size_limit():,}".replace(",", " ")},
                    line,
                )
            raise UnreadableFile(gettext("CSV illisible (%(error)s)") % {"error": exc}, line)


def _read_csv(path: Path):
    rows_iter = _csv_rows(path)
    headers = next(rows_iter)
    rows, numbers = [], []
    for values, line in rows_iter:
        rows.append(values)
        numbers.append(line)
    return headers, rows, numbers


def _read_xlsx(path: Path):
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(path) as archive:
            if sum(m.file_size for m in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise UnreadableFile(gettext("classeur XLSX trop volumineux une fois décompressé"))
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise UnreadableFile(gettext("fichier XLSX illisible (ce n'est pas un classeur Excel valide)"))
    try:
        sheet = workbook.worksheets[0]
        iterator = sheet.iter_rows(values_only=True)
        first = next(iterator, None)
        if first is None:
            return [], [], []
        headers = ["" if h is None else str(h).strip() for h in first]
        rows, numbers = [], []
        for number, values in enumerate(iterator, start=2):
            values = (list(values) + [None] * len(headers))[: len(headers)]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            rows.append(["" if v is None else v for v in values])
            numbers.append(number)
        return headers, rows, numbers
    except UnreadableFile:
        raise
    except Exception:  # noqa: BLE001 — a damaged workbook: a message, never a 500
        raise UnreadableFile(gettext("fichier XLSX illisible (ce n'est pas un classeur Excel valide)"))
    finally:
        workbook.close()


def read_table(path: Path) -> tuple[list[str], list[list], list[int]]:
    """(headers, rows, line number of each row) of a CSV or XLSX file;
    UnreadableFile when it is not one."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    return _read_csv(path)


def iter_table(path: Path):
    """Like read_table, streamed: yields the headers, then `(values, line)`
    per row (a CSV is read one row at a time; an XLSX is read whole)."""
    if path.suffix.lower() == ".xlsx":
        headers, rows, lines = _read_xlsx(path)
        yield headers
        yield from zip(rows, lines, strict=True)
        return
    yield from _csv_rows(path)


def find_file(directory: Path, stem: str) -> Path | None:
    for suffix in (".csv", ".xlsx"):
        candidate = directory / f"{stem}{suffix}"
        if candidate.exists():
            return candidate
    return None


def _check_headers(filename, headers, rows, lines, resource_cls) -> list[RowError]:
    return _check_header_row(filename, headers, resource_cls) + _check_cells(
        filename, headers, zip(rows, lines, strict=True)
    )


def _check_header_row(filename, headers, resource_cls) -> list[RowError]:
    errors: list[RowError] = []
    known = resource_cls.columns()
    for h in headers:
        if h not in known:
            errors.append(
                RowError(
                    filename,
                    1,
                    h or "?",
                    gettext("colonne inconnue (attendu : %(columns)s)") % {"columns": ", ".join(known)},
                )
            )
    for col in resource_cls.required_columns:
        if col not in headers:
            errors.append(RowError(filename, 1, col, gettext("colonne obligatoire absente")))
    if len(set(headers)) != len(headers):
        errors.append(RowError(filename, 1, "*", gettext("colonne en double")))
    return errors


def _check_cells(filename, headers, numbered_rows) -> list[RowError]:
    errors: list[RowError] = []
    for values, line in numbered_rows:
        if len(values) > len(headers):
            errors.append(
                RowError(
                    filename,
                    line,
                    "*",
                    gettext("%(cells)s cellules pour %(columns)s colonnes")
                    % {"cells": len(values), "columns": len(headers)},
                )
            )
    return errors


def _import_streamed(path: Path, resource_cls, actor) -> tuple[FileReport | None, list[RowError]]:
    """A file whose resource imports a stream (visits.csv: 100,000 rows and
    more): read twice, one row at a time — first the headers and the cell
    counts (as `_check_headers`), then the rows, which the resource
    validates and writes chunk by chunk. Memory does not grow with the file.
    Such a resource has no key (no duplicate-key check)."""
    rows = iter_table(path)
    headers = next(rows)
    errors = _check_header_row(path.name, headers, resource_cls) + _check_cells(path.name, headers, rows)
    if errors:
        return None, errors
    rows = iter_table(path)
    next(rows)
    resource = resource_cls()
    resource.actor = actor
    resource.source_name = path.name
    return resource.import_stream(path.name, headers, rows)


def _duplicate_key_error(resource_cls, filename, line, first_line, key_fields, key) -> RowError:
    """A resource may say it in the team's words: `duplicate_message` =
    (column, message, params from the key cells), the sentence of the same
    duplicate in the database; otherwise the generic sentence."""
    custom = getattr(resource_cls, "duplicate_message", None)
    if custom:
        column, message, params = custom
        cells = {f.column_name: k for f, k in zip(key_fields, key, strict=True)}
        text = str(message % params(cells)).rstrip(".")
        text += " " + gettext("(déjà à la ligne %(line)s de ce fichier).") % {"line": first_line}
        return RowError(filename, line, column, text)
    shown = ", ".join(
        gettext("%(column)s « %(value)s »") % {"column": f.column_name, "value": k}
        for f, k in zip(key_fields, key, strict=True)
    )
    return RowError(
        filename,
        line,
        key_fields[0].column_name,
        gettext("même clé (%(key)s) qu'à la ligne %(line)s : une seule ligne par clé")
        % {"key": shown, "line": first_line},
    )


def _duplicate_keys(filename, headers, rows, lines, resource_cls) -> list[RowError]:
    """Two rows of one file with the same key would be "1 new, 1 updated":
    the second silently replacing the first. Each repeat is an error naming
    both lines."""
    resource = resource_cls()
    if not getattr(resource_cls, "check_duplicate_keys", True):
        return []
    key_fields = [resource.fields[name] for name in resource._meta.import_id_fields]
    if not key_fields or any(f.column_name not in headers for f in key_fields):
        return []
    at = [headers.index(f.column_name) for f in key_fields]
    seen: dict[tuple, int] = {}
    errors = []
    for values, line in zip(rows, lines, strict=True):
        key = []
        for field, i in zip(key_fields, at, strict=True):
            text = str(values[i]).strip() if values[i] is not None else ""
            if field.column_name in ("date", "start"):
                text = text[:10]
            key.append(text)
        key = tuple(key)
        if not all(key):
            continue
        if key in seen:
            errors.append(_duplicate_key_error(resource_cls, filename, line, seen[key], key_fields, key))
        else:
            seen[key] = line
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


def import_directory(  # noqa: C901 — the import's steps in order, each reporting its own errors
    directory: Path | str, *, dry_run: bool = False, only: frozenset[str] | None = None, actor=None
) -> ImportReport:
    """Import every file present; `only` limits the files allowed (by stem).
    `actor` is who imports from the browser (None: the command line); the
    resources that apply per-person rules (users.csv) read it."""
    directory = Path(directory)
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            for stem, resource_cls in available_files():
                path = find_file(directory, stem)
                if path is None:
                    continue
                if only is not None and stem not in only:
                    report.errors.append(RowError(path.name, 1, "*", gettext("fichier non autorisé pour votre rôle")))
                    continue
                if hasattr(resource_cls, "import_stream"):
                    try:
                        file_report, errors = _import_streamed(path, resource_cls, actor)
                    except UnreadableFile as exc:
                        report.errors.append(RowError(path.name, exc.line, "*", exc.message))
                        continue
                    if file_report is not None:
                        report.files.append(file_report)
                    report.errors.extend(errors)
                    continue
                try:
                    headers, rows, lines = read_table(path)
                except UnreadableFile as exc:
                    report.errors.append(RowError(path.name, exc.line, "*", exc.message))
                    continue
                header_errors = _check_headers(path.name, headers, rows, lines, resource_cls)
                header_errors = header_errors or _duplicate_keys(path.name, headers, rows, lines, resource_cls)
                if header_errors:
                    report.errors.extend(header_errors)
                    continue
                resource = resource_cls()
                resource.actor = actor
                resource.source_name = path.name
                file_report, errors = import_file(resource, path.name, headers, rows, lines)
                report.files.append(file_report)
                report.errors.extend(errors)
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    if report.errors:
        # File names and counts only: the messages quote cells (names, notes).
        logger.warning(
            "Import refused%s: %d error(s) in %s, nothing written (user %s)",
            " (dry run)" if dry_run else "",
            len(report.errors),
            ", ".join(sorted({e.file for e in report.errors})),
            getattr(actor, "pk", None),
        )
    return report


# -- export ------------------------------------------------------------------
#
# The export writes the cells straight from values_list() queries (see
# InterchangeResource.export_rows): the bytes are those the former
# django-import-export path wrote (tests/smes/test_export_golden.py), the
# formula escaping is the same escape_cell().


def export_table(resource_cls) -> tuple[list[str], object]:
    """(headers, iterator of rows) of one file."""
    resource = resource_cls()
    return resource_cls.columns(), resource.export_rows()


def export_dataset(resource_cls) -> tablib.Dataset:
    headers, rows = export_table(resource_cls)
    return tablib.Dataset(*[tuple(r) for r in rows], headers=headers)


def write_csv_rows(headers, rows, handle) -> None:
    writer = csv.writer(handle)  # RFC 4180 line ends (CRLF), as the reference files
    writer.writerow(headers)
    writer.writerows(escape_row(row) for row in rows)


def write_csv(dataset: tablib.Dataset, handle) -> None:
    write_csv_rows(dataset.headers, dataset, handle)


def write_xlsx(stem: str, headers, rows, path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(stem[:31])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(escape_row(row))
    workbook.save(path)


def _allowed_files(only):
    return [(stem, cls) for stem, cls in available_files() if only is None or stem in only]


def export_directory(directory: Path | str, *, fmt: str = "csv", only: frozenset[str] | None = None) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, resource_cls in _allowed_files(only):
        headers, rows = export_table(resource_cls)
        if fmt == "xlsx":
            path = directory / f"{stem}.xlsx"
            write_xlsx(stem, headers, rows, path)
        else:
            path = directory / f"{stem}.csv"
            with path.open("w", encoding="utf-8", newline="") as handle:
                write_csv_rows(headers, rows, handle)
        written.append(path)
    return written


class _Pipe(io.RawIOBase):
    """A write-only stream whose bytes are taken out as they come."""

    def __init__(self):
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self._chunks = b"".join(self._chunks), []
        return data


def export_zip_stream(*, fmt: str = "csv", only: frozenset[str] | None = None, chunk_rows: int = 2000):
    """Every allowed file in one ZIP, yielded piece by piece: the first bytes
    leave at once and memory stays flat whatever the size (the Direction's
    download). The members are byte for byte the files of export_directory."""
    import tempfile
    import zipfile

    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED) as archive:
        yield pipe.take()
        for stem, resource_cls in _allowed_files(only):
            headers, rows = export_table(resource_cls)
            if fmt == "xlsx":
                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / f"{stem}.xlsx"
                    write_xlsx(stem, headers, rows, path)
                    archive.write(path, arcname=path.name)
                yield pipe.take()
                continue
            with archive.open(f"{stem}.csv", "w", force_zip64=True) as member:
                text = io.TextIOWrapper(member, encoding="utf-8", newline="", write_through=True)
                writer = csv.writer(text)
                writer.writerow(headers)
                batch = []
                for row in rows:
                    batch.append(escape_row(row))
                    if len(batch) >= chunk_rows:
                        writer.writerows(batch)
                        batch = []
                        yield pipe.take()
                writer.writerows(batch)
                text.flush()
                text.detach()
            yield pipe.take()
    yield pipe.take()
