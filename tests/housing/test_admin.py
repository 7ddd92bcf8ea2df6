"""The admin goes through the same rules as the move form (Admin edits
partners, dwellings, leases and moves; docs/rights.md)."""

import datetime as dt

from django.urls import reverse

from housing.models import ExitTo, Move, MoveKind, Stay
from housing.services import move_record

D = dt.date


def _add_move(client, **data):
    return client.post(reverse("admin:housing_move_add"), {"note": "", "exit_to": "", "dwelling": "", **data})


def test_the_admin_refuses_a_move_that_breaks_a_rule(adam, client_for, tenant, other, flat, enter):
    enter(other, flat, D(2023, 1, 1))
    response = _add_move(client_for(adam), tenant=tenant.pk, date="2024-02-01", kind="ENTRY", dwelling=flat.pk)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "dwelling": ["Logement : D-0100 est complet le 01/02/2024 (capacité : 1)."]
    }
    assert not Move.objects.filter(tenant=tenant).exists()


def test_the_admin_records_a_valid_move_and_the_stays_follow(adam, client_for, tenant, flat):
    response = _add_move(client_for(adam), tenant=tenant.pk, date="2024-02-01", kind="ENTRY", dwelling=flat.pk)
    assert response.status_code == 302
    assert list(Stay.objects.filter(tenant=tenant).values_list("dwelling_id", "start", "end")) == [
        (flat.pk, D(2024, 2, 1), None)
    ]


def test_the_admin_cannot_delete_a_move_that_later_moves_need(adam, client_for, tenant, flat, enter):
    entry = enter(tenant, flat, D(2023, 1, 1))
    exit_move = move_record(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    client = client_for(adam)
    response = client.post(reverse("admin:housing_move_delete", args=[entry.pk]), {"post": "yes"}, follow=True)
    assert Move.objects.filter(pk=entry.pk).exists()
    assert "Suppression impossible" in response.content.decode()
    # the last move can go, and the stay opens again
    client.post(reverse("admin:housing_move_delete", args=[exit_move.pk]), {"post": "yes"})
    assert not Move.objects.filter(pk=exit_move.pk).exists()
    assert Stay.objects.get(tenant=tenant).end is None


def test_stays_and_money_are_read_only_in_the_admin(adam, client_for, tenant, flat, enter):
    enter(tenant, flat, D(2023, 1, 1))
    client = client_for(adam)
    assert client.get(reverse("admin:housing_stay_changelist")).status_code == 200
    assert client.get(reverse("admin:housing_stay_add")).status_code == 403
    assert client.get(reverse("admin:housing_guarantee_changelist")).status_code == 403  # Admin: no finance right


def test_the_admin_import_of_moves_goes_through_the_rules(adam, client_for, tenant, other, flat, enter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    enter(other, flat, D(2023, 1, 1))
    content = f"tenant,date,kind,dwelling,exit_to\n{tenant.code},2024-02-01,ENTRY,{flat.code},\n".encode()
    client = client_for(adam)
    assert client.get(reverse("admin:housing_move_import")).status_code == 200
    response = client.post(
        reverse("admin:housing_move_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("moves.csv", content, "text/csv")},
    )
    assert response.status_code == 200
    assert "Logement : D-0100 est complet le 01/02/2024 (capacité : 1)." in response.content.decode()
    assert not Move.objects.filter(tenant=tenant).exists()


def test_import_export_buttons_need_the_import_export_right(bob, client_for):
    bob.is_staff = True
    bob.save()
    assert client_for(bob).get(reverse("admin:housing_move_changelist")).status_code == 200
    assert client_for(bob).get(reverse("admin:housing_move_import")).status_code == 403
