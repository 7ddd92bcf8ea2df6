"""smes.lib.spreadsheet.escape_cell: the one formula escaping of every
spreadsheet we write (interchange, admin exports, GDPR export, report XLSX)."""

import pytest

from smes.lib.spreadsheet import escape_cell


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+1+1",
        "-1+A1",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1)",
        "\tx",
        "\r=1",
        "=",
        "-",
        "-5\n",  # not a plain number: "$" in a regex would have let it through
        "-٣",  # Arabic-Indic digit: not a number for a spreadsheet
        '=HYPERLINK("http://evil.example","x")',
    ],
)
def test_it_neutralises_formula_starts(text):
    assert escape_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-5", "+32", "-3.25", "12"])
def test_it_leaves_plain_numbers_written_as_text(text):
    # A spreadsheet reads them as numbers, never runs them; the interchange
    # exports negative quantities so and reads them back as numbers.
    assert escape_cell(text) == text


def test_it_leaves_other_values():
    assert escape_cell("Foyer Schaerbeekois") == "Foyer Schaerbeekois"
    assert escape_cell("a=b") == "a=b"
    assert escape_cell("") == ""
    assert escape_cell(-3) == -3
    assert escape_cell(None) is None


def test_a_whole_row_is_escaped_as_each_cell_is():
    from smes.lib.spreadsheet import escape_row

    row = ["=1+1", "-5", "", None, 3, "-5\n", "\r=1", "plain", "@x", "+32", "-٣", "'=already", "x=1"]
    assert escape_row(row) == [escape_cell(v) for v in row]
    assert escape_row(row)[0] == "'=1+1" and escape_row(row)[1] == "-5"
