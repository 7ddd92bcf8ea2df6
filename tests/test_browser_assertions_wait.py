"""Browser tests assert what the page shows with Playwright's `expect`, which
waits for it: `assert locator.is_visible()` reads the page once, at once,
and fails on a slow machine when the answer to a click has not arrived yet
(CI failed so on the RdR distribution's stock message)."""

from __future__ import annotations

import re
from pathlib import Path

BROWSER_TESTS = Path(__file__).parent / "browser"
IMMEDIATE = re.compile(r"assert\b[^\n]*\.(is_visible|is_hidden)\(\)|^\s*\)\.(is_visible|is_hidden)\(\)", re.M)


def test_browser_tests_wait_for_what_they_assert_is_shown():
    offenders = [
        f"{path.name}:{source[: match.start()].count(chr(10)) + 1}"
        for path in sorted(BROWSER_TESTS.glob("*.py"))
        for source in [path.read_text(encoding="utf-8")]
        for match in IMMEDIATE.finditer(source)
    ]
    assert offenders == [], "use expect(locator).to_be_visible() / to_be_hidden(): " + ", ".join(offenders)
