"""The RdR pages: access per role, forms through the services, query counts."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from harmreduction.models import Item, Movement, MovementKind, Operation
from harmreduction.selectors import items_with_stock
from harmreduction.services import distribution_record, receipt_record
from records.models import AccessLog
from tests.factories import TenantFactory

from .conftest import DAY

READ_PAGES = ["stock", "movements", "yearly", "catalogue"]
MANAGE_PAGES = ["receive", "adjust", "item_add"]

# docs/rights.md: distribute = Support; receipts, adjustments,
# catalogue: read Support, edit Management/Direction/Admin; Housing: nothing.
EXPECTED = {
    "support": {"read": 200, "distribute": 200, "manage": 403},
    "housing": {"read": 403, "distribute": 403, "manage": 403},
    "management": {"read": 200, "distribute": 403, "manage": 200},
    "direction": {"read": 200, "distribute": 403, "manage": 200},
    "admin": {"read": 200, "distribute": 403, "manage": 200},
    "outsider": {"read": 403, "distribute": 403, "manage": 403},
}


def stock_of(code: str) -> int:
    return items_with_stock().get(code=code).stock


def test_every_page_answers_each_role_as_the_spec_says(personas, client_for):
    item = Item.objects.get(code="BD")
    for role, user in personas.items():
        client = client_for(user)
        for name in READ_PAGES:
            assert client.get(reverse(f"harmreduction:{name}")).status_code == EXPECTED[role]["read"], (role, name)
        assert client.get(reverse("harmreduction:distribute")).status_code == EXPECTED[role]["distribute"], role
        for name in MANAGE_PAGES:
            assert client.get(reverse(f"harmreduction:{name}")).status_code == EXPECTED[role]["manage"], (role, name)
        edit = client.get(reverse("harmreduction:item_edit", args=[item.pk]))
        assert edit.status_code == EXPECTED[role]["manage"], role


def test_anonymous_users_are_sent_to_the_login_page(client, db):
    response = client.get(reverse("harmreduction:stock"))
    assert response.status_code == 302 and response.url.startswith("/connexion/")


def test_a_forbidden_post_writes_nothing(alice, bob, client_for):
    bd = Item.objects.get(code="BD")
    response = client_for(alice).post(
        reverse("harmreduction:receive"), {"date": "2024-03-01", "supplier": "MV", f"q_{bd.pk}": "10"}
    )
    assert response.status_code == 403
    response = client_for(bob).post(reverse("harmreduction:distribute"), {"date": "2024-03-01", f"q_{bd.pk}": "1"})
    assert response.status_code == 403
    assert not Movement.objects.exists()


def test_the_stock_page_highlights_low_and_empty_items(maggie, client_for):
    bd, h2o = Item.objects.get(code="BD"), Item.objects.get(code="H2O")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, bd.threshold - 1), (h2o, h2o.threshold + 5)])
    page = client_for(maggie).get(reverse("harmreduction:stock")).content.decode()
    assert 'class="rdr-level is-low"' in page and "Seringue BD (normale)" in page
    row = page.split("Seringue BD (normale)")[1].split("</li>")[0]
    assert f"<strong>{bd.threshold - 1}</strong>" in row and "seuil" in row
    h2o_row = page.split("Eau stérile (H2O)")[1].split("</li>")[0]
    assert "badge" not in h2o_row
    garrot_row = page.split("Garrot <")[0].rsplit("<li", 1)[1]
    assert "is-empty" in garrot_row


def test_a_support_worker_distributes_several_items_to_a_tenant(alice, maggie, client_for):
    bd, h2o = Item.objects.get(code="BD"), Item.objects.get(code="H2O")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 10), (h2o, 10)])
    tenant = TenantFactory()
    response = client_for(alice).post(
        reverse("harmreduction:distribute"),
        {"date": "2024-03-02", "tenant": tenant.pk, f"q_{bd.pk}": "3", f"q_{h2o.pk}": "2"},
    )
    assert response.status_code == 302
    op = Operation.objects.get(kind=MovementKind.DISTRIBUTION)
    assert (op.tenant, op.worker, op.date) == (tenant, alice, dt.date(2024, 3, 2))
    assert (stock_of("BD"), stock_of("H2O")) == (7, 8)


def test_the_distribution_form_refuses_beyond_stock_zero_and_nothing(alice, maggie, client_for):
    bd, h2o = Item.objects.get(code="BD"), Item.objects.get(code="H2O")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 2), (h2o, 5)])
    client = client_for(alice)
    url = reverse("harmreduction:distribute")

    response = client.post(url, {"date": "2024-03-02", f"q_{bd.pk}": "3", f"q_{h2o.pk}": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"q_{bd.pk}": ["Stock insuffisant pour « Seringue BD (normale) » : il en reste 2, 3 demandé(s)."]
    }
    assert "Rien n'a été enregistré : corrigez les champs signalés en rouge." in response.content.decode()
    response = client.post(url, {"date": "2024-03-02", f"q_{bd.pk}": "0"})
    assert response.context["form"].errors[f"q_{bd.pk}"] == [
        "« Seringue BD (normale) » : la quantité doit être un nombre entier supérieur à zéro."
    ]
    response = client.post(url, {"date": "2024-03-02", f"q_{bd.pk}": "-1"})
    assert response.context["form"].errors[f"q_{bd.pk}"] == [
        "« Seringue BD (normale) » : la quantité doit être un nombre entier supérieur à zéro."
    ]
    response = client.post(url, {"date": "2024-03-02"})
    assert response.context["form"].non_field_errors() == ["Indiquez au moins un matériel avec une quantité."]
    assert Movement.objects.filter(kind=MovementKind.DISTRIBUTION).count() == 0
    assert "Stock insuffisant" not in client.get(url).content.decode()


def test_an_unknown_or_inactive_item_cannot_be_posted(alice, maggie, client_for):
    bd = Item.objects.get(code="BD")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 5)])
    Item.objects.filter(pk=bd.pk).update(active=False)
    response = client_for(alice).post(
        reverse("harmreduction:distribute"), {"date": "2024-03-02", f"q_{bd.pk}": "1", "q_999999": "1"}
    )
    assert response.context["form"].non_field_errors() == ["Indiquez au moins un matériel avec une quantité."]
    assert not Movement.objects.filter(kind=MovementKind.DISTRIBUTION).exists()


def test_a_manager_records_a_receipt_then_an_inventory_and_a_loss(maggie, client_for):
    bd, h2o = Item.objects.get(code="BD"), Item.objects.get(code="H2O")
    client = client_for(maggie)
    response = client.post(
        reverse("harmreduction:receive"),
        {"date": "2024-03-01", "supplier": "Modus Vivendi", f"q_{bd.pk}": "100", f"q_{h2o.pk}": "50"},
    )
    assert response.status_code == 302
    assert Operation.objects.get(kind="RECEIPT").reference == "Modus Vivendi"

    url = reverse("harmreduction:adjust")
    response = client.post(url, {"date": "2024-03-05", "mode": "INVENTORY", f"q_{bd.pk}": "97", f"q_{h2o.pk}": "50"})
    assert response.status_code == 302
    assert list(Movement.objects.filter(kind="ADJUSTMENT").values_list("quantity", "reference")) == [(-3, "Inventaire")]

    response = client.post(url, {"date": "2024-03-06", "mode": "LOSS", f"q_{h2o.pk}": "4"})
    assert response.context["form"].errors["reason"] == ["Indiquez le motif de l'ajustement."]
    response = client.post(url, {"date": "2024-03-06", "mode": "LOSS", "reason": "Boîte mouillée", f"q_{h2o.pk}": "60"})
    assert response.context["form"].errors == {
        f"q_{h2o.pk}": ["Stock insuffisant pour « Eau stérile (H2O) » : il en reste 50, 60 demandé(s)."]
    }
    response = client.post(url, {"date": "2024-03-06", "mode": "LOSS", "reason": "Boîte mouillée", f"q_{h2o.pk}": "4"})
    assert response.status_code == 302
    response = client.post(
        url, {"date": "2024-03-07", "mode": "CORRECTION", "reason": "Erreur", f"q_{h2o.pk}": "-1", f"q_{bd.pk}": "2"}
    )
    assert response.status_code == 302
    assert (stock_of("BD"), stock_of("H2O")) == (99, 45)


def test_the_catalogue_is_edited_by_management_and_keeps_its_codes(maggie, client_for):
    client = client_for(maggie)
    response = client.post(
        reverse("harmreduction:item_add"),
        {
            "code": "naloxone",
            "name": "Naloxone",
            "category": "STI_OTHER",
            "unit": "kit",
            "threshold": 2,
            "active": "on",
            "position": 300,
        },
    )
    assert response.status_code == 302
    item = Item.objects.get(code="NALOXONE")
    response = client.post(
        reverse("harmreduction:item_edit", args=[item.pk]),
        {
            "code": "OTHER",
            "name": "Naloxone nasale",
            "category": "STI_OTHER",
            "unit": "kit",
            "threshold": 3,
            "position": 300,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.code, item.name, item.threshold, item.active) == ("NALOXONE", "Naloxone nasale", 3, False)
    response = client.post(
        reverse("harmreduction:item_add"),
        {"code": "BAD CODE", "name": "x", "category": "SNIFF", "unit": "x", "threshold": 0, "position": 0},
    )
    assert response.context["form"].errors["code"] == [
        "Le code s'écrit en majuscules, chiffres, « - » ou « _ » (ex. BD, H2O)."
    ]


def _history(n_tenants: int, per_tenant: int, maggie, alice):
    bd, h2o = Item.objects.get(code="BD"), Item.objects.get(code="H2O")
    receipt_record(date=dt.date(2023, 1, 2), worker=maggie, supplier="MV", lines=[(bd, 10_000), (h2o, 10_000)])
    for _ in range(n_tenants):
        tenant = TenantFactory()
        for day in range(per_tenant):
            distribution_record(
                date=dt.date(2023, 2, 1) + dt.timedelta(days=day * 9),
                worker=alice,
                tenant=tenant,
                lines=[(bd, 1), (h2o, 2)],
            )


@pytest.mark.parametrize("size", [(1, 1), (6, 15)])
def test_pages_run_a_constant_number_of_queries(size, alice, maggie, diane, client_for, django_assert_max_num_queries):
    _history(*size, maggie, alice)
    support, director = client_for(alice), client_for(diane)
    for client, name, limit in [
        # 6 of them are the session, the user, its roles and the session save.
        (director, "stock", 8),
        (director, "movements", 10),
        (support, "movements", 10),
        (director, "yearly", 10),
        (director, "catalogue", 7),
        (support, "distribute", 8),
        (director, "receive", 7),
        (director, "adjust", 7),
    ]:
        with django_assert_max_num_queries(limit):
            assert client.get(reverse(f"harmreduction:{name}")).status_code == 200, name
    # The home-page block and the tenant panel (other apps' blocks have their own tests).
    from harmreduction.blocks import home_low_stock_context, tenant_material_context
    from tenants.models import Tenant

    tenant = Tenant.objects.first()
    with django_assert_max_num_queries(1):
        home_low_stock_context(None)
    with django_assert_max_num_queries(2):
        tenant_material_context(None, tenant)


def test_tenant_names_in_the_history_only_for_clinical_roles(alice, maggie, client_for):
    bd = Item.objects.get(code="BD")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 5)])
    tenant = TenantFactory(last_name="Wauters")
    distribution_record(date=DAY, worker=alice, tenant=tenant, lines=[(bd, 1)])
    assert "Wauters" in client_for(alice).get(reverse("harmreduction:movements")).content.decode()
    assert AccessLog.objects.filter(user=alice, what="rdr.movements").exists()
    page = client_for(maggie).get(reverse("harmreduction:movements")).content.decode()
    assert "Wauters" not in page and "Seringue BD" in page


def test_the_history_filters_and_paginates(alice, maggie, client_for):
    _history(3, 20, maggie, alice)
    client = client_for(maggie)
    page = client.get(reverse("harmreduction:movements"), {"kind": "RECEIPT"})
    assert page.context["page_obj"].paginator.count == 2
    page = client.get(
        reverse("harmreduction:movements"), {"item": Item.objects.get(code="BD").pk, "kind": "DISTRIBUTION"}
    )
    assert page.context["page_obj"].paginator.count == 60
    assert len(page.context["page_obj"].object_list) == 50
    page = client.get(reverse("harmreduction:movements"), {"date_from": "2023-02-01", "date_to": "2023-02-01"})
    assert page.context["page_obj"].paginator.count == 6


def test_the_home_page_shows_low_stock_to_management_and_direction_only(alice, maggie, diane, client_for):
    for user in (maggie, diane):
        assert "Matériel RdR à commander" in client_for(user).get("/").content.decode()
    assert "Matériel RdR à commander" not in client_for(alice).get("/").content.decode()


def test_the_yearly_page_shows_both_years_and_the_chart(alice, maggie, client_for):
    _history(2, 3, maggie, alice)
    page = client_for(maggie).get(reverse("harmreduction:yearly"), {"annee": 2023}).content.decode()
    assert "<svg" in page and 'class="seg seg-injection"' in page
    assert "style=" not in page
    row = page.split("Seringue BD (normale)")[1].split("</tr>")[0]
    cells = [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in row.split("</td>")[:4]]
    assert cells == ["6", "0", "+6", "9994"]  # 2023, 2022, change, stock on 31/12 (10 000 received − 6)


def test_the_tenant_page_shows_material_given_to_clinical_roles_only(alice, bob, maggie, diane, client_for):
    bd = Item.objects.get(code="BD")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 5)])
    tenant = TenantFactory()
    other = TenantFactory()
    distribution_record(date=DAY, worker=alice, tenant=tenant, lines=[(bd, 2)])
    distribution_record(date=DAY, worker=alice, tenant=other, lines=[(bd, 1)])
    url = reverse("tenants:detail", args=[tenant.pk])
    for user in (alice, diane):
        page = client_for(user).get(url).content.decode()
        assert "Matériel RdR donné" in page and "Seringue BD (normale) × 2" in page, user
    for user in (bob, maggie):
        assert "Matériel RdR donné" not in client_for(user).get(url).content.decode(), user
    # "Tout voir" lists this tenant's lines only.
    page = client_for(alice).get(reverse("harmreduction:movements"), {"locataire": tenant.pk, "kind": "DISTRIBUTION"})
    assert [m.tenant_id for m in page.context["page_obj"].object_list] == [tenant.pk]
    # Without clinical.view the tenant filter is ignored (and names are not shown).
    page = client_for(maggie).get(reverse("harmreduction:movements"), {"locataire": tenant.pk, "kind": "DISTRIBUTION"})
    assert page.context["page_obj"].paginator.count == 2
