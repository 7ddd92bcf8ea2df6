"""Writes for visits ("contacts"): log, plan, edit, close, delete.

Every entry point (quick-log form, edit form, my-week buttons, the
visits.csv import) goes through `visit_check`, so a rule lives once: the
model's own `clean()` (follow-up period, no future date once it happened)
plus the checks below, with French messages naming the field.

Who may write what (docs/rights.md, smes/roles.py):

* Support (visit.create + visit.create_any_kind + visit.edit_own +
  clinical.edit) logs and plans any kind of contact with any motives and a
  confidential note, and edits, closes or deletes only its own contacts:
  those it created or in which it is one of the workers.
* Housing (visit.create only) logs *housing contacts*. Decision: a housing
  contact may be of any kind (a home visit about the flat, a phone call),
  but its motive is always exactly HOUSING — the service forces it, the
  form does not even offer the motive chips — and it carries no note (the
  note is clinical). Housing cannot plan (PLANNED): it has no right to edit
  afterwards, so it could never close the appointment.
* Imports (Direction/Admin, data.import_export) call `visit_check` with no
  author: the interchange file is the record, no role rule applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from smes.registry import Registry
from smes.roles import CLINICAL_EDIT, VISIT_CREATE, VISIT_CREATE_ANY_KIND, VISIT_EDIT_OWN, has_cap, refuse
from tenants.models import Motive, Tenant, Visit, VisitKind, VisitStatus

# Exact messages, also asserted by the tests.
MINUTES_NEGATIVE = {
    "duration_min": _("La durée ne peut pas être négative."),
    "travel_min": _("Le trajet ne peut pas être négatif."),
}
MINUTES_TOO_LONG = {
    "duration_min": _("La durée ne peut pas dépasser 24 heures (1440 minutes)."),
    "travel_min": _("Le trajet ne peut pas dépasser 24 heures (1440 minutes)."),
}
UNKNOWN_MOTIVE = _("Motif inconnu : %(value)s.")
NOTE_NOT_ALLOWED = _("Seule l'équipe d'accompagnement peut écrire une note confidentielle.")
PLANNING_NOT_ALLOWED = _("Seule l'équipe d'accompagnement planifie des visites.")
NOT_YOUR_VISIT = _("Vous ne pouvez modifier que vos propres contacts.")
NOT_A_CLOSING_STATUS = _("Statut de clôture inconnu : %(value)s.")
DURATION_NEEDED = _("Indiquez la durée de la visite réalisée.")
DURATION_NOT_A_NUMBER = _("La durée est un nombre de minutes.")
UUID_TAKEN = _("Cet identifiant d'envoi appartient à un autre contact.")

CLOSING_STATUSES = (VisitStatus.DONE, VisitStatus.ABSENT, VisitStatus.CANCELLED)
MOTIVE_CODES = frozenset(Motive.values)
# Fields set by the system, not by the person or the file: not re-validated
# (the import validates 100,000 rows; every microsecond counts).
_SYSTEM_FIELDS = [
    "id",
    "tenant",
    "created_by",
    "created_at",
    "updated_at",
    "client_uuid",
    "duration_min",
    "travel_min",
    *(f"m_{m.lower()}" for m in Motive.values),
]
HOUSING_MOTIVES = [Motive.HOUSING.value]


class QuickLogForm(Protocol):
    """What an extension's `form()` returns (a Django form fits)."""

    def is_valid(self) -> bool: ...

    def save(self, visit: Visit) -> Any: ...


class QuickLogExtension(Protocol):
    """An optional section of the quick-log form contributed by another app.

    Contract (the quick-log view is the only caller):

    * `cap` (str or None): capability the user needs to see the section;
      None = everyone who may log a visit.
    * `template` (str): rendered INSIDE the quick-log <form>, with the
      context variable `ext` (the object returned by `form()`), `tenant`
      and `request`. Use a form `prefix` so field names do not clash with
      the visit's fields (date, kind, status, motives, workers, note,
      duration_min, travel_min, time, tenant).
    * `form(request, data)`: `data` is request.POST on a submit, None when
      the form is displayed. Returns a form-like object with `is_valid()`
      and `save(visit)`. It must run a fixed number of queries.
    * The visit and every extension are validated together: nothing is
      saved unless all are valid. Then `visit_create` saves the visit and
      calls `save(visit)` of each extension INSIDE the same transaction;
      `save` may raise ValidationError (e.g. stock would go below zero),
      which rolls the visit back too and shows the message on the form.
      `save` should do nothing when the section was left empty, and may
      check `visit.status` (material is given only when the visit is DONE).
    * Optionally, after `save`, the form's `summary` (str) is shown in the
      confirmation ("Matériel RdR donné : 3 × …").

    Register in your AppConfig.ready() (twice is once):
        from tenants.visits.services import QUICKLOG_EXTENSIONS
        QUICKLOG_EXTENSIONS.register(MyExtension())
    """

    cap: str | None
    template: str

    def form(self, request, data) -> QuickLogForm: ...


QUICKLOG_EXTENSIONS = Registry("tenants.quicklog_extensions")  # of QuickLogExtension


# --------------------------------------------------------------------------
# Rules


def check_minutes(field: str, value: int | None) -> None:
    """Durations are minutes in [0, 24 h]; raise with the field's message."""
    if value is None:
        return
    if value < 0:
        raise ValidationError({field: MINUTES_NEGATIVE[field]})
    if value > Visit.MAX_MINUTES:
        raise ValidationError({field: MINUTES_TOO_LONG[field]})


def check_motives(codes: Iterable[str]) -> list[str]:
    """The codes, validated; unknown codes are an error on `motives`."""
    codes = [str(c) for c in codes]
    unknown = [c for c in codes if c not in MOTIVE_CODES]
    if unknown:
        raise ValidationError({"motives": UNKNOWN_MOTIVE % {"value": ", ".join(unknown)}})
    return codes


def visit_check(visit: Visit, motives: Iterable[str] | None = None) -> None:
    """Validate a visit before it is written; raises one ValidationError
    holding every problem, keyed by field.

    The tenant's and author's foreign keys are not re-queried (callers pass
    loaded objects) and the check constraints are covered by the checks
    above, so this runs no SQL: the import relies on that to be fast.
    """
    errors: dict[str, list] = {}
    for field in ("duration_min", "travel_min"):
        try:
            check_minutes(field, getattr(visit, field))
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.message_dict[field])
    if motives is not None:
        try:
            visit.motives = check_motives(motives)
        except ValidationError as exc:
            errors.setdefault("motives", []).extend(exc.message_dict["motives"])
    try:
        visit.full_clean(exclude=_SYSTEM_FIELDS, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def can_edit_visit(user, visit: Visit) -> bool:
    """Edit-own: the author or one of the workers, with visit.edit_own.

    Uses `visit.workers.all()`, so prefetch workers on lists.
    """
    if not has_cap(user, VISIT_EDIT_OWN):
        return False
    if visit.created_by_id == user.pk:
        return True
    return any(worker.pk == user.pk for worker in visit.workers.all())


def _author_rules(author, *, status: str, motives: list[str], note: str) -> list[str]:
    """Apply what the author's role allows; returns the motives to record."""
    if not has_cap(author, VISIT_CREATE):
        refuse(author, VISIT_CREATE)
    errors: dict[str, list] = {}
    if note and not has_cap(author, CLINICAL_EDIT):
        errors["note"] = [NOTE_NOT_ALLOWED]
    if not has_cap(author, VISIT_CREATE_ANY_KIND):
        # Housing contact: the motive is HOUSING, whatever was sent.
        motives = list(HOUSING_MOTIVES)
        if status == VisitStatus.PLANNED:
            errors["status"] = [PLANNING_NOT_ALLOWED]
    if errors:
        raise ValidationError(errors)
    return motives


def _require_own(author, visit: Visit) -> None:
    if not can_edit_visit(author, visit):
        refuse(author, f"{VISIT_EDIT_OWN} (visit {visit.pk})", NOT_YOUR_VISIT)


# --------------------------------------------------------------------------
# Services


@transaction.atomic
def visit_create(
    *,
    tenant: Tenant,
    author,
    date: dt.date,
    kind: str = VisitKind.HOME,
    status: str = VisitStatus.DONE,
    motives: Iterable[str] = (),
    workers: Sequence | None = None,
    time: dt.time | None = None,
    duration_min: int | None = None,
    travel_min: int | None = None,
    note: str = "",
    extensions: Sequence[QuickLogForm] = (),
    client_uuid=None,
) -> Visit:
    """Record one contact. `workers` defaults to the author alone.

    `extensions` are validated quick-log extension forms, saved with the
    visit in this transaction (see QuickLogExtension).

    `client_uuid` is an idempotency key (the phone's offline queue, the
    quick log's page): a second call with the same key saves nothing — not
    the visit, not the extensions (RdR material) — and returns the visit
    stored the first time, with `visit.replayed = True`. A concurrent second
    call waits on the unique index and gets the same answer.
    """
    if client_uuid is not None:
        existing = Visit.objects.filter(client_uuid=client_uuid).first()
        if existing is not None:
            return _replayed(existing, author)
    motives = _author_rules(author, status=status, motives=list(motives), note=note)
    visit = Visit(
        tenant=tenant,
        date=date,
        time=time,
        kind=kind,
        status=status,
        duration_min=duration_min,
        travel_min=travel_min,
        note=note or "",
        created_by=author,
        client_uuid=client_uuid,
    )
    visit_check(visit, motives)
    if client_uuid is None:
        visit.save()
    else:
        try:
            with transaction.atomic():  # a savepoint: a concurrent twin may win the unique index
                visit.save()
        except IntegrityError:
            existing = Visit.objects.filter(client_uuid=client_uuid).first()
            if existing is None:
                raise
            return _replayed(existing, author)
    visit.workers.set(list(workers) if workers is not None else [author])
    for extension in extensions:
        extension.save(visit)
    visit.replayed = False
    return visit


def _replayed(visit: Visit, author) -> Visit:
    if visit.created_by_id != author.pk:
        raise ValidationError({"client_uuid": UUID_TAKEN})
    visit.replayed = True
    return visit


@transaction.atomic
def visit_update(
    *, visit: Visit, author, workers: Sequence | None = None, motives: Iterable[str] | None = None, **fields
) -> Visit:
    """Change one's own contact. `fields` are Visit field names."""
    _require_own(author, visit)
    allowed = {"date", "time", "kind", "status", "duration_min", "travel_min", "note"}
    unexpected = set(fields) - allowed
    if unexpected:
        raise TypeError(f"visit_update() got unexpected fields {sorted(unexpected)}")
    for name, value in fields.items():
        setattr(visit, name, value)
    motives = _author_rules(
        author,
        status=visit.status,
        motives=list(motives) if motives is not None else visit.motives,
        note=fields.get("note", ""),
    )
    visit_check(visit, motives)
    visit.save()
    if workers is not None:
        visit.workers.set(list(workers))
    return visit


@transaction.atomic
def visit_set_status(*, visit: Visit, author, status: str, duration_min: int | None = None) -> Visit:
    """Close a planned visit (DONE, ABSENT or CANCELLED) — one tap.

    A visit DONE gets its duration (`duration_min`, unless it was planned
    with one): contacts without duration must stop growing. Nothing is
    written when anything is wrong."""
    _require_own(author, visit)
    if status not in CLOSING_STATUSES:
        raise ValidationError({"status": NOT_A_CLOSING_STATUS % {"value": status}})
    before = (visit.status, visit.duration_min)
    visit.status = status
    if duration_min is not None:
        visit.duration_min = duration_min
    try:
        visit_check(visit)  # a date in the future is said first
        if status == VisitStatus.DONE and visit.duration_min is None:
            raise ValidationError({"duration_min": DURATION_NEEDED})
    except ValidationError:
        visit.status, visit.duration_min = before
        raise
    visit.save(update_fields=["status", "duration_min", "updated_at"])
    return visit


@transaction.atomic
def visit_delete(*, visit: Visit, author) -> None:
    """Delete one's own contact (a mistake, a planned visit called off)."""
    _require_own(author, visit)
    visit.delete()
