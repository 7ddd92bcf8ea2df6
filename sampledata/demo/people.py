"""The demo's locataires: who they are and when they were followed.

The 86 tenants of 2025 are the rows of the published GAF table, in its
order (follow-up start, code). Each row gets a role in the year's story
(stays housed, loses the flat, dies, moves, enters, waits) chosen once here,
so that every other part of the generator tells the same story.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from sampledata.rand import rand_date, top_k_flags, tune_mean
from sampledata.vocabulary import (
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    IMPORTANT_NOTES,
    LAST_NAMES,
    REFERRERS,
    TEAM_MEMBERS,
    TSI_REFERRER,
)
from smes.accounts import DEMO_ACCOUNTS

from . import targets as T

D = dt.date

# --- the story of 2025, by GAF row ---------------------------------------
DEATH_2025 = {35: D(2025, 2, 17), 57: D(2025, 6, 9), 71: D(2025, 9, 22)}
EXIT_2025 = {  # row -> (date, exit_to)
    2: (D(2025, 1, 27), "STREET"),
    37: (D(2025, 3, 14), "INSTITUTION"),  # then institutions, now in the street in a wheelchair
    15: (D(2025, 4, 7), "STREET"),
    48: (D(2025, 5, 5), "INSTITUTION"),
    25: (D(2025, 5, 26), "STREET"),
    77: (D(2025, 7, 1), "INSTITUTION"),
    42: (D(2025, 8, 18), "STREET"),
    78: (D(2025, 9, 29), "INSTITUTION"),
    72: (D(2025, 10, 20), "STREET"),
}
TRANSFER_2025 = {10: D(2025, 6, 16), 30: D(2025, 9, 8), 66: D(2025, 11, 3)}
ENTRY_2025 = {79: D(2025, 2, 24), 80: D(2025, 3, 31), 81: D(2025, 5, 19), 82: D(2025, 8, 25), 84: D(2025, 10, 6)}
AWAIT_2025 = {83: D(2026, 1, 19), 85: D(2026, 2, 16), 86: D(2026, 3, 23)}  # entry early 2026
UNHOUSED_EXIT_2024 = {24, 36, 49, 50, 54, 63, 64}
UNHOUSED_EARLIER = {4, 7, 9, 19, 22, 26, 31, 34, 39}
COUPLES = [(5, 6), (16, 17), (28, 29), (45, 46), (60, 61)]
ENDED_2025 = {40: (D(2025, 10, 31), "NO_LONGER_NEEDED"), 47: (D(2025, 7, 31), "TRANSFERRED")}
NURSING_HOME_ROWS = {1, 3, 11, 13, 14, 21, 27, 33, 35}
WHEELCHAIR_ROW = 37
TSI_ROWS = {68, 75, 80, 83}
SEX_FIXED = {35: "M", 57: "F", 71: "M", 37: "M"} | {m: "M" for m, _ in COUPLES} | {f: "F" for _, f in COUPLES}
YOUNGEST_ROW, OLDEST_ROW = 85, 3

# How many of the 86 started each year (rows are numbered in start order).
ROW_STARTS = {
    2013: 6, 2014: 7, 2015: 7, 2016: 6, 2017: 7, 2018: 6, 2019: 7,
    2020: 6, 2021: 6, 2022: 7, 2023: 8, 2024: 8, 2025: 5,
}  # fmt: skip
FIXED_STARTS = {82: D(2025, 1, 20), 83: D(2025, 3, 10), 84: D(2025, 4, 14), 85: D(2025, 6, 2), 86: D(2025, 9, 8)}
# Tenants whose follow-up ended before 2025: (start year, end date, reason).
ENDED_BEFORE = [
    (2013, D(2016, 11, 8), "DECEASED"),
    (2014, D(2018, 5, 31), "TRANSFERRED"),
    (2013, D(2019, 2, 3), "DECEASED"),
    (2015, D(2020, 9, 30), "NO_LONGER_NEEDED"),
    (2016, D(2021, 4, 12), "DECEASED"),
    (2017, D(2022, 3, 15), "OTHER"),
    (2019, D(2022, 12, 2), "DECEASED"),
    (2018, D(2023, 6, 30), "NO_LONGER_NEEDED"),
    (2014, D(2024, 3, 4), "DECEASED"),
    (2020, D(2024, 8, 19), "DECEASED"),
    (2015, D(2024, 4, 30), "NO_LONGER_NEEDED"),
    (2018, D(2024, 9, 30), "NO_LONGER_NEEDED"),
    (2021, D(2024, 6, 28), "TRANSFERRED"),
    (2016, D(2024, 11, 29), "OTHER"),
]
# After 2025 (only what has happened by the day the demo is generated).
STARTS_2026 = [D(2026, 2, 9), D(2026, 5, 11), D(2026, 9, 14)]
ENDED_2026 = {20: (D(2026, 3, 26), "DECEASED"), 8: (D(2026, 6, 30), "NO_LONGER_NEEDED")}
MOVES_2026 = {  # row -> (date, exit_to or "" for a transfer)
    20: (D(2026, 3, 26), "DEATH"),
    18: (D(2026, 4, 20), ""),
    69: (D(2026, 6, 15), "INSTITUTION"),
}
RETURNS_2026 = {24: D(2026, 5, 18), 50: D(2026, 9, 7)}


@dataclass
class Person:
    key: int
    start: dt.date
    row: int | None = None  # GAF row of 2025
    end: dt.date | None = None
    end_reason: str = ""
    code: str = ""
    first_name: str = ""
    last_name: str = ""
    sex: str = "M"
    birth_date: dt.date = D(1975, 1, 1)
    funding: str = "COCOM"
    team: str = "ICM"
    referrer: str = ""
    ethos: int = 1
    street_years: Decimal = Decimal("5.0")
    phone: str = ""
    email: str = ""
    legal_status: str = ""
    justice_contact: str = ""
    important_note: str = ""
    gaf_entry: int = 40
    gaf_current: int | None = None  # latest score on 31 Dec 2025 (rows) or last score
    intensity: float = 1.0  # how much support the person asks for
    absence: float = 1.0  # how often they miss a visit
    pk: int | None = None
    extra: dict = field(default_factory=dict)

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def active_in(self, year: int) -> bool:
        return self.start <= D(year, 12, 31) and (self.end is None or self.end >= D(year, 1, 1))

    def age_on(self, day: dt.date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    @property
    def is_couple_member(self) -> bool:
        return any(self.row in pair for pair in COUPLES)


def _sorted_dates(rng: random.Random, n: int, lo: dt.date, hi: dt.date) -> list[dt.date]:
    days = sorted(rng.sample(range((hi - lo).days + 1), n))
    return [lo + dt.timedelta(days=d) for d in days]


def _row_starts(rng: random.Random) -> dict[int, dt.date]:
    starts: dict[int, dt.date] = {}
    row = 1
    for year, count in ROW_STARTS.items():
        rows = list(range(row, row + count))
        row += count
        if year == 2025:
            starts.update({r: FIXED_STARTS[r] for r in rows})
            continue
        if year == 2024:  # five housed in 2024, three late starters housed in 2025
            dates = _sorted_dates(rng, 5, D(2024, 1, 8), D(2024, 6, 28)) + _sorted_dates(
                rng, 3, D(2024, 9, 2), D(2024, 12, 6)
            )
        else:
            dates = _sorted_dates(rng, count, D(year, 1, 6), D(year, 12, 10))
        starts.update(dict(zip(rows, dates, strict=True)))
    for m, f in COUPLES:  # a couple starts together
        starts[f] = starts[m]
    return starts


def people_build(rng: random.Random, today: dt.date) -> list[Person]:
    """Everyone followed from 2013 to today, in code order."""
    gaf = {r.n: r for r in T.gaf_rows()}
    people: list[Person] = []
    for row, start in _row_starts(rng).items():
        p = Person(key=0, start=start, row=row, gaf_entry=gaf[row].entry, gaf_current=gaf[row].current)
        if row in DEATH_2025:
            p.end, p.end_reason = DEATH_2025[row], "DECEASED"
        elif row in ENDED_2025:
            p.end, p.end_reason = ENDED_2025[row]
        elif row in ENDED_2026 and ENDED_2026[row][0] < today:
            p.end, p.end_reason = ENDED_2026[row]
        people.append(p)
    for start_year, end, reason in ENDED_BEFORE:
        start = rand_date(rng, D(start_year, 1, 10), D(start_year, 11, 30))
        people.append(Person(key=0, start=start, end=end, end_reason=reason))
    for start in STARTS_2026:
        if start < today:
            people.append(Person(key=0, start=start))
    # Codes follow the start of the follow-up; a couple keeps the row order.
    people.sort(key=lambda p: (p.start, p.row or 0))
    for i, p in enumerate(people, start=1):
        p.key = i - 1
        p.code = f"HF-{i:04d}"
    _identities(rng, people)
    return people


def rows_of(people: list[Person]) -> dict[int, Person]:
    return {p.row: p for p in people if p.row}


def _identities(rng: random.Random, people: list[Person]) -> None:
    rows = rows_of(people)
    year_end = D(T.YEAR, 12, 31)
    # Sex: exactly 55 men and 31 women among the 86.
    free = [r for r in sorted(rows) if r not in SEX_FIXED]
    women_left = T.SEX["F"] - sum(1 for s in SEX_FIXED.values() if s == "F")
    flags = top_k_flags(rng, len(free), women_left)
    sexes = dict(SEX_FIXED) | {r: ("F" if f else "M") for r, f in zip(free, flags, strict=True)}
    # Funding: TSI rows fixed, six SPP-IS among the others.
    others = [r for r in sorted(rows) if r not in TSI_ROWS]
    spp = top_k_flags(rng, len(others), T.FUNDING["SPP_IS"])
    funding = {r: "SPF_TSI" for r in TSI_ROWS} | {
        r: ("SPP_IS" if f else "COCOM") for r, f in zip(others, spp, strict=True)
    }
    # Ages on 31 Dec 2025: 25 to 73, mean 50.
    order = sorted(rows)
    ages = []
    for r in order:
        if r in NURSING_HOME_ROWS:
            ages.append(rng.randint(62, 72))
        else:
            ages.append(max(28, min(70, round(rng.gauss(49, 9)))))
    ages[order.index(YOUNGEST_ROW)] = T.AGE_MIN
    ages[order.index(OLDEST_ROW)] = T.AGE_MAX
    fixed_idx = {order.index(YOUNGEST_ROW), order.index(OLDEST_ROW)}
    nursing_idx = {order.index(r) for r in NURSING_HOME_ROWS}
    tune_mean(
        rng, ages, T.AGE_MEAN, step=1, lo=28, hi=70, tolerance=0.04, eligible=lambda i: i not in fixed_idx | nursing_idx
    )
    age_of = dict(zip(order, ages, strict=True))
    age_of = dict(zip(order, ages, strict=True))
    # 2024 keeps the same share of women as 2025 (36 %): 31 of 87.
    ended_2024 = [p for p in people if p.row is None and p.end and p.end.year == 2024]
    women_2024 = 31 - sum(1 for r, sex in sexes.items() if sex == "F" and r <= 81)
    sex_2024 = {p.key: ("F" if i < women_2024 else "M") for i, p in enumerate(ended_2024)}
    # One family name per tenant, none shared with the team's own names.
    staff_names = {last for _, _, last, _ in TEAM_MEMBERS} | {last for _, _, last, _ in DEMO_ACCOUNTS}
    family_names = [n for n in LAST_NAMES if n not in staff_names]
    rng.shuffle(family_names)
    used_names: set[tuple[str, str]] = set()
    for p in people:
        if p.row:
            p.sex, p.funding = sexes[p.row], funding[p.row]
            age = age_of[p.row]
            p.birth_date = rand_date(rng, D(year_end.year - age, 1, 1), D(year_end.year - age, 12, 31))
            years = Decimal(round(rng.lognormvariate(1.45, 0.55) * 10)) / 10
        else:
            p.sex = sex_2024.get(p.key) or ("F" if rng.random() < 0.33 else "M")
            p.funding = "COCOM" if rng.random() < 0.9 else "SPP_IS"
            age_at_start = rng.randint(30, 60)
            by = p.start.year - age_at_start
            p.birth_date = rand_date(rng, D(by, 1, 1), D(by, 12, 31))
            years = Decimal(round(rng.lognormvariate(1.45, 0.55) * 10)) / 10
        # Street years fit in the adult life before the follow-up.
        adult_years = max(1, p.age_on(p.start) - 17)
        p.street_years = min(years, Decimal(adult_years)).quantize(Decimal("0.1"))
        while True:
            first = rng.choice(FIRST_NAMES_F if p.sex == "F" else FIRST_NAMES_M)
            last = family_names.pop() if family_names else rng.choice(LAST_NAMES)
            if (first, last) not in used_names:
                used_names.add((first, last))
                break
        p.first_name, p.last_name = first, last
        p.ethos = 1 if rng.random() < 0.72 else 2
        if p.funding == "SPF_TSI":
            p.referrer = TSI_REFERRER
            p.legal_status = "TRIAL_RELEASE"
            p.justice_contact = "Assistant·e de justice — Maison de justice de Bruxelles"
        else:
            p.referrer = rng.choices([r for r, _ in REFERRERS], weights=[w for _, w in REFERRERS])[0]
        if rng.random() < 0.7:
            p.phone = f"0400 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        if rng.random() < 0.12:
            p.email = f"{_ascii(first)}.{_ascii(last)}@example.org"
        if rng.random() < 0.25:
            p.important_note = rng.choice(IMPORTANT_NOTES)
        # Complex profiles (low functioning) go to the intensive ACT team.
        low = (p.gaf_current or p.gaf_entry) <= 40 if p.row else rng.random() < 0.4
        p.team = "ACT" if (low and rng.random() < 0.75) or rng.random() < 0.2 else "ICM"
        p.intensity = rng.lognormvariate(0, 0.3) * (1.3 if p.team == "ACT" else 0.85)
        p.absence = rng.lognormvariate(0, 0.5)
    for m, f in COUPLES:
        rows[f].team = rows[m].team
        rows[f].referrer = rows[m].referrer
    _street_years_mean(rng, [rows[r] for r in sorted(rows)])


def _street_years_mean(rng: random.Random, group: list[Person]) -> None:
    """Nudge years in the street (by 0.1, within each adult life) to the published mean."""
    tenths = [int(p.street_years * 10) for p in group]
    caps = [max(5, (p.age_on(p.start) - 17) * 10) for p in group]
    target = T.STREET_YEARS_MEAN * 10 * len(group)
    for _ in range(100000):
        diff = sum(tenths) - target
        if abs(diff) <= 0.4 * len(group):
            break
        i = rng.randrange(len(group))
        if diff > 0 and tenths[i] > 5:
            tenths[i] -= 1
        elif diff < 0 and tenths[i] < min(200, caps[i]):
            tenths[i] += 1
    for p, t in zip(group, tenths, strict=True):
        p.street_years = Decimal(t) / 10


def _ascii(text: str) -> str:
    import unicodedata

    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in norm.lower() if c.isalnum() or c == "-")
