"""Harm-reduction material: quarterly orders from Modus Vivendi, material
handed out during visits, a yearly count.

2025 distributions per item are the report's tables; orders arrive before
each quarter so that no stock ever goes below zero.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from sampledata.rand import composition, weighted_sample

from . import targets as T

D = dt.date
FIRST_YEAR = 2020
# Typical units handed out at once.
PER_HANDOUT = {
    "BD": 8, "H2O": 10, "STERICUP": 8, "ASCORB": 8, "GARROT": 1, "STERET": 10, "CONTAINER": 1, "TAMPON": 5,
    "ASD": 3, "KB": 5, "GEX": 10, "EMBOUT": 8, "LAME": 1, "CROPEUR": 4, "BICARB": 3, "SYRISPOON": 4, "ALU": 10,
    "PAILLE": 1, "PRESERV": 4, "LUBRIF": 3, "LINGETTE": 5, "LINGINT": 5, "HYDRAMYL": 4,
}  # fmt: skip


def _wanted(rng: random.Random, codes: list[str], year: int, today: dt.date) -> dict[str, int]:
    if year == T.YEAR:
        return {c: T.RDR_2025[c] for c in codes if c in T.RDR_2025}
    if year < T.YEAR:
        share = T.RDR_SHARE[year]
    else:
        share = min(1.0, (today - D(year, 1, 1)).days / 365) * 1.02
    return {c: max(1, round(T.RDR_2025[c] * share * rng.uniform(0.88, 1.12))) for c in codes if c in T.RDR_2025}


def _weight(visit: dict, category: str) -> float:
    review = visit["person"].extra.get("review_by_year", {}).get(visit["date"].year, {})
    products = review.get("products", [])
    if category == "INJECTION":
        return 12.0 if review.get("injection") else (1.0 if "HEROIN" in products else 0.0)
    if category == "INHALATION":
        return 6.0 if review.get("crack_inhalation") else (1.0 if "COCAINE" in products else 0.0)
    if category == "SNIFF":
        return 1.0 if {"COCAINE", "AMPHETAMINES"} & set(products) else 0.0
    return 2.0 if visit["person"].sex == "F" else 1.0


def harm_build(
    rng: random.Random, items: dict[str, str], visits: list[dict], staff: dict, today: dt.date
) -> list[dict]:
    """Operations: {kind, date, worker, visit, person, reference, lines: [(code, qty)]}.

    `items` maps the catalogue codes present in the database to (category, low-stock threshold).
    """
    operations: list[dict] = []
    codes = [c for c in items if c in T.RDR_2025]
    by_year: dict[int, list[dict]] = {}
    for v in visits:
        if v["status"] == "DONE" and v["kind"] in ("HOME", "EXTERNAL") and v["date"].year >= FIRST_YEAR:
            by_year.setdefault(v["date"].year, []).append(v)
    handouts: dict[int, dict] = {}  # id(visit) -> operation
    for year in range(FIRST_YEAR, today.year + 1):
        pool = by_year.get(year, [])
        if not pool:
            continue
        weights_of: dict[str, list[float]] = {}  # by category: the same for every code of it
        for code, total in _wanted(rng, codes, year, today).items():
            category = items[code][0]
            if category not in weights_of:
                weights_of[category] = [_weight(v, category) for v in pool]
            weights = weights_of[category]
            eligible = [(v, w) for v, w in zip(pool, weights, strict=True) if w > 0]
            if not eligible:
                eligible = [(v, 1.0) for v in pool]
            k = max(1, min(len(eligible), math.ceil(total / PER_HANDOUT[code])))
            chosen = weighted_sample(rng, [v for v, _ in eligible], [w for _, w in eligible], k)
            for v, qty in zip(chosen, composition(rng, total, k), strict=True):
                op = handouts.get(id(v))
                if op is None:
                    op = handouts[id(v)] = {
                        "kind": "DISTRIBUTION",
                        "date": v["date"],
                        "worker": v["workers"][0],
                        "visit": v,
                        "person": v["person"],
                        "reference": "",
                        "lines": [],
                    }
                op["lines"].append((code, qty))
    operations += handouts.values()
    operations += _receipts_and_counts(rng, items, codes, list(handouts.values()), staff, today)
    operations.sort(key=lambda o: (o["date"], o["kind"] != "RECEIPT"))
    return operations


def _receipts_and_counts(
    rng: random.Random, items: dict, codes: list[str], handouts: list[dict], staff: dict, today: dt.date
) -> list[dict]:
    """An order before each quarter covering it with a margin; a count each December."""
    need: dict[tuple[int, int], dict[str, int]] = {}
    for op in handouts:
        quarter = (op["date"].year, (op["date"].month - 1) // 3)
        for code, qty in op["lines"]:
            need.setdefault(quarter, {}).setdefault(code, 0)
            need[quarter][code] += qty
    stock = dict.fromkeys(codes, 0)
    # Orders leave some margin above the low-stock threshold; not always enough.
    short = set(rng.sample(codes, min(2, len(codes))))
    cushion = {code: items[code][1] * (0.2 if code in short else rng.uniform(1.0, 2.2)) for code in codes}
    out: list[dict] = []
    for year in range(FIRST_YEAR, today.year + 1):
        for q in range(4):
            start = D(year, 3 * q + 1, 1)
            if start > today:
                break
            wanted = need.get((year, q), {})
            lines = []
            for code in codes:
                margin = max(2, round(wanted.get(code, 0) * 0.2 + cushion[code]))
                missing = wanted.get(code, 0) + margin - stock[code]
                if missing > 0:
                    pack = 50 if missing > 120 else (10 if missing > 15 else 5)
                    qty = pack * math.ceil(missing / pack)
                    lines.append((code, qty))
                    stock[code] += qty
            if lines:
                day = start - dt.timedelta(days=rng.randint(3, 9))
                out.append(
                    {
                        "kind": "RECEIPT",
                        "date": day,
                        "worker": staff["management"],
                        "visit": None,
                        "person": None,
                        "reference": f"Modus Vivendi — commande T{q + 1} {year}",
                        "lines": lines,
                    }
                )
            for code, qty in wanted.items():
                stock[code] -= qty
            if q == 3 and D(year, 12, 31) < today:
                # The yearly count: a few items lost or damaged, one found again.
                lines = []
                for code in rng.sample(codes, min(3, len(codes))):
                    if stock[code] > 6:
                        delta = -rng.randint(1, min(5, stock[code] - 3))
                        lines.append((code, delta))
                        stock[code] += delta
                if not codes:
                    continue
                found = rng.choice(codes)
                lines.append((found, 2))
                stock[found] += 2
                out.append(
                    {
                        "kind": "ADJUSTMENT",
                        "date": D(year, 12, 31),
                        "worker": staff["management"],
                        "visit": None,
                        "person": None,
                        "reference": "Inventaire annuel (périmés, abîmés, recomptage)",
                        "lines": lines,
                    }
                )
    return out
