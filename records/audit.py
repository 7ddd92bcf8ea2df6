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
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import registered_models

from records.models import AccessLog
from smes import roles
from smes.registry import HISTORY_ACCESS

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


# Which capability lets a user read the VALUES of a model's history: each
# app declares it for its models (smes.registry.HISTORY_ACCESS, from its
# apps.py). The Admin reads the trail (docs/rights.md) but not clinical data:
# those values are masked for it. A model of an app that declares nothing is
# masked for anyone without clinical.view — a new model stays private until
# someone decides.
HISTORY_TYPES = {"+": _("Création"), "~": _("Modification"), "-": _("Suppression")}


def value_cap(label: str) -> str:
    app_label, model_name = label.split(".")
    access = HISTORY_ACCESS.get(app_label)
    if access is None:
        return roles.CLINICAL_VIEW
    return access.model_caps.get(model_name, access.default_cap)


def field_cap(label: str, field_name: str) -> str:
    """The capability that shows this field's old → new values."""
    app_label, model_name = label.split(".")
    access = HISTORY_ACCESS.get(app_label)
    if access is not None and (model_name, field_name) in access.field_caps:
        return access.field_caps[(model_name, field_name)]
    return value_cap(label)


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
    # through the models of the apps that declare their history's readers
    followed = {access.app_label for access in HISTORY_ACCESS}
    frontier = [(model, "")]
    for _level in range(depth):
        next_frontier = []
        for current, prefix in frontier:
            for f in current._meta.get_fields():
                if not (f.concrete and f.many_to_one):
                    continue
                if f.related_model is Tenant:
                    return f"{prefix}{f.name}_id"
                if f.related_model._meta.app_label in followed:
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
            # A typed NULL: PostgreSQL types a UNION's columns from its first part.
            a_tenant=F(a.tenant_path) if a.tenant_path else Cast(Value(None), models.BigIntegerField()),
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


# Fields whose model has no verbose name, or an English one: the trail shows
# the team's words in the interface language.
FIELD_LABELS = {
    "tenant": _("locataire"),
    "created_by": _("créé par"),
    "assessed_by": _("évalué par"),
    "updated_by": _("modifié par"),
    "worker": _("intervenant·e"),
    "date": _("date"),
    "code": _("code"),
    "note": _("note"),
    "notes": _("notes"),
    "commune": _("commune"),
    "source": _("source"),
    "charges": _("charges"),
    "injection": _("injection"),
}


def field_label(model_field) -> str:
    if str(model_field.verbose_name) == model_field.name.replace("_", " ") and model_field.name in FIELD_LABELS:
        return str(FIELD_LABELS[model_field.name])
    return str(model_field.verbose_name)


@dataclass(frozen=True)
class Ref:
    """A foreign key in the trail, named after the record (HF-0042, the
    dwelling's code, a person's name) once the page's refs are fetched."""

    model: type
    pk: int


def when(value) -> str:
    """A date or time in the format of the interface language."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "SHORT_DATETIME_FORMAT")
    return date_format(value, "SHORT_DATE_FORMAT")


def _display(model_field, value):
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    if isinstance(value, dt.date):
        return when(value)
    if isinstance(value, Decimal | float):
        return number_format(value, use_l10n=True, force_grouping=True)
    if model_field.is_relation:
        return Ref(model_field.related_model, value)
    text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_RELATED = ("tenant", "dwelling", "partner", "lease", "lease__tenant", "lease__dwelling")


def _natural(obj) -> str:
    """How the team names a record: its code (HF-0042, a dwelling's code), a
    person's name, "D-108 / HF-0042 (1/2/2022)" for a lease, else str()."""
    from django.contrib.auth import get_user_model

    if isinstance(obj, get_user_model()):
        return obj.get_full_name() or obj.username
    code = getattr(obj, "code", None)
    if code:
        return str(code)
    parts = []
    lease = getattr(obj, "lease", None) if hasattr(obj, "lease_id") else None
    holder = lease or obj
    if getattr(holder, "dwelling_id", None):
        parts.append(holder.dwelling.code)
    if getattr(holder, "tenant_id", None):
        parts.append(holder.tenant.code)
    if parts:
        day = next((getattr(obj, n) for n in ("date", "start", "month") if getattr(obj, n, None)), None)
        return " / ".join(parts) + (f" ({when(day)})" if day else "")
    return _ISO_DATE.sub(lambda m: when(dt.date(*map(int, m.groups()))), str(obj))


def _resolve(refs: set[Ref]) -> dict[Ref, str]:
    """One query per related model on the page."""
    by_model: dict[type, set[int]] = defaultdict(set)
    for ref in refs:
        by_model[ref.model].add(ref.pk)
    out = {}
    for model, pks in by_model.items():
        related = [path for path in _RELATED if _has_path(model, path)]
        found = model._default_manager.select_related(*related).in_bulk(pks)
        for pk in pks:
            obj = found.get(pk)
            out[Ref(model, pk)] = _natural(obj) if obj is not None else str(_("(supprimé)"))
    return out


def _has_path(model, path: str) -> bool:
    for name in path.split("__"):
        try:
            f = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 — FieldDoesNotExist
            return False
        if not (f.many_to_one and f.concrete):
            return False
        model = f.related_model
    return True


def _object_label(a: Audited, record, tenant_id: int | None = None):
    """[kind, name, date]: "Locataire HF-0042", "Logement D-108",
    "Contact — HF-0042 (3/2/2025)"; refs resolved with the page."""
    kind = str(a.model._meta.verbose_name)
    kind = kind[:1].upper() + kind[1:]
    code = getattr(record, "code", None)
    if code:
        name = str(code)
    elif getattr(record, "tenant_id", None) or tenant_id:
        from tenants.models import Tenant

        name = Ref(Tenant, getattr(record, "tenant_id", None) or tenant_id)
    elif getattr(record, "name", None):
        name = str(record.name)
    elif getattr(record, "item_id", None):  # an RdR stock line: named after its item
        name = Ref(a.model._meta.get_field("item").related_model, record.item_id)
    elif getattr(record, "year", None):
        name = str(record.year)
        key = getattr(record, "get_key_display", None)
        if key:
            name = f"{name} · {key()}"
    else:
        name = f"#{record.id}"
    for field_name in ("date", "start", "month"):
        value = getattr(record, field_name, None)
        if isinstance(value, dt.date):
            return [kind, name, when(value)]
    return [kind, name, None]


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
        cap = field_cap(a.label, name)
        masked = not roles.has_cap(user, cap)
        out.append(
            Change(
                field=name,
                label=field_label(f),
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
    out: list[ChangeRow] = []
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
                object_label=_object_label(a, record, row["a_tenant"]),
                user=record.history_user,
                tenant_id=row["a_tenant"],
                changes=changes,
                masked=any(c.masked for c in changes),
                first_trace=record.history_type == "~" and old is None,
            )
        )
    _name_refs(out)
    return out


def _name_refs(rows: list[ChangeRow]) -> None:
    refs = {c.old for r in rows for c in r.changes if isinstance(c.old, Ref)}
    refs |= {c.new for r in rows for c in r.changes if isinstance(c.new, Ref)}
    refs |= {r.object_label[1] for r in rows if isinstance(r.object_label[1], Ref)}
    names = _resolve(refs)
    for r in rows:
        kind, name, day = r.object_label
        name = names.get(name, name) if isinstance(name, Ref) else name
        r.object_label = f"{kind} {name}" + (f" ({day})" if day else "")
        for c in r.changes:
            c.old = names.get(c.old, c.old) if isinstance(c.old, Ref) else c.old
            c.new = names.get(c.new, c.new) if isinstance(c.new, Ref) else c.new


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


def account_events_queryset(*, user_id: int | None = None):
    """Changes to accounts (roles, passwords, activation), newest first;
    `user_id` keeps those made by or to that person."""
    from smes.models import AccountEvent

    qs = AccountEvent.objects.select_related("actor", "account")
    if user_id is not None:
        qs = qs.filter(models.Q(actor_id=user_id) | models.Q(account_id=user_id))
    return qs.order_by("-at", "-id")


def _roles_text(codes: str) -> str:
    names = [c for c in codes.split(",") if c]
    return ", ".join(str(roles.role_label(n)) for n in names) or "—"


def account_event_rows(events) -> list[dict]:
    out = []
    for e in events:
        before = after = ""
        if e.action == "ROLES":
            before, after = _roles_text(e.before), _roles_text(e.after)
        elif e.action == "ACTIVE":
            before = str(_("actif") if e.before == "True" else _("inactif"))
            after = str(_("actif") if e.after == "True" else _("inactif"))
        out.append({"event": e, "label": e.get_action_display(), "before": before, "after": after})
    return out


def what_label(what: str) -> str:
    """An access-log entry in the interface language: the stored text is
    French (or a slug), written when the page was opened."""
    from django.utils.translation import gettext

    if what == "rdr.movements":
        return gettext("mouvements de stock RdR")
    prefix = "Qualité des données "
    if what.startswith(prefix) and " : " in what:
        from reports.quality import CHECKS_BY_SLUG

        year, slug = what[len(prefix) :].split(" : ", 1)
        check = CHECKS_BY_SLUG.get(slug)
        return gettext("Qualité des données %(year)s : %(check)s") % {
            "year": year,
            "check": check.label if check else slug,
        }
    if what in WHAT_LABELS:
        return str(WHAT_LABELS[what])
    if what.startswith("Rapport annuel "):
        return gettext("Rapport annuel") + what[len("Rapport annuel") :]
    return gettext(what)


# What the pages write in the access log (French, at the time of reading),
# shown in the reader's language.
WHAT_LABELS = {
    "dossier clinique (bilans, EGF)": _("dossier clinique (bilans, EGF)"),
    "bilan annuel": _("bilan annuel"),
    "score EGF": _("score EGF"),
    "fiche locataire (bilans, EGF)": _("fiche locataire (bilans, EGF)"),
    "chronologie des contacts (notes)": _("chronologie des contacts (notes)"),
    "modification d'un contact (note)": _("modification d'un contact (note)"),
    "journal du dossier": _("journal du dossier"),
    "export RGPD (droit d'accès)": _("export RGPD (droit d'accès)"),
    "import de données (vérification)": _("import de données (vérification)"),
    "import de données (écriture)": _("import de données (écriture)"),
    "export des données (csv)": _("export des données (csv)"),
    "export des données (xlsx)": _("export des données (xlsx)"),
    "export des données (zip)": _("export des données (zip)"),
}
