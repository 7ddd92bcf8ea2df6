"""Hostile input: SQL-looking search terms, HTML in names, spreadsheet
formulas in cells — nothing runs, nothing leaks, every export neutralises
formulas."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tenants.models import Tenant
from tests.security.access_table import ACCESS, ROLES
from tests.security.test_url_matrix import NAMED, parse

SQL = "' OR 1=1 --"
SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"
PAYLOADS = [SQL, SCRIPT, FORMULA, "%", "_", "\\", "\x00"]

# Pages without URL parameters that some role may open: every search box
# and filter of the project is one of them (plus the admin change lists).
LIST_PAGES = sorted(
    name
    for name, line in ACCESS.items()
    if name in NAMED and not NAMED[name].kwargs and parse(line).method == "GET" and 200 in parse(line).codes
)


def _persona_for(name: str, personas: dict):
    codes = parse(ACCESS[name]).codes
    role = ROLES[codes.index(200)]
    return {
        "support": personas["support"],
        "housing": personas["housing"],
        "management": personas["management"],
        "direction": personas["direction"],
        "admin": personas["admin"],
        "anonymous": None,
    }[role]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_search_boxes_and_filters_survive_hostile_input(name, personas, world, client_for):
    user = _persona_for(name, personas)
    client = client_for(user) if user else Client()
    url = reverse(name)
    for payload in PAYLOADS:
        response = client.get(
            url,
            {"q": payload, "search": payload, "kind": payload, "status": payload, "annee": payload, "page": payload},
        )
        # a NUL byte is refused as a whole (smes.middleware): PostgreSQL cannot store it
        expected = (400,) if payload == "\x00" else (200, 302)
        assert response.status_code in expected, f"{name} with {payload!r}: {response.status_code}"
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SCRIPT not in body.decode(errors="replace"), f"{name} echoes raw HTML"


def test_an_sql_looking_search_finds_nothing(personas, world, client_for):
    response = client_for(personas["support"]).get(reverse("tenants:list"), {"q": SQL})
    assert response.status_code == 200
    assert world["tenant"].last_name not in response.content.decode()
    response = client_for(personas["support"]).get(reverse("tenants:list"), {"q": "Martin"})
    assert world["tenant"].last_name in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/admin/tenants/tenant/", "/admin/housing/dwelling/", "/admin/auth/user/", "/admin/records/accesslog/"]
)
def test_admin_searches_survive_hostile_input(personas, world, client_for, path):
    client = client_for(personas["admin"])
    for payload in (SQL, SCRIPT):
        response = client.get(path, {"q": payload})
        assert response.status_code == 200
        assert SCRIPT not in response.content.decode()


def _hostile_import(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    with open(src / "tenants.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "code",
                "last_name",
                "first_name",
                "sex",
                "birth_date",
                "funding",
                "team",
                "referrer",
                "ethos",
                "street_years",
                "followup_start",
                "followup_end",
                "end_reason",
            ]
        )
        writer.writerow(
            ["HF-0666", FORMULA, SCRIPT, "F", "1970-01-01", "COCOM", "ACT", SQL, "1", "2.0", "2020-01-01", "", ""]
        )
        writer.writerow(
            [
                "HF-0667",
                "+SUM(A1:A9)",
                '@HYPERLINK("http://x")',
                "M",
                "1970-01-01",
                "COCOM",
                "ACT",
                "-2+3",
                "1",
                "2.0",
                "2020-01-01",
                "",
                "",
            ]
        )
    call_command("import_data", str(src), stdout=io.StringIO())
    return src


def test_hostile_import_cells_are_stored_as_plain_text(db, tmp_path):
    _hostile_import(tmp_path)
    tenant = Tenant.objects.get(code="HF-0666")
    assert (tenant.last_name, tenant.first_name, tenant.referrer) == (FORMULA, SCRIPT, SQL)
    assert Tenant.objects.count() == 2  # the quote did not end any statement


def test_hostile_names_are_escaped_on_the_pages(personas, client_for, tmp_path):
    _hostile_import(tmp_path)
    tenant = Tenant.objects.get(code="HF-0666")
    html = client_for(personas["support"]).get(reverse("tenants:detail", args=[tenant.pk])).content.decode()
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _assert_neutral(value: str):
    if (
        isinstance(value, str)
        and value[:1] in ("=", "+", "@")
        or (isinstance(value, str) and value.startswith("-") and not value[1:2].isdigit())
    ):
        pytest.fail(f"formula left active in an export: {value!r}")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_data_neutralises_formulas(db, tmp_path, fmt):
    _hostile_import(tmp_path)
    out = tmp_path / "out"
    call_command("export_data", str(out), "--format", fmt, stdout=io.StringIO())
    if fmt == "csv":
        rows = list(csv.reader(open(out / "tenants.csv", encoding="utf-8-sig")))
        cells = [cell for row in rows for cell in row]
    else:
        sheet = openpyxl.load_workbook(out / "tenants.xlsx").active
        cells = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
        assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    assert "'" + FORMULA in cells
    assert "'+SUM(A1:A9)" in cells
    for cell in cells:
        _assert_neutral(cell)


def test_the_round_trip_restores_the_original_text(db, tmp_path):
    _hostile_import(tmp_path)
    out = tmp_path / "out"
    call_command("export_data", str(out), stdout=io.StringIO())
    Tenant.objects.all().delete()
    call_command("import_data", str(out), stdout=io.StringIO())
    assert Tenant.objects.get(code="HF-0666").last_name == FORMULA


def test_the_download_zip_neutralises_formulas(personas, client_for, tmp_path):
    _hostile_import(tmp_path)
    response = client_for(personas["direction"]).get(reverse("data_export"))
    assert response.status_code == 200
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    name = next(n for n in archive.namelist() if n.endswith("tenants.csv"))
    cells = [c for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))) for c in row]
    assert "'" + FORMULA in cells
    for cell in cells:
        _assert_neutral(cell)


def test_the_subject_access_export_neutralises_formulas(personas, client_for, tmp_path):
    _hostile_import(tmp_path)
    tenant = Tenant.objects.get(code="HF-0666")
    response = client_for(personas["direction"]).get(reverse("gdpr_export", args=[tenant.pk]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    cells = [c for row in csv.reader(io.StringIO(archive.read("locataire.csv").decode("utf-8-sig"))) for c in row]
    assert "'" + FORMULA in cells


@pytest.mark.parametrize("fmt", ["0", "1"])  # csv, xlsx
def test_the_admin_export_neutralises_formulas(personas, client_for, fmt):
    from harmreduction.models import Item

    Item.objects.create(code="EVIL", name=FORMULA, category="INJECTION")
    client = client_for(personas["admin"])
    data = {
        "resource": "0",
        "format": fmt,
        "itemresource_code": "on",
        "itemresource_name": "on",
        "itemresource_category": "on",
        "itemresource_unit": "on",
    }
    response = client.post(reverse("admin:harmreduction_item_export"), data)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if fmt == "0":
        cells = [c for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for c in row]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        cells = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "'" + FORMULA in cells
    for cell in cells:
        _assert_neutral(cell)
