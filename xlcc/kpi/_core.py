"""Shared checks and the one ratio rule for every indicator.

A ratio with a zero denominator is NaN (no calls, no rate): the Excel surface
shows it as #DIV/0!, as Excel would. Counts and times must be >= 0, and a part
can never exceed its whole (answered within the threshold <= offered, ...).
"""

import numpy as np

from xlcc._validate import ArgumentError, as_float, check_range


def count(name, value, unit="count"):
    """A non-negative number (count, seconds or money) as a float array."""
    arr = as_float(name, value)
    check_range(name, arr, lo=0, hi=np.inf, hi_open=True, unit=unit)
    return arr


def fraction(name, value):
    arr = as_float(name, value)
    check_range(name, arr, lo=0, hi=1, unit="fraction")
    return arr


def part_of(part_name, part, whole_name, whole):
    """Raise unless ``part <= whole`` elementwise (both already checked >= 0)."""
    p, w = np.broadcast_arrays(part, whole)
    bad = p > w * (1 + 1e-12)
    if bad.any():
        raise ArgumentError(f"{part_name} cannot exceed {whole_name}; got {p[bad].ravel()[0]:g} > "
                            f"{w[bad].ravel()[0]:g}")


def ratio(num, den):
    """num / den with NaN where den == 0 (a rate over nothing), as a scalar for scalars."""
    num, den = np.broadcast_arrays(np.asarray(num, float), np.asarray(den, float))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return out[()]


def share(part_name, part, whole_name, whole, unit="count"):
    """part / whole for a part that cannot exceed its whole (both checked >= 0)."""
    p, w = count(part_name, part, unit), count(whole_name, whole, unit)
    part_of(part_name, p, whole_name, w)
    return ratio(p, w)
