from harmreduction.models import Category, Item

SAMPLE_CODES = [
    "BD",
    "H2O",
    "STERICUP",
    "ASCORB",
    "STERET",
    "KB",
    "GEX",
    "EMBOUT",
    "ALU",
    "PAILLE",
    "PRESERV",
    "LINGETTE",
]


def test_it_prefills_the_23_items_of_the_2025_report_in_four_groups(db):
    items = list(Item.objects.all())
    assert len(items) == 23
    by_category = {c: [i.code for i in items if i.category == c] for c in Category.values}
    assert by_category == {
        "INJECTION": ["BD", "H2O", "STERICUP", "ASCORB", "GARROT", "STERET", "CONTAINER", "TAMPON"],
        "INHALATION": ["ASD", "KB", "GEX", "EMBOUT", "LAME", "CROPEUR", "BICARB", "SYRISPOON", "ALU"],
        "SNIFF": ["PAILLE"],
        "STI_OTHER": ["PRESERV", "LUBRIF", "LINGETTE", "LINGINT", "HYDRAMYL"],
    }


def test_it_reuses_the_codes_of_the_sample_data_set(db, sample_dir):
    import csv

    with (sample_dir / "rdr_items.csv").open(encoding="utf-8") as handle:
        sample = {row["code"]: row["category"] for row in csv.DictReader(handle)}
    assert set(sample) == set(SAMPLE_CODES)
    catalogue = dict(Item.objects.values_list("code", "category"))
    for code, category in sample.items():
        assert catalogue[code] == category, code


def test_every_item_is_active_with_a_unit_and_a_threshold(db):
    for item in Item.objects.all():
        assert item.active and item.unit and item.threshold > 0, item.code
    positions = list(Item.objects.values_list("position", flat=True))
    assert positions == sorted(positions) and len(set(positions)) == 23
