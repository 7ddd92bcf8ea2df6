"""The oracle: the sample data set (tests/data/sample) imported into an
empty database gives tests/data/expected-<Y>.json on every key (means to
±0.05; docs/report.md defines the keys).

The expected files were computed independently of the application; no value
is copied here. Keys the application adds (the spec allows additions) and catalogue
items the harm-reduction app pre-fills with 0 are not in the oracle, so the
comparison walks the oracle's keys.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import DATA_DIR

pytestmark = pytest.mark.django_db


def differences(expected, got, path="") -> list[str]:
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{path}: expected an object, got {got!r}"]
        out = []
        for key, value in expected.items():
            if key not in got:
                out.append(f"{path}.{key}: missing")
            else:
                out += differences(value, got[key], f"{path}.{key}")
        return out
    if isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            return [f"{path}: expected {expected!r}, got {got!r}"]
        return [
            d for i, (a, b) in enumerate(zip(expected, got, strict=True)) for d in differences(a, b, f"{path}[{i}]")
        ]
    if isinstance(expected, float) and not isinstance(expected, bool):
        if got is None or isinstance(got, bool) or abs(expected - got) > 0.05:
            return [f"{path}: expected {expected!r}, got {got!r}"]
        return []
    if expected != got or type(expected) is not type(got):
        return [f"{path}: expected {expected!r}, got {got!r}"]
    return []


def test_it_reproduces_the_oracle_for_2023_and_2024(sample_dir):
    call_command("import_data", str(sample_dir), stdout=StringIO(), stderr=StringIO())
    for year in (2023, 2024):
        expected = json.loads((DATA_DIR / f"expected-{year}.json").read_text(encoding="utf-8"))
        out = StringIO()
        call_command("annual_report", "--year", str(year), "--format", "json", stdout=out)
        got = json.loads(out.getvalue())
        assert differences(expected, got) == [], f"annual_report {year} differs from the oracle"


def test_the_comparison_catches_a_wrong_figure():
    expected = {"gaf": {"current_mean": 51.3, "current_n": 83, "rows": [{"n": 1, "current": None}]}}
    assert (
        differences(expected, {"gaf": {"current_mean": 51.34, "current_n": 83, "rows": [{"n": 1, "current": None}]}})
        == []
    )
    assert differences(
        expected, {"gaf": {"current_mean": 49.0, "current_n": 86, "rows": [{"n": 1, "current": 0}]}}
    ) == [
        ".gaf.current_mean: expected 51.3, got 49.0",
        ".gaf.current_n: expected 83, got 86",
        ".gaf.rows[0].current: expected None, got 0",
    ]
