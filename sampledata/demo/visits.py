"""Contacts with the tenants: home visits, accompaniments, concertations,
phone calls, missed and planned visits (encoded since 2020).

Counts are drawn per tenant and month (more at the start of the follow-up,
for the ACT team, around a move; fewer for someone back in the street) and
then fixed to the year's totals; for 2025 the totals, the motives and the
mean durations are the published ones.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

from sampledata.rand import allocate, tune_mean, weekdays, weighted_sample
from sampledata.vocabulary import ABSENT_NOTES, NOTES

from . import people as P
from . import targets as T
from .housing_plan import Housing
from .people import Person

D = dt.date
FIRST_YEAR = 2020
MEETINGS = ("HOME", "EXTERNAL", "CONCERTATION")
MOTIVES = list(T.MOTIVES_2025)
KIND_SHARE = {k: v / sum(T.MEETINGS_2025.values()) for k, v in T.MEETINGS_2025.items()}
HOME_MEAN = {2020: 55.0, 2021: 54.0, 2022: 53.0, 2023: 52.0, 2024: 51.0}
TRAVEL_MEAN = {2020: 33.0, 2021: 34.0, 2022: 35.0, 2023: 35.0, 2024: 36.0}
AFFINITY = {
    "HOME": {"DAILY": 3, "HOUSING": 2.5, "ADMIN_JUSTICE": 1.5, "MEDICAL": 0.8, "NETWORK": 0.6, "PSY": 1, "CONSUMPTION": 1, "CRISIS": 0.8},
    "EXTERNAL": {"DAILY": 1, "HOUSING": 1, "ADMIN_JUSTICE": 3, "MEDICAL": 3, "NETWORK": 1.5, "PSY": 0.6, "CONSUMPTION": 0.5, "CRISIS": 0.8},
    "CONCERTATION": {"DAILY": 0.3, "HOUSING": 2, "ADMIN_JUSTICE": 1.5, "MEDICAL": 1.5, "NETWORK": 4, "PSY": 2, "CONSUMPTION": 1, "CRISIS": 1},
    "PHONE": {"DAILY": 2, "HOUSING": 1.5, "ADMIN_JUSTICE": 2, "MEDICAL": 1, "NETWORK": 1.2, "PSY": 0.6, "CONSUMPTION": 0.4, "CRISIS": 1.2},
}  # fmt: skip


class Visits:
    def __init__(self, rng: random.Random, people: list[Person], housing: Housing, staff: dict, today: dt.date):
        self.rng, self.people, self.housing, self.staff, self.today = rng, people, housing, staff, today
        self.visits: list[dict] = []
        self.moves_by_person: dict[int, list[dt.date]] = {}
        for m in housing.moves():
            self.moves_by_person.setdefault(m["person"].key, []).append(m["date"])

    # --- helpers --------------------------------------------------------
    def _review(self, p: Person, day: dt.date) -> dict:
        return p.extra.get("review_by_year", {}).get(day.year, {})

    def _last_day(self, p: Person) -> dt.date:
        last = self.today - dt.timedelta(days=1)
        if p.end:
            last = min(last, p.end - dt.timedelta(days=1) if p.end_reason == "DECEASED" else p.end)
        return last

    def _cells(self, year: int) -> list[dict]:
        cells = []
        for p in self.people:
            if not p.active_in(year):
                continue
            last = self._last_day(p)
            for month in range(1, 13):
                lo = max(p.start, D(year, month, 1))
                hi = min(last, D(year, month, calendar.monthrange(year, month)[1]))
                days = weekdays(lo, hi)
                if not days:
                    continue
                mid = days[len(days) // 2]
                housed = self.housing.housed_on(p, mid) is not None
                weight = p.intensity * len(days) / 21
                if (mid - p.start).days < 180:
                    weight *= 1.8
                if any(abs((mid - d).days) < 45 for d in self.moves_by_person.get(p.key, [])):
                    weight *= 1.5
                if not housed:
                    weight *= 0.75
                if p.end_reason == "DECEASED" and p.end and (p.end - mid).days < 120:
                    weight *= 1.4
                cells.append(
                    {"person": p, "days": days, "weight": weight, "housed": housed, "year": year, "month": month}
                )
        return cells

    def _share(self, total: int) -> dict[str, int]:
        conc = round(total * KIND_SHARE["CONCERTATION"])
        ext = round(total * KIND_SHARE["EXTERNAL"])
        return {"HOME": total - conc - ext, "EXTERNAL": ext, "CONCERTATION": conc}

    def _year_totals(self, year: int) -> tuple[dict[str, int], int, int]:
        if year == T.YEAR:
            kinds = dict(T.MEETINGS_2025)
        elif year in T.MEETINGS_TOTAL:
            kinds = self._share(T.MEETINGS_TOTAL[year])
        else:  # the year under way: the pace of 2025, up to today
            elapsed = min(1.0, ((self.today - D(year, 1, 1)).days) / 365)
            kinds = self._share(round(2290 * elapsed))
        done = sum(kinds.values())
        missed = T.MISSED_PCT.get(year, 31) + (0 if year == T.YEAR else self.rng.uniform(-0.6, 0.6))
        absent = round(done * missed / (100 - missed))
        phone = T.PHONE.get(year) or round(2000 * done / 2290)
        return kinds, absent, phone

    # --- generation -----------------------------------------------------
    def build(self) -> list[dict]:
        for year in range(FIRST_YEAR, self.today.year + 1):
            self._year(year)
        self._planned()
        return self.visits

    def _year(self, year: int) -> None:
        rng = self.rng
        cells = self._cells(year)
        if not cells:
            return
        kinds, absent_total, phone_total = self._year_totals(year)
        done_total = sum(kinds.values())
        caps = [min(6, len(c["days"])) for c in cells]
        preset = [0] * len(cells)
        if year == T.YEAR:  # the tenant back in the street in a wheelchair: 7 meetings in one month
            wheel = P.rows_of(self.people)[P.WHEELCHAIR_ROW]
            i = next(i for i, c in enumerate(cells) if c["person"] is wheel and c["month"] == 11)
            preset[i], caps[i] = T.MAX_IN_MONTH, 0
        # Everyone followed for most of a month is met at least once that month.
        floor = [1 if caps[i] and len(c["days"]) >= 10 else 0 for i, c in enumerate(cells)]
        rest = [cap - f for cap, f in zip(caps, floor, strict=True)]
        done = allocate(rng, [c["weight"] for c in cells], rest, done_total - sum(preset) - sum(floor))
        done = [a + b + f for a, b, f in zip(done, preset, floor, strict=True)]
        absent_w = [c["weight"] * c["person"].absence * (1.0 if c["housed"] else 2.0) for c in cells]
        absent = allocate(rng, absent_w, [min(4, len(c["days"])) for c in cells], absent_total)
        cancelled = allocate(rng, [c["weight"] for c in cells], [1] * len(cells), round(done_total * 0.03))
        phones = allocate(rng, [c["weight"] * 1.2 for c in cells], [25] * len(cells), phone_total)

        meetings: list[dict] = []
        for c, n_done, n_abs, n_can, n_ph in zip(cells, done, absent, cancelled, phones, strict=True):
            p, days = c["person"], c["days"]
            pick = rng.sample(days, min(len(days), n_done))
            while len(pick) < n_done:
                pick.append(rng.choice(days))
            for day in sorted(pick):
                meetings.append(self._visit(p, day, "HOME", "DONE", c["housed"]))
            others = [d for d in days if d not in pick] or days
            for day in (rng.choice(others) for _ in range(n_abs)):
                kind = "HOME" if rng.random() < 0.85 else "EXTERNAL"
                self.visits.append(self._visit(p, day, kind, "ABSENT", c["housed"]))
            for day in (rng.choice(others) for _ in range(n_can)):
                self.visits.append(self._visit(p, day, "HOME", "CANCELLED", c["housed"]))
            for _ in range(n_ph):
                self.visits.append(self._visit(p, rng.choice(days), "PHONE", "DONE", c["housed"]))
        self._kinds(meetings, kinds)
        self.visits += meetings
        year_done = [v for v in self.visits if v["date"].year == year and v["status"] == "DONE"]
        self._motives(year, year_done)
        self._durations(year, year_done)
        for v in self.visits:
            if v["date"].year == year and "workers" not in v:
                self._finish(v)

    def _visit(self, p: Person, day: dt.date, kind: str, status: str, housed: bool) -> dict:
        return {"person": p, "date": day, "kind": kind, "status": status, "housed": housed, "motives": []}

    def _kinds(self, meetings: list[dict], kinds: dict[str, int]) -> None:
        rng = self.rng
        idx = list(range(len(meetings)))
        conc_w = [1.5 if m["person"].team == "ACT" else 1.0 for m in meetings]
        conc = set(weighted_sample(rng, idx, conc_w, kinds["CONCERTATION"]))
        left = [i for i in idx if i not in conc]
        ext_w = [1.0 if meetings[i]["housed"] else 4.0 for i in left]
        ext = set(weighted_sample(rng, left, ext_w, kinds["EXTERNAL"]))
        for i in idx:
            meetings[i]["kind"] = "CONCERTATION" if i in conc else ("EXTERNAL" if i in ext else "HOME")

    def _motive_weights(self, v: dict) -> dict[str, float]:
        p = v["person"]
        w = dict(AFFINITY[v["kind"]])
        if len(self._review(p, v["date"]).get("products", [])) >= 2:
            w["CONSUMPTION"] *= 3
        if p.team == "ACT":
            w["CRISIS"] *= 2
        if any(abs((v["date"] - d).days) < 60 for d in self.moves_by_person.get(p.key, [])):
            w["HOUSING"] *= 2
        elif not v["housed"]:
            w["HOUSING"] *= 0.4
        if p.age_on(v["date"]) >= 60:
            w["MEDICAL"] *= 1.5
        return w

    def _motives(self, year: int, done: list[dict]) -> None:
        """Every DONE contact gets a main motive, then second motives, to the year's totals."""
        rng = self.rng
        scale = len(done) / (sum(T.MEETINGS_2025.values()) + T.PHONE[T.YEAR])
        wanted = {
            m: (n if year == T.YEAR else round(n * scale * rng.uniform(0.93, 1.07))) for m, n in T.MOTIVES_2025.items()
        }
        total = sum(wanted.values())
        main = {m: int(len(done) * n / total) for m, n in wanted.items()}
        main["DAILY"] += len(done) - sum(main.values())
        weights = [self._motive_weights(v) for v in done]
        free = list(range(len(done)))
        for m in sorted(MOTIVES, key=lambda m: main[m]):
            if m == "DAILY":
                chosen = free
            else:
                chosen = weighted_sample(rng, free, [weights[i][m] for i in free], main[m])
            for i in chosen:
                done[i]["motives"].append(m)
            taken = set(chosen)
            free = [i for i in free if i not in taken]
        for m in MOTIVES:
            pool = [i for i in range(len(done)) if m not in done[i]["motives"]]
            w = [weights[i][m] * (1.0 if len(done[i]["motives"]) < 3 else 0.2) for i in pool]
            for i in weighted_sample(rng, pool, w, wanted[m] - main[m]):
                done[i]["motives"].append(m)

    def _durations(self, year: int, done: list[dict]) -> None:
        rng = self.rng
        means = dict(T.MEAN_DURATION)
        travel_mean = T.MEAN_TRAVEL
        if year != T.YEAR:  # other years wander a little around the published ones
            means["HOME"] = HOME_MEAN.get(year, T.MEAN_DURATION["HOME"]) + rng.uniform(-0.6, 0.6)
            means["EXTERNAL"] += rng.uniform(-2.5, 2.5)
            means["CONCERTATION"] += rng.uniform(-3.0, 3.0)
            travel_mean = TRAVEL_MEAN.get(year, T.MEAN_TRAVEL) + rng.uniform(-0.8, 0.8)
        shapes = {"HOME": (15, 120), "EXTERNAL": (30, 240), "CONCERTATION": (30, 150)}
        for kind, mean in means.items():
            # A handful without a duration, as in real records (the report's quality check finds them).
            group = [v for v in done if v["kind"] == kind and rng.random() > 0.004]
            lo, hi = shapes[kind]
            values = [max(lo, min(hi, 5 * round(rng.gauss(mean, mean * 0.35) / 5))) for _ in group]
            tune_mean(rng, values, mean, step=5, lo=lo, hi=hi, tolerance=self._tolerance(year, values))
            for v, value in zip(group, values, strict=True):
                v["duration"] = value
        meetings = [v for v in done if v["kind"] in MEETINGS and rng.random() > 0.05]
        values = [max(5, min(120, 5 * round(rng.gauss(travel_mean, 14) / 5))) for _ in meetings]
        tune_mean(rng, values, travel_mean, step=5, lo=5, hi=120, tolerance=self._tolerance(year, values))
        for v, value in zip(meetings, values, strict=True):
            v["travel"] = value
        for v in done:
            if v["kind"] == "PHONE":
                v["duration"] = rng.choice([5, 5, 10, 10, 10, 15, 20, 30])

    @staticmethod
    def _tolerance(year: int, values: list) -> float:
        # 2025's published means are whole minutes: reachable exactly with 5-minute steps.
        return 0.04 if year == T.YEAR else max(0.04, 2.6 / max(1, len(values)))

    def _finish(self, v: dict) -> None:
        """Time, workers, note."""
        rng, staff = self.rng, self.staff
        p = v["person"]
        if v["kind"] == "PHONE":
            v["time"] = dt.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45]))
        else:
            v["time"] = dt.time(rng.randint(9, 16), rng.choice([0, 15, 30, 45]))
        first, second = staff["referents"][p.key]
        workers = [first]
        if v["kind"] != "PHONE" and rng.random() < {"HOME": 0.4, "EXTERNAL": 0.25, "CONCERTATION": 0.8}[v["kind"]]:
            workers.append(second)
        if "HOUSING" in v["motives"] and v["kind"] != "PHONE" and rng.random() < 0.15:
            workers.append(staff["housing"])
        if v["kind"] == "CONCERTATION" and rng.random() < 0.2:
            workers.append(staff["direction"])
        if rng.random() < 0.1:  # a colleague replaces the referent
            workers[0] = rng.choice(staff["team"][p.team])
        v["workers"] = list(dict.fromkeys(workers))
        v.setdefault("duration", None)
        v.setdefault("travel", None)
        if v["status"] == "ABSENT":
            v["travel"] = 5 * rng.randint(3, 10)
            v["motives"] = [rng.choice(["DAILY", "HOUSING", "ADMIN_JUSTICE", "MEDICAL"])]
            v["note"] = rng.choice(ABSENT_NOTES) if rng.random() < 0.4 else ""
        elif v["status"] == "DONE" and v["motives"]:
            chance = 0.05 if v["kind"] == "PHONE" else 0.3
            v["note"] = rng.choice(NOTES[v["motives"][0]]) if rng.random() < chance else ""
        else:
            v["note"] = ""

    def _planned(self) -> None:
        """The coming two weeks, and a few past visits nobody closed yet."""
        rng, today = self.rng, self.today
        active = [p for p in self.people if p.active_on(today)]
        for day in weekdays(today, today + dt.timedelta(days=14)):
            for p in rng.sample(active, min(len(active), rng.randint(3, 5))):
                self._add_planned(p, day)
        for day in rng.sample(weekdays(today - dt.timedelta(days=10), today - dt.timedelta(days=1)), 5):
            p = rng.choice([p for p in active if p.start < day])
            self._add_planned(p, day)

    def _add_planned(self, p: Person, day: dt.date) -> None:
        housed = self.housing.housed_on(p, day) is not None
        # Someone without a home is met outside, not "at home".
        kind = self.rng.choices(MEETINGS, weights=[80, 18, 2] if housed else [0, 95, 5])[0]
        v = self._visit(p, day, kind, "PLANNED", housed)
        v["motives"] = [self.rng.choice(["DAILY", "HOUSING", "ADMIN_JUSTICE", "MEDICAL", "NETWORK"])]
        self._finish(v)
        v["note"] = ""
        self.visits.append(v)
