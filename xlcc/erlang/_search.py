"""Numba kernels for every inverse: integer staffing searches, exact fractional
answers (Brent's method on the continuous extension) and the loop twins.

A search is named by a ``kind`` code; ``gap(kind, v, p, abandonment)`` is >= 0 exactly when
the value ``v`` (servers, agents, traffic or AHT) meets the target, so one root
finder and one galloping search serve every inverse. ``p`` holds the other
parameters in the order listed beside each kind in ``xlcc.erlang._codes``.
"""

import math

import numpy as np
from numba import njit

from xlcc.erlang import _kernels as kb
from xlcc.erlang import _kernels_a as ka
from xlcc.erlang._codes import (  # noqa: F401  (numba reads the codes as globals)
    A_ABANDON, A_ASA, A_OCCUPANCY, A_SL_ANSWERED, A_SL_OFFERED, A_SL_VIRTUAL, B_EXT_LOAD,
    B_SERVERS, B_TRAFFIC, C_ASA_AGENTS, C_SL_AGENTS, C_SL_AHT, C_SL_TRAFFIC)

_MET_RTOL = kb._MET_RTOL
_BIG = 1e300


@njit(cache=True, error_model="numpy")
def gap(kind, v, p, abandonment):
    """>= 0 when ``v`` meets the target of ``kind`` (continuous in ``v``).

    ``abandonment`` is None for Erlang B/C kinds and True for Erlang A kinds:
    numba prunes ``is None`` branches at compile time, so a search compiles
    only its own model's code (half the first-call compile time).
    """
    if abandonment is not None:
        return _gap_erlang_a(kind, v, p)
    else:
        return _gap_erlang_bc(kind, v, p)


@njit(cache=True, error_model="numpy")
def _gap_erlang_bc(kind, v, p):
    if kind == B_SERVERS:
        return math.log(kb.inv_erlang_b(v, p[0])) + math.log(p[1]) + _MET_RTOL
    if kind == B_TRAFFIC:
        return math.log(kb.inv_erlang_b(p[0], v)) + math.log(p[1])
    if kind == C_SL_AGENTS:
        return kb.service_level(v, p[0], p[1], p[2]) - p[3] * (1.0 - _MET_RTOL)
    if kind == C_ASA_AGENTS:
        if v <= p[0]:
            return -_BIG
        return math.log(p[2] * (1.0 + _MET_RTOL)) - math.log(kb.asa(v, p[0], p[1]))
    if kind == C_SL_TRAFFIC:
        return kb.service_level(p[0], v, p[1], p[2]) - p[3]
    if kind == C_SL_AHT:
        return kb.service_level(p[0], p[1] * v, v, p[2]) - p[3]
    return v * (1.0 - p[2] * kb.erlang_b(p[0], v)) - p[1]  # B_EXT_LOAD


@njit(cache=True, error_model="numpy")
def _gap_erlang_a(kind, v, p):
    value = ka.erlang_a(_erlang_a_measure(kind), v, p[0], p[1], p[2], p[3])
    if kind <= A_SL_VIRTUAL:
        return value - p[4] * (1.0 - _MET_RTOL)
    return p[4] * (1.0 + _MET_RTOL) - value


@njit(cache=True, error_model="numpy")
def _erlang_a_measure(kind):
    if kind == A_SL_OFFERED:
        return ka.SL_OFFERED
    if kind == A_SL_ANSWERED:
        return ka.SL_ANSWERED
    if kind == A_SL_VIRTUAL:
        return ka.SL_VIRTUAL
    if kind == A_ABANDON:
        return ka.ABANDON
    if kind == A_ASA:
        return ka.ASA
    return ka.OCCUPANCY


@njit(cache=True, error_model="numpy")
def brent(kind, lo, hi, p, abandonment):
    """Root of gap(kind, ., p, abandonment) in [lo, hi] (signs must differ); Brent (1973)."""
    a, b = lo, hi
    fa, fb = gap(kind, a, p, abandonment), gap(kind, b, p, abandonment)
    if fa == 0.0:
        return a
    if fb == 0.0:
        return b
    c, fc = a, fa
    d = e = b - a
    for _ in range(300):
        if (fb > 0.0) == (fc > 0.0):
            c, fc = a, fa
            d = e = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol = 2e-16 * abs(b) + 1e-300
        m = 0.5 * (c - b)
        if abs(m) <= tol or fb == 0.0:
            return b
        if abs(e) >= tol and abs(fa) > abs(fb):
            s = fb / fa
            if a == c:
                pp = 2.0 * m * s
                qq = 1.0 - s
            else:
                qa = fa / fc
                r = fb / fc
                pp = s * (2.0 * m * qa * (qa - r) - (b - a) * (r - 1.0))
                qq = (qa - 1.0) * (r - 1.0) * (s - 1.0)
            if pp > 0.0:
                qq = -qq
            else:
                pp = -pp
            if 2.0 * pp < min(3.0 * m * qq - abs(tol * qq), abs(e * qq)):
                e = d
                d = pp / qq
            else:
                d = e = m
        else:
            d = e = m
        a, fa = b, fb
        b += d if abs(d) > tol else (tol if m > 0.0 else -tol)
        fb = gap(kind, b, p, abandonment)
    return b


@njit(cache=True, error_model="numpy")
def first_whole_met(kind, p, guess, abandonment):
    """Smallest whole v >= 1 with gap >= 0 (gap rising in v): gallop from guess, bisect."""
    if gap(kind, guess, p, abandonment) >= 0.0:
        hi = guess
        step = 1.0
        lo = 0.0
        while hi > 1.0:
            cand = max(1.0, hi - step)
            if gap(kind, cand, p, abandonment) < 0.0:
                lo = cand
                break
            hi = cand
            step *= 2.0
    else:
        lo = guess
        step = 1.0
        while True:
            hi = lo + step
            if gap(kind, hi, p, abandonment) >= 0.0:
                break
            if hi > 1e9:
                return np.nan
            lo = hi
            step *= 2.0
    while hi - lo > 1.0:
        mid = math.floor(0.5 * (lo + hi))
        if gap(kind, mid, p, abandonment) >= 0.0:
            hi = mid
        else:
            lo = mid
    return hi


@njit(cache=True, error_model="numpy")
def _fractional(kind, whole, floor_value, p, abandonment):
    """Exact real solution in (max(whole - 1, floor_value), whole] for a whole answer."""
    lo = max(whole - 1.0, floor_value)
    if whole <= floor_value or gap(kind, lo, p, abandonment) >= 0.0:
        return lo
    return brent(kind, lo, whole, p, abandonment)


@njit(cache=True, error_model="numpy")
def staff(kind, p, fractional, abandonment):
    """Agents or servers for a target; the exact real number when ``fractional``."""
    a = p[0]
    if a == 0.0:
        return 0.0
    if abandonment is not None:  # Erlang A: stable at any staffing, search from near a
        n = first_whole_met(kind, p, max(1.0, math.floor(a)), abandonment)
        floor_value = 0.0
    elif kind == B_SERVERS:
        n = kb.servers_for_blocking(a, p[1])
        floor_value = 0.0
    elif kind == C_SL_AGENTS:
        n = kb.agents_for_sl(a, p[1], p[2], p[3])
        floor_value = a
    else:
        n = kb.agents_for_asa(a, p[1], p[2])
        floor_value = a
    if not fractional or n != n:
        return n
    return _fractional(kind, n, floor_value, p, abandonment)


@njit(cache=True, error_model="numpy")
def capacity(kind, p, upper):
    """Largest traffic (or AHT) in (0, upper) that still meets the target."""
    if p[0] == 0.0:
        return 0.0
    lo = 0.0
    if kind == B_TRAFFIC:  # B rises from 0 to 1 with traffic: bracket by doubling
        if p[1] >= 1.0:
            return np.inf
        hi = max(1.0, p[0])
        if gap(kind, hi, p, None) >= 0.0:
            while gap(kind, hi, p, None) >= 0.0:
                lo = hi
                hi *= 2.0
        else:
            lo = 0.5 * hi
            while gap(kind, lo, p, None) < 0.0:
                hi = lo
                lo *= 0.5
        return brent(kind, lo, hi, p, None)
    if upper == np.inf:
        return np.inf
    hi = upper * (1.0 - 1e-15)
    if gap(kind, hi, p, None) >= 0.0:
        return hi
    lo = 1e-300
    if gap(kind, lo, p, None) < 0.0:
        return 0.0
    return brent(kind, lo, hi, p, None)


@njit(cache=True, error_model="numpy")
def extended_load(servers, fresh, retry):
    """Total offered load A with A = fresh + retry * A * B(servers, A)."""
    if fresh == 0.0 or retry == 0.0:
        return fresh
    p = np.array([servers, fresh, retry])
    hi = fresh / (1.0 - retry)
    if gap(B_EXT_LOAD, hi, p, None) <= 0.0:
        return hi
    return brent(B_EXT_LOAD, fresh, hi, p, None)


# ---- loop twins: 1-D float64 arrays in, caller-allocated ``out``


@njit(cache=True, error_model="numpy")
def _gather(cols, i, p):
    """Element ``i`` of every column into ``p``; True if any of them is NaN."""
    nan = False
    for j in range(len(cols)):
        p[j] = cols[j][i]
        nan |= np.isnan(p[j])  # a scalar test: np.isnan(p).any() would allocate per element
    return nan


@njit(cache=True, error_model="numpy")
def staff_vec(kind, cols, fractional, abandonment, out):
    p = np.empty(len(cols))
    for i in range(out.size):
        out[i] = np.nan if _gather(cols, i, p) else staff(kind, p, fractional, abandonment)


@njit(cache=True, error_model="numpy")
def capacity_vec(kind, cols, upper, out):
    p = np.empty(len(cols))
    for i in range(out.size):
        nan = _gather(cols, i, p) or np.isnan(upper[i])
        out[i] = np.nan if nan else capacity(kind, p, upper[i])


@njit(cache=True, error_model="numpy")
def extended_load_vec(servers, fresh, retry, out):
    for i in range(out.size):
        if np.isnan(servers[i]) or np.isnan(fresh[i]) or np.isnan(retry[i]):
            out[i] = np.nan
        else:
            out[i] = extended_load(servers[i], fresh[i], retry[i])
