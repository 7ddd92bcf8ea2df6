"""PostgreSQL: the unaccent extension, for accent-blind search of names
(smes.lib.text.Unaccent). SQLite gets the same function from Python."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


class Migration(migrations.Migration):
    dependencies = [("smes", "0002_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
