"""The Word export of the whole chapter (issue 17): read back with
python-docx (headings, the texts with their figures, real tables, the
charts as images, the page-number field), and, where LibreOffice is
installed (`soffice`; not part of the project's machine image), converted
to PDF headless and its text checked."""

import datetime as dt
import io
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from chapter.services import chapter_text_save
from tests.factories import TenantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def texts(diane):
    TenantFactory.create_batch(3, followup_start=dt.date(2022, 1, 1))
    save = dict(user=diane, year=2024, values={"tenants.accompanied": 3})
    chapter_text_save(
        **save,
        section="introduction",
        language="fr",
        body="## Contexte\n\nEn tout, **{tenants.accompanied}** personnes.\n\n- un\n- deux",
    )
    chapter_text_save(**save, section="introduction", language="nl", body="In totaal {tenants.accompanied} personen.")


def _docx(tmp_path, lang):
    out = tmp_path / f"chapter-{lang}.docx"
    call_command(
        "annual_report", "--year", "2024", "--format", "docx", "--lang", lang, "--output", str(out), stderr=StringIO()
    )
    return Document(io.BytesIO(out.read_bytes()))


def test_the_word_file_holds_the_chapter_with_its_figures(texts, tmp_path):
    doc = _docx(tmp_path, "fr")
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Heading 1", "Introduction") in paragraphs
    assert ("Heading 3", "Contexte") in paragraphs
    assert ("Normal", "En tout, 3 personnes.") in paragraphs
    assert ("List Bullet", "un") in paragraphs
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold]
    assert "3" in bold
    headings = [t for s, t in paragraphs if s.startswith("Heading")]
    assert headings.index("Introduction") < headings.index("Présentation des usager·ère·s")
    assert len(doc.tables) > 5 and doc.tables[0].rows[0].cells[1].text == "2024"
    assert len(doc.inline_shapes) >= 5  # the charts, as PNG
    footer = doc.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer


def test_the_dutch_word_file_is_in_dutch(texts, tmp_path):
    doc = _docx(tmp_path, "nl")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "In totaal 3 personen." in text and "En tout" not in text
    assert doc.core_properties.language == "nl"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it_and_prints_the_texts(texts, tmp_path):
    _docx(tmp_path, "fr")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "chapter-fr.docx")],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    reader = PdfReader(tmp_path / "chapter-fr.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "En tout, 3 personnes." in text and "Présentation des usager·ère·s" in text
    assert len(reader.pages) >= 3
