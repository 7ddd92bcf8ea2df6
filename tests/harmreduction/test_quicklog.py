"""The "matériel RdR donné" section of the visit quick log."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from harmreduction.models import Item, Movement, MovementKind
from harmreduction.quicklog import MaterialGivenExtension
from harmreduction.selectors import items_with_stock
from harmreduction.services import receipt_record
from tenants.models import Visit
from tenants.visits.services import QUICKLOG_EXTENSIONS
from tests.factories import TenantFactory

from .conftest import DAY


def stock_of(code: str) -> int:
    return items_with_stock().get(code=code).stock


def visit_post(tenant, user, **material):
    data = {
        "tenant": tenant.pk,
        "kind": "HOME",
        "status": "DONE",
        "date": timezone.localdate().isoformat(),
        "workers": [user.pk],
        "motives": ["CONSUMPTION"],
        "duration_min": "45",
        "travel_min": "20",
    }
    data.update(material)
    return data


def test_the_extension_is_registered_once_for_support_only(db):
    assert QUICKLOG_EXTENSIONS.entries().count(MaterialGivenExtension()) == 1
    assert MaterialGivenExtension.cap == "rdr.distribute"


def test_material_given_during_a_visit_is_one_distribution_linked_to_it(alice, maggie, client_for):
    bd, h2o = Item.objects.get(code="BD"), Item.objects.get(code="H2O")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 10), (h2o, 10)])
    tenant = TenantFactory()
    response = client_for(alice).post(
        reverse("tenants:quicklog"),
        visit_post(tenant, alice, **{"rdr-item_0": bd.pk, "rdr-qty_0": "3", "rdr-item_2": h2o.pk, "rdr-qty_2": "2"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    visit = Visit.objects.get(tenant=tenant)
    lines = Movement.objects.filter(kind=MovementKind.DISTRIBUTION)
    assert sorted(lines.values_list("item__code", "quantity")) == [("BD", 3), ("H2O", 2)]
    assert {(m.visit_id, m.tenant_id, m.worker_id, m.date) for m in lines} == {
        (visit.pk, tenant.pk, alice.pk, visit.date)
    }
    assert (stock_of("BD"), stock_of("H2O")) == (7, 8)


def test_a_visit_without_material_records_no_distribution(alice, client_for):
    tenant = TenantFactory()
    response = client_for(alice).post(reverse("tenants:quicklog"), visit_post(tenant, alice))
    assert response.status_code == 302
    assert Visit.objects.filter(tenant=tenant).count() == 1
    assert not Movement.objects.exists()


def test_material_beyond_stock_refuses_the_visit_too(alice, maggie, client_for):
    bd = Item.objects.get(code="BD")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 2)])
    tenant = TenantFactory()
    response = client_for(alice).post(
        reverse("tenants:quicklog"), visit_post(tenant, alice, **{"rdr-item_0": bd.pk, "rdr-qty_0": "5"})
    )
    assert response.status_code == 200
    assert "Matériel RdR : Stock insuffisant pour « Seringue BD (normale) » : il en reste 2, 5 demandé(s)." in (
        response.content.decode()
    )
    assert not Visit.objects.filter(tenant=tenant).exists()
    assert stock_of("BD") == 2


def test_bad_rows_are_refused_with_their_message(alice, maggie, client_for):
    bd = Item.objects.get(code="BD")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 5)])
    tenant = TenantFactory()
    client = client_for(alice)
    cases = [
        (
            {"rdr-item_0": bd.pk, "rdr-qty_0": "0"},
            "« Seringue BD (normale) » : la quantité doit être un nombre entier supérieur à zéro.",
        ),
        ({"rdr-item_0": bd.pk}, "« Seringue BD (normale) » : indiquez la quantité donnée."),
        ({"rdr-qty_1": "2"}, "Ligne 2 : choisissez le matériel donné."),
        (
            {"rdr-item_0": bd.pk, "rdr-qty_0": "1", "rdr-item_1": bd.pk, "rdr-qty_1": "1"},
            "« Seringue BD (normale) » figure deux fois : regroupez les quantités sur une ligne.",
        ),
        ({"rdr-item_0": "999999", "rdr-qty_0": "1"}, "Sélectionnez un choix valide. 999999 n’en fait pas partie."),
    ]
    for material, message in cases:
        response = client.post(reverse("tenants:quicklog"), visit_post(tenant, alice, **material))
        assert response.status_code == 200
        form = next(f for ext, f in response.context["extensions"] if isinstance(ext, MaterialGivenExtension))
        assert message in [e for errors in form.errors.values() for e in errors], (material, form.errors)
    assert not Visit.objects.filter(tenant=tenant).exists()
    assert not Movement.objects.filter(kind=MovementKind.DISTRIBUTION).exists()


def test_housing_does_not_get_the_section(bob, client_for):
    tenant = TenantFactory()
    page = client_for(bob).get(reverse("tenants:quicklog"), {"tenant": tenant.pk}).content.decode()
    assert "Matériel RdR donné" not in page
    page_planning = client_for(bob).get(reverse("tenants:quicklog"), {"tenant": tenant.pk, "plan": "1"})
    assert "rdr-item_0" not in page_planning.content.decode()


def test_support_sees_the_section_but_not_when_planning(alice, client_for):
    tenant = TenantFactory()
    assert (
        "Matériel RdR donné"
        in client_for(alice).get(reverse("tenants:quicklog"), {"tenant": tenant.pk}).content.decode()
    )
    planning = client_for(alice).get(reverse("tenants:quicklog"), {"tenant": tenant.pk, "plan": "1"}).content.decode()
    assert "Matériel RdR donné" not in planning


def test_the_visit_date_is_the_distribution_date(alice, maggie, client_for):
    bd = Item.objects.get(code="BD")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 5)])
    tenant = TenantFactory()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = visit_post(tenant, alice, **{"rdr-item_0": bd.pk, "rdr-qty_0": "1"})
    data["date"] = yesterday.isoformat()
    assert client_for(alice).post(reverse("tenants:quicklog"), data).status_code == 302
    assert Movement.objects.get(kind=MovementKind.DISTRIBUTION).date == yesterday


def test_the_confirmation_says_what_material_was_given(alice, maggie, client_for):
    bd, h2o = Item.objects.get(code="BD"), Item.objects.get(code="H2O")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 10), (h2o, 10)])
    tenant = TenantFactory()
    material = {"rdr-item_0": bd.pk, "rdr-qty_0": "3", "rdr-item_1": h2o.pk, "rdr-qty_1": "2"}
    response = client_for(alice).post(
        reverse("tenants:quicklog"), visit_post(tenant, alice, **material), HTTP_HX_REQUEST="true"
    )
    saved = response.content.decode().split('class="ql-saved"')[1].split("</div>")[0]
    assert f"Matériel RdR donné : 3 × {bd.name}, 2 × {h2o.name}" in saved

    # Without JavaScript: the message after the redirect.
    response = client_for(alice).post(reverse("tenants:quicklog"), visit_post(tenant, alice, **material), follow=True)
    assert f"Contact enregistré. Matériel RdR donné : 3 × {bd.name}, 2 × {h2o.name}" in response.content.decode()


def test_no_material_no_line_in_the_confirmation(alice, client_for):
    tenant = TenantFactory()
    response = client_for(alice).post(reverse("tenants:quicklog"), visit_post(tenant, alice), HTTP_HX_REQUEST="true")
    assert "Matériel RdR donné" not in response.content.decode().split('class="ql-saved"')[1].split("</div>")[0]
