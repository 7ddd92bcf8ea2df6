"""Tenant form and services: bad input gives a French message on the field
and writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tenants.forms import TenantForm
from tenants.models import Tenant
from tenants.services import tenant_create, tenant_update
from tests.factories import GafScoreFactory, TenantFactory

VALID = {
    "code": "hf-0100",
    "last_name": "Lambert",
    "first_name": "Nadia",
    "sex": "F",
    "birth_date": "1970-03-02",
    "funding": "SPF_TSI",
    "team": "ICM",
    "referrer": "CPAS de Bruxelles",
    "ethos": "1",
    "street_years": "4.5",
    "followup_start": "2023-05-01",
    "phone": "0470 11 22 33",
    "email": "",
    "legal_status": "TRIAL_RELEASE",
    "justice_contact": "Mme Dupont, maison de justice",
    "important_note": "",
}


def test_it_creates_a_tenant_through_the_form_and_service(alice, client_for):
    response = client_for(alice).post("/locataires/nouveau/", VALID)
    tenant = Tenant.objects.get()
    assert response.status_code == 302 and response.url == f"/locataires/{tenant.pk}/"
    assert tenant.code == "HF-0100"  # normalised
    assert tenant.legal_status == "TRIAL_RELEASE"
    assert tenant.history.first().history_user == alice


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("last_name", "", "Le champ « Nom » est obligatoire."),
        ("followup_start", "", "Le champ « Début de l'accompagnement » est obligatoire."),
        ("team", "XYZ", "« XYZ » n'est pas une valeur connue pour « Équipe »."),
        ("funding", "CPAS", "« CPAS » n'est pas une valeur connue pour « Financement »."),
        ("sex", "Q", "« Q » n'est pas une valeur connue pour « Sexe »."),
        ("ethos", "3", "« 3 » n'est pas une valeur connue pour « Catégorie ETHOS »."),
        ("birth_date", "2024-01-01", "La date de naissance doit précéder le début de l'accompagnement."),
        ("birth_date", "31/02/1970", "« Date de naissance » : saisissez une date valide."),
        ("street_years", "abc", "« Années de rue » : saisissez un nombre."),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(alice, client_for, field, value, message):
    response = client_for(alice).post("/locataires/nouveau/", {**VALID, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "Rien n'a été enregistré : corrigez les champs signalés." in response.content.decode()
    assert not Tenant.objects.exists()


def test_it_refuses_a_duplicate_code(alice, client_for):
    TenantFactory(code="HF-0100")
    response = client_for(alice).post("/locataires/nouveau/", VALID)
    assert response.context["form"].errors["code"] == ["Ce numéro de dossier est déjà celui d'un·e autre locataire."]
    assert Tenant.objects.count() == 1


def test_the_edit_form_does_not_offer_the_end_of_followup():
    assert "followup_end" not in TenantForm().fields
    assert "end_reason" not in TenantForm().fields


def test_it_refuses_moving_the_start_after_a_gaf_score(alice):
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1))
    GafScoreFactory(tenant=tenant, date=dt.date(2020, 6, 1))
    with pytest.raises(ValidationError) as exc:
        tenant_update(tenant=tenant, user=alice, followup_start=dt.date(2021, 1, 1))
    assert exc.value.message_dict == {
        "followup_start": ["Un bilan ou un score EGF du 01/06/2020 précède ce début d'accompagnement."]
    }
    tenant.refresh_from_db()
    assert tenant.followup_start == dt.date(2020, 1, 1)


def test_the_service_refuses_unknown_fields(alice):
    with pytest.raises(TypeError):
        tenant_create(user=alice, followup_end=dt.date(2020, 1, 1))


def test_edit_page_updates_identity(alice, client_for):
    tenant = TenantFactory(code="HF-0200", phone="")
    data = {**VALID, "code": "HF-0200", "phone": "02 511 22 33"}
    response = client_for(alice).post(f"/locataires/{tenant.pk}/modifier/", data)
    assert response.status_code == 302
    tenant.refresh_from_db()
    assert tenant.phone == "02 511 22 33" and tenant.last_name == "Lambert"


def test_housing_and_management_may_not_edit_a_tenant(bob, maggie, client_for):
    tenant = TenantFactory(last_name="Peeters")
    for user in (bob, maggie):
        c = client_for(user)
        assert c.get("/locataires/nouveau/").status_code == 403
        assert c.get(f"/locataires/{tenant.pk}/modifier/").status_code == 403
        assert c.post(f"/locataires/{tenant.pk}/modifier/", VALID).status_code == 403
    tenant.refresh_from_db()
    assert tenant.last_name == "Peeters"


def test_direction_and_admin_may_edit_a_tenant(diane, adam, client_for):
    tenant = TenantFactory()
    for user in (diane, adam):
        assert client_for(user).get(f"/locataires/{tenant.pk}/modifier/").status_code == 200
