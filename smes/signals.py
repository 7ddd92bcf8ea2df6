"""Signals the project offers to every app (smes knows no app: an app sends,
another listens, neither imports the other).

`rows_written`: dated rows were written without `save()` (COPY, bulk_create:
no post_save), e.g. an import. `sender` is the model, `years` the set of the
years of the rows' dates. The report's kept figures of those years
(reports.earlier) listen to it.
"""

from django.dispatch import Signal

rows_written = Signal()
