"""Anonymisation leaves the name nowhere: not in any column of any table (found
by introspection, so a new table is covered without touching this test), not
in the history tables, the admin's log, the access journal, nor in a file
name or file content of the media folder."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, models
from django.urls import reverse

from harmreduction.models import Movement, Operation
from intake.services import request_set_status
from records.gdpr import holdings, tenants_anonymise
from tests import factories as f

NAME = "Quorvextaph"


def _free_text(model) -> list:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and not field.primary_key
        and not field.unique
    ]


def _fill(obj, reason: str = NAME) -> None:
    """Put the name in every free-text field of the record and save it (a history row)."""
    for field in _free_text(type(obj)):
        value = f"{NAME.lower()}@example.org" if isinstance(field, models.EmailField) else f"{NAME} {field.name}"
        setattr(obj, field.attname, value[: field.max_length] if field.max_length else value)
    obj._change_reason = f"{reason} changed"
    obj.save()


def _every_text_in_the_database() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, memoryview):
                        value = bytes(value)
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if isinstance(value, str) and NAME.lower() in value.lower():
                        found.setdefault(table, []).append(f"{column}={value[:80]!r}")
    return found


def _name_in_media() -> list[str]:
    hits = []
    for root, _dirs, files in os.walk(settings.MEDIA_ROOT):
        for name in files:
            path = Path(root) / name
            if NAME.lower() in str(path).lower() or NAME.lower().encode() in path.read_bytes().lower():
                hits.append(str(path))
    return hits


def test_anonymise_leaves_the_name_nowhere_in_the_database_nor_the_media(world, personas, client_for):
    tenant = world["tenant"]
    tenant.followup_end = dt.date(2024, 6, 30)
    tenant.end_reason = "NO_LONGER_NEEDED"
    _fill(tenant)
    tenant.refresh_from_db()
    assert tenant.last_name.startswith(NAME) and tenant.first_name.startswith(NAME)
    # records that only a distribution ties to a tenant
    operation = Operation.objects.create(kind="DISTRIBUTION", date=dt.date(2024, 1, 1), tenant=tenant)
    Movement.objects.create(
        item=world["item"],
        date=dt.date(2024, 1, 1),
        kind="DISTRIBUTION",
        quantity=1,
        tenant=tenant,
        operation=operation,
    )
    # a relogement request of the tenant, housed again: its status history too (intake)
    from tests.intake.helpers import make_request, move

    rehousing = move(
        make_request(dt.date(2024, 1, 10), kind="REHOUSING", tenant=tenant), ("ELIGIBLE", dt.date(2024, 1, 11))
    )
    request_set_status(request=rehousing, status="HOUSED", date=dt.date(2024, 2, 1), user=None)
    # a second note of each kind, deleted afterwards: its history keeps it
    f.VisitFactory(tenant=tenant, date=dt.date(2024, 2, 1), note=f"{NAME} supprimée").delete()
    for h in holdings():
        rows = list(h.queryset(tenant))
        assert rows, f"add a {h.label} of the tenant to this test"
        for obj in rows:
            _fill(obj)
    # the signed lease, named and written with the name, then replaced: the old file stays on disk
    lease = world["lease"]
    lease.document.save(f"bail-{NAME}.pdf", ContentFile(f"%PDF-1.4 {NAME}".encode()), save=True)
    lease.document.save(f"bail-{NAME}-v2.pdf", ContentFile(f"%PDF-1.4 {NAME} v2".encode()), save=True)
    assert len(_name_in_media()) >= 2
    # the admin's log and the access journal (with a query string the app does not know)
    LogEntry.objects.create(
        user=personas["admin"],
        content_type=ContentType.objects.get_for_model(type(tenant)),
        object_id=str(tenant.pk),
        object_repr=str(tenant),
        action_flag=CHANGE,
        change_message="[]",
    )
    client = client_for(personas["direction"])
    url = reverse("tenants:detail", args=[tenant.pk])
    assert client.get(f"{url}?q={NAME}&nom={NAME}&page=1").status_code == 200
    assert _every_text_in_the_database(), "the test put the name nowhere"

    result = tenants_anonymise(ended_before=dt.date(2025, 1, 1))

    assert tenant.code in result.codes
    left = _every_text_in_the_database()
    assert left == {}, left
    assert _name_in_media() == []
    lease.refresh_from_db()
    assert not lease.document
    assert Decimal(world["rentpayment"].amount) == Decimal("450")  # figures stay


def test_the_access_journal_keeps_only_the_query_parameters_the_app_knows(rf, alice):
    from records.audit import log_access

    request = rf.get("/locataires/", {"q": NAME, "nom": NAME, "next": f"/?x={NAME}", "page": "2", "team": "NORD"})
    request.user = alice
    entry = log_access(request, "liste des locataires")
    assert entry.path == "/locataires/?page=2&team=NORD"
