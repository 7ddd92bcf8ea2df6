"""Reads for the tenant pages: one function per page block, fixed query counts.

The `get_<obj>_for_user` helpers are the only way views reach a record: they
check the role table first, so a refused user never even queries the row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat, Lower
from django.shortcuts import get_object_or_404

from smes.lib import dates
from smes.lib.text import Unaccent, by_name, fold
from smes.roles import CLINICAL_EDIT, CLINICAL_VIEW, TENANT_EDIT, TENANT_VIEW, require_cap
from tenants.models import Assessment, GafScore, Income, Team, Tenant, TenantQuerySet

PAGE_SIZE = 25


class Status:
    ACTIVE = "active"
    ENDED = "ended"
    ALL = "all"


# --- access --------------------------------------------------------------


def get_tenant_for_user(user, pk: int, *, edit: bool = False) -> Tenant:
    require_cap(user, TENANT_EDIT if edit else TENANT_VIEW)
    return get_object_or_404(Tenant, pk=pk)


def get_income_for_user(user, pk: int) -> Income:
    require_cap(user, TENANT_EDIT)
    return get_object_or_404(Income.objects.select_related("tenant"), pk=pk)


def get_assessment_for_user(user, pk: int, *, edit: bool = False) -> Assessment:
    require_cap(user, CLINICAL_EDIT if edit else CLINICAL_VIEW)
    return get_object_or_404(Assessment.objects.select_related("tenant"), pk=pk)


def get_gaf_score_for_user(user, pk: int, *, edit: bool = False) -> GafScore:
    require_cap(user, CLINICAL_EDIT if edit else CLINICAL_VIEW)
    return get_object_or_404(GafScore.objects.select_related("tenant"), pk=pk)


# --- list ----------------------------------------------------------------


def still_followed(today: dt.date) -> Q:
    """Not ended yet. Unlike TenantQuerySet.active() it keeps tenants whose
    follow-up starts later (people prepared for an entry): the team works
    with them already."""
    return TenantQuerySet.period().runs_until(today)


def matching(qs: QuerySet[Tenant], q: str) -> QuerySet[Tenant]:
    """Tenants of `qs` whose code, last name or first name contain every
    word of `q`, accents and case aside: "helene dupre" finds Hélène Dupré.
    The tenant pickers match the same way in the browser (search_key)."""
    words = [fold(word) for word in q.split()[:5]]
    if words:
        qs = qs.alias(folded=Lower(Unaccent(Concat("code", Value(" "), "last_name", Value(" "), "first_name"))))
        for word in words:
            qs = qs.filter(folded__contains=word)
    return qs


def search_key(tenant: Tenant) -> str:
    """What the browser matches typed words against (see `matching`)."""
    return fold(f"{tenant.code} {tenant.last_name} {tenant.first_name}")


def tenant_search(
    *,
    q: str = "",
    team: str = "",
    funding: str = "",
    status: str = Status.ACTIVE,
    today: dt.date | None = None,
) -> QuerySet[Tenant]:
    """Tenants matching the list filters, with only the columns the list shows.

    Every word of `q` must appear in the code, last name or first name, so
    "marie dup" finds Marie Dupont — accents and case aside.
    """
    today = today or dates.today()
    qs = Tenant.objects.only(
        "id", "code", "last_name", "first_name", "team", "funding", "followup_start", "followup_end", "end_reason"
    )
    qs = matching(qs, q)
    if team:
        qs = qs.filter(team=team)
    if funding:
        qs = qs.filter(funding=funding)
    if status == Status.ACTIVE:
        qs = qs.filter(still_followed(today))
    elif status == Status.ENDED:
        qs = qs.filter(followup_end__lt=today)
    return qs.order_by(*by_name(tie="code"))


# --- detail --------------------------------------------------------------


def tenant_incomes(tenant: Tenant) -> list[Income]:
    """The income history, newest first (a handful of rows per tenant)."""
    return list(tenant.incomes.order_by("-start", "source"))


@dataclass(frozen=True)
class ClinicalSummary:
    reviews: list[Assessment]
    gaf_scores: list[GafScore]

    @property
    def latest_review(self) -> Assessment | None:
        return self.reviews[0] if self.reviews else None


def tenant_reviews(tenant: Tenant) -> list[Assessment]:
    """Yearly reviews, newest first: about one a year, so never a long list."""
    return list(Assessment.objects.filter(tenant=tenant).select_related("assessed_by").order_by("-date"))


def tenant_gaf_scores(tenant: Tenant) -> list[GafScore]:
    """GAF scores, oldest first (the first one is the entry score)."""
    return list(GafScore.objects.filter(tenant=tenant).select_related("scored_by").order_by("date"))


def tenant_clinical_summary(tenant: Tenant) -> ClinicalSummary:
    """What the tenant page shows to clinical roles: two queries."""
    return ClinicalSummary(reviews=tenant_reviews(tenant), gaf_scores=tenant_gaf_scores(tenant))


# --- home block ----------------------------------------------------------


def active_counts_by_team(today: dt.date | None = None) -> dict:
    """Active tenants per team and how many have no review this year: one query."""
    today = today or dates.today()
    reviewed = Assessment.objects.filter(tenant=OuterRef("pk"), date__year=today.year)
    active = Tenant.objects.filter(still_followed(today))
    agg = active.aggregate(
        total=Count("pk"),
        **{f"team_{t.value}": Count("pk", filter=Q(team=t.value)) for t in Team},
        not_reviewed=Count("pk", filter=~Exists(reviewed)),
    )
    return {
        "total": agg["total"],
        "teams": [{"code": t.value, "label": t.label, "count": agg[f"team_{t.value}"]} for t in Team],
        "not_reviewed": agg["not_reviewed"],
        "year": today.year,
    }
