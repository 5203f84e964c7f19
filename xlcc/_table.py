"""Reading the CSV files planners export, in either locale.

Excel in a Spanish locale saves CSV with ``;`` between fields and ``,`` as the
decimal mark (``1.250,5``); in an English locale with ``,`` and ``.``. The
separator is sniffed from the first non-blank line and tells which it is.
"""

import csv
import io

__all__ = ["read_rows", "parse_number"]


def read_rows(path):
    """(rows, decimal_comma): every record of the file, blank ones included so that
    a row's index + 1 is its line number, and whether numbers use a decimal comma."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        text = f.read()
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect)), dialect.delimiter == ";"


def parse_number(text, decimal_comma, blank=float("nan")):
    """A number from a cell (``1.250,5`` when ``decimal_comma``); ``blank`` for an empty
    cell; ValueError for anything else."""
    text = text.strip()
    if not text:
        return blank
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".")
    return float(text)
