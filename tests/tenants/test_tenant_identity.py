"""People and records (issue 12): one file-number format, validated
everywhere and proposed automatically; the same person is not created twice
without an explicit confirmation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tenants.models import Tenant
from tenants.services import DuplicateTenant, next_tenant_code, tenant_create
from tests.factories import TenantFactory

BAD_CODE = "Numéro de dossier : « HF- » suivi de 4 à 6 chiffres, p. ex. HF-0042."
FORM = {
    "code": "HF-0105",
    "last_name": "lefevre",
    "first_name": "ELOISE",
    "sex": "F",
    "birth_date": "1980-05-04",
    "funding": "COCOM",
    "team": "ICM",
    "referrer": "",
    "ethos": "1",
    "street_years": "2",
    "followup_start": "2024-05-01",
    "phone": "",
    "email": "",
    "legal_status": "",
    "justice_contact": "",
    "important_note": "",
}


@pytest.fixture
def eloise(db):
    return TenantFactory(code="HF-0104", last_name="Lefèvre", first_name="Éloïse", birth_date=dt.date(1980, 5, 4))


# --- the format ---------------------------------------------------------------------


@pytest.mark.parametrize("code", ["HF-0001", "HF-0042", "HF-9999", "HF-10000", "HF-123456"])
def test_the_format_accepts_the_codes_in_use(code):
    TenantFactory.build(code=code).clean_fields()


@pytest.mark.parametrize(
    "code",
    [
        'Q";filename=x.html',
        "hf 105 bis",
        "../../../evil",
        "HF-0105\r\nX-Evil: 1",
        "HF-01",
        "HF-0105 ",
        "HF-1234567",
        "",
    ],
)
def test_the_model_refuses_any_other_code(code):
    with pytest.raises(ValidationError) as exc:
        TenantFactory.build(code=code).clean_fields()
    assert "code" in exc.value.message_dict


@pytest.mark.parametrize("code", ['Q";filename=x.html', "hf 105 bis", "../../../evil"])
def test_the_form_refuses_a_bad_code_with_the_format(alice, client_for, code):
    response = client_for(alice).post("/locataires/nouveau/", {**FORM, "code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [BAD_CODE]
    assert not Tenant.objects.exists()


def test_the_form_normalises_what_is_typed(alice, client_for):
    response = client_for(alice).post("/locataires/nouveau/", {**FORM, "code": " hf-0105 "})
    assert response.status_code == 302
    assert Tenant.objects.get().code == "HF-0105"


def test_the_next_free_number_is_proposed(alice, client_for, db):
    assert next_tenant_code() == "HF-0001"
    TenantFactory(code="HF-0007")
    TenantFactory(code="HF-0104")
    assert next_tenant_code() == "HF-0105"
    response = client_for(alice).get("/locataires/nouveau/")
    assert response.context["form"]["code"].value() == "HF-0105"


def test_the_import_refuses_a_bad_code_with_file_and_line(db, tmp_path: Path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tenants.csv").write_text(
        "code,last_name,first_name,sex,birth_date,funding,team,referrer,ethos,street_years,followup_start,"
        "followup_end,end_reason\n"
        "HF-0001,Maes,Piotr,M,1967-01-14,COCOM,ICM,,1,7.0,2015-07-15,,\n"
        '"Q"";filename=x.html",Maes,Anna,F,1967-01-14,COCOM,ICM,,1,7.0,2015-07-15,,\n'
        "../../../evil,Maes,Paul,M,1967-01-14,COCOM,ICM,,1,7.0,2015-07-15,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_data", str(folder))
    errors = capsys.readouterr().err
    assert f"tenants.csv:3: code: {BAD_CODE}" in errors
    assert f"tenants.csv:4: code: {BAD_CODE}" in errors
    assert not Tenant.objects.exists()


# --- the same person twice -------------------------------------------------------------


def test_the_service_refuses_the_same_person_unless_confirmed(alice, eloise):
    fields = {
        "code": "HF-0105",
        "last_name": "LEFEVRE",
        "first_name": "eloise",
        "sex": "F",
        "birth_date": dt.date(1980, 5, 4),
        "funding": "COCOM",
        "team": "ICM",
        "ethos": 1,
        "street_years": 2,
        "followup_start": dt.date(2024, 5, 1),
    }
    with pytest.raises(DuplicateTenant) as exc:
        tenant_create(user=alice, **fields)
    assert exc.value.matches == [eloise]
    assert Tenant.objects.count() == 1
    tenant_create(user=alice, allow_duplicate=True, **fields)
    assert Tenant.objects.count() == 2


def test_a_namesake_born_another_day_is_not_a_duplicate(alice, eloise):
    tenant_create(
        user=alice,
        code="HF-0105",
        last_name="Lefèvre",
        first_name="Éloïse",
        sex="F",
        birth_date=dt.date(1980, 5, 5),
        funding="COCOM",
        team="ICM",
        ethos=1,
        street_years=2,
        followup_start=dt.date(2024, 5, 1),
    )


def test_the_form_shows_the_existing_record_and_asks_for_confirmation(alice, client_for, eloise):
    client = client_for(alice)
    response = client.post("/locataires/nouveau/", FORM)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="/locataires/{eloise.pk}/"' in page and "HF-0104" in page
    assert 'name="confirm_duplicate"' in page
    assert Tenant.objects.count() == 1
    response = client.post("/locataires/nouveau/", {**FORM, "confirm_duplicate": "on"})
    assert response.status_code == 302
    assert Tenant.objects.count() == 2
