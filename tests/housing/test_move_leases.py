"""A transfer or an exit ends, in the same step, the lease of the dwelling
left (on the move's date); the tenant card shows only the lease of the
dwelling the tenant lives in. "Y installer quelqu'un" and "installer dans ce
logement" open the move form already filled in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from housing.models import Lease, LeaseKind, Move, MoveKind
from housing.services import move_record
from tests.factories import LeaseFactory

D = dt.date
URL = reverse("housing:move_create")
TODAY = D(2025, 6, 15)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2025, 6, 15, 10, 0), tick=False):
        yield


@pytest.fixture
def bob_client(bob, client_for):
    return client_for(bob)


@pytest.fixture
def housed(tenant, flat, enter):
    """Tenant in D-0100 since 2023 with a sliding lease of 690 € there."""
    enter(tenant, flat, D(2023, 1, 1))
    lease = LeaseFactory(
        tenant=tenant, dwelling=flat, kind=LeaseKind.SLIDING, start=D(2023, 1, 1), rent=Decimal("640"), charges=50
    )
    return lease


def post_move(client, **data):
    data = {"note": "", "dwelling": "", "exit_to": "", **data}
    return client.post(URL, {k: ("" if v is None else v) for k, v in data.items()})


# --------------------------------------------------------------------------
# Service


def test_a_transfer_can_end_the_lease_of_the_dwelling_left(tenant, flat, flat2, housed):
    other_tenant_lease = LeaseFactory(dwelling=flat2, start=D(2022, 1, 1))
    move = move_record(tenant=tenant, date=D(2025, 3, 1), kind=MoveKind.TRANSFER, dwelling=flat2, end_leases=True)
    housed.refresh_from_db()
    assert housed.end == D(2025, 3, 1)
    assert move.ended_leases == [housed]
    other_tenant_lease.refresh_from_db()
    assert other_tenant_lease.end is None


def test_an_exit_can_end_the_lease_and_by_default_nothing_is_ended(tenant, flat, housed):
    move_record(tenant=tenant, date=D(2025, 3, 1), kind=MoveKind.EXIT, exit_to="STREET")
    housed.refresh_from_db()
    assert housed.end is None
    Move.objects.get(tenant=tenant, date=D(2025, 3, 1)).delete()
    move_record(tenant=tenant, date=D(2025, 3, 1), kind=MoveKind.EXIT, exit_to="STREET", end_leases=True)
    housed.refresh_from_db()
    assert housed.end == D(2025, 3, 1)


def test_a_lease_already_ended_or_elsewhere_is_left_alone(tenant, flat, flat2, couple_flat, housed):
    ended = LeaseFactory(tenant=tenant, dwelling=flat, start=D(2020, 1, 1), end=D(2022, 12, 31))
    next_one = LeaseFactory(tenant=tenant, dwelling=flat2, start=D(2025, 2, 15))  # signed before moving in
    move_record(tenant=tenant, date=D(2025, 3, 1), kind=MoveKind.TRANSFER, dwelling=flat2, end_leases=True)
    for lease, end in [(ended, D(2022, 12, 31)), (next_one, None), (housed, D(2025, 3, 1))]:
        lease.refresh_from_db()
        assert lease.end == end


def test_a_refused_move_ends_no_lease(tenant, flat, flat2, other, housed, enter):
    enter(other, flat2, D(2024, 1, 1))  # flat2 is full
    with pytest.raises(ValidationError):
        move_record(tenant=tenant, date=D(2025, 3, 1), kind=MoveKind.TRANSFER, dwelling=flat2, end_leases=True)
    housed.refresh_from_db()
    assert housed.end is None


# --------------------------------------------------------------------------
# The form and the card


def test_the_transfer_form_offers_to_end_the_lease_left(bob_client, tenant, flat, flat2, housed):
    html = bob_client.get(URL, {"locataire": tenant.pk}).content.decode()
    assert 'name="end_leases"' in html and "checked" in html.split('name="end_leases"')[1].split(">")[0]
    assert "Bail glissant" in html and "690,00" in html and "D-0100" in html
    response = post_move(
        bob_client, tenant=tenant.pk, date="2025-03-01", kind="TRANSFER", dwelling=flat2.pk, end_leases="on"
    )
    assert response.status_code == 302
    housed.refresh_from_db()
    assert housed.end == D(2025, 3, 1)
    card = bob_client.get(reverse("tenants:detail", args=[tenant.pk])).content.decode()
    assert "Bail glissant du logement D-0100 terminé le 01/03/2025." in card  # the message
    panel = card.split('id="logement"')[1].split("</section>")[0]
    current = panel.split("Historique")[0]
    assert "D-0200" in current and "Bail glissant" not in current
    # No lease yet for the new dwelling: said, with a link to record it.
    assert "Aucun bail en cours pour D-0200." in current
    assert f"{reverse('housing:lease_create')}?logement={flat2.pk}&amp;locataire={tenant.pk}" in current


def test_the_card_never_shows_the_lease_of_a_dwelling_left(bob_client, tenant, flat, flat2, housed):
    # Transfer recorded without ending the lease (an old record, or unticked).
    post_move(bob_client, tenant=tenant.pk, date="2025-03-01", kind="TRANSFER", dwelling=flat2.pk)
    housed.refresh_from_db()
    assert housed.end is None
    card = bob_client.get(reverse("tenants:detail", args=[tenant.pk])).content.decode()
    current = card.split('id="logement"')[1].split("</section>")[0].split("Historique")[0]
    assert "D-0200" in current
    # Not shown as the lease of the current dwelling…
    assert "690,00" not in current.split('class="left-lease')[0]
    # …but flagged as still running on the dwelling left, with a way to end it.
    assert "left-lease" in current and reverse("housing:lease_edit", args=[housed.pk]) in current


def test_the_card_shows_the_lease_of_the_current_dwelling(bob_client, tenant, flat, flat2, housed):
    post_move(bob_client, tenant=tenant.pk, date="2025-03-01", kind="TRANSFER", dwelling=flat2.pk, end_leases="on")
    LeaseFactory(tenant=tenant, dwelling=flat2, kind=LeaseKind.STANDARD, start=D(2025, 3, 1), rent=500, charges=20)
    card = bob_client.get(reverse("tenants:detail", args=[tenant.pk])).content.decode()
    current = card.split('id="logement"')[1].split("</section>")[0].split("Historique")[0]
    assert "Bail standard" in current and "520,00" in current
    assert "Bail glissant" not in current and "left-lease" not in current


def test_an_entry_form_hides_nothing_it_would_not_do(bob_client, tenant, flat):
    response = post_move(
        bob_client, tenant=tenant.pk, date="2025-03-01", kind="ENTRY", dwelling=flat.pk, end_leases="on"
    )
    assert response.status_code == 302
    assert Lease.objects.count() == 0


# --------------------------------------------------------------------------
# Pre-filled move form


def test_install_someone_from_a_dwelling_prefills_it(bob_client, flat):
    html = bob_client.get(reverse("housing:dwelling_detail", args=[flat.pk])).content.decode()
    link = f"{URL}?logement={flat.pk}&amp;type=ENTRY"
    assert link in html
    form = bob_client.get(URL, {"logement": flat.pk, "type": "ENTRY"}).context["form"]
    assert form["dwelling"].value() == flat.pk and form["kind"].value() == "ENTRY"


def test_install_from_a_lease_prefills_tenant_dwelling_and_kind(bob_client, tenant, flat, flat2, housed):
    lease = LeaseFactory(tenant=tenant, dwelling=flat2, start=D(2025, 6, 1))
    html = bob_client.get(reverse("housing:lease_detail", args=[lease.pk])).content.decode()
    link = f"{URL}?locataire={tenant.pk}&amp;logement={flat2.pk}"
    assert link in html and "installer dans ce logement" in html.lower()
    form = bob_client.get(URL, {"locataire": tenant.pk, "logement": flat2.pk}).context["form"]
    # housed elsewhere: a transfer
    assert form["dwelling"].value() == flat2.pk and form["kind"].value() == "TRANSFER"
    assert form["tenant"].value() == tenant.pk
    # The lease of the dwelling the tenant already lives in offers no install…
    html = bob_client.get(reverse("housing:lease_detail", args=[housed.pk])).content.decode()
    assert "installer dans ce logement" not in html.lower()
    # …nor the lease of a dwelling left (it is to be ended, not moved into).
    post_move(bob_client, tenant=tenant.pk, date="2025-06-10", kind="TRANSFER", dwelling=flat2.pk)
    html = bob_client.get(reverse("housing:lease_detail", args=[housed.pk])).content.decode()
    assert "installer dans ce logement" not in html.lower()


def test_a_bad_prefill_is_ignored(bob_client, flat):
    form = bob_client.get(URL, {"logement": "x", "type": "NOPE"}).context["form"]
    assert form["dwelling"].value() is None and form["kind"].value() is None
