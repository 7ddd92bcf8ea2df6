"""The CSP forbids inline script, inline style and inline event handlers:
a template that uses one is broken in the browser. Catch it at the source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
# PDF templates are rendered by WeasyPrint on the server, not by a browser.
BROWSER_TEMPLATES = [t for t in TEMPLATES if ".pdf." not in t.name and "/pdf/" not in t.as_posix()]

FORBIDDEN = {
    "inline style attribute": re.compile(r"\sstyle\s*=", re.I),
    "style block": re.compile(r"<style[\s>]", re.I),
    "inline script": re.compile(r"<script(?![^>]*\bsrc\s*=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    "inline event handler": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I),
    "htmx hx-on (needs eval)": re.compile(r"\shx-on", re.I),
    "javascript: URL": re.compile(r"href\s*=\s*[\"']\s*javascript:", re.I),
    "external asset": re.compile(r"(src|href)\s*=\s*[\"']https?://", re.I),
}


def test_there_are_templates_to_check():
    assert len(BROWSER_TEMPLATES) > 20


@pytest.mark.parametrize("template", BROWSER_TEMPLATES, ids=lambda p: p.relative_to(settings.BASE_DIR).as_posix())
def test_no_template_needs_what_the_csp_blocks(template):
    text = template.read_text(encoding="utf-8")
    found = [f"{what}: {m.group(0)!r}" for what, rx in FORBIDDEN.items() for m in rx.finditer(text)]
    assert not found, found
