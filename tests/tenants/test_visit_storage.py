"""How visits are stored for the annual report at scale (issue 8)."""

import pytest
from django.db import connection

from tenants.models import Visit


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_visits_table_is_vacuumed_early_for_index_only_scans():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [Visit._meta.db_table])
        (options,) = cursor.fetchone()
    assert "autovacuum_vacuum_scale_factor=0.02" in options
    assert "autovacuum_vacuum_insert_scale_factor=0.02" in options


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_report_indexes_cover_the_columns_it_reads():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [Visit._meta.db_table])
        definitions = {row[0].split(" ON ")[0].split()[-1]: row[0] for row in cursor.fetchall()}
    assert "INCLUDE (kind, status, duration_min, travel_min, m_daily" in definitions["visit_year_figures_idx"]
    assert "WHERE" in definitions["visit_done_meeting_idx"] and "'DONE'" in definitions["visit_done_meeting_idx"]
    assert "tenants_visit_tenant_id_1bba266f" not in definitions  # (tenant, date) serves lookups by tenant
