"""Worksheet-function specs and Excel semantics for their arguments.

A :class:`Spec` declares one worksheet function once: name, arguments (name,
unit, default, help in English and Spanish), description and the Python
callable that computes it from numpy arrays. :meth:`Spec.evaluate` gives the
function Excel behaviour:

* every numeric argument may be a single value or a range (a list of rows or a
  numpy array); ranges broadcast like numpy and the result has their shape;
* a blank cell (None, NaN or "") in a required argument gives a blank result in
  that cell only; a blank optional argument takes its default;
* TRUE/FALSE count as 1/0, as in Excel arithmetic; text gives #VALUE!;
* an Excel error in an argument propagates (the first one in argument order);
* a target above 1 and up to 100 in a "fraction" argument marked ``percent`` is
  read as a percentage (80 means 0.8);
* a number outside its range gives #NUM! in that cell only, with the message of
  the queueing API (argument, accepted range, value); so does a result that does
  not exist (NaN or inf, e.g. the ASA of an unstable queue).
"""

import inspect
import math
import re
from dataclasses import dataclass, field

import numpy as np

from xlcc._validate import ArgumentError, check_choice
from xlcc.functions.errors import CellError, XlError

__all__ = ["Arg", "Spec", "REQUIRED"]

REQUIRED = inspect.Parameter.empty
_BLANK = object()


@dataclass(frozen=True)
class Arg:
    """One argument of a worksheet function."""

    name: str
    unit: str
    help: str
    help_es: str
    default: object = REQUIRED
    percent: bool = False
    choices: tuple = ()  # a word argument (such as "offered"): its accepted words

    @property
    def optional(self):
        return self.default is not REQUIRED


@dataclass(frozen=True)
class Spec:
    """One worksheet function: the single declaration every surface derives from."""

    name: str
    call: object
    help: str
    help_es: str
    args: tuple
    example: tuple = ()
    category: str = field(default="xlcc")
    nan_error: XlError = XlError.NUM  # what a NaN result shows: #NUM!, or #DIV/0! for rates
    ranges: bool = False  # arguments are whole tables, the result a table (no broadcasting)

    def signature(self):
        """The Python signature Excel surfaces use (optional arguments keep defaults)."""
        return inspect.Signature([
            inspect.Parameter(a.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=a.default)
            for a in self.args])

    def evaluate(self, *values):
        """Compute with Excel semantics; returns a value, None (blank) or a CellError,
        or a list of rows of them for range input."""
        if len(values) > len(self.args):
            return CellError(XlError.VALUE, f"{self.name} takes at most {len(self.args)} "
                                            f"arguments; got {len(values)}")
        missing = [a.name for a in self.args[len(values):] if not a.optional]
        if missing:
            return CellError(XlError.VALUE, f"{self.name}: missing argument {', '.join(missing)}")
        values = values + tuple(a.default for a in self.args[len(values):])
        if self.ranges:
            return self._evaluate_tables(values)
        texts, grids = {}, []
        for arg, value in zip(self.args, values):
            if arg.choices:
                word = _scalar(value)
                try:
                    texts[arg.name] = check_choice(arg.name, arg.default if _is_blank(word)
                                                   else word, arg.choices)
                except ArgumentError as exc:  # a word outside the list is a wrong type
                    return CellError(XlError.VALUE, str(exc))
            else:
                grids.append((arg, _grid(value)))
        shape = np.broadcast_shapes(*(g.shape for _, g in grids))
        numbers = {}
        out = np.empty(shape, dtype=object)
        pending = np.ones(shape, dtype=bool)
        for arg, g in grids:  # coerce each argument's own cells, then broadcast
            x, flagged, flags = _numbers(arg, g)
            numbers[arg.name] = np.broadcast_to(x, shape)
            hit = np.broadcast_to(flagged, shape) & pending  # the first bad argument wins
            if hit.any():
                out[hit] = [None if v is _BLANK else v for v in np.broadcast_to(flags, shape)[hit]]
                pending &= ~hit
        if pending.any():
            out[pending] = self._compute(numbers, texts, pending)
        result = out.tolist() if shape else out[()]
        return [result] if isinstance(result, list) and len(shape) == 1 else result

    def _evaluate_tables(self, values):
        """Whole-table semantics: each argument is one table of numbers (a blank cell
        is 0, as in Excel arithmetic; a blank optional argument takes its default),
        the first error cell in argument order propagates, text gives #VALUE!, and
        an out-of-range input gives one #NUM! with the API's message."""
        tables = {}
        for arg, value in zip(self.args, values):
            grid = _grid(value)
            if arg.optional and grid.size == 1 and _is_blank(grid.ravel()[0]):
                grid = _grid(arg.default)
            x = np.zeros(grid.shape)
            for idx in np.ndindex(grid.shape):
                v = grid[idx]
                number, verdict = _coerce(arg, v)
                if verdict is _BLANK:
                    number = 0.0
                elif verdict is not None:
                    return verdict
                x[idx] = number
            tables[arg.name] = x
        try:
            out = np.asarray(self.call(**tables), dtype=float)
        except ArgumentError as exc:
            return CellError(XlError.NUM, _excel_names(str(exc)))
        rows = [_cells(row, row.size, self.nan_error) for row in np.atleast_2d(out)]
        return rows if out.ndim else rows[0][0]

    def _compute(self, numbers, texts, mask):
        """Results for the cells in ``mask``, from vectorised calls."""
        return self._solve({name: arr[mask] for name, arr in numbers.items()}, texts,
                           int(mask.sum()))

    def _solve(self, numbers, texts, n):
        """One call for all ``n`` cells; if some cell is out of range, split in halves
        until each bad cell stands alone as its own #NUM! (k bad cells cost about
        2 k log2(n) calls, not n)."""
        try:
            return _cells(self.call(**numbers, **texts), n, self.nan_error)
        except ArgumentError as exc:
            if n == 1:
                return [CellError(XlError.NUM, _excel_names(str(exc)))]
        half = n // 2
        return (self._solve({k: v[:half] for k, v in numbers.items()}, texts, half)
                + self._solve({k: v[half:] for k, v in numbers.items()}, texts, n - half))


def _excel_names(message):
    """The API's argument names carry units (``aht_s``); Excel's do not (``aht``)."""
    return re.sub(r"^(\w+?)_(s|erl|min) must", r"\1 must", message)


_NO_VALUE = {
    XlError.NUM: "no finite value exists here (for example the queue is unstable: "
                 "agents <= traffic)",
    XlError.DIV0: "the denominator is 0 (nothing to measure in this period)",
}


def _cells(result, n, nan_error):
    """Output as cell values: inf -> #NUM! (no such value), NaN -> ``nan_error``."""
    flat = np.broadcast_to(np.asarray(result, dtype=float), (n,))
    return [float(v) if math.isfinite(v) else
            CellError(nan_error if math.isnan(v) else XlError.NUM,
                      _NO_VALUE[nan_error if math.isnan(v) else XlError.NUM]) for v in flat]


def _scalar(value):
    arr = np.asarray(value, dtype=object)
    return arr.ravel()[0] if arr.size else None


_NUMERIC = (int, float, bool, type(None), np.floating, np.integer, np.bool_)


def _numbers(arg, grid):
    """One argument's cells as (floats, flagged, flags): ``flagged`` marks blank or
    error cells, whose ``flags`` are _BLANK or a CellError (arrays of the grid's shape)."""
    if grid.dtype == object and all(issubclass(t, _NUMERIC) for t in set(map(type, grid.flat))):
        grid = grid.astype(float)  # None -> NaN, a blank; booleans -> 1/0
    if grid.dtype.kind in "fiub":  # numbers only (xlwings' numpy converter): vectorised
        x = grid.astype(float)
        blank = np.isnan(x)
        if arg.optional:
            x, blank = np.where(blank, float(arg.default), x), np.zeros_like(blank)
        x = np.where(arg.percent & (x > 1.0) & (x <= 100.0), x / 100.0, x)
        return x, blank, _BLANK
    x = np.zeros(grid.shape)
    flagged = np.zeros(grid.shape, dtype=bool)
    flags = np.empty(grid.shape, dtype=object)
    for idx in np.ndindex(grid.shape):
        value, verdict = _coerce(arg, grid[idx])
        if verdict is None:
            x[idx] = value
        else:
            flagged[idx], flags[idx] = True, verdict
    return x, flagged, flags


def _grid(value):
    """Excel input (value, list of rows, numpy array) as an array (object if mixed)."""
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, (list, tuple)):
        arr = np.empty(np.shape(np.asarray(value, dtype=object)), dtype=object)
        arr[...] = np.asarray(value, dtype=object)
        return arr
    arr = np.empty((), dtype=object)
    arr[()] = value
    return arr


def _is_blank(v):
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str)
                                                                       and not v.strip())


def _coerce(arg, v):
    """(number, None) for a usable cell, else (None, _BLANK or a CellError)."""
    if isinstance(v, CellError):
        return None, v
    if isinstance(v, XlError):
        return None, CellError(v)
    if XlError.parse(v) is not None:
        return None, CellError(XlError.parse(v))
    if _is_blank(v):
        if arg.optional:
            return float(arg.default), None
        return None, _BLANK
    if isinstance(v, (bool, np.bool_)):
        return float(v), None
    if isinstance(v, str):
        return None, CellError(XlError.VALUE, f"{arg.name} must be a number ({arg.unit}); "
                                              f"got text {v!r}")
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None, CellError(XlError.VALUE, f"{arg.name} must be a number ({arg.unit}); "
                                              f"got {v!r}")
    if arg.percent and 1.0 < x <= 100.0:
        x /= 100.0
    return x, None
