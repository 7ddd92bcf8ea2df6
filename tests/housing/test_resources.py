"""partners.csv, dwellings.csv, leases.csv, moves.csv through import_data /
export_data: the sample imports, round-trips, and the rules of moves and
leases hold for imported rows (a violating row is a row error)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from housing.models import Dwelling, Lease, Move, Partner, Stay
from tenants.models import Tenant

FILES = ["partners.csv", "dwellings.csv", "tenants.csv", "leases.csv", "moves.csv"]
HOUSING_FILES = ["partners.csv", "dwellings.csv", "leases.csv", "moves.csv"]


@pytest.fixture
def sample(sample_dir, tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in FILES:
        shutil.copy(sample_dir / name, folder / name)
    return folder


@pytest.fixture
def imported(sample, db):
    call_command("import_data", str(sample))
    return sample


def _rows(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").strip().splitlines()) - 1


def _moves_file(tmp_path: Path, *lines: str) -> Path:
    folder = tmp_path / "moves"
    folder.mkdir(exist_ok=True)
    (folder / "moves.csv").write_text("tenant,date,kind,dwelling,exit_to\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _import_errors(folder: Path, capsys) -> list[str]:
    with pytest.raises(CommandError):
        call_command("import_data", str(folder))
    return capsys.readouterr().err.strip().splitlines()


def _empty_everything():
    Stay.objects.all().delete()
    Move.objects.all()._raw_delete(Move.objects.db)  # no rules to check: everything goes
    Lease.objects.all().delete()
    Dwelling.objects.all().delete()
    Partner.objects.all().delete()
    Tenant.objects.all().delete()


def test_it_imports_the_sample_and_derives_the_stays(imported, db):
    assert Partner.objects.count() == _rows(imported / "partners.csv")
    assert Dwelling.objects.count() == _rows(imported / "dwellings.csv")
    assert Lease.objects.count() == _rows(imported / "leases.csv")
    assert Move.objects.count() == _rows(imported / "moves.csv")
    # one stay per move into a dwelling; HF-0003 went from D-0010 to D-0003
    assert Stay.objects.count() == Move.objects.exclude(kind="EXIT").count()
    assert list(Stay.objects.filter(tenant__code="HF-0003").order_by("start").values_list("dwelling__code", "end")) == [
        ("D-0010", Move.objects.get(tenant__code="HF-0003", kind="TRANSFER").date),
        ("D-0003", None),
    ]


def test_the_sample_round_trips(imported, tmp_path, db):
    first = tmp_path / "first"
    call_command("export_data", str(first))
    for name in ("leases.csv", "moves.csv"):  # canonical order in the sample
        assert (first / name).read_bytes() == (imported / name).read_bytes(), name
    # dwellings.csv: the sample's columns, then the optional capacity (issue 13)
    exported = (first / "dwellings.csv").read_bytes().split(b"\r\n")
    assert exported[0].endswith(b",capacity") and all(line.endswith(b",1") for line in exported[1:-1])
    assert (
        b"\r\n".join(line.rsplit(b",", 1)[0] for line in exported[:-1]) + b"\r\n"
        == (imported / "dwellings.csv").read_bytes()
    )
    _empty_everything()
    assert Move.objects.count() == 0 and Partner.objects.count() == 0
    second_in = tmp_path / "second_in"
    second_in.mkdir()
    for name in FILES:
        shutil.copy(first / name, second_in / name)
    call_command("import_data", str(second_in))
    second = tmp_path / "second"
    call_command("export_data", str(second))
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert Stay.objects.count() == Move.objects.exclude(kind="EXIT").count()


def test_reimporting_changes_nothing(imported, db):
    stays = list(Stay.objects.order_by("pk").values_list("tenant_id", "dwelling_id", "start", "end"))
    call_command("import_data", str(imported))
    assert Move.objects.count() == _rows(imported / "moves.csv")
    assert list(
        Stay.objects.order_by("tenant_id", "start").values_list("tenant_id", "dwelling_id", "start", "end")
    ) == sorted(stays, key=lambda s: (s[0], s[2]))


def test_an_entry_while_housed_is_a_row_error(imported, tmp_path, capsys):
    # HF-0003 lives in D-0003 since 2024-06-20
    folder = _moves_file(tmp_path, "HF-0003,2025-01-10,ENTRY,D-0005,")
    assert _import_errors(folder, capsys)[0] == (
        "moves.csv:2: kind: Type : entrée impossible, le·la locataire occupe déjà le logement D-0003 le 10/01/2025. "
        "Enregistrez un déménagement ou une sortie."
    )


def test_a_transfer_or_exit_while_not_housed_is_a_row_error(imported, tmp_path, capsys):
    # HF-0022 left D-0009 on 2022-11-02 and entered D-0001 on 2023-08-28
    folder = _moves_file(
        tmp_path,
        "HF-0022,2023-01-10,TRANSFER,D-0005,",
        "HF-0022,2023-02-10,EXIT,,STREET",
    )
    assert _import_errors(folder, capsys) == [
        "moves.csv:2: kind: Type : déménagement impossible, le·la locataire n'est pas logé·e le 10/01/2023. "
        "Enregistrez une entrée en logement.",
        "moves.csv:3: kind: Type : sortie impossible, le·la locataire n'est pas logé·e le 10/02/2023.",
    ]


def test_two_moves_on_one_day_are_a_row_error(imported, tmp_path, capsys):
    folder = _moves_file(
        tmp_path,
        "HF-0003,2025-01-10,TRANSFER,D-0010,",
        "HF-0003,2025-01-10,EXIT,,STREET",
    )
    errors = _import_errors(folder, capsys)
    assert errors == [
        "moves.csv:3: date: Date : ce·tte locataire a déjà un mouvement le 10/01/2025 "
        "(Déménagement vers un autre logement) ; un seul mouvement par jour."
    ]


def test_a_full_dwelling_is_a_row_error(imported, tmp_path, capsys):
    # D-0003 is occupied by HF-0003; HF-0022 is housed in D-0001
    folder = _moves_file(tmp_path, "HF-0022,2025-01-10,TRANSFER,D-0003,")
    assert _import_errors(folder, capsys) == [
        "moves.csv:2: dwelling: Logement : D-0003 est complet le 10/01/2025 (capacité : 1)."
    ]


def test_a_move_outside_the_followup_is_a_row_error(imported, tmp_path, capsys):
    # HF-0005's follow-up starts 2024-04-18
    folder = _moves_file(tmp_path, "HF-0005,2024-01-02,EXIT,,STREET")
    assert _import_errors(folder, capsys) == [
        "moves.csv:2: date: Date : elle précède le début de l'accompagnement (18/04/2024)."
    ]


def test_moves_apply_in_date_order_and_errors_keep_their_file_line(imported, tmp_path, capsys):
    # Listed out of order: HF-0011 leaves D-0008 in March, HF-0003 moves in in
    # April (valid once sorted); the bad row (line 2) keeps its line number.
    folder = _moves_file(
        tmp_path,
        "HF-0020,2025-05-01,ENTRY,D-0004,",
        "HF-0003,2025-04-01,TRANSFER,D-0008,",
        "HF-0011,2025-03-01,EXIT,,INSTITUTION",
    )
    errors = _import_errors(folder, capsys)
    assert errors == [
        "moves.csv:2: kind: Type : entrée impossible, le·la locataire occupe déjà le logement D-0014 le 01/05/2025. "
        "Enregistrez un déménagement ou une sortie."
    ]
    folder = _moves_file(tmp_path, "HF-0003,2025-04-01,TRANSFER,D-0008,", "HF-0011,2025-03-01,EXIT,,INSTITUTION")
    call_command("import_data", str(folder))
    assert Stay.objects.get(tenant__code="HF-0003", end__isnull=True).dwelling.code == "D-0008"


def test_nothing_is_written_when_a_move_row_is_bad(imported, tmp_path, capsys):
    before = Move.objects.count()
    folder = _moves_file(tmp_path, "HF-0011,2025-03-01,EXIT,,INSTITUTION", "HF-0003,2025-01-10,ENTRY,D-0005,")
    _import_errors(folder, capsys)
    assert Move.objects.count() == before
    assert Stay.objects.get(tenant__code="HF-0011", end__isnull=True)


def test_unknown_codes_in_moves_are_named(imported, tmp_path, capsys):
    folder = _moves_file(tmp_path, "HF-0003,2025-01-10,TRANSFER,D-9999,", "HF-0003,2025-02-10,MOVE,,")
    errors = _import_errors(folder, capsys)
    assert "moves.csv:2: dwelling: logement inconnu·e « D-9999 »" in errors
    assert any(e.startswith("moves.csv:3: kind: code inconnu « MOVE »") for e in errors)


def _lease_file(tmp_path, *lines):
    folder = tmp_path / "leases"
    folder.mkdir(exist_ok=True)
    (folder / "leases.csv").write_text(
        "dwelling,tenant,kind,start,end,rent,charges\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    return folder


def test_a_lease_ending_before_it_starts_or_with_negative_rent_is_a_row_error(imported, tmp_path, capsys):
    folder = _lease_file(
        tmp_path,
        "D-0005,HF-0003,STANDARD,2025-01-01,2024-12-31,400,50",
        "D-0005,HF-0011,STANDARD,2025-01-01,,-400,50",
    )
    errors = _import_errors(folder, capsys)
    assert errors == [
        "leases.csv:2: end: La fin du bail précède son début.",
        "leases.csv:3: rent: Le loyer ne peut pas être négatif.",
    ]


def test_a_dwelling_outside_brussels_is_a_row_error(imported, tmp_path, capsys):
    folder = tmp_path / "dw"
    folder.mkdir()
    (folder / "dwellings.csv").write_text(
        "code,partner,address,postcode,commune\nD-0500,Inconnu,Rue X 1,1000,Bruxelles\nD-0501,MAIS,Rue Y 2,4000,Liège\n",
        encoding="utf-8",
    )
    errors = _import_errors(folder, capsys)
    assert "dwellings.csv:2: partner: partenaire inconnu·e « Inconnu »" in errors
    assert "dwellings.csv:3: commune: code inconnu « Liège »" in " ".join(errors)
