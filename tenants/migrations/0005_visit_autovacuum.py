"""PostgreSQL: vacuum the visits table after 2 % of new or dead rows
instead of the default 20 %.

The annual report reads a year of contacts from indexes alone
(visit_year_figures_idx, visit_done_meeting_idx); an index-only scan has
to visit the table for every page not yet marked all-visible by a vacuum.
With the default thresholds a table of millions of contacts waits for
hundreds of thousands of changes before autovacuum marks the pages of the
latest visits. Other databases: nothing to do.
"""

from django.db import migrations

SETTINGS = "autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02"


def tune(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(apps.get_model("tenants", "Visit")._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} SET ({SETTINGS})")


def untune(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(apps.get_model("tenants", "Visit")._meta.db_table)
        schema_editor.execute(
            f"ALTER TABLE {table} RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor)"
        )


class Migration(migrations.Migration):
    dependencies = [("tenants", "0004_visit_tenant_single_index")]

    operations = [migrations.RunPython(tune, untune)]
