"""Housing reads: who lives where, leases to watch, money outstanding.

Every function returns a queryset (or a dict of aggregates) built so that a
page runs a fixed number of queries whatever the number of rows: occupants
are counted in the database, current occupants are prefetched in one query,
balances are subqueries.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from housing.models import (
    Convention,
    Dwelling,
    Guarantee,
    GuaranteeRepayment,
    GuaranteeSource,
    Lease,
    LeaseKind,
    Move,
    Partner,
    RentMonth,
    RentPayment,
    Stay,
)
from smes.lib.dates import today
from smes.lib.text import by_name
from tenants.models import EndReason, Tenant

LEASE_ENDING_DAYS = 60
CONVENTION_DUE_DAYS = 30
MONEY = DecimalField(max_digits=12, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=MONEY)


def _sum_subquery(qs: QuerySet, group: str, field: str) -> Coalesce:
    return Coalesce(
        Subquery(qs.order_by().values(group).annotate(total=Sum(field)).values("total")[:1], output_field=MONEY),
        ZERO,
    )


# --------------------------------------------------------------------------
# Dwellings and occupation


def dwellings_list(
    *, on: dt.date | None = None, partner_id: int | None = None, commune: str = "", vacancy: str = "", q: str = ""
) -> QuerySet[Dwelling]:
    """Dwellings with their occupants today and free places.

    vacancy: "" (all), "vacant" (at least one free place), "full".
    """
    on = on or today()
    current = Stay.objects.open_on(on)
    qs = (
        Dwelling.objects.select_related("partner")
        .annotate(
            occupants_count=Coalesce(
                Subquery(
                    current.filter(dwelling=OuterRef("pk"))
                    .order_by()
                    .values("dwelling_id")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            )
        )
        .annotate(free_places=F("capacity") - F("occupants_count"))
        .prefetch_related(
            Prefetch("stays", queryset=current.select_related("tenant").order_by("start"), to_attr="current_stays")
        )
    )
    if partner_id:
        qs = qs.filter(partner_id=partner_id)
    if commune:
        qs = qs.filter(commune=commune)
    if vacancy == "vacant":
        qs = qs.filter(free_places__gt=0)
    elif vacancy == "full":
        qs = qs.filter(free_places__lte=0)
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(address__icontains=q) | Q(postcode__startswith=q))
    return qs.order_by("code")


def dwelling_detail(pk: int, *, on: dt.date | None = None) -> Dwelling:
    return dwellings_list(on=on).get(pk=pk)


def dwelling_stays(dwelling: Dwelling) -> QuerySet[Stay]:
    return Stay.objects.filter(dwelling=dwelling).select_related("tenant", "move_in").order_by("-start")


def dwelling_leases(dwelling: Dwelling) -> QuerySet[Lease]:
    return Lease.objects.filter(dwelling=dwelling).select_related("tenant").order_by("-start")


def tenant_stays(tenant: Tenant) -> QuerySet[Stay]:
    """Occupation history of a tenant, most recent first."""
    return Stay.objects.filter(tenant=tenant).select_related("dwelling__partner", "move_in").order_by("-start")


def tenant_current_stay(tenant: Tenant, on: dt.date | None = None) -> Stay | None:
    on = on or today()
    return tenant_stays(tenant).open_on(on).first()


def tenant_moves(tenant: Tenant) -> QuerySet[Move]:
    return Move.objects.filter(tenant=tenant).select_related("dwelling").order_by("-date")


def tenant_leases(tenant: Tenant) -> QuerySet[Lease]:
    return Lease.objects.filter(tenant=tenant).select_related("dwelling").order_by("-start")


def housed_tenant_ids(on: dt.date | None = None) -> list[int]:
    return list(Stay.objects.open_on(on or today()).values_list("tenant_id", flat=True))


def lease_lived_in(lease: Lease) -> bool:
    """Has the tenant occupied the lease's dwelling during the lease (now or before)?"""
    stays = Stay.objects.filter(tenant_id=lease.tenant_id, dwelling_id=lease.dwelling_id)
    return stays.overlapping(lease.start, lease.end).exists()


def tenant_running_leases(tenant: Tenant, dwelling_id: int, on: dt.date | None = None) -> QuerySet[Lease]:
    """The tenant's leases of one dwelling that run on `on` (today)."""
    on = on or today()
    return (
        Lease.objects.filter(tenant=tenant, dwelling_id=dwelling_id)
        .open_on(on)
        .select_related("dwelling")
        .order_by("start")
    )


def stay_open_on(tenant: Tenant, day: dt.date) -> Stay | None:
    """The stay a tenant was in on the morning of `day` (moved in before it)."""
    return Stay.objects.filter(tenant=tenant).on_morning_of(day).select_related("dwelling").first()


def moves_list(*, kind: str = "", year: int | None = None) -> QuerySet[Move]:
    qs = Move.objects.select_related("tenant", "dwelling").order_by("-date", "-pk")
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(date__year=year)
    return qs


def housing_stats(on: dt.date | None = None) -> dict:
    on = on or today()
    places = Dwelling.objects.aggregate(dwellings=Count("pk"), places=Coalesce(Sum("capacity"), 0))
    occupied = Stay.objects.open_on(on).aggregate(
        housed=Count("tenant_id", distinct=True), dwellings=Count("dwelling_id", distinct=True)
    )
    vacant = dwellings_list(on=on, vacancy="vacant").count()
    return {
        "dwellings": places["dwellings"],
        "places": places["places"],
        "housed": occupied["housed"],
        "occupied_dwellings": occupied["dwellings"],
        "vacant_dwellings": vacant,
    }


# --------------------------------------------------------------------------
# Partners and conventions


def partners_list(*, kind: str = "", on: dt.date | None = None) -> QuerySet[Partner]:
    on = on or today()
    due = on + dt.timedelta(days=CONVENTION_DUE_DAYS)
    qs = Partner.objects.annotate(
        dwellings_count=Count("dwellings", distinct=True),
        conventions_due=Count("conventions", filter=Q(conventions__next_evaluation_due__lte=due), distinct=True),
    ).order_by("name")
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def conventions_due(on: dt.date | None = None, within_days: int = CONVENTION_DUE_DAYS) -> QuerySet[Convention]:
    """Conventions whose next evaluation is overdue or due within the window."""
    on = on or today()
    return (
        Convention.objects.filter(next_evaluation_due__lte=on + dt.timedelta(days=within_days))
        .select_related("partner")
        .order_by("next_evaluation_due", "title")
    )


# --------------------------------------------------------------------------
# Leases


def leases_list(*, kind: str = "", status: str = "", on: dt.date | None = None, q: str = "") -> QuerySet[Lease]:
    """status: "" all, "running", "ending" (within 60 days), "open" (running without end)."""
    on = on or today()
    qs = Lease.objects.select_related("dwelling", "tenant").order_by("-start", "pk")
    if kind:
        qs = qs.filter(kind=kind)
    if status == "running":
        qs = qs.open_on(on)
    elif status == "ending":
        qs = leases_ending(on)
        if kind:
            qs = qs.filter(kind=kind)
    elif status == "open":
        qs = leases_without_end(on)
        if kind:
            qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(
            Q(tenant__code__icontains=q) | Q(tenant__last_name__icontains=q) | Q(dwelling__code__icontains=q)
        )
    return qs


def leases_ending(on: dt.date | None = None, days: int = LEASE_ENDING_DAYS) -> QuerySet[Lease]:
    on = on or today()
    return (
        Lease.objects.filter(end__gte=on, end__lte=on + dt.timedelta(days=days))
        .select_related("dwelling", "tenant")
        .order_by("end", "pk")
    )


def leases_without_end(on: dt.date | None = None) -> QuerySet[Lease]:
    """Running leases with no end date, with what to check: is the tenant
    still living there, still followed, and is the kind one that has an end
    (transit, precarious)?"""
    on = on or today()
    living_there = Stay.objects.open_on(on).filter(tenant=OuterRef("tenant"), dwelling=OuterRef("dwelling"))
    return (
        Lease.objects.filter(end__isnull=True, start__lte=on)
        .select_related("dwelling", "tenant")
        .annotate(living_there=Exists(living_there))
        .annotate(
            needs_check=Q(living_there=False)
            | Q(tenant__followup_end__isnull=False)
            | Q(kind__in=[LeaseKind.TRANSIT, LeaseKind.PRECARIOUS])
        )
        .order_by("-needs_check", "start", "pk")
    )


def deaths_to_close(on: dt.date | None = None) -> QuerySet[Tenant]:
    """Deceased tenants whose housing is still open after the date of death
    (a stay still running, or a lease not ended)."""
    open_stay = Stay.objects.filter(tenant=OuterRef("pk")).not_ended_by(OuterRef("followup_end"))
    open_lease = Lease.objects.filter(tenant=OuterRef("pk")).not_ended_by(OuterRef("followup_end"))
    return (
        Tenant.objects.filter(end_reason=EndReason.DECEASED, followup_end__isnull=False)
        .filter(Exists(open_stay) | Exists(open_lease))
        .order_by("-followup_end")
    )


# --------------------------------------------------------------------------
# Guarantees


def guarantees_list(*, outstanding: bool = False, source: str = "") -> QuerySet[Guarantee]:
    repaid = _sum_subquery(GuaranteeRepayment.objects.filter(guarantee=OuterRef("pk")), "guarantee_id", "amount")
    qs = (
        Guarantee.objects.select_related("lease__tenant", "lease__dwelling")
        .annotate(repaid=repaid)
        .annotate(balance=F("amount") - F("repaid"))
        .order_by("-date", "-pk")
    )
    if source:
        qs = qs.filter(advanced_by=source)
    if outstanding:
        qs = guarantees_outstanding(qs)
    return qs


def guarantees_outstanding(qs: QuerySet[Guarantee] | None = None) -> QuerySet[Guarantee]:
    qs = qs if qs is not None else guarantees_list()
    return qs.exclude(advanced_by=GuaranteeSource.TENANT).filter(balance__gt=0)


def guarantee_detail(pk: int) -> Guarantee:
    return guarantees_list().get(pk=pk)


# --------------------------------------------------------------------------
# Rent ledger (sliding leases)


def sliding_leases(*, arrears_only: bool = False) -> QuerySet[Lease]:
    """Sliding leases with totals due, received, paid to the landlord, arrears."""
    qs = (
        Lease.objects.filter(kind=LeaseKind.SLIDING)
        .select_related("tenant", "dwelling__partner")
        .annotate(
            due=_sum_subquery(RentMonth.objects.filter(lease=OuterRef("pk")), "lease_id", "due_from_tenant"),
            paid_landlord=_sum_subquery(RentMonth.objects.filter(lease=OuterRef("pk")), "lease_id", "paid_to_landlord"),
            received=_sum_subquery(RentPayment.objects.filter(lease=OuterRef("pk")), "lease_id", "amount"),
        )
        .annotate(arrears=F("due") - F("received"))
        .order_by("-arrears", *by_name("tenant__"), "pk")
    )
    if arrears_only:
        qs = qs.filter(arrears__gt=0)
    return qs


def ledger_lease(pk: int) -> Lease:
    return sliding_leases().get(pk=pk)


def tenants_in_arrears() -> QuerySet[Tenant]:
    """Tenants owing rent on their sliding leases (all leases summed)."""
    due = _sum_subquery(RentMonth.objects.filter(lease__tenant=OuterRef("pk")), "lease__tenant", "due_from_tenant")
    received = _sum_subquery(RentPayment.objects.filter(lease__tenant=OuterRef("pk")), "lease__tenant", "amount")
    last_payment = Subquery(
        RentPayment.objects.filter(lease__tenant=OuterRef("pk")).order_by("-date").values("date")[:1]
    )
    return (
        Tenant.objects.filter(Exists(Lease.objects.filter(tenant=OuterRef("pk"), kind=LeaseKind.SLIDING)))
        .annotate(due=due, received=received, last_payment=last_payment)
        .annotate(arrears=F("due") - F("received"))
        .filter(arrears__gt=0)
        .order_by("-arrears", *by_name())
    )


def rent_months(lease: Lease) -> QuerySet[RentMonth]:
    return RentMonth.objects.filter(lease=lease).order_by("-month")


def rent_payments(lease: Lease) -> QuerySet[RentPayment]:
    return RentPayment.objects.filter(lease=lease).order_by("-date", "-pk")


# --------------------------------------------------------------------------
# Home page


def home_counts(*, finance: bool, on: dt.date | None = None) -> dict:
    """The numbers of the housing home block (a fixed number of queries)."""
    on = on or today()
    counts = {
        "leases_ending": leases_ending(on).count(),
        "leases_to_check": leases_without_end(on).filter(needs_check=True).count(),
        "conventions_due": conventions_due(on).count(),
        "deaths_to_close": deaths_to_close(on).count(),
    }
    if finance:
        counts["guarantees_outstanding"] = guarantees_outstanding().count()
        counts["tenants_in_arrears"] = tenants_in_arrears().count()
    return counts
