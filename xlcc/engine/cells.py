"""The formula cells of one worksheet part, as Excel wrote them.

Reads ``<c>`` elements with an ``<f>`` child: the cell, the kind of formula
(``normal``, ``shared`` master or member, ``array``), an array formula's range
and whether it is a dynamic array (``cm`` points at XLDAPR cell metadata), and
the cached value Excel stored. The engine uses this to know which cells to
write back and which array ranges to free before evaluation; the conformance
suite uses the cached values as Excel's answers.
"""

import functools
import re
from dataclasses import dataclass

from xlcc.engine.package import NS

__all__ = ["FormulaCell", "formula_cells", "read_formula_cells", "positions", "split_ref", "parse_range",
           "literal_area", "col_letters",
           "col_number",
           "cached_value",
           "typed_cached", "new_formula_cell", "escape_text", "unescape_text"]

_C, _F, _V, _IS, _T = (f"{{{NS}}}{t}" for t in ("c", "f", "v", "is", "t"))
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


@dataclass
class FormulaCell:
    """One formula cell: 1-based row and column, and what Excel stored for it."""

    row: int
    col: int
    text: str  # the formula as stored (no leading '='); '' for a shared-formula member
    kind: str  # "normal" | "shared" | "array"
    ref: str  # range of a shared master or array formula ('' otherwise)
    dynamic: bool  # an Excel 365 dynamic-array formula (spills)
    cached: object  # Excel's cached value: float, str, bool, an error text, or None
    master: str = ""  # a shared formula's text as its master cell stores it
    origin: tuple = ()  # (row, col) of the cell ``master`` belongs to: relative refs shift from it

    @property
    def address(self):
        return f"{col_letters(self.col)}{self.row}"


def col_letters(col):
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@functools.lru_cache(maxsize=None)
def col_number(letters):
    """``"AB"`` (any case) -> 28."""
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col


def split_ref(ref):
    """``"B12"`` -> (12, 2)."""
    m = _REF.match(ref)
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), col_number(m.group(1))


_LITERAL_AREA = re.compile(
    r"\s*(?:(?P<sheet>'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?"
    r"(?:\$?(?P<c1>[A-Za-z]{1,3})\$?(?P<r1>\d+)(?::\$?(?P<c2>[A-Za-z]{1,3})\$?(?P<r2>\d+))?"
    r"|\$?(?P<cc1>[A-Za-z]{1,3}):\$?(?P<cc2>[A-Za-z]{1,3})"
    r"|\$?(?P<rr1>\d+):\$?(?P<rr2>\d+))\s*")
_MAX_ROW, _MAX_COL = 1_048_576, 16_384


def literal_area(text, lines=True):
    """(sheet as written or None, first row, first column, last row, last column) of
    a literal reference: ``B2``, ``'My sheet'!$A$1:$C$9`` and, with ``lines``, whole
    columns ``A:C`` and rows ``3:5``; None for any other text or beyond the grid.
    Spaces around it are ignored."""
    m = _LITERAL_AREA.fullmatch(text)
    if not m or not lines and not m.group("c1"):
        return None
    if m.group("c1"):
        r1, c1 = int(m.group("r1")), col_number(m.group("c1"))
        r2, c2 = (int(m.group("r2")), col_number(m.group("c2"))) if m.group("c2") \
            else (r1, c1)
    elif m.group("cc1"):
        r1, r2 = 1, _MAX_ROW
        c1, c2 = col_number(m.group("cc1")), col_number(m.group("cc2"))
    else:
        r1, r2, c1, c2 = int(m.group("rr1")), int(m.group("rr2")), 1, _MAX_COL
    if not (1 <= min(r1, r2) and max(r1, r2) <= _MAX_ROW and max(c1, c2) <= _MAX_COL):
        return None
    return m.group("sheet"), min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def parse_range(ref):
    """``"B2:D9"`` -> (2, 2, 9, 4): first row, first column, last row, last column."""
    first, _, last = ref.partition(":")
    r1, c1 = split_ref(first)
    r2, c2 = split_ref(last) if last else (r1, c1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def unescape_text(text):
    """OOXML text with ``_xHHHH_`` escapes (control characters) decoded."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def escape_text(text):
    """Text as OOXML stores it: characters XML cannot hold as ``_xHHHH_``, and a literal
    ``_xHHHH_`` protected as ``_x005F_xHHHH_`` (what Excel writes)."""
    def one(m):
        s = m.group(0)
        return "_x005F" + s if len(s) > 1 else f"_x{ord(s):04X}_"
    return _UNSAFE.sub(one, text)


def typed_cached(kind, text):
    """A cached ``<v>`` text (None when the cell has none) typed by the cell's ``t``:
    number, text, bool, error text or None."""
    if text is None:
        return "" if kind == "str" else None
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind in ("str", "e", "s"):
        return unescape_text(text)  # 's' (a shared-string index) does not occur for formula cells
    try:
        return float(text)
    except ValueError:
        return text


def cached_value(cell):
    """The value Excel cached in ``<c>``, typed: number, text, bool, error text or None."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        node = cell.find(_IS)
        return unescape_text("".join(t.text or "" for t in node.iter(_T))) \
            if node is not None else ""
    return typed_cached(kind, cell.findtext(_V))


def new_formula_cell(row, col, text, kind, ref, si, cm, cached, masters, dynamic_metadata):
    """The FormulaCell for one ``<f>``, or None for the empty ``<f/>`` that marks a cell a
    dynamic array spills into; ``masters`` ({si: (text, (row, col))}) collects shared-formula
    masters in document order, with their cells. One rule for the byte scanner and the
    element tree."""
    if kind == "normal" and not text.strip():
        return None
    master, origin = text, (row, col)
    if kind == "shared":
        if text:
            masters[si] = (text, origin)
        master, origin = masters.get(si, (text, origin))
    return FormulaCell(row, col, text, kind, ref,
                       kind == "array" and cm is not None and int(cm) in dynamic_metadata,
                       cached, master, origin)


def positions(root):
    """(``<c>`` element, row, column) for every cell; a cell or row without its ``r``
    attribute (allowed by the standard, written by some generators) follows the previous."""
    row = 0
    for row_el in root.iter(f"{{{NS}}}row"):
        row = int(row_el.get("r", row + 1))
        col = 0
        for cell in row_el.iter(_C):
            ref = cell.get("r")
            if ref:
                row, col = split_ref(ref)
            else:
                col += 1
            yield cell, row, col


def _formula_positions(root):
    """(``<c>``, row, column) of the cells holding an ``<f>``; XPath picks them in C, and
    only a sheet with cells lacking ``r`` needs the slow walk over every cell."""
    found = root.xpath("//m:sheetData/m:row/m:c[m:f]", namespaces={"m": NS})
    if all(c.get("r") for c in found):
        for cell in found:
            row, col = split_ref(cell.get("r"))
            yield cell, row, col
    else:
        for cell, row, col in positions(root):
            if cell.find(_F) is not None:
                yield cell, row, col


def read_formula_cells(data, dynamic_metadata, parse):
    """The formula cells of worksheet bytes ``data``: the byte scanner when the part has
    the usual shape, else the element tree (``parse()`` gives its root)."""
    from xlcc.engine.scan import scan_formula_cells

    found = scan_formula_cells(data, dynamic_metadata)
    return found if found is not None else formula_cells(parse(), dynamic_metadata)


def formula_cells(root, dynamic_metadata=frozenset()):
    """The formula cells of a worksheet element ``root``, in document order.

    ``dynamic_metadata`` holds the ``cm`` indexes (1-based) that denote dynamic arrays.
    """
    out, masters = [], {}
    for cell, row, col in _formula_positions(root):
        f = cell.find(_F)
        fc = new_formula_cell(row, col, f.text or "", f.get("t", "normal"), f.get("ref", ""),
                              f.get("si"), cell.get("cm"), cached_value(cell), masters,
                              dynamic_metadata)
        if fc is not None:
            out.append(fc)
    return out
