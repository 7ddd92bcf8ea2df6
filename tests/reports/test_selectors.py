"""Edge cases of the figure definitions, each on a small hand-made year."""

import datetime as dt

import pytest

from reports.blocks.contacts import contacts_block
from reports.blocks.gaf import gaf_block
from reports.blocks.housing import housing_block
from reports.blocks.moves import moves_block
from reports.blocks.problems import problems_block
from reports.blocks.tenants import tenants_block
from tests.factories import AssessmentFactory, GafScoreFactory, IncomeFactory, LeaseFactory, TenantFactory, VisitFactory

D = dt.date
pytestmark = pytest.mark.django_db


def test_it_counts_a_follow_up_ending_on_1_january_in_that_year():
    TenantFactory(followup_start=D(2020, 3, 1), followup_end=D(2024, 1, 1), end_reason="NO_LONGER_NEEDED")
    TenantFactory(followup_start=D(2020, 3, 1), followup_end=D(2023, 12, 31), end_reason="TRANSFERRED")

    block = tenants_block(2024)

    assert block["accompanied"] == 1
    assert block["ended"] == {"NO_LONGER_NEEDED": 1, "TRANSFERRED": 0, "OTHER": 0}
    assert tenants_block(2023)["accompanied"] == 2
    assert tenants_block(2023)["ended"] == {"NO_LONGER_NEEDED": 0, "TRANSFERRED": 1, "OTHER": 0}


def test_it_counts_a_follow_up_ending_or_starting_on_31_december():
    TenantFactory(followup_start=D(2020, 3, 1), followup_end=D(2024, 12, 31), end_reason="OTHER")
    TenantFactory(followup_start=D(2024, 12, 31))
    TenantFactory(followup_start=D(2025, 1, 1))

    assert tenants_block(2024)["accompanied"] == 2
    assert tenants_block(2024)["ended"]["OTHER"] == 1
    assert tenants_block(2025)["accompanied"] == 2


def test_a_death_on_31_december_counts_in_that_year_everywhere(flat, enter):
    dead = TenantFactory(followup_start=D(2021, 1, 1), followup_end=D(2024, 12, 31), end_reason="DECEASED")
    alive = TenantFactory(followup_start=D(2021, 1, 1))
    enter(dead, flat, D(2021, 2, 1))
    GafScoreFactory(tenant=dead, date=D(2021, 2, 1), score=20)
    GafScoreFactory(tenant=dead, date=D(2024, 6, 1), score=30)
    GafScoreFactory(tenant=alive, date=D(2021, 2, 1), score=40)

    assert tenants_block(2024)["deceased"] == 1
    assert housing_block(2024)["deceased"] == 1
    gaf = gaf_block(2024)
    assert gaf["rows"] == [
        {"n": 1, "entry": 20, "current": 30, "deceased": True},
        {"n": 2, "entry": 40, "current": 40, "deceased": False},
    ]
    assert (gaf["current_mean"], gaf["current_n"]) == (40.0, 1)
    # Not yet deceased on 31 December 2023.
    assert tenants_block(2023)["deceased"] == 0
    assert gaf_block(2023)["rows"][0]["deceased"] is False


def test_the_current_gaf_mean_is_over_the_living_only():
    """The 2025 chapter divided the living tenants' sum by all tenants."""
    for score in (50, 60, 70):
        GafScoreFactory(tenant=TenantFactory(followup_start=D(2022, 1, 1)), date=D(2024, 3, 1), score=score)
    dead = TenantFactory(followup_start=D(2022, 1, 1), followup_end=D(2024, 5, 1), end_reason="DECEASED")
    GafScoreFactory(tenant=dead, date=D(2022, 1, 5), score=10)

    gaf = gaf_block(2024)

    assert gaf["current_mean"] == 60.0
    assert gaf["current_n"] == 3
    assert gaf["entry_mean"] == 47.5  # (10 + 50 + 60 + 70) / 4
    assert gaf["improvement_mean"] == 0.0


def test_a_tenant_with_no_gaf_has_a_null_row_and_stays_out_of_the_means():
    scored = TenantFactory(code="HF-0001", followup_start=D(2022, 1, 1))
    TenantFactory(code="HF-0002", followup_start=D(2022, 1, 1))
    GafScoreFactory(tenant=scored, date=D(2022, 1, 10), score=30)
    GafScoreFactory(tenant=scored, date=D(2024, 11, 2), score=45)
    GafScoreFactory(tenant=scored, date=D(2025, 1, 3), score=80)  # after the year: not current

    gaf = gaf_block(2024)

    assert gaf["rows"][1] == {"n": 2, "entry": None, "current": None, "deceased": False}
    assert gaf["rows"][0] == {"n": 1, "entry": 30, "current": 45, "deceased": False}
    assert (gaf["entry_mean"], gaf["current_mean"], gaf["current_n"], gaf["improvement_mean"]) == (30.0, 45.0, 1, 15.0)


def test_gaf_means_are_null_when_nobody_has_a_score():
    TenantFactory(followup_start=D(2022, 1, 1))
    gaf = gaf_block(2024)
    assert (gaf["entry_mean"], gaf["current_mean"], gaf["current_n"], gaf["improvement_mean"]) == (None, None, 0, None)


def test_gaf_rows_follow_followup_start_then_code():
    TenantFactory(code="HF-0003", followup_start=D(2021, 1, 1))
    b = TenantFactory(code="HF-0002", followup_start=D(2022, 1, 1))
    a = TenantFactory(code="HF-0001", followup_start=D(2022, 1, 1))
    GafScoreFactory(tenant=a, date=D(2022, 2, 1), score=11)
    GafScoreFactory(tenant=b, date=D(2022, 2, 1), score=22)

    assert [r["entry"] for r in gaf_block(2024)["rows"]] == [None, 11, 22]


def test_a_move_on_1_january_belongs_to_the_year_it_starts(flat, make_flat, enter, leave):
    left = TenantFactory(followup_start=D(2020, 1, 1))
    enter(left, flat, D(2020, 5, 1))
    leave(left, D(2024, 1, 1))  # out on 1 January: occupied nothing in 2024
    arrived = TenantFactory(followup_start=D(2020, 1, 1))
    enter(arrived, make_flat("D-7002", partner="MAIS", commune="Molenbeek-Saint-Jean"), D(2024, 1, 1))

    housing = housing_block(2024)
    moves = moves_block(2024)

    assert housing["housed"] == 1
    assert housing["by_partner"] == {"MAIS": 1}
    assert tenants_block(2024)["communes"] == ["Molenbeek-Saint-Jean"]
    assert moves["first_entries"] == 1
    assert moves["exits"] == {"STREET": 1, "INSTITUTION": 0, "DEATH": 0, "OTHER": 0}
    assert moves["total"] == 2
    # In 2023 the first tenant still occupied the flat until 31 December.
    assert housing_block(2023)["housed"] == 1
    assert housing_block(2023)["lost"] == 0  # still there on 31 December 2023


def test_retention_counts_who_lost_housing_by_31_december(flat, make_flat, enter, leave):
    kept = TenantFactory(followup_start=D(2020, 1, 1))
    enter(kept, flat, D(2020, 2, 1))
    lost = TenantFactory(followup_start=D(2020, 1, 1))
    enter(lost, make_flat("D-7003"), D(2020, 2, 1))
    leave(lost, D(2024, 6, 30), exit_to="STREET")
    rehoused = TenantFactory(followup_start=D(2020, 1, 1))
    enter(rehoused, make_flat("D-7004"), D(2020, 2, 1))
    leave(rehoused, D(2024, 3, 1), exit_to="INSTITUTION")
    enter(rehoused, make_flat("D-7005"), D(2024, 9, 1))

    housing = housing_block(2024)
    moves = moves_block(2024)

    assert (housing["housed"], housing["deceased"], housing["lost"]) == (3, 0, 1)
    assert housing["retention_pct"] == 66.7
    assert (moves["first_entries"], moves["re_entries"]) == (0, 1)


def test_a_year_with_no_visits_gives_null_ratios_and_change():
    TenantFactory(followup_start=D(2020, 1, 1))

    contacts = contacts_block(2024)

    assert contacts["meetings_total"] == 0
    assert contacts["previous_year_total"] == 0
    assert contacts["change_pct"] is None
    assert contacts["mean_duration_min"] == {"HOME": None, "EXTERNAL": None, "CONCERTATION": None}
    assert contacts["mean_travel_min"] is None
    assert contacts["missed_pct"] is None
    assert contacts["per_tenant_per_month"] == 0.0
    assert contacts["max_in_month"] == 0


def test_a_previous_year_with_zero_meetings_gives_a_null_change():
    tenant = TenantFactory(followup_start=D(2020, 1, 1))
    VisitFactory(tenant=tenant, date=D(2023, 5, 1), kind="PHONE")  # a call is not a meeting
    VisitFactory(tenant=tenant, date=D(2024, 5, 1), kind="HOME")

    contacts = contacts_block(2024)

    assert (contacts["meetings_total"], contacts["previous_year_total"], contacts["change_pct"]) == (1, 0, None)
    assert contacts_block(2025)["change_pct"] == -100.0


def test_contacts_count_done_meetings_and_ignore_planned_ones():
    t = TenantFactory(followup_start=D(2020, 1, 1))
    VisitFactory(tenant=t, date=D(2024, 3, 1), kind="HOME", duration_min=40, travel_min=20, m_daily=True)
    VisitFactory(
        tenant=t, date=D(2024, 3, 9), kind="HOME", duration_min=None, travel_min=None, m_daily=True, m_psy=True
    )
    VisitFactory(tenant=t, date=D(2024, 3, 20), kind="EXTERNAL", duration_min=90, travel_min=40)
    VisitFactory(tenant=t, date=D(2024, 4, 2), kind="HOME", status="ABSENT")
    VisitFactory(tenant=t, date=D(2024, 4, 3), kind="HOME", status="PLANNED", m_crisis=True)
    VisitFactory(tenant=t, date=D(2024, 4, 4), kind="HOME", status="CANCELLED")
    VisitFactory(tenant=t, date=D(2024, 4, 5), kind="PHONE", m_daily=True)
    VisitFactory(tenant=t, date=D(2023, 4, 5), kind="CONCERTATION")
    VisitFactory(tenant=t, date=D(2023, 4, 6), kind="CONCERTATION")

    c = contacts_block(2024)

    assert c["by_kind"] == {"HOME": 2, "EXTERNAL": 1, "CONCERTATION": 0}
    assert (c["meetings_total"], c["previous_year_total"], c["change_pct"]) == (3, 2, 50.0)
    assert c["phone"] == 1
    assert c["mean_duration_min"] == {"HOME": 40.0, "EXTERNAL": 90.0, "CONCERTATION": None}
    assert c["mean_travel_min"] == 30.0
    assert c["missed_pct"] == 25.0
    assert c["per_tenant_per_month"] == 0.25
    assert c["max_in_month"] == 3
    assert c["motives"]["DAILY"] == 3 and c["motives"]["PSY"] == 1 and c["motives"]["CRISIS"] == 0


def test_most_meetings_in_a_month_counts_each_calendar_month_of_the_year_only():
    busy, other = TenantFactory(followup_start=D(2020, 1, 1)), TenantFactory(followup_start=D(2020, 1, 1))
    for day in (1, 15, 31):  # December: three done meetings
        VisitFactory(tenant=busy, date=D(2024, 12, day), kind="HOME")
    VisitFactory(tenant=busy, date=D(2024, 11, 30), kind="EXTERNAL")  # not the same month
    for day in (1, 2, 3, 4):  # next January: another year
        VisitFactory(tenant=busy, date=D(2025, 1, day), kind="HOME")
    for day in (2, 3):  # February: a call and a missed visit are not meetings done
        VisitFactory(tenant=other, date=D(2024, 2, day), kind="CONCERTATION")
    VisitFactory(tenant=other, date=D(2024, 2, 29), kind="PHONE")
    VisitFactory(tenant=other, date=D(2024, 2, 28), kind="HOME", status="ABSENT")

    assert contacts_block(2024)["max_in_month"] == 3
    assert contacts_block(2025)["max_in_month"] == 4


def test_a_motive_share_is_rounded_not_inflated():
    """The chapter printed "4 %" for 255 of 7394 mentions (3.4 %)."""
    t = TenantFactory(followup_start=D(2020, 1, 1))
    for i in range(34):
        VisitFactory(tenant=t, date=D(2024, 1, 1) + dt.timedelta(days=i), m_consumption=True)
    for i in range(966):
        VisitFactory(tenant=t, date=D(2024, 1, 1) + dt.timedelta(days=i % 360), kind="PHONE", m_daily=True)

    assert contacts_block(2024)["motives_pct"]["CONSUMPTION"] == 3.4


def test_problems_use_the_latest_assessment_of_the_year():
    t = TenantFactory(followup_start=D(2020, 1, 1))
    AssessmentFactory(tenant=t, date=D(2024, 2, 1), depression=True, p_alcohol=True)
    AssessmentFactory(
        tenant=t,
        date=D(2024, 10, 1),
        paranoia=True,
        p_alcohol=True,
        p_cocaine=True,
        p_cannabis=True,
        crack_inhalation=True,
    )
    AssessmentFactory(tenant=t, date=D(2025, 1, 5), depression=True)
    other = TenantFactory(followup_start=D(2020, 1, 1))
    AssessmentFactory(tenant=other, date=D(2024, 5, 1))  # abstinent
    TenantFactory(followup_start=D(2020, 1, 1))  # no review in 2024

    p = problems_block(2024)

    assert p["assessed"] == 2
    assert p["mental_health"] == {"depression": 0, "paranoia": 1, "hallucinations": 0, "aggression": 0, "cognitive": 0}
    assert p["consumption"] == {"abstinent": 1, "one": 0, "two": 0, "three_plus": 1}
    assert (p["crack_inhalation"], p["injection"], p["overdose"]) == (1, 0, 0)
    assert p["mental_health_pct"]["paranoia"] == 50.0


def test_population_breakdowns_and_age_on_31_december():
    TenantFactory(
        sex="F",
        funding="SPP_IS",
        team="ICM",
        birth_date=D(1970, 12, 31),
        street_years="4.0",
        followup_start=D(2020, 1, 1),
    )
    t = TenantFactory(
        sex="M", funding="COCOM", team="ACT", birth_date=D(1990, 1, 1), street_years="7.5", followup_start=D(2020, 1, 1)
    )
    IncomeFactory(tenant=t, source="RIS", start=D(2019, 1, 1), end=D(2024, 1, 1))
    IncomeFactory(tenant=t, source="DGPH", start=D(2025, 1, 1))

    block = tenants_block(2024)

    assert block["by_sex"] == {"F": 1, "M": 1, "X": 0}
    assert block["by_funding"] == {"COCOM": 1, "SPP_IS": 1, "SPF_TSI": 0}
    assert block["by_team"] == {"ACT": 1, "ICM": 1}
    assert block["age"] == {"min": 34, "max": 54, "mean": 44.0}
    assert block["street_years_mean"] == 5.8  # 5.75 rounds half up
    assert block["incomes"]["RIS"] == 1 and block["incomes"]["DGPH"] == 0


def test_leases_are_counted_when_running_on_31_december():
    LeaseFactory(kind="SLIDING", start=D(2023, 1, 1), end=None)
    LeaseFactory(kind="SLIDING", start=D(2023, 1, 1), end=D(2024, 12, 31))
    LeaseFactory(kind="TRANSIT", start=D(2023, 1, 1), end=D(2024, 12, 30))
    LeaseFactory(kind="STANDARD", start=D(2025, 1, 1))

    assert housing_block(2024)["leases_by_kind"] == {
        "STANDARD": 0,
        "SLIDING": 2,
        "TRANSIT": 0,
        "PRECARIOUS": 0,
        "NURSING_HOME": 0,
    }
