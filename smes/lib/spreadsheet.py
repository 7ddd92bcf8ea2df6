"""Formula injection: the one escaping of cells written for a spreadsheet.

A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage
return as a formula (OWASP "CSV injection"). Every text cell we write
(interchange CSV/XLSX, the admin's exports, the GDPR export, the annual
report's XLSX) that starts so gets a leading apostrophe, unless it is a
plain number ("-5", "+3.25": a spreadsheet reads it as that number, and the
interchange needs negative quantities to stay numbers). Our import removes
the apostrophe again (smes.interchange.widgets.TextWidget).
"""

from __future__ import annotations

import re
from typing import Any

#: What a formula may start with.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ASCII digits only (\d would let "-٣" through) and the whole text
# (fullmatch: "$" would accept "-5\n").
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?", re.ASCII)


_STARTS = frozenset(FORMULA_START)


def escape_row(row) -> list:
    """Every cell of a row with a leading apostrophe if a spreadsheet would
    run it: the rule, stated once. One loop for the whole row (the exports
    write hundreds of thousands of cells: a call per cell was a sixth of
    their time)."""
    fullmatch = _PLAIN_NUMBER.fullmatch
    return ["'" + v if isinstance(v, str) and v[:1] in _STARTS and not fullmatch(v) else v for v in row]


def escape_cell(value: Any) -> Any:
    """`value` with a leading apostrophe if a spreadsheet would run it."""
    return escape_row((value,))[0]
