"""Every housing list and detail page runs the same number of queries with a
little data and with more (no query per row)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from housing import blocks
from housing import finance_services as fs
from housing.models import Convention, ExitTo, Guarantee, LeaseKind, MoveKind, PartnerContact
from housing.services import move_record
from tests.factories import DwellingFactory, LeaseFactory, PartnerFactory, TenantFactory

D = dt.date
MAX_QUERIES = 25


class World:
    """Grows every kind of row around one partner, one dwelling, one lease."""

    def __init__(self):
        self.partner = PartnerFactory(name="Foyer Test")
        self.hub = DwellingFactory(partner=self.partner, capacity=1)  # many successive occupants
        self.main_tenant = TenantFactory(followup_start=D(2015, 1, 1))
        self.lease = LeaseFactory(
            tenant=self.main_tenant, dwelling=self.hub, kind=LeaseKind.SLIDING, start=D(2015, 1, 1)
        )
        self.guarantee = fs.guarantee_save(
            guarantee=Guarantee(
                lease=self.lease, amount=Decimal("5000"), advanced_by="ORGANISATION", date=D(2015, 1, 1)
            )
        )
        self.n = 0
        self.grow(2)

    def grow(self, count: int) -> None:
        for _ in range(count):
            i = self.n
            self.n += 1
            day = D(2016, 1, 1) + dt.timedelta(days=20 * i)
            tenant = TenantFactory(followup_start=D(2015, 1, 1))
            dwelling = DwellingFactory(partner=self.partner)
            lease = LeaseFactory(
                tenant=tenant, dwelling=dwelling, kind=LeaseKind.SLIDING, start=day, end=day + dt.timedelta(days=400)
            )
            move_record(tenant=tenant, date=day, kind=MoveKind.ENTRY, dwelling=self.hub)
            move_record(tenant=tenant, date=day + dt.timedelta(days=10), kind=MoveKind.TRANSFER, dwelling=dwelling)
            fs.rent_months_generate(lease=lease, until=day + dt.timedelta(days=40))
            fs.rent_payment_record(lease=lease, date=day, amount=Decimal("10"))
            guarantee = fs.guarantee_save(
                guarantee=Guarantee(lease=lease, amount=Decimal("800"), advanced_by="CPAS", date=day)
            )
            fs.guarantee_repayment_record(guarantee=guarantee, date=day, amount=Decimal("10"))
            fs.guarantee_repayment_record(guarantee=self.guarantee, date=day, amount=Decimal("10"))
            fs.rent_payment_record(lease=self.lease, date=day, amount=Decimal("10"))
            PartnerContact.objects.create(partner=self.partner, name=f"Contact {i}")
            Convention.objects.create(
                partner=self.partner,
                title=f"Convention {i}",
                signed_on=D(2015, 1, 1),
                next_evaluation_due=D(2016, 1, 1),
            )
            if i % 3 == 0:
                move_record(tenant=tenant, date=day + dt.timedelta(days=15), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
        fs.rent_months_generate(lease=self.lease, until=D(2015, 1, 1) + dt.timedelta(days=31 * self.n))


@pytest.fixture
def world(db):
    return World()


def pages(w: World) -> list[str]:
    return [
        reverse("housing:index"),
        reverse("housing:dwelling_list"),
        reverse("housing:dwelling_list") + f"?partner={w.partner.pk}&vacancy=vacant",
        reverse("housing:dwelling_detail", args=[w.hub.pk]),
        reverse("housing:partner_list"),
        reverse("housing:partner_detail", args=[w.partner.pk]),
        reverse("housing:convention_list") + "?toutes=1",
        reverse("housing:lease_list"),
        reverse("housing:lease_list") + "?status=open",
        reverse("housing:lease_list") + "?status=ending",
        reverse("housing:lease_detail", args=[w.lease.pk]),
        reverse("housing:move_list"),
        reverse("housing:guarantee_list") + "?voir=toutes",
        reverse("housing:guarantee_detail", args=[w.guarantee.pk]),
        reverse("housing:ledger_list"),
        reverse("housing:arrears_list"),
        reverse("housing:ledger_detail", args=[w.lease.pk]) + "?annee=2015",
        reverse("housing:move_create") + f"?locataire={w.main_tenant.pk}",
    ]


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_pages_run_a_constant_number_of_queries(world, maggie, client_for, django_assert_max_num_queries):
    client = client_for(maggie)
    client.get(reverse("housing:index"))  # session and roles warmed up
    small = {url: count_queries(client, url) for url in pages(world)}
    world.grow(12)
    large = {}
    for url in pages(world):
        with django_assert_max_num_queries(MAX_QUERIES):
            large[url] = count_queries(client, url)
    assert large == small


def test_the_tenant_panel_and_home_block_run_a_constant_number_of_queries(world, maggie):
    request = RequestFactory().get("/")
    request.user = maggie

    def panel_queries():
        with CaptureQueriesContext(connection) as ctx:
            blocks.tenant_panel_context(request, world.main_tenant)
            blocks.home_context(request)
        return len(ctx.captured_queries)

    panel_queries()  # the roles are cached on the user by the first call
    small = panel_queries()
    world.grow(10)
    assert panel_queries() == small
