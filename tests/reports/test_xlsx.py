import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from reports.exports import export_xlsx
from tests.factories import GafScoreFactory, TenantFactory

D = dt.date
pytestmark = pytest.mark.django_db


def test_it_has_one_sheet_per_block_and_no_names(flat, enter):
    t = TenantFactory(code="HF-0042", first_name="Josiane", last_name="Vandamme", followup_start=D(2021, 1, 1))
    GafScoreFactory(tenant=t, date=D(2021, 1, 5), score=30)
    enter(t, flat, D(2021, 2, 1))

    wb = load_workbook(io.BytesIO(export_xlsx(2024, "fr")))

    assert wb.sheetnames == [
        "Usagers",
        "Problématiques",
        "EGF",
        "Accompagnements",
        "Déménagements",
        "Logement",
        "Matériel RdR",
        "Demandes",  # the intake block (issue 18)
    ]
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Personnes accompagnées" in cells
    assert not any(secret in cell for cell in cells for secret in ("Josiane", "Vandamme", "HF-0042"))
    gaf = wb["EGF"]
    rows = [[c.value for c in row][:3] for row in gaf.iter_rows()]
    assert ["Locataire", "Score entrée", "Score actuel"] in rows
    assert [1, 30, 30] in rows


def test_a_partner_name_cannot_become_a_formula(make_flat, enter):
    t = TenantFactory(followup_start=D(2021, 1, 1))
    enter(t, make_flat("D-7100", partner='=HYPERLINK("http://evil.example","x")'), D(2021, 2, 1))

    ws = load_workbook(io.BytesIO(export_xlsx(2024, "fr")))["Logement"]
    values = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]

    assert len(values) == 1
    assert values[0].value.startswith("'=")
    assert values[0].data_type == "s"
