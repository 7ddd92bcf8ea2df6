"""The chapter's texts in the report: page, PDF in both languages, JSON (issue 17)."""

import datetime as dt
import io
import json

import pytest
import time_machine
from pypdf import PdfReader

from chapter.services import chapter_text_save
from reports.exports import export_json, export_pdf
from tests.factories import TenantFactory

pytestmark = pytest.mark.django_db

VALUES = {"tenants.accompanied": 2, "tenants.age.mean": 41.25}


@pytest.fixture
def texts(diane):
    TenantFactory.create_batch(2, followup_start=dt.date(2022, 1, 1))
    save = dict(user=diane, year=2024, values=VALUES)
    chapter_text_save(**save, section="introduction", language="fr", body="En tout, {tenants.accompanied} personnes.")
    chapter_text_save(**save, section="introduction", language="nl", body="In totaal {tenants.accompanied} personen.")
    chapter_text_save(**save, section="perspectives", language="fr", body="Âge moyen : {tenants.age.mean} ans.")


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_json_holds_each_text_as_written_and_rendered(texts):
    data = json.loads(export_json(2024))
    sections = {s["section"]: s["texts"] for s in data["chapter"]["sections"]}
    assert list(sections)[:2] == ["introduction", "methodes"]
    assert sections["introduction"]["fr"]["source"] == "En tout, {tenants.accompanied} personnes."
    assert sections["introduction"]["fr"]["rendered"] == "En tout, 2 personnes."
    assert sections["introduction"]["nl"]["html"] == "<p>In totaal 2 personen.</p>"
    assert sections["methodes"]["fr"] == {"source": "", "rendered": "", "html": ""}
    assert data["chapter"]["locked"] is False


def test_the_pdf_prints_the_texts_with_their_figures_in_french_and_dutch(texts):
    fr = _pdf_text(export_pdf(2024, "fr"))
    assert "En tout, 2 personnes." in fr and "Perspectives" in fr
    nl = _pdf_text(export_pdf(2024, "nl"))
    assert "In totaal 2 personen." in nl and "En tout" not in nl


@time_machine.travel(dt.datetime(2025, 6, 1, 12, 0), tick=False)
def test_the_report_page_shows_the_texts_and_the_editors_link(texts, diane, maggie, client_for):
    page = client_for(maggie).get("/rapports/?annee=2024").content.decode()
    assert "En tout, 2 personnes." in page and "/chapitre/2024/" not in page
    page = client_for(diane).get("/rapports/?annee=2024").content.decode()
    assert 'href="/chapitre/2024/"' in page
    page = client_for(diane).get("/rapports/?annee=2020").content.decode()
    assert 'href="/chapitre/2020/"' not in page  # the editor is offered for the recent years
