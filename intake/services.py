"""The rules of the intake register, once: every write (form, import,
admin, demo) goes through these functions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intake.models import CLOSED, NEXT, REF_PREFIX, EthosCategory, Kind, Request, Status, StatusChange
from smes.lib.dates import add_years, today
from smes.lib.locks import refresh_for_update
from smes.roles import INTAKE_MANAGE, INTAKE_PROPOSE, has_cap, refuse

#: The ordinance of 14 June 2018 (COCOM), as the chapter's methods apply it.
MIN_MONTHS_2Y = 6
MIN_MONTHS_3Y = 12
ELIGIBLE_ETHOS = (EthosCategory.E1, EthosCategory.E2)

#: Requests closed without an entry into housing are anonymised this long
#: after their closing (README, "Demandes").
ANONYMISE_AFTER_YEARS = 2
ANONYMISED_NAME = "Anonymisé·e"

REQUEST_FIELDS = (
    "ref",
    "date",
    "kind",
    "tenant",
    "requester",
    "partner",
    "referrer",
    "channel",
    "name",
    "birth_year",
    "sex",
    "ethos",
    "months_2y",
    "months_3y",
    "mental_health",
    "addiction",
    "notes",
    "priority",
)


def eligibility(
    *, ethos: str | None, months_2y: int | None, months_3y: int | None, mental_health: bool, addiction: bool
):
    """The ordinance's verdict: (eligible, reasons it is not). ETHOS 1 or 2,
    AND (≥ 6 months in the street or emergency shelter over the last 2 years
    OR ≥ 12 months over the last 3 years), AND both mental-health and
    addiction problems."""
    reasons = []
    if ethos not in ELIGIBLE_ETHOS:
        reasons.append(_("situation actuelle hors ETHOS 1 ou 2"))
    if not ((months_2y or 0) >= MIN_MONTHS_2Y or (months_3y or 0) >= MIN_MONTHS_3Y):
        reasons.append(_("moins de 6 mois en rue sur 2 ans et moins de 12 mois sur 3 ans"))
    if not (mental_health and addiction):
        reasons.append(_("pas de double problématique santé mentale et assuétudes"))
    return not reasons, reasons


def request_verdict(req: Request):
    return eligibility(
        ethos=req.ethos,
        months_2y=req.months_2y,
        months_3y=req.months_3y,
        mental_health=req.mental_health,
        addiction=req.addiction,
    )


def _check_decision(req: Request) -> None:
    if req.eligible is None:
        return
    computed, _reasons = request_verdict(req)
    if req.eligible != computed and not req.decision_reason.strip():
        raise ValidationError(
            {"decision_reason": _("La décision diffère du verdict de l'ordonnance : indiquez-en le motif.")}
        )


def _save(obj, user) -> None:
    obj.full_clean()
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user
    obj.save()


def _require(user, cap) -> None:
    if user is not None and not has_cap(user, cap):
        refuse(user, cap)


def next_ref(year: int) -> str:
    """The next free reference of the year: DEM-2025-001, DEM-2025-002…"""
    prefix = f"{REF_PREFIX}{year}-"
    numbers = [
        int(ref[len(prefix) :])
        for ref in Request.objects.filter(ref__startswith=prefix).values_list("ref", flat=True)
        if ref[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


@transaction.atomic
def request_create(*, user, **fields) -> Request:
    """Record a request (status: received, on its date)."""
    _require(user, INTAKE_MANAGE)
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown request fields: {sorted(unknown)}")
    req = Request(**fields)
    if req.date is not None:
        req.status_date = req.date
        if not req.ref:
            req.ref = next_ref(req.date.year)
    req.created_by = user if getattr(user, "is_authenticated", False) else None
    _save(req, user)
    StatusChange.objects.create(request=req, status=Status.RECEIVED, date=req.date, created_by=req.created_by)
    return req


@transaction.atomic
def request_update(*, request: Request, user, **fields) -> Request:
    _require(user, INTAKE_MANAGE)
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown request fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(request, name, value)
    first = request.changes.order_by("date", "pk").first()
    if first and request.date and first.date != request.date:
        if request.changes.filter(date__lt=request.date).exclude(pk=first.pk).exists():
            raise ValidationError({"date": _("Un changement de statut précède cette date.")})
        first.date = request.date
        first.save(update_fields=["date"])
    _check_decision(request)
    _save(request, user)
    return request


@transaction.atomic
def request_set_status(  # noqa: C901 — the status machine: one branch per transition rule
    *,
    request: Request,
    status: str,
    date: dt.date,
    user,
    reason: str = "",
    tenant_fields: dict | None = None,
    housed_tenant=None,
) -> StatusChange:
    """Move a request to `status` on `date`. ELIGIBLE / NOT_ELIGIBLE record
    the decision (a decision against the ordinance's verdict needs a reason);
    HOUSED creates the tenant from the request through tenant_create (a
    relogement links its tenant) and keeps the link."""
    from tenants.services import tenant_create

    _require(user, INTAKE_MANAGE)
    request = refresh_for_update(request)
    if status not in NEXT.get(request.status, ()):
        raise ValidationError(
            {
                "status": _("Passage impossible de « %(a)s » à « %(b)s ».")
                % {"a": Status(request.status).label, "b": Status(status).label if status in Status.values else status}
            }
        )
    if date is None:
        raise ValidationError({"date": _("Indiquez la date.")})
    if date < request.status_date:
        raise ValidationError(
            {
                "date": _("La date précède celle du statut actuel (%(d)s).")
                % {"d": request.status_date.strftime("%d/%m/%Y")}
            }
        )
    if date > today():
        raise ValidationError({"date": _("La date ne peut pas être dans le futur.")})
    reason = (reason or "").strip()
    if status == Status.ORIENTED and not reason:
        raise ValidationError({"reason": _("Indiquez vers qui la personne est orientée.")})
    if status in (Status.ELIGIBLE, Status.NOT_ELIGIBLE):
        request.eligible = status == Status.ELIGIBLE
        computed, reasons = request_verdict(request)
        request.decision_reason = reason
        if request.eligible != computed and not reason:
            raise ValidationError(
                {"reason": _("La décision diffère du verdict de l'ordonnance : indiquez-en le motif.")}
            )
        if not request.eligible and not reason:
            request.decision_reason = "; ".join(str(r) for r in reasons)
            reason = request.decision_reason
    tenant = None
    if status == Status.HOUSED:
        if request.kind == Kind.REHOUSING:
            tenant = request.tenant
        elif housed_tenant is not None:  # the import: the tenant is in tenants.csv
            tenant = housed_tenant
        else:
            fields = dict(tenant_fields or {})
            fields.setdefault("followup_start", date)
            fields.setdefault("sex", request.sex)
            fields.setdefault("referrer", request.referrer_label[:150])
            if request.ethos in ELIGIBLE_ETHOS:
                fields.setdefault("ethos", int(request.ethos))
            fields.setdefault("street_years", (Decimal(request.months_3y) / 12).quantize(Decimal("0.1")))
            allow_duplicate = bool(fields.pop("allow_duplicate", False))
            tenant = tenant_create(user=user, allow_duplicate=allow_duplicate, **fields)
        request.housed_tenant = tenant
    change = StatusChange(
        request=request,
        status=status,
        date=date,
        reason=reason,
        tenant=tenant,
        dwelling=request.proposed_dwelling if status == Status.HOUSED else None,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    change.full_clean()
    change.save()
    request.status = status
    request.status_date = date
    request.closed_on = date if status in CLOSED else None
    _save(request, user)
    return change


@transaction.atomic
def request_propose_dwelling(*, request: Request, dwelling, user, on: dt.date | None = None) -> Request:
    """Housing proposes a dwelling (with a free place) to a request on the list."""
    _require(user, INTAKE_PROPOSE)
    if request.is_closed or request.status == Status.RECEIVED:
        raise ValidationError(_("On ne propose un logement qu'à une demande éligible sur la liste d'attente."))
    request.proposed_dwelling = dwelling
    request.proposed_on = (on or today()) if dwelling else None
    _save(request, user)
    return request


def requests_to_anonymise(on: dt.date | None = None):
    """Requests closed without an entry into housing more than
    ANONYMISE_AFTER_YEARS ago, not yet anonymised."""
    limit = add_years(on or today(), -ANONYMISE_AFTER_YEARS)
    return Request.objects.filter(closed_on__lt=limit, anonymised=False).exclude(status=Status.HOUSED).order_by("pk")


@transaction.atomic
def requests_anonymise(*, on: dt.date | None = None, dry_run: bool = False) -> list[int]:
    """Erase the name, notes, problems and reasons of those requests (and in
    their history); the figures (dates, statuses, channel, ETHOS, months) stay."""
    ids = list(requests_to_anonymise(on).values_list("pk", flat=True))
    if dry_run or not ids:
        return ids
    erased = {
        "name": ANONYMISED_NAME,
        "notes": "",
        "decision_reason": "",
        "referrer": "",
        "birth_year": None,
        "mental_health": False,
        "addiction": False,
    }
    Request.objects.filter(pk__in=ids).update(anonymised=True, **erased)
    Request.history.model.objects.filter(id__in=ids).update(anonymised=True, **erased)
    # "To whom" of an orientation names a service, not the person: kept.
    StatusChange.objects.filter(request_id__in=ids).exclude(status=Status.ORIENTED).update(reason="")
    StatusChange.history.model.objects.filter(request_id__in=ids).exclude(status=Status.ORIENTED).update(reason="")
    return ids


def history_text(request: Request) -> str:
    """The status history after RECEIVED, as requests.csv writes it:
    "ELIGIBLE 2025-01-12; WAITING 2025-01-12; HOUSED 2025-07-29"."""
    return "; ".join(f"{c.status} {c.date.isoformat()}" for c in request.changes.all() if c.status != Status.RECEIVED)


def parse_history(text: str) -> list[tuple[str, dt.date]]:
    steps = []
    for item in (text or "").split(";"):
        item = item.strip()
        if not item:
            continue
        status, _sep, day = item.partition(" ")
        if status not in Status.values or status == Status.RECEIVED:
            raise ValidationError({"history": _("Statut inconnu « %(s)s ».") % {"s": status}})
        try:
            steps.append((status, dt.date.fromisoformat(day.strip())))
        except ValueError:
            raise ValidationError(
                {"history": _("Date invalide « %(d)s » (attendu AAAA-MM-JJ).") % {"d": day.strip()}}
            ) from None
    return steps


@transaction.atomic
def request_replay_history(
    *, request: Request, history: str, housed_tenant=None, oriented_to: str = "", decision_reason: str = ""
) -> Request:
    """The import: set the request's history to `history` (requests.csv),
    each step through request_set_status, so that the same rules apply."""
    steps = parse_history(history)
    request.changes.exclude(status=Status.RECEIVED).delete()
    Request.objects.filter(pk=request.pk).update(
        status=Status.RECEIVED,
        status_date=request.date,
        closed_on=None,
        housed_tenant=None,
        eligible=None,
        decision_reason="",
    )
    request.changes.filter(status=Status.RECEIVED).update(date=request.date)
    for status, day in steps:
        reason = ""
        if status == Status.ORIENTED:
            reason = oriented_to
        elif status in (Status.ELIGIBLE, Status.NOT_ELIGIBLE):
            reason = decision_reason
        request_set_status(
            request=request,
            status=status,
            date=day,
            reason=reason,
            user=None,
            housed_tenant=housed_tenant if status == Status.HOUSED else None,
        )
    request.refresh_from_db()
    if housed_tenant is not None and request.housed_tenant_id != housed_tenant.pk:
        raise ValidationError({"housed_tenant": _("Ce locataire n'est lié qu'à une entrée en logement (HOUSED).")})
    return request
