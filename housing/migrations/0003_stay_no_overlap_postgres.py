"""PostgreSQL only: one tenant never has two overlapping stays.

Done in SQL rather than Meta.constraints because ExclusionConstraint cannot
be created on SQLite (development and CI default); there the same rule is
held by housing.services. Stay.end is exclusive and NULL means "still
there", which daterange(start, NULL, '[)') expresses directly. The
CheckConstraint stay_end_after_start (end > start) already guards the range
constructor against end < start (see PITFALLS.md).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE housing_stay ADD CONSTRAINT stay_tenant_no_overlap
       EXCLUDE USING gist (tenant_id WITH =, daterange(start, "end", '[)') WITH &&)""",
]
BACKWARD = ["ALTER TABLE housing_stay DROP CONSTRAINT IF EXISTS stay_tenant_no_overlap"]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("housing", "0002_conventions_guarantees_ledger")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
