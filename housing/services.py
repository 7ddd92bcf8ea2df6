"""Housing writes: the rules of moves, the derived stays, leases, partners.

The rules of moves (docs/format.md §8) live here once, and every entry
point reaches them: the move form and the import call `move_record`, the
admin and any `Move.save()` / `Move.delete()` land in `move_persist` /
`move_remove`, and `Move.clean()` runs the same checker for form errors.

* no ENTRY while housed, no TRANSFER or EXIT while not housed — judged on the
  tenant's whole sequence of moves, so a back-dated move is checked against
  history and may not make a later move invalid;
* at most one move per tenant per day;
* a dwelling never holds more occupants than its capacity on any day;
* the move date lies within the tenant's follow-up.

Concurrency: the tenant row, then the dwellings whose occupation grows, are
locked (SELECT … FOR UPDATE, in id order) before occupancy is counted, so
two people filling the last place of a dwelling at once cannot both win.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from housing.models import Convention, Dwelling, ExitTo, Lease, Move, MoveKind, Partner, PartnerContact, Stay
from smes.lib.locks import lock
from smes.plausibility import date_errors
from tenants.models import Tenant

# Error messages, exact texts (tests assert them).
MSG_DWELLING_REQUIRED = _("Logement de destination : obligatoire pour une entrée ou un déménagement.")
MSG_DWELLING_ON_EXIT = _("Logement de destination : une sortie n'en a pas, laissez ce champ vide.")
MSG_EXIT_TO_REQUIRED = _("Sortie vers : indiquez où va la personne (rue, institution, décès, autre).")
MSG_EXIT_TO_NOT_EXIT = _("Sortie vers : ne s'indique que pour une sortie de logement.")
MSG_SAME_DAY = _("Date : ce·tte locataire a déjà un mouvement le %(date)s (%(kind)s) ; un seul mouvement par jour.")
MSG_BEFORE_FOLLOWUP = _("Date : elle précède le début de l'accompagnement (%(start)s).")
MSG_AFTER_FOLLOWUP = _("Date : elle suit la fin de l'accompagnement (%(end)s).")
MSG_ENTRY_WHILE_HOUSED = _(
    "Type : entrée impossible, le·la locataire occupe déjà le logement %(dwelling)s le %(date)s. "
    "Enregistrez un déménagement ou une sortie."
)
MSG_TRANSFER_NOT_HOUSED = _(
    "Type : déménagement impossible, le·la locataire n'est pas logé·e le %(date)s. Enregistrez une entrée en logement."
)
MSG_EXIT_NOT_HOUSED = _("Type : sortie impossible, le·la locataire n'est pas logé·e le %(date)s.")
MSG_BREAKS_LATER = _("Date : ce mouvement rendrait incohérent le mouvement du %(date)s (%(kind)s) : %(reason)s.")
MSG_DELETE_BREAKS = _(
    "Suppression impossible : le mouvement du %(date)s (%(kind)s) deviendrait incohérent : %(reason)s."
)
MSG_REASON_HOUSED = _("le·la locataire serait déjà logé·e")
MSG_REASON_NOT_HOUSED = _("le·la locataire ne serait pas logé·e")
MSG_FULL = _("Logement : %(dwelling)s est complet le %(date)s (capacité : %(capacity)s).")
MSG_TENANT_CHANGED = _(
    "Locataire : on ne change pas le·la locataire d'un mouvement ; supprimez-le et enregistrez-en un autre."
)
MSG_CAPACITY_TOO_LOW = _("Capacité : le logement compte déjà %(count)s occupant·e·s le %(date)s.")
MSG_NOT_HOUSED_AT_DEATH = _("Le·la locataire n'occupe aucun logement le %(date)s : aucune sortie à enregistrer.")


def fmt_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------
# The sequence of a tenant's moves, and the stays it implies


@dataclass(frozen=True)
class Step:
    pk: int | None
    date: dt.date
    kind: str
    dwelling_id: int | None
    is_subject: bool = False  # the move being recorded, edited or deleted


@dataclass(frozen=True)
class Interval:
    """[start, end) in one dwelling; end None = still there."""

    dwelling_id: int
    start: dt.date
    end: dt.date | None
    move_pk: int | None
    from_subject: bool = False


@dataclass(frozen=True)
class Breach:
    step: Step
    reason: str  # "housed" or "not_housed"
    housed_in: int | None


def sequence_breach(steps: list[Step]) -> Breach | None:
    """The first move that contradicts the state left by the ones before it."""
    housed_in: int | None = None
    for step in steps:
        if step.kind == MoveKind.ENTRY:
            if housed_in is not None:
                return Breach(step, "housed", housed_in)
            housed_in = step.dwelling_id
        elif step.kind == MoveKind.TRANSFER:
            if housed_in is None:
                return Breach(step, "not_housed", None)
            housed_in = step.dwelling_id
        else:
            if housed_in is None:
                return Breach(step, "not_housed", None)
            housed_in = None
    return None


def stay_intervals(steps: list[Step]) -> list[Interval]:
    """A tenant occupies a dwelling from the move into it (inclusive) to the
    next move (exclusive)."""
    out = []
    for i, step in enumerate(steps):
        if step.kind in (MoveKind.ENTRY, MoveKind.TRANSFER) and step.dwelling_id:
            end = steps[i + 1].date if i + 1 < len(steps) else None
            out.append(Interval(step.dwelling_id, step.date, end, step.pk, step.is_subject))
    return out


def first_overflow(interval: Interval, others: list[tuple[dt.date, dt.date | None]], capacity: int) -> dt.date | None:
    """First day of `interval` on which the other occupants plus this one
    exceed `capacity` (sweep over the others' start and end dates)."""
    events: list[tuple[dt.date, int]] = []
    for start, end in others:
        if (interval.end is None or start < interval.end) and (end is None or end > interval.start):
            events.append((max(start, interval.start), 1))
            if end is not None and (interval.end is None or end < interval.end):
                events.append((end, -1))
    events.sort()  # on one day, departures (-1) before arrivals: end is exclusive
    count = 0
    for day, delta in events:
        count += delta
        if count + 1 > capacity:
            return day
    return None


def stays_rebuild(tenant_ids: Iterable[int]) -> None:
    """Rewrite the derived Stay rows of these tenants from their moves."""
    ids = sorted(set(tenant_ids))
    with transaction.atomic():
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            Stay.objects.filter(tenant_id__in=chunk).delete()
            by_tenant: dict[int, list[Step]] = defaultdict(list)
            rows = (
                Move.objects.filter(tenant_id__in=chunk)
                .order_by("tenant_id", "date")
                .values_list("pk", "tenant_id", "date", "kind", "dwelling_id")
            )
            for pk, tenant_id, date, kind, dwelling_id in rows:
                by_tenant[tenant_id].append(Step(pk, date, kind, dwelling_id))
            Stay.objects.bulk_create(
                [
                    Stay(
                        tenant_id=tenant_id,
                        dwelling_id=iv.dwelling_id,
                        start=iv.start,
                        end=iv.end,
                        move_in_id=iv.move_pk,
                    )
                    for tenant_id, steps in by_tenant.items()
                    for iv in stay_intervals(steps)
                ],
                batch_size=1000,
            )


# --------------------------------------------------------------------------
# The rule checker


def _shape_errors(move: Move) -> dict[str, list]:
    errors: dict[str, list] = {}
    if move.kind in (MoveKind.ENTRY, MoveKind.TRANSFER):
        if not move.dwelling_id:
            errors["dwelling"] = [MSG_DWELLING_REQUIRED]
        if move.exit_to:
            errors["exit_to"] = [MSG_EXIT_TO_NOT_EXIT]
    elif move.kind == MoveKind.EXIT:
        if move.dwelling_id:
            errors["dwelling"] = [MSG_DWELLING_ON_EXIT]
        if not move.exit_to:
            errors["exit_to"] = [MSG_EXIT_TO_REQUIRED]
    return errors


def _breach_message(breach: Breach, *, deleting: bool) -> tuple[str, str]:
    """(field, message) for a sequence breach."""
    step = breach.step
    if step.is_subject:
        if breach.reason == "housed":
            code = Dwelling.objects.filter(pk=breach.housed_in).values_list("code", flat=True).first()
            return "kind", MSG_ENTRY_WHILE_HOUSED % {"dwelling": code, "date": fmt_date(step.date)}
        msg = MSG_TRANSFER_NOT_HOUSED if step.kind == MoveKind.TRANSFER else MSG_EXIT_NOT_HOUSED
        return "kind", msg % {"date": fmt_date(step.date)}
    params = {
        "date": fmt_date(step.date),
        "kind": MoveKind(step.kind).label,
        "reason": MSG_REASON_HOUSED if breach.reason == "housed" else MSG_REASON_NOT_HOUSED,
    }
    if deleting:
        return NON_FIELD_ERRORS, MSG_DELETE_BREAKS % params
    return "date", MSG_BREAKS_LATER % params


def _check(move: Move, *, deleting: bool = False, lock: bool = False) -> None:  # noqa: C901 — the rules of moves.csv in one place, one branch per rule
    """Raise ValidationError (keyed by field) if recording — or deleting —
    `move` would break a rule. With lock=True (inside a transaction) the
    tenant and the dwellings concerned are locked first."""
    errors = {} if deleting else _shape_errors(move)

    def add(field: str, message) -> None:
        errors.setdefault(field, []).append(message)

    if not (move.tenant_id and move.date and move.kind):
        if errors:
            raise ValidationError(errors)
        return

    tenants = Tenant.objects.filter(pk=move.tenant_id)
    if lock:
        tenants = tenants.select_for_update()
    tenant = tenants.only("followup_start", "followup_end", "birth_date").first()
    if tenant is None:
        return  # the field validation reports the unknown tenant

    if move.pk and not deleting:
        stored_tenant = Move.objects.filter(pk=move.pk).values_list("tenant_id", flat=True).first()
        if stored_tenant is not None and stored_tenant != move.tenant_id:
            add("tenant", MSG_TENANT_CHANGED)

    if not deleting:
        # Never after today, nor before the project or the birth (smes.plausibility).
        for field, messages in date_errors(move).items():
            errors.setdefault(field, []).extend(messages)
    if not deleting and "date" not in errors:
        if move.date < tenant.followup_start:
            add("date", MSG_BEFORE_FOLLOWUP % {"start": fmt_date(tenant.followup_start)})
        elif tenant.followup_end and move.date > tenant.followup_end:
            add("date", MSG_AFTER_FOLLOWUP % {"end": fmt_date(tenant.followup_end)})

    others = [
        Step(pk, date, kind, dwelling_id)
        for pk, date, kind, dwelling_id in Move.objects.filter(tenant_id=move.tenant_id)
        .exclude(pk=move.pk)
        .order_by("date")
        .values_list("pk", "date", "kind", "dwelling_id")
    ]
    if not deleting:
        same_day = next((s for s in others if s.date == move.date), None)
        if same_day:
            add("date", MSG_SAME_DAY % {"date": fmt_date(move.date), "kind": MoveKind(same_day.kind).label})
    if errors:
        raise ValidationError(errors)

    steps = (
        others
        if deleting
        else sorted([*others, Step(move.pk, move.date, move.kind, move.dwelling_id, True)], key=lambda s: s.date)
    )
    breach = sequence_breach(steps)
    if breach:
        field, message = _breach_message(breach, deleting=deleting)
        raise ValidationError({field: [message]})

    _check_capacity(move, stay_intervals(steps), deleting=deleting, lock=lock)


def _check_capacity(move: Move, intervals: list[Interval], *, deleting: bool, lock: bool) -> None:
    existing = set(Stay.objects.filter(tenant_id=move.tenant_id).values_list("dwelling_id", "start", "end"))
    # Only stays that are new or longer can overfill a dwelling.
    changed = [iv for iv in intervals if (iv.dwelling_id, iv.start, iv.end) not in existing]
    if not changed:
        return
    dwellings = Dwelling.objects.filter(pk__in={iv.dwelling_id for iv in changed}).order_by("pk")
    if lock:
        dwellings = dwellings.select_for_update()
    by_id = {d.pk: d for d in dwellings.only("code", "capacity")}
    earliest = min(iv.start for iv in changed)
    others: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for dwelling_id, start, end in (
        Stay.objects.filter(dwelling_id__in=by_id)
        .exclude(tenant_id=move.tenant_id)
        .overlapping(earliest, None)
        .values_list("dwelling_id", "start", "end")
    ):
        others[dwelling_id].append((start, end))
    for iv in changed:
        dwelling = by_id.get(iv.dwelling_id)
        if dwelling is None:
            continue
        day = first_overflow(iv, others[iv.dwelling_id], dwelling.capacity)
        if day is not None:
            message = MSG_FULL % {"dwelling": dwelling.code, "date": fmt_date(day), "capacity": dwelling.capacity}
            field = NON_FIELD_ERRORS if deleting else ("dwelling" if iv.from_subject else "date")
            raise ValidationError({field: [message]})


def move_rules_check(move: Move) -> None:
    """The rules, without locks: for Move.clean() and form feedback."""
    _check(move)


# --------------------------------------------------------------------------
# Writing moves


def _set_history_user(instance: models.Model, user) -> None:
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user


def move_persist(move: Move, *args, **kwargs) -> None:
    """Check the rules under lock, save, rebuild the tenant's stays (Move.save)."""
    with transaction.atomic():
        _check(move, lock=True)
        move._save_unchecked(*args, **kwargs)
        stays_rebuild([move.tenant_id])


def move_remove(move: Move):
    """Check that no other move becomes invalid, delete, rebuild (Move.delete)."""
    with transaction.atomic():
        _check(move, deleting=True, lock=True)
        tenant_id = move.tenant_id
        result = move._delete_unchecked()
        stays_rebuild([tenant_id])
    return result


def _clean_move_fields(move: Move) -> None:
    try:
        move.clean_fields()
    except ValidationError as exc:
        errors = exc.error_dict
        errors.update({k: v for k, v in _shape_errors(move).items() if k not in errors})
        raise ValidationError(errors)


def move_record(
    *,
    tenant: Tenant,
    date: dt.date,
    kind: str,
    dwelling: Dwelling | None = None,
    exit_to: str = "",
    note: str = "",
    end_leases: bool = False,
    user=None,
) -> Move:
    """Record a move (entry, transfer, exit); the one way in for forms and imports.

    With end_leases, a transfer or an exit also ends, in the same
    transaction, the tenant's leases of the dwelling left that still run on
    the move's date (end = the move's date); `move.ended_leases` lists them.
    """
    move = Move(tenant=tenant, date=date, kind=kind, dwelling=dwelling, exit_to=exit_to or "", note=note or "")
    _clean_move_fields(move)
    _set_history_user(move, user)
    with transaction.atomic():
        left = None
        if end_leases and kind in (MoveKind.TRANSFER, MoveKind.EXIT):
            left = dwelling_left_on(tenant, date)
        move.save()
        move.ended_leases = leases_end_on_leaving(tenant=tenant, dwelling_id=left, date=date, user=user) if left else []
    return move


def dwelling_left_on(tenant: Tenant, date: dt.date) -> int | None:
    """The dwelling a tenant wakes up in on `date` (moved in before it)."""
    return Stay.objects.filter(tenant=tenant).on_morning_of(date).values_list("dwelling_id", flat=True).first()


def leases_running_on(tenant: Tenant, dwelling_id: int, date: dt.date):
    """Leases of the dwelling begun by `date` and not ended on it (to end on `date`)."""
    return (
        Lease.objects.filter(tenant=tenant, dwelling_id=dwelling_id, start__lte=date)
        .not_ended_by(date)
        .order_by("start")
    )


def leases_end_on_leaving(*, tenant: Tenant, dwelling_id: int, date: dt.date, user=None) -> list[Lease]:
    """End (on `date`, inclusive) the tenant's leases of the dwelling left."""
    ended = []
    for lease in leases_running_on(tenant, dwelling_id, date).select_for_update():
        lease.end = date
        lease_save(lease=lease, user=user)
        ended.append(lease)
    return ended


def move_update(*, move: Move, user=None, **fields) -> Move:
    """Change a recorded move; the whole sequence is checked again."""
    for name, value in fields.items():
        if name in ("exit_to", "note") and value is None:
            value = ""
        setattr(move, name, value)
    _clean_move_fields(move)
    _set_history_user(move, user)
    move.save()
    return move


def move_delete(*, move: Move, user=None) -> None:
    _set_history_user(move, user)
    move.delete()


# --------------------------------------------------------------------------
# Death: close the housing in one go


def tenant_housing_close_on_death(
    *, tenant: Tenant, date: dt.date, record_exit: bool = True, end_leases: bool = True, user=None
) -> tuple[Move | None, list[Lease]]:
    """Record the EXIT (DEATH) at the date of death and end the leases still
    running that day (end = date of death), atomically."""
    with transaction.atomic():
        lock(tenant)
        move = None
        if record_exit:
            housed = Stay.objects.filter(tenant=tenant).on_morning_of(date)
            if not housed.exists():
                raise ValidationError({NON_FIELD_ERRORS: [MSG_NOT_HOUSED_AT_DEATH % {"date": fmt_date(date)}]})
            move = move_record(
                tenant=tenant, date=date, kind=MoveKind.EXIT, exit_to=ExitTo.DEATH, note=gettext("Décès"), user=user
            )
        ended = []
        if end_leases:
            for lease in Lease.objects.select_for_update().filter(tenant=tenant, start__lte=date).not_ended_by(date):
                lease.end = date
                lease_save(lease=lease, user=user)
                ended.append(lease)
        return move, ended


# --------------------------------------------------------------------------
# Partners, dwellings, leases: single-model rules, validated then saved


def _save_clean(instance: models.Model, user) -> models.Model:
    instance.full_clean()
    _set_history_user(instance, user)
    instance.save()
    return instance


def partner_save(*, partner: Partner, user=None) -> Partner:
    return _save_clean(partner, user)


def partner_contact_save(*, contact: PartnerContact, user=None) -> PartnerContact:
    return _save_clean(contact, user)


def partner_contact_delete(*, contact: PartnerContact, user=None) -> None:
    _set_history_user(contact, user)
    contact.delete()


def convention_save(*, convention: Convention, user=None) -> Convention:
    return _save_clean(convention, user)


def convention_delete(*, convention: Convention, user=None) -> None:
    _set_history_user(convention, user)
    convention.delete()


def dwelling_save(*, dwelling: Dwelling, user=None) -> Dwelling:
    """Save a dwelling; its capacity may not drop below the occupation it
    already had on some day."""
    with transaction.atomic():
        dwelling.full_clean()
        if dwelling.pk:
            lock(dwelling)
            dwelling_check_capacity(dwelling)
        _set_history_user(dwelling, user)
        dwelling.save()
        return dwelling


def dwelling_check_capacity(dwelling: Dwelling) -> None:
    if not dwelling.pk or not dwelling.capacity:
        return
    peak = dwelling_peak_occupancy(dwelling.pk)
    if peak and peak[0] > dwelling.capacity:
        raise ValidationError({"capacity": [MSG_CAPACITY_TOO_LOW % {"count": peak[0], "date": fmt_date(peak[1])}]})


def dwelling_peak_occupancy(dwelling_id: int) -> tuple[int, dt.date] | None:
    """(highest number of simultaneous occupants, first day it was reached)."""
    events: list[tuple[dt.date, int]] = []
    for start, end in Stay.objects.filter(dwelling_id=dwelling_id).values_list("start", "end"):
        events.append((start, 1))
        if end is not None:
            events.append((end, -1))
    events.sort()
    best: tuple[int, dt.date] | None = None
    count = 0
    for day, delta in events:
        count += delta
        if best is None or count > best[0]:
            best = (count, day)
    return best


def lease_save(*, lease: Lease, user=None) -> Lease:
    """Validate (end before start, negative amounts, duplicate key) and save."""
    return _save_clean(lease, user)
