"""Formula-injection-safe export formats.

A spreadsheet runs a cell that starts with =, +, -, @ (or a tab/CR before
them) as a formula: smes.lib.spreadsheet.escape_cell gives every such text
cell we export a leading apostrophe; our import removes it again, so the
round trip is unchanged. django-import-export's own escaping only strips a
leading "=", so the admin uses these formats too (smes.interchange.admin).
"""

from __future__ import annotations

from import_export.formats import base_formats

from smes.lib.spreadsheet import escape_cell


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
