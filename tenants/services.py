"""Writes on tenants, incomes, yearly reviews and GAF scores.

Forms, the admin and imports call these functions, so each rule lives once.
Every function validates the whole record (`full_clean`) and raises a
ValidationError keyed by field, with nothing written, on bad input. The
acting user is recorded in the history (django-simple-history).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smes.lib.dates import today
from smes.lib.text import fold
from smes.roles import refuse, tenant_fields_hidden
from tenants.codes import CODE_PREFIX, code_number, format_code, normalise_code
from tenants.models import Assessment, EndReason, GafScore, Income, Product, Tenant

# Fields a tenant form may change; the end of follow-up has its own service.
TENANT_FIELDS = (
    "code",
    "last_name",
    "first_name",
    "sex",
    "birth_date",
    "funding",
    "team",
    "referrer",
    "ethos",
    "street_years",
    "followup_start",
    "phone",
    "email",
    "legal_status",
    "justice_contact",
    "important_note",
)
ASSESSMENT_FIELDS = (
    "date",
    "depression",
    "paranoia",
    "hallucinations",
    "aggression",
    "cognitive",
    "crack_inhalation",
    "injection",
    "overdose",
)


def _save(obj, user) -> None:
    obj.full_clean()
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user
    obj.save()


def _today() -> dt.date:
    return today()


def _not_future(day: dt.date | None, field: str) -> None:
    if day and day > _today():
        raise ValidationError({field: _("La date ne peut pas être dans le futur.")})


# --- tenant --------------------------------------------------------------


class DuplicateTenant(ValidationError):
    """The person seems to exist already: `matches` are the records found."""

    def __init__(self, matches: list[Tenant]):
        super().__init__(MSG_DUPLICATE, code="duplicate")
        self.matches = matches


MSG_DUPLICATE = gettext_lazy(
    "Cette personne semble déjà avoir une fiche (même nom, même prénom, même date de naissance). "
    "Vérifiez-la ; s'il s'agit bien d'une autre personne, confirmez la création."
)


def tenant_duplicates(*, last_name: str, first_name: str, birth_date: dt.date | None, exclude_pk=None) -> list[Tenant]:
    """Tenants with the same names (accents and case ignored) and birth date."""
    if not (last_name and first_name and birth_date):
        return []
    same_day = Tenant.objects.filter(birth_date=birth_date).exclude(pk=exclude_pk).order_by("code")
    key = (fold(last_name.strip()), fold(first_name.strip()))
    return [t for t in same_day if (fold(t.last_name.strip()), fold(t.first_name.strip())) == key]


def next_tenant_code() -> str:
    """The next free file number: one more than the highest in use."""
    numbers = (
        code_number(c) for c in Tenant.objects.filter(code__startswith=CODE_PREFIX).values_list("code", flat=True)
    )
    return format_code(max((n for n in numbers if n is not None), default=0) + 1)


def _check_field_rights(user, fields) -> None:
    """Legal status, justice contact, important note: only the roles the
    rights table gives them to (smes.roles.TENANT_FIELD_CAPS). `user` None
    is an import or a command."""
    if user is None:
        return
    if hidden := sorted(set(fields) & tenant_fields_hidden(user, edit=True)):
        refuse(user, "tenant fields " + ", ".join(hidden))


@transaction.atomic
def tenant_create(*, user, allow_duplicate: bool = False, **fields) -> Tenant:
    """Create a tenant. The same person (names accent- and case-blind, birth
    date) already on file raises DuplicateTenant unless `allow_duplicate`."""
    unknown = set(fields) - set(TENANT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown tenant fields: {sorted(unknown)}")
    if "code" in fields:
        fields["code"] = normalise_code(fields["code"])
    _check_field_rights(user, {k for k, v in fields.items() if v})
    tenant = Tenant(**fields)
    tenant.full_clean()
    if not allow_duplicate:
        matches = tenant_duplicates(
            last_name=tenant.last_name, first_name=tenant.first_name, birth_date=tenant.birth_date
        )
        if matches:
            raise DuplicateTenant(matches)
    _save(tenant, user)
    return tenant


@transaction.atomic
def tenant_update(*, tenant: Tenant, user, **fields) -> Tenant:
    unknown = set(fields) - set(TENANT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown tenant fields: {sorted(unknown)}")
    if "code" in fields:
        fields["code"] = normalise_code(fields["code"])
    _check_field_rights(user, {k for k, v in fields.items() if getattr(tenant, k) != v})
    for name, value in fields.items():
        setattr(tenant, name, value)
    tenant_check_clinical_dates(tenant)
    _save(tenant, user)
    return tenant


def tenant_check_clinical_dates(tenant: Tenant) -> None:
    """Moving the start must not leave reviews or scores before it."""
    if tenant.pk is None or tenant.followup_start is None:
        return
    first = (
        GafScore.objects.filter(tenant=tenant, date__lt=tenant.followup_start).order_by("date").first()
        or Assessment.objects.filter(tenant=tenant, date__lt=tenant.followup_start).order_by("date").first()
    )
    if first is not None:
        raise ValidationError(
            {
                "followup_start": _("Un bilan ou un score EGF du %(date)s précède ce début d'accompagnement.")
                % {"date": date_format(first.date, "SHORT_DATE_FORMAT")}
            }
        )


@transaction.atomic
def tenant_end_followup(*, tenant: Tenant, end_date: dt.date, reason: str, user) -> Tenant:
    """End (or correct the end of) the follow-up.

    For a death, `end_date` is the date of death. What else a death changes
    (the exit from the dwelling, the running lease) belongs to housing: the
    view offers its follow-up page after this returns.
    """
    errors: dict[str, list[str]] = {}
    if reason not in EndReason.values:
        errors.setdefault("reason", []).append(_("Motif de fin inconnu : « %(code)s ».") % {"code": reason})
    if end_date is None:
        errors.setdefault("end_date", []).append(_("Indiquez la date de fin de l'accompagnement."))
    elif end_date > _today():
        errors.setdefault("end_date", []).append(_("La date de fin ne peut pas être dans le futur."))
    elif end_date < tenant.followup_start:
        errors.setdefault("end_date", []).append(_("La fin de l'accompagnement précède son début."))
    if not errors:
        later = (
            GafScore.objects.filter(tenant=tenant, date__gt=end_date).order_by("-date").first()
            or Assessment.objects.filter(tenant=tenant, date__gt=end_date).order_by("-date").first()
        )
        if later is not None:
            errors.setdefault("end_date", []).append(
                _("Un bilan ou un score EGF du %(date)s est postérieur à cette date de fin.")
                % {"date": date_format(later.date, "SHORT_DATE_FORMAT")}
            )
    if errors:
        raise ValidationError(errors)
    tenant.followup_end = end_date
    tenant.end_reason = reason
    try:
        _save(tenant, user)
    except ValidationError as exc:
        raise ValidationError(_rename(exc, {"followup_end": "end_date", "end_reason": "reason"})) from None
    return tenant


@transaction.atomic
def tenant_reopen_followup(*, tenant: Tenant, user) -> Tenant:
    """Undo an end recorded by mistake."""
    tenant.followup_end = None
    tenant.end_reason = ""
    _save(tenant, user)
    return tenant


def _rename(exc: ValidationError, names: dict[str, str]) -> dict[str, list]:
    return {names.get(field, field): errors for field, errors in exc.message_dict.items()}


# --- incomes -------------------------------------------------------------


def income_check_overlap(income: Income) -> None:
    if not (income.tenant_id and income.source and income.start):
        return
    others = Income.objects.filter(tenant_id=income.tenant_id, source=income.source).exclude(pk=income.pk)
    clash = others.overlapping(income.start, income.end).order_by("start").first()
    if clash is not None:
        raise ValidationError(
            {
                "start": _("Cette période chevauche un autre revenu « %(source)s » (depuis le %(start)s).")
                % {
                    "source": clash.get_source_display(),
                    "start": date_format(clash.start, "SHORT_DATE_FORMAT"),
                }
            }
        )


@transaction.atomic
def income_create(*, tenant: Tenant, source: str, start: dt.date, end: dt.date | None = None, user) -> Income:
    income = Income(tenant=tenant, source=source, start=start, end=end)
    income.full_clean()
    income_check_overlap(income)
    _save(income, user)
    return income


@transaction.atomic
def income_update(*, income: Income, user, **fields) -> Income:
    for name in fields:
        if name not in ("source", "start", "end"):
            raise TypeError(f"Unknown income field: {name}")
    for name, value in fields.items():
        setattr(income, name, value)
    income.full_clean()
    income_check_overlap(income)
    _save(income, user)
    return income


def income_close(*, income: Income, end: dt.date, user) -> Income:
    """An income stops (e.g. the RIS ends when the DGPH allowance starts)."""
    if end is None:
        raise ValidationError({"end": _("Indiquez la date de fin du revenu.")})
    return income_update(income=income, end=end, user=user)


# --- yearly reviews and GAF scores ----------------------------------------


def _check_clinical_date(tenant: Tenant, day: dt.date | None) -> None:
    if day is None:
        return
    _not_future(day, "date")
    if day < tenant.followup_start or (tenant.followup_end and day > tenant.followup_end):
        raise ValidationError({"date": _("La date est en dehors de la période d'accompagnement de ce·tte locataire.")})


def clinical_record_check_date(record) -> None:
    """A review or GAF score lies within the tenant's follow-up, not in the future."""
    if record.tenant_id:
        _check_clinical_date(record.tenant, record.date)


@transaction.atomic
def assessment_save(
    *,
    tenant: Tenant,
    user,
    products: Iterable[str] = (),
    assessment: Assessment | None = None,
    **fields,
) -> Assessment:
    """Create (or, with `assessment`, change) a yearly review."""
    unknown = set(fields) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown assessment fields: {sorted(unknown)}")
    bad = [code for code in products if code not in Product.values]
    if bad:
        raise ValidationError({"products": _("Produit inconnu : « %(code)s ».") % {"code": bad[0]}})
    review = assessment or Assessment(tenant=tenant, assessed_by=user if user and user.is_authenticated else None)
    for name, value in fields.items():
        setattr(review, name, value)
    review.products = products
    _check_clinical_date(tenant, review.date)
    if review.date and Assessment.objects.filter(tenant=tenant, date=review.date).exclude(pk=review.pk).exists():
        raise ValidationError({"date": _("Un bilan existe déjà à cette date pour ce·tte locataire.")})
    _save(review, user)
    return review


@transaction.atomic
def assessment_delete(*, assessment: Assessment, user) -> None:
    if user is not None and user.is_authenticated:
        assessment._history_user = user
    assessment.delete()


@transaction.atomic
def gaf_score_save(*, tenant: Tenant, date: dt.date, score: int, user, gaf_score: GafScore | None = None) -> GafScore:
    """Create (or, with `gaf_score`, change) a GAF score; the scorer is `user`."""
    if score is not None and not 1 <= score <= 100:
        raise ValidationError({"score": _("Le score EGF va de 1 à 100.")})
    _check_clinical_date(tenant, date)
    if date and GafScore.objects.filter(tenant=tenant, date=date).exclude(pk=getattr(gaf_score, "pk", None)).exists():
        raise ValidationError({"date": _("Un score EGF existe déjà à cette date pour ce·tte locataire.")})
    # A correction keeps the original scorer; the history records who changed it.
    entry = gaf_score or GafScore(tenant=tenant, scored_by=user if user is not None and user.is_authenticated else None)
    entry.date = date
    entry.score = score
    _save(entry, user)
    return entry


@transaction.atomic
def gaf_score_delete(*, gaf_score: GafScore, user) -> None:
    if user is not None and user.is_authenticated:
        gaf_score._history_user = user
    gaf_score.delete()
