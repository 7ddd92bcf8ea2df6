"""Geometry of the monthly distribution chart, drawn as SVG by a template
(no inline style: colours come from classes in static/css/rdr.css)."""

from __future__ import annotations

import math

from django.utils.translation import gettext_lazy as _

from harmreduction.models import Category

MONTHS = [
    _("janv."),
    _("févr."),
    _("mars"),
    _("avr."),
    _("mai"),
    _("juin"),
    _("juil."),
    _("août"),
    _("sept."),
    _("oct."),
    _("nov."),
    _("déc."),
]

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 12, 26


def _nice_scale(value: int) -> tuple[int, int]:
    """(axis maximum, tick step): at most five round steps (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 10, 5
    raw = value / 5
    exponent = 10 ** int(math.floor(math.log10(raw))) if raw >= 1 else 1
    step = next(m * exponent for m in (1, 2, 5, 10) if m * exponent >= raw)
    return int(step * math.ceil(value / step)), int(step)


def monthly_chart(series: dict[str, list[int]], previous: dict[str, list[int]] | None = None) -> dict:
    """Stacked bars per month (one segment per category) and, if given, the
    previous year's monthly totals as a line."""
    totals = [sum(series[c][m] for c in series) for m in range(12)]
    prev_totals = [sum(previous[c][m] for c in previous) for m in range(12)] if previous else None
    top, step = _nice_scale(max(totals + (prev_totals or []) + [0]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / 12
    bar_w = slot * 0.62

    def y(value: float) -> float:
        return round(TOP + plot_h - value / top * plot_h, 1)

    bars = []
    for m in range(12):
        x = round(LEFT + m * slot + (slot - bar_w) / 2, 1)
        base = 0
        segments = []
        for code, label in Category.choices:
            value = series.get(code, [0] * 12)[m]
            if value:
                segments.append(
                    {
                        "x": x,
                        "y": y(base + value),
                        "w": round(bar_w, 1),
                        "h": round(y(base) - y(base + value), 1),
                        "css": code.lower().replace("_", "-"),
                        "title": f"{MONTHS[m]} — {label} : {value}",
                    }
                )
            base += value
        bars.append(
            {
                "segments": segments,
                "label": MONTHS[m],
                "label_x": round(LEFT + m * slot + slot / 2, 1),
                "total": totals[m],
                "total_y": y(totals[m]) - 4,
            }
        )
    ticks = [{"value": v, "y": y(v)} for v in range(0, top + 1, step)]
    prev_points = None
    if prev_totals is not None:
        prev_points = " ".join(f"{round(LEFT + m * slot + slot / 2, 1)},{y(v)}" for m, v in enumerate(prev_totals))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "label_y": HEIGHT - 8,
        "bars": bars,
        "ticks": ticks,
        "prev_points": prev_points,
        "prev_dots": [
            {"x": round(LEFT + m * slot + slot / 2, 1), "y": y(v), "title": f"{MONTHS[m]} : {v}"}
            for m, v in enumerate(prev_totals)
        ]
        if prev_totals is not None
        else [],
        "legend": [{"css": c.lower().replace("_", "-"), "label": label} for c, label in Category.choices],
        "empty": not any(totals),
        "prev_empty": not any(prev_totals or []),
    }
