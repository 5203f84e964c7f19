"""Compute simple xlcc calls before the engine's first pass.

Without this, the first pass finds every xlcc call new: the calls wait (see
:class:`xlcc.engine.functions.Bridge`), are evaluated in a batch, and a second pass
re-evaluates the waiting cells and their dependents — a third one when one xlcc
result feeds another (``ERLANGC_SL(C2, ...)`` over ``C2 = ERLANGC_AGENTS(...)``).
On a planning workbook those extra passes are most of the calculation time.

Most xlcc cells are ``=NAME(arg, ...)`` whose arguments are numbers, quoted text,
TRUE/FALSE or references to single cells. Their argument values can be read before
any evaluation: an input cell's value is loaded with the workbook, and a referenced
formula cell that is itself such a call, or a bare reference (``=Forecast!C2``),
is resolved the same way, level by level. Each level is evaluated in one batch
into the bridge's cache, so the first pass finds its calls already computed.

This is only a hint, never a second evaluator: the cache is keyed by the exact
arguments the engine will pass (floats, text, booleans, None for a blank cell),
and a cached result is the registry function of that key. A guess that differs
from what the engine passes (a reference into a spill range, a formula this module
does not follow) is a key the engine never asks for: a little wasted work, never a
wrong value. Anything else (ranges, nested calls, names, operators) is left to the
normal path.
"""

import re

from xlcc.engine.cells import col_number
from xlcc.functions import BY_NAME

__all__ = ["prefill"]

_MAX_LEVELS = 8
_UNKNOWN = object()
_CALL = re.compile(r"^\s*=?\s*([A-Za-z][A-Za-z0-9_.]*)\s*\((.*)\)\s*$", re.S)
# A cell reference's relative row number. Formulas copied down a column differ only in
# these, so a formula is parsed once per shape (its text with each such row as '#').
_ROW = re.compile(r"(?<![\w.$'#])(\$?[A-Za-z]{1,3})(\d+)(?![\w(!.#])")
_SHEET = r"(?:(?P<sheet>'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?"
_CELL = r"(?P<cabs>\$?)(?P<col>[A-Za-z]{1,3})(?:(?P<rabs>\$)(?P<row>\d+)|#)"
_REF = re.compile(f"^\\s*{_SHEET}{_CELL}\\s*$")
# one argument of a simple call: a cell reference, a number, a quoted text or TRUE/FALSE,
# then a comma or the end
_ARG = re.compile(f"\\s*(?:{_SHEET}{_CELL}|(?P<num>[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)"
                  f'|"(?P<text>(?:[^"]|"")*)"|(?P<bool>TRUE|FALSE))\\s*(?P<end>,|$)', re.I)
def _ref(m, sheet, slot):
    """("ref", sheet, row, row slot, col, col_abs) from a match of _SHEET + _CELL: an
    absolute row is ``row`` (slot None), a relative one the cell's ``slot``-th row."""
    name = m.group("sheet")
    if name and name.startswith("'"):
        name = name[1:-1].replace("''", "'")
    row = int(m.group("row")) if m.group("rabs") else None
    return ("ref", name or sheet, row, None if row else slot, col_number(m.group("col")),
            bool(m.group("cabs")))


def _arguments(text, sheet):
    """Argument templates of a call's argument text: ("v", value) or a ("ref", ...);
    None unless every argument is simple."""
    if not text.strip():
        return []
    out, pos, slot = [], 0, 0
    while pos < len(text):
        m = _ARG.match(text, pos)
        if m is None:
            return None
        if m.group("col"):
            out.append(_ref(m, sheet, slot))
            slot += not m.group("rabs")
        elif m.group("num") is not None:
            out.append(("v", float(m.group("num"))))
        elif m.group("text") is not None:
            if "#" in m.group("text"):
                return None  # a row number inside a text would shift the slots
            out.append(("v", m.group("text").replace('""', '"')))
        else:
            out.append(("v", m.group("bool").upper() == "TRUE"))
        pos = m.end()
        if m.group("end") == "," and pos == len(text):
            return None  # a trailing empty argument
    return out


def _parse(shape, sheet):
    """("call", NAME, argument templates) or ("ref", template) for a formula shape."""
    shape = shape.lstrip().lstrip("=")
    m = _REF.match(shape)
    if m:
        return ("ref", _ref(m, sheet, 0))
    m = _CALL.match(shape)
    if not m or m.group(1).upper() not in BY_NAME:
        return None
    args = _arguments(m.group(2), sheet)
    return None if args is None else ("call", m.group(1).upper(), args)


def _split(text):
    """(pieces, relative row numbers) of a formula text split by _ROW (text, letters,
    row, text, letters, row, ..., text); (None, None) if the text has a '#' of its own
    (a spill reference, an error literal)."""
    if "#" in text:
        return None, None
    pieces = _ROW.split(text)
    return pieces, [int(r) for r in pieces[2::3]]


class _Planner:
    def __init__(self, model):
        self.book = model.book
        self.bridge = model.bridge
        self.sheets = {name.lower(): name for name in model.formulas}
        self.cells = {(sheet, fc.row, fc.col): fc
                      for sheet, cells in model.formulas.items() for fc in cells}
        self.shapes = {}
        self.splits = {}
        self.parsed = {}
        self.filled = {}  # formula cell -> (text pieces, relative rows, parsed shape)
        self.memo = {}
        self.fixed = {}  # argument template -> value, for references every copy shares
        self.args_of = {}  # call cell -> its argument values, once known

    def formula(self, key):
        """(parsed shape, its rows, row shift, column shift) of formula cell ``key``, or None."""
        out = self.parsed.get(key, _UNKNOWN)
        if out is _UNKNOWN:
            out = self.parsed[key] = self._formula(key)
        return out

    def _formula(self, key):
        fc = self.cells[key]
        if fc.kind not in ("normal", "shared") or fc.dynamic or not fc.master:
            return None
        text = fc.master
        if fc.kind == "normal":
            # a formula filled down is the one above with every relative row one more:
            # checking that guess costs a third of splitting the text
            above = self.filled.get((key[0], key[1] - 1, key[2]))
            if above is not None:
                pieces, rows, parsed = above
                rows = [r + 1 for r in rows]
                guess = pieces[:]
                guess[2::3] = map(str, rows)
                if "".join(guess) == text:
                    self.filled[key] = pieces, rows, parsed
                    return parsed, rows, 0, 0
            pieces, rows = _split(text)
            parsed = None if pieces is None else self._shape(key[0], pieces)
            if parsed is None:
                return None
            self.filled[key] = pieces, rows, parsed
            return parsed, rows, 0, 0
        split = self.splits.get(text)  # the members of a shared formula share it
        if split is None:
            split = self.splits[text] = _split(text)
        pieces, rows = split
        parsed = None if pieces is None else self._shape(key[0], pieces)
        if parsed is None:
            return None
        origin = fc.origin or (fc.row, fc.col)
        return parsed, rows, fc.row - origin[0], fc.col - origin[1]

    def _shape(self, sheet, pieces):
        """The parsed shape of a formula split by _ROW, each reference's sheet resolved
        (None: not a simple call or bare reference, or a sheet the workbook lacks)."""
        shape = list(pieces)
        shape[2::3] = "#" * (len(shape) // 3)
        shape = "".join(shape)
        parsed = self.shapes.get((sheet, shape), _UNKNOWN)
        if parsed is _UNKNOWN:
            parsed = _parse(shape, sheet)
            if parsed is not None:
                refs = [parsed[1]] if parsed[0] == "ref" else \
                    [a for a in parsed[2] if a[0] == "ref"]
                if any(a[1].lower() not in self.sheets for a in refs):
                    parsed = None
                else:
                    resolve = self._resolved
                    parsed = ("ref", resolve(parsed[1])) if parsed[0] == "ref" else \
                        ("call", parsed[1], [resolve(a) if a[0] == "ref" else a
                                             for a in parsed[2]])
            self.shapes[(sheet, shape)] = parsed
        return parsed

    def _resolved(self, arg):
        return (arg[0], self.sheets[arg[1].lower()]) + arg[2:]

    @staticmethod
    def locate(arg, rows, drow, dcol):
        _, sheet, row, slot, col, col_abs = arg
        return sheet, row if slot is None else rows[slot] + drow, col if col_abs else col + dcol

    def call_args(self, found):
        """The argument values of a call found by :meth:`formula`, or _UNKNOWN."""
        parsed, rows, drow, dcol = found
        args = []
        fixed_values, value_of = self.fixed, self.value
        for arg in parsed[2]:
            if arg[0] == "v":
                args.append(arg[1])
                continue
            fixed = arg[3] is None and (arg[5] or not dcol)  # the same cell for every copy
            value = fixed_values.get(arg, _UNKNOWN) if fixed else _UNKNOWN
            if value is _UNKNOWN:
                value = value_of(self.locate(arg, rows, drow, dcol))
                if value is _UNKNOWN:
                    return _UNKNOWN
                if fixed:
                    fixed_values[arg] = value
            args.append(value)
        return tuple(args)

    def value(self, key, depth=0):
        """What the engine will pass for cell ``key``, or _UNKNOWN."""
        value = self.memo.get(key, _UNKNOWN)
        if value is not _UNKNOWN or key in self.memo:
            return value
        if key not in self.cells:
            value = self.book.get_value(*key)
            if value is not None and not isinstance(value, (float, str, bool)):
                value = _UNKNOWN  # an error value: the normal path handles it
        elif depth <= 50:
            found = self.formula(key)
            if found is not None and found[0][0] == "ref":
                value = self.value(self.locate(found[0][1], *found[1:]), depth + 1)
            elif found is not None:
                args = self.args_of.get(key)
                if args is None:
                    args = self.call_args(found)
                if args is not _UNKNOWN:
                    hit = self.bridge.cache.get((found[0][1], args), _UNKNOWN)
                    if isinstance(hit, (float, str, bool)):
                        value = hit
        if value is not _UNKNOWN or key in self.cells:
            self.memo[key] = value  # an unknown formula cell may resolve after a batch
        return value


def prefill(model, calls_xlcc):
    """Evaluate the simple xlcc calls of ``model`` (a :class:`Model` not yet calculated)
    into its bridge's cache; returns how many calls were computed. ``calls_xlcc(text)``
    is true for a formula text that may call an xlcc function."""
    planner = _Planner(model)
    todo = []
    for key, fc in planner.cells.items():
        if calls_xlcc(fc.master):
            found = planner.formula(key)
            if found is not None and found[0][0] == "call":
                todo.append((key, found))
    computed = 0
    for _ in range(_MAX_LEVELS):
        waiting = []
        for key, found in todo:
            args = planner.call_args(found)
            if args is _UNKNOWN:
                waiting.append((key, found))
            else:
                planner.args_of[key] = args
                computed += planner.bridge.queue(found[0][1], args)
        if not planner.bridge.pending:
            break
        planner.bridge.flush()
        planner.memo = {k: v for k, v in planner.memo.items() if v is not _UNKNOWN}
        todo = waiting
    return computed
