import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import TenantFactory

pytestmark = pytest.mark.django_db


def test_json_goes_to_stdout_with_every_block():
    TenantFactory(followup_start=dt.date(2022, 1, 1))
    out = StringIO()
    call_command("annual_report", "--year", "2024", stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == [
        "year",
        "tenants",
        "problems",
        "gaf",
        "contacts",
        "moves",
        "housing",
        "harm_reduction",
        "intake",
        "chapter",  # issue 17: the chapter's texts and records, after every block of the spec
    ]
    assert data["tenants"]["accompanied"] == 1


def test_json_to_a_file(tmp_path):
    target = tmp_path / "r.json"
    call_command("annual_report", "--year", "2024", "--format", "json", "--output", str(target), stderr=StringIO())
    assert json.loads(target.read_text(encoding="utf-8"))["year"] == 2024


def test_pdf_and_xlsx_need_an_output_file():
    with pytest.raises(CommandError, match="--output FILE est obligatoire pour le format pdf"):
        call_command("annual_report", "--year", "2024", "--format", "pdf")


def test_xlsx_to_a_file(tmp_path):
    target = tmp_path / "r.xlsx"
    call_command(
        "annual_report",
        "--year",
        "2024",
        "--format",
        "xlsx",
        "--output",
        str(target),
        "--lang",
        "nl",
        stderr=StringIO(),
    )
    assert target.read_bytes()[:2] == b"PK"
