"""Reads for visits: the worker's week, the team's "not seen" list, the
tenant's timeline and contact counts.

Every function runs a fixed number of queries whatever the number of
visits; aggregates are computed by the database. A user without
clinical.view never loads the visit note (`defer`), so no page can leak it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TimeField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from smes.lib.dates import today
from smes.lib.text import by_name
from smes.registry import Registry
from smes.roles import (
    CLINICAL_VIEW,
    HOUSING,
    SUPPORT,
    TENANT_VIEW,
    VISIT_CREATE_ANY_KIND,
    VISIT_EDIT_OWN,
    VISIT_VIEW,
    has_cap,
    refuse,
    require_cap,
    user_roles,
)
from tenants.models import MEETING_KINDS, Assessment, GafScore, Tenant, Visit, VisitKind, VisitStatus
from tenants.selectors import matching, search_key
from tenants.visits.services import can_edit_visit

User = get_user_model()


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


# --------------------------------------------------------------------------
# Single visits


def visits_for(user) -> QuerySet[Visit]:
    """The visits this user may read, ready for display."""
    require_cap(user, VISIT_VIEW)
    qs = Visit.objects.select_related("tenant", "created_by").prefetch_related("workers")
    if not has_cap(user, CLINICAL_VIEW):
        qs = qs.defer("note")
    return qs


def get_visit_for_user(user, pk: int, *, edit: bool = False) -> Visit:
    """The visit, or 403 (role may not read it / not one's own for `edit`)
    or 404."""
    visit = get_object_or_404(visits_for(user), pk=pk)
    if edit and not can_edit_visit(user, visit):
        refuse(user, f"{VISIT_EDIT_OWN} (visit {visit.pk})")
    return visit


def get_tenant_for_visits(user, pk: int) -> Tenant:
    """The tenant whose visits are logged or read (403 without tenant.view)."""
    require_cap(user, TENANT_VIEW)
    return get_object_or_404(Tenant, pk=pk)


def mine(user) -> Q:
    """Visits the user created or took part in (no join, so no duplicates)."""
    through = Visit.workers.through.objects.filter(user_id=user.pk).values("visit_id")
    return Q(created_by_id=user.pk) | Q(pk__in=through)


def with_edit_flags(user, visits) -> list[Visit]:
    """Set `visit.editable` on each (workers must be prefetched)."""
    visits = list(visits)
    for visit in visits:
        visit.editable = can_edit_visit(user, visit)
    return visits


# --------------------------------------------------------------------------
# Quick log


def tenants_for_quicklog(on: dt.date | None = None) -> list[Tenant]:
    """Tenants a visit can be logged for today, by name."""
    return list(Tenant.objects.active(on or today()).only("pk", "code", "first_name", "last_name", "team"))


CASELOAD_DAYS = 90


def tenants_for_picker(user, on: dt.date | None = None, q: str = "") -> list[Tenant]:
    """The tenant picker of the quick log, in one query.

    The worker's own caseload first — tenants they met, called or planned
    to see in the last CASELOAD_DAYS days, or have a visit planned with —
    most recently seen first; then everybody else followed today, by name.
    Each tenant gets `mine` (1 or 0), `last_seen` (the date of the worker's
    latest contact, or None) and `key` (what typed words are matched
    against). `q` keeps only the tenants matching every word of it.
    """
    on = on or today()
    visits = Visit.objects.filter(mine(user), tenant=OuterRef("pk")).exclude(status=VisitStatus.CANCELLED)
    qs = (
        matching(Tenant.objects.active(on), q)
        .only("pk", "code", "first_name", "last_name", "team")
        .annotate(
            last_seen=Subquery(visits.filter(date__lte=on).order_by("-date").values("date")[:1]),
            planned=Exists(visits.filter(status=VisitStatus.PLANNED, date__gte=on)),
        )
        .annotate(
            mine=Case(
                When(Q(last_seen__gte=on - dt.timedelta(days=CASELOAD_DAYS)) | Q(planned=True), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "-mine",
            Case(When(mine=1, then="last_seen")).desc(nulls_last=True),
            *by_name(tie="code"),
        )
    )
    tenants = list(qs)
    for tenant in tenants:
        tenant.key = search_key(tenant)
    return tenants


def offline_caseload(on: dt.date | None = None) -> list[dict]:
    """What the phone keeps for the offline quick log, and nothing more:
    code, name, team and the date of the last contact (one query)."""
    last = Max("visits__date", filter=~Q(visits__status=VisitStatus.PLANNED))
    rows = (
        Tenant.objects.active(on or today())
        .annotate(last_contact=last)
        .order_by("last_name", "first_name", "pk")
        .values_list("pk", "code", "first_name", "last_name", "team", "last_contact")
    )
    return [
        {
            "id": pk,
            "code": code,
            "name": f"{last_name} {first_name}",
            "team": team,
            "last": last_contact.isoformat() if last_contact else None,
        }
        for pk, code, first_name, last_name, team, last_contact in rows
    ]


def worker_choices(author) -> QuerySet:
    """Colleagues who may be ticked as workers: the author's own team side
    (support workers for Support, housing officers for Housing)."""
    sides = [SUPPORT] if has_cap(author, VISIT_CREATE_ANY_KIND) else []
    if HOUSING in user_roles(author):
        sides.append(HOUSING)
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name__in=sides) | Q(pk=author.pk))
        .distinct()
        .order_by(*by_name(first="last_name", last="first_name", tie="username"))
    )


def recent_coworker_ids(author, *, limit: int, days: int = 90) -> list[int]:
    """Colleagues who shared a contact with `author` lately, most frequent first."""
    since = today() - dt.timedelta(days=days)
    through = Visit.workers.through
    visit_ids = through.objects.filter(user_id=author.pk, visit__date__gte=since).values("visit_id")
    return list(
        through.objects.filter(visit_id__in=visit_ids)
        .exclude(user_id=author.pk)
        .values("user_id")
        .annotate(n=Count("visit_id"))
        .order_by("-n", "user_id")
        .values_list("user_id", flat=True)[:limit]
    )


def last_contacts(tenant: Tenant, user, n: int = 3) -> list[Visit]:
    """The tenant's latest contacts that happened or were missed."""
    qs = visits_for(user).prefetch_related(None).filter(tenant=tenant).exclude(status=VisitStatus.PLANNED)
    return list(qs.order_by("-date", "-time", "-id")[:n])


def next_planned(tenant: Tenant, user, n: int = 3) -> list[Visit]:
    qs = visits_for(user).filter(tenant=tenant, status=VisitStatus.PLANNED, date__gte=today())
    return list(qs.order_by("date", "time", "id")[:n])


# --------------------------------------------------------------------------
# My week


def my_week(user, monday: dt.date) -> list[tuple[dt.date, list[Visit]]]:
    """The user's visits of the week (planned and done), day by day.

    One week is the page: it is bounded by what a worker can do in seven
    days, so it is not paginated further.
    """
    sunday = monday + dt.timedelta(days=6)
    qs = (
        visits_for(user)
        .filter(mine(user), date__range=(monday, sunday))
        .order_by("date", F("time").asc(nulls_last=True), "id")
    )
    by_day: dict[dt.date, list[Visit]] = defaultdict(list)
    for visit in with_edit_flags(user, qs):
        by_day[visit.date].append(visit)
    return [(monday + dt.timedelta(days=i), by_day.get(monday + dt.timedelta(days=i), [])) for i in range(7)]


def to_close(user, before: dt.date | None = None) -> QuerySet[Visit]:
    """The user's planned visits whose day has passed: "à clôturer"."""
    return (
        visits_for(user)
        .filter(mine(user), status=VisitStatus.PLANNED, date__lt=before or today())
        .order_by("date", "time", "id")
    )


def week_summary(user, monday: dt.date, on: dt.date | None = None) -> dict[str, int]:
    """Counts for the home page, one query."""
    on = on or today()
    week = Q(date__range=(monday, monday + dt.timedelta(days=6)))
    return Visit.objects.filter(mine(user)).aggregate(
        planned=Count("pk", filter=week & Q(status=VisitStatus.PLANNED, date__gte=on)),
        done=Count("pk", filter=week & Q(status=VisitStatus.DONE)),
        absent=Count("pk", filter=week & Q(status=VisitStatus.ABSENT)),
        to_close=Count("pk", filter=Q(status=VisitStatus.PLANNED, date__lt=on)),
    )


# --------------------------------------------------------------------------
# Team view: tenants not met for a while


def not_seen(days: int, *, team: str | None = None, on: dt.date | None = None) -> QuerySet[Tenant]:
    """Followed tenants with no DONE meeting (home, outside, concertation)
    for `days` days or more, longest first. A tenant never met counts from
    the start of the follow-up. One query (plus the paginator's count)."""
    on = on or today()
    done = Q(visits__status=VisitStatus.DONE)
    qs = (
        Tenant.objects.active(on)
        .annotate(
            last_meeting=Max("visits__date", filter=done & Q(visits__kind__in=MEETING_KINDS)),
            last_call=Max("visits__date", filter=done & Q(visits__kind=VisitKind.PHONE)),
        )
        .annotate(since=Coalesce("last_meeting", "followup_start"))
        .filter(since__lte=on - dt.timedelta(days=days))
        .order_by("since", *by_name())
    )
    if team:
        qs = qs.filter(team=team)
    return qs


def with_days_since(tenants, on: dt.date | None = None) -> list[Tenant]:
    """Set `tenant.days` (days since the last meeting) on one page of rows."""
    on = on or today()
    tenants = list(tenants)
    for tenant in tenants:
        tenant.days = (on - tenant.since).days
    return tenants


# --------------------------------------------------------------------------
# Contact counts


COUNT_WINDOWS = (30, 90)


def contact_counts(tenant: Tenant, on: dt.date | None = None) -> dict:
    """DONE contacts in the last 30 and 90 days by kind, plus missed
    meetings (ABSENT), in one query."""
    on = on or today()
    aggregates = {}
    for days in COUNT_WINDOWS:
        window = Q(date__gt=on - dt.timedelta(days=days), date__lte=on)
        for kind in VisitKind:
            aggregates[f"{kind.value}_{days}"] = Count("pk", filter=window & Q(kind=kind, status=VisitStatus.DONE))
        aggregates[f"ABSENT_{days}"] = Count("pk", filter=window & Q(status=VisitStatus.ABSENT))
    counts = Visit.objects.filter(tenant=tenant).aggregate(**aggregates)
    rows = [
        {"code": kind.value, "label": kind.label, "counts": [counts[f"{kind.value}_{d}"] for d in COUNT_WINDOWS]}
        for kind in VisitKind
    ]
    return {
        "windows": COUNT_WINDOWS,
        "rows": rows,
        "absent": [counts[f"ABSENT_{d}"] for d in COUNT_WINDOWS],
        "meetings": [sum(counts[f"{k.value}_{d}"] for k in MEETING_KINDS) for d in COUNT_WINDOWS],
    }


# --------------------------------------------------------------------------
# Timeline


@dataclass(frozen=True)
class TimelineSource:
    """One kind of dated record shown on the tenant timeline.

    Apps register their own in AppConfig.ready() (housing adds moves):

        from tenants.visits.selectors import TimelineSource, register_timeline_source
        register_timeline_source(TimelineSource(
            key="move", template="housing/timeline_move.html", cap=HOUSING_VIEW,
            queryset=lambda tenant, user: moves_for_tenant(tenant)))

    * `queryset(tenant, user)` returns the tenant's rows that the user may
      see, with the select_related/prefetch its template needs; it must not
      be sliced or ordered in a way that matters (the timeline orders).
    * `date_field`: the model's date field; `time_field` an optional time.
    * `template` renders one entry with `item` (the object) and `entry`.
    * `cap`: capability needed on top of visit.view (None = none more).
    The timeline runs: one count, one query for the page's keys, then one
    query (plus prefetches) per source present on the page.
    """

    key: str
    template: str
    queryset: Callable[[Tenant, object], QuerySet]
    cap: str | None = None
    date_field: str = "date"
    time_field: str | None = None
    css: str = ""
    # The timeline's filter chip this source belongs to (`?kind=`), and its label.
    group: str = ""
    label: str = ""


# A smes.registry.Registry, like every contribution to a shared page; one
# source per key.
TIMELINE_SOURCES = Registry("tenants.timeline_sources", key=lambda s: s.key)
# (source key, filter) -> narrowing of that source's queryset, so that a
# source joins another source's filter: visits where RdR material was given
# show under "Matériel RdR".
TIMELINE_NARROWING: dict[tuple[str, str], Callable[[QuerySet], QuerySet]] = {}
# source key -> extra prefetches of the page's objects, each with the
# capability it needs: the RdR material given during a visit.
TIMELINE_PREFETCH: dict[str, list[tuple[str, str | None]]] = defaultdict(list)


def register_timeline_source(source: TimelineSource) -> None:
    TIMELINE_SOURCES.register(source)


def register_timeline_narrowing(source_key: str, group: str, narrow: Callable[[QuerySet], QuerySet]) -> None:
    TIMELINE_NARROWING[(source_key, group)] = narrow


def register_timeline_prefetch(source_key: str, lookup: str, cap: str | None = None) -> None:
    if (lookup, cap) not in TIMELINE_PREFETCH[source_key]:
        TIMELINE_PREFETCH[source_key].append((lookup, cap))


def _group(source: TimelineSource) -> str:
    return source.group or source.key


def timeline_filters(user) -> list[tuple[str, str]]:
    """The timeline's filter chips the user may use: (code, label)."""
    seen: dict[str, str] = {}
    for source in TIMELINE_SOURCES:
        if source.cap is None or has_cap(user, source.cap):
            seen.setdefault(_group(source), str(source.label or source.key))
    return list(seen.items())


def _selected(tenant: Tenant, user, kind: str | None) -> list[tuple[TimelineSource, QuerySet]]:
    """The sources shown (all, or those of the `kind` filter) with their querysets."""
    visible = [s for s in TIMELINE_SOURCES if s.cap is None or has_cap(user, s.cap)]
    if not kind or kind not in {_group(s) for s in visible}:
        return [(s, s.queryset(tenant, user)) for s in visible]
    chosen = []
    for s in visible:
        if _group(s) == kind:
            chosen.append((s, s.queryset(tenant, user)))
        elif (s.key, kind) in TIMELINE_NARROWING:
            chosen.append((s, TIMELINE_NARROWING[(s.key, kind)](s.queryset(tenant, user))))
    return chosen


def _keys(source: TimelineSource, qs: QuerySet) -> QuerySet:
    midnight = Value(dt.time(0, 0), output_field=TimeField())
    time = Coalesce(F(source.time_field), midnight) if source.time_field else midnight
    return (
        qs.order_by()
        .prefetch_related(None)
        .annotate(
            tl_date=F(source.date_field),
            tl_time=time,
            tl_src=Value(source.key, output_field=CharField()),
            tl_id=F("pk"),
        )
        .values_list("tl_date", "tl_time", "tl_src", "tl_id")
    )


@dataclass
class TimelineEntry:
    date: dt.date
    source: TimelineSource
    item: object
    first_of_year: bool = False


@dataclass
class TimelineYear:
    year: int
    count: int
    page: int


def timeline_years(selected, per_page: int) -> list[TimelineYear]:
    """Years with entries, newest first, each with the page its newest entry
    is on: one query (the per-source counts by year, united)."""
    parts = [
        qs.order_by()
        .prefetch_related(None)
        .annotate(tl_year=ExtractYear(source.date_field))
        .values("tl_year")
        .annotate(n=Count("pk"))
        .values_list("tl_year", "n")
        for source, qs in selected
    ]
    counts: dict[int, int] = defaultdict(int)
    for year, n in parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]:
        counts[year] += n
    years, before = [], 0
    for year in sorted(counts, reverse=True):
        years.append(TimelineYear(year=year, count=counts[year], page=before // per_page + 1))
        before += counts[year]
    return years


def timeline_page(
    tenant: Tenant, user, page_number, per_page: int = 20, kind: str | None = None
) -> tuple[Page, list[TimelineEntry], list[TimelineYear]]:
    """One page of the merged, newest-first timeline of a tenant (of one
    kind of entries with `kind`), and the years to jump to."""
    require_cap(user, VISIT_VIEW)
    selected = _selected(tenant, user, kind)
    parts = [_keys(s, qs) for s, qs in selected]
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    union = union.order_by("-tl_date", "-tl_time", "-tl_src", "-tl_id")
    page = Paginator(union, per_page).get_page(page_number)
    keys = list(page.object_list)
    wanted: dict[str, list[int]] = defaultdict(list)
    for _date, _time, src, pk in keys:
        wanted[src].append(pk)
    by_key = {s.key: s for s, _qs in selected}
    objects = {}
    for src, ids in wanted.items():
        source = by_key[src]
        qs = source.queryset(tenant, user).filter(pk__in=ids)
        extra = [lookup for lookup, cap in TIMELINE_PREFETCH.get(src, []) if cap is None or has_cap(user, cap)]
        if extra:
            qs = qs.prefetch_related(*extra)
        for obj in qs:
            objects[(src, obj.pk)] = obj
    entries = []
    last_year = None
    for date, _time, src, pk in keys:
        item = objects.get((src, pk))
        if item is not None:
            if src == "visit":
                item.editable = can_edit_visit(user, item)
            entries.append(
                TimelineEntry(date=date, source=by_key[src], item=item, first_of_year=date.year != last_year)
            )
            last_year = date.year
    return page, entries, timeline_years(selected, per_page)


def _tenant_visits(tenant: Tenant, user) -> QuerySet:
    return visits_for(user).filter(tenant=tenant)


def _tenant_gaf(tenant: Tenant, user) -> QuerySet:
    return GafScore.objects.filter(tenant=tenant).select_related("scored_by")


def _tenant_reviews(tenant: Tenant, user) -> QuerySet:
    return Assessment.objects.filter(tenant=tenant).select_related("assessed_by")


register_timeline_source(
    TimelineSource(
        key="visit",
        template="tenants/visits/tl_visit.html",
        queryset=_tenant_visits,
        time_field="time",
        css="t-visit",
        label=_("Contacts"),
    )
)
register_timeline_source(
    TimelineSource(
        key="gaf",
        template="tenants/visits/tl_gaf.html",
        queryset=_tenant_gaf,
        cap=CLINICAL_VIEW,
        css="t-gaf",
        label=_("EGF"),
    )
)
register_timeline_source(
    TimelineSource(
        key="review",
        template="tenants/visits/tl_review.html",
        queryset=_tenant_reviews,
        cap=CLINICAL_VIEW,
        css="t-review",
        label=_("Bilans"),
    )
)
