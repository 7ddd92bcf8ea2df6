"""GDPR tools: subject-access export (art. 15) and anonymisation of ended
follow-ups (art. 5(1)(e))."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from records.gdpr import ANONYMISED_LAST_NAME, anonymised_birth_date, holdings, tenants_anonymise
from records.models import AccessLog
from tenants.models import Tenant, Visit
from tests import factories as f

FORMULA = "=cmd|' /C calc'!A0"


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def _rows(archive, name) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_holdings_reach_every_record_about_a_tenant():
    labels = {h.label: h.lookup for h in holdings()}
    assert labels["tenants.visit"] == "tenant"
    assert labels["tenants.gafscore"] == "tenant"
    assert labels["housing.guarantee"] == "lease__tenant"
    assert labels["housing.guaranteerepayment"] == "guarantee__lease__tenant"
    assert labels["harmreduction.movement"] == "tenant"


def test_the_subject_access_export_holds_everything_about_the_tenant(personas, client_for, world):
    tenant = world["tenant"]
    tenant.important_note = FORMULA
    tenant.save()
    world["visit"].note = "Parle de sa soeur"
    world["visit"].save()
    archive = _zip(client_for(personas["direction"]).get(reverse("gdpr_export", args=[tenant.pk])))
    names = set(archive.namelist())
    for expected in (
        "locataire.csv",
        "tenants_visit.csv",
        "tenants_assessment.csv",
        "tenants_gafscore.csv",
        "tenants_income.csv",
        "housing_lease.csv",
        "housing_move.csv",
        "housing_guarantee.csv",
        "housing_rentmonth.csv",
        "journal_consultations.csv",
        "journal_modifications.csv",
        "acces-HF-0001.pdf",
        "LISEZMOI.txt",
    ):
        assert expected in names, expected
    person = _rows(archive, "locataire.csv")[0]
    assert person["last_name"] == "Martin" and person["code"] == "HF-0001"
    assert person["important_note"] == "'" + FORMULA  # formula neutralised
    visits = _rows(archive, "tenants_visit.csv")
    assert visits[0]["note"] == "Parle de sa soeur" and visits[0]["workers"] == "alice"
    changes = _rows(archive, "journal_modifications.csv")
    assert any(r["champ"] == "note confidentielle" and r["après"] == "Parle de sa soeur" for r in changes)
    access = _rows(archive, "journal_consultations.csv")
    assert {r["quoi"] for r in access} >= {"dossier clinique", "export RGPD (droit d'accès)"}
    pdf = PdfReader(io.BytesIO(archive.read("acces-HF-0001.pdf")))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Jeanne Martin (HF-0001)" in text
    assert "Parle de sa soeur" in text


def test_another_tenant_data_is_not_in_the_export(personas, client_for, world):
    other = f.TenantFactory(last_name="Autrepersonne")
    f.VisitFactory(tenant=other, note="ne doit pas sortir")
    archive = _zip(client_for(personas["direction"]).get(reverse("gdpr_export", args=[world["tenant"].pk])))
    blob = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".csv"))
    assert b"Autrepersonne" not in blob and b"ne doit pas sortir" not in blob


@pytest.mark.parametrize("persona", ["support", "housing", "management", "admin"])
def test_only_the_direction_may_export_a_file(personas, client_for, world, persona):
    assert client_for(personas[persona]).get(reverse("gdpr_export", args=[world["tenant"].pk])).status_code == 403


def _ended(code="HF-0100", **kw):
    values = dict(
        code=code,
        last_name="Martin",
        first_name="Jeanne",
        birth_date=dt.date(1971, 9, 23),
        followup_start=dt.date(2020, 1, 1),
        followup_end=dt.date(2021, 6, 30),
        end_reason="NO_LONGER_NEEDED",
        phone="0470 12 34 56",
        email="jeanne@example.org",
        justice_contact="Mme X, maison de justice",
        important_note="Chien dans l'appartement",
    )
    values.update(kw)
    tenant = f.TenantFactory(**values)
    tenant.phone = "0470 99 99 99"
    tenant.save()  # a second history row with the name
    f.VisitFactory(tenant=tenant, date=dt.date(2021, 3, 1), note="Parle de sa soeur Anne")
    f.VisitFactory(tenant=tenant, date=dt.date(2021, 3, 2), note="Note d'une visite supprimée ensuite").delete()
    return tenant


def test_anonymise_erases_names_contacts_and_notes_also_in_the_history(db):
    tenant = _ended()
    active = f.TenantFactory(code="HF-0200", last_name="Active", phone="02 123")
    result = tenants_anonymise(ended_before=dt.date(2022, 1, 1))
    assert result.codes == ["HF-0100"]
    tenant.refresh_from_db()
    assert tenant.last_name == ANONYMISED_LAST_NAME and tenant.first_name == "—"
    assert (tenant.phone, tenant.email, tenant.justice_contact, tenant.important_note) == ("", "", "", "")
    assert tenant.birth_date == dt.date(1971, 1, 1)
    assert tenant.code == "HF-0100" and tenant.followup_end == dt.date(2021, 6, 30)
    assert Visit.objects.get(tenant=tenant).note == ""
    assert Visit.history.filter(tenant_id=tenant.pk, history_type="-").exists()
    history = Tenant.history.filter(id=tenant.pk)
    assert history.count() >= 2
    assert not history.filter(last_name="Martin").exists()
    assert not history.exclude(phone="").exists()
    assert not history.exclude(birth_date=dt.date(1971, 1, 1)).exists()
    assert not Visit.history.filter(tenant_id=tenant.pk).exclude(note="").exists()
    active.refresh_from_db()
    assert active.last_name == "Active" and active.phone == "02 123"
    assert AccessLog.objects.filter(tenant=tenant, user=None, what__startswith="anonymisation").count() == 1


def test_anonymise_dry_run_changes_nothing(db):
    tenant = _ended()
    result = tenants_anonymise(ended_before=dt.date(2022, 1, 1), dry_run=True)
    assert result.codes == ["HF-0100"]
    tenant.refresh_from_db()
    assert tenant.last_name == "Martin"


def test_the_age_on_31_december_is_unchanged_by_keeping_the_year():
    for birth in (dt.date(1971, 1, 1), dt.date(1971, 9, 23), dt.date(1971, 12, 31), dt.date(1972, 2, 29)):
        for year in (2020, 2023, 2024):
            end = dt.date(year, 12, 31)
            original = year - birth.year - ((12, 31) < (birth.month, birth.day))
            kept = anonymised_birth_date(birth)
            assert year - kept.year - ((end.month, end.day) < (kept.month, kept.day)) == original


def test_the_command_lists_and_anonymises(db, capsys):
    _ended()
    call_command("anonymise", "--ended-before", "2022-01-01", "--dry-run")
    out = capsys.readouterr().out
    assert "HF-0100" in out and "1 tenant(s) would be anonymised" in out
    assert Tenant.objects.get(code="HF-0100").last_name == "Martin"
    call_command("anonymise", "--ended-before", "2022-01-01")
    assert "1 tenant(s) anonymised" in capsys.readouterr().out
    assert Tenant.objects.get(code="HF-0100").last_name == ANONYMISED_LAST_NAME
    call_command("anonymise", "--ended-before", "2022-01-01")
    assert "0 tenant(s) anonymised" in capsys.readouterr().out


def test_the_command_refuses_a_bad_or_future_date(db):
    with pytest.raises(CommandError, match="date AAAA-MM-JJ attendue"):
        call_command("anonymise", "--ended-before", "01/01/2022")
    with pytest.raises(CommandError, match="ne peut pas être dans le futur"):
        call_command("anonymise", "--ended-before", (dt.date.today() + dt.timedelta(days=1)).isoformat())


def _report(year: int) -> dict:
    out = io.StringIO()
    call_command("annual_report", "--year", str(year), "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_anonymisation_keeps_the_annual_reports_of_past_years_identical(db, sample_dir):
    call_command("import_data", str(sample_dir), stdout=io.StringIO())
    before = {year: _report(year) for year in (2023, 2024)}
    result = tenants_anonymise(ended_before=dt.date(2025, 1, 1))
    assert result.codes, "the sample data set has ended follow-ups"
    assert not Tenant.objects.filter(code__in=result.codes).exclude(last_name=ANONYMISED_LAST_NAME).exists()
    after = {year: _report(year) for year in (2023, 2024)}
    assert after == before


def test_the_readable_pdf_shows_the_latest_records_and_the_csv_all_of_them(personas, client_for, world):
    """The PDF of a long follow-up (900 contacts) took minutes to draw, past
    the server's timeout (issue 12). It shows the most recent records of each
    kind and says where the others are; the CSV files keep every record."""
    from records.gdpr import PDF_RECORDS_PER_SECTION

    tenant, visit = world["tenant"], world["visit"]
    extra = PDF_RECORDS_PER_SECTION + 7
    Visit.objects.bulk_create(
        [
            Visit(
                tenant=tenant,
                date=visit.date - dt.timedelta(days=i + 1),
                kind=visit.kind,
                status=visit.status,
                note=f"note numéro {i}",
            )
            for i in range(extra)
        ]
    )
    total = Visit.objects.filter(tenant=tenant).count()
    archive = _zip(client_for(personas["direction"]).get(reverse("gdpr_export", args=[tenant.pk])))
    assert len(_rows(archive, "tenants_visit.csv")) == total
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(archive.read("acces-HF-0001.pdf"))).pages)
    assert "note numéro 0" in text  # the most recent
    assert f"note numéro {extra - 1}" not in text  # the oldest: in the CSV only
    hidden = total - PDF_RECORDS_PER_SECTION
    assert f"{hidden} plus anciens" in text and "tenants_visit.csv" in text
