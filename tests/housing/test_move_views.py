"""The move form shows each rule's message on its field; the death follow-up
closes the housing in one atomic call."""

import datetime as dt

import pytest
from django.urls import reverse

from housing.models import ExitTo, Lease, Move, MoveKind, Stay
from housing.services import move_record
from tests.factories import LeaseFactory, TenantFactory

D = dt.date
URL = "/logement/mouvements/nouveau/"


@pytest.fixture
def bob_client(bob, client_for):
    return client_for(bob)


def post_move(client, **data):
    data = {"note": "", "dwelling": "", "exit_to": "", **data}
    return client.post(URL, {k: ("" if v is None else v) for k, v in data.items()})


def form_errors(response) -> dict:
    form = response.context["form"]
    return {k: [str(e) for e in v] for k, v in form.errors.items()}


def test_it_records_a_transfer_and_goes_back_to_the_tenant(bob_client, tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 1, 1))
    response = post_move(bob_client, tenant=tenant.pk, date="2024-02-01", kind="TRANSFER", dwelling=flat2.pk)
    assert response.status_code == 302 and response.url == reverse("tenants:detail", args=[tenant.pk])
    assert Stay.objects.get(tenant=tenant, end__isnull=True).dwelling == flat2
    assert Move.objects.get(tenant=tenant, date=D(2024, 2, 1)).history.first().history_user.username == "bob"


def test_the_form_refuses_an_entry_while_housed(bob_client, tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 1, 1))
    response = post_move(bob_client, tenant=tenant.pk, date="2024-02-01", kind="ENTRY", dwelling=flat2.pk)
    assert response.status_code == 200
    assert form_errors(response) == {
        "kind": [
            "Type : entrée impossible, le·la locataire occupe déjà le logement D-0100 le 01/02/2024. "
            "Enregistrez un déménagement ou une sortie."
        ]
    }


def test_the_form_refuses_a_transfer_or_exit_while_not_housed(bob_client, tenant, flat):
    response = post_move(bob_client, tenant=tenant.pk, date="2024-02-01", kind="TRANSFER", dwelling=flat.pk)
    assert form_errors(response) == {
        "kind": [
            "Type : déménagement impossible, le·la locataire n'est pas logé·e le 01/02/2024. "
            "Enregistrez une entrée en logement."
        ]
    }
    response = post_move(bob_client, tenant=tenant.pk, date="2024-02-01", kind="EXIT", exit_to="STREET")
    assert form_errors(response) == {
        "kind": ["Type : sortie impossible, le·la locataire n'est pas logé·e le 01/02/2024."]
    }
    assert not Move.objects.exists()


def test_the_form_refuses_two_moves_on_one_day(bob_client, tenant, flat, flat2, enter):
    enter(tenant, flat, D(2024, 2, 1))
    response = post_move(bob_client, tenant=tenant.pk, date="2024-02-01", kind="TRANSFER", dwelling=flat2.pk)
    assert form_errors(response) == {
        "date": [
            "Date : ce·tte locataire a déjà un mouvement le 01/02/2024 (Entrée en logement) ; un seul mouvement par jour."
        ]
    }


def test_the_form_refuses_a_full_dwelling(bob_client, tenant, other, flat, enter):
    enter(other, flat, D(2023, 1, 1))
    response = post_move(bob_client, tenant=tenant.pk, date="2024-02-01", kind="ENTRY", dwelling=flat.pk)
    assert form_errors(response) == {"dwelling": ["Logement : D-0100 est complet le 01/02/2024 (capacité : 1)."]}


def test_the_form_refuses_a_date_outside_the_followup(bob_client, tenant, flat):
    response = post_move(bob_client, tenant=tenant.pk, date="2019-06-01", kind="ENTRY", dwelling=flat.pk)
    assert form_errors(response) == {"date": ["Date : elle précède le début de l'accompagnement (01/01/2020)."]}


def test_the_form_requires_a_destination(bob_client, tenant):
    response = post_move(bob_client, tenant=tenant.pk, date="2024-02-01", kind="ENTRY")
    assert form_errors(response) == {
        "dwelling": ["Logement de destination : obligatoire pour une entrée ou un déménagement."]
    }
    response = post_move(bob_client, tenant=tenant.pk, date="2024-02-01", kind="EXIT")
    assert "exit_to" in form_errors(response)


def test_a_hidden_destination_that_does_not_fit_the_kind_is_ignored(bob_client, tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 1, 1))
    response = post_move(
        bob_client, tenant=tenant.pk, date="2024-02-01", kind="EXIT", exit_to="STREET", dwelling=flat2.pk
    )
    assert response.status_code == 302
    move = Move.objects.get(date=D(2024, 2, 1))
    assert (move.kind, move.dwelling, move.exit_to) == ("EXIT", None, "STREET")


def test_editing_a_move_is_checked_again(bob_client, tenant, other, flat, enter):
    enter(tenant, flat, D(2023, 1, 1))
    exit_move = move_record(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    enter(other, flat, D(2023, 7, 1))
    url = reverse("housing:move_edit", args=[exit_move.pk])
    response = bob_client.post(
        url, {"date": "2023-08-01", "kind": "EXIT", "exit_to": "STREET", "dwelling": "", "note": ""}
    )
    assert form_errors(response) == {"date": ["Logement : D-0100 est complet le 01/07/2023 (capacité : 1)."]}
    response = bob_client.post(
        url, {"date": "2023-06-20", "kind": "EXIT", "exit_to": "INSTITUTION", "dwelling": "", "note": "hôpital"}
    )
    assert response.status_code == 302
    exit_move.refresh_from_db()
    assert (exit_move.date, exit_move.exit_to) == (D(2023, 6, 20), "INSTITUTION")


def test_a_delete_that_breaks_history_is_refused_on_the_page(bob_client, tenant, flat, enter):
    entry = enter(tenant, flat, D(2023, 1, 1))
    move_record(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    response = bob_client.post(reverse("housing:move_delete", args=[entry.pk]))
    assert response.status_code == 200
    assert response.context["errors"] == [
        "Suppression impossible : le mouvement du 01/06/2023 (Sortie de logement) deviendrait incohérent : "
        "le·la locataire ne serait pas logé·e."
    ]
    assert Move.objects.filter(pk=entry.pk).exists()


def test_the_move_form_starts_from_the_tenant_state(bob_client, tenant, flat, enter):
    response = bob_client.get(URL + f"?locataire={tenant.pk}")
    assert response.context["form"].initial["kind"] == "ENTRY"
    enter(tenant, flat, D(2023, 1, 1))
    response = bob_client.get(URL + f"?locataire={tenant.pk}")
    assert response.context["form"].initial["kind"] == "TRANSFER"
    assert "Logement actuel" in response.content.decode()


# --- death ------------------------------------------------------------------


@pytest.fixture
def housed_then_deceased(tenant, flat, enter):
    enter(tenant, flat, D(2022, 1, 1))
    lease = LeaseFactory(tenant=tenant, dwelling=flat, start=D(2022, 1, 1))
    tenant.followup_end = D(2024, 3, 10)
    tenant.end_reason = "DECEASED"
    tenant.save()
    return tenant, lease


def test_the_death_page_records_the_exit_and_ends_the_lease(bob_client, housed_then_deceased):
    tenant, lease = housed_then_deceased
    url = reverse("housing:death_followup", args=[tenant.pk])
    page = bob_client.get(url)
    assert page.context["stay"] and page.context["running"] == [lease]
    response = bob_client.post(url, {"record_exit": "on", "end_leases": "on"})
    assert response.status_code == 302
    exit_move = Move.objects.get(tenant=tenant, kind="EXIT")
    assert (exit_move.date, exit_move.exit_to) == (D(2024, 3, 10), "DEATH")
    lease.refresh_from_db()
    assert lease.end == D(2024, 3, 10)
    assert Stay.objects.get(tenant=tenant).end == D(2024, 3, 10)


def test_the_death_closure_is_atomic(bob_client, housed_then_deceased, monkeypatch):
    """If ending the lease fails after the exit was recorded, neither is kept."""
    from django.core.exceptions import ValidationError

    from housing import services

    tenant, lease = housed_then_deceased

    def refuse(**kwargs):
        raise ValidationError({"end": ["refusé pour le test"]})

    monkeypatch.setattr(services, "lease_save", refuse)
    response = bob_client.post(
        reverse("housing:death_followup", args=[tenant.pk]), {"record_exit": "on", "end_leases": "on"}
    )
    assert response.status_code == 200
    assert "refusé pour le test" in response.content.decode()
    lease.refresh_from_db()
    assert lease.end is None
    assert not Move.objects.filter(tenant=tenant, kind="EXIT").exists()
    assert Stay.objects.get(tenant=tenant).end is None


def test_the_tenants_end_followup_leads_to_the_death_page(alice, client_for, tenant, flat, enter):
    enter(tenant, flat, D(2022, 1, 1))
    response = client_for(alice).post(
        reverse("tenants:end_followup", args=[tenant.pk]), {"end_date": "2024-03-10", "reason": "DECEASED"}
    )
    assert response.status_code == 302 and response.url == reverse("housing:death_followup", args=[tenant.pk])
    page = client_for(alice).get(response.url)
    assert page.status_code == 200 and page.context["form"] is None  # Support reads; the housing team closes
    assert "L'équipe logement clôturera le logement" in page.content.decode()


def test_the_death_page_is_only_for_a_deceased_tenant(bob_client, tenant):
    assert bob_client.get(reverse("housing:death_followup", args=[tenant.pk])).status_code == 404


def test_a_housed_deceased_tenant_shows_on_the_housing_home(bob_client, housed_then_deceased):
    tenant, _lease = housed_then_deceased
    page = bob_client.get(reverse("housing:index"))
    assert [t.pk for t in page.context["deaths"]] == [tenant.pk]
    bob_client.post(reverse("housing:death_followup", args=[tenant.pk]), {"record_exit": "on", "end_leases": "on"})
    assert list(bob_client.get(reverse("housing:index")).context["deaths"]) == []


def test_lease_end_is_the_death_date_even_when_only_the_lease_is_closed(bob_client, tenant, flat):
    lease = LeaseFactory(tenant=tenant, dwelling=flat, start=D(2022, 1, 1))
    tenant.followup_end, tenant.end_reason = D(2024, 3, 10), "DECEASED"
    tenant.save()
    response = bob_client.post(reverse("housing:death_followup", args=[tenant.pk]), {"end_leases": "on"})
    assert response.status_code == 302
    assert Lease.objects.get(pk=lease.pk).end == D(2024, 3, 10)
    other_tenant = TenantFactory()
    assert bob_client.get(reverse("housing:death_followup", args=[other_tenant.pk])).status_code == 404
