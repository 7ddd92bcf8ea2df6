"""Every housing URL as every persona, against docs/rights.md:

partners, dwellings, leases, moves, conventions: Support/Direction read,
Housing/Management/Admin read and edit; rental guarantees and the rent
ledger: Housing/Direction read, Management edits, Support/Admin nothing.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from housing.finance_services import guarantee_repayment_record, rent_payment_record
from housing.models import Convention, Guarantee, LeaseKind, MoveKind, PartnerContact, RentMonth
from housing.services import move_record
from tests.factories import DwellingFactory, LeaseFactory, TenantFactory

D = dt.date
ALL = {"support", "housing", "management", "direction", "admin", "outsider"}
HOUSING_VIEW = {"support", "housing", "management", "direction", "admin"}
HOUSING_EDIT = {"housing", "management", "admin"}
FINANCE_VIEW = {"housing", "management", "direction"}
FINANCE_EDIT = {"management"}


@pytest.fixture
def world(db):
    tenant = TenantFactory(followup_start=D(2020, 1, 1))
    dwelling = DwellingFactory()
    lease = LeaseFactory(tenant=tenant, dwelling=dwelling, kind=LeaseKind.SLIDING, start=D(2022, 1, 1))
    move = move_record(tenant=tenant, date=D(2022, 1, 1), kind=MoveKind.ENTRY, dwelling=dwelling)
    contact = PartnerContact.objects.create(partner=dwelling.partner, name="Sophie")
    convention = Convention.objects.create(partner=dwelling.partner, title="Convention", signed_on=D(2021, 1, 1))
    guarantee = Guarantee.objects.create(
        lease=lease, amount=Decimal("900"), advanced_by="ORGANISATION", date=D(2022, 1, 1)
    )
    repayment = guarantee_repayment_record(guarantee=guarantee, date=D(2022, 2, 1), amount=Decimal("100"))
    month = RentMonth.objects.create(lease=lease, month=D(2022, 1, 1), due_from_tenant=Decimal("500"))
    payment = rent_payment_record(lease=lease, date=D(2022, 1, 5), amount=Decimal("500"))
    deceased = TenantFactory(followup_start=D(2020, 1, 1), followup_end=D(2024, 1, 1), end_reason="DECEASED")
    return {
        "tenant": tenant.pk,
        "dwelling": dwelling.pk,
        "partner": dwelling.partner_id,
        "lease": lease.pk,
        "move": move.pk,
        "contact": contact.pk,
        "convention": convention.pk,
        "guarantee": guarantee.pk,
        "repayment": repayment.pk,
        "month": month.pk,
        "payment": payment.pk,
        "deceased": deceased.pk,
    }


# (url name, kwargs key or None, who may GET it)
GET_PAGES = [
    ("index", None, HOUSING_VIEW),
    ("dwelling_list", None, HOUSING_VIEW),
    ("dwelling_detail", "dwelling", HOUSING_VIEW),
    ("dwelling_create", None, HOUSING_EDIT),
    ("dwelling_edit", "dwelling", HOUSING_EDIT),
    ("partner_list", None, HOUSING_VIEW),
    ("partner_detail", "partner", HOUSING_VIEW),
    ("partner_create", None, HOUSING_EDIT),
    ("partner_edit", "partner", HOUSING_EDIT),
    ("contact_add", "partner", HOUSING_EDIT),
    ("contact_edit", "contact", HOUSING_EDIT),
    ("convention_list", None, HOUSING_VIEW),
    ("convention_add", "partner", HOUSING_EDIT),
    ("convention_edit", "convention", HOUSING_EDIT),
    ("lease_list", None, HOUSING_VIEW),
    ("lease_detail", "lease", HOUSING_VIEW),
    ("lease_create", None, HOUSING_EDIT),
    ("lease_edit", "lease", HOUSING_EDIT),
    ("move_list", None, HOUSING_VIEW),
    ("move_create", None, HOUSING_EDIT),
    ("move_edit", "move", HOUSING_EDIT),
    ("move_delete", "move", HOUSING_EDIT),
    ("death_followup", "deceased", HOUSING_VIEW),
    ("guarantee_list", None, FINANCE_VIEW),
    ("guarantee_create", None, FINANCE_EDIT),
    ("guarantee_detail", "guarantee", FINANCE_VIEW),
    ("guarantee_edit", "guarantee", FINANCE_EDIT),
    ("ledger_list", None, FINANCE_VIEW),
    ("arrears_list", None, FINANCE_VIEW),
    ("ledger_detail", "lease", FINANCE_VIEW),
    ("rent_month_add", "lease", FINANCE_EDIT),
    ("rent_month_edit", "month", FINANCE_EDIT),
]

POST_ONLY = [
    ("contact_delete", "contact", HOUSING_EDIT),
    ("convention_delete", "convention", HOUSING_EDIT),
    ("repayment_delete", "repayment", FINANCE_EDIT),
    ("rent_month_delete", "month", FINANCE_EDIT),
    ("rent_payment_delete", "payment", FINANCE_EDIT),
]


def _url(name, key, world):
    return reverse(f"housing:{name}", kwargs={"pk": world[key]} if key else None)


def test_every_page_answers_each_role_as_the_spec_says(world, personas, client_for):
    clients = {role: client_for(user) for role, user in personas.items()}
    wrong = []
    for name, key, allowed in GET_PAGES:
        for role, client in clients.items():
            status = client.get(_url(name, key, world)).status_code
            expected = 200 if role in allowed else 403
            if status != expected:
                wrong.append((name, role, status, expected))
    assert wrong == []


def test_deletions_are_refused_to_roles_without_the_right(world, personas, client_for):
    wrong = []
    for name, key, allowed in POST_ONLY:
        for role in ALL - allowed:
            status = client_for(personas[role]).post(_url(name, key, world)).status_code
            if status != 403:
                wrong.append((name, role, status))
    assert wrong == []


def test_the_lease_document_needs_housing_view(world, personas, client_for):
    url = reverse("housing:lease_document", kwargs={"pk": world["lease"]})
    assert client_for(personas["outsider"]).get(url).status_code == 403
    assert client_for(personas["support"]).get(url).status_code == 404  # readable, but no document


def test_anonymous_users_are_sent_to_the_login_page(world, client):
    response = client.get(reverse("housing:index"))
    assert response.status_code == 302 and response.url.startswith("/connexion/")


def test_support_reads_but_cannot_record_a_move(world, personas, client_for):
    response = client_for(personas["support"]).post(
        reverse("housing:move_create"),
        {"tenant": world["tenant"], "date": "2023-01-01", "kind": "EXIT", "exit_to": "STREET"},
    )
    assert response.status_code == 403


def test_the_tenant_panel_shows_money_only_to_finance_roles(world, personas, client_for):
    url = reverse("tenants:detail", args=[world["tenant"]])
    support = client_for(personas["support"]).get(url)
    housing = client_for(personas["housing"]).get(url)
    assert "Logement" in support.content.decode()
    assert "garantie : reste" not in support.content.decode()
    assert "garantie : reste 800,00" in housing.content.decode()


def test_housing_pages_never_show_clinical_data(world, personas, client_for):
    from tests.factories import GafScoreFactory, VisitFactory

    GafScoreFactory(tenant_id=world["tenant"], score=37)
    VisitFactory(tenant_id=world["tenant"], note="NOTE-CLINIQUE-SECRETE")
    client = client_for(personas["management"])
    for name, key, _allowed in GET_PAGES:
        body = client.get(_url(name, key, world)).content.decode()
        assert "NOTE-CLINIQUE-SECRETE" not in body, name
        assert "EGF" not in body, name
