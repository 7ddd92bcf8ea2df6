"""Reads of the intake register: lists, counts and the annual-report block."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from typing import Any

from django.db.models import Count, QuerySet

from intake.models import CLOSED, ON_LIST, Channel, Request, Requester, Status, StatusChange
from smes.lib.dates import today, year_bounds


def requests_list(*, state: str = "open", q: str = "") -> QuerySet[Request]:
    qs = Request.objects.select_related("partner", "housed_tenant", "tenant")
    if state == "open":
        qs = qs.exclude(status__in=list(CLOSED))
    elif state == "closed":
        qs = qs.filter(status__in=list(CLOSED))
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.order_by("-date", "-pk")


def waiting_list() -> QuerySet[Request]:
    """Eligible requests not yet housed nor closed: priority first, then the
    oldest request."""
    return (
        Request.objects.filter(status__in=list(ON_LIST))
        .select_related("partner", "proposed_dwelling", "tenant")
        .order_by("priority", "date", "pk")
    )


def with_waited(requests, on: dt.date | None = None) -> list[Request]:
    on = on or today()
    rows = list(requests)
    for r in rows:
        r.waited_days = (on - r.date).days
    return rows


def status_counts() -> dict[str, int]:
    found = dict(Request.objects.order_by().values_list("status").annotate(n=Count("pk")))
    return {code: found.get(code, 0) for code in Status.values}


def request_changes(req: Request) -> QuerySet[StatusChange]:
    return req.changes.select_related("tenant", "dwelling", "created_by").order_by("date", "pk")


def _status_on(changes: list[StatusChange], day: dt.date) -> dict[int, str]:
    """Each request's status on `day`: its last change dated on or before it."""
    status: dict[int, str] = {}
    for c in changes:  # ordered by date, pk
        if c.date <= day:
            status[c.request_id] = c.status
    return status


def intake_block(year: int) -> dict[str, Any]:
    """The `intake` block of the annual report (definitions: docs/report.md)."""
    start, end = year_bounds(year)
    received = Request.objects.filter(date__range=(start, end))
    by_requester = dict(received.order_by().values_list("requester").annotate(n=Count("pk")))
    by_channel = dict(received.order_by().values_list("channel").annotate(n=Count("pk")))
    changes = list(
        StatusChange.objects.filter(date__lte=end)
        .select_related("request")
        .only("request_id", "status", "date", "tenant_id", "request__date")
        .order_by("date", "pk")
    )
    in_year = [c for c in changes if c.date >= start]
    decided = Counter(c.status for c in in_year if c.status in (Status.ELIGIBLE, Status.NOT_ELIGIBLE))
    entries = [c for c in in_year if c.status == Status.HOUSED]
    waits = sorted((c.date - c.request.date).days for c in entries)
    status_end = _status_on(changes, end)
    on_list_end = Counter(status_end.values())
    outcomes = Counter(c.status for c in in_year if c.status in CLOSED)
    return {
        "received": received.count(),
        "by_requester": {code: by_requester.get(code, 0) for code in Requester.values},
        "by_channel": {code: by_channel.get(code, 0) for code in Channel.values},
        "eligible": decided[Status.ELIGIBLE],
        "not_eligible": decided[Status.NOT_ELIGIBLE],
        "entries": len(entries),
        "entries_people": len({c.tenant_id for c in entries}),
        "waiting_end": on_list_end[Status.ELIGIBLE] + on_list_end[Status.WAITING],
        "followed_end": on_list_end[Status.FOLLOWED],
        "wait_median_days": statistics.median(waits) if waits else None,
        "wait_max_days": waits[-1] if waits else None,
        "closed": sum(outcomes.values()),
        "outcomes": {code: outcomes.get(code, 0) for code in Status.values if code in CLOSED},
    }


def block_rows(block: dict[str, Any]) -> list[dict[str, Any]]:
    """The block's figures as labelled rows (page, PDF, XLSX)."""
    from django.utils.translation import gettext as _

    rows = [{"label": _("Demandes reçues"), "value": block["received"], "sub": False}]
    who, channel = _("Qui demande"), _("Canal")
    rows += [
        {"label": f"{who} : {Requester(code).label}", "value": n, "sub": True}
        for code, n in block["by_requester"].items()
    ]
    rows += [
        {"label": f"{channel} : {Channel(code).label}", "value": n, "sub": True}
        for code, n in block["by_channel"].items()
    ]
    rows += [
        {"label": _("Décisions : éligibles"), "value": block["eligible"], "sub": False},
        {"label": _("Décisions : non éligibles"), "value": block["not_eligible"], "sub": False},
        {"label": _("Entrées en logement depuis la liste"), "value": block["entries"], "sub": False},
        {"label": _("Personnes en attente au 31 décembre"), "value": block["waiting_end"], "sub": False},
        {
            "label": _("Personnes accompagnées en vue d'une entrée en logement au 31 décembre"),
            "value": block["followed_end"],
            "sub": False,
        },
        {
            "label": _("Attente médiane de la demande à l'entrée (jours)"),
            "value": block["wait_median_days"],
            "sub": False,
        },
        {"label": _("Attente la plus longue (jours)"), "value": block["wait_max_days"], "sub": False},
        {"label": _("Demandes clôturées dans l'année"), "value": block["closed"], "sub": False},
    ]
    rows += [{"label": Status(code).label, "value": n, "sub": True} for code, n in block["outcomes"].items()]
    return rows
