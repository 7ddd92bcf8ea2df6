"""The audit trail: who opened what (AccessLog) and who changed what
(django-simple-history tables), read back for the Direction.

Reads: `log_access` is called by every clinical page or export. Changes: each
audited model has `history = HistoricalRecords()`; HistoryRequestMiddleware
stamps the user. This module turns those history tables into one timeline
(a UNION over them, paginated in the database) and computes old → new values
for one page of it with a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.utils.translation import gettext_lazy as _
from simple_history.models import registered_models

from smes import roles
from smes.models import AccessLog

# Only the query parameters the app reads for paging, periods, views and
# choice filters are kept: anything else (search terms, `next`, a parameter
# someone typed) may hold a name and is not worth keeping in the trail.
_KEPT_QUERY_PARAMS = {
    "page", "annee", "semaine", "days", "vue", "voir", "format", "lang", "qui", "toutes", "retard", "avance",
    "team", "funding", "status", "kind", "locataire", "logement", "bail", "partenaire",
}  # fmt: skip


def log_access(request, what: str, tenant=None) -> AccessLog:
    """Record that request.user opened `what` (about `tenant`, if any)."""
    query = request.GET.copy()
    for key in set(query) - _KEPT_QUERY_PARAMS:
        del query[key]
    path = request.path + (f"?{query.urlencode()}" if query else "")
    return AccessLog.objects.create(
        user=request.user if request.user.is_authenticated else None,
        tenant=tenant,
        what=what[:200],
        path=path[:300],
    )


# Which capability lets a user read the VALUES of a model's history. The
# Admin reads the trail (roles.md) but not clinical data: those values are
# masked for it. A model missing here is masked for anyone without
# clinical.view — a new model stays private until someone decides.
VALUE_CAPS: dict[str, str] = {
    "tenants.tenant": roles.TENANT_VIEW,
    "tenants.income": roles.TENANT_VIEW,
    "tenants.assessment": roles.CLINICAL_VIEW,
    "tenants.gafscore": roles.CLINICAL_VIEW,
    "tenants.visit": roles.VISIT_VIEW,
    "housing.partner": roles.HOUSING_VIEW,
    "housing.dwelling": roles.HOUSING_VIEW,
    "housing.lease": roles.HOUSING_VIEW,
    "housing.move": roles.HOUSING_VIEW,
    "harmreduction.item": roles.RDR_VIEW,
    "harmreduction.movement": roles.RDR_VIEW,
}
FINANCE_MODEL_HINTS = ("guarantee", "ledger", "rent")  # housing finance: finance.view
FIELD_CAPS: dict[tuple[str, str], str] = {
    ("tenants.visit", "note"): roles.CLINICAL_VIEW,
}

HISTORY_TYPES = {"+": _("Création"), "~": _("Modification"), "-": _("Suppression")}


def value_cap(label: str) -> str:
    if label in VALUE_CAPS:
        return VALUE_CAPS[label]
    app = label.split(".")[0]
    if app == "housing":
        return roles.FINANCE_VIEW if any(h in label for h in FINANCE_MODEL_HINTS) else roles.HOUSING_VIEW
    if app == "harmreduction":
        return roles.RDR_VIEW
    return roles.CLINICAL_VIEW


@dataclass(frozen=True)
class Audited:
    label: str  # app_label.model_name of the live model
    model: type[models.Model]
    history: type[models.Model]
    tenant_path: str | None  # lookup from a history row to the tenant id


def _tenant_path(model, depth: int = 3) -> str | None:
    """Lookup from a row of `model` to its tenant id, following at most
    `depth` foreign keys (a rent payment → its month → its lease → tenant)."""
    from tenants.models import Tenant

    if model is Tenant:
        return "id"
    frontier = [(model, "")]
    for _level in range(depth):
        next_frontier = []
        for current, prefix in frontier:
            for f in current._meta.get_fields():
                if not (f.concrete and f.many_to_one):
                    continue
                if f.related_model is Tenant:
                    return f"{prefix}{f.name}_id"
                if f.related_model._meta.app_label in ("tenants", "housing", "harmreduction"):
                    next_frontier.append((f.related_model, f"{prefix}{f.name}__"))
        frontier = next_frontier
    return None


def audited_models() -> list[Audited]:
    """Every model that keeps history (m2m through tables excluded)."""
    out = []
    for live in set(registered_models.values()):
        if live._meta.auto_created or not hasattr(live, "history"):
            continue
        out.append(Audited(live._meta.label_lower, live, live.history.model, _tenant_path(live)))
    return sorted(out, key=lambda a: a.label)


def _by_label() -> dict[str, Audited]:
    return {a.label: a for a in audited_models()}


def changes_queryset(*, tenant_id: int | None = None, user_id: int | None = None):
    """One timeline over every history table: a UNION of small value rows,
    newest first. Paginate it; then `change_rows` fills in one page."""
    parts = []
    for a in audited_models():
        if tenant_id is not None and a.tenant_path is None:
            continue
        qs = a.history.objects.order_by().annotate(
            a_hid=F("history_id"),
            a_date=F("history_date"),
            a_type=F("history_type"),
            a_user=F("history_user_id"),
            a_obj=F("id"),
            a_tenant=F(a.tenant_path) if a.tenant_path else Value(None, output_field=models.BigIntegerField()),
            a_model=Value(a.label, output_field=CharField()),
        )
        if tenant_id is not None:
            qs = qs.filter(a_tenant=tenant_id)
        if user_id is not None:
            qs = qs.filter(history_user_id=user_id)
        parts.append(qs.values("a_hid", "a_date", "a_type", "a_user", "a_obj", "a_tenant", "a_model"))
    if not parts:
        return AccessLog.objects.none().values("id")
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-a_date", "-a_hid")


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str
    masked: bool = False


@dataclass
class ChangeRow:
    at: dt.datetime
    kind: str
    kind_label: str
    model_label: str
    object_label: str
    user: object
    tenant_id: int | None
    changes: list[Change] = field(default_factory=list)
    masked: bool = False
    first_trace: bool = False  # a change to a row whose earlier state was never recorded (bulk write)


def _display(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if model_field.is_relation:
        return f"n° {value}"
    text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"


def _object_label(a: Audited, record) -> str:
    base = f"{a.model._meta.verbose_name} n° {record.id}"
    for name in ("date", "start"):
        value = getattr(record, name, None)
        if isinstance(value, dt.date):
            return f"{base} ({value.isoformat()})"
    return base


def _field_changes(a: Audited, user, new, old) -> list[Change]:
    m2m = {f.name for f in getattr(new, "_history_m2m_fields", [])}
    fields = {f.name: f for f in new.tracked_fields if f.editable and f.name not in m2m}
    if old is not None:
        delta = new.diff_against(old, excluded_fields=m2m)
        pairs = [(c.field, c.old, c.new) for c in delta.changes]
    else:  # creation (or a first trace of a row written in bulk): the values set
        pk = new.instance_type._meta.pk.name
        pairs = [
            (n, None, getattr(new, f.attname))
            for n, f in fields.items()
            if n != pk and getattr(new, f.attname) not in (None, "", False)
        ]
    out = []
    for name, old_value, new_value in pairs:
        f = fields.get(name)
        if f is None:
            continue
        cap = FIELD_CAPS.get((a.label, name), value_cap(a.label))
        masked = not roles.has_cap(user, cap)
        out.append(
            Change(
                field=name,
                label=str(f.verbose_name),
                old="" if masked else _display(f, old_value),
                new="" if masked else _display(f, new_value),
                masked=masked,
            )
        )
    return out


def change_rows(page_rows, user) -> list[ChangeRow]:
    """Old → new values for one page of `changes_queryset`: two queries per
    model present on the page, whatever the page size."""
    audited = _by_label()
    ids_by_model: dict[str, list[int]] = defaultdict(list)
    for row in page_rows:
        ids_by_model[row["a_model"]].append(row["a_hid"])
    records: dict[tuple[str, int], object] = {}
    previous: dict[tuple[str, int], object] = {}
    for label, ids in ids_by_model.items():
        a = audited[label]
        H = a.history
        prev_id = (
            H.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        rows = list(
            H.objects.filter(history_id__in=ids).select_related("history_user").annotate(prev_hid=Subquery(prev_id))
        )
        prevs = H.objects.in_bulk([r.prev_hid for r in rows if r.prev_hid and r.history_type == "~"])
        for r in rows:
            records[(label, r.history_id)] = r
            previous[(label, r.history_id)] = prevs.get(r.prev_hid)
    out = []
    for row in page_rows:
        label, hid = row["a_model"], row["a_hid"]
        a, record = audited[label], records.get((label, hid))
        if record is None:
            continue
        old = previous.get((label, hid))
        changes = (
            []
            if record.history_type == "-"
            else _field_changes(a, user, record, old if record.history_type == "~" else None)
        )
        out.append(
            ChangeRow(
                at=record.history_date,
                kind=record.history_type,
                kind_label=str(HISTORY_TYPES.get(record.history_type, record.history_type)),
                model_label=str(a.model._meta.verbose_name),
                object_label=_object_label(a, record),
                user=record.history_user,
                tenant_id=row["a_tenant"],
                changes=changes,
                masked=any(c.masked for c in changes),
                first_trace=record.history_type == "~" and old is None,
            )
        )
    return out


def access_queryset(*, tenant_id: int | None = None, user_id: int | None = None):
    qs = AccessLog.objects.select_related("user", "tenant").only(
        "at",
        "what",
        "path",
        "user__username",
        "user__first_name",
        "user__last_name",
        "tenant__code",
        "tenant__first_name",
        "tenant__last_name",
    )
    if tenant_id is not None:
        qs = qs.filter(tenant_id=tenant_id)
    if user_id is not None:
        qs = qs.filter(user_id=user_id)
    return qs.order_by("-at", "-id")
