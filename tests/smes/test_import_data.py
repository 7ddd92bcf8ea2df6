"""import_data / export_data on the interchange format (tenants files)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tenants.models import Assessment, GafScore, Income, Tenant

TENANT_FILES = ["tenants.csv", "incomes.csv", "assessments.csv", "gaf.csv"]


@pytest.fixture
def tenant_files(sample_dir, tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in TENANT_FILES:
        shutil.copy(sample_dir / name, folder / name)
    return folder


def _rows(path: Path) -> int:
    return len(path.read_text(encoding="utf-8-sig").strip().splitlines()) - 1


def _import(folder, *args):
    call_command("import_data", str(folder), *args)


def test_it_imports_the_sample_tenant_files(tenant_files, db):
    _import(tenant_files)
    assert Tenant.objects.count() == _rows(tenant_files / "tenants.csv")
    assert Income.objects.count() == _rows(tenant_files / "incomes.csv")
    assert Assessment.objects.count() == _rows(tenant_files / "assessments.csv")
    assert GafScore.objects.count() == _rows(tenant_files / "gaf.csv")


def test_reimport_updates_and_never_duplicates(tenant_files, db):
    _import(tenant_files)
    _import(tenant_files)
    assert Tenant.objects.count() == _rows(tenant_files / "tenants.csv")
    assert GafScore.objects.count() == _rows(tenant_files / "gaf.csv")


def test_reimport_with_a_changed_cell_updates_that_row(tenant_files, db):
    _import(tenant_files)
    path = tenant_files / "tenants.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if ",ICM," in line)
    code = lines[index].split(",")[0]
    lines[index] = lines[index].replace(",ICM,", ",ACT,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert Tenant.objects.get(code=code).team == "ICM"
    _import(tenant_files)
    assert Tenant.objects.get(code=code).team == "ACT"
    assert Tenant.objects.count() == _rows(path)


def test_a_broken_row_is_named_and_nothing_is_written(tenant_files, db, capsys):
    path = tenant_files / "gaf.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    tenant, date, _score = lines[3].split(",")
    lines[3] = f"{tenant},{date},101"
    lines[5] = lines[5].rsplit(",", 1)[0] + ",abc"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match="2 error"):
        _import(tenant_files)
    err = capsys.readouterr().err
    assert "gaf.csv:4: score: " in err and "100" in err
    assert "gaf.csv:6: score: nombre entier attendu, pas « abc »" in err
    assert Tenant.objects.count() == 0 and GafScore.objects.count() == 0


def test_every_bad_row_of_every_file_is_reported(tenant_files, db, capsys):
    t = tenant_files / "tenants.csv"
    lines = t.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[3] = "Q"  # sex
    lines[1] = ",".join(cells)
    cells = lines[2].split(",")
    cells[10], cells[11], cells[12] = "2022-01-10", "2021-01-01", "DECEASED"  # end before start
    lines[2] = ",".join(cells)
    t.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError):
        _import(tenant_files)
    err = capsys.readouterr().err
    assert "tenants.csv:2: sex: code inconnu « Q » (attendu : F, M, X)" in err
    assert "tenants.csv:3: followup_end: La fin de l'accompagnement précède son début." in err
    assert Tenant.objects.count() == 0


def test_unknown_and_missing_columns_are_reported(tmp_path, db, capsys):
    (tmp_path / "gaf.csv").write_text("tenant,date,scor\nHF-0001,2024-01-01,40\n", encoding="utf-8")
    with pytest.raises(CommandError):
        _import(tmp_path)
    err = capsys.readouterr().err
    assert "gaf.csv:1: scor: colonne inconnue" in err
    assert "gaf.csv:1: score: colonne obligatoire absente" in err


def test_dry_run_validates_and_writes_nothing(tenant_files, db, capsys):
    _import(tenant_files, "--dry-run")
    assert "Dry run: valid, nothing written." in capsys.readouterr().out
    assert Tenant.objects.count() == 0


def test_export_import_export_gives_identical_files(tenant_files, tmp_path, db):
    _import(tenant_files)
    first = tmp_path / "first"
    call_command("export_data", str(first))
    Tenant.objects.all().delete()
    assert GafScore.objects.count() == 0
    _import(first)
    second = tmp_path / "second"
    call_command("export_data", str(second))
    for name in TENANT_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # and the export equals the sample where the sample is canonical
    assert (first / "tenants.csv").read_bytes() == (tenant_files / "tenants.csv").read_bytes()


def test_xlsx_files_are_accepted(tenant_files, tmp_path, db):
    out = tmp_path / "xlsx"
    _import(tenant_files)
    call_command("export_data", str(out), "--format", "xlsx")
    Tenant.objects.all().delete()
    for name in TENANT_FILES:
        assert (out / name.replace(".csv", ".xlsx")).exists()
    _import(out)
    assert Tenant.objects.count() == _rows(tenant_files / "tenants.csv")
    assert GafScore.objects.count() == _rows(tenant_files / "gaf.csv")


def test_formula_cells_are_neutralised_on_export_and_restored_on_import(db, tmp_path):
    from tests.factories import TenantFactory

    TenantFactory(code="HF-7777", last_name="=cmd|' /C calc'!A0", first_name="@SUM(1)", referrer="-2+3")
    call_command("export_data", str(tmp_path / "out"))
    text = (tmp_path / "out" / "tenants.csv").read_text(encoding="utf-8")
    assert "'=cmd|' /C calc'!A0" in text and ",'@SUM(1)," in text and ",'-2+3," in text
    Tenant.objects.all().delete()
    _import(tmp_path / "out")
    t = Tenant.objects.get(code="HF-7777")
    assert (t.last_name, t.first_name, t.referrer) == ("=cmd|' /C calc'!A0", "@SUM(1)", "-2+3")
