"""Seeded helpers that hit exact totals.

The demo must reproduce published counts exactly while looking random, so
every draw goes through one `random.Random` and the helpers below turn
"about this many, spread like this" into "exactly this many".
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import TypeVar

T = TypeVar("T")

DAY = dt.timedelta(days=1)


def weighted_sample(rng: random.Random, items: Sequence[T], weights: Sequence[float], k: int) -> list[T]:
    """k distinct items, the heavier the likelier (Efraimidis–Spirakis keys).

    One draw per item, in order, whatever its weight; ties (weight 0) go by
    id(). The demo calls this a thousand times over its 36,000 contacts:
    the keys are built in comprehensions and only the k best are ranked.
    """
    if k <= 0:
        return []
    n = len(items)
    if k > n:
        raise ValueError(f"cannot pick {k} of {n}")
    if len(weights) != n:
        raise ValueError(f"{len(weights)} weights for {n} items")
    draw, log, never = rng.random, math.log, -math.inf
    logs = [log(draw() or 1e-12) for _ in range(n)]
    keys = [u / w if w > 0 else never for u, w in zip(logs, weights, strict=True)]
    keyed = zip(keys, map(id, items), items, strict=True)
    # Same order as sorting everything by (key, id), largest first; a full
    # tie means the same object twice, so the third member is never compared
    # between different items.
    best = heapq.nlargest(k, keyed) if k < n // 8 else sorted(keyed, reverse=True)[:k]
    return [t[2] for t in best]


def top_k_flags(rng: random.Random, n: int, k: int, weights: Sequence[float] | None = None) -> list[bool]:
    """A list of n booleans with exactly k True, drawn by weight."""
    idx = list(range(n))
    chosen = set(weighted_sample(rng, idx, weights or [1.0] * n, k))
    return [i in chosen for i in idx]


def allocate(rng: random.Random, weights: Sequence[float], caps: Sequence[int], total: int) -> list[int]:
    """Spread exactly `total` units over cells, proportionally to weight, never above a cell's cap."""
    n = len(weights)
    counts = [0] * n
    if total > sum(caps):
        raise ValueError(f"cannot place {total} units in cells holding {sum(caps)}")
    wsum = sum(w for w, c in zip(weights, caps, strict=True) if c > 0) or 1.0
    # Expected share first (floor), then the rest one by one by weight.
    for i in range(n):
        counts[i] = min(caps[i], int(weights[i] * total / wsum * 0.9))
    left = total - sum(counts)
    open_cells = [i for i in range(n) if counts[i] < caps[i] and weights[i] > 0]
    while left > 0:
        if not open_cells:
            open_cells = [i for i in range(n) if counts[i] < caps[i]]
            if not open_cells:
                raise ValueError("no room left")
            picks = rng.choices(open_cells, k=min(left, len(open_cells)))
        else:
            picks = rng.choices(open_cells, weights=[weights[i] for i in open_cells], k=min(left, 64))
        for i in picks:
            if left and counts[i] < caps[i]:
                counts[i] += 1
                left -= 1
        open_cells = [i for i in open_cells if counts[i] < caps[i]]
    return counts


def composition(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` split into `parts` positive integers, uneven like real handouts."""
    parts = max(1, min(parts, total))
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    edges = [0, *cuts, total]
    return [b - a for a, b in zip(edges, edges[1:], strict=False)]


def tune_mean(
    rng: random.Random,
    values: list[int],
    target: float,
    *,
    step: int,
    lo: int,
    hi: int,
    tolerance: float = 0.04,
    eligible: Callable[[int], bool] | None = None,
) -> None:
    """Nudge values by ±step (in place, within [lo, hi]) until their mean is `target`."""
    if not values:
        return
    idx = [i for i in range(len(values)) if eligible is None or eligible(i)]
    n = len(values)
    for _ in range(20 * n):
        diff = sum(values) / n - target
        if abs(diff) <= tolerance:
            return
        i = rng.choice(idx)
        if diff > 0 and values[i] - step >= lo:
            values[i] -= step
        elif diff < 0 and values[i] + step <= hi:
            values[i] += step
    raise ValueError(f"mean {sum(values) / n:.2f} could not reach {target}")


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day in [start, end] (both inclusive)."""
    span = (end - start).days
    if span < 0:
        raise ValueError(f"empty range {start}..{end}")
    return start + dt.timedelta(days=rng.randint(0, span))


def weekdays(start: dt.date, end: dt.date) -> list[dt.date]:
    out, d = [], start
    while d <= end:
        if d.weekday() < 5:
            out.append(d)
        d += DAY
    return out


def round5(x: float, lo: int = 10, hi: int = 90) -> int:
    return int(max(lo, min(hi, 5 * round(x / 5))))


class Weighted:
    """Fast weighted choice: one random() and a bisect."""

    def __init__(self, pairs):
        self.values = [v for v, _ in pairs]
        self.cumulative = list(accumulate(w for _, w in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect(self.cumulative, rng.random() * self.total)]
