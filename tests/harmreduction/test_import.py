"""rdr_items.csv and rdr_movements.csv through the interchange engine."""

import json
import shutil

import pytest

from harmreduction.models import Item, Movement
from harmreduction.selectors import harm_reduction_block
from harmreduction.services import stock_rebuild
from records.interchange.engine import export_directory, import_directory
from tests.conftest import DATA_DIR

HEADER = "date,item,kind,quantity,tenant\n"


@pytest.fixture
def rdr_dir(tmp_path, sample_dir):
    """The sample's tenants and RdR files (the movements name tenants)."""
    for name in ("tenants.csv", "rdr_items.csv", "rdr_movements.csv"):
        shutil.copy(sample_dir / name, tmp_path / name)
    return tmp_path


def imported(directory):
    report = import_directory(directory)
    assert report.errors == [], [str(e) for e in report.errors]
    return report


def test_the_sample_import_gives_the_expected_2024_block(db, rdr_dir):
    imported(rdr_dir)
    expected = json.loads((DATA_DIR / "expected-2024.json").read_text(encoding="utf-8"))["harm_reduction"]
    block = harm_reduction_block(2024)
    assert set(block) >= {"distributed", "previous_year", "by_category", "stock_end"}
    assert block["by_category"] == expected["by_category"]
    for key in ("distributed", "previous_year", "stock_end"):
        assert {code: block[key][code] for code in expected[key]} == expected[key], key
        # Catalogue items absent from the sample are there, at zero.
        assert set(block[key]) == set(Item.objects.values_list("code", flat=True))
        assert all(v == 0 for code, v in block[key].items() if code not in expected[key])


def test_the_2023_block_matches_too(db, rdr_dir):
    imported(rdr_dir)
    expected = json.loads((DATA_DIR / "expected-2023.json").read_text(encoding="utf-8"))["harm_reduction"]
    block = harm_reduction_block(2023)
    assert block["by_category"] == expected["by_category"]
    for key in ("distributed", "previous_year", "stock_end"):
        assert {code: block[key][code] for code in expected[key]} == expected[key], key


def test_reimporting_changes_nothing_and_items_update_by_code(db, rdr_dir):
    imported(rdr_dir)
    count = Movement.objects.count()
    Item.objects.filter(code="BD").update(name="Ancien nom", threshold=33)
    report = imported(rdr_dir)
    movements = next(f for f in report.files if f.file == "rdr_movements.csv")
    assert (movements.new, movements.unchanged) == (0, count)
    assert Movement.objects.count() == count
    bd = Item.objects.get(code="BD")
    assert (bd.name, bd.threshold) == ("Seringue BD", 33)  # the threshold is the application's
    assert Item.objects.count() == 23


def test_identical_rows_of_one_file_stay_distinct(db, rdr_dir):
    (rdr_dir / "rdr_movements.csv").write_text(
        HEADER + "2024-01-02,BD,RECEIPT,10,\n2024-01-03,BD,DISTRIBUTION,1,\n2024-01-03,BD,DISTRIBUTION,1,\n",
        encoding="utf-8",
    )
    imported(rdr_dir)
    assert Movement.objects.filter(kind="DISTRIBUTION").count() == 2
    # Re-import: both rows are matched, a third identical row is new.
    with (rdr_dir / "rdr_movements.csv").open("a", encoding="utf-8") as handle:
        handle.write("2024-01-03,BD,DISTRIBUTION,1,\n")
    report = imported(rdr_dir)
    movements = next(f for f in report.files if f.file == "rdr_movements.csv")
    assert (movements.new, movements.unchanged) == (1, 3)
    assert Movement.objects.filter(kind="DISTRIBUTION").count() == 3


def errors_of(directory) -> list[str]:
    before = Movement.objects.count()
    report = import_directory(directory)
    assert Movement.objects.count() == before, "a refused import wrote rows"
    return [str(e) for e in report.errors]


def test_a_file_driving_the_stock_negative_is_refused_naming_the_row(db, rdr_dir):
    (rdr_dir / "rdr_movements.csv").write_text(
        HEADER
        + "2024-01-02,BD,RECEIPT,10,\n"
        + "2024-02-01,BD,DISTRIBUTION,8,\n"
        + "2024-03-01,BD,RECEIPT,50,\n"
        + "2024-01-20,BD,DISTRIBUTION,3,HF-0001\n",
        encoding="utf-8",
    )
    # In date order the stock first drops below zero on 1 February: the
    # outgoing row of that day is named.
    assert errors_of(rdr_dir) == [
        "rdr_movements.csv:3: quantity: le stock de « Seringue BD » deviendrait négatif le 2024-02-01 (-1) : "
        "ligne refusée."
    ]


def test_a_back_dated_row_against_recorded_movements_is_the_one_named(db, rdr_dir, alice, maggie):
    import datetime as dt

    from harmreduction.services import distribution_record, receipt_record

    bd = Item.objects.get(code="BD")
    receipt_record(date=dt.date(2024, 1, 2), worker=maggie, supplier="MV", lines=[(bd, 10)])
    distribution_record(date=dt.date(2024, 2, 1), worker=alice, lines=[(bd, 8)])
    receipt_record(date=dt.date(2024, 3, 1), worker=maggie, supplier="MV", lines=[(bd, 50)])
    (rdr_dir / "rdr_movements.csv").write_text(
        HEADER + "2024-03-05,H2O,RECEIPT,4,\n2024-01-20,BD,DISTRIBUTION,3,HF-0001\n", encoding="utf-8"
    )
    assert errors_of(rdr_dir) == [
        "rdr_movements.csv:3: quantity: le stock de « Seringue BD » deviendrait négatif le 2024-02-01 (-1) : "
        "ligne refusée."
    ]


def test_rows_out_of_date_order_are_fine_when_the_stock_never_goes_negative(db, rdr_dir):
    (rdr_dir / "rdr_movements.csv").write_text(
        HEADER + "2024-02-01,BD,DISTRIBUTION,8,\n2024-01-02,BD,RECEIPT,10,\n", encoding="utf-8"
    )
    imported(rdr_dir)
    assert Movement.objects.count() == 2


def test_bad_rows_are_refused_with_their_line_and_column(db, rdr_dir):
    (rdr_dir / "rdr_movements.csv").write_text(
        HEADER
        + "2024-01-02,BD,RECEIPT,10,\n"
        + "2024-01-03,NOPE,RECEIPT,5,\n"
        + "2024-01-03,BD,DISTRIBUTION,0,\n"
        + "2024-01-03,BD,DISTRIBUTION,-2,\n"
        + "2024-01-03,BD,RECEIPT,4,HF-0001\n"
        + "2024-01-03,BD,GIFT,4,\n",
        encoding="utf-8",
    )
    assert errors_of(rdr_dir) == [
        "rdr_movements.csv:3: item: matériel inconnu·e « NOPE »",
        "rdr_movements.csv:4: quantity: « Seringue BD » : la quantité doit être un nombre entier supérieur à zéro.",
        "rdr_movements.csv:5: quantity: « Seringue BD » : la quantité doit être un nombre entier supérieur à zéro.",
        "rdr_movements.csv:6: tenant: Un·e locataire ne s'indique que pour une distribution.",
        "rdr_movements.csv:7: kind: code inconnu « GIFT » (attendu : RECEIPT, DISTRIBUTION, ADJUSTMENT)",
    ]


def test_a_negative_adjustment_is_accepted_within_the_stock(db, rdr_dir):
    (rdr_dir / "rdr_movements.csv").write_text(
        HEADER + "2024-01-02,BD,RECEIPT,10,\n2024-01-05,BD,ADJUSTMENT,-4,\n", encoding="utf-8"
    )
    imported(rdr_dir)
    assert harm_reduction_block(2024)["stock_end"]["BD"] == 6


def test_export_then_import_into_an_empty_database_gives_identical_files(db, rdr_dir, tmp_path_factory):
    imported(rdr_dir)
    first = tmp_path_factory.mktemp("first")
    export_directory(first)
    exported_items = (first / "rdr_items.csv").read_text(encoding="utf-8")
    exported_moves = (first / "rdr_movements.csv").read_text(encoding="utf-8")
    assert exported_moves.count("\n") == 606
    assert (
        exported_items.splitlines()[0] == "code,name,category,unit,name_nl,unit_nl"
    )  # optional columns since issue 12
    # "Empty" database: only the catalogue of the migration.
    Movement.objects.all().delete()
    stock_rebuild()  # the lines went around the services
    from tenants.models import Tenant

    Tenant.objects.all().delete()
    for name in ("tenants.csv", "rdr_items.csv", "rdr_movements.csv"):
        shutil.copy(first / name, rdr_dir / name)
    imported(rdr_dir)
    second = tmp_path_factory.mktemp("second")
    export_directory(second)
    assert (second / "rdr_items.csv").read_text(encoding="utf-8") == exported_items
    assert (second / "rdr_movements.csv").read_text(encoding="utf-8") == exported_moves
