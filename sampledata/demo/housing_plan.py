"""Who lived where: partners, dwellings, stays, then moves and leases.

On 1 January 2025 the 62 tenants housed that day occupy exactly the 57
dwellings the 2025 report lists per partner (five couples share a flat).
Everything that enters during 2025 (five new tenants, three transfers) goes
into a flat another tenant left earlier that year, so each partner's count
of dwellings occupied in 2025 is the published one. The earlier and later
history is drawn around those fixed stays by a small interval allocator.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sampledata.rand import rand_date
from sampledata.vocabulary import BRUXELLES_DISTRICTS, NURSING_HOMES, STREETS

from . import people as P
from .people import Person

D = dt.date
LAST_D0 = D(2024, 12, 15)  # latest start of a stay still running on 1 Jan 2025
MOL, SJ, BXL = "Molenbeek-Saint-Jean", "Saint-Josse-ten-Noode", "Bruxelles"


@dataclass(frozen=True)
class PartnerSpec:
    key: str
    name: str
    kind: str
    via: str
    since: int
    n2025: int  # dwellings occupied by the tenants of 2025 (report)
    communes: tuple[str, ...]  # of those dwellings; "Haren" etc. are districts of Bruxelles


PARTNERS = [
    PartnerSpec("FS", "Foyer Schaerbeekois", "SISP", "", 2013, 8, ("Schaerbeek",) * 8),
    PartnerSpec("LM", "Logement Molenbeekois", "SISP", "", 2014, 1, (MOL,)),
    PartnerSpec("FA", "Foyer Anderlechtois", "SISP", "Bru4Home", 2020, 2, ("Anderlecht",) * 2),
    PartnerSpec("AC", "AIS Anderlecht-Cureghem", "AIS", "", 2015, 1, ("Anderlecht",)),
    PartnerSpec("AF", "AIS de Forest", "AIS", "", 2016, 1, ("Forest",)),
    PartnerSpec(
        "MA", "MAIS (AIS de Molenbeek)", "AIS", "", 2013, 5, (MOL, MOL, MOL, "Koekelberg", "Berchem-Sainte-Agathe")
    ),
    PartnerSpec("AG", "AIS de Saint-Gilles", "AIS", "", 2014, 1, ("Saint-Gilles",)),
    PartnerSpec("AJ", "AIS de Saint-Josse", "AIS", "", 2013, 4, (SJ,) * 4),
    PartnerSpec("DE", "AIS Delta", "AIS", "CCL", 2019, 1, ("Auderghem",)),
    PartnerSpec("AU", "AIS d'Uccle", "AIS", "CCL", 2017, 3, ("Uccle",) * 3),
    PartnerSpec("BA", "AIS BAITA", "AIS", "CCL", 2019, 1, (BXL,)),
    PartnerSpec("LT", "AIS Logement pour Tous", "AIS", "CCL", 2019, 2, ("Ixelles", "Etterbeek")),
    PartnerSpec("RE", "AIS Le Relais", "AIS", "Bru4Home", 2020, 1, ("Jette",)),
    PartnerSpec(
        "CW", "CPAS de Woluwe-Saint-Lambert / Habitation Moderne", "CPAS", "", 2016, 2, ("Woluwe-Saint-Lambert",) * 2
    ),
    PartnerSpec(
        "FL", "Fonds du logement", "HOUSING_FUND", "", 2014, 4, ("Jette", "Ganshoren", "Evere", "Berchem-Sainte-Agathe")
    ),
    PartnerSpec("IP", "ISSUE / 3 Pommiers", "TEMPORARY_OCCUPATION", "ISSUE", 2019, 2, ("Neder-Over-Heembeek",) * 2),
    PartnerSpec("ID", "ISSUE / Dubruck", "TEMPORARY_OCCUPATION", "ISSUE", 2020, 1, ("Haren",)),
    PartnerSpec("IL", "ISSUE / Log'Iris", "TEMPORARY_OCCUPATION", "ISSUE", 2020, 2, (BXL, "Evere")),
    PartnerSpec("EV", "Everecity / Sorocité", "TEMPORARY_OCCUPATION", "", 2021, 6, ("Evere",) * 6),
    PartnerSpec("EH", "EHPAD et maisons de repos", "NURSING_HOME", "Senior Montessori", 2021, 9, ()),
    # Landlords of earlier years only.
    PartnerSpec("PR", "Propriétaires privés", "PRIVATE", "", 2013, 0, ()),
    PartnerSpec("CB", "CPAS de Bruxelles (logements de transit)", "CPAS", "", 2013, 0, ()),
]
BY_KEY = {s.key: s for s in PARTNERS}
COUPLE_PARTNERS = ["FS", "MA", "FL", "EV", "AJ"]
# Nursing-home rooms: (home, commune) for the nine of 2025.
EHPAD_ROOMS = [NURSING_HOMES[i] for i in (0, 0, 1, 1, 2, 2, 3, 4, 5)]
EXTRA_COMMUNES = {  # where a partner's other (earlier) flats are
    "PR": ["Woluwe-Saint-Pierre", "Ixelles", "Schaerbeek", "Saint-Gilles", "Anderlecht", "Forest", BXL],
    "CB": [BXL, "Laeken"],
}
PARTNER_WEIGHT = {
    "SISP": 3.0,
    "AIS": 2.2,
    "HOUSING_FUND": 2.0,
    "CPAS": 1.2,
    "TEMPORARY_OCCUPATION": 1.5,
    "PRIVATE": 2.0,
}


@dataclass
class Dwelling:
    code: str
    partner: str
    commune: str
    postcode: str
    address: str
    capacity: int = 1
    notes: str = ""
    in_2025: bool = False
    intervals: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    pk: int | None = None

    def free(self, start: dt.date, end: dt.date | None) -> bool:
        far = D(9999, 1, 1)
        end = end or far
        overlapping = [(s, e or far) for s, e in self.intervals if s < end and start < (e or far)]
        if self.capacity == 1:
            return not overlapping
        # Capacity 2: no day of [start, end) may already hold two people.
        points = sorted({start, *[s for s, _ in overlapping if s > start]})
        return all(sum(1 for s, e in overlapping if s <= d < e) < self.capacity for d in points)


@dataclass
class Stay:
    person: Person
    start: dt.date
    end: dt.date | None  # exclusive
    exit_to: str = ""  # how the stay ends when nothing follows at once
    dwelling: Dwelling | None = None
    lease_kind: str = ""


class Housing:
    def __init__(self, rng: random.Random, people: list[Person], today: dt.date):
        self.rng, self.people, self.today = rng, people, today
        self.rows = P.rows_of(people)
        self.dwellings: list[Dwelling] = []
        self.by_partner: dict[str, list[Dwelling]] = {s.key: [] for s in PARTNERS}
        self.stays: list[Stay] = []
        self._numbers: dict[str, int] = {}

    # --- dwellings -----------------------------------------------------
    def _new_dwelling(self, partner: str, commune: str, *, in_2025: bool = False, home: str = "") -> Dwelling:
        n = self._numbers[partner] = self._numbers.get(partner, 0) + 1
        if commune in BRUXELLES_DISTRICTS:
            postcode, streets = BRUXELLES_DISTRICTS[commune]
            commune = BXL
        else:
            postcode, streets = STREETS[commune]
        if home:
            address = (
                f"{home}, {self.rng.choice(streets)} {self.rng.randint(2, 180)}, chambre {self.rng.randint(101, 340)}"
            )
        else:
            box = f", bte {self.rng.randint(1, 12)}" if self.rng.random() < 0.5 else ""
            address = f"{self.rng.choice(streets)} {self.rng.randint(1, 240)}{box}"
        d = Dwelling(f"{partner}-{n:02d}", partner, commune, postcode, address, in_2025=in_2025)
        self.dwellings.append(d)
        self.by_partner[partner].append(d)
        return d

    def _dwellings_2025(self) -> list[Dwelling]:
        out = []
        for spec in PARTNERS:
            if spec.key == "EH":
                out += [self._new_dwelling("EH", c, in_2025=True, home=h) for h, c in EHPAD_ROOMS]
            else:
                out += [self._new_dwelling(spec.key, c, in_2025=True) for c in spec.communes]
        for key in COUPLE_PARTNERS:
            flat = self.by_partner[key][0]
            flat.capacity = 2
            flat.notes = "Logement occupé par un couple."
        return out

    def _reserve(self, stay: Stay, dwelling: Dwelling) -> None:
        if not dwelling.free(stay.start, stay.end):
            raise ValueError(f"{dwelling.code} is not free for {stay.person.code} {stay.start}–{stay.end}")
        dwelling.intervals.append((stay.start, stay.end))
        stay.dwelling = dwelling

    def _allocate(self, stay: Stay) -> None:
        """A dwelling for a stay outside the fixed 2025 picture: reuse one free, or open a new one."""
        age = stay.person.age_on(stay.start)
        specs = [
            s
            for s in PARTNERS
            if s.since <= stay.start.year and (s.kind != "NURSING_HOME" or age >= 62) and s.key not in ("EH",)
        ]
        weights = [
            PARTNER_WEIGHT.get(s.kind, 1.0) * (2.5 if s.kind == "PRIVATE" and stay.start.year < 2019 else 1.0)
            for s in specs
        ]
        spec = self.rng.choices(specs, weights=weights)[0]
        # Flats of 2025 are fine before or after 2025 if free; prefer reusing flats.
        candidates = [d for d in self.by_partner[spec.key] if d.free(stay.start, stay.end)]
        if candidates and self.rng.random() < 0.9:
            dwelling = self.rng.choice(candidates)
        else:
            communes = EXTRA_COMMUNES.get(spec.key) or list(spec.communes)
            dwelling = self._new_dwelling(spec.key, self.rng.choice(communes))
        self._reserve(stay, dwelling)

    # --- stays ----------------------------------------------------------
    def _fill(self, p: Person, first: dt.date, until: dt.date) -> list[Stay]:
        """Stays covering [first, until): transfers, or an exit and a return later."""
        span = (until - first).days
        pieces = 1 if span < 700 else self.rng.choice([1, 1, 2, 2, 3])
        pieces = min(pieces, max(1, span // 240))
        cuts = sorted(self.rng.sample(range(120, span - 119), pieces - 1)) if pieces > 1 else []
        bounds = [first, *[first + dt.timedelta(days=c) for c in cuts], until]
        stays = [Stay(p, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
        for s in stays[:-1]:
            length = (s.end - s.start).days
            if self.rng.random() < 0.4 and length > 150:
                s.end = s.end - dt.timedelta(days=self.rng.randint(30, min(240, length - 90)))
                s.exit_to = self.rng.choice(["STREET", "STREET", "INSTITUTION"])
        return stays

    def build(self) -> None:
        rng, rows = self.rng, self.rows
        fixed_2025 = self._dwellings_2025()
        unhoused = P.UNHOUSED_EXIT_2024 | P.UNHOUSED_EARLIER
        housed_2025 = [r for r in sorted(rows) if r not in P.ENTRY_2025 and r not in P.AWAIT_2025 and r not in unhoused]
        assert len(housed_2025) == 62, len(housed_2025)
        # Who lives in which 2025 flat on 1 January.
        couple_flats = [self.by_partner[k][0] for k in COUPLE_PARTNERS]
        ehpad = [d for d in fixed_2025 if d.partner == "EH"]
        single = [d for d in fixed_2025 if d not in couple_flats and d not in ehpad]
        home_of: dict[int, Dwelling] = {}
        for (m, f), flat in zip(P.COUPLES, couple_flats, strict=True):
            home_of[m] = home_of[f] = flat
        for r, room in zip(sorted(P.NURSING_HOME_ROWS), ehpad, strict=True):
            home_of[r] = room
        rest = [r for r in housed_2025 if r not in home_of]
        rng.shuffle(single)
        home_of.update(zip(rest, single, strict=True))

        final_start: dict[int, dt.date] = {}
        for m, f in P.COUPLES:  # a couple moves in together
            final_start[m] = final_start[f] = self._d0(rows[m], home_of[m])
        for r in housed_2025:
            if r not in final_start:
                final_start[r] = self._d0(rows[r], home_of[r])

        vacated: list[tuple[dt.date, Dwelling]] = []
        others: list[Stay] = []  # allocated once the fixed 2025 picture is reserved
        for r in housed_2025:
            p, d0, flat = rows[r], final_start[r], home_of[r]
            first = min(d0, self._first_entry(p))
            history = self._fill(p, first, d0) if (d0 - first).days >= 240 else []
            if history and rng.random() < 0.3:  # came back from the street into this flat
                last = history[-1]
                length = (last.end - last.start).days
                if length > 150:
                    last.end -= dt.timedelta(days=rng.randint(30, min(200, length - 90)))
                    last.exit_to = rng.choice(["STREET", "INSTITUTION"])
            final = Stay(p, d0, None)
            if r in P.DEATH_2025:
                final.end, final.exit_to = P.DEATH_2025[r], "DEATH"
            elif r in P.EXIT_2025:
                final.end, final.exit_to = P.EXIT_2025[r]
            elif r in P.TRANSFER_2025:
                final.end = P.TRANSFER_2025[r]
            elif r in P.MOVES_2026 and P.MOVES_2026[r][0] < self.today:
                final.end, final.exit_to = P.MOVES_2026[r]
                if not final.exit_to:
                    others.append(Stay(p, final.end, None))
            self._reserve(final, flat)
            self.stays.append(final)
            others += history
            if final.end and final.end.year == 2025 and flat.partner != "EH":
                vacated.append((final.end, flat))
        # 2025 arrivals take a flat left earlier in the year.
        arrivals = sorted(
            [(d, rows[r]) for r, d in P.ENTRY_2025.items()] + [(d, rows[r]) for r, d in P.TRANSFER_2025.items()],
            key=lambda t: t[0],
        )
        taken: set[str] = set()
        for day, p in arrivals:
            free = [f for left, f in vacated if left + dt.timedelta(days=14) <= day and f.code not in taken]
            flat = rng.choice(free)
            taken.add(flat.code)
            stay = Stay(p, day, None)
            self._reserve(stay, flat)
            self.stays.append(stay)

        for r in sorted(rows):
            p = rows[r]
            if r in unhoused:
                first = self._first_entry(p)
                if r in P.UNHOUSED_EXIT_2024:
                    leave = rand_date(rng, max(D(2024, 1, 15), first + dt.timedelta(days=200)), D(2024, 12, 10))
                else:
                    leave = rand_date(rng, first + dt.timedelta(days=200), D(2023, 12, 15))
                history = self._fill(p, first, leave)
                history[-1].exit_to = rng.choice(["STREET", "STREET", "INSTITUTION"])
                others += history
            day = P.AWAIT_2025.get(r) or P.RETURNS_2026.get(r)
            if day and day < self.today:
                others.append(Stay(p, day, None))
        for p in self.people:
            if p.row is None and p.start.year <= 2024:
                others += self._ended_history(p)
            elif p.row is None:  # started after 2025
                entry = p.start + dt.timedelta(days=rng.randint(40, 90))
                if entry < self.today:
                    others.append(Stay(p, entry, None))
        for stay in sorted(others, key=lambda s: s.start):
            self._allocate(stay)
        self.stays += others
        self.stays.sort(key=lambda s: (s.person.key, s.start))
        for d in self.dwellings:  # flats nobody has lived in for a year went back to the landlord
            ends = [e for _, e in d.intervals]
            if ends and None not in ends and max(ends) < self.today - dt.timedelta(days=365):
                d.notes = f"Rendu au bailleur en {max(ends):%m/%Y}."
        self._index = {}
        for s in self.stays:
            self._index.setdefault(s.person.key, []).append(s)

    def _first_entry(self, p: Person) -> dt.date:
        if "first_entry" not in p.extra:
            p.extra["first_entry"] = p.start + dt.timedelta(days=self.rng.randint(21, 170))
        return p.extra["first_entry"]

    def _d0(self, p: Person, flat: Dwelling) -> dt.date:
        """When the tenant moved into the flat they hold on 1 January 2025."""
        since = D(BY_KEY[flat.partner].since, 3, 1)
        first = self._first_entry(p)
        lo = max(first, since)
        if lo > LAST_D0:
            raise ValueError(f"{p.code} cannot be housed in {flat.code} by 2025")
        if lo == first and (self.rng.random() < 0.45 or (LAST_D0 - first).days < 300):
            return first
        if (lo - first).days < 240:
            return lo
        return rand_date(self.rng, max(lo, first + dt.timedelta(days=240)), LAST_D0)

    def _ended_history(self, p: Person) -> list[Stay]:
        first = self._first_entry(p)
        if p.end_reason == "DECEASED" or (p.end_reason == "OTHER" and p.end.year < 2024):
            history = self._fill(p, first, p.end)
            history[-1].exit_to = "DEATH" if p.end_reason == "DECEASED" else "OTHER"
            return history
        # Still living there when the follow-up ends: the flat stays theirs.
        keep = rand_date(self.rng, first, max(first, p.end - dt.timedelta(days=200)))
        history = self._fill(p, first, keep) if (keep - first).days >= 240 else []
        return [*history, Stay(p, keep, None)]

    def stays_of(self, p: Person) -> list[Stay]:
        return self._index.get(p.key, [])

    def housed_on(self, p: Person, day: dt.date) -> Stay | None:
        for s in self._index.get(p.key, []):
            if s.start <= day and (s.end is None or day < s.end):
                return s
        return None

    # --- leases --------------------------------------------------------
    def leases(self) -> list[dict]:
        """One lease per stay (sometimes a transit or sliding lease first)."""
        rng, year_end, today = self.rng, D(2025, 12, 31), self.today
        # Seven "baux glissants" running at the end of 2025 (the Smes holds the main lease).
        running = [
            s
            for s in self.stays
            if s.person.row
            and s.start <= year_end
            and (s.end is None or s.end > year_end)
            and (s.person.end is None or s.person.end > year_end)
            and BY_KEY[s.dwelling.partner].kind in ("AIS", "SISP", "HOUSING_FUND")
            and s.dwelling.capacity == 1
        ]
        sliding = set(map(id, rng.sample(running, 7)))
        out = []
        for s in self.stays:
            kind = BY_KEY[s.dwelling.partner].kind
            last = s.end - dt.timedelta(days=1) if s.end else None
            p = s.person
            if last is None and p.end and p.end_reason != "DECEASED":
                # Follow-up over, tenant still there: the project stops managing the lease.
                last = p.end
            rent, charges = _rent(rng, kind)
            base = {"stay": s, "rent": rent, "charges": charges}
            turn = s.start + dt.timedelta(days=rng.randint(300, 420))
            # A running convention has a planned end, a few weeks to a year ahead.
            planned_end = today + dt.timedelta(days=rng.randint(20, 240))
            if id(s) in sliding:
                out.append(base | {"kind": "SLIDING", "start": s.start, "end": last})
            elif kind == "AIS" and (s.start.year >= 2024 or rng.random() < 0.35) and (last is None or turn < last):
                # AIS ask more and more for a transit convention first.
                if last is None and turn > today:
                    out.append(base | {"kind": "TRANSIT", "start": s.start, "end": planned_end})
                else:
                    out.append(base | {"kind": "TRANSIT", "start": s.start, "end": turn - dt.timedelta(days=1)})
                    out.append(base | {"kind": "STANDARD", "start": turn, "end": last})
            elif kind == "TEMPORARY_OCCUPATION":
                out.append(base | {"kind": "PRECARIOUS", "start": s.start, "end": last or planned_end})
            elif kind == "NURSING_HOME":
                out.append(base | {"kind": "NURSING_HOME", "start": s.start, "end": last})
            elif kind in ("SISP", "PRIVATE") and s.start.year < 2020 and rng.random() < 0.25:
                # A sliding lease that has since slid to the tenant's name.
                slide = s.start + dt.timedelta(days=rng.randint(500, 1100))
                if last is None or slide < last:
                    out.append(base | {"kind": "SLIDING", "start": s.start, "end": slide - dt.timedelta(days=1)})
                    out.append(base | {"kind": "STANDARD", "start": slide, "end": last})
                else:
                    out.append(base | {"kind": "STANDARD", "start": s.start, "end": last})
            else:
                out.append(base | {"kind": "STANDARD", "start": s.start, "end": last})
        return out

    def moves(self) -> list[dict]:
        """Moves derived from the stays of each person."""
        out = []
        for stays in self._index.values():
            for i, s in enumerate(stays):
                prev = stays[i - 1] if i else None
                kind = "TRANSFER" if prev is not None and prev.end == s.start else "ENTRY"
                out.append({"person": s.person, "date": s.start, "kind": kind, "dwelling": s.dwelling, "exit_to": ""})
                nxt = stays[i + 1] if i + 1 < len(stays) else None
                if s.end is not None and (nxt is None or nxt.start != s.end):
                    out.append(
                        {
                            "person": s.person,
                            "date": s.end,
                            "kind": "EXIT",
                            "dwelling": None,
                            "exit_to": s.exit_to or "OTHER",
                        }
                    )
        return out


def _rent(rng: random.Random, kind: str) -> tuple[int, int]:
    lo, hi, ch = {
        "SISP": (260, 420, 60),
        "AIS": (450, 650, 70),
        "HOUSING_FUND": (420, 580, 60),
        "CPAS": (330, 450, 50),
        "TEMPORARY_OCCUPATION": (150, 280, 40),
        "NURSING_HOME": (1550, 1850, 0),
        "PRIVATE": (580, 780, 80),
    }.get(kind, (400, 600, 60))
    return 5 * (rng.randint(lo, hi) // 5), (5 * (rng.randint(ch // 2, ch * 2) // 5) if ch else 0)
