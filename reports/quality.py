"""Data-quality checks shown before the export: what would make a figure wrong.

Counts are aggregates (two queries for all six checks) and every role that
sees the report sees them. The records behind a count are listed only to a
role that may see those records (`detail_cap`): GAF and reviews are clinical,
visits are visits, leases are housing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, DateField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from housing.models import Lease, Stay
from reports.selectors import MEETINGS, accompanied
from smes.lib import dates
from smes.lib.dates import year_bounds
from smes.lib.text import by_name
from smes.roles import CLINICAL_VIEW, HOUSING_VIEW, VISIT_VIEW
from tenants.models import MOTIVE_FIELDS, Assessment, GafScore, Visit, VisitStatus


@dataclass(frozen=True)
class Check:
    slug: str
    label: Any
    help: Any
    detail_cap: str
    kind: str  # "tenant" or "visit": what the list shows


CHECKS = [
    Check(
        "no-entry-gaf",
        _("Locataires accompagné·e·s sans score EGF d'entrée"),
        _("La moyenne d'entrée et l'amélioration les ignorent."),
        CLINICAL_VIEW,
        "tenant",
    ),
    Check(
        "no-review",
        _("Locataires sans bilan annuel dans l'année"),
        _("Les problématiques (santé mentale, consommation) ne les comptent pas."),
        CLINICAL_VIEW,
        "tenant",
    ),
    Check(
        "meeting-no-duration",
        _("Rencontres réalisées sans durée"),
        _("Les durées moyennes ne les comptent pas."),
        VISIT_VIEW,
        "visit",
    ),
    Check(
        "visit-no-motive", _("Contacts réalisés sans motif"), _("Les motifs ne les comptent pas."), VISIT_VIEW, "visit"
    ),
    Check(
        "planned-not-closed",
        _("Visites planifiées jamais clôturées"),
        _("Une visite passée encore « planifiée » ne compte nulle part : réalisée, absent·e ou annulée ?"),
        VISIT_VIEW,
        "visit",
    ),
    Check(
        "housed-no-lease",
        _("Locataires logé·e·s sans bail"),
        _("Occupation d'un logement pendant l'année sans bail enregistré pour ce logement."),
        HOUSING_VIEW,
        "tenant",
    ),
]
CHECKS_BY_SLUG = {c.slug: c for c in CHECKS}


def _no_motive() -> Q:
    q = Q()
    for field in MOTIVE_FIELDS.values():
        q &= Q(**{field: False})
    return q


def _lease_meeting_stay(year_end: dt.date) -> QuerySet[Lease]:
    """Leases of the outer stay's tenant and dwelling that overlap the stay
    (stay end exclusive and open while empty, lease end inclusive)."""
    stay_end = Coalesce(OuterRef("end"), Value(year_end + dt.timedelta(days=1)), output_field=DateField())
    return Lease.objects.filter(
        tenant=OuterRef("tenant"), dwelling=OuterRef("dwelling"), start__lt=stay_end
    ).runs_until(OuterRef("start"))


def _tenant_conditions(year: int) -> dict[str, Q]:
    start, end = year_bounds(year)
    unleased_stay = (
        Stay.objects.overlapping(start, end).filter(tenant=OuterRef("pk")).exclude(Exists(_lease_meeting_stay(end)))
    )
    return {
        "no-entry-gaf": ~Q(Exists(GafScore.objects.filter(tenant=OuterRef("pk")))),
        "no-review": ~Q(Exists(Assessment.objects.filter(tenant=OuterRef("pk"), date__gte=start, date__lte=end))),
        "housed-no-lease": Q(Exists(unleased_stay)),
    }


def _visit_conditions(today: dt.date) -> dict[str, Q]:
    return {
        "meeting-no-duration": Q(status=VisitStatus.DONE, kind__in=MEETINGS, duration_min__isnull=True),
        "visit-no-motive": Q(status=VisitStatus.DONE) & _no_motive(),
        "planned-not-closed": Q(status=VisitStatus.PLANNED, date__lt=today),
    }


def _visits_of(year: int) -> QuerySet[Visit]:
    start, end = year_bounds(year)
    return Visit.objects.filter(date__gte=start, date__lte=end)


def quality_counts(year: int, today: dt.date | None = None) -> list[dict]:
    """Every check with its count for the year (two queries)."""
    today = today or dates.today()
    tenant_q = _tenant_conditions(year)
    visit_q = _visit_conditions(today)
    tenants = accompanied(year).aggregate(**{slug: Count("id", filter=q) for slug, q in tenant_q.items()})
    visits = _visits_of(year).aggregate(**{slug: Count("id", filter=q) for slug, q in visit_q.items()})
    counts = {**tenants, **visits}
    return [{"check": c, "slug": c.slug, "label": c.label, "help": c.help, "count": counts[c.slug]} for c in CHECKS]


def quality_records(check: Check, year: int, today: dt.date | None = None) -> QuerySet:
    """The records behind one check, for the fix-it list (paginate it)."""
    today = today or dates.today()
    if check.kind == "tenant":
        return (
            accompanied(year)
            .filter(_tenant_conditions(year)[check.slug])
            .order_by(*by_name(tie="code"))
            .only("pk", "code", "first_name", "last_name", "team")
        )
    return (
        _visits_of(year)
        .filter(_visit_conditions(today)[check.slug])
        .select_related("tenant")
        .only("pk", "date", "kind", "status", "tenant__id", "tenant__code", "tenant__first_name", "tenant__last_name")
        .order_by("date", "pk")
    )
