# Merges the two 0006 migrations of the branches merged into `int`
# (tenant code format, names sorted as readers expect). Nothing to do.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0006_tenant_code_format"),
        ("tenants", "0006_tenant_names_sort_as_readers_expect"),
    ]

    operations = []
