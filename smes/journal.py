"""Recording a reading in the access journal, from any page of any app.

Clinical pages and exports call `log_access(request, what, tenant)`. The
journal itself (its table, its pages, the GDPR tools) belongs to the
records app, which registers its writer from its AppConfig.ready(): the
project knows neither records nor the domain apps.
"""

from __future__ import annotations

from smes.registry import ACCESS_LOG_WRITERS


def log_access(request, what: str, tenant=None):
    """Record that request.user opened `what` (about `tenant`, if any);
    returns the entry written (records.models.AccessLog)."""
    entry = None
    for write in ACCESS_LOG_WRITERS:
        entry = write(request, what, tenant)
    return entry
