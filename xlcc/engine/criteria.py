"""SUMIF, SUMIFS, COUNTIF, COUNTIFS, AVERAGEIF and AVERAGEIFS where the engine's own
differ from Excel.

The formula engine's criteria functions agree with Excel on the everyday cases and
are fast, so they keep them. They differ in four ways, each of which a planning
workbook can meet:

* an error in a summed or averaged cell that matches is the result in Excel
  (``=SUMIFS(Agents,Day,"Mon")`` over a column holding a ``#NUM!`` is ``#NUM!``);
  the engine skips it and shows a number, silently wrong;
* an error value as the criterion matches that error (``=COUNTIF(R,A1)`` with
  ``A1`` holding ``#N/A`` counts the ``#N/A`` cells); the engine gives the error;
* a criterion that reads a logical (``"<=TRUE"``) compares logicals only;
* an array of criteria (``{1,">3"}``) gives an array of results.

The engine's copy of each call is rewritten (the file keeps its formula): a call
with a criterion of the last two kinds, or a range as a criterion, goes to the
functions below (``XLCC.SUMIF``...); any other call that sums or takes a criterion
from one cell is guarded, ``IF(OR(ISERROR(SUM(sum_range)),ISERROR(A1)),
XLCC.SUMIF(...),SUMIF(...))``, so the engine's function answers unless an error
is involved.

Criteria follow Excel: a number, logical or error matches its equal; a text
criterion starts with an optional operator (``=``, ``<>``, ``<``, ``<=``, ``>``,
``>=``) and the rest is read as a number (or date or time), a logical, an error or
text with wildcards (``*``, ``?``, ``~``) in that order; numbers compare with
numbers (and, for equality, with text that reads as that number), text with text
without case, logicals with logicals; ``"="`` matches empty cells, ``"<>"`` cells
that are not empty, ``""`` empty cells and empty text, and an empty criterion cell
is 0.
"""

import functools
import math
import operator
import re

from xlcc.engine.builtins import text_number
from xlcc.engine.calls import rewrite_calls
from xlcc.engine.lookups import error_value, is_error, lifted_at, wildcard

__all__ = ["FUNCTIONS", "register", "guard", "may_guard", "matcher"]

_ERROR_TEXT = {"#NULL!": "Null", "#DIV/0!": "Div", "#VALUE!": "Value", "#REF!": "Ref",
               "#NAME?": "Name", "#NUM!": "Num", "#N/A": "Na"}
_OPS = {"=": operator.eq, "<>": operator.ne, "<": operator.lt, "<=": operator.le,
        ">": operator.gt, ">=": operator.ge}
_OP = re.compile(r"(<=|>=|<>|=|<|>)?(.*)", re.S)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _n15(x):
    x = float(x)
    return float(f"{x:.15g}") if x and math.isfinite(x) else x


def _plain_number(text):
    try:
        return float(text)
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def _compiled(kind, criterion):
    """(kind, operator, target) of a hashable criterion; ``kind`` (its type's name) is
    part of the cache key because 1.0 and True are equal keys to Python."""
    if isinstance(criterion, tuple):  # an error value, as ("error", kind)
        return "error", "=", criterion[1]
    if isinstance(criterion, bool):
        return "bool", "=", criterion
    if criterion is None:
        return "number", "=", 0.0
    if _is_number(criterion):
        return "number", "=", _n15(criterion)
    op, rest = _OP.fullmatch(criterion).groups()
    if not rest:
        return "empty", op or "", None
    number = _plain_number(rest.strip()) if rest.strip() else None
    if number is None:
        parsed = text_number(rest)
        number = parsed if parsed is not None else None
    if number is not None:
        return "number", op or "=", _n15(number)
    if rest.upper() in ("TRUE", "FALSE"):
        return "bool", op or "=", rest.upper() == "TRUE"
    if rest.upper() in _ERROR_TEXT:
        return "error", op or "=", _ERROR_TEXT[rest.upper()]
    if (op or "=") in ("=", "<>"):
        pattern = wildcard(rest)
        if pattern is not None:
            return "pattern", op or "=", pattern
    return "text", op or "=", rest.lower()


def matcher(criterion):
    """A predicate on cell values for an Excel criterion (number, text, logical, error
    value or None for an empty criterion cell)."""
    key = ("error", criterion["kind"]) if is_error(criterion) else criterion
    kind, op, target = _compiled(type(key).__name__, key)
    compare = _OPS.get(op)
    if kind == "empty":
        if op == "=":
            return lambda v: v is None
        if op == "<>":
            return lambda v: v is not None and v != ""
        if op == "":
            return lambda v: v is None or v == ""
        return lambda v: isinstance(v, str) and compare(v.lower(), "")
    if kind == "number":
        def equal(v):
            if _is_number(v):
                return _n15(v) == target
            if isinstance(v, str):
                x = _plain_number(v.strip()) if v.strip() else None
                return x is not None and _n15(x) == target
            return False
        if op == "=":
            return equal
        if op == "<>":
            return lambda v: not equal(v)
        return lambda v: _is_number(v) and compare(_n15(v), target)
    if kind == "bool":
        if op == "<>":
            return lambda v: not (isinstance(v, bool) and v == target)
        return lambda v: isinstance(v, bool) and compare(v, target)
    if kind == "error":
        same = lambda v: is_error(v) and v.get("kind") == target  # noqa: E731
        return (lambda v: not same(v)) if op == "<>" else same
    if kind == "pattern":
        same = lambda v: isinstance(v, str) and bool(target.fullmatch(v))  # noqa: E731
        return (lambda v: not same(v)) if op == "<>" else same
    if op == "<>":
        return lambda v: not (isinstance(v, str) and v.lower() == target)
    return lambda v: isinstance(v, str) and compare(v.lower(), target)


def _grid(value):
    return value if isinstance(value, list) else [[value]]


def _flat(grid):
    return [v for row in grid for v in row]


def _matches(pairs):
    """Which cells (flat positions) meet every (range, criterion) pair; #VALUE! when
    the ranges differ in shape."""
    shape = None
    selected = None
    for rng, criterion in pairs:
        grid = _grid(rng)
        dims = (len(grid), len(grid[0]) if grid else 0)
        if shape is not None and dims != shape:
            return error_value("Value")
        shape = dims
        test = matcher(criterion)
        hits = [test(v) for v in _flat(grid)]
        selected = hits if selected is None else [a and b for a, b in zip(selected, hits)]
    return selected, shape


def _values_at(values, shape):
    """The summed (averaged) cells over ``shape``: Excel takes a sum range of another
    size from its top-left cell at the criteria range's size."""
    grid = _grid(values)
    rows, cols = shape
    return [grid[i][j] if i < len(grid) and j < len(grid[i]) else None
            for i in range(rows) for j in range(cols)]


def _total(values, selected, average):
    total, count = 0.0, 0
    for value, hit in zip(values, selected):
        if not hit:
            continue
        if is_error(value):
            return value
        if _is_number(value):
            total += value
            count += 1
    if average:
        return total / count if count else error_value("Div")
    return total


def _pairs(args):
    return [(args[k], args[k + 1]) for k in range(0, len(args) - 1, 2)]


def _aggregate(values, pairs, average):
    found = _matches(pairs)
    if is_error(found):
        return found
    selected, shape = found
    return _total(_values_at(values, shape), selected, average)


@lifted_at(1)
def countif(range_, criterion):
    """COUNTIF(range, criterion) as Excel: an error criterion counts that error."""
    found = _matches([(range_, criterion)])
    return found if is_error(found) else float(sum(found[0]))


@lifted_at(lambda n: range(1, n, 2))
def countifs(*args):
    """COUNTIFS(range1, criterion1, ...) as Excel: ranges of different shapes are
    #VALUE!."""
    if len(args) % 2:
        return error_value("Value")
    found = _matches(_pairs(args))
    return found if is_error(found) else float(sum(found[0]))


@lifted_at(1)
def sumif(range_, criterion, sum_range=None):
    """SUMIF(range, criterion, [sum_range]) as Excel: a matched error cell is the
    result."""
    return _aggregate(range_ if sum_range is None else sum_range, [(range_, criterion)],
                      False)


@lifted_at(lambda n: range(2, n, 2))
def sumifs(sum_range, *pairs):
    """SUMIFS(sum_range, range1, criterion1, ...) as Excel."""
    if not pairs or len(pairs) % 2:
        return error_value("Value")
    return _aggregate(sum_range, _pairs(pairs), False)


@lifted_at(1)
def averageif(range_, criterion, average_range=None):
    """AVERAGEIF(range, criterion, [average_range]) as Excel: no number matched is
    #DIV/0!, a matched error cell is the result."""
    return _aggregate(range_ if average_range is None else average_range,
                      [(range_, criterion)], True)


@lifted_at(lambda n: range(2, n, 2))
def averageifs(average_range, *pairs):
    """AVERAGEIFS(average_range, range1, criterion1, ...) as Excel."""
    if not pairs or len(pairs) % 2:
        return error_value("Value")
    return _aggregate(average_range, _pairs(pairs), True)


#: engine name -> (callable, min args, max args)
FUNCTIONS = {
    "XLCC.COUNTIF": (countif, 2, 2), "XLCC.COUNTIFS": (countifs, 2, 254),
    "XLCC.SUMIF": (sumif, 2, 3), "XLCC.SUMIFS": (sumifs, 3, 255),
    "XLCC.AVERAGEIF": (averageif, 2, 3), "XLCC.AVERAGEIFS": (averageifs, 3, 255),
}


def register(book):
    """Register the Excel-conforming criteria functions on the engine workbook."""
    for name, (fn, lo, hi) in FUNCTIONS.items():
        book.register_function(name, fn, min_args=lo, max_args=hi)


# -- rewriting the engine's copy ----------------------------------------------------------
_CALL = re.compile(r"(?<![\w.])(?:_xlfn\.)?(SUMIFS?|COUNTIFS?|AVERAGEIFS?)\s*\(", re.I)
_CELL = re.compile(r"\s*(?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?\$?[A-Za-z]{1,3}\$?\d+\s*")
_SPECIAL_TEXT = re.compile(r'\s*"(?:<=|>=|<>|=|<|>)?\s*(?:TRUE|FALSE|#[A-Z/0!?]+)\s*"\s*', re.I)
_SPECIAL_LITERAL = re.compile(r"\s*(?:TRUE|FALSE|#[A-Z/0!?]+)\s*", re.I)


def may_guard(formula):
    """Whether ``formula`` may call a criteria function."""
    return "IF" in formula.upper() and bool(_CALL.search(formula))


def _layout(name, args):
    """(positions of criteria, the summed argument or None) of one call."""
    n = len(args)
    if name in ("COUNTIF", "COUNTIFS"):
        return list(range(1, n, 2)), None
    if name in ("SUMIF", "AVERAGEIF"):
        return [1], args[2] if n > 2 and args[2].strip() else args[0]
    return list(range(2, n, 2)), args[0]


def _special(criterion):
    """Whether a criterion argument needs Excel's own matching whatever the data: an
    array constant, a range, a logical or an error, written or in quotes."""
    text = criterion.strip()
    return text.startswith("{") or (":" in text and not text.startswith('"')) \
        or bool(_SPECIAL_TEXT.fullmatch(criterion) or _SPECIAL_LITERAL.fullmatch(criterion))


def guard(formula):
    """``formula`` with each criteria call routed or guarded as the module says."""
    def rewrite(name, head, args):
        name = name.upper()
        positions, summed = _layout(name, args)
        call = ",".join(args) + ")"
        if any(_special(args[p]) for p in positions if p < len(args)):
            return f"XLCC.{name}({call}"
        tests = [f"ISERROR({args[p].strip()})" for p in positions
                 if p < len(args) and _CELL.fullmatch(args[p])]
        if summed is not None and summed.strip():
            tests.insert(0, f"ISERROR(SUM({summed.strip()}))")
        if not tests:
            return None
        condition = tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"
        return f"IF({condition},XLCC.{name}({call},{head}{call})"
    return rewrite_calls(formula, _CALL, rewrite)
