"""What housing adds to shared pages: the home block, the tenant panel at the
top of the tenant page, and moves on the tenant timeline."""

import datetime as dt

from django.urls import reverse

from housing.models import ExitTo, MoveKind
from housing.services import move_record

D = dt.date


def test_the_home_block_is_for_the_housing_side(personas, client_for, tenant, flat, enter):
    enter(tenant, flat, D(2023, 1, 1))
    shown = {
        role: "housing/_home_block.html" in [t.name for t in client_for(user).get("/").templates]
        for role, user in personas.items()
    }
    assert shown == {
        "support": False,
        "housing": True,
        "management": True,
        "direction": False,
        "admin": True,
        "outsider": False,
    }


def test_the_home_block_counts_money_only_for_finance_roles(bob, adam, client_for):
    assert "Garanties à rembourser" in client_for(bob).get("/").content.decode()
    assert "Garanties à rembourser" not in client_for(adam).get("/").content.decode()


def test_the_tenant_page_starts_with_the_current_address(alice, client_for, tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 1, 1))
    move_record(tenant=tenant, date=D(2024, 5, 2), kind=MoveKind.TRANSFER, dwelling=flat2)
    response = client_for(alice).get(reverse("tenants:detail", args=[tenant.pk]))
    panels = response.context["panels"]
    assert panels[0]["template"] == "housing/_tenant_panel.html"
    assert panels[0]["current"].dwelling == flat2
    body = response.content.decode()
    assert body.index("Rue Josaphat 5") < body.index("Identité et contact")
    assert "Enregistrer un mouvement" not in body  # Support reads only


def test_a_tenant_without_housing_says_so(bob, client_for, tenant, flat, enter):
    enter(tenant, flat, D(2023, 1, 1))
    move_record(tenant=tenant, date=D(2024, 1, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    body = client_for(bob).get(reverse("tenants:detail", args=[tenant.pk])).content.decode()
    assert "Pas de logement actuellement" in body
    assert "Dernier logement : D-0100, jusqu'au 31/12/2023" in body


def test_moves_appear_on_the_tenant_timeline(bob, client_for, tenant, flat, enter):
    enter(tenant, flat, D(2023, 1, 1))
    response = client_for(bob).get(reverse("tenants:timeline", args=[tenant.pk]))
    assert response.status_code == 200
    sources = [entry.source.key for entry in response.context["entries"]]
    assert sources == ["move"]
    assert "Rue Royale 10" in response.content.decode()


def test_the_dwelling_page_shows_its_occupation_history(bob, client_for, tenant, other, flat, enter):
    enter(tenant, flat, D(2022, 1, 1))
    move_record(tenant=tenant, date=D(2023, 1, 1), kind=MoveKind.EXIT, exit_to=ExitTo.INSTITUTION)
    enter(other, flat, D(2023, 2, 1))
    response = client_for(bob).get(reverse("housing:dwelling_detail", args=[flat.pk]))
    assert [(s.tenant.code, s.start, s.end) for s in response.context["stays"]] == [
        ("HF-0502", D(2023, 2, 1), None),
        ("HF-0501", D(2022, 1, 1), D(2023, 1, 1)),
    ]
    assert [s.tenant.code for s in response.context["dwelling"].current_stays] == ["HF-0502"]


def test_the_dwellings_list_filters_by_partner_commune_and_vacancy(
    bob, client_for, tenant, flat, flat2, couple_flat, enter
):
    from tests.factories import DwellingFactory, PartnerFactory

    elsewhere = DwellingFactory(
        code="D-0400", partner=PartnerFactory(name="MAIS"), commune="Molenbeek-Saint-Jean", postcode="1080"
    )
    enter(tenant, flat, D(2023, 1, 1))
    client = client_for(bob)

    def codes(query):
        return [d.code for d in client.get(reverse("housing:dwelling_list") + query).context["page_obj"]]

    assert codes("") == ["D-0100", "D-0200", "D-0300", "D-0400"]
    assert codes("?vacancy=vacant") == ["D-0200", "D-0300", "D-0400"]
    assert codes("?vacancy=full") == ["D-0100"]
    assert codes("?commune=Molenbeek-Saint-Jean") == ["D-0400"]
    assert codes(f"?partner={elsewhere.partner_id}") == ["D-0400"]
    assert codes(f"?partner={flat.partner_id}&vacancy=vacant") == ["D-0200", "D-0300"]
