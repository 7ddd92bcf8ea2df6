"""Rental guarantees and the rent ledger of sliding leases."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from housing import finance_services as fs
from housing import selectors
from housing.models import Guarantee, GuaranteeRepayment, LeaseKind, RentMonth, RentPayment
from tests.factories import LeaseFactory, TenantFactory

D = dt.date
E = Decimal


def errors_of(exc_info) -> dict:
    return {k: [str(m) for m in v] for k, v in exc_info.value.message_dict.items()}


@pytest.fixture
def sliding(db):
    return LeaseFactory(kind=LeaseKind.SLIDING, start=D(2024, 1, 15), rent=E("450"), charges=E("50"))


@pytest.fixture
def guarantee(sliding):
    return fs.guarantee_save(
        guarantee=Guarantee(lease=sliding, amount=E("900"), advanced_by="ORGANISATION", date=D(2024, 1, 10))
    )


# --- guarantees ----------------------------------------------------------------


def test_repayments_lower_the_balance_until_the_guarantee_is_repaid(guarantee):
    fs.guarantee_repayment_record(guarantee=guarantee, date=D(2024, 2, 1), amount=E("300"))
    assert selectors.guarantee_detail(guarantee.pk).balance == E("600")
    assert list(selectors.guarantees_outstanding()) == [guarantee]
    fs.guarantee_repayment_record(guarantee=guarantee, date=D(2024, 3, 1), amount=E("600"))
    assert selectors.guarantee_detail(guarantee.pk).balance == 0
    assert list(selectors.guarantees_outstanding()) == []


def test_a_repayment_may_not_exceed_the_balance(guarantee):
    fs.guarantee_repayment_record(guarantee=guarantee, date=D(2024, 2, 1), amount=E("800"))
    with pytest.raises(ValidationError) as exc:
        fs.guarantee_repayment_record(guarantee=guarantee, date=D(2024, 3, 1), amount=E("100.01"))
    assert errors_of(exc) == {"amount": ["Montant : le remboursement dépasse le solde restant dû (100,00 €)."]}


def test_a_repayment_may_not_precede_the_guarantee(guarantee):
    with pytest.raises(ValidationError) as exc:
        fs.guarantee_repayment_record(guarantee=guarantee, date=D(2024, 1, 9), amount=E("10"))
    assert errors_of(exc) == {"date": ["Date : le remboursement précède la garantie (10/01/2024)."]}


def test_a_guarantee_paid_by_the_tenant_is_not_repaid_nor_outstanding(sliding):
    own = fs.guarantee_save(
        guarantee=Guarantee(lease=sliding, amount=E("900"), advanced_by="TENANT", date=D(2024, 1, 10))
    )
    with pytest.raises(ValidationError) as exc:
        fs.guarantee_repayment_record(guarantee=own, date=D(2024, 2, 1), amount=E("10"))
    assert errors_of(exc) == {"amount": ["Une garantie constituée par le·la locataire ne se rembourse pas."]}
    assert list(selectors.guarantees_outstanding()) == []


def test_the_amount_may_not_drop_below_what_was_repaid(guarantee):
    fs.guarantee_repayment_record(guarantee=guarantee, date=D(2024, 2, 1), amount=E("500"))
    guarantee.amount = E("400")
    with pytest.raises(ValidationError) as exc:
        fs.guarantee_save(guarantee=guarantee)
    assert errors_of(exc) == {
        "amount": ["Montant : il ne peut pas être inférieur aux remboursements déjà reçus (500,00 €)."]
    }


def test_a_guarantee_amount_must_be_positive(sliding):
    with pytest.raises(ValidationError) as exc:
        fs.guarantee_save(guarantee=Guarantee(lease=sliding, amount=E("0"), advanced_by="CPAS", date=D(2024, 1, 1)))
    assert errors_of(exc) == {"amount": ["Le montant doit être positif."]}


def test_management_records_a_repayment_from_the_page(maggie, client_for, guarantee):
    response = client_for(maggie).post(
        reverse("housing:guarantee_detail", args=[guarantee.pk]),
        {"date": "2024-02-01", "amount": "250", "note": "virement"},
    )
    assert response.status_code == 302
    assert GuaranteeRepayment.objects.get().amount == E("250")


def test_housing_reads_guarantees_but_cannot_repay(bob, client_for, guarantee):
    page = client_for(bob).get(reverse("housing:guarantee_detail", args=[guarantee.pk]))
    assert page.status_code == 200 and page.context["form"] is None
    response = client_for(bob).post(
        reverse("housing:guarantee_detail", args=[guarantee.pk]), {"date": "2024-02-01", "amount": "250"}
    )
    assert response.status_code == 200 and not GuaranteeRepayment.objects.exists()


def test_the_guarantee_history_is_kept(guarantee):
    guarantee.amount = E("950")
    fs.guarantee_save(guarantee=guarantee)
    assert [h.amount for h in guarantee.history.order_by("history_date")] == [E("900"), E("950")]


# --- rent ledger -----------------------------------------------------------------


def test_generating_months_fills_the_lease_from_its_start(sliding):
    added = fs.rent_months_generate(lease=sliding, until=D(2024, 4, 20))
    assert added == 4
    months = list(
        RentMonth.objects.filter(lease=sliding)
        .order_by("month")
        .values_list("month", "due_from_tenant", "paid_to_landlord")
    )
    assert months[0] == (D(2024, 1, 1), E("500.00"), E("500.00"))
    assert [m[0] for m in months] == [D(2024, 1, 1), D(2024, 2, 1), D(2024, 3, 1), D(2024, 4, 1)]
    assert fs.rent_months_generate(lease=sliding, until=D(2024, 4, 20)) == 0  # nothing twice
    assert RentMonth.history.count() == 4


def test_generating_stops_at_the_end_of_the_lease(sliding):
    sliding.end = D(2024, 2, 29)
    sliding.save()
    assert fs.rent_months_generate(lease=sliding, until=D(2025, 1, 1), paid_to_landlord=False) == 2
    assert set(RentMonth.objects.values_list("paid_to_landlord", flat=True)) == {E("0")}


def test_the_ledger_is_only_for_sliding_leases(db):
    standard = LeaseFactory(kind=LeaseKind.STANDARD)
    with pytest.raises(ValidationError) as exc:
        fs.rent_payment_record(lease=standard, date=D(2024, 1, 1), amount=E("10"))
    assert errors_of(exc) == {"lease": ["Bail : le registre des loyers ne concerne que les baux glissants."]}


def test_a_month_outside_the_lease_is_refused(sliding):
    with pytest.raises(ValidationError) as exc:
        fs.rent_month_save(rent_month=RentMonth(lease=sliding, month=D(2023, 12, 5), due_from_tenant=E("500")))
    assert errors_of(exc) == {"month": ["Mois : il est en dehors du bail (15/01/2024 – …)."]}


def test_a_month_is_stored_as_its_first_day_and_only_once(sliding):
    fs.rent_month_save(rent_month=RentMonth(lease=sliding, month=D(2024, 2, 17), due_from_tenant=E("500")))
    assert RentMonth.objects.get().month == D(2024, 2, 1)
    with pytest.raises(ValidationError) as exc:
        fs.rent_month_save(rent_month=RentMonth(lease=sliding, month=D(2024, 2, 3), due_from_tenant=E("500")))
    assert "Ce mois est déjà inscrit pour ce bail." in str(exc.value)


def test_arrears_are_due_minus_received_per_tenant(sliding):
    fs.rent_months_generate(lease=sliding, until=D(2024, 3, 1))  # 3 × 500
    fs.rent_payment_record(lease=sliding, date=D(2024, 1, 20), amount=E("500"))
    fs.rent_payment_record(lease=sliding, date=D(2024, 2, 20), amount=E("400"))
    # a second sliding lease of the same tenant, fully paid
    other = LeaseFactory(
        tenant=sliding.tenant, kind=LeaseKind.SLIDING, start=D(2024, 6, 1), rent=E("300"), charges=E("0")
    )
    fs.rent_months_generate(lease=other, until=D(2024, 6, 1))
    fs.rent_payment_record(lease=other, date=D(2024, 6, 3), amount=E("300"))
    # a tenant who is up to date
    paid = LeaseFactory(
        tenant=TenantFactory(), kind=LeaseKind.SLIDING, start=D(2024, 1, 1), rent=E("100"), charges=E("0")
    )
    fs.rent_months_generate(lease=paid, until=D(2024, 1, 1))
    fs.rent_payment_record(lease=paid, date=D(2024, 1, 3), amount=E("100"))

    rows = [(t.pk, t.due, t.received, t.arrears, t.last_payment) for t in selectors.tenants_in_arrears()]
    assert rows == [(sliding.tenant_id, E("1800"), E("1200"), E("600"), D(2024, 6, 3))]
    lease_rows = {lease.pk: lease.arrears for lease in selectors.sliding_leases()}
    assert lease_rows == {sliding.pk: E("600"), other.pk: E("0"), paid.pk: E("0")}
    assert [lease.pk for lease in selectors.sliding_leases(arrears_only=True)] == [sliding.pk]


def test_management_records_payments_and_generates_months_from_the_page(maggie, client_for, sliding):
    client = client_for(maggie)
    url = reverse("housing:ledger_detail", args=[sliding.pk])
    response = client.post(url, {"action": "generate", "gen-until": "2024-03", "gen-paid_to_landlord": "on"})
    assert response.status_code == 302 and RentMonth.objects.count() == 3
    response = client.post(
        url, {"action": "payment", "pay-date": "2024-02-05", "pay-amount": "500", "pay-note": "CPAS"}
    )
    assert response.status_code == 302 and RentPayment.objects.get().note == "CPAS"
    page = client.get(url + "?annee=2024")
    assert page.context["lease"].arrears == E("1000")
    assert page.context["year_totals"] == {"due": E("1500"), "paid_landlord": E("1500"), "received": E("500")}


def test_direction_reads_the_ledger_without_forms(diane, client_for, sliding):
    page = client_for(diane).get(reverse("housing:ledger_detail", args=[sliding.pk]))
    assert page.status_code == 200 and page.context["payment_form"] is None
    response = client_for(diane).post(
        reverse("housing:ledger_detail", args=[sliding.pk]),
        {"action": "payment", "pay-date": "2024-02-05", "pay-amount": "500"},
    )
    assert response.status_code == 200 and not RentPayment.objects.exists()
