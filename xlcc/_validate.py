"""Argument checks shared by every public API: one place, one message format.

Every check names the argument, the accepted range with its unit and the
offending value, e.g. ``sl_target must be in [0, 1) (fraction); got 80``.
NaN is rejected like any other out-of-range value: a silent NaN in a staffing
column turns into a wrong total further down the sheet.
"""

import numpy as np

from xlcc._errors import ArgumentError

__all__ = ["ArgumentError", "as_float", "check_range", "check_choice"]


def as_float(name, value):
    """``value`` as a float64 array; a clear error for text, None or objects."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ArgumentError(f"{name} must be a number or an array of numbers; got {value!r}") from None
    if isinstance(value, (str, bytes)) or np.asarray(value).dtype.kind in "OUSV":
        raise ArgumentError(f"{name} must be a number or an array of numbers; got {value!r}")
    return arr


def _first_bad(arr, bad):
    return arr[bad].ravel()[0] if arr.ndim else arr[()]


def check_range(name, arr, lo=None, hi=None, *, lo_open=False, hi_open=False,
                integer=False, unit=""):
    """Raise :class:`ArgumentError` unless every element of ``arr`` is in range.

    ``lo``/``hi`` are inclusive unless ``lo_open``/``hi_open``; ``None`` means
    unbounded. ``integer`` also requires whole numbers. NaN always fails.
    """
    bad = np.isnan(arr)
    if lo is not None:
        bad |= (arr <= lo) if lo_open else (arr < lo)
    if hi is not None:
        bad |= (arr >= hi) if hi_open else (arr > hi)
    if integer:
        bad |= np.isfinite(arr) & (arr != np.floor(arr))
    if bad.any():
        left = "(" if lo_open or lo is None else "["
        right = ")" if hi_open else "]"  # hi=None admits inf itself: "inf]"
        lo_txt = "-inf" if lo is None else f"{lo:g}"
        hi_txt = "inf" if hi is None else f"{hi:g}"
        what = "a whole number in" if integer else "in"
        unit_txt = f" ({unit})" if unit else ""
        raise ArgumentError(f"{name} must be {what} {left}{lo_txt}, {hi_txt}{right}{unit_txt}; "
                            f"got {_first_bad(arr, bad):g}")


def check_choice(name, value, choices):
    """``value`` as a trimmed lower-case word; :class:`ArgumentError` unless in ``choices``."""
    word = str(value).strip().lower()
    if word not in choices:
        raise ArgumentError(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return word
