"""Names sort as a French or Dutch reader expects, on SQLite and PostgreSQL.

Noël with Noel, before Nowak; GÉRARD before GILSON; "Van den Broeck" before
"Van Hoof". The database sorts (an ICU collation on PostgreSQL, the
unaccented, case-folded name on SQLite), never Python.
"""

from __future__ import annotations

import datetime as dt

import pytest

from smes.lib.text import by_name
from tenants.models import Tenant
from tenants.selectors import tenant_search
from tenants.visits.selectors import tenants_for_quicklog
from tests.factories import TenantFactory

NAMES = ["Nowak", "Noël", "GILSON", "Van Hoof", "GÉRARD", "Noel", "Van den Broeck", "émile", "Dupont"]
EXPECTED = ["Dupont", "émile", "GÉRARD", "GILSON", "Noel|Noël", "Noel|Noël", "Nowak", "Van den Broeck", "Van Hoof"]


@pytest.fixture
def people(db):
    for i, name in enumerate(NAMES):
        TenantFactory(code=f"HF-{i:04d}", last_name=name, first_name="Jo", followup_start=dt.date(2020, 1, 1))


def check(last_names):
    assert len(last_names) == len(EXPECTED)
    for got, want in zip(last_names, EXPECTED, strict=True):
        assert got in want.split("|"), last_names


def test_the_default_ordering_of_tenants_is_the_readers_one(people):
    check(list(Tenant.objects.values_list("last_name", flat=True)))


def test_by_name_orders_a_queryset(people):
    check(list(Tenant.objects.order_by(*by_name()).values_list("last_name", flat=True)))


def test_the_tenant_list_and_the_picker_sort_the_same_way(people):
    check([t.last_name for t in tenant_search(today=dt.date(2026, 1, 1))])
    check([t.last_name for t in tenants_for_quicklog(dt.date(2026, 1, 1))])


def test_the_tenant_list_page_sorts_names(people, alice, client_for):
    response = client_for(alice).get("/locataires/")
    check([t.last_name for t in response.context["page_obj"].object_list])


def test_first_names_break_ties(db):
    for i, first in enumerate(["Zoé", "Élise", "eric", "Ali"]):
        TenantFactory(code=f"HF-{i:04d}", last_name="Dupont", first_name=first)
    assert [t.first_name for t in Tenant.objects.all()] == ["Ali", "Élise", "eric", "Zoé"]
