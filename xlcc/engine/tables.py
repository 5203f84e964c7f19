"""Excel tables ("Table1", inserted with Ctrl+T) and their structured references.

The formula engine resolves structured references (``=SUM(Table1[Agents])``,
``Table1[#Totals]``, ``Table1[[#Headers],[#Data],[Day]]``) once it knows the table,
but its file reader does not read the table parts: :func:`read_tables` reads them
(``xl/tables/tableN.xml`` through each sheet's relationships) and :func:`add_tables`
declares them. A "this row" reference (``[@Agents]``, stored in the file as
``Table1[[#This Row],[Agents]]``) is the formula's own row of the table's columns;
the engine refuses it outside the table, so the engine's copy of such a formula
gets the cells themselves (``'Plan'!$E$7``), as Excel evaluates them; a row outside
the table's data is #VALUE!.
"""

import re
from dataclasses import dataclass

from xlcc.engine.calls import closing_quote
from xlcc.engine.cells import col_letters, parse_range
from xlcc.engine.package import NS

__all__ = ["Table", "read_tables", "add_tables", "may_refer", "this_row"]


@dataclass(frozen=True)
class Table:
    """One table: its name, sheet, area (header and totals rows included) and columns."""

    name: str
    sheet: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    columns: tuple
    header_row: bool
    totals_row: bool

    @property
    def data_rows(self):
        return (self.first_row + self.header_row, self.last_row - self.totals_row)


def read_tables(package, sheets):
    """The tables of every worksheet in ``sheets`` (package.SheetInfo)."""
    out = []
    for sheet in sheets:
        for kind, part in package.rels(sheet.part).values():
            if kind != "table" or not package.has(part):
                continue
            root = package.xml(part)
            ref = root.get("ref")
            name = root.get("displayName") or root.get("name")
            if not ref or not name:
                continue
            r1, c1, r2, c2 = parse_range(ref)
            columns = tuple(c.get("name", "") for c in root.iter(f"{{{NS}}}tableColumn"))
            out.append(Table(name, sheet.name, r1, c1, r2, c2, columns,
                             root.get("headerRowCount", "1") != "0",
                             int(root.get("totalsRowCount", "0") or 0) > 0))
    return out


def add_tables(book, tables):
    """Declare ``tables`` to the formula-engine workbook ``book``."""
    for t in tables:
        book.add_table(t.name, t.sheet, (t.first_row, t.first_col, t.last_row, t.last_col),
                       list(t.columns), header_row=t.header_row, totals_row=t.totals_row)


def may_refer(formula):
    """Whether ``formula`` may hold a structured reference to rewrite: "this row", or
    a column of the table the formula is in, written without the table's name."""
    return "#this row" in formula.lower() or bool(re.search(r"(?<![\w.\]])\[", formula))


def _unescape(name):
    return re.sub(r"'(.)", r"\1", name)


def _items(spec):
    """The bracketed items of a specifier (``[#This Row],[A]:[B]`` -> ["#This Row",
    "A", ":", "B"]); a bare one (``#This Row``, ``@A``) as a one-item list."""
    if not spec.startswith("["):
        return [spec]
    out, i = [], 0
    while i < len(spec):
        ch = spec[i]
        if ch == "[":
            j, text = i + 1, []
            while j < len(spec) and spec[j] != "]":
                if spec[j] == "'" and j + 1 < len(spec):
                    text.append(spec[j + 1])
                    j += 2
                    continue
                text.append(spec[j])
                j += 1
            out.append("".join(text))
            i = j + 1
        elif ch == ":":
            out.append(":")
            i += 1
        else:
            i += 1
    return out


def _closing_bracket(formula, i):
    """Index of the ``]`` closing the ``[`` at ``i`` (``'`` escapes the next character)."""
    depth, j = 0, i
    while j < len(formula):
        ch = formula[j]
        if ch == "'":
            j += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return None


def _sheet_ref(sheet, row, c1, c2):
    quoted = "'" + sheet.replace("'", "''") + "'"
    first = f"${col_letters(c1)}${row}"
    return f"{quoted}!{first}" + (f":${col_letters(c2)}${row}" if c2 != c1 else "")


def _resolve(table, items, row):
    """A1 text for a this-row reference of ``table`` at ``row``; None if the items are
    not a this-row reference the rewrite knows."""
    items = [i[1:] if i.startswith("@") else i for i in items]
    names = [i for i in items if i and i.lower() != "#this row"]
    lowered = [c.lower() for c in table.columns]
    if ":" in names:
        k = names.index(":")
        if k == 0 or k + 1 >= len(names):
            return None
        names = [names[k - 1], names[k + 1]]
    try:
        cols = [lowered.index(n.lower()) for n in names] if names else [0, len(lowered) - 1]
    except ValueError:
        return None
    first, last = table.data_rows
    if not first <= row <= last:
        return "#VALUE!"
    c1, c2 = table.first_col + min(cols), table.first_col + max(cols)
    return _sheet_ref(table.sheet, row, c1, c2)


def this_row(formula, row, col, sheet, tables):
    """``formula`` with each "this row" structured reference of ``tables`` replaced by
    the cells of the formula's ``row``, and each reference without a table name
    (``[@Col]``, ``[Col]``) read as one to the table the cell (``sheet``, ``row``,
    ``col``) is in; unchanged if there is none."""
    by_name = {t.name.lower(): t for t in tables}
    here = next((t for t in tables if t.sheet == sheet and t.first_row <= row <= t.last_row
                 and t.first_col <= col <= t.last_col), None)
    out, i, n = [], 0, len(formula)
    while i < n:
        ch = formula[i]
        if ch in "\"'":  # a text literal or a quoted sheet name
            j = closing_quote(formula, i)
            out.append(formula[i:j + 1])
            i = j + 1
            continue
        if ch == "[":
            start = i
            while start > 0 and (formula[start - 1].isalnum() or formula[start - 1] in "_."):
                start -= 1
            name = formula[start:i]
            table = by_name.get(name.lower()) if name else here
            close = _closing_bracket(formula, i)
            if table is not None and close is not None:
                items = _items(formula[i + 1:close])
                if any(it.lower() == "#this row" or it.startswith("@") for it in items):
                    resolved = _resolve(table, items, row)
                    if resolved is not None:
                        del out[len(out) - (i - start):]
                        out.append(resolved)
                        i = close + 1
                        continue
                if not name and not formula[i + 1:close].isdigit():
                    # [Col] inside the table: the engine needs the table's name ([1] is
                    # an external workbook)
                    out.append(table.name + formula[i:close + 1])
                    i = close + 1
                    continue
        out.append(ch)
        i += 1
    return "".join(out)
