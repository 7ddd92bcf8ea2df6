"""The annual report, one selector per block (docs/report.md).

Each block takes the year and returns the block's JSON exactly as the spec
names it (the app may add keys, never rename them). Counting, summing and
picking the latest record per tenant happen in the database; Python only
divides the sums by the counts (see reports.rounding) and, for the GAF
table, lists the already-aggregated rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, ExtractYear, Greatest

from housing.models import ExitTo, Lease, LeaseKind, Move, MoveKind, Stay
from reports.rounding import mean, pct, ratio
from smes.lib.dates import year_bounds
from tenants.models import (
    MEETING_KINDS,
    MENTAL_HEALTH_FIELDS,
    MOTIVE_FIELDS,
    PRODUCT_FIELDS,
    Assessment,
    EndReason,
    Funding,
    GafScore,
    Income,
    IncomeSource,
    Sex,
    Team,
    Tenant,
    Visit,
    VisitKind,
    VisitStatus,
)

ENDED_REASONS = [EndReason.NO_LONGER_NEEDED, EndReason.TRANSFERRED, EndReason.OTHER]
MEETINGS = [k.value for k in MEETING_KINDS]


def accompanied(year: int) -> QuerySet[Tenant]:
    """Population A: tenants whose follow-up meets the year."""
    start, end = year_bounds(year)
    return Tenant.objects.accompanied_between(start, end)


def stays_during(start: dt.date, end: dt.date) -> QuerySet[Stay]:
    """Occupations [stay.start, stay.end) that meet [start, end]."""
    return Stay.objects.filter(start__lte=end).filter(Q(end__isnull=True) | Q(end__gt=start))


def stays_on(day: dt.date) -> QuerySet[Stay]:
    return stays_during(day, day)


def _died_in(start: dt.date, end: dt.date) -> Q:
    return Q(end_reason=EndReason.DECEASED, followup_end__gte=start, followup_end__lte=end)


# --- Population -----------------------------------------------------------


def tenants_block(year: int) -> dict[str, Any]:
    start, end = year_bounds(year)
    population = accompanied(year)
    counts: dict[str, Any] = {"n": Count("id")}
    for code in Funding.values:
        counts[f"funding_{code}"] = Count("id", filter=Q(funding=code))
    for code in Sex.values:
        counts[f"sex_{code}"] = Count("id", filter=Q(sex=code))
    for code in Team.values:
        counts[f"team_{code}"] = Count("id", filter=Q(team=code))
    for code in ENDED_REASONS:
        counts[f"ended_{code}"] = Count("id", filter=Q(end_reason=code, followup_end__gte=start, followup_end__lte=end))
    counts["deceased"] = Count("id", filter=_died_in(start, end))
    # Whole years on 31 December = year - birth year (every birthday has passed).
    counts["birth_min"] = Min(ExtractYear("birth_date"))
    counts["birth_max"] = Max(ExtractYear("birth_date"))
    counts["birth_sum"] = Sum(ExtractYear("birth_date"))
    counts["street_sum"] = Sum("street_years")
    counts["street_n"] = Count("street_years")
    agg = population.aggregate(**counts)
    n = agg["n"]

    incomes = dict(
        Income.objects.filter(tenant__in=population, start__lte=end)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .values_list("source")
        .annotate(n=Count("tenant", distinct=True))
        .order_by()
    )
    communes = sorted(
        set(
            stays_during(start, end)
            .filter(tenant__in=population)
            .values_list("dwelling__commune", flat=True)
            .order_by()  # else the stays' ordering columns join the DISTINCT
            .distinct()
        )
    )
    return {
        "accompanied": n,
        "by_funding": {code: agg[f"funding_{code}"] for code in Funding.values},
        "by_sex": {code: agg[f"sex_{code}"] for code in Sex.values},
        "by_team": {code: agg[f"team_{code}"] for code in Team.values},
        "age": {
            "min": year - agg["birth_max"] if n else None,
            "max": year - agg["birth_min"] if n else None,
            "mean": mean(year * n - agg["birth_sum"], n) if n else None,
        },
        "street_years_mean": mean(agg["street_sum"], agg["street_n"]),
        "incomes": {code: incomes.get(code, 0) for code in IncomeSource.values},
        "communes": communes,
        "deceased": agg["deceased"],
        "ended": {code.value: agg[f"ended_{code}"] for code in ENDED_REASONS},
        # Added keys (the spec allows additions): shares for the text.
        "by_sex_pct": {code: pct(agg[f"sex_{code}"], n) for code in Sex.values},
        "communes_count": len(communes),
    }


# --- Problems ---------------------------------------------------------------


def latest_assessments(year: int) -> QuerySet[Assessment]:
    """For each tenant of A, the latest assessment dated in the year."""
    start, end = year_bounds(year)
    later = Assessment.objects.filter(tenant=OuterRef("tenant"), date__gt=OuterRef("date"), date__lte=end)
    return Assessment.objects.filter(tenant__in=accompanied(year), date__gte=start, date__lte=end).exclude(
        Exists(later)
    )


def problems_block(year: int) -> dict[str, Any]:
    product_count = sum(
        (Cast(field, IntegerField()) for field in PRODUCT_FIELDS.values()), start=Value(0, output_field=IntegerField())
    )
    counts: dict[str, Any] = {"assessed": Count("id")}
    for field in MENTAL_HEALTH_FIELDS:
        counts[field] = Count("id", filter=Q(**{field: True}))
    counts["abstinent"] = Count("id", filter=Q(n_products=0))
    counts["one"] = Count("id", filter=Q(n_products=1))
    counts["two"] = Count("id", filter=Q(n_products=2))
    counts["three_plus"] = Count("id", filter=Q(n_products__gte=3))
    for field in ("crack_inhalation", "injection", "overdose"):
        counts[field] = Count("id", filter=Q(**{field: True}))
    agg = latest_assessments(year).alias(n_products=product_count).aggregate(**counts)
    assessed = agg["assessed"]
    consumption = {key: agg[key] for key in ("abstinent", "one", "two", "three_plus")}
    return {
        "assessed": assessed,
        "mental_health": {field: agg[field] for field in MENTAL_HEALTH_FIELDS},
        "consumption": consumption,
        "crack_inhalation": agg["crack_inhalation"],
        "injection": agg["injection"],
        "overdose": agg["overdose"],
        "mental_health_pct": {field: pct(agg[field], assessed) for field in MENTAL_HEALTH_FIELDS},
        "consumption_pct": {key: pct(value, assessed) for key, value in consumption.items()},
        "crack_inhalation_pct": pct(agg["crack_inhalation"], assessed),
    }


# --- GAF --------------------------------------------------------------------


def gaf_rows(year: int) -> QuerySet[Tenant]:
    """One row per tenant of A with entry, current and deceased — no names.

    `values()` fetches only the scores: the report never reads who is who.
    """
    start, end = year_bounds(year)
    scores = GafScore.objects.filter(tenant=OuterRef("pk"))
    return (
        accompanied(year)
        .annotate(
            entry=Subquery(scores.order_by("date").values("score")[:1]),
            current=Subquery(scores.filter(date__lte=end).order_by("-date").values("score")[:1]),
            dead=Case(
                When(Q(end_reason=EndReason.DECEASED, followup_end__lte=end), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("followup_start", "code")
        .values("entry", "current", "dead")
    )


def gaf_block(year: int, *, with_rows: bool = True) -> dict[str, Any]:
    # One query: the table's rows, whose means Python sums. Aggregating the
    # annotated queryset in SQL made PostgreSQL evaluate the two score
    # subqueries once per aggregate, ten times per tenant (benchmarks/: 125 ms
    # instead of 35 ms at 10,000 tenants).
    rows = list(gaf_rows(year))
    living = [row for row in rows if not row["dead"]]
    entries = [row["entry"] for row in rows if row["entry"] is not None]
    currents = [row["current"] for row in living if row["current"] is not None]
    gains = [row["current"] - row["entry"] for row in living if row["entry"] is not None and row["current"] is not None]
    block: dict[str, Any] = {}
    if with_rows:
        block["rows"] = [
            {"n": i, "entry": row["entry"], "current": row["current"], "deceased": bool(row["dead"])}
            for i, row in enumerate(rows, start=1)
        ]
    block.update(
        {
            "entry_mean": mean(sum(entries), len(entries)),
            "current_mean": mean(sum(currents), len(currents)),
            "current_n": len(currents),
            "improvement_mean": mean(sum(gains), len(gains)),
            "entry_n": len(entries),
            "improvement_n": len(gains),
            "deceased_n": len(rows) - len(living),
        }
    )
    return block


# --- Contacts ---------------------------------------------------------------


def contacts_block(year: int, *, accompanied_count: int | None = None, for_history: bool = False) -> dict[str, Any]:
    """`for_history`: only the figures followed across years (reports.series)
    — the year before and the busiest month are left out (None)."""
    start, end = year_bounds(year)
    prev_start, prev_end = year_bounds(year - 1)
    done, absent = VisitStatus.DONE.value, VisitStatus.ABSENT.value
    # One pass over the year's visits grouped by (kind, status) — at most 16
    # groups, added up below — and an index-only count for the year before:
    # ~25 filtered aggregates over two years of rows took twice as long
    # (benchmarks/: 4.5 million visits).
    groups = list(
        Visit.objects.filter(date__gte=start, date__lte=end)
        .values("kind", "status")
        .annotate(
            # Count("date"), not "id": every column read is in the index
            # visit_year_figures_idx, so PostgreSQL never touches the table.
            n=Count("date"),
            dur_sum=Sum("duration_min"),
            dur_n=Count("duration_min"),
            travel_sum=Sum("travel_min"),
            travel_n=Count("travel_min"),
            **{f"motive_{code}": Count("date", filter=Q(**{field: True})) for code, field in MOTIVE_FIELDS.items()},
        )
        .order_by()
    )

    def added(key: str, *, status: str, kinds=None) -> int:
        return sum(g[key] or 0 for g in groups if g["status"] == status and (kinds is None or g["kind"] in kinds))

    by_kind = {kind: added("n", status=done, kinds=(kind,)) for kind in MEETINGS}
    total = sum(by_kind.values())
    previous = None
    if not for_history:
        previous = Visit.objects.filter(
            date__gte=prev_start, date__lte=prev_end, status=done, kind__in=MEETINGS
        ).count()
    agg = {
        "phone": added("n", status=done, kinds=(VisitKind.PHONE.value,)),
        "travel_sum": added("travel_sum", status=done, kinds=MEETINGS),
        "travel_n": added("travel_n", status=done, kinds=MEETINGS),
        "absent": added("n", status=absent, kinds=MEETINGS),
    }
    for kind in MEETINGS:
        agg[f"dur_sum_{kind}"] = added("dur_sum", status=done, kinds=(kind,))
        agg[f"dur_n_{kind}"] = added("dur_n", status=done, kinds=(kind,))
    for code in MOTIVE_FIELDS:
        agg[f"motive_{code}"] = added(f"motive_{code}", status=done)
    if accompanied_count is None:
        accompanied_count = accompanied(year).count()
    # Most meetings of one tenant in one month: one row per tenant with its
    # twelve monthly counts (a few thousand groups held in memory, where
    # grouping by tenant × month spilled ~100,000 groups to disk), read from
    # the partial index of done meetings without touching the table.
    months = {
        f"m{m}": Count("date", filter=Q(date__gte=dt.date(year, m, 1), date__lt=dt.date(year + m // 12, m % 12 + 1, 1)))
        for m in range(1, 13)
    }
    busiest = (
        None
        if for_history
        else (
            Visit.objects.filter(date__gte=start, date__lte=end, status=VisitStatus.DONE, kind__in=MEETINGS)
            .values("tenant")
            .annotate(**months)
            .annotate(top=Greatest(*(F(name) for name in months)))
            .order_by()
            .aggregate(most=Max("top"))["most"]
        )
    )
    motives = {code: agg[f"motive_{code}"] for code in MOTIVE_FIELDS}
    mentions = sum(motives.values())
    return {
        "by_kind": by_kind,
        "meetings_total": total,
        "previous_year_total": previous,
        "change_pct": None if previous is None else pct(total - previous, previous),
        "phone": agg["phone"],
        "mean_duration_min": {kind: mean(agg[f"dur_sum_{kind}"], agg[f"dur_n_{kind}"]) for kind in MEETINGS},
        "mean_travel_min": mean(agg["travel_sum"], agg["travel_n"]),
        "missed_pct": pct(agg["absent"], total + agg["absent"]),
        "per_tenant_per_month": ratio(total, accompanied_count * 12, places=2),
        "max_in_month": None if for_history else busiest or 0,
        "motives": motives,
        # Added: each motive's share of all motive mentions, as the report prints it.
        "motives_pct": {code: pct(n, mentions) for code, n in motives.items()},
        "motive_mentions": mentions,
        "absent": agg["absent"],
    }


# --- Moves ------------------------------------------------------------------


def moves_block(year: int) -> dict[str, Any]:
    start, end = year_bounds(year)
    earlier_entry = Move.objects.filter(tenant=OuterRef("tenant"), kind=MoveKind.ENTRY, date__lt=OuterRef("date"))
    entry = Q(kind=MoveKind.ENTRY)
    counts: dict[str, Any] = {
        "first_entries": Count("id", filter=entry & Q(earlier=False)),
        "re_entries": Count("id", filter=entry & Q(earlier=True)),
        "transfers": Count("id", filter=Q(kind=MoveKind.TRANSFER)),
    }
    for code in ExitTo.values:
        counts[f"exit_{code}"] = Count("id", filter=Q(kind=MoveKind.EXIT, exit_to=code))
    agg = Move.objects.filter(date__gte=start, date__lte=end).alias(earlier=Exists(earlier_entry)).aggregate(**counts)
    exits = {code: agg[f"exit_{code}"] for code in ExitTo.values}
    block = {
        "first_entries": agg["first_entries"],
        "re_entries": agg["re_entries"],
        "transfers": agg["transfers"],
        "exits": exits,
    }
    block["total"] = block["first_entries"] + block["re_entries"] + block["transfers"] + sum(exits.values())
    block["exits_total"] = sum(exits.values())
    return block


# --- Housing ----------------------------------------------------------------


def housing_block(year: int) -> dict[str, Any]:
    start, end = year_bounds(year)
    population = accompanied(year)
    agg = (
        population.alias(
            housed=Exists(stays_during(start, end).filter(tenant=OuterRef("pk"))),
            home_at_end=Exists(stays_on(end).filter(tenant=OuterRef("pk"))),
        )
        .filter(housed=True)
        .aggregate(
            housed=Count("id"),
            deceased=Count("id", filter=_died_in(start, end)),
            lost=Count("id", filter=~_died_in(start, end) & Q(home_at_end=False)),
        )
    )
    kept_base = agg["housed"] - agg["deceased"]
    by_partner = dict(
        stays_during(start, end)
        .filter(tenant__in=population)
        .values_list("dwelling__partner__name")
        .annotate(n=Count("dwelling", distinct=True))
        .order_by()
    )
    leases = dict(
        Lease.objects.filter(start__lte=end)
        .filter(Q(end__isnull=True) | Q(end__gte=end))
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "housed": agg["housed"],
        "deceased": agg["deceased"],
        "lost": agg["lost"],
        "retention_pct": pct(kept_base - agg["lost"], kept_base),
        "by_partner": {name: by_partner[name] for name in sorted(by_partner) if by_partner[name] > 0},
        "leases_by_kind": {code: leases.get(code, 0) for code in LeaseKind.values},
        "dwellings_total": sum(by_partner.values()),
    }


# --- Harm reduction ---------------------------------------------------------


def harm_reduction_block(year: int) -> dict[str, Any]:
    """Owned by the harm-reduction app, which knows its stock rules."""
    from harmreduction.selectors import harm_reduction_block as block

    return block(year)


def intake_block(year: int) -> dict[str, Any]:
    """Owned by the intake app (requests, waiting list: issue 18)."""
    from intake.selectors import intake_block as block

    return block(year)


# --- The whole report -------------------------------------------------------


def annual_report(year: int, *, with_rows: bool = True, for_history: bool = False) -> dict[str, Any]:
    """Every block of the spec for `year`, in the spec's order.

    `for_history`: an earlier year cited by another year's report — only the
    figures followed across years (reports.series.SERIES) are sure to be
    there; the GAF rows and a few costly others are left out."""
    with_rows = with_rows and not for_history
    tenants = tenants_block(year)
    harm_reduction = harm_reduction_block(year)
    harm_reduction["distributed_total"] = sum(harm_reduction["by_category"].values())
    return {
        "year": year,
        "tenants": tenants,
        "problems": problems_block(year),
        "gaf": gaf_block(year, with_rows=with_rows),
        "contacts": contacts_block(year, accompanied_count=tenants["accompanied"], for_history=for_history),
        "moves": moves_block(year),
        "housing": housing_block(year),
        "harm_reduction": harm_reduction,
        "intake": intake_block(year),
    }
