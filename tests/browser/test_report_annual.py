"""The director opens the report, switches year and downloads the PDF, on a
phone and on a desktop (the page never scrolls sideways)."""

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.factories import GafScoreFactory, TenantFactory, VisitFactory

D = dt.date


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_director_switches_year_and_downloads_the_pdf(device, request, live_server, login, diane, tmp_path):
    page = request.getfixturevalue(device)
    shots = Path(os.environ.get("REPORT_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    t = TenantFactory(followup_start=D(2022, 1, 1))
    GafScoreFactory(tenant=t, date=D(2022, 1, 10), score=35)
    VisitFactory(tenant=t, date=D(2023, 4, 4))
    VisitFactory(tenant=t, date=D(2024, 4, 4))
    VisitFactory(tenant=t, date=D(2024, 5, 4))

    login(page, diane)
    page.goto(f"{live_server.url}/rapports/?annee=2024")
    assert page.locator("h1").inner_text() == "Rapport annuel 2024"
    assert fits(page)
    page.screenshot(path=str(shots / f"report-2024-{device}.png"), full_page=True)

    page.select_option("#id_annee", "2023")
    page.click(".year-picker button[type=submit]")
    page.wait_for_url("**/rapports/?annee=2023")
    assert page.locator("h1").inner_text() == "Rapport annuel 2023"
    assert "total de 1 rencontre (aucune rencontre enregistrée en 2022" in page.locator("#realisations").inner_text()

    with page.expect_download(timeout=60_000) as download:
        page.click("text=PDF en français")
    path = download.value.path()
    assert download.value.suggested_filename == "rapport-housing-first-2023-fr.pdf"
    assert Path(path).read_bytes()[:5] == b"%PDF-"
