"""visits.csv through import_data / export_data (spec §9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from smes.accounts import user_create
from tenants.models import Visit

HEADER = "tenant,date,kind,status,duration_min,travel_min,workers,motives"


@pytest.fixture
def tenants_imported(sample_dir, tmp_path, db) -> Path:
    folder = tmp_path / "tenants"
    folder.mkdir()
    shutil.copy(sample_dir / "tenants.csv", folder / "tenants.csv")
    call_command("import_data", str(folder))
    return folder


def _visits_folder(tmp_path: Path, *lines: str, name: str = "v") -> Path:
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    (folder / "visits.csv").write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _errors(folder: Path, capsys) -> list[str]:
    with pytest.raises(CommandError):
        call_command("import_data", str(folder))
    return capsys.readouterr().err.strip().splitlines()


def test_the_sample_visits_import_and_export_identically(sample_dir, tenants_imported, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_dir / "visits.csv", folder / "visits.csv")
    call_command("import_data", str(folder))
    rows = len((sample_dir / "visits.csv").read_text(encoding="utf-8").strip().splitlines()) - 1
    assert Visit.objects.count() == rows
    out = tmp_path / "out"
    call_command("export_data", str(out))
    assert (out / "visits.csv").read_bytes() == (sample_dir / "visits.csv").read_bytes()


def test_reimporting_the_sample_changes_nothing(sample_dir, tenants_imported, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_dir / "visits.csv", folder / "visits.csv")
    call_command("import_data", str(folder))
    before = list(Visit.objects.order_by("pk").values_list("pk", "updated_at"))
    capsys.readouterr()
    call_command("import_data", str(folder))
    assert list(Visit.objects.order_by("pk").values_list("pk", "updated_at")) == before
    assert "visits.csv: 2324 rows (0 new, 0 updated, 2324 unchanged)" in capsys.readouterr().out


def test_identical_rows_of_one_file_stay_distinct_visits(tenants_imported, tmp_path):
    call_row = "HF-0003,2024-05-02,PHONE,DONE,5,,,DAILY"
    folder = _visits_folder(tmp_path, call_row, call_row)
    call_command("import_data", str(folder))
    assert Visit.objects.count() == 2
    call_command("import_data", str(folder))
    assert Visit.objects.count() == 2
    # A third identical call in a new file is a new visit.
    call_command("import_data", str(_visits_folder(tmp_path, call_row, call_row, call_row, name="w")))
    assert Visit.objects.count() == 3


def test_a_row_differing_in_one_column_is_a_new_visit(tenants_imported, tmp_path):
    call_command("import_data", str(_visits_folder(tmp_path, "HF-0003,2024-05-02,HOME,DONE,50,30,,DAILY")))
    call_command(
        "import_data", str(_visits_folder(tmp_path, "HF-0003,2024-05-02,HOME,DONE,50,30,,DAILY;PSY", name="w"))
    )
    assert Visit.objects.count() == 2


def test_workers_are_usernames_and_round_trip(tenants_imported, tmp_path):
    user_create(username="camille", roles=["Support"])
    user_create(username="youssef", roles=["Support"])
    folder = _visits_folder(tmp_path, "HF-0003,2024-05-02,HOME,DONE,50,30,youssef;camille,PSY;DAILY")
    call_command("import_data", str(folder))
    visit = Visit.objects.get()
    assert sorted(u.username for u in visit.workers.all()) == ["camille", "youssef"]
    assert visit.motives == ["DAILY", "PSY"]
    call_command("import_data", str(folder))  # same row, workers in another order: same visit
    assert Visit.objects.count() == 1
    out = tmp_path / "out"
    call_command("export_data", str(out))
    lines = (out / "visits.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "HF-0003,2024-05-02,HOME,DONE,50,30,camille;youssef,DAILY;PSY"


def test_an_unknown_worker_is_a_row_error_and_nothing_is_written(tenants_imported, tmp_path, capsys):
    user_create(username="camille", roles=["Support"])
    folder = _visits_folder(
        tmp_path,
        "HF-0003,2024-05-02,HOME,DONE,50,30,camille,DAILY",
        "HF-0003,2024-05-03,HOME,DONE,50,30,camille;zorro,DAILY",
    )
    errors = _errors(folder, capsys)
    assert "visits.csv:3: workers: intervenant·e inconnu·e « zorro » (nom d'utilisateur attendu)" in errors
    assert not Visit.objects.exists()


def test_bad_rows_are_reported_by_line_and_column(tenants_imported, tmp_path, capsys):
    folder = _visits_folder(
        tmp_path,
        "HF-0003,2024-05-02,HOME,DONE,-5,30,,DAILY",
        "HF-0003,2024-05-02,HOME,DONE,50,3000,,DAILY",
        "HF-0003,2024-05-02,HOME,DONE,50,30,,DAILY;KARAOKE",
        "HF-0003,2099-01-01,HOME,DONE,50,30,,DAILY",
        "HF-0003,1990-01-01,HOME,DONE,50,30,,DAILY",
        "HF-9999,2024-05-02,HOME,DONE,50,30,,DAILY",
        "HF-0003,2024-05-02,VISIO,DONE,50,30,,DAILY",
        "HF-0003,2099-01-01,HOME,PLANNED,,,,",
    )
    errors = _errors(folder, capsys)
    assert errors == [
        "visits.csv:2: duration_min: La durée ne peut pas être négative.",
        "visits.csv:3: travel_min: Le trajet ne peut pas dépasser 24 heures (1440 minutes).",
        "visits.csv:4: motives: code(s) inconnu(s) « KARAOKE » (attendu : DAILY, ADMIN_JUSTICE, HOUSING, MEDICAL, NETWORK, PSY, CONSUMPTION, CRISIS)",
        "visits.csv:5: date: Un contact réalisé, absent ou annulé ne peut pas être daté dans le futur.",
        "visits.csv:6: date: La date est en dehors de la période d'accompagnement de ce·tte locataire.",
        "visits.csv:7: tenant: locataire inconnu·e « HF-9999 »",
        "visits.csv:8: kind: code inconnu « VISIO » (attendu : HOME, EXTERNAL, CONCERTATION, PHONE)",
        # A visit planned more than a year ahead cannot be true (smes.plausibility).
        "visits.csv:9: date: Date trop lointaine (01/01/2099) : au plus 1 an après aujourd'hui.",
    ]
    assert not Visit.objects.exists()


def test_dry_run_writes_nothing(tenants_imported, tmp_path):
    call_command("import_data", str(_visits_folder(tmp_path, "HF-0003,2024-05-02,HOME,DONE,50,30,,DAILY")), "--dry-run")
    assert not Visit.objects.exists()


def test_matching_runs_a_fixed_number_of_queries(tenants_imported, tmp_path, django_assert_max_num_queries):
    from records.interchange.engine import import_directory

    lines = [f"HF-0003,2024-05-{d:02d},PHONE,DONE,{m},,,DAILY" for d in range(1, 29) for m in range(5, 15)]
    folder = _visits_folder(tmp_path, *lines)
    assert import_directory(folder).ok
    with django_assert_max_num_queries(12):
        report = import_directory(folder)
    assert report.ok and report.files[0].unchanged == len(lines)


# -- streamed import (issue 16): chunk by chunk, COPY on PostgreSQL ------------


@pytest.fixture
def small_chunks(monkeypatch):
    from tenants.visits.resources import VisitResource

    monkeypatch.setattr(VisitResource, "STREAM_CHUNK", 2)


def test_identical_rows_in_different_chunks_match_as_in_one_file(tenants_imported, tmp_path, small_chunks):
    call_row = "HF-0003,2024-05-02,PHONE,DONE,5,,,DAILY"
    other = "HF-0003,2024-05-03,PHONE,DONE,5,,,DAILY"
    call_command("import_data", str(_visits_folder(tmp_path, call_row, other, call_row)))
    assert Visit.objects.count() == 3
    # Chunks [call, other] [call, other] [call]: two calls matched, the third is new.
    call_command("import_data", str(_visits_folder(tmp_path, call_row, other, call_row, other, call_row, name="w")))
    assert Visit.objects.filter(date="2024-05-02").count() == 3
    assert Visit.objects.filter(date="2024-05-03").count() == 2


def test_a_bad_row_in_a_later_chunk_leaves_nothing_written(tenants_imported, tmp_path, capsys, small_chunks):
    good = "HF-0003,2024-05-02,HOME,DONE,50,30,,DAILY"
    folder = _visits_folder(tmp_path, good, good, good, good, "HF-0003,2024-05-02,HOME,DONE,-5,30,,DAILY")
    assert _errors(folder, capsys) == ["visits.csv:6: duration_min: La durée ne peut pas être négative."]
    assert not Visit.objects.exists()


def test_too_many_cells_anywhere_stops_the_file_before_any_row(tenants_imported, tmp_path, capsys, small_chunks):
    good = "HF-0003,2024-05-02,HOME,DONE,50,30,,DAILY"
    folder = _visits_folder(tmp_path, good, good, good, good + ",x")
    assert _errors(folder, capsys) == ["visits.csv:5: *: 9 cellules pour 8 colonnes"]
    assert not Visit.objects.exists()


def test_imported_visits_carry_their_history_row_naming_the_import(tenants_imported, tmp_path, diane):
    from records.interchange.engine import import_directory

    folder = _visits_folder(tmp_path, "HF-0003,2024-05-02,HOME,DONE,50,30,,DAILY")
    assert import_directory(folder, actor=diane).ok
    visit = Visit.objects.get()
    record = visit.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("+", diane, "import visits.csv")
    assert (record.date, record.duration_min, record.m_daily) == (visit.date, 50, True)
