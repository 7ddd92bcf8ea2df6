"""Incomes, yearly reviews (bilans) and GAF scores of the demo tenants.

Yearly reviews fall on the anniversary of the follow-up; the counts the
reports quote (mental health, products, crack, injection) are met exactly
for 2020–2025 while each tenant's profile carries over from year to year.
"""

from __future__ import annotations

import datetime as dt
import random

from sampledata.rand import rand_date, round5, weighted_sample

from . import people as P
from . import targets as T
from .people import Person

D = dt.date
MH = ["depression", "paranoia", "hallucinations", "aggression", "cognitive"]
PRODUCTS = {
    "ALCOHOL": 5,
    "CANNABIS": 3,
    "COCAINE": 3,
    "MEDICATION": 2,
    "HEROIN": 1.5,
    "AMPHETAMINES": 0.5,
    "OTHER": 0.3,
}


# --- incomes -----------------------------------------------------------------
def _income_profiles(rng: random.Random, rows: dict[int, Person]) -> dict[int, str]:
    """Each 2025 row's income story over 2024–2025 (see targets.INCOMES)."""
    profile = {82: "RIS", 83: "RIS", 84: "RIS", 85: "MUTUALITY", 86: "NONE"}
    old = sorted((r for r in rows if r <= 81), key=lambda r: rows[r].birth_date)
    pension = [r for r in old if rows[r].age_on(D(2025, 12, 31)) >= 66][:4]
    profile |= dict.fromkeys(pension[:3], "PENSION") | {pension[3]: "RIS>PENSION24"}
    # The one without any income lives in a precarious occupation (no right to the RIS).
    rest = [r for r in sorted(rows) if r <= 81 and r not in profile]
    stories = (
        ["RIS>DGPH25"] * 2 + ["DGPH"] * 16 + ["MUTUALITY"] * 15 + ["UNEMPLOYMENT"] * 2 + ["NONE"]
        + ["UNEMPLOYMENT>RIS24", "MUTUALITY>RIS24"]
    )  # fmt: skip
    stories += ["RIS"] * (len(rest) - len(stories))
    rng.shuffle(stories)
    profile |= dict(zip(rest, stories, strict=True))
    return profile


def incomes_build(rng: random.Random, people: list[Person]) -> list[dict]:
    rows = P.rows_of(people)
    profile = _income_profiles(rng, rows)
    ended_2024 = [p for p in people if p.row is None and p.end and p.end.year == 2024]
    for p, story in zip(ended_2024, ["RIS", "RIS", "RIS", "RIS", "MUTUALITY", "PENSION"], strict=True):
        p.extra["income"] = story
    for r, story in profile.items():
        rows[r].extra["income"] = story
    salaried = [r for r in sorted(rows) if profile[r] == "RIS" and r <= 78]
    salaried = rng.sample(salaried, 2) + rng.sample([r for r in sorted(rows) if profile[r] == "DGPH"], 1)
    out: list[dict] = []
    for p in people:
        story = p.extra.get("income") or rng.choice(["RIS"] * 5 + ["DGPH", "DGPH", "MUTUALITY", "PENSION"])
        out += _income_episodes(rng, p, story)
    for i, r in enumerate(salaried):
        p = rows[r]
        if i < 2:  # "article 60" job through the CPAS
            out.append(
                {
                    "person": p,
                    "source": "SALARY",
                    "start": D(2023, 9, 1) + dt.timedelta(days=30 * i),
                    "end": D(2025, 8, 31),
                }
            )
        else:
            out.append({"person": p, "source": "SALARY", "start": D(2022, 3, 1), "end": None})
    return out


def _income_episodes(rng: random.Random, p: Person, story: str) -> list[dict]:
    """Earlier incomes end before 2024 so that only the story counts in 2024 and 2025."""
    out = []
    end = p.end if p.end_reason == "DECEASED" else None
    begin = p.start - dt.timedelta(days=rng.randint(0, 400))
    cutoff = D(2023, 12, 31)
    if p.start.year <= 2022 and rng.random() < 0.35:
        until = p.start + dt.timedelta(days=rng.randint(30, 150))
        out.append({"person": p, "source": "NONE", "start": begin, "end": until})
        begin = until + dt.timedelta(days=1)
    parts = story.split(">")
    final = parts[-1].rstrip("0123456789")
    first = parts[0]
    if len(parts) == 2:
        year = int(parts[1][-2:]) + 2000
        switch = rand_date(rng, max(D(year, 1, 20), begin + dt.timedelta(days=30)), D(year, 11, 30))
        if p.end and switch >= p.end:
            switch = p.end - dt.timedelta(days=15)
        out.append({"person": p, "source": first, "start": begin, "end": switch - dt.timedelta(days=1)})
        out.append({"person": p, "source": final, "start": switch, "end": end})
        return out
    if final != "RIS" and begin < D(2023, 1, 1) and rng.random() < 0.6:
        # The RIS first, then the allowance recognised (before 2024).
        switch = rand_date(rng, begin + dt.timedelta(days=90), min(cutoff, (p.end or cutoff)) - dt.timedelta(days=10))
        out.append({"person": p, "source": "RIS", "start": begin, "end": switch - dt.timedelta(days=1)})
        begin = switch
    out.append({"person": p, "source": final, "start": begin, "end": end})
    return out


# --- reviews and scores ----------------------------------------------------
def review_dates(p: Person, today: dt.date) -> dict[int, dt.date]:
    """The yearly review of each year the tenant is followed (anniversary of the start)."""
    out = {}
    last_day = min(p.end or today, today - dt.timedelta(days=1))
    for year in range(p.start.year, last_day.year + 1):
        lo = max(p.start + dt.timedelta(days=14), D(year, 1, 1))
        hi = min(last_day, D(year, 12, 31))
        if year == p.start.year:
            lo = hi = min(p.start + dt.timedelta(days=14), last_day)
        if lo > hi:
            lo = hi = max(p.start, min(last_day, D(year, 12, 31)))
        try:
            day = D(year, p.start.month, min(p.start.day, 28))
        except ValueError:  # pragma: no cover
            day = lo
        if year == T.YEAR and p.row in P.DEATH_2025:
            day = hi - dt.timedelta(days=min(20, (hi - lo).days))
        out[year] = min(max(day, lo), hi)
    return out


def _counts(year: int, n: int, sizes: dict[int, int]) -> dict:
    """Exact published counts for 2020–2025; the nearest published year's shape otherwise."""
    ref = min(max(year, 2020), 2025)
    scale = n / sizes.get(ref, n)
    pct = T.MENTAL_HEALTH_PCT[ref]
    mh = {}
    for flag, value in pct.items():
        k = round(value * n / 100)
        while k > 0 and round(k / n * 100) > value:
            k -= 1
        while k < n and round(k / n * 100) < value:
            k += 1
        mh[flag] = k
    one, two, three = (round(c * scale) for c in T.CONSUMPTION[ref])
    return {
        "mh": mh,
        "consumption": (one, two, three),
        "crack": round(T.CRACK[ref] * scale),
        "injection": round(T.INJECTION[ref] * scale),
        "overdose": round(T.OVERDOSE[ref] * scale),
    }


def assessments_build(rng: random.Random, people: list[Person], today: dt.date) -> list[dict]:
    """One review per tenant and year followed, with the published counts per year."""
    by_year: dict[int, list[tuple[Person, dt.date]]] = {}
    for p in people:
        p.extra["reviews"] = review_dates(p, today)
        for year, day in p.extra["reviews"].items():
            by_year.setdefault(year, []).append((p, day))
    prev: dict[int, dict] = {}
    out = []
    sizes = {year: len(group) for year, group in by_year.items()}
    for year in sorted(by_year):
        group = by_year[year]
        n = len(group)
        c = _counts(year, n, sizes)
        rows = [{"person": p, "date": day, **dict.fromkeys(MH, False)} for p, day in group]
        last = [prev.get(p.key, {}) for p, _ in group]
        for flag in MH:
            weights = []
            for (p, _), before in zip(group, last, strict=True):
                w = 5.0 if before.get(flag) else 1.0
                if flag == "cognitive" and p.age_on(D(year, 12, 31)) >= 60:
                    w *= 3
                if flag == "aggression" and p.sex == "M":
                    w *= 1.5
                weights.append(w)
            for i in weighted_sample(rng, range(n), weights, c["mh"][flag]):
                rows[i][flag] = True
        one, two, three = c["consumption"]
        n_products = _product_counts(rng, group, last, n - one - two - three, three, two)
        for i in range(n):
            rows[i]["products"] = _pick_products(rng, n_products[i], last[i].get("products", []))
        users = [i for i in range(n) if n_products[i] > 0]
        for flag, product, key in (("crack_inhalation", "COCAINE", "crack"), ("injection", "HEROIN", "injection")):
            weights = [6.0 if last[i].get(flag) else (2.0 if product in rows[i]["products"] else 1.0) for i in users]
            for i in weighted_sample(rng, users, weights, min(c[key], len(users))):
                rows[i][flag] = True
                if flag == "crack_inhalation" and "COCAINE" not in rows[i]["products"]:
                    rows[i]["products"][0] = "COCAINE"
                if flag == "injection" and not {"HEROIN", "COCAINE"} & set(rows[i]["products"]):
                    rows[i]["products"][0] = "HEROIN"
        weights = [4.0 if rows[i].get("injection") or "HEROIN" in rows[i]["products"] else 1.0 for i in users]
        for i in weighted_sample(rng, users, weights, min(c["overdose"], len(users))):
            rows[i]["overdose"] = True
        for i, (p, _) in enumerate(group):
            rows[i]["products"] = sorted(set(rows[i]["products"]))
            rows[i].setdefault("crack_inhalation", False)
            rows[i].setdefault("injection", False)
            rows[i].setdefault("overdose", False)
            prev[p.key] = rows[i]
        out += rows
    return out


def _product_counts(rng, group, last, abstinent: int, three: int, two: int) -> list[int]:
    n = len(group)
    counts = [1] * n
    before = [len(b.get("products", [1])) if b else 1 for b in last]
    idx = list(range(n))
    w = [8.0 if before[i] == 0 else (1.5 if before[i] == 1 else 0.3) for i in idx]
    chosen_abst = set(weighted_sample(rng, idx, w, abstinent))
    left = [i for i in idx if i not in chosen_abst]
    w = [6.0 if before[i] >= 3 else (2.0 if before[i] == 2 else 0.5) for i in left]
    chosen_three = set(weighted_sample(rng, left, w, three))
    left = [i for i in left if i not in chosen_three]
    w = [5.0 if before[i] == 2 else 1.0 for i in left]
    chosen_two = set(weighted_sample(rng, left, w, two))
    for i in idx:
        if i in chosen_abst:
            counts[i] = 0
        elif i in chosen_three:
            counts[i] = 3 if rng.random() < 0.75 else 4
        elif i in chosen_two:
            counts[i] = 2
    return counts


def _pick_products(rng: random.Random, k: int, before: list[str]) -> list[str]:
    names = list(PRODUCTS)
    weights = [PRODUCTS[x] * (5 if x in before else 1) for x in names]
    return weighted_sample(rng, names, weights, k)


def gaf_build(rng: random.Random, people: list[Person], today: dt.date) -> list[dict]:
    """Entry score at the start, then one score at each yearly review."""
    scores: dict[int, list[list]] = {}
    for p in people:
        if p.row is None:
            p.gaf_entry = round5(rng.gauss(38, 10), 10, 70)
            p.gaf_current = round5(p.gaf_entry + rng.choice([-5, 0, 5, 10, 15, 20]), 10, 85)
        entry_day = p.start + dt.timedelta(days=rng.randint(0, 10))
        if p.end and entry_day > p.end:
            entry_day = p.end
        lst = [[entry_day, p.gaf_entry, "entry"]]
        target = p.gaf_current if p.gaf_current is not None else round5(p.gaf_entry + rng.choice([-5, 0, 5]))
        span_end = 2025 if p.row else (p.end or today).year
        for year, day in sorted(p.extra["reviews"].items()):
            if day <= entry_day:
                continue
            if p.row and year == 2025:
                value, kind = target, "fixed"
            elif p.row and year > 2025:
                value, kind = round5(target + rng.choice([-10, -5, 0, 0, 5, 5, 10]), 10, 90), "free"
            else:
                share = min(1.0, (year - p.start.year) / max(1, span_end - p.start.year)) ** 0.6
                value = round5(p.gaf_entry + (target - p.gaf_entry) * share + rng.choice([-5, 0, 0, 5]), 10, 90)
                kind = "fixed" if year == span_end and not p.row else "tune"
            lst.append([day, value, kind])
        # A 2025 newcomer whose score already moved: a second score later in the year.
        if p.row and p.start.year == 2025 and p.gaf_current != p.gaf_entry:
            day = min(D(2025, 12, 15), p.start + dt.timedelta(days=rng.randint(90, 150)))
            lst = [x for x in lst if x[0].year != 2025 or x[2] == "entry"] + [[day, p.gaf_current, "fixed"]]
        scores[p.key] = lst
    _tune_year_means(rng, people, scores)
    out = []
    for p in people:
        for day, value, _ in scores[p.key]:
            out.append({"person": p, "date": day, "score": value})
    return out


def _tune_year_means(rng: random.Random, people: list[Person], scores: dict[int, list[list]]) -> None:
    """Move the free scores of 2020–2024 so each year's mean current score is the published one."""
    for year, target in T.GAF_CURRENT_MEAN.items():
        end = D(year, 12, 31)
        latest = []
        for p in people:
            if not p.active_in(year) or (p.end_reason == "DECEASED" and p.end <= end):
                continue
            dated = [s for s in scores[p.key] if s[0] <= end]
            if dated:
                latest.append(dated[-1])
        values = [s[1] for s in latest]
        free = [i for i, s in enumerate(latest) if s[2] == "tune" and s[0].year == year]
        for _ in range(5000 if free else 0):
            diff = sum(values) / len(values) - target
            if abs(diff) < 0.05:
                break
            i = rng.choice(free)
            step = -5 if diff > 0 else 5
            if 15 <= values[i] + step <= 85:
                values[i] += step
        for s, v in zip(latest, values, strict=True):
            s[1] = v
