"""The export's bytes do not change when its code does (issue 12).

Golden copies made by the export code as it was before the fast writer:
`golden/sample/*.csv` (the sample data set imported, then exported) and
`golden/demo.json` (SHA-256 of each file of the demo data set generated for a
fixed day, CSV and the cell values of the XLSX). Regenerate only on purpose:
`GOLDEN_WRITE=1 pytest tests/smes/test_export_golden.py`.

`dwellings.csv` gained the optional `capacity` column, `rdr_items.csv` the
optional `name_nl` and `unit_nl` (issue 12), and `users.csv` is new
(issue 13): both are compared without them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from records.interchange.engine import export_directory

GOLDEN = Path(__file__).parent / "golden"
WRITE = os.environ.get("GOLDEN_WRITE") == "1"
DEMO_DAY = dt.date(2026, 6, 15)
NEW_COLUMNS = {"dwellings": ["capacity"], "rdr_items": ["name_nl", "unit_nl"]}
NEW_FILES = {"users", "requests"}  # requests.csv: the intake register (issue 18)


def _without_new_columns(stem: str, data: bytes) -> bytes:
    drop = NEW_COLUMNS.get(stem)
    if not drop:
        return data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    keep = [i for i, h in enumerate(rows[0]) if h not in drop]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([row[i] for i in keep])
    return out.getvalue().encode("utf-8")


def _csv_files(folder: Path) -> dict[str, bytes]:
    return {
        p.stem: _without_new_columns(p.stem, p.read_bytes())
        for p in sorted(folder.glob("*.csv"))
        if p.stem not in NEW_FILES
    }


def _xlsx_digest(path: Path) -> str:
    from openpyxl import load_workbook

    digest = hashlib.sha256()
    workbook = load_workbook(path, read_only=True)
    sheet = workbook.worksheets[0]
    drop = set()
    for number, row in enumerate(sheet.iter_rows(values_only=True)):
        if number == 0:
            drop = {i for i, h in enumerate(row) if h in NEW_COLUMNS.get(path.stem, ())}
        cells = [repr(v) for i, v in enumerate(row) if i not in drop]
        digest.update(("\x1f".join(cells) + "\n").encode())
    workbook.close()
    return digest.hexdigest()


def test_sample_export_is_byte_identical_to_the_golden_copy(sample_dir, tmp_path, db):
    call_command("import_data", str(sample_dir))
    out = tmp_path / "out"
    export_directory(out)
    files = _csv_files(out)
    folder = GOLDEN / "sample"
    if WRITE:
        folder.mkdir(parents=True, exist_ok=True)
        for stem, data in files.items():
            (folder / f"{stem}.csv").write_bytes(data)
    expected = {p.stem: p.read_bytes() for p in sorted(folder.glob("*.csv"))}
    assert sorted(files) == sorted(expected)
    for stem in expected:
        assert files[stem] == expected[stem], stem


def test_demo_export_is_golden_and_restores_identically(tmp_path, db):
    """The demo data set: (1) its export has the golden bytes; (2) the
    portable backup restores (issue 13): export -> import into an empty,
    migrated database -> export gives the same files, users.csv and the
    dwellings' capacity included, and no account gets a usable password."""
    from django.contrib.auth.models import User

    from housing.models import Dwelling
    from sampledata.demo import demo_generate

    demo_generate(today=DEMO_DAY)
    call_command("demo_accounts")
    assert Dwelling.objects.filter(capacity__gt=1).exists()
    export_directory(tmp_path / "csv")
    export_directory(tmp_path / "xlsx", fmt="xlsx")
    digests = {stem: hashlib.sha256(data).hexdigest() for stem, data in _csv_files(tmp_path / "csv").items()}
    for path in sorted((tmp_path / "xlsx").glob("*.xlsx")):
        if path.stem not in NEW_FILES:
            digests[f"{path.stem}.xlsx"] = _xlsx_digest(path)
    golden = GOLDEN / "demo.json"
    if WRITE:
        golden.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n")
    assert digests == json.loads(golden.read_text())

    # (2) restore into an empty database: every table emptied, as after migrate.
    before = {p.name: p.read_bytes() for p in (tmp_path / "csv").glob("*.csv")}
    assert "users.csv" in before and b",capacity\r\n" in before["dwellings.csv"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # TRUNCATE refuses pending deferred checks
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not User.objects.exists()
    call_command("import_data", str(tmp_path / "csv"))
    export_directory(tmp_path / "again")
    after = {p.name: p.read_bytes() for p in (tmp_path / "again").glob("*.csv")}
    assert sorted(after) == sorted(before)
    for name in before:
        assert after[name] == before[name], name
    assert not any(u.has_usable_password() for u in User.objects.all())
    assert not User.objects.filter(is_superuser=True).exists()
