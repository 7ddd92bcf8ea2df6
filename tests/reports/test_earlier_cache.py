"""The earlier years a report cites are kept in the cache while the data
does not change, and computed again as soon as it does — whatever the way
it changed (a form, a deletion, an import written in bulk)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.presentation import report_context
from tenants.models import Visit
from tenants.visits.services import visit_create, visit_delete, visit_update
from tests.factories import TenantFactory

D = dt.date
pytestmark = pytest.mark.django_db


def cited_2024() -> tuple[int | None, int]:
    """Meetings of 2024 as the 2025 report cites them, and the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        history = report_context(2025)["figures"]["contacts.meetings_total"].history
    by_year = {p.year: p.value for p in history}
    return by_year.get(2024), len(queries)


@pytest.fixture
def tenant():
    return TenantFactory(followup_start=D(2020, 1, 1))


def _visit(alice, tenant, day, **extra):
    return visit_create(author=alice, tenant=tenant, date=day, kind="HOME", status="DONE", **extra)


def test_unchanged_data_is_not_computed_twice(alice, tenant):
    _visit(alice, tenant, D(2024, 3, 4))
    _visit(alice, tenant, D(2025, 3, 4))
    first, first_queries = cited_2024()
    again, again_queries = cited_2024()
    assert first == again == 1
    # The five earlier years (≈ 14 queries each) come from the cache.
    assert again_queries <= first_queries - 5 * 10


def test_a_change_made_through_the_application_is_seen_at_once(alice, tenant):
    visit = _visit(alice, tenant, D(2024, 3, 4))
    _visit(alice, tenant, D(2025, 3, 4))
    assert cited_2024()[0] == 1

    _visit(alice, tenant, D(2024, 5, 6))
    assert cited_2024()[0] == 2
    visit_update(visit=visit, author=alice, status="ABSENT")
    assert cited_2024()[0] == 1
    visit_delete(visit=Visit.objects.get(date=D(2024, 5, 6)), author=alice)
    assert cited_2024()[0] is None  # no meeting left in 2024: the year is not cited


def test_rows_written_in_bulk_are_seen_too(alice, tenant):
    _visit(alice, tenant, D(2024, 3, 4))
    _visit(alice, tenant, D(2025, 3, 4))
    assert cited_2024()[0] == 1
    Visit.objects.bulk_create(
        [Visit(tenant=tenant, date=D(2024, 9, day), kind="EXTERNAL", status="DONE") for day in (1, 2, 3)]
    )
    assert cited_2024()[0] == 4


# -- one snapshot per closed year (issue 16) ------------------------------------


def _kept_years(years):
    from reports.earlier import _kept, _keys

    return set(_kept(_keys(years, "earlier")))


def test_a_change_dated_in_one_year_recomputes_that_year_only(alice, tenant):
    old = _visit(alice, tenant, D(2021, 3, 4))
    _visit(alice, tenant, D(2024, 3, 4))
    _visit(alice, tenant, D(2025, 3, 4))
    cited_2024()
    assert _kept_years([2020, 2021, 2022, 2023, 2024]) == {2020, 2021, 2022, 2023, 2024}
    visit_update(visit=old, author=alice, status="ABSENT")
    assert _kept_years([2020, 2021, 2022, 2023, 2024]) == {2020, 2022, 2023, 2024}
    # Moved to another year: both years are recomputed.
    cited_2024()
    visit_update(visit=old, author=alice, date=D(2022, 6, 1))
    assert _kept_years([2020, 2021, 2022, 2023, 2024]) == {2020, 2023, 2024}


def test_a_contact_of_the_running_year_recomputes_no_closed_year(alice, tenant):
    from reports.models import YearChange

    _visit(alice, tenant, D(2024, 3, 4))
    cited_2024()
    _visit(alice, tenant, dt.date.today())
    assert _kept_years([2020, 2021, 2022, 2023, 2024]) == {2020, 2021, 2022, 2023, 2024}
    assert not YearChange.objects.filter(year=dt.date.today().year).exists()


def test_rows_added_in_bulk_stale_their_year_only(alice, tenant):
    _visit(alice, tenant, D(2024, 3, 4))
    cited_2024()
    Visit.objects.bulk_create([Visit(tenant=tenant, date=D(2022, 9, 1), kind="EXTERNAL", status="DONE")])
    assert _kept_years([2020, 2021, 2022, 2023, 2024]) == {2020, 2021, 2023, 2024}


def test_the_report_year_itself_is_kept_once_closed(alice, tenant, diane):
    from reports.earlier import year_report

    _visit(alice, tenant, D(2024, 3, 4))
    first = year_report(2024)
    with CaptureQueriesContext(connection) as queries:
        again = year_report(2024)
    assert again == first and len(queries) <= 6
    _visit(alice, tenant, D(2024, 3, 5))
    assert year_report(2024)["contacts"] != first["contacts"]


def test_many_contacts_of_one_year_deleted_together_mark_it_once(alice, tenant):
    from django.db import transaction

    visits = [_visit(alice, tenant, D(2022, 3, day)) for day in range(1, 21)]
    cited_2024()  # 2022 kept
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        Visit.objects.filter(pk__in=[v.pk for v in visits]).delete()
    marks = [q for q in queries.captured_queries if "reports_yearchange" in q["sql"]]
    assert len(marks) == 1
    assert _kept_years([2022]) == set()
