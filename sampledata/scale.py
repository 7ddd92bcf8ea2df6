"""Deterministic synthetic records at scale S.

S = 1 is the team's volume: 100 tenants over ten years ending with
`last_year`, about 45,000 contacts, their housing history (partners,
dwellings, leases, moves and the derived stays), yearly reviews, GAF scores,
incomes and the harm-reduction stock (receipts, distributions during
visits, inventory adjustments). S = 100 is a federation: 10,000 tenants,
about 4.5 million contacts, 1,000 support workers.

Every tenant draws from its own random stream (seeded by the seed and its
number), so a tenant's records do not depend on the scale or on the order
of writing. Everything is synthetic: names come from short fixed lists.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User

from harmreduction.models import Item, Movement, Operation
from harmreduction.services import stock_rebuild
from housing.models import Commune, Dwelling, Lease, Move, Partner, Stay
from sampledata import bulk
from sampledata.vocabulary import (
    DURATION,
    END_REASON,
    EXIT_TO,
    FUNDING,
    INCOME,
    LEASE_KIND,
    MOTIVE_INDEX,
    POSTCODES,
    SCALE_FIRST_NAMES,
    SCALE_LAST_NAMES,
    SCALE_PARTNERS,
    SCALE_REFERRERS,
    SCALE_STREETS,
    SEX,
    VISIT_KIND,
    VISIT_STATUS,
)
from smes.roles import HOUSING, SUPPORT
from tenants.models import MOTIVE_FIELDS, PRODUCT_FIELDS, Assessment, GafScore, Income, Tenant, Visit

CONTACTS_PER_SCALE = 45_000
TENANTS_PER_SCALE = 100
SUPPORT_WORKERS_PER_SCALE = 10
HOUSING_WORKERS_PER_SCALE = 2
YEARS = 10
DEFAULT_LAST_YEAR = 2025
DEFAULT_SEED = 8

COMMUNES = [c.value for c in Commune]
MOTIVE_ATTRS = list(MOTIVE_FIELDS.values())
PRODUCT_ATTRS = list(PRODUCT_FIELDS.values())

PASSWORD_UNUSABLE = make_password(None)
# Strings, not datetime.time: both COPY and SQLite take them as they are.
TIMES = [f"{h:02d}:00:00" for h in range(9, 18)]


@dataclass
class Plan:
    scale: float
    seed: int = DEFAULT_SEED
    last_year: int = DEFAULT_LAST_YEAR

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.last_year - YEARS + 1, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.last_year, 12, 31)

    @property
    def n_tenants(self) -> int:
        return max(1, round(TENANTS_PER_SCALE * self.scale))

    @property
    def n_support(self) -> int:
        return max(2, round(SUPPORT_WORKERS_PER_SCALE * self.scale))

    @property
    def n_housing(self) -> int:
        return max(1, round(HOUSING_WORKERS_PER_SCALE * self.scale))

    @property
    def n_partners(self) -> int:
        return len(SCALE_PARTNERS) + round(self.scale) - 1 if self.scale > 1 else len(SCALE_PARTNERS)


@dataclass
class Person:
    """One tenant's life in the data set, drawn before anything is written."""

    index: int
    rng: random.Random
    start: dt.date
    end: dt.date | None
    end_reason: str
    intensity: float
    uses_products: bool

    def days_in_window(self, plan: Plan) -> int:
        last = min(self.end or plan.last_day, plan.last_day)
        return (last - self.start).days + 1


@dataclass
class Followed:
    """A tenant once written: what its contacts need."""

    person: Person
    pk: int
    last_day: dt.date
    w1: int
    w2: int


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    tenant_ids: list[int] = field(default_factory=list)
    broken_foreign_keys: dict[str, int] | None = None  # None: the database checked them while loading
    fk_check_seconds: float = 0.0
    support_usernames: list[str] = field(default_factory=list)


def tenant_code(index: int) -> str:
    return f"HF-{index:05d}"


def draw_person(plan: Plan, index: int) -> Person:
    rng = random.Random(f"smes-bench-{plan.seed}-{index}")
    span = (plan.last_day - plan.first_day).days
    # A cohort at the start of the window, then a steady inflow, the last
    # entries two months before the end of the last year.
    if rng.random() < 0.7:
        offset = rng.randrange(365)
    else:
        offset = rng.randrange(365, span - 60)
    start = plan.first_day + dt.timedelta(days=offset)
    end, reason = None, ""
    remaining = (plan.last_day - start).days
    if rng.random() < 0.25 and remaining > 200:
        end = start + dt.timedelta(days=rng.randrange(180, remaining))
        reason = END_REASON.pick(rng)
    return Person(index, rng, start, end, reason, 0.6 + rng.random() * 0.8, rng.random() < 0.45)


class Generator:
    def __init__(self, plan: Plan, *, chunk_rows: int = 200_000, check_fks: bool = False, log=print):
        self.plan = plan
        self.log = log
        self.sink = bulk.Sink(chunk_rows, unchecked_fks=not check_fks)
        s = self.sink
        self.t_user = s.table(
            User,
            ["id", "username", "first_name", "last_name", "password", "is_active", "is_staff", "is_superuser", "email"],
        )
        self.t_user_groups = s.table(User.groups.through, ["user_id", "group_id"])
        self.t_partner = s.table(Partner, ["id", "name", "kind", "via", "notes"])
        self.t_dwelling = s.table(
            Dwelling, ["id", "code", "partner_id", "address", "postcode", "commune", "capacity", "notes"]
        )
        self.t_tenant = s.table(
            Tenant,
            [
                "id",
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
                "followup_end",
                "end_reason",
            ],
        )
        self.t_income = s.table(Income, ["tenant_id", "source", "start", "end"])
        self.t_assessment = s.table(
            Assessment,
            [
                "tenant_id",
                "date",
                "depression",
                "paranoia",
                "hallucinations",
                "aggression",
                "cognitive",
                *PRODUCT_ATTRS,
                "crack_inhalation",
                "injection",
                "overdose",
                "assessed_by_id",
            ],
        )
        self.t_gaf = s.table(GafScore, ["tenant_id", "date", "score", "scored_by_id"])
        self.t_lease = s.table(Lease, ["dwelling_id", "tenant_id", "kind", "start", "end", "rent", "charges"])
        self.t_move = s.table(Move, ["id", "tenant_id", "date", "kind", "dwelling_id", "exit_to", "note"])
        self.t_stay = s.table(Stay, ["tenant_id", "dwelling_id", "start", "end", "move_in_id"])
        self.t_visit = s.table(
            Visit,
            [
                "id",
                "tenant_id",
                "date",
                "time",
                "kind",
                "status",
                "duration_min",
                "travel_min",
                *MOTIVE_ATTRS,
                "note",
                "created_by_id",
            ],
        )
        self.t_visit_workers = s.table(Visit.workers.through, ["visit_id", "user_id"])
        self.t_operation = s.table(Operation, ["id", "kind", "date", "worker_id", "tenant_id", "visit_id", "reference"])
        self.t_movement = s.table(
            Movement,
            ["date", "item_id", "kind", "quantity", "operation_id", "tenant_id", "visit_id", "worker_id", "reference"],
        )
        self.ids = {model: bulk.next_id(model) for model in (User, Partner, Dwelling, Tenant, Move, Visit, Operation)}
        # distributed[(year, month)][item_id] = units, for the receipts.
        self.distributed: dict[tuple[int, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.balance: dict[int, int] = defaultdict(int)
        self.stock_rng = random.Random(f"smes-bench-stock-{plan.seed}")

    def _id(self, model) -> int:
        value = self.ids[model]
        self.ids[model] = value + 1
        return value

    # -- reference rows --------------------------------------------------------
    def users(self) -> tuple[list[int], list[int], list[str]]:
        groups = {g.name: g.pk for g in Group.objects.filter(name__in=[SUPPORT, HOUSING])}
        for name in (SUPPORT, HOUSING):
            if name not in groups:
                groups[name] = Group.objects.create(name=name).pk
        support, housing, names = [], [], []
        for role, count, out in ((SUPPORT, self.plan.n_support, support), (HOUSING, self.plan.n_housing, housing)):
            for n in range(1, count + 1):
                pk = self._id(User)
                username = f"bench-{role.lower()}-{n:04d}"
                first = SCALE_FIRST_NAMES[(n * 7) % len(SCALE_FIRST_NAMES)]
                last = SCALE_LAST_NAMES[(n * 11) % len(SCALE_LAST_NAMES)]
                self.sink.add(
                    self.t_user, (pk, username, first, f"{last} {n}", PASSWORD_UNUSABLE, True, False, False, "")
                )
                self.sink.add(self.t_user_groups, (pk, groups[role]))
                out.append(pk)
                if role == SUPPORT:
                    names.append(username)
        return support, housing, names

    def partners(self) -> list[int]:
        ids = []
        for n in range(self.plan.n_partners):
            name, kind = (
                SCALE_PARTNERS[n]
                if n < len(SCALE_PARTNERS)
                else (f"AIS Réseau {n - len(SCALE_PARTNERS) + 1:03d}", "AIS")
            )
            pk = self._id(Partner)
            self.sink.add(self.t_partner, (pk, name, kind, "Bru4Home" if n % 5 == 2 else "", ""))
            ids.append(pk)
        return ids

    # -- one tenant ------------------------------------------------------------
    def tenant(self, person: Person, workers: list[int], partners: list[int]) -> Followed:
        """The tenant's own rows, incomes, reviews and housing history; the
        contacts come later, month by month (see run())."""
        plan, rng, add = self.plan, person.rng, self.sink.add
        pk = self._id(Tenant)
        last_day = min(person.end or plan.last_day, plan.last_day)
        age = rng.randrange(25, 66)
        birth = person.start - dt.timedelta(days=age * 365 + rng.randrange(365))
        team = "ACT" if person.index % 2 else "ICM"
        add(
            self.t_tenant,
            (
                pk,
                tenant_code(person.index),
                SCALE_LAST_NAMES[rng.randrange(len(SCALE_LAST_NAMES))],
                SCALE_FIRST_NAMES[rng.randrange(len(SCALE_FIRST_NAMES))],
                SEX.pick(rng),
                birth,
                FUNDING.pick(rng),
                team,
                SCALE_REFERRERS[rng.randrange(len(SCALE_REFERRERS))],
                1 if rng.random() < 0.7 else 2,
                f"{rng.randrange(5, 200) / 10:.1f}",
                person.start,
                person.end,
                person.end_reason,
            ),
        )
        # The tenant's two referent workers, in the tenant's team's half.
        half = max(1, len(workers) // 2)
        base = 0 if team == "ACT" else len(workers) - half
        w1 = workers[base + rng.randrange(half)]
        w2 = workers[base + rng.randrange(half)]

        self._incomes(pk, person, last_day)
        self._reviews(pk, person, last_day, w1)
        self._housing(pk, person, last_day, partners)
        return Followed(person, pk, last_day, w1, w2)

    def _incomes(self, pk: int, person: Person, last_day: dt.date) -> None:
        rng = person.rng
        source = INCOME.pick(rng)
        days = (last_day - person.start).days
        if rng.random() < 0.4 and days > 60:
            change = person.start + dt.timedelta(days=rng.randrange(30, days))
            self.sink.add(self.t_income, (pk, source, person.start, change - dt.timedelta(days=1)))
            other = INCOME.pick(rng)
            self.sink.add(
                self.t_income, (pk, other if other != source else "DGPH" if source != "DGPH" else "RIS", change, None)
            )
        else:
            self.sink.add(self.t_income, (pk, source, person.start, None))

    def _reviews(self, pk: int, person: Person, last_day: dt.date, worker: int) -> None:
        rng, add = person.rng, self.sink.add
        day = person.start + dt.timedelta(days=30 + rng.randrange(30))
        score = rng.randrange(20, 56)
        while day + dt.timedelta(days=7) <= last_day:
            add(self.t_gaf, (pk, day, score, worker))
            n_products = rng.choice((0, 0, 1, 1, 1, 2, 2, 3)) if person.uses_products else 0
            products = set(rng.sample(range(len(PRODUCT_ATTRS)), n_products))
            add(
                self.t_assessment,
                (
                    pk,
                    day + dt.timedelta(days=7),
                    rng.random() < 0.45,
                    rng.random() < 0.35,
                    rng.random() < 0.2,
                    rng.random() < 0.15,
                    rng.random() < 0.25,
                    *(i in products for i in range(len(PRODUCT_ATTRS))),
                    person.uses_products and rng.random() < 0.3,
                    person.uses_products and rng.random() < 0.2,
                    person.uses_products and rng.random() < 0.05,
                    worker,
                ),
            )
            score = max(1, min(100, score + rng.randrange(-5, 11)))
            day += dt.timedelta(days=350 + rng.randrange(30))

    def _new_dwelling(self, rng: random.Random, partners: list[int]) -> int:
        pk = self._id(Dwelling)
        commune = COMMUNES[rng.randrange(len(COMMUNES))]
        self.sink.add(
            self.t_dwelling,
            (
                pk,
                f"D-{pk:06d}",
                partners[rng.randrange(len(partners))],
                f"{SCALE_STREETS[rng.randrange(len(SCALE_STREETS))]} {rng.randrange(1, 300)}",
                POSTCODES[commune],
                commune,
                1,
                "",
            ),
        )
        return pk

    def _housing(self, pk: int, person: Person, last_day: dt.date, partners: list[int]) -> None:
        """Moves (entry, transfers, exits, re-entries, exit at death) in one
        valid sequence, each stay in a dwelling of its own; leases and stays
        follow the moves."""
        rng = person.rng
        moves: list[tuple[int, dt.date, str, int | None, str]] = []
        day = person.start + dt.timedelta(days=rng.randrange(0, 120))
        housed = False
        if rng.random() < 0.92:
            while day <= last_day:
                if not housed:
                    moves.append((self._id(Move), day, "ENTRY", self._new_dwelling(rng, partners), ""))
                    housed = True
                    day += dt.timedelta(days=rng.randrange(200, 365 * 5))
                elif rng.random() < 0.6:
                    moves.append((self._id(Move), day, "TRANSFER", self._new_dwelling(rng, partners), ""))
                    day += dt.timedelta(days=rng.randrange(200, 365 * 5))
                else:
                    moves.append((self._id(Move), day, "EXIT", None, EXIT_TO.pick(rng)))
                    housed = False
                    if rng.random() < 0.3:
                        break
                    day += dt.timedelta(days=rng.randrange(30, 400))
        if person.end_reason == "DECEASED" and housed and moves[-1][1] < person.end and person.end <= last_day:
            moves.append((self._id(Move), person.end, "EXIT", None, "DEATH"))
        for i, (move_id, date, kind, dwelling, exit_to) in enumerate(moves):
            self.sink.add(self.t_move, (move_id, pk, date, kind, dwelling, exit_to, ""))
            if dwelling is None:
                continue
            until = moves[i + 1][1] if i + 1 < len(moves) else None
            self.sink.add(self.t_stay, (pk, dwelling, date, until, move_id))
            rent = rng.randrange(350, 750)
            self.sink.add(
                self.t_lease,
                (
                    dwelling,
                    pk,
                    LEASE_KIND.pick(rng),
                    date,
                    until - dt.timedelta(days=1) if until else None,
                    f"{rent}.00",
                    f"{rng.randrange(20, 150)}.00",
                ),
            )

    def _visits(self, f: Followed, first: dt.date, last: dt.date, per_day: float, items) -> None:
        """The tenant's contacts between `first` and `last` (inclusive)."""
        person = f.person
        rng, add = person.rng, self.sink.add
        first, last = max(first, person.start), min(last, f.last_day)
        if last < first:
            return
        span = (last - first).days + 1
        n = int(span * person.intensity * per_day + rng.random())
        t_visit, t_workers = self.t_visit, self.t_visit_workers
        pk, w1, w2 = f.pk, f.w1, f.w2
        start_ordinal = first.toordinal()
        fromordinal = dt.date.fromordinal
        n_motives = len(MOTIVE_ATTRS)
        for offset in sorted(rng.randrange(span) for _ in range(n)):
            day = fromordinal(start_ordinal + offset)
            kind = VISIT_KIND.pick(rng)
            status = VISIT_STATUS.pick(rng)
            low, high = DURATION[kind]
            motives = [False] * n_motives
            motives[MOTIVE_INDEX.pick(rng)] = True
            if rng.random() < 0.35:
                motives[MOTIVE_INDEX.pick(rng)] = True
            meeting = kind != "PHONE"
            visit_id = self._id(Visit)
            add(
                t_visit,
                (
                    visit_id,
                    pk,
                    day,
                    TIMES[rng.randrange(9)] if rng.random() < 0.6 else None,
                    kind,
                    status,
                    rng.randrange(low, high) if rng.random() < 0.9 else None,
                    rng.randrange(5, 60) if meeting and rng.random() < 0.85 else None,
                    *motives,
                    "",
                    w1,
                ),
            )
            add(t_workers, (visit_id, w1))
            if w2 != w1 and meeting and rng.random() < 0.4:
                add(t_workers, (visit_id, w2))
            if person.uses_products and status == "DONE" and kind in ("HOME", "EXTERNAL") and rng.random() < 0.2:
                self._distribution(pk, visit_id, day, w1, rng, items)

    def _distribution(self, tenant_id, visit_id, day, worker, rng, items) -> None:
        op = self._id(Operation)
        self.sink.add(self.t_operation, (op, "DISTRIBUTION", day, worker, tenant_id, visit_id, ""))
        month = self.distributed[(day.year, day.month)]
        for index in sorted(set(rng.randrange(len(items)) for _ in range(1 + rng.randrange(2)))):
            item_id = items[index][0]
            quantity = 1 + rng.randrange(10)
            month[item_id] += quantity
            self.sink.add(
                self.t_movement, (day, item_id, "DISTRIBUTION", quantity, op, tenant_id, visit_id, worker, "")
            )

    def receipt(self, op: int, year: int, month: int, items, manager: int) -> None:
        """The month's order, dated the 1st: the month's distributions plus
        a margin, so that no balance is ever below zero on any day; at the
        end of the year, an inventory correction (losses) within the margin."""
        rng, balance = self.stock_rng, self.balance
        day = dt.date(year, month, 1)
        self.sink.add(self.t_operation, (op, "RECEIPT", day, manager, None, None, "Modus Vivendi"))
        given = self.distributed.pop((year, month), {})
        for item_id, _code in items:
            quantity = given.get(item_id, 0) + 10 + rng.randrange(40 * max(1, round(self.plan.scale)))
            balance[item_id] += quantity - given.get(item_id, 0)
            self.sink.add(
                self.t_movement, (day, item_id, "RECEIPT", quantity, op, None, None, manager, "Modus Vivendi")
            )
        if month == 12:
            last = dt.date(year, 12, 31)
            adjustment = self._id(Operation)
            self.sink.add(self.t_operation, (adjustment, "ADJUSTMENT", last, manager, None, None, "Inventaire annuel"))
            for item_id, _code in items[:3]:
                loss = min(balance[item_id], 1 + rng.randrange(5))
                if loss:
                    balance[item_id] -= loss
                    self.sink.add(
                        self.t_movement,
                        (last, item_id, "ADJUSTMENT", -loss, adjustment, None, None, manager, "Inventaire annuel"),
                    )

    # -- the whole set ---------------------------------------------------------
    def run(self) -> Report:
        started = time.perf_counter()
        report = Report()
        plan = self.plan
        items = list(Item.objects.order_by("position", "code").values_list("pk", "code"))
        if not items:
            for n, (code, category) in enumerate(
                [("BD", "INJECTION"), ("KB", "INHALATION"), ("PAILLE", "SNIFF"), ("PRESERV", "STI_OTHER")]
            ):
                items.append((Item.objects.create(code=code, name=code, category=category, position=n).pk, code))
        support, housing, report.support_usernames = self.users()
        partners = self.partners()
        people = [draw_person(plan, i) for i in range(1, plan.n_tenants + 1)]
        weighted_days = sum(p.days_in_window(plan) * p.intensity for p in people)
        per_day = CONTACTS_PER_SCALE * plan.scale / weighted_days
        followed = [self.tenant(person, support, partners) for person in people]
        report.tenant_ids = [f.pk for f in followed]
        # Contacts month by month, every tenant's in turn: rows land in the
        # table roughly in date order, as they do when a team records them
        # day after day (a year's visits are neighbours on disk).
        year, month = plan.first_day.year, 1
        while year <= plan.last_year:
            first = dt.date(year, month, 1)
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            receipt = self._id(Operation)
            for f in followed:
                if f.person.start <= last and f.last_day >= first:
                    self._visits(f, first, last, per_day, items)
            self.receipt(receipt, year, month, items, housing[0])
            if month == 12:
                self.log(f"  {year}: {self.t_visit.written + len(self.t_visit.rows)} visits so far")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        self.sink.flush()
        models_written = [
            User,
            Partner,
            Dwelling,
            Tenant,
            Move,
            Visit,
            Operation,
            Income,
            Assessment,
            GafScore,
            Lease,
            Stay,
            Movement,
        ]
        bulk.reset_sequences(models_written + [User.groups.through, Visit.workers.through])
        stock_rebuild()  # the stock lines went in by COPY: recompute each item's kept balance
        report.counts = {t.model._meta.label: t.written for t in self.sink.tables}
        report.seconds = time.perf_counter() - started
        if self.sink.unchecked_fks:
            checked = time.perf_counter()
            report.broken_foreign_keys = bulk.verify_foreign_keys([t.model for t in self.sink.tables])
            report.fk_check_seconds = time.perf_counter() - checked
            if report.broken_foreign_keys:
                raise RuntimeError(f"sampledata: dangling foreign keys after the load: {report.broken_foreign_keys}")
        return report


def generate(plan: Plan, *, log=print, chunk_rows: int = 200_000, check_fks: bool = False) -> Report:
    return Generator(plan, chunk_rows=chunk_rows, check_fks=check_fks, log=log).run()


def check_stays(tenant_ids: list[int], sample: int = 50) -> dict:
    """Rebuild the stays of a sample of tenants with housing.services and
    compare with the bulk-computed rows (the rebuild's rows stay: they are
    the same intervals)."""
    from housing.services import stays_rebuild

    step = max(1, len(tenant_ids) // sample)
    chosen = tenant_ids[::step][:sample]

    def snapshot():
        return sorted(
            Stay.objects.filter(tenant_id__in=chosen).values_list(
                "tenant_id", "dwelling_id", "start", "end", "move_in_id"
            )
        )

    before = snapshot()
    stays_rebuild(chosen)
    after = snapshot()
    return {"tenants_checked": len(chosen), "stays_checked": len(before), "consistent": before == after}
