"""requests.csv: strict import (one transaction, FILE:LINE errors), round trip identical."""

import datetime as dt

import pytest

from intake.models import Request, StatusChange
from intake.resources import RequestResource
from intake.services import request_set_status
from records.interchange.engine import export_directory, import_directory
from tenants.models import Tenant
from tests import factories as f
from tests.intake.helpers import house, make_request, move

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def register():
    partner = f.PartnerFactory(name="CAW Brabantia")
    a = move(make_request(D(2025, 1, 10), requester="SERVICE", partner=partner), ("ELIGIBLE", D(2025, 1, 12)))
    house(a, D(2025, 7, 29), code="HF-0901")
    move(make_request(D(2025, 2, 1), notes='Dit "non", puis oui;\nrevient'), ("ELIGIBLE", D(2025, 2, 3)))
    c = make_request(D(2025, 3, 1), mental_health=False)
    move(c, ("ELIGIBLE", D(2025, 3, 2), "Diagnostic attendu"))
    request_set_status(request=c, status="ORIENTED", date=D(2025, 4, 1), reason="Projet Station", user=None)
    a.refresh_from_db()
    h = make_request(D(2025, 11, 20), kind="REHOUSING", tenant=a.housed_tenant)
    move(h, ("ELIGIBLE", D(2025, 11, 21)), ("HOUSED", D(2025, 11, 30)))
    move(make_request(D(2025, 4, 1), ethos="8-13"), ("NOT_ELIGIBLE", D(2025, 4, 2)))


def _export(tmp_path, name):
    return export_directory(tmp_path / name, only=frozenset({"requests"}))[0].read_bytes()


def test_round_trip_identical(register, tmp_path):
    first = _export(tmp_path, "a")
    assert first.splitlines()[0].decode() == ",".join(RequestResource.columns())
    assert b"ELIGIBLE 2025-01-12; HOUSED 2025-07-29" in first and b"Projet Station" in first
    # Import into a register emptied of its requests (the tenants stay: tenants.csv).
    StatusChange.objects.all().delete()
    Request.objects.all().delete()
    folder = tmp_path / "a"
    report = import_directory(folder)
    assert report.ok, [str(e) for e in report.errors]
    assert Request.objects.count() == 5 and Tenant.objects.count() == 1
    assert _export(tmp_path, "b") == first
    # Importing the same file again changes nothing.
    assert import_directory(folder).ok
    assert _export(tmp_path, "c") == first and StatusChange.objects.count() == 13


def test_bad_rows_name_file_line_and_column_and_nothing_is_written(register, tmp_path):
    folder = tmp_path / "bad"
    path = export_directory(folder, only=frozenset({"requests"}))[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    StatusChange.objects.all().delete()
    Request.objects.all().delete()
    row = dict(zip(header, lines[1].split(","), strict=False))
    good = ",".join(row[h] for h in header)
    bad_month = good.replace(f",{row['months_3y']},", ",99,", 1).replace(row["ref"], "DEM-2025-101", 1)
    bad_history = good.replace(row["history"], "WAITING 2025-01-12").replace(row["ref"], "DEM-2025-102", 1)
    bad_ethos = good.replace(f",{row['ethos']},", ",9,", 1).replace(row["ref"], "DEM-2025-103", 1)
    path.write_text("\n".join([lines[0], bad_month, bad_history, bad_ethos]) + "\n", encoding="utf-8")
    report = import_directory(folder)
    messages = [str(e) for e in report.errors]
    assert any(m.startswith("requests.csv:2: months_3y") for m in messages), messages
    assert any(m.startswith("requests.csv:3: history") for m in messages), messages
    assert any(m.startswith("requests.csv:4: ethos") for m in messages), messages
    assert not Request.objects.exists() and not StatusChange.objects.exists()
