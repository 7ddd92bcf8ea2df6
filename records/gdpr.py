"""GDPR tools for the Direction.

* `subject_access_zip(tenant)`: art. 15 — everything held about one tenant
  (the tenant row, every record that points to it, directly or through a
  lease/guarantee/visit, the access log and the history of changes) as CSV
  files plus a readable PDF, and the uploaded files themselves, in one ZIP.
* `tenants_anonymise(ended_before=…)`: art. 5(1)(e) — for tenants whose
  follow-up ended before a date, erase names, contacts and every free text
  (found by field type), delete their files (earlier versions too), keep
  the birth YEAR, and purge the same fields from the history tables, so that
  the figures of past years stay exactly the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from records import audit
from records.models import AccessLog
from smes.lib.download import safe_filename
from smes.lib.pdf import render_pdf
from smes.lib.spreadsheet import escape_cell
from smes.registry import PERSONAL_DATA

ANONYMISED_LAST_NAME = "Anonymisé·e"
ANONYMISED_FIRST_NAME = "—"

# What each app holds about a tenant is declared by the app
# (smes.registry.PERSONAL_DATA, from its apps.py): its models that point to
# the tenant are found from their foreign keys, so a new model is covered;
# free text is erased on anonymisation: every CharField/TextField without
# choices (found by type, so a new field is covered), except the keys the
# app keeps.


def _apps() -> set[str]:
    return {p.app_label for p in PERSONAL_DATA}


def _kept_text_fields(label: str) -> tuple[str, ...]:
    app_label, model_name = label.split(".")
    declared = PERSONAL_DATA.get(app_label)
    return declared.kept_fields.get(model_name, ()) if declared else ()


def _links_each() -> set[str]:
    return {label for p in PERSONAL_DATA for label in p.links_each}


# --- what is held about a tenant -------------------------------------------------


@dataclass(frozen=True)
class Holding:
    """One kind of record about a tenant and the lookup that reaches it."""

    model: type[models.Model]
    lookup: str  # e.g. "tenant", "lease__tenant"
    name: str = ""  # a second direct link of the same model (intake.request.housed_tenant)

    @property
    def label(self) -> str:
        return self.name or self.model._meta.label_lower

    def queryset(self, tenant):
        return self.model._default_manager.filter(**{self.lookup: tenant}).order_by("pk")


def holdings(depth: int = 3) -> list[Holding]:
    """Every model of the domain apps that points to Tenant within `depth`
    foreign keys — found from the models, so a new model is never forgotten."""
    from tenants.models import Tenant

    apps, links_each = _apps(), _links_each()
    found: dict[str, Holding] = {}
    frontier = [(Tenant, "")]
    for _level in range(depth):
        nxt = []
        for target, suffix in frontier:
            for rel in target._meta.related_objects:
                if not rel.one_to_many or rel.related_model._meta.app_label not in apps:
                    continue
                model = rel.related_model
                lookup = f"{rel.field.name}{suffix}"
                if model._meta.label_lower not in found and model is not Tenant:
                    found[model._meta.label_lower] = Holding(model, lookup)
                    nxt.append((model, f"__{lookup}"))
                elif _level == 0 and model is not Tenant and model._meta.label_lower in links_each:
                    # e.g. a request points to a tenant twice: the tenant to
                    # rehouse, and the tenant created when the person entered housing.
                    name = f"{model._meta.label_lower}.{rel.field.name}"
                    found[name] = Holding(model, lookup, name)
        frontier = nxt
    return sorted(found.values(), key=lambda h: h.label)


def _cell(obj, f) -> str:
    if f.many_to_many:
        return ";".join(sorted(str(o) for o in getattr(obj, f.name).all()))
    value = getattr(obj, f.attname)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if f.is_relation and f.related_model._meta.label_lower == "auth.user":
        user = getattr(obj, f.name)
        return user.username if user else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(f, models.FileField):
        return value.name if hasattr(value, "name") else str(value)
    return str(value)


def _fields(model) -> list:
    return [*model._meta.concrete_fields, *model._meta.many_to_many]


def _csv(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([escape_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _table(model, queryset) -> tuple[list[str], list[list[str]]]:
    fields = [f for f in _fields(model) if not f.name.startswith("history")]
    m2m = [f.name for f in fields if f.many_to_many]
    users = [
        f.name
        for f in fields
        if f.is_relation and not f.many_to_many and f.related_model._meta.label_lower == "auth.user"
    ]
    qs = queryset.select_related(*users).prefetch_related(*m2m)
    return [f.name for f in fields], [[_cell(obj, f) for f in fields] for obj in qs.iterator(chunk_size=500)]


def _history_rows(tenant, user):
    qs = audit.changes_queryset(tenant_id=tenant.pk)
    total = qs.count()
    for start in range(0, total, 200):
        for row in audit.change_rows(list(qs[start : start + 200]), user):
            who = row.user.username if row.user else ""
            if not row.changes:
                yield [row.at.isoformat(), who, row.kind_label, row.model_label, row.object_label, "", "", ""]
            for c in row.changes:
                yield [
                    row.at.isoformat(),
                    who,
                    row.kind_label,
                    row.model_label,
                    row.object_label,
                    c.label,
                    c.old,
                    c.new,
                ]


def _documents(tenant) -> dict[str, object]:
    """Every uploaded file about the tenant (the signed leases), also earlier
    versions that the history still names: {path: storage}."""
    found: dict[str, object] = {}
    for h in holdings():
        for name in _file_fields(h.model):
            storage = h.model._meta.get_field(name).storage
            rows = h.queryset(tenant)
            paths = set(rows.exclude(**{name: ""}).values_list(name, flat=True))
            history = getattr(h.model, "history", None)
            if history is not None:
                past = history.model.objects.filter(Q(id__in=rows.values("pk")) | Q(**{h.lookup: tenant})).exclude(
                    **{name: ""}
                )
                paths |= set(past.exclude(**{name: None}).values_list(name, flat=True))
            found.update({path: storage for path in paths if path})
    return dict(sorted(found.items()))


# The readable PDF shows at most this many records of each kind, the most
# recent first; every record is in the section's CSV file. Drawing the
# 900 contacts of a long follow-up took WeasyPrint minutes (~20-30 ms a
# record), past the server's timeout (issue 12).
PDF_RECORDS_PER_SECTION = 15
_DATE_COLUMNS = ("date", "quand", "start", "at", "created_at")


def _latest(header: list[str], rows: list[list[str]], n: int) -> list[list[str]]:
    """The `n` most recent rows (by the first date-like column; ISO text
    sorts as dates do), or the first `n` when the records carry no date."""
    column = next((header.index(c) for c in _DATE_COLUMNS if c in header), None)
    if column is not None:
        rows = sorted(rows, key=lambda r: r[column] or "", reverse=True)
    return rows[:n]


def subject_access_zip(tenant, *, requested_by) -> bytes:
    """One ZIP: a CSV per kind of record, the journals, and a readable PDF."""
    sections = []
    header, rows = _table(type(tenant), type(tenant)._default_manager.filter(pk=tenant.pk))
    sections.append(("locataire", str(type(tenant)._meta.verbose_name), header, rows))
    for h in holdings():
        header, rows = _table(h.model, h.queryset(tenant))
        sections.append((h.label.replace(".", "_"), str(h.model._meta.verbose_name_plural), header, rows))
    access = AccessLog.objects.filter(tenant=tenant).select_related("user").order_by("at", "id")
    access_rows = [[e.at.isoformat(), e.user.username if e.user else "", e.what, e.path] for e in access]
    sections.append(
        ("journal_consultations", "journal des consultations", ["quand", "qui", "quoi", "adresse"], access_rows)
    )
    history = list(_history_rows(tenant, requested_by))
    sections.append(
        (
            "journal_modifications",
            "journal des modifications",
            ["quand", "qui", "action", "donnée", "objet", "champ", "avant", "après"],
            history,
        )
    )
    now = timezone.localtime()
    pdf = render_pdf(
        "records/gdpr_subject_access.pdf.html",
        {
            "tenant": tenant,
            "sections": [
                (
                    name,
                    label,
                    len(rows),
                    [
                        [(h, v) for h, v in zip(header, row, strict=True) if v != ""]
                        for row in _latest(header, rows, PDF_RECORDS_PER_SECTION)
                    ],
                    max(len(rows) - PDF_RECORDS_PER_SECTION, 0),
                )
                for name, label, header, rows in sections
            ],
            "generated_at": now,
            "requested_by": requested_by,
        },
    )
    buffer = io.BytesIO()
    missing = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, _label, header, rows in sections:
            archive.writestr(safe_filename(f"{name}.csv"), _csv(header, rows))
        archive.writestr(safe_filename(f"acces-{tenant.code}.pdf"), pdf)
        for path, storage in _documents(tenant).items():
            try:
                with storage.open(path, "rb") as handle:
                    archive.writestr(f"documents/{path.lstrip('/')}", handle.read())
            except FileNotFoundError:
                missing.append(path)
        readme = (
            f"Droit d'accès (RGPD art. 15) — dossier {tenant.code}\n"
            f"Produit le {now:%Y-%m-%d %H:%M} par {requested_by.username}.\n"
            "Un fichier CSV (UTF-8) par type de donnée ; le PDF reprend le tout en lecture.\n"
            "documents/ : les fichiers déposés (baux signés), y compris les versions remplacées depuis.\n"
        )
        if missing:
            readme += "Fichiers introuvables sur le disque : " + ", ".join(missing) + "\n"
        archive.writestr("LISEZMOI.txt", readme.encode())
    return buffer.getvalue()


# --- anonymisation ----------------------------------------------------------------


@dataclass
class AnonymisationResult:
    codes: list[str]
    dry_run: bool


def anonymised_birth_date(birth_date: dt.date) -> dt.date:
    """Keep the year, drop the day: 1 January of the same year.

    The annual report takes ages on 31 December, which depend on the year
    only (everyone born in year B is Y − B on 31 Dec Y), so its figures do
    not move. An age on another day may come out up to one year higher.
    """
    return dt.date(birth_date.year, 1, 1)


def _free_text_fields(model, *, history_of=None) -> list[str]:
    """Fields that may hold a name: text without choices, not a key."""
    kept = _kept_text_fields((history_of or model)._meta.label_lower)
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
        and not isinstance(f, models.FileField)
        and not f.choices
        and not f.primary_key
        and not f.unique
        and f.name not in kept
    ]


def _file_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _erased(model, *, history_of=None) -> dict:
    """The values that erase every free text of `model` (a history model of
    `history_of`: its own free text, the file paths and the change reason)."""
    values = {name: "" for name in _free_text_fields(model, history_of=history_of)}
    if history_of is not None:
        values.update({name: "" for name in _file_fields(history_of)})
        values["history_change_reason"] = None
    else:
        values.update({name: "" for name in _file_fields(model)})
    return values


def _delete_files(model, rows, history_rows) -> None:
    """Delete the files of the records and every earlier version kept in the
    history (a replaced lease document stays on disk otherwise)."""
    for name in _file_fields(model):
        storage = model._meta.get_field(name).storage
        paths = set(rows.exclude(**{name: ""}).values_list(name, flat=True))
        if history_rows is not None:
            paths |= set(history_rows.exclude(**{name: ""}).exclude(**{name: None}).values_list(name, flat=True))
        for path in sorted(p for p in paths if p):
            if storage.exists(path):
                storage.delete(path)


def _strip_query(path: str) -> str:
    return path.split("?", 1)[0]


def tenants_to_anonymise(ended_before: dt.date):
    from tenants.models import Tenant

    return Tenant.objects.filter(followup_end__lt=ended_before).exclude(last_name=ANONYMISED_LAST_NAME).order_by("code")


@transaction.atomic
def tenants_anonymise(*, ended_before: dt.date, dry_run: bool = False) -> AnonymisationResult:
    """Erase what identifies the tenants whose follow-up ended before the date.

    Writes with queryset.update(): no new history row (which would copy the
    names once more); the history tables are purged the same way, and one
    access-log entry per tenant records that it was done.
    """
    from tenants.models import Tenant

    tenants = list(tenants_to_anonymise(ended_before))
    codes = [t.code for t in tenants]
    if dry_run or not tenants:
        return AnonymisationResult(codes, dry_run)
    ids = [t.pk for t in tenants]
    names = {"last_name": ANONYMISED_LAST_NAME, "first_name": ANONYMISED_FIRST_NAME}
    tenant_history = Tenant.history.model
    for tenant in tenants:
        birth = anonymised_birth_date(tenant.birth_date)
        Tenant.objects.filter(pk=tenant.pk).update(**{**_erased(Tenant), **names, "birth_date": birth})
        tenant_history.objects.filter(id=tenant.pk).update(
            **{**_erased(tenant_history, history_of=Tenant), **names, "birth_date": birth}
        )
    for h in holdings():
        rows = h.model._default_manager.filter(**{f"{h.lookup}__in": ids})
        row_ids = list(rows.values_list("pk", flat=True))
        history = getattr(h.model, "history", None)
        past = None
        if history is not None:
            # by tenant too: rows deleted since then keep their old notes in history
            past = history.model.objects.filter(
                history_id__in=history.model.objects.filter(Q(id__in=row_ids) | Q(**{f"{h.lookup}__in": ids})).values(
                    "history_id"
                )
            )
        _delete_files(h.model, rows, past)
        if erased := _erased(h.model):
            rows.update(**erased)
        if past is not None:
            past.update(**_erased(history.model, history_of=h.model))
    # The access journal keeps the address of each page read: the query
    # strings may hold anything typed (log_access now keeps known ones only).
    for entry in AccessLog.objects.filter(tenant_id__in=ids).exclude(path="").only("pk", "path"):
        if "?" in entry.path:
            AccessLog.objects.filter(pk=entry.pk).update(path=_strip_query(entry.path))
    # The admin's own log keeps str(tenant), which held the name.
    tenant_type = ContentType.objects.get_for_model(Tenant)
    for tenant in Tenant.objects.filter(pk__in=ids):
        LogEntry.objects.filter(content_type=tenant_type, object_id=str(tenant.pk)).update(
            object_repr=str(tenant)[:200]
        )
    AccessLog.objects.bulk_create(
        [
            AccessLog(
                user=None,
                tenant_id=pk,
                what=f"anonymisation (fin d'accompagnement avant le {ended_before.isoformat()})",
            )
            for pk in ids
        ]
    )
    return AnonymisationResult(codes, dry_run)
