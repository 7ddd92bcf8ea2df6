"""The `intake` block of the annual report: every figure, with the edge
cases (a request on 31 December, a withdrawn request, a person housed twice)."""

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from intake.selectors import intake_block
from intake.services import request_set_status
from reports import exports
from tests.intake.helpers import house, make_request, move

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def year_2025():
    # A: phone, person; eligible, waiting, housed in 2025 after 200 days.
    a = move(make_request(D(2025, 1, 10)), ("ELIGIBLE", D(2025, 1, 12)), ("WAITING", D(2025, 1, 12)))
    house(a, D(2025, 7, 29), code="HF-0901")  # 200 days
    # B: a service (free text), e-mail; eligible, followed before housing at year end.
    b = make_request(D(2025, 2, 1), requester="SERVICE", referrer="Infirmiers de rue", channel="EMAIL")
    move(b, ("ELIGIBLE", D(2025, 2, 3)), ("FOLLOWED", D(2025, 10, 1)))
    # C: withdrawn after being eligible.
    c = make_request(D(2025, 3, 1), requester="CITIZEN")
    move(c, ("ELIGIBLE", D(2025, 3, 2)), ("WITHDRAWN", D(2025, 5, 1)))
    # D: not eligible.
    d = make_request(D(2025, 4, 1), ethos="8-13")
    move(d, ("NOT_ELIGIBLE", D(2025, 4, 2)))
    # E: received on 31 December, eligible on 31 December: waiting at year end.
    e = make_request(D(2025, 12, 31))
    move(e, ("ELIGIBLE", D(2025, 12, 31)))
    # F: a 2024 request waiting, housed in 2025 after 400 days (the longest).
    f = move(make_request(D(2024, 6, 1)), ("ELIGIBLE", D(2024, 6, 2)), ("WAITING", D(2024, 6, 2)))
    house(f, D(2025, 7, 6), code="HF-0902", first_name="Paul")  # 400 days
    # G: eligible in 2025 but oriented elsewhere on 2 January 2026 (still waiting on 31 December).
    g = make_request(D(2025, 11, 1), channel="VISIT")
    move(g, ("ELIGIBLE", D(2025, 11, 2)), ("WAITING", D(2025, 11, 2)))
    request_set_status(request=g, status="ORIENTED", date=D(2026, 1, 2), reason="Projet Station", user=None)
    # H: A is housed again (lost the dwelling; relogement) in 2025 after 10 days.
    a.refresh_from_db()
    h = make_request(D(2025, 11, 20), kind="REHOUSING", tenant=a.housed_tenant)
    move(h, ("ELIGIBLE", D(2025, 11, 21)))
    request_set_status(request=h, status="HOUSED", date=D(2025, 11, 30), user=None)
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h}


def test_every_figure_of_the_block(year_2025, settings):
    b = intake_block(2025)
    assert b["received"] == 7  # A B C D E G H; F is of 2024
    assert b["by_requester"] == {"PERSON": 5, "CITIZEN": 1, "SERVICE": 1}
    assert b["by_channel"] == {"PHONE": 5, "EMAIL": 1, "VISIT": 1, "STREET": 0, "NETWORK": 0, "OTHER": 0}
    assert (b["eligible"], b["not_eligible"]) == (6, 1)  # A B C E G H; D
    assert b["entries"] == 3  # A, F, H (A housed twice: two entries…)
    assert b["entries_people"] == 2  # …one person
    assert b["waiting_end"] == 2  # E (request of 31 December) and G (oriented in 2026)
    assert b["followed_end"] == 1  # B
    assert b["wait_median_days"] == 200  # 10, 200, 400
    assert b["wait_max_days"] == 400
    assert b["closed"] == 5  # A, F, H housed; C withdrawn; D not eligible
    assert b["outcomes"] == {"NOT_ELIGIBLE": 1, "HOUSED": 3, "WITHDRAWN": 1, "LOST_CONTACT": 0, "ORIENTED": 0}


def test_the_year_before_and_after(year_2025):
    b24 = intake_block(2024)
    assert (b24["received"], b24["eligible"], b24["waiting_end"], b24["entries"]) == (1, 1, 1, 0)
    assert b24["wait_median_days"] is None and b24["wait_max_days"] is None
    b26 = intake_block(2026)
    assert b26["received"] == 0 and b26["outcomes"]["ORIENTED"] == 1 and b26["waiting_end"] == 1  # E


def test_an_empty_year_gives_zeros():
    b = intake_block(2025)
    assert b["received"] == 0 and b["entries"] == 0 and b["wait_median_days"] is None


def test_the_block_is_in_the_json_the_xlsx_the_pdf_and_the_page(year_2025, diane, client_for):
    data = json.loads(exports.export_json(2025))
    assert data["intake"]["received"] == 7 and data["intake"]["wait_max_days"] == 400
    wb = load_workbook(__import__("io").BytesIO(exports.export_xlsx(2025)))
    sheet = wb["Demandes"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["Demandes reçues", 7] in values and ["Attente la plus longue (jours)", 400] in values
    page = client_for(diane).get("/rapports/?annee=2025")
    text = page.content.decode()
    assert "Le nombre de demandes" in text and "Personnes en attente au 31 décembre" in text


def test_the_pdf_has_the_limits_part(year_2025):
    from pypdf import PdfReader

    pdf = exports.export_pdf(2025)
    text = "".join(p.extract_text() for p in PdfReader(__import__("io").BytesIO(pdf)).pages)
    assert "Le nombre de demandes" in text
    assert "Attente la plus longue" in text
