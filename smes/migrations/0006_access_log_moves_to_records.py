# The access log moved to the records app (issue 14): its table
# (smes_accesslog) stays where it is, with its rows; only Django's state
# changes here. records 0001_access_log takes the model over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('smes', '0005_calendar_feed'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='AccessLog',
                ),
            ],
            database_operations=[],
        ),
    ]
