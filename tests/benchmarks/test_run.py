"""The benchmark (issue 8) at a tiny scale: it generates a valid, repeatable
data set, refuses a database holding data, and produces its JSON. No timing
is asserted: timings belong to the benchmark, not to the test suite."""

from __future__ import annotations

import json

import pytest

from benchmarks.run import main
from harmreduction.models import Item, Movement
from harmreduction.selectors import negative_balances
from housing.models import Move, Stay
from housing.services import Step, sequence_breach, stay_intervals
from sampledata import bulk
from sampledata.scale import Plan, generate
from tenants.models import Tenant, Visit

pytestmark = pytest.mark.django_db

TINY = 0.05  # 5 tenants, about 2,250 contacts


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The benchmark creates its accounts with real passwords (the load test
    # logs in with them); hashing them properly is not what is tested here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def visit_fingerprint() -> list[tuple]:
    return list(
        Visit.objects.order_by(
            "tenant__code", "date", "kind", "status", "duration_min", "travel_min", "time"
        ).values_list(
            "tenant__code", "date", "kind", "status", "duration_min", "travel_min", "time", "m_daily", "m_crisis"
        )
    )


def test_it_generates_the_same_records_for_the_same_seed():
    first = generate(Plan(scale=TINY), log=lambda *a: None, check_fks=True)
    fingerprint = visit_fingerprint()
    tenants = list(Tenant.objects.order_by("code").values_list("code", "birth_date", "followup_start", "followup_end"))
    bulk.empty_data_tables()
    assert not Visit.objects.exists()

    second = generate(Plan(scale=TINY), log=lambda *a: None, check_fks=True)

    assert second.counts == first.counts
    assert visit_fingerprint() == fingerprint
    assert (
        list(Tenant.objects.order_by("code").values_list("code", "birth_date", "followup_start", "followup_end"))
        == tenants
    )


def test_it_generates_the_volume_of_the_scale():
    report = generate(Plan(scale=TINY), log=lambda *a: None, check_fks=True)

    assert report.counts["tenants.Tenant"] == 5
    # 45,000 contacts at scale 1, rounded per tenant.
    assert abs(report.counts["tenants.Visit"] - 2250) <= 10
    assert Visit.objects.count() == report.counts["tenants.Visit"]


def test_it_writes_moves_that_follow_the_housing_rules():
    generate(Plan(scale=TINY), log=lambda *a: None, check_fks=True)

    for tenant in Tenant.objects.all():
        steps = [Step(m.pk, m.date, m.kind, m.dwelling_id) for m in Move.objects.filter(tenant=tenant).order_by("date")]
        assert sequence_breach(steps) is None
        for step in steps:
            assert tenant.followup_start <= step.date
            assert tenant.followup_end is None or step.date <= tenant.followup_end
        expected = [(iv.dwelling_id, iv.start, iv.end, iv.move_pk) for iv in stay_intervals(steps)]
        stored = list(
            Stay.objects.filter(tenant=tenant)
            .order_by("start")
            .values_list("dwelling_id", "start", "end", "move_in_id")
        )
        assert stored == expected


def test_it_never_lets_the_stock_go_below_zero():
    generate(Plan(scale=TINY), log=lambda *a: None, check_fks=True)

    assert Movement.objects.filter(kind="DISTRIBUTION").exists()
    assert negative_balances(list(Item.objects.values_list("pk", flat=True))) == {}


def test_it_refuses_a_database_that_holds_data(alice):
    with pytest.raises(bulk.RealDataError, match="pass --reset"):
        bulk.ensure_empty_or_reset(reset=False)

    emptied = bulk.ensure_empty_or_reset(reset=True)

    assert "auth_user" in emptied
    assert bulk.non_empty_tables() == []
    assert Item.objects.exists()  # the catalogue (reference data) stays


def test_it_stops_the_command_on_a_database_that_holds_data(alice, tmp_path):
    with pytest.raises(bulk.RealDataError):
        main(["--scale", "0.02", "--quiet", "--output", str(tmp_path / "r.json")])
    assert not Tenant.objects.exists()


def test_it_runs_the_whole_benchmark_at_a_tiny_scale(tmp_path):
    output = tmp_path / "result.json"

    main(
        [
            "--scale",
            "0.02",
            "--quiet",
            "--check-fks",
            "--runs",
            "1",
            "--warmup",
            "0",
            "--report-runs",
            "1",
            "--skip",
            "pdf",
            "--import-rows",
            "120",
            "--output",
            str(output),
        ]
    )

    result = json.loads(output.read_text())
    assert result["scale"] == 0.02
    assert result["generated"]["counts"]["tenants.Tenant"] == 2
    assert result["generated"]["stays_check"]["consistent"] is True
    assert result["data"]["tenants"] == 2
    assert result["floor"]["queries"] == 1
    assert result["floor"]["visits_in_year"] == result["data"]["visits_in_year"]
    assert "pdf" not in result
    for name in (
        "tenant_detail",
        "tenant_list_search",
        "quicklog_get",
        "quicklog_post",
        "stock",
        "annual_report_page",
        "annual_report_json_download",
    ):
        figures = result["pages"][name]
        assert "error" not in figures, figures
        assert "skipped" in figures or (figures["queries"] > 0 and figures["status"] in (200, 302))
    assert result["report"]["queries"] > 0
    imported = result["import"]
    assert "skipped" in imported or (imported["rows"] == 120 and imported["errors"] == 0 and imported["new"] > 0)
    # The import was rolled back: only the one quick-log POST added a visit.
    assert Visit.objects.count() == result["data"]["visits"] + 1
