"""Numba kernels for rosters: coverage sums and run lengths. Bare arithmetic only."""

import numpy as np
from numba import njit


@njit(cache=True)
def add_intervals(starts, lengths, counts, cyclic, out):
    """Add ``counts[i]`` to ``out`` over slots ``starts[i] .. starts[i] + lengths[i] - 1``.

    Slots past the end wrap to the start when ``cyclic``, else they are dropped;
    ``starts`` may be negative (a shift of the previous cycle), same rule.
    """
    n = out.size
    diff = np.zeros(n + 1)
    laps = 0.0
    for i in range(starts.size):
        c = counts[i]
        s = starts[i]
        e = s + lengths[i]
        if cyclic:
            laps += c * (lengths[i] // n)  # a shift longer than the cycle covers it all
            s = s % n
            e = s + lengths[i] % n
            if e > n:
                diff[s] += c
                diff[n] -= c
                s = 0
                e -= n
        else:
            s = max(s, 0)
            e = min(e, n)
        if e > s:
            diff[s] += c
            diff[e] -= c
    acc = 0.0
    for t in range(n):
        acc += diff[t]
        out[t] += acc + laps


@njit(cache=True)
def runs(work, longest_on, shortest_inner_on, shortest_inner_off):
    """Per row of a 0/1 matrix (agents x days): the longest run of 1s, and the
    shortest run of 1s and of 0s that does not touch either end of the row
    (0 where there is none)."""
    rows, days = work.shape
    for r in range(rows):
        best = 0
        short_on = 0
        short_off = 0
        d = 0
        while d < days:
            v = work[r, d]
            e = d
            while e < days and work[r, e] == v:
                e += 1
            n = e - d
            inner = d > 0 and e < days
            if v == 1:
                if n > best:
                    best = n
                if inner and (short_on == 0 or n < short_on):
                    short_on = n
            elif inner and (short_off == 0 or n < short_off):
                short_off = n
            d = e
        longest_on[r] = best
        shortest_inner_on[r] = short_on
        shortest_inner_off[r] = short_off
