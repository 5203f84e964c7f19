"""Excel's 15-significant-digit view of numbers, for ROUNDUP/CEILING-style results.

Binary quotients land a hair above integers (``21 / (1 - 0.3)`` is
``30.000000000000004``); Excel shows and compares 15 significant digits, so for
it that value is 30 and ``ROUNDUP(..., 0)`` is 30, not 31. We round to 15
significant digits before taking the ceiling so users get Excel's answer.
"""

import numpy as np

__all__ = ["round15", "ceil15"]


def round15(x):
    """``x`` rounded to 15 significant digits (0, inf and NaN unchanged)."""
    x = np.asarray(x, dtype=float)
    finite = np.isfinite(x) & (x != 0)
    safe = np.where(finite, np.abs(x), 1.0)
    scale = 10.0 ** (14 - np.floor(np.log10(safe)))
    return np.where(finite, np.round(x * scale) / scale, x)


def ceil15(x):
    """Ceiling as Excel's ROUNDUP(x, 0) sees it for x >= 0.

    >>> float(ceil15(21 / (1 - 0.3)))
    30.0
    """
    x = np.asarray(x, dtype=float)
    up = np.ceil(x, out=np.empty_like(x))
    # only values a hair above an integer can differ from the plain ceiling
    near = (up - x > 0) & (x - (up - 1.0) <= np.abs(x) * 1e-13)
    if near.any():
        up[near] = np.ceil(round15(x[near]))
    return up
