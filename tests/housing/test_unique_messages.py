"""A duplicate dwelling code, partner name or lease gets the team's sentence,
never Django's "Un objet Logement avec ce champ Code existe déjà": in the
forms, the admin, the services and the import (a key repeated in one file)."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from housing.models import Dwelling, Lease, Partner
from housing.services import dwelling_save, lease_save, partner_save
from tests.factories import DwellingFactory, LeaseFactory, PartnerFactory, TenantFactory

DWELLING_TAKEN = "Code : UX-01 est déjà le code d'un autre logement."
PARTNER_TAKEN = "Nom : un autre partenaire s'appelle déjà « AIS Delta »."
LEASE_TAKEN = "Ce bail existe déjà : HF-0701 a un bail pour UX-01 commençant le 01/03/2024."


@pytest.fixture
def world(db):
    partner = PartnerFactory(name="AIS Delta")
    dwelling = DwellingFactory(code="UX-01", partner=partner)
    tenant = TenantFactory(code="HF-0701")
    LeaseFactory(dwelling=dwelling, tenant=tenant, start=dt.date(2024, 3, 1))
    return partner, dwelling, tenant


def _errors(response) -> list[str]:
    form = response.context["form"] if "form" in response.context else response.context["adminform"].form
    return [str(e) for errors in form.errors.values() for e in errors]


def test_services_say_it_in_the_teams_words(world):
    partner, dwelling, tenant = world
    with pytest.raises(ValidationError) as exc:
        dwelling_save(
            dwelling=Dwelling(code="UX-01", partner=partner, address="Rue X 1", postcode="1000", commune="Bruxelles")
        )
    assert exc.value.message_dict == {"code": [DWELLING_TAKEN]}
    with pytest.raises(ValidationError) as exc:
        partner_save(partner=Partner(name="AIS Delta", kind="AIS"))
    assert exc.value.message_dict == {"name": [PARTNER_TAKEN]}
    with pytest.raises(ValidationError) as exc:
        lease_save(lease=Lease(dwelling=dwelling, tenant=tenant, kind="STANDARD", start=dt.date(2024, 3, 1), rent=1))
    assert exc.value.messages == [LEASE_TAKEN]


def test_the_sentences_are_translated(world):
    partner, _, _ = world
    for lang, word in (("nl", "woning"), ("en", "dwelling")):
        with translation.override(lang):
            with pytest.raises(ValidationError) as exc:
                dwelling_save(
                    dwelling=Dwelling(
                        code="UX-01", partner=partner, address="Rue X 1", postcode="1000", commune="Bruxelles"
                    )
                )
            message = exc.value.messages[0]
        assert "UX-01" in message and word in message.lower()


def test_the_forms_say_it(world, bob, client_for):
    partner, dwelling, tenant = world
    client = client_for(bob)
    data = {"code": "UX-01", "partner": partner.pk, "address": "Rue X 1", "postcode": "1000", "commune": "Bruxelles"}
    response = client.post(reverse("housing:dwelling_create"), {**data, "capacity": 1})
    assert _errors(response) == [DWELLING_TAKEN]
    assert "existe déjà" not in unescape(response.content.decode())
    response = client.post(reverse("housing:partner_create"), {"name": "AIS Delta", "kind": "AIS"})
    assert _errors(response) == [PARTNER_TAKEN]
    response = client.post(
        reverse("housing:lease_create"),
        {
            "dwelling": dwelling.pk,
            "tenant": tenant.pk,
            "kind": "STANDARD",
            "start": "2024-03-01",
            "rent": "1",
            "charges": "0",
        },
    )
    assert _errors(response) == [LEASE_TAKEN]


def test_the_admin_says_it(world, adam, client_for):
    partner, _, _ = world
    response = client_for(adam).post(
        reverse("admin:housing_dwelling_add"),
        {
            "code": "UX-01",
            "partner": partner.pk,
            "address": "Rue X 1",
            "postcode": "1000",
            "commune": "Bruxelles",
            "capacity": 1,
        },
    )
    assert DWELLING_TAKEN in _errors(response)


def test_a_key_repeated_in_an_import_file_is_a_row_error(db, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "partners.csv").write_text("name,kind,via\nAIS Delta,AIS,\nAIS Delta,SISP,\n", encoding="utf-8")
    (folder / "dwellings.csv").write_text(
        "code,partner,address,postcode,commune\n"
        "UX-01,AIS Delta,Rue A 1,1000,Bruxelles\n"
        "UX-02,AIS Delta,Rue B 2,1000,Bruxelles\n"
        "UX-01,AIS Delta,Rue C 3,1000,Bruxelles\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_data", str(folder))
    errors = capsys.readouterr().err
    assert f"partners.csv:3: name: {PARTNER_TAKEN[:-1]} (déjà à la ligne 2 de ce fichier)." in errors
    assert f"dwellings.csv:4: code: {DWELLING_TAKEN[:-1]} (déjà à la ligne 2 de ce fichier)." in errors
    assert Dwelling.objects.count() == 0  # nothing written
