import datetime as dt

import pytest

from tenants.models import Income
from tests.factories import IncomeFactory, TenantFactory


@pytest.fixture
def tenant(db):
    return TenantFactory(followup_start=dt.date(2020, 1, 1))


def test_support_adds_an_income(alice, client_for, tenant):
    response = client_for(alice).post(
        f"/locataires/{tenant.pk}/revenus/ajouter/", {"source": "DGPH", "start": "2024-01-01", "end": ""}
    )
    assert response.status_code == 302
    income = Income.objects.get()
    assert (income.tenant, income.source, income.start, income.end) == (tenant, "DGPH", dt.date(2024, 1, 1), None)


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"source": "LOTTERY", "start": "2024-01-01"},
            "source",
            "« LOTTERY » n'est pas une valeur connue pour « Source ».",
        ),
        ({"source": "RIS", "start": ""}, "start", "Le champ « Début » est obligatoire."),
        ({"source": "RIS", "start": "2024-05-01", "end": "2024-04-30"}, "end", "La fin précède le début."),
        (
            {"source": "RIS", "start": "2023-06-01"},
            "start",
            "Cette période chevauche un autre revenu « RIS (CPAS) » (depuis le 01/01/2023).",
        ),
    ],
)
def test_a_bad_income_is_refused(alice, client_for, tenant, data, field, message):
    IncomeFactory(tenant=tenant, source="RIS", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    response = client_for(alice).post(f"/locataires/{tenant.pk}/revenus/ajouter/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Income.objects.count() == 1


def test_a_following_income_of_the_same_source_is_fine(alice, client_for, tenant):
    IncomeFactory(tenant=tenant, source="RIS", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    client_for(alice).post(f"/locataires/{tenant.pk}/revenus/ajouter/", {"source": "RIS", "start": "2024-01-01"})
    assert Income.objects.count() == 2


def test_closing_and_editing_an_income(alice, client_for, tenant):
    income = IncomeFactory(tenant=tenant, source="RIS", start=dt.date(2023, 1, 1))
    c = client_for(alice)
    bad = c.post(f"/locataires/revenus/{income.pk}/fin/", {"end": "2022-12-31"})
    assert bad.context["form"].errors["end"] == ["La fin précède le début."]
    income.refresh_from_db()
    assert income.end is None
    assert c.post(f"/locataires/revenus/{income.pk}/fin/", {"end": "2024-03-31"}).status_code == 302
    income.refresh_from_db()
    assert income.end == dt.date(2024, 3, 31)
    c.post(f"/locataires/revenus/{income.pk}/modifier/", {"source": "DGPH", "start": "2023-02-01", "end": "2024-03-31"})
    income.refresh_from_db()
    assert (income.source, income.start) == ("DGPH", dt.date(2023, 2, 1))


def test_housing_cannot_touch_incomes(bob, client_for, tenant):
    income = IncomeFactory(tenant=tenant)
    c = client_for(bob)
    assert c.get(f"/locataires/{tenant.pk}/revenus/ajouter/").status_code == 403
    assert c.post(f"/locataires/revenus/{income.pk}/fin/", {"end": "2024-01-01"}).status_code == 403
    assert c.get(f"/locataires/revenus/{income.pk}/modifier/").status_code == 403
    income.refresh_from_db()
    assert income.end is None
