"""Reads: every figure from one database aggregate."""

import datetime as dt

from harmreduction.models import Category, Item
from harmreduction.selectors import (
    balance_on,
    harm_reduction_block,
    items_with_stock,
    low_stock_items,
    monthly_distribution,
    yearly_table,
)
from harmreduction.services import adjustment_record, distribution_record, receipt_record


def test_the_block_has_exactly_the_spec_keys_and_every_item(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        block = harm_reduction_block(2024)
    assert list(block) == ["distributed", "previous_year", "by_category", "stock_end"]
    codes = list(Item.objects.values_list("code", flat=True))
    for key in ("distributed", "previous_year", "stock_end"):
        assert list(block[key]) == codes and set(block[key].values()) == {0}
    assert block["by_category"] == {c: 0 for c in Category.values}


def test_the_block_counts_distributions_of_the_year_and_the_stock_at_its_end(bd, h2o, alice, maggie):
    receipt_record(date=dt.date(2023, 1, 5), worker=maggie, supplier="MV", lines=[(bd, 100), (h2o, 100)])
    distribution_record(date=dt.date(2023, 12, 31), worker=alice, lines=[(bd, 7)])
    distribution_record(date=dt.date(2024, 1, 1), worker=alice, lines=[(bd, 5), (h2o, 4)])
    adjustment_record(date=dt.date(2024, 6, 1), worker=maggie, lines=[(h2o, -6)], reason="Perte")
    distribution_record(date=dt.date(2025, 1, 1), worker=alice, lines=[(bd, 1)])
    block = harm_reduction_block(2024)
    assert (block["distributed"]["BD"], block["distributed"]["H2O"]) == (5, 4)
    assert (block["previous_year"]["BD"], block["previous_year"]["H2O"]) == (7, 0)
    assert (block["stock_end"]["BD"], block["stock_end"]["H2O"]) == (88, 90)
    assert block["by_category"] == {"INJECTION": 9, "INHALATION": 0, "SNIFF": 0, "STI_OTHER": 0}


def test_the_stock_of_every_item_is_one_query(bd, h2o, alice, maggie, django_assert_num_queries):
    receipt_record(date=dt.date(2024, 1, 5), worker=maggie, supplier="MV", lines=[(bd, 30), (h2o, 3)])
    distribution_record(date=dt.date(2024, 2, 1), worker=alice, lines=[(bd, 9)])
    with django_assert_num_queries(1):
        stock = {i.code: i.stock for i in items_with_stock()}
    assert (stock["BD"], stock["H2O"], stock["GARROT"]) == (21, 3, 0)
    assert balance_on([bd.pk], dt.date(2024, 1, 31)) == {bd.pk: 30}
    low = [r.item.code for r in low_stock_items()]
    assert "H2O" in low and "GARROT" in low and "BD" not in low  # H2O: 3 < threshold 40


def test_the_yearly_table_groups_items_and_compares_with_the_year_before(bd, h2o, alice, maggie):
    receipt_record(date=dt.date(2023, 1, 5), worker=maggie, supplier="MV", lines=[(bd, 100), (h2o, 100)])
    distribution_record(date=dt.date(2023, 3, 1), worker=alice, lines=[(bd, 10)])
    distribution_record(date=dt.date(2024, 3, 1), worker=alice, lines=[(bd, 15), (h2o, 5)])
    table = yearly_table(2024)
    injection = table["groups"][0]
    assert (
        injection["code"],
        injection["distributed"],
        injection["previous"],
        injection["diff"],
        injection["pct"],
    ) == ("INJECTION", 20, 10, 10, 100.0)
    bd_row = next(r for r in injection["rows"] if r["item"].code == "BD")
    assert (bd_row["distributed"], bd_row["previous"], bd_row["diff"], bd_row["pct"], bd_row["stock_end"]) == (
        15,
        10,
        5,
        50.0,
        75,
    )
    h2o_row = next(r for r in injection["rows"] if r["item"].code == "H2O")
    assert h2o_row["pct"] is None  # nothing the year before: no percentage
    assert table["total"] == {"distributed": 20, "previous": 10, "diff": 10, "pct": 100.0}


def test_monthly_distribution_per_category(bd, alice, maggie):
    receipt_record(date=dt.date(2024, 1, 5), worker=maggie, supplier="MV", lines=[(bd, 100)])
    distribution_record(date=dt.date(2024, 2, 1), worker=alice, lines=[(bd, 4)])
    distribution_record(date=dt.date(2024, 2, 20), worker=alice, lines=[(bd, 1)])
    distribution_record(date=dt.date(2024, 12, 31), worker=alice, lines=[(bd, 2)])
    series = monthly_distribution(2024)
    assert series["INJECTION"] == [0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]
    assert series["SNIFF"] == [0] * 12
