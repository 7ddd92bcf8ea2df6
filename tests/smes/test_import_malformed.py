"""Malformed imports (issue 13): a clear message naming the file (and the
line where there is one) through the command AND the browser page; never a
traceback, never a 500, nothing written."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from records import data_views
from tenants.models import Tenant


def _random_bytes(n: int = 4000) -> bytes:
    return random.Random(13).randbytes(n)


def _latin1(sample_dir) -> bytes:
    return (sample_dir / "tenants.csv").read_text(encoding="utf-8").encode("latin-1")


def _long_cell(sample_dir) -> bytes:
    lines = (sample_dir / "tenants.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[1] = "x" * 131_073
    lines[2] = ",".join(cells)
    return ("\n".join(lines) + "\n").encode()


def _first_non_ascii_line(sample_dir) -> int:
    lines = (sample_dir / "tenants.csv").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if not line.isascii())


CASES = {
    "latin1": ("tenants.csv", _latin1, "n'est pas en UTF-8"),
    "random": ("tenants.csv", lambda d: _random_bytes(), "tenants.csv:"),
    "random_xlsx": ("tenants.xlsx", lambda d: _random_bytes(), "fichier XLSX illisible"),
    "long_cell": ("tenants.csv", _long_cell, "cellule de plus de 131 072 caractères"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_command_names_the_file_and_writes_nothing(case, sample_dir, tmp_path, db, capsys):
    name, make, expected = CASES[case]
    (tmp_path / name).write_bytes(make(sample_dir))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_data", str(tmp_path))
    err = capsys.readouterr().err
    assert f"{name}:" in err and expected in err and "Traceback" not in err
    assert Tenant.objects.count() == 0


def test_latin1_names_the_line_of_the_first_accent(sample_dir, tmp_path, db, capsys):
    (tmp_path / "tenants.csv").write_bytes(_latin1(sample_dir))
    with pytest.raises(CommandError):
        call_command("import_data", str(tmp_path))
    assert (
        f"tenants.csv:{_first_non_ascii_line(sample_dir)}: *: le fichier n'est pas en UTF-8" in capsys.readouterr().err
    )


def test_a_long_cell_names_its_line(sample_dir, tmp_path, db, capsys):
    (tmp_path / "tenants.csv").write_bytes(_long_cell(sample_dir))
    with pytest.raises(CommandError):
        call_command("import_data", str(tmp_path))
    assert "tenants.csv:3: *: cellule de plus de 131 072 caractères" in capsys.readouterr().err


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_page_names_the_file_and_writes_nothing(case, sample_dir, diane, client_for):
    name, make, expected = CASES[case]
    for action in ("check", "import"):
        r = client_for(diane).post(
            "/donnees/", {"action": action, "files": [SimpleUploadedFile(name, make(sample_dir))]}
        )
        body = r.content.decode()
        assert r.status_code == 200 and f"{name}:" in body and expected.replace("'", "&#x27;") in body
    assert Tenant.objects.count() == 0


def test_two_rows_with_one_key_name_both_lines(sample_dir, tmp_path, db, capsys, diane, client_for):
    lines = (sample_dir / "tenants.csv").read_text(encoding="utf-8").splitlines()
    code = lines[1].split(",")[0]
    lines.append(lines[1].replace(",ICM,", ",ACT,"))
    data = ("\n".join(lines) + "\n").encode()
    (tmp_path / "tenants.csv").write_bytes(data)
    with pytest.raises(CommandError):
        call_command("import_data", str(tmp_path))
    expected = f"tenants.csv:{len(lines)}: code: même clé (code « {code} ») qu'à la ligne 2"
    assert expected in capsys.readouterr().err
    r = client_for(diane).post("/donnees/", {"action": "import", "files": [SimpleUploadedFile("tenants.csv", data)]})
    assert "qu&#x27;à la ligne 2" in r.content.decode()
    assert Tenant.objects.count() == 0


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_that_unpacks_too_large_is_refused(diane, client_for):
    big = b"0" * (data_views.BROWSER_IMPORT_MAX_BYTES // 2 + 1)
    payload = _zip({"tenants.csv": big, "visits.csv": big})
    assert len(payload) < 100_000
    r = client_for(diane).post("/donnees/", {"action": "import", "files": [SimpleUploadedFile("all.zip", payload)]})
    assert r.status_code == 200 and "manage.py import_data" in r.content.decode()
    assert Tenant.objects.count() == 0


def test_a_zip_with_too_many_members_is_refused(diane, client_for):
    members = {f"d{i}/tenants.csv": b"code\n" for i in range(data_views.MAX_ZIP_MEMBERS + 1)}
    r = client_for(diane).post(
        "/donnees/", {"action": "import", "files": [SimpleUploadedFile("all.zip", _zip(members))]}
    )
    assert r.status_code == 200 and "plus de 50 fichiers" in r.content.decode()


def test_files_above_the_page_limit_point_to_the_command(diane, client_for):
    data = b"code\n" + b"HF-9999\n" * (data_views.BROWSER_IMPORT_MAX_BYTES // 8)
    r = client_for(diane).post("/donnees/", {"action": "check", "files": [SimpleUploadedFile("tenants.csv", data)]})
    assert r.status_code == 200 and "manage.py import_data" in r.content.decode()


def test_a_damaged_zip_is_a_message(diane, client_for):
    r = client_for(diane).post(
        "/donnees/", {"action": "import", "files": [SimpleUploadedFile("all.zip", _random_bytes())]}
    )
    assert r.status_code == 200 and "archive ZIP illisible" in r.content.decode()


def test_the_page_says_it_in_dutch_when_dutch_is_active(sample_dir, diane, client_for):
    client = client_for(diane)
    client.cookies["django_language"] = "nl"
    r = client.post("/donnees/", {"action": "check", "files": [SimpleUploadedFile("tenants.csv", _latin1(sample_dir))]})
    body = r.content.decode()
    line = _first_non_ascii_line(sample_dir)
    assert r.status_code == 200 and 'lang="nl"' in body
    assert f"<code>tenants.csv:{line}</code> <strong>*</strong> — het bestand is niet in UTF-8" in body
    assert "n&#x27;est pas en UTF-8" not in body
