"""Issue 12: RdR items carry their Dutch name and unit; the NL interface,
the NL annual report and rdr_items.csv (optional columns) use them."""

import datetime as dt
import importlib
import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from harmreduction.models import Item
from harmreduction.services import distribution_record, receipt_record
from records.interchange.engine import export_directory, import_directory
from reports.exports import export_pdf
from tests.factories import TenantFactory

D = dt.date


def nl_client(client_for, user, lang="nl"):
    c = client_for(user)
    c.cookies["django_language"] = lang
    return c


def test_every_catalogue_item_has_its_dutch_name_and_unit(db):
    items = list(Item.objects.all())
    assert len(items) == 23
    for item in items:
        assert item.name_nl and item.unit_nl, item.code
    bd = Item.objects.get(code="BD")
    migration = importlib.import_module("harmreduction.migrations.0006_item_dutch_name")
    assert (bd.name_nl, bd.unit_nl) == migration.CATALOGUE_NL["BD"] == ("Spuit BD (normaal)", "stuk")
    assert bd.name_nl != bd.name


def test_label_follows_the_language_and_falls_back_to_french(db):
    bd = Item.objects.get(code="BD")
    with translation.override("nl"):
        assert bd.label == bd.name_nl and bd.unit_label == bd.unit_nl
    with translation.override("fr"):
        assert bd.label == "Seringue BD (normale)" and bd.unit_label == "pièce"
    with translation.override("en"):
        assert bd.label == "Seringue BD (normale)"
    bd.name_nl = ""
    bd.unit_nl = ""
    with translation.override("nl"):
        assert bd.label == "Seringue BD (normale)" and bd.unit_label == "pièce"


@pytest.fixture
def distributed(db, maggie, alice):
    bd, alu = Item.objects.get(code="BD"), Item.objects.get(code="ALU")
    today = dt.date.today()
    receipt_record(date=today, worker=maggie, supplier="Modus Vivendi", lines=[(bd, 50), (alu, 50)])
    tenant = TenantFactory(code="HF-0042", followup_start=D(2020, 1, 1))
    distribution_record(date=today, worker=alice, tenant=tenant, lines=[(bd, 5), (alu, 3)])
    return tenant


def test_the_stock_page_in_dutch_shows_dutch_names_and_units(distributed, client_for, maggie):
    html = nl_client(client_for, maggie).get(reverse("harmreduction:stock")).content.decode()
    assert "Spuit BD (normaal)" in html and "Seringue BD (normale)" not in html
    assert "Aluminiumfolie" in html and "feuille" not in html


@pytest.mark.parametrize(
    "name, role",
    [
        ("harmreduction:stock", "maggie"),
        ("harmreduction:catalogue", "maggie"),
        ("harmreduction:yearly", "maggie"),
        ("harmreduction:movements", "maggie"),
        ("harmreduction:distribute", "alice"),
        ("harmreduction:receive", "maggie"),
        ("harmreduction:adjust", "maggie"),
        ("home", "maggie"),
    ],
)
def test_no_rdr_page_in_dutch_shows_a_french_item_name(distributed, client_for, request, name, role):
    """The family: every page that lists material, in NL, names it in Dutch."""
    user = request.getfixturevalue(role)
    Item.objects.filter(code="BD").update(threshold=1000)  # the home page's low-stock block lists it
    html = nl_client(client_for, user).get(reverse(name)).content.decode()
    french = {i.name for i in Item.objects.all() if i.name not in i.name_nl}
    shown = [n for n in french if n in html]
    assert shown == [], f"{name}: {shown}"


def test_the_tenant_page_panel_in_dutch(distributed, client_for, alice):
    html = nl_client(client_for, alice).get(reverse("tenants:detail", args=[distributed.pk])).content.decode()
    assert "Spuit BD (normaal)" in html and "Seringue BD (normale)" not in html


def test_the_dutch_annual_report_pdf_names_the_material_in_dutch(db, maggie, alice):
    bd = Item.objects.get(code="BD")
    receipt_record(date=D(2024, 1, 5), worker=maggie, supplier="x", lines=[(bd, 50)])
    tenant = TenantFactory(code="HF-0042", followup_start=D(2020, 1, 1))
    distribution_record(date=D(2024, 3, 5), worker=alice, tenant=tenant, lines=[(bd, 5)])
    reader = PdfReader(io.BytesIO(export_pdf(2024, "nl", today=D(2025, 2, 3))))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Spuit BD (normaal)" in text and "Seringue BD" not in text
    reader = PdfReader(io.BytesIO(export_pdf(2024, "fr", today=D(2025, 2, 3))))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Seringue BD (normale)" in text


# --- rdr_items.csv: optional columns name_nl, unit_nl ------------------------


def _items(tmp_path, text):
    (tmp_path / "rdr_items.csv").write_text(text, encoding="utf-8")
    return import_directory(tmp_path)


def test_a_file_without_the_dutch_columns_imports_unchanged(db, tmp_path):
    report = _items(tmp_path, "code,name,category,unit\nBD,Seringue BD,INJECTION,pièce\nNEW,Nouveau,SNIFF,pièce\n")
    assert report.errors == []
    bd = Item.objects.get(code="BD")
    assert bd.name == "Seringue BD" and bd.name_nl == "Spuit BD (normaal)"  # kept
    new = Item.objects.get(code="NEW")
    assert (new.name_nl, new.unit_nl) == ("", "")


def test_a_file_with_the_dutch_columns_sets_them(db, tmp_path):
    report = _items(
        tmp_path,
        "code,name,category,unit,name_nl,unit_nl\nNEW,Nouveau,SNIFF,pièce,Nieuw,stuk\nBD,Seringue,INJECTION,pièce,,\n",
    )
    assert report.errors == []
    assert Item.objects.filter(code="NEW").values_list("name_nl", "unit_nl").get() == ("Nieuw", "stuk")
    assert Item.objects.get(code="BD").name_nl == ""  # an empty cell empties it


def test_the_export_carries_the_dutch_columns_and_round_trips(db, tmp_path):
    export_directory(tmp_path)
    lines = (tmp_path / "rdr_items.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "code,name,category,unit,name_nl,unit_nl"
    assert "BD,Seringue BD (normale),INJECTION,pièce,Spuit BD (normaal),stuk" in lines
