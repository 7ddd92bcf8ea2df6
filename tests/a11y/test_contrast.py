"""Colour contrast of the shared palette (WCAG 2.1 AA: 1.4.3 text ≥ 4.5:1, 1.4.11 focus ring ≥ 3:1).

Parses the custom properties of static/css/app.css and checks the pairs the
interface really uses. axe-core (tests/browser/test_a11y_axe.py) checks the
rendered pages; this test names the palette pair that fails, without a browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS_DIR = Path(__file__).resolve().parents[2] / "static" / "css"


def palette() -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", (CSS_DIR / "app.css").read_text(), re.S).group(1)
    return {name: value.strip().lower() for name, value in re.findall(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\b", root)}


def rule(selector: str) -> str:
    """The declarations of the first rule in app.css whose selector is exactly `selector`."""
    css = (CSS_DIR / "app.css").read_text()
    m = re.search(r"(?m)^" + re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert m, f"rule {selector!r} not found in app.css"
    return m.group(1)


def resolve(value: str, colours: dict[str, str]) -> str:
    value = value.strip()
    m = re.fullmatch(r"var\(--([\w-]+)\)", value)
    return colours[m.group(1)] if m else value.lower()


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_ratio_formula():
    assert round(ratio("#000000", "#ffffff"), 1) == 21.0
    # The figures of issue 19, measured by axe-core, for the old palette.
    assert abs(ratio("#e9f5f3", "#2f7f79") - 4.24) < 0.02
    assert abs(ratio("#a86100", "#fff3dc") - 4.36) < 0.02


TEXT_PAIRS = [
    # (foreground, background, where)
    ("muted", "card", "secondary text on cards"),
    ("muted", "bg", "secondary text on the page"),
    ("muted", "brand-soft", "muted text in highlighted boxes"),
    ("muted", "grey-soft", ".badge.grey"),
    ("accent", "card", "accent text on white"),
    ("warn", "warn-soft", ".badge.warn, à commander, lease deadlines"),
    ("warn", "card", "warning values on cards"),
    ("ok", "ok-soft", ".badge.ok"),
    ("ok", "card", "ok values on cards"),
    ("bad", "bad-soft", ".badge.bad, errors"),
    ("bad", "card", "errors on white"),
    ("brand", "brand-soft", ".badge"),
    ("brand", "card", "links"),
    ("ink", "bg", "body text"),
    ("card", "brand", "top bar, primary buttons"),
    ("card", "brand-2", ".whoami bar, hover of primary buttons"),
    ("card", "accent", ".btn.accent"),
]


@pytest.mark.parametrize(("fg", "bg", "where"), TEXT_PAIRS)
def test_text_pairs_reach_4_5(fg, bg, where):
    colours = palette()
    r = ratio(colours[fg], colours[bg])
    assert r >= 4.5, f"--{fg} on --{bg} ({where}): {r:.2f}:1 < 4.5:1"


def test_whoami_bar_text():
    colours = palette()
    decl = rule(".whoami")
    fg = resolve(re.search(r"(?<![-\w])color:\s*([^;]+);", decl).group(1), colours)
    bg = resolve(re.search(r"background:\s*([^;]+);", decl).group(1), colours)
    assert ratio(fg, bg) >= 4.5, f".whoami {fg} on {bg}: {ratio(fg, bg):.2f}:1"


@pytest.mark.parametrize("bg", ["card", "bg", "brand-soft", "warn-soft", "ok-soft", "bad-soft"])
def test_focus_ring_reaches_3_on_light_backgrounds(bg):
    colours = palette()
    r = ratio(colours["focus"], colours[bg])
    assert r >= 3, f"focus ring on --{bg}: {r:.2f}:1 < 3:1"


@pytest.mark.parametrize("bg", ["brand", "brand-2"])
def test_focus_ring_on_the_dark_bars(bg):
    colours = palette()
    r = ratio(colours["focus-on-dark"], colours[bg])
    assert r >= 3, f"focus ring on --{bg}: {r:.2f}:1 < 3:1"


def test_no_stylesheet_keeps_the_old_pale_focus_ring():
    for css in CSS_DIR.glob("*.css"):
        text = css.read_text().lower()
        assert "#8cc5bf" not in text, f"{css.name} still draws the focus ring #8cc5bf (1.7:1)"
        for m in re.finditer(r"outline:\s*\d+px\s+solid\s+(#[0-9a-f]{3,6})", text):
            raise AssertionError(f"{css.name}: focus ring colour {m.group(1)} hard-coded; use var(--focus)")
