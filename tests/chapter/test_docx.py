"""The Word export of the whole chapter (issue 17): read back with
python-docx (headings, the texts with their figures, real tables, the
charts as images, the page-number field), and, where LibreOffice is
checked as a package (every part well-formed, typed, every link resolving),
and opened in LibreOffice headless (converted to PDF, its text read).
`make test` installs LibreOffice Writer where it can
(scripts/ensure-libreoffice); without it that test skips locally and fails
in CI, like the browser tests without Chromium."""

import datetime as dt
import io
import posixpath
import shutil
import subprocess
import zipfile
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from chapter.services import chapter_text_save
from tests.conftest import IN_CI
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


def test_every_part_of_the_package_is_well_formed_and_every_link_resolves(texts, tmp_path):
    """What makes Word or LibreOffice refuse a file: a part that is not XML,
    a part without a content type, a relationship pointing nowhere."""
    _docx(tmp_path, "fr")
    with zipfile.ZipFile(tmp_path / "chapter-fr.docx") as package:
        names = set(package.namelist())
        types = ElementTree.fromstring(package.read("[Content_Types].xml"))
        defaults = {e.get("Extension") for e in types if e.tag.endswith("Default")}
        overrides = {e.get("PartName").lstrip("/") for e in types if e.tag.endswith("Override")}
        for name in names - {"[Content_Types].xml"}:
            assert name in overrides or name.rsplit(".", 1)[-1] in defaults, f"{name} has no content type"
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(package.read(name))
        for rels in (n for n in names if n.endswith(".rels")):
            base = rels.replace("_rels/", "").removesuffix(".rels").rpartition("/")[0]
            for rel in ElementTree.fromstring(package.read(rels)):
                if rel.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(base, rel.get("Target"))).lstrip("/")
                assert target in names, f"{rels} points to missing {target}"


def test_libreoffice_opens_it_and_prints_the_texts(texts, tmp_path):
    if shutil.which("soffice") is None:
        if IN_CI:
            pytest.fail("LibreOffice (soffice) not found: `make test` installs it (scripts/ensure-libreoffice)")
        pytest.skip("LibreOffice is not installed (scripts/ensure-libreoffice)")
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
