"""MATCH, VLOOKUP, HLOOKUP, XLOOKUP and XMATCH searching as Excel searches.

The formula engine finds an exact match as Excel does, but its approximate modes
scan for "the largest value not above" the lookup value over values of every type.
Excel does something else, and a workbook over data that is not perfectly sorted
(a column with a text note in it, a table sorted by hand) shows Excel's answer:

* MATCH type 1, VLOOKUP/HLOOKUP with range_lookup TRUE: a binary search. A value
  of another type than the lookup value met at the middle is stepped over forward
  to the next value of the right type; an equal value ends the search at the last
  of a run of equal values. (The stepping rules are those Apache POI documents
  from Excel's behaviour; they reproduce every cached value of the conformance
  fixtures, e.g. ``MATCH(4.1,{"c",4.1,"a",1.1})`` = 2 but
  ``MATCH(4.1,{"a",2.1,"c",4.1})`` = 4.)
* MATCH type -1: a scan from the first value: an equal value is the answer, the
  first value below the lookup value ends it with the value before it, and values
  of another type are passed over.
* XLOOKUP/XMATCH "next smaller/larger" and binary search modes compare across
  types in Excel's sort order, numbers < text < logicals, with an empty lookup
  value after everything (``XMATCH("b",{FALSE,2.1,TRUE,4.1},-1)`` = 4).

Text compares without case; wildcards (``*``, ``?``, ``~``) only in exact modes.
An error lookup value is the result. Given arrays where Excel expects one value
(the lookup value, a column index, a mode), each element is looked up (an array
formula's ``=VLOOKUP(A2:A9,T,2)``).

Exact-mode calls stay with the engine's own (faster) functions: only calls whose
mode is approximate, or not a literal, and every lookup in an array formula are
routed here by :func:`route`, which renames them in the engine's copy of the
formula (``MATCH(`` -> ``XLCC.MATCH(``); the file keeps its formula.
"""

import math
import re

from xlcc.engine.calls import rewrite_calls

__all__ = ["FUNCTIONS", "register", "route", "may_route", "wildcard", "lifted_at",
           "is_error", "error_value", "match", "vlookup", "hlookup", "xlookup",
           "xmatch"]

_NUM, _TEXT, _BOOL, _BLANK = 0, 1, 2, 3


def error_value(kind):
    return {"type": "Error", "kind": kind}


def is_error(value):
    return isinstance(value, dict) and value.get("type") == "Error"


def _kind(value):
    """The value's type rank in Excel's sort order, None for an error."""
    if value is None:
        return _BLANK
    if isinstance(value, bool):
        return _BOOL
    if isinstance(value, (int, float)):
        return _NUM
    if isinstance(value, str):
        return _TEXT
    return None


def _key(value):
    kind = _kind(value)
    if kind == _NUM:
        x = float(value)
        return kind, float(f"{x:.15g}") if x and math.isfinite(x) else x
    if kind == _TEXT:
        return kind, value.lower()  # not casefold: Excel keeps "ß" apart from "ss"
    if kind == _BOOL:
        return kind, int(value)
    return kind, 0


def _compare(a, b):
    """-1, 0 or 1: ``a`` against ``b`` (both of one type) as Excel orders them (numbers
    at 15 significant digits, text without case)."""
    ka, kb = _key(a), _key(b)
    return (ka > kb) - (ka < kb)


def _vector(values):
    """A one-row or one-column range as a flat list; None for a 2-D one."""
    if not isinstance(values, list):
        return [values]
    if len(values) == 1:
        return list(values[0])
    if all(len(row) == 1 for row in values):
        return [row[0] for row in values]
    return None


_WILD = re.compile(r"~([*?~])|([*?])|([^*?~]+|~)")


def wildcard(pattern):
    """A compiled regular expression for an Excel wildcard pattern, or None if there
    is no wildcard in it."""
    if not any(ch in pattern for ch in "*?~"):
        return None
    parts = []
    for escaped, wild, plain in _WILD.findall(pattern):
        parts.append(re.escape(escaped) if escaped else
                     (".*" if wild == "*" else ".") if wild else re.escape(plain))
    return re.compile("".join(parts), re.S | re.I)


def _exact(value, vector, wildcards, reverse=False):
    """Index of the first (or last) element equal to ``value``; -1 if none. A text
    value with wildcards matches text by pattern; an empty value matches an empty cell."""
    kind = _kind(value)
    order = range(len(vector) - 1, -1, -1) if reverse else range(len(vector))
    pattern = wildcard(value) if wildcards and kind == _TEXT else None
    if pattern is not None:
        return next((i for i in order if isinstance(vector[i], str)
                     and pattern.fullmatch(vector[i])), -1)
    key = _key(value)
    return next((i for i in order if _kind(vector[i]) == kind and _key(vector[i]) == key), -1)


def _binary_ascending(value, vector):
    """Excel's approximate search of an ascending vector: index of the last element
    not above ``value`` (of the value's type), -1 if none. ``low`` and ``high`` are
    exclusive bounds: the element at ``low`` is known not above the value, the one
    at ``high`` above it."""
    kind = _kind(value)
    low, high = -1, len(vector)

    def cmp(i):
        item = vector[i]
        return None if _kind(item) != kind else _compare(value, item)

    while high - low >= 2:
        mid = low + (high - low) // 2
        result = cmp(mid)
        if result is None:  # step forward to the next value of the right type
            probe = mid + 1
            while probe < high and cmp(probe) is None:
                probe += 1
            if probe == high:
                high = mid
                continue
            result = cmp(probe)
            if result < 0 and probe == high - 1:
                high = mid
                continue
            mid = probe
        if result == 0:
            while mid + 1 < high and cmp(mid + 1) == 0:
                mid += 1
            return mid
        if result < 0:
            high = mid
        else:
            low = mid
    return low


def _scan_descending(value, vector):
    """Excel's MATCH type -1: index of the smallest element not below ``value`` in a
    descending vector, scanning from the first; -1 if none."""
    kind, before = _kind(value), -1
    for i, item in enumerate(vector):
        if _kind(item) != kind:
            continue
        result = _compare(value, item)
        if result == 0:
            return i
        if result > 0:
            return before
        before = i
    return before


def _number_arg(value):
    """A mode or index argument as a number, or an error value."""
    if is_error(value):
        return value
    if value is None:
        return 0.0
    if isinstance(value, (bool, int, float)):
        return float(value)
    try:
        return float(value.strip())
    except ValueError:
        return error_value("Value")


def lifted_at(*positions):
    """Evaluate element by element where the arguments at ``positions`` are arrays
    (``positions`` may instead be one function of the argument count giving them);
    the other arguments pass whole. A one-row or one-column array repeats, positions
    beyond an array are #N/A."""
    place = positions[0] if len(positions) == 1 and callable(positions[0]) \
        else (lambda n: positions)

    def wrap(fn):
        def lifted(*args):
            arrays = [p for p in place(len(args)) if p < len(args)
                      and isinstance(args[p], list)]
            if not arrays:
                return fn(*args)
            rows = max(len(args[p]) for p in arrays)
            cols = max(len(r) for p in arrays for r in args[p])

            def at(p, i, j):
                grid = args[p]
                if not isinstance(grid, list):
                    return grid
                i = 0 if len(grid) == 1 else i
                if i >= len(grid):
                    return error_value("Na")
                row = grid[i]
                j = 0 if len(row) == 1 else j
                return row[j] if j < len(row) else error_value("Na")

            out = []
            for i in range(rows):
                line = []
                for j in range(cols):
                    value = fn(*(at(p, i, j) if p in arrays else a
                                 for p, a in enumerate(args)))
                    line.append(value[0][0] if isinstance(value, list) else value)
                out.append(line)
            return out
        lifted.__name__, lifted.__doc__ = fn.__name__, fn.__doc__
        return lifted
    return wrap


def _position(value, vector, match_type):
    """0-based index of ``value`` in ``vector`` by MATCH's ``match_type``; -1 if none."""
    if match_type > 0:
        return _binary_ascending(value, vector)
    if match_type < 0:
        return _scan_descending(value, vector)
    return _exact(value, vector, wildcards=True)


@lifted_at(0, 2)
def match(lookup_value, lookup_array, match_type=1):
    """MATCH(lookup_value, lookup_array, [match_type]) as Excel: 1 (default) binary
    search for the largest value not above, -1 scan for the smallest value not below,
    0 exact with wildcards. A 2-D lookup array or no match is #N/A."""
    if is_error(lookup_value):
        return lookup_value
    mode = _number_arg(match_type)
    if is_error(mode):
        return mode
    vector = _vector(lookup_array)
    if vector is None:
        return error_value("Na")
    if lookup_value is None and mode != 0:
        lookup_value = 0.0
    if lookup_value is None:
        return error_value("Na")
    found = _position(lookup_value, vector, mode)
    return float(found + 1) if found >= 0 else error_value("Na")


def _range_lookup(value):
    """VLOOKUP/HLOOKUP's range_lookup as a truth value, or an error."""
    if is_error(value):
        return value
    if value is None:
        return False
    if isinstance(value, str):
        word = value.strip().upper()
        return word == "TRUE" if word in ("TRUE", "FALSE") else error_value("Value")
    return bool(value)


def _table_lookup(lookup_value, table, index, range_lookup, by_rows):
    if is_error(lookup_value):
        return lookup_value
    approximate = _range_lookup(range_lookup)
    if is_error(approximate):
        return approximate
    k = _number_arg(index)
    if is_error(k):
        return k
    grid = table if isinstance(table, list) else [[table]]
    if not by_rows:
        grid = [list(col) for col in zip(*grid)]
    k = math.trunc(k)
    if k < 1:
        return error_value("Value")
    if k > len(grid[0]):
        return error_value("Ref")
    keys = [row[0] for row in grid]
    if lookup_value is None:
        lookup_value = 0.0 if approximate else None
        if lookup_value is None:
            return error_value("Na")
    found = _binary_ascending(lookup_value, keys) if approximate \
        else _exact(lookup_value, keys, wildcards=True)
    if found < 0:
        return error_value("Na")
    result = grid[found][k - 1]
    return 0.0 if result is None else result


@lifted_at(0, 2, 3)
def vlookup(lookup_value, table_array, col_index_num, range_lookup=True):
    """VLOOKUP(lookup_value, table_array, col_index_num, [range_lookup]) as Excel:
    TRUE (default) binary search of the first column, FALSE exact with wildcards;
    a column index below 1 is #VALUE!, beyond the table #REF!."""
    return _table_lookup(lookup_value, table_array, col_index_num, range_lookup, True)


@lifted_at(0, 2, 3)
def hlookup(lookup_value, table_array, row_index_num, range_lookup=True):
    """HLOOKUP(lookup_value, table_array, row_index_num, [range_lookup]) as Excel, the
    first row searched as VLOOKUP searches the first column."""
    return _table_lookup(lookup_value, table_array, row_index_num, range_lookup, False)


@lifted_at(0)
def lookup(lookup_value, lookup_vector, result_vector=None):
    """LOOKUP(lookup_value, lookup_vector, [result_vector]) as Excel: MATCH's binary
    search for the largest value not above, in the vector or, for a 2-D array, in
    its first row when it is wider than tall (else its first column); the value at
    that position of the result vector, or of the array's last row or column. A
    lookup value below every value is #N/A, and so is a result of several rows and
    columns or one too short (Excel's cached values in pycel's lookup.xlsx)."""
    if is_error(lookup_value):
        return lookup_value
    if lookup_value is None:
        lookup_value = 0.0
    values = lookup_vector if isinstance(lookup_vector, list) else [[lookup_vector]]
    vector = _vector(values)
    wide = len(values[0]) > len(values)
    if vector is None:  # the array form: search the first row or column
        vector = list(values[0]) if wide else [row[0] for row in values]
    found = _position(lookup_value, vector, 1)
    if found < 0:
        return error_value("Na")
    if result_vector is None:
        result = list(values[-1]) if wide else [row[-1] for row in values]
    else:
        result = _vector(result_vector)
        if result is None:  # a result of several rows and columns
            return error_value("Na")
    if found >= len(result):
        return error_value("Na")
    value = result[found]
    return 0.0 if value is None else value


def _ordered(value, item):
    """``value`` against ``item`` across types in Excel's sort order (numbers, text,
    logicals; an empty lookup value after all), or None for an item never matched."""
    kind, item_kind = _kind(value), _kind(item)
    if item_kind is None or item_kind == _BLANK:
        return None
    if kind != item_kind:
        return (kind > item_kind) - (kind < item_kind)
    return _compare(value, item)


def _x_position(value, vector, match_mode, search_mode):
    """0-based index for XMATCH/XLOOKUP; -1 if none; an error value for a bad mode."""
    if match_mode not in (0, -1, 1, 2) or search_mode not in (1, -1, 2, -2):
        return error_value("Value")
    if match_mode == 2 and abs(search_mode) == 2:  # no binary search by wildcards
        return error_value("Value")
    if match_mode == 2 or (match_mode == 0 and abs(search_mode) == 1):
        return _exact(value, vector, wildcards=match_mode == 2, reverse=search_mode == -1)
    if abs(search_mode) == 2:  # binary search, ascending (2) or descending (-2)
        low, high, best = 0, len(vector) - 1, -1
        while low <= high:
            mid = (low + high) // 2
            result = _ordered(value, vector[mid])
            if result is None:
                result = 1  # an error in the array: passed over as if below the value
            if result == 0:
                return mid
            if (result > 0 and match_mode == -1) or (result < 0 and match_mode == 1):
                best = mid  # each later candidate is nearer the value
            if (result > 0) == (search_mode == 2):
                low = mid + 1
            else:
                high = mid - 1
        return best
    order = range(len(vector) - 1, -1, -1) if search_mode == -1 else range(len(vector))
    best = -1
    for i in order:
        result = _ordered(value, vector[i])
        if result is None:
            continue
        if result == 0:
            return i
        if match_mode == 1 and result < 0 and (best < 0 or _ordered(vector[i], vector[best]) < 0):
            best = i
        if match_mode == -1 and result > 0 and (best < 0 or _ordered(vector[i], vector[best]) > 0):
            best = i
    return best


def _modes(match_mode, search_mode):
    # Excel rounds a fractional mode down (INT, not TRUNC): its cache for search mode
    # -1.1 is the descending binary search -2 (formulas' test.xlsx, LOOKUP!AH162)
    modes = [_number_arg(m) for m in (match_mode, search_mode)]
    for m in modes:
        if is_error(m):
            return m, None
    return math.floor(modes[0]), math.floor(modes[1])


def _x_search(lookup_value, lookup_array, match_mode, search_mode):
    """(0-based index or -1, vector) for XMATCH/XLOOKUP, or (an error value, None)."""
    if is_error(lookup_value):
        return lookup_value, None
    mm, sm = _modes(match_mode, search_mode)
    if sm is None:
        return mm, None
    vector = _vector(lookup_array)
    if vector is None:
        return error_value("Value"), None
    return _x_position(lookup_value, vector, mm, sm), vector


@lifted_at(0, 2, 3)
def xmatch(lookup_value, lookup_array, match_mode=0, search_mode=1):
    """XMATCH(lookup_value, lookup_array, [match_mode], [search_mode]) as Excel: match
    mode 0 exact, -1 exact or next smaller, 1 exact or next larger, 2 wildcards; search
    mode 1 first to last, -1 last to first, 2/-2 binary over ascending/descending."""
    found, _ = _x_search(lookup_value, lookup_array, match_mode, search_mode)
    if is_error(found):
        return found
    return float(found + 1) if found >= 0 else error_value("Na")


@lifted_at(0, 3, 4, 5)
def xlookup(lookup_value, lookup_array, return_array, if_not_found=None, match_mode=0,
            search_mode=1):
    """XLOOKUP(lookup_value, lookup_array, return_array, [if_not_found], [match_mode],
    [search_mode]) as Excel, searching as :func:`xmatch`; the row (or column) of the
    return array at the match, or ``if_not_found`` (#N/A when omitted)."""
    found, vector = _x_search(lookup_value, lookup_array, match_mode, search_mode)
    if vector is None:
        return found
    grid = return_array if isinstance(return_array, list) else [[return_array]]
    by_rows = not (isinstance(lookup_array, list) and len(lookup_array) == 1
                   and len(lookup_array[0]) > 1)
    if (len(grid) if by_rows else len(grid[0])) != len(vector):
        return error_value("Value")
    if is_error(found):
        return found
    if found < 0:
        return error_value("Na") if if_not_found is None else if_not_found
    picked = [grid[found]] if by_rows else [[row[found]] for row in grid]
    if len(picked) == 1 and len(picked[0]) == 1:
        return 0.0 if picked[0][0] is None else picked[0][0]
    return [[0.0 if v is None else v for v in row] for row in picked]


#: engine name -> (callable, min args, max args)
FUNCTIONS = {
    "XLCC.MATCH": (match, 2, 3),
    "XLCC.VLOOKUP": (vlookup, 3, 4),
    "XLCC.HLOOKUP": (hlookup, 3, 4),
    "XLCC.XLOOKUP": (xlookup, 3, 6),
    "XLCC.XMATCH": (xmatch, 2, 4),
    "XLCC.LOOKUP": (lookup, 2, 3),
}

# -- routing the calls that need Excel's search -----------------------------------------
_CALL = re.compile(r"(?<![\w.])(?:_xlfn\.)?(MATCH|VLOOKUP|HLOOKUP|XLOOKUP|XMATCH|LOOKUP)\s*\(",
                   re.I)
#: position of the argument whose literal value keeps a call with the engine, and the
#: literals that do (an exact mode)
_EXACT_ARG = {"MATCH": (2, {"0", "FALSE", ""}), "VLOOKUP": (3, {"0", "FALSE", ""}),
              "HLOOKUP": (3, {"0", "FALSE", ""}), "XLOOKUP": (4, {"0", ""}),
              "XMATCH": (2, {"0", ""}), "LOOKUP": (3, set())}
#: XLOOKUP/XMATCH: position of search_mode and the literals the engine handles
_SEARCH_ARG = {"XLOOKUP": 5, "XMATCH": 3}


def may_route(formula):
    """Whether ``formula`` may call a lookup function."""
    upper = formula.upper()
    return ("MATCH" in upper or "LOOKUP" in upper) and bool(_CALL.search(formula))


def _needs_excel_search(name, args):
    pos, exact = _EXACT_ARG[name]
    if pos < len(args) and args[pos].strip().upper() not in exact:
        return True
    if pos >= len(args) and name in ("MATCH", "VLOOKUP", "HLOOKUP", "LOOKUP"):
        return True  # their default mode is approximate
    search = _SEARCH_ARG.get(name)
    return search is not None and search < len(args) \
        and args[search].strip() not in ("1", "-1", "")


def route(formula, array=False):
    """``formula`` with each lookup call that needs Excel's search renamed to this
    module's function (all of them in an ``array`` formula, where arguments may be
    arrays); unchanged if there is none."""
    def rename(name, head, args):
        name = name.upper()
        if array or _needs_excel_search(name, args):
            return f"XLCC.{name}(" + ",".join(args) + ")"
        return None
    return rewrite_calls(formula, _CALL, rename)


def register(book):
    """Register the Excel-searching lookups on the formula-engine workbook ``book``."""
    for name, (fn, lo, hi) in FUNCTIONS.items():
        book.register_function(name, fn, min_args=lo, max_args=hi)
