"""The PDF chapter: opens, has the sections, prints the figures, names nobody."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from reports.exports import export_pdf
from smes.lib.pdf import BASE_URL, StaticOnlyFetcher
from tests.factories import AssessmentFactory, GafScoreFactory, TenantFactory, VisitFactory

D = dt.date
pytestmark = pytest.mark.django_db
NAMES = ["Josiane", "Vandamme", "HF-0042", "Omar", "Benali", "HF-0043", "Ilse", "Peeters", "HF-0044"]


@pytest.fixture
def chapter(flat, enter):
    josiane = TenantFactory(
        code="HF-0042", first_name="Josiane", last_name="Vandamme", sex="F", followup_start=D(2021, 1, 1)
    )
    omar = TenantFactory(code="HF-0043", first_name="Omar", last_name="Benali", followup_start=D(2022, 1, 1))
    ilse = TenantFactory(
        code="HF-0044",
        first_name="Ilse",
        last_name="Peeters",
        sex="F",
        followup_start=D(2022, 3, 1),
        followup_end=D(2024, 8, 1),
        end_reason="DECEASED",
    )
    enter(josiane, flat, D(2021, 2, 1))
    for t, entry, current in ((josiane, 30, 62), (omar, 40, 41), (ilse, 20, 35)):
        GafScoreFactory(tenant=t, date=t.followup_start, score=entry)
        GafScoreFactory(tenant=t, date=D(2024, 6, 1), score=current)
    AssessmentFactory(tenant=josiane, date=D(2024, 5, 1), depression=True, p_alcohol=True)
    AssessmentFactory(tenant=omar, date=D(2024, 5, 1), hallucinations=True, crack_inhalation=True)
    for day in range(1, 12):
        VisitFactory(tenant=josiane, date=D(2024, 2, day), m_daily=True)
    VisitFactory(tenant=omar, date=D(2024, 2, 3), kind="EXTERNAL", m_medical=True)
    VisitFactory(tenant=omar, date=D(2023, 2, 3), kind="EXTERNAL")


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, re.sub(r"[\s\u202f\u00a0]+", " ", text)


def test_the_french_pdf_has_the_sections_figures_and_no_names(chapter):
    reader, text = _text(export_pdf(2024, "fr", today=D(2025, 2, 3)))

    assert len(reader.pages) >= 6
    for section in (
        "Présentation des usager·ère·s",
        "Analyse des problématiques rencontrées",
        "Santé mentale",
        "Consommation (actuelle)",
        "Échelle globale de fonctionnement",
        "Interprétation",
        "Réalisations en 2024",
        "Motifs des rencontres",
        "Déménagements",
        "Distribution de matériel de réduction des risques",
        "Analyse des résultats",
        "Les partenaires logement",
    ):
        assert section.upper() in text.upper(), section  # headings are set in capitals
    assert "3 personnes ont été accompagnées" in text
    assert "11 visites à domicile" in text
    assert "Cela représente un total de 12 rencontres, soit une augmentation de 1100 % par rapport à 2023" in text
    # GAF: the current mean is over the two living tenants (62 + 41) / 2.
    assert "51,5" in text and "moyenne actuelle (n = 2 personnes en vie)" in text
    assert "Décédé·e" in text
    assert "Dépression majeure et/ou chronique : 50 %" in text
    assert "exporté le 3 février 2025" in text
    for secret in NAMES:
        assert secret not in text, secret
    # The page footer numbers the pages.
    assert re.search(r"\b2 / \d+\b", text)


def test_above_six_pages_of_gaf_rows_the_pdf_points_to_the_xlsx(chapter, monkeypatch):
    """A network or a federation: the per-tenant GAF table would run to dozens
    of pages; the PDF keeps the means and the distribution chart and says
    where the table is. (The limit is lowered here instead of creating a
    thousand tenants.)"""
    from reports.blocks import gaf

    assert gaf.PDF_GAF_MAX_ROWS == 6 * gaf.GAF_PAGE_ROWS
    _reader, full = _text(export_pdf(2024, "fr", today=D(2025, 2, 3)))
    assert "SCORE ENTRÉE" in full.upper() and "figure dans le fichier Excel" not in full

    monkeypatch.setattr(gaf, "PDF_GAF_MAX_ROWS", 2)
    _reader, text = _text(export_pdf(2024, "fr", today=D(2025, 2, 3)))
    assert "SCORE ENTRÉE" not in text.upper() and "Décédé·e" not in text
    assert "Le tableau des scores par locataire (3 lignes) figure dans le fichier Excel" in text
    assert "moyenne actuelle (n = 2 personnes en vie)" in text
    _reader, dutch = _text(export_pdf(2024, "nl", today=D(2025, 2, 3)))
    assert "Excel" in dutch and "figure dans" not in dutch


def test_the_dutch_pdf_speaks_dutch(chapter):
    _reader, text = _text(export_pdf(2024, "nl", today=D(2025, 2, 3)))

    upper = text.upper()
    for heading in (
        "Voorstelling van de gebruikers",
        "Geestelijke gezondheid",
        "Globale beoordeling van het functioneren (GAF)",
        "Verwezenlijkingen in 2024",
        "Analyse van de resultaten",
        "Interpretatie",
    ):
        assert heading.upper() in upper, heading
    assert "Overleden" in text
    assert "geëxporteerd op 3 februari 2025" in text
    assert "PRÉSENTATION DES USAGER·ÈRE·S" not in upper
    for secret in NAMES:
        assert secret not in text


def test_the_command_writes_the_pdf(chapter, tmp_path):
    out = tmp_path / "rapport.pdf"
    call_command(
        "annual_report", "--year", "2024", "--format", "pdf", "--output", str(out), "--lang", "fr", stderr=io.StringIO()
    )
    assert out.read_bytes()[:5] == b"%PDF-"


def test_the_pdf_fetcher_serves_only_static_files():
    fetcher = StaticOnlyFetcher()
    css = fetcher.fetch(BASE_URL + "static/css/reports-pdf.css")
    assert css.content_type == "text/css" and b"@page" in css.read()
    for url in (
        "https://example.org/static/css/reports-pdf.css",
        "file:///etc/passwd",
        BASE_URL + "admin/",
        BASE_URL + "static/../smes/settings.py",
        BASE_URL + "static/css/nothing-here.css",
    ):
        with pytest.raises(Exception):  # noqa: B017 - any refusal stops the fetch
            fetcher.fetch(url)
