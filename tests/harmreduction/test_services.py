"""Stock services: every rule with its exact message, nothing written on a refusal."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from harmreduction.models import Item, Movement, MovementKind, Operation
from harmreduction.selectors import balance_on, items_with_stock
from harmreduction.services import (
    adjustment_record,
    distribution_record,
    inventory_record,
    receipt_record,
    stock_rebuild,
)
from tests.factories import TenantFactory, VisitFactory

from .conftest import DAY, kept_and_summed


def stock_of(item) -> int:
    return items_with_stock().get(pk=item.pk).stock


def refused(call, **kwargs) -> list[str]:
    def state():
        return Movement.objects.count(), Operation.objects.count(), sorted(Item.objects.values_list("code", "balance"))

    before = state()
    with pytest.raises(ValidationError) as info:
        call(**kwargs)
    assert state() == before, "a refusal wrote something"
    return info.value.messages


def test_a_receipt_of_several_items_is_one_operation_with_its_lines(bd, h2o, maggie):
    op = receipt_record(date=DAY, worker=maggie, supplier="Modus Vivendi", lines=[(bd, 10), (h2o, 20)])
    assert op.kind == MovementKind.RECEIPT and op.reference == "Modus Vivendi"
    assert sorted(op.lines.values_list("item__code", "quantity")) == [("BD", 10), ("H2O", 20)]
    assert stock_of(bd) == 10 and stock_of(h2o) == 20


def test_it_refuses_zero_and_negative_quantities(bd, h2o, alice, maggie, stocked):
    msg = "« Seringue BD (normale) » : la quantité doit être un nombre entier supérieur à zéro."
    assert refused(distribution_record, date=DAY, worker=alice, lines=[(bd, 0)]) == [msg]
    assert refused(distribution_record, date=DAY, worker=alice, lines=[(h2o, 1), (bd, -3)]) == [msg]
    assert refused(receipt_record, date=DAY, worker=maggie, supplier="X", lines=[(bd, -1)]) == [msg]
    assert refused(adjustment_record, date=DAY, worker=maggie, lines=[(bd, 0)], reason="casse") == [
        "« Seringue BD (normale) » : un ajustement doit être un nombre entier différent de zéro."
    ]


def test_it_refuses_an_empty_operation_a_repeated_item_and_a_future_date(bd, alice, maggie, stocked):
    assert refused(distribution_record, date=DAY, worker=alice, lines=[]) == [
        "Indiquez au moins un matériel avec une quantité."
    ]
    assert refused(distribution_record, date=DAY, worker=alice, lines=[(bd, 1), (bd, 2)]) == [
        "« Seringue BD (normale) » figure deux fois : regroupez les quantités sur une ligne."
    ]
    with time_machine.travel(dt.datetime(2024, 3, 10, 12, 0), tick=False):
        assert refused(distribution_record, date=dt.date(2024, 3, 11), worker=alice, lines=[(bd, 1)]) == [
            "La date ne peut pas être dans le futur."
        ]
    assert refused(receipt_record, date=DAY, worker=maggie, supplier="  ", lines=[(bd, 1)]) == [
        "Indiquez le fournisseur."
    ]
    assert refused(adjustment_record, date=DAY, worker=maggie, lines=[(bd, -1)], reason="") == [
        "Indiquez le motif de l'ajustement."
    ]


def test_a_distribution_beyond_the_stock_is_refused_naming_the_item_and_what_is_left(bd, h2o, alice, stocked):
    messages = refused(distribution_record, date=DAY, worker=alice, lines=[(h2o, 5), (bd, 11)])
    assert messages == ["Stock insuffisant pour « Seringue BD (normale) » : il en reste 10, 11 demandé(s)."]
    assert stock_of(h2o) == 20  # the valid line was not written either
    distribution_record(date=DAY, worker=alice, lines=[(bd, 10)])
    assert stock_of(bd) == 0


def test_an_adjustment_may_be_negative_but_not_below_zero(bd, maggie, stocked):
    adjustment_record(date=DAY, worker=maggie, lines=[(bd, -4)], reason="Boîte abîmée")
    assert stock_of(bd) == 6
    assert refused(adjustment_record, date=DAY, worker=maggie, lines=[(bd, -7)], reason="Perte") == [
        "Stock insuffisant pour « Seringue BD (normale) » : il en reste 6, 7 demandé(s)."
    ]
    adjustment_record(date=DAY, worker=maggie, lines=[(bd, 3)], reason="Erreur d'encodage")
    assert stock_of(bd) == 9


def test_a_back_dated_distribution_may_not_take_units_already_given_later(bd, alice, maggie):
    receipt_record(date=dt.date(2024, 1, 10), worker=maggie, supplier="MV", lines=[(bd, 10)])
    distribution_record(date=dt.date(2024, 2, 1), worker=alice, lines=[(bd, 8)])
    receipt_record(date=dt.date(2024, 3, 1), worker=maggie, supplier="MV", lines=[(bd, 50)])
    # Today there are 52, but on 1 February only 2 were left after the 8 given.
    messages = refused(distribution_record, date=dt.date(2024, 1, 20), worker=alice, lines=[(bd, 3)])
    assert messages == [
        "Stock insuffisant pour « Seringue BD (normale) » : à cette date, il en reste 2 disponible(s) "
        "(des sorties sont déjà enregistrées jusqu'au 01/02/2024), 3 demandé(s)."
    ]
    distribution_record(date=dt.date(2024, 1, 20), worker=alice, lines=[(bd, 2)])
    assert balance_on([bd.pk], dt.date(2024, 2, 1)) == {bd.pk: 0}
    # And a receipt dated before the first one cannot be taken from before it arrives.
    assert refused(distribution_record, date=dt.date(2024, 1, 5), worker=alice, lines=[(bd, 1)]) == [
        "Stock insuffisant pour « Seringue BD (normale) » : il en reste 0, 1 demandé(s)."
    ]


def test_a_back_dated_negative_adjustment_is_checked_the_same_way(bd, alice, maggie):
    receipt_record(date=dt.date(2024, 1, 10), worker=maggie, supplier="MV", lines=[(bd, 5)])
    distribution_record(date=dt.date(2024, 2, 1), worker=alice, lines=[(bd, 5)])
    receipt_record(date=dt.date(2024, 3, 1), worker=maggie, supplier="MV", lines=[(bd, 5)])
    assert refused(adjustment_record, date=dt.date(2024, 1, 15), worker=maggie, lines=[(bd, -1)], reason="Perte")


def test_a_distribution_during_a_visit_is_linked_to_it_and_its_tenant(bd, alice, stocked):
    visit = VisitFactory(date=DAY)
    op = distribution_record(date=DAY, worker=alice, visit=visit, lines=[(bd, 2)])
    assert op.tenant == visit.tenant and op.visit == visit
    line = op.lines.get()
    assert (line.tenant, line.visit, line.worker, line.kind) == (visit.tenant, visit, alice, "DISTRIBUTION")


def test_a_distribution_must_match_its_visit(bd, alice, stocked):
    visit = VisitFactory(date=DAY)
    assert refused(
        distribution_record, date=DAY, worker=alice, visit=visit, tenant=TenantFactory(), lines=[(bd, 1)]
    ) == ["Le contact choisi concerne un·e autre locataire."]
    planned = VisitFactory(date=DAY, status="ABSENT")
    assert refused(distribution_record, date=DAY, worker=alice, visit=planned, lines=[(bd, 1)]) == [
        "Du matériel ne peut être donné que lors d'un contact réalisé (pas prévu, absent ou annulé)."
    ]
    assert refused(distribution_record, date=dt.date(2024, 3, 2), worker=alice, visit=visit, lines=[(bd, 1)]) == [
        "La date de la distribution doit être celle du contact."
    ]


def test_an_anonymous_distribution_has_no_tenant(bd, alice, stocked):
    op = distribution_record(date=DAY, worker=alice, lines=[(bd, 1)])
    assert op.tenant is None and op.lines.get().tenant is None


def test_an_inventory_records_the_difference_with_the_counted_units(bd, h2o, maggie, stocked):
    op = inventory_record(date=DAY, worker=maggie, counts=[(bd, 7), (h2o, 20)], reason="Inventaire de mars")
    assert list(op.lines.values_list("item__code", "quantity")) == [("BD", -3)]
    assert op.reference == "Inventaire de mars"
    assert stock_of(bd) == 7
    assert refused(inventory_record, date=DAY, worker=maggie, counts=[(bd, 7)], reason="x") == [
        "Le comptage correspond au stock : rien à ajuster."
    ]
    assert refused(inventory_record, date=DAY, worker=maggie, counts=[(bd, -1)], reason="x") == [
        "« Seringue BD (normale) » : le nombre compté doit être un nombre entier positif ou nul."
    ]


def test_the_model_refuses_a_bad_row_too(bd):
    row = Movement(date=DAY, item=bd, kind=MovementKind.DISTRIBUTION, quantity=0)
    with pytest.raises(ValidationError) as info:
        row.full_clean()
    assert info.value.message_dict["quantity"] == [
        "« Seringue BD (normale) » : la quantité doit être un nombre entier supérieur à zéro."
    ]
    row = Movement(date=DAY, item=bd, kind=MovementKind.RECEIPT, quantity=3, tenant=TenantFactory())
    with pytest.raises(ValidationError) as info:
        row.full_clean()
    assert info.value.message_dict["tenant"] == ["Un·e locataire ne s'indique que pour une distribution."]


def test_the_database_refuses_a_negative_distribution_line(bd):

    with pytest.raises(IntegrityError), transaction.atomic():
        Movement.objects.create(date=DAY, item=bd, kind=MovementKind.DISTRIBUTION, quantity=-2)


def test_each_operation_moves_the_kept_balance_and_a_rebuild_agrees(bd, h2o, alice, maggie, stocked):
    distribution_record(date=DAY, worker=alice, lines=[(bd, 3), (h2o, 5)])
    adjustment_record(date=DAY, worker=maggie, lines=[(bd, -2), (h2o, 4)], reason="casse / don")
    inventory_record(date=DAY, worker=maggie, counts=[(bd, 4)], reason="inventaire")
    bd.refresh_from_db()
    h2o.refresh_from_db()
    assert (bd.balance, h2o.balance) == (4, 19)  # 10 − 3 − 2 − 1 ; 20 − 5 + 4
    Item.objects.update(balance=0)
    stock_rebuild()
    kept, summed = kept_and_summed()
    assert kept == summed and kept["BD"] == 4 and kept["H2O"] == 19


def test_the_stock_of_an_earlier_day_reads_the_lines_after_it(bd, alice, maggie, stocked):
    distribution_record(date=dt.date(2024, 3, 5), worker=alice, lines=[(bd, 4)])
    receipt_record(date=dt.date(2024, 3, 9), worker=maggie, supplier="Modus Vivendi", lines=[(bd, 7)])
    assert balance_on([bd.pk], dt.date(2024, 2, 29)) == {bd.pk: 0}
    assert balance_on([bd.pk], dt.date(2024, 3, 5)) == {bd.pk: 6}
    assert balance_on([bd.pk], dt.date(2024, 3, 31)) == {bd.pk: 13}
    assert items_with_stock(dt.date(2024, 3, 8)).get(pk=bd.pk).stock == 6


def test_the_database_refuses_a_negative_kept_balance(bd):
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(pk=bd.pk).update(balance=-1)


def test_saving_an_item_read_before_a_distribution_does_not_undo_it(bd, alice, maggie, stocked):
    """The admin list or the catalogue form holds an Item read earlier."""
    stale = Item.objects.get(pk=bd.pk)
    distribution_record(date=DAY, worker=alice, lines=[(bd, 4)])
    stale.threshold = 7
    stale.save()
    bd.refresh_from_db()
    assert (bd.threshold, bd.balance) == (7, 6)
