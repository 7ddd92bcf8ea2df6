"""Formula-injection-safe export formats.

A spreadsheet runs a cell that starts with =, +, -, @ (or a tab/CR before
them) as a formula. Every text cell we export that starts so, and is not a
plain number, gets a leading apostrophe; our import removes it again, so the
round trip is unchanged. django-import-export's own escaping only strips a
leading "=", so the admin uses these formats too (smes.interchange.admin).
"""

from __future__ import annotations

import re

from import_export.formats import base_formats

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_DANGEROUS) and not _NUMBER.match(value):
        return "'" + value
    return value


class _SafeMixin:
    def _escape_formulae(self, dataset):
        rows = [[escape_cell(cell) for cell in row] for row in dataset]
        headers = dataset.headers
        dataset.wipe()
        dataset.headers = headers
        for row in rows:
            dataset.append(row)


class SafeCSV(_SafeMixin, base_formats.CSV):
    pass


class SafeXLSX(_SafeMixin, base_formats.XLSX):
    pass
