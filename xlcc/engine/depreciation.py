"""VDB, variable declining balance depreciation, as Excel computes it.

The formula engine has no VDB (its cells were #NAME?). Excel depreciates by the
declining balance, ``factor / life`` of the book value a period, and switches for
good to the straight line over the life left once that depreciates more (unless
``no_switch``). A fractional start period moves the grid of periods on which that
choice is made: with ``start`` 2.5 the periods are [0, 0.5], [0.5, 1.5], [1.5, 2.5],
..., each period's declining-balance amount being the whole periods' amounts in
proportion to the time it spans, and its straight-line amount the book value left
above the salvage spread over the life left. What falls between ``start`` and
``end`` is summed, a partial last period in proportion. This reproduces every
value Excel cached in xlcalculator's VDB.xlsx, whose half periods (VDB(1,0,14,
11.5,12.5,1.25) = 0.0687263, where interpolating the whole periods gives 0.0686679)
rule out the simpler readings, LibreOffice's included.
"""

import math

__all__ = ["vdb"]


def _ddb(cost, salvage, life, period, factor):
    """Declining-balance depreciation of whole ``period`` (1-based), never below the
    salvage value."""
    rate = factor / life
    if rate >= 1.0:
        rate = 1.0
        old = cost if period == 1 else 0.0
    else:
        old = cost * (1.0 - rate) ** (period - 1)
    new = cost * (1.0 - rate) ** period
    return max(0.0, old - salvage if new < salvage else old - new)


def vdb(cost, salvage, life, start, end, factor=2.0, no_switch=False):
    """Depreciation from period ``start`` to period ``end`` (fractions allowed) of an
    asset of ``cost`` worth ``salvage`` after ``life`` periods; None for what Excel
    answers #NUM! (start < 0, end < start, end > life, cost < 0, salvage > cost,
    factor <= 0, life <= 0)."""
    if start < 0 or end < start or end > life or cost < 0 or salvage > cost \
            or factor <= 0 or life <= 0:
        return None
    whole = [_ddb(cost, salvage, life, i, factor) for i in range(1, math.ceil(life) + 1)]

    def declining(t0, t1):  # the whole periods' amounts in proportion to [t0, t1]
        return sum(max(0.0, min(t1, i) - max(t0, i - 1)) * whole[i - 1]
                   for i in range(max(1, math.floor(t0) + 1), math.ceil(t1) + 1))

    offset = start - math.floor(start)
    points = [0.0] + [offset + k for k in range(math.ceil(life) + 1)
                      if 0.0 < offset + k < life] + [life]
    book, total, line = float(cost), 0.0, None
    for t0, t1 in zip(points, points[1:]):
        if t0 >= end:
            break
        amount = declining(t0, t1)
        if not no_switch:
            if line is None and (book - salvage) / (life - t0) * (t1 - t0) > amount:
                line = (book - salvage) / (life - t0)  # per period, from here on
            if line is not None:
                amount = line * (t1 - t0)
        amount = min(max(amount, 0.0), book - salvage)
        total += amount * max(0.0, min(t1, end) - max(t0, start)) / (t1 - t0)
        book -= amount
    return total
