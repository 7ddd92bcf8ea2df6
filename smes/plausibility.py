"""Dates that cannot be true: one rule per kind of record, in one place.

Every write reaches it: the models' `clean()` (run by `full_clean()`, which
the services, the admin and the import call) asks `date_errors(instance)`,
and the move checker of housing.services calls it too.

* A fact (a done contact, a move, a GAF score, a yearly review, a guarantee
  and its repayments, a rent payment, a stock line, the start or end of a
  follow-up) is never after today.
* A plan is at most a stated horizon ahead: a planned visit at most
  PLAN_HORIZON_VISIT_YEARS year, the start or end of a lease, a rent month,
  the next evaluation of a convention at most PLAN_HORIZON_LONG_YEARS years.
* No event of a follow-up (contact, move, lease, score, review) and no
  start of follow-up is before the project's first year (PROJECT_FIRST_YEAR)
  or before the tenant's birth. Birth dates stay free in the past.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from smes.lib.dates import PROJECT_FIRST_YEAR, add_years, project_start, today

PLAN_HORIZON_VISIT_YEARS = 1
PLAN_HORIZON_LONG_YEARS = 10

MSG_FUTURE = _("La date ne peut pas être dans le futur.")
MSG_FUTURE_VISIT = _("Un contact réalisé, absent ou annulé ne peut pas être daté dans le futur.")
MSG_TOO_FAR = _("Date trop lointaine (%(date)s) : au plus %(horizon)s après aujourd'hui.")
MSG_BEFORE_PROJECT = _("Date invraisemblable (%(date)s) : le projet a commencé en %(year)s.")
MSG_BEFORE_BIRTH = _("Date invraisemblable (%(date)s) : elle précède la naissance du·de la locataire (%(birth)s).")

FACT = "fact"
PLAN_SHORT = "plan_short"
PLAN_LONG = "plan_long"


def _visit_kind(visit) -> str:
    return PLAN_SHORT if visit.status == "PLANNED" else FACT


# model label -> [(field, kind of date, follow-up event?)]; the kind may be a
# function of the record (a visit is a plan while PLANNED, a fact after).
RULES: dict[str, list[tuple]] = {
    "tenants.Tenant": [("followup_start", FACT, True), ("followup_end", FACT, False), ("birth_date", FACT, False)],
    "tenants.Assessment": [("date", FACT, True)],
    "tenants.GafScore": [("date", FACT, True)],
    "tenants.Visit": [("date", _visit_kind, True)],
    "housing.Move": [("date", FACT, True)],
    "housing.Lease": [("start", PLAN_LONG, True), ("end", PLAN_LONG, True)],
    "housing.Convention": [
        ("signed_on", FACT, False),
        ("last_evaluated_on", FACT, False),
        ("next_evaluation_due", PLAN_LONG, False),
    ],
    "housing.Guarantee": [("date", FACT, False)],
    "housing.GuaranteeRepayment": [("date", FACT, False)],
    "housing.RentMonth": [("month", PLAN_LONG, False)],
    "housing.RentPayment": [("date", FACT, False)],
    "harmreduction.Operation": [("date", FACT, False)],
    "harmreduction.Movement": [("date", FACT, False)],
    "intake.Request": [("date", FACT, False)],
    "intake.StatusChange": [("date", FACT, False)],
}


def _fmt(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _years(n: int) -> str:
    return ngettext("%(n)s an", "%(n)s ans", n) % {"n": n}


def fact_error(day: dt.date | None, message=MSG_FUTURE):
    """The message if `day` (a fact) is after today, else None."""
    if day is not None and day > today():
        return message
    return None


def plan_error(day: dt.date | None, years: int):
    if day is not None and day > add_years(today(), years):
        return MSG_TOO_FAR % {"date": _fmt(day), "horizon": _years(years)}
    return None


def event_error(day: dt.date | None, tenant=None):
    """A follow-up event: not before the project, nor the tenant's birth."""
    if day is None:
        return None
    if day < project_start():
        return MSG_BEFORE_PROJECT % {"date": _fmt(day), "year": PROJECT_FIRST_YEAR}
    birth = getattr(tenant, "birth_date", None) if tenant is not None else None
    if birth and day < birth:
        return MSG_BEFORE_BIRTH % {"date": _fmt(day), "birth": _fmt(birth)}
    return None


def _tenant_of(instance):
    if instance._meta.label == "tenants.Tenant":
        return None  # its own birth date: Tenant.clean() compares it
    if getattr(instance, "tenant_id", None):
        return instance.tenant
    return None


def date_errors(instance) -> dict[str, list]:
    """{field: [message]} for the implausible dates of `instance`."""
    errors: dict[str, list] = {}
    rules = RULES.get(instance._meta.label, ())
    for field, kind, is_event in rules:
        day = getattr(instance, field, None)
        if not isinstance(day, dt.date):
            continue
        if callable(kind):
            kind = kind(instance)
        if kind == FACT:
            message = fact_error(day, MSG_FUTURE_VISIT if instance._meta.label == "tenants.Visit" else MSG_FUTURE)
        elif kind == PLAN_SHORT:
            message = plan_error(day, PLAN_HORIZON_VISIT_YEARS)
        else:
            message = plan_error(day, PLAN_HORIZON_LONG_YEARS)
        if message is None and is_event:
            message = event_error(day, _tenant_of(instance))
        if message is not None:
            errors.setdefault(field, []).append(message)
    return errors


def check_dates(instance) -> None:
    """Raise a ValidationError keyed by field if a date cannot be true."""
    errors = date_errors(instance)
    if errors:
        raise ValidationError(errors)


def merge(errors: dict[str, list], instance) -> dict[str, list]:
    """Add the date errors of `instance` to a clean() method's `errors`."""
    for field, messages in date_errors(instance).items():
        errors.setdefault(field, []).extend(messages)
    return errors
