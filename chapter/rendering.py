"""From a text as written to what the chapter prints.

A text is Markdown (headings, paragraphs, lists, bold, italic) in which a
figure is a placeholder naming its key of the report JSON,
`{tenants.accompanied}`. Rendering replaces each placeholder by the value
formatted as the report's figures are (reports.presentation.fmt: the active
language's decimal comma), turns the Markdown into HTML and keeps only a
small set of tags (nh3): nothing a text holds can run script. The preview
also marks the numbers typed by hand, which do not follow the data.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import markdown
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.presentation import fmt
from reports.series import COUNT, MEAN, MINUTES, PCT, RATIO, SERIES_BY_KEY

PLACEHOLDER = re.compile(r"\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)\s*\}")
ALLOWED_TAGS = {"p", "h3", "h4", "h5", "ul", "ol", "li", "strong", "em", "br", "blockquote"}
# A number typed in the text (1760, 86 %, 20,6) — not one inside a word
# (ETHOS1) nor a year (2013, 2025), which is no figure.
TYPED_NUMBER = re.compile(r"(?<![\w\uE000-\uF8FF])\d+(?:[.,\u202f\u00a0]\d+)*(?:\s?%)?(?![\w\uE000-\uF8FF])")
YEAR = re.compile(r"(19|20)\d\d")
_TOKEN_OPEN, _TOKEN_CLOSE, _TOKEN_BASE = "\ue000", "\ue001", 0xE100


def flatten(data: dict, prefix: str = "") -> dict[str, Any]:
    """The report's scalar figures by dotted key (lists such as the GAF rows are not figures)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        elif isinstance(value, bool) or isinstance(value, list | tuple | str):
            continue
        elif value is None or isinstance(value, int | float | Decimal):
            out[path] = value
    return out


def unit_of(key: str, value: Any) -> str:
    series = SERIES_BY_KEY.get(key)
    if series is not None:
        return series.unit
    last = key.rsplit(".", 1)[-1]
    parent = key.rsplit(".", 2)[-2] if key.count(".") >= 1 else ""
    if last.endswith("_pct") or parent.endswith("_pct") or last == "pct":
        return PCT
    if last.endswith("_min") or parent.endswith("_min") or last.endswith("_minutes"):
        return MINUTES
    if last.endswith("per_month"):
        return RATIO
    if "fte" in last or "fte" in parent:
        return MEAN  # 9 ETP, 0,8 ETP
    if isinstance(value, float | Decimal) and value != int(value):
        return MEAN
    return COUNT


def format_figure(key: str, value: Any) -> str:
    return fmt(value, unit_of(key, value))


def placeholders(body: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(body or "")]


def unknown_placeholders(body: str, values: dict[str, Any]) -> list[str]:
    seen: list[str] = []
    for key in placeholders(body):
        if key not in values and key not in seen:
            seen.append(key)
    return seen


def unknown_message(keys: list[str]) -> str:
    return _("Chiffre inconnu : %(keys)s. Un chiffre s'écrit {clé} avec une clé du rapport (liste ci-dessous).") % {
        "keys": ", ".join("{" + k + "}" for k in keys)
    }


def _token(n: int) -> str:
    return _TOKEN_OPEN + chr(_TOKEN_BASE + n) + _TOKEN_CLOSE


def _mark_typed(html: str) -> str:
    parts = re.split(r"(<[^>]+>)", html)
    for i, part in enumerate(parts):
        if part.startswith("<"):
            continue
        parts[i] = TYPED_NUMBER.sub(
            lambda m: m.group(0) if YEAR.fullmatch(m.group(0)) else f'<mark class="typed">{m.group(0)}</mark>', part
        )
    return "".join(parts)


def render(body: str, values: dict[str, Any], *, preview: bool = False) -> SafeString:
    """The text as HTML: placeholders replaced by their formatted value (an
    unknown one shows as itself, in the preview flagged), only safe tags kept;
    `preview` marks the typed numbers and the live figures."""
    found: list[str] = []

    def swap(match: re.Match) -> str:
        found.append(match.group(1))
        return _token(len(found) - 1)

    text = PLACEHOLDER.sub(swap, body or "")
    html = markdown.markdown(text, output_format="html")
    # The section has its own heading (h2): a text's '#' is a sub-heading.
    html = re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 5)}>", html)
    html = nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, strip_comments=True)
    if preview:
        html = _mark_typed(html)
    for n, key in enumerate(found):
        if key in values:
            shown = escape(format_figure(key, values[key]))
            out = f'<span class="live" title="{{{escape(key)}}}">{shown}</span>' if preview else shown
        else:
            out = f'<span class="unknown">{{{escape(key)}}}</span>' if preview else escape("{" + key + "}")
        html = html.replace(_token(n), out)
    return mark_safe(html)


def render_plain(body: str, values: dict[str, Any]) -> str:
    """The text as written with the placeholders replaced (the JSON's `rendered`)."""
    return PLACEHOLDER.sub(
        lambda m: format_figure(m.group(1), values[m.group(1)]) if m.group(1) in values else m.group(0), body or ""
    )
