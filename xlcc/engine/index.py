"""INDEX given arrays of positions in an array formula, as Excel evaluates it.

In an array formula Excel evaluates INDEX once per position when a row, column or
area number is an array: ``{=INDEX(C52:H54,E53:E54,1)}`` with 2 and 1 in E53:E54
is the column {C53;C52}; ``{=INDEX((C52:C54,D52:D54),1,1,E52:E54)}`` picks an area
per element. The formula engine answers #VALUE! for both (formualizer 0.13 does not
lift INDEX, and it has no reference unions). The engine's copy of such a call in an
array formula reads ``XLCC.INDEX(kind,array,rows[,cols])`` or
``XLCC.INDEXAREAS(rows,cols,areas,area1,area2,...)``, evaluated here element by
element with Excel's rules (its cached values in formulas' test.xlsx, sheet
LOOKUP):

* one index on a one-row or one-column array counts along it; on a range of several
  rows and columns it is #REF!, on an array constant it picks the row, whose first
  element is the element's value (``INDEX({2,3;4,5},2)`` gives 4 there);
* 0 means the whole row or column (its first element here), a negative index is
  #VALUE!, one beyond the array #REF!, an error index is that error;
* an area number below 1 is #VALUE!, beyond the areas #REF!.

Calls whose positions are single values stay with the engine.
"""

import math
import re

from xlcc.engine.calls import call_arguments, rewrite_calls
from xlcc.engine.cells import literal_area
from xlcc.engine.lookups import error_value, is_error, lifted_at

__all__ = ["FUNCTIONS", "register", "route"]

_INDEX = re.compile(r"(?<![\w.])(INDEX)\s*\(", re.I)


def _whole_number(value):
    """An index as Excel reads it (truncated), or an error value."""
    if is_error(value):
        return value
    if value is None:
        return 0
    if isinstance(value, bool):
        return error_value("Value")
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return error_value("Value")
    if not math.isfinite(value):
        return error_value("Num")
    n = math.trunc(value)
    return error_value("Value") if n < 0 else n


def _grid(values):
    return values if isinstance(values, list) else [[values]]


def _one(reference, values, row, col, col_given):
    """One element of INDEX: ``values`` a 2-D list, ``reference`` whether it came from
    a range (a 2-D range given only a row is #REF!) rather than an array."""
    grid = _grid(values)
    r = _whole_number(row)
    if is_error(r):
        return r
    c = _whole_number(col) if col_given else 0
    if is_error(c):
        return c
    rows, cols = len(grid), max(len(line) for line in grid)
    if not col_given:
        if rows == 1:
            r, c = 1, r
        elif cols == 1:
            c = 1
        elif reference:
            return error_value("Ref")
    if r > rows or c > cols:
        return error_value("Ref")
    line = grid[max(r, 1) - 1]
    j = max(c, 1) - 1
    value = line[j] if j < len(line) else None
    return 0.0 if value is None else value


@lifted_at(2, 3)
def index(kind, values, row, col):
    """``XLCC.INDEX(kind, array, row, col)``: kind bit 1 set for a range (else an
    array), bit 2 set when a column was given."""
    kind = int(kind)
    return _one(bool(kind & 1), values, row, col, bool(kind & 2))


@lifted_at(0, 1, 2)
def index_areas(row, col, area, col_given, *areas):
    """``XLCC.INDEXAREAS(row, col, area, col_given, area1, area2, ...)``."""
    k = _whole_number(area)
    if is_error(k):
        return k
    if k < 1:
        return error_value("Value")
    if k > len(areas):
        return error_value("Ref")
    return _one(True, areas[k - 1], row, col, bool(col_given))


FUNCTIONS = {
    "XLCC.INDEX": (index, 4, 4),
    "XLCC.INDEXAREAS": (index_areas, 5, 255),
}


def register(book):
    """Register the element-by-element INDEX on the formula-engine workbook ``book``."""
    for name, (fn, lo, hi) in FUNCTIONS.items():
        book.register_function(name, fn, min_args=lo, max_args=hi)


def _array_position(arg):
    """Whether an index argument may be an array: a range or an array constant."""
    return ":" in arg or "{" in arg


def route(formula):
    """``formula`` (an array formula's text) with each INDEX call given an array of
    positions renamed to the element-by-element version."""
    def rename(name, head, args):
        if len(args) < 2 or len(args) > 4 or not any(_array_position(a) for a in args[1:]):
            return None
        if any(a.strip() == "0" for a in args[1:3]):  # whole rows or columns: the engine's
            return None
        first, row = args[0].strip(), args[1]
        has_col = len(args) > 2 and bool(args[2].strip())
        col = args[2] if has_col else "0"
        if len(args) == 4:
            parsed = call_arguments(first, 0) if first.startswith("(") else None
            areas = parsed[0] if parsed and parsed[1] == len(first) - 1 else [first]
            return (f"XLCC.INDEXAREAS({row},{col},{args[3]},{int(has_col)},"
                    + ",".join(areas) + ")")
        kind = (1 if literal_area(first, lines=False) else 0) | (2 if has_col else 0)
        return f"XLCC.INDEX({kind},{args[0]},{row},{col})"
    return rewrite_calls(formula, _INDEX, rename)
