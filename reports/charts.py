"""Hand-written SVG charts for the report page and the PDF.

Plain strings built from the figures: deterministic (the same data gives
the same bytes), fast in WeasyPrint, no plotting library. Only presentation
attributes (fill=, font-size=) — no style attribute, which the page's CSP
would block. Every text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320  # bar charts: one phone width at 1:1, about 10 cm in the PDF
NARROW = 300  # column and split charts: half a column, so their text stays legible
FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"
INK, MUTED, GRID = "#1d2a2e", "#5f6f73", "#d9e2e1"
CURRENT, PREVIOUS, ACCENT, SOFT = "#1f5f5b", "#b9c6c4", "#c0582b", "#8fbcb7"
PALETTE = ["#1f5f5b", "#c0582b", "#6a8f3a", "#8a6fb8", "#d3a21f", "#3f7fb0", "#9a4d6b", "#5f6f73"]


@dataclass
class Bar:
    label: str
    value: float | int | Decimal | None
    text: str
    previous: float | int | Decimal | None = None
    previous_text: str = ""


def _num(value) -> float:
    return float(value or 0)


def _svg(height: float, body: list[str], title: str, width: int = WIDTH) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'width="{width}" height="{height:.0f}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}" class="report-chart">'
        f"<title>{escape(title)}</title>"
    )
    return mark_safe(head + "".join(body) + "</svg>")


def _text(x, y, content, *, size=11, anchor="start", weight="normal", fill=INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(content)}</text>'
    )


def _rect(x, y, w, h, fill, rx=2) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" rx="{rx}" fill="{fill}"/>'


def _legend(y: float, entries: list[tuple[str, str]]) -> list[str]:
    out, x = [], 0.0
    for label, color in entries:
        out.append(_rect(x, y - 9, 10, 10, color))
        out.append(_text(x + 14, y, label, size=10.5, fill=MUTED))
        x += 24 + len(label) * 6
    return out


def hbars(
    bars: list[Bar], *, title: str, current_label: str = "", previous_label: str = "", max_value=None
) -> SafeString:
    """Horizontal bars, label above each bar, optional thin bar for the previous year."""
    compare = any(b.previous is not None for b in bars)
    top = 20 if compare else 2
    row = 41 if compare else 34
    peak = _num(max_value) or max([_num(b.value) for b in bars] + [_num(b.previous) for b in bars] + [1])
    span = WIDTH - 84
    body: list[str] = []
    if compare:
        body += _legend(11, [(current_label, CURRENT), (previous_label, PREVIOUS)])
    for i, bar in enumerate(bars):
        y = top + i * row
        body.append(_text(0, y + 11, bar.label, size=12, fill=INK))
        w = span * _num(bar.value) / peak
        body.append(_rect(0, y + 16, max(w, 1.5), 12, CURRENT))
        body.append(_text(w + 5, y + 26.5, bar.text, size=12, weight="bold"))
        if compare and bar.previous is not None:
            pw = span * _num(bar.previous) / peak
            body.append(_rect(0, y + 30, max(pw, 1.5), 4.5, PREVIOUS, rx=1))
            if bar.previous_text:
                body.append(_text(pw + 5, y + 36, bar.previous_text, size=9.5, fill=MUTED))
    return _svg(top + len(bars) * row + 2, body, title)


def columns(
    points: list[tuple[str, float | None, str]], *, title: str, highlight: str | None = None, max_value=None
) -> SafeString:
    """One column per year (label, value, text); the report's year is highlighted."""
    height, base, top = 150, 126, 16
    n = max(len(points), 1)
    slot = NARROW / n
    bw = min(40, slot * 0.62)
    peak = _num(max_value) or max([_num(v) for _, v, _ in points] + [1])
    body = [f'<line x1="0" y1="{base}" x2="{NARROW}" y2="{base}" stroke="{GRID}" stroke-width="1"/>']
    for i, (label, value, text) in enumerate(points):
        cx = slot * i + slot / 2
        mine = label == highlight
        if value is not None:
            h = (base - top) * _num(value) / peak
            body.append(_rect(cx - bw / 2, base - h, bw, h, CURRENT if mine else SOFT))
            body.append(_text(cx, base - h - 4, text, size=10.5, anchor="middle", weight="bold"))
        else:
            body.append(_text(cx, base - 4, "—", size=10.5, anchor="middle", fill=MUTED))
        body.append(
            _text(
                cx,
                base + 15,
                label,
                size=10.5,
                anchor="middle",
                weight="bold" if mine else "normal",
                fill=INK if mine else MUTED,
            )
        )
    return _svg(height, body, title, NARROW)


def split(segments: list[tuple[str, int, str]], *, title: str) -> SafeString:
    """One 100 % bar split by share (label, count, text), one legend line per part."""
    total = sum(n for _, n, _ in segments) or 1
    body, x = [], 0.0
    for i, (_label, n, _shown) in enumerate(segments):
        w = NARROW * n / total
        if w > 0:
            body.append(_rect(x, 0, w, 22, PALETTE[i % len(PALETTE)], rx=0))
            if w > 34:
                body.append(
                    _text(
                        x + w / 2,
                        15,
                        f"{round(100 * n / total)} %",
                        size=10.5,
                        anchor="middle",
                        weight="bold",
                        fill="#fff",
                    )
                )
        x += w
    y = 40
    for i, (label, _n, text) in enumerate(segments):
        body.append(_rect(0, y - 9, 10, 10, PALETTE[i % len(PALETTE)]))
        body.append(_text(14, y, f"{label} : {text}", size=10.5))
        y += 16
    return _svg(y - 8, body, title, NARROW)


def gaf_bands(
    entry_counts: list[int], current_counts: list[int], *, title: str, entry_label: str, current_label: str
) -> SafeString:
    """How many tenants per GAF band of ten points, at entry and now."""
    height, base, top = 180, 150, 32
    bands = len(entry_counts)
    slot = WIDTH / bands
    bw = slot * 0.36
    peak = max(entry_counts + current_counts + [1])
    body = _legend(11, [(entry_label, SOFT), (current_label, ACCENT)])
    body.append(f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="{GRID}" stroke-width="1"/>')
    for i in range(bands):
        x = slot * i + slot / 2
        for offset, value, color in ((-bw - 1, entry_counts[i], SOFT), (1, current_counts[i], ACCENT)):
            h = (base - top) * value / peak
            body.append(_rect(x + offset, base - h, bw, h, color, rx=1))
            if value:
                body.append(_text(x + offset + bw / 2, base - h - 3, str(value), size=9, anchor="middle", fill=MUTED))
        body.append(_text(x, base + 14, f"{i * 10 + 1}–{i * 10 + 10}", size=9, anchor="middle", fill=MUTED))
    return _svg(height, body, title)
