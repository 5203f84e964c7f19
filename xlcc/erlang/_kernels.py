"""Numba kernels for Erlang B and Erlang C: bare float64 arithmetic, NaN in, NaN out.

Everything is built on ``inv_erlang_b(x, a) = 1 / B(x, a)``, the reciprocal of the
(continuous) Erlang B blocking probability, advanced with the recursion
``I(x) = 1 + (x / a) I(x - 1)``. Walking up from a start below the traffic, the
relative error of the start is multiplied by about ``x / a < 1`` per step, so the
recursion need not start at zero servers: it starts ``START_DEPTH * sqrt(a)``
steps below ``min(x, a)`` from a two-term asymptotic value, and forgets that
value's error (about 1e-3) by a factor ``exp(-START_DEPTH**2 / 2)`` ~ 1e-14.
Only when that start would fall below one server does the walk begin at the
fractional part ``f`` of ``x`` from the exact incomplete-gamma value
``1 / B(f, a) = Gamma(f + 1, a) e^a a^-f``.
"""

import math

import numpy as np
from numba import njit

from xlcc.erlang._codes import ERLANG_C

START_DEPTH = 8.0
_TINY = 1e-300
_MET_RTOL = 1e-13  # a target met to 13 significant digits counts as met


@njit(cache=True, error_model="numpy")
def inv_b_fraction(f, a):
    """1 / B(f, a) for 0 <= f < 1 and a > 0, from the upper incomplete gamma."""
    if f == 0.0:
        return 1.0
    s = f + 1.0
    if a < s + 1.0:
        # Gamma(s, a) e^a a^-s = Gamma(s) e^a a^-s - sum_n a^n / (s (s+1) ... (s+n));
        # here Q(s, a) >= 0.2, so the subtraction loses at most three bits.
        term = 1.0 / s
        total = term
        k = s
        for _ in range(400):
            k += 1.0
            term *= a / k
            total += term
            if term < total * 1e-17:
                break
        g = math.gamma(s) * math.exp(a - s * math.log(a)) - total
    else:
        # Legendre continued fraction for Gamma(s, a) e^a a^-s (modified Lentz).
        b = a + 1.0 - s
        c = 1.0 / _TINY
        d = 1.0 / b
        g = d
        for i in range(1, 1000):
            an = -i * (i - s)
            b += 2.0
            d = an * d + b
            if abs(d) < _TINY:
                d = _TINY
            c = b + an / c
            if abs(c) < _TINY:
                c = _TINY
            d = 1.0 / d
            delta = d * c
            g *= delta
            if abs(delta - 1.0) < 1e-16:
                break
    return max(1.0, a * g)  # 1/B >= 1; rounding can dip below when f is ~1e-16 or less


@njit(cache=True, error_model="numpy")
def inv_erlang_b(x, a):
    """1 / B(x, a) for real servers x >= 0 and traffic a >= 0 (inf when B underflows)."""
    if a == 0.0:
        return 1.0 if x == 0.0 else np.inf
    lo = min(x, a) - START_DEPTH * math.sqrt(a)
    if lo >= 1.0:
        steps = math.ceil(x - lo)
        k = x - steps
        gap = a - k
        inv = a / gap * (1.0 - k / (gap * gap))
    else:
        steps = math.floor(x)
        k = x - steps
        inv = inv_b_fraction(k, a)
    return advance(inv, k, int(steps), 1.0 / a)


@njit(cache=True, error_model="numpy")
def advance(inv, k, steps, r):
    """1/B at servers k + steps from 1/B at k, r = 1/a; overflow gives inf.

    Four steps at a time as ``inv = alpha + beta * inv``: the coefficients do
    not depend on ``inv``, so the loop-carried chain is one multiply-add per
    four steps instead of four.
    """
    for _ in range(steps // 4):
        c1 = (k + 1.0) * r
        c2 = (k + 2.0) * r
        c3 = (k + 3.0) * r
        c4 = (k + 4.0) * r
        p43 = c4 * c3
        p432 = p43 * c2
        inv = (1.0 + c4 + p43 + p432) + (p432 * c1) * inv
        k += 4.0
        if inv == np.inf:  # B has underflowed; more steps change nothing
            return inv
    for _ in range(steps % 4):
        k += 1.0
        inv = 1.0 + k * r * inv
    return min(inv, np.inf)


@njit(cache=True, error_model="numpy")
def erlang_b(x, a):
    """Blocking probability B(x, a)."""
    return 1.0 / inv_erlang_b(x, a)


@njit(cache=True, error_model="numpy")
def erlang_c_from_inv(n, a, inv):
    """P(wait) from 1/B: C = n B / (n - a + a B), valid for n > a (no overflow for huge 1/B)."""
    b = 1.0 / inv
    return n * b / (n - a + a * b)


@njit(cache=True, error_model="numpy")
def erlang_c(n, a):
    """Probability that a call waits, M/M/n; 1 when n <= a, 0 without traffic."""
    if a == 0.0:
        return 0.0
    if n <= a:
        return 1.0
    return erlang_c_from_inv(n, a, inv_erlang_b(n, a))


@njit(cache=True, error_model="numpy")
def service_level(n, a, aht, t):
    """Fraction answered within t seconds (Erlang C); 0 when n <= a, 1 without traffic."""
    if a == 0.0:
        return 1.0
    if n <= a:
        return 0.0
    b = 1.0 / inv_erlang_b(n, a)
    den = n - a + a * b
    c = n * b / den
    no_wait = (n - a) * (1.0 - b) / den  # 1 - C without cancellation (b < 1 when n > a)
    return min(1.0, max(0.0, no_wait - c * math.expm1(-(n - a) * t / aht)))


@njit(cache=True, error_model="numpy")
def asa(n, a, aht):
    """Mean wait over all calls, seconds; inf when n <= a."""
    if a == 0.0:
        return 0.0
    if n <= a:
        return np.inf
    return erlang_c(n, a) * aht / (n - a)


@njit(cache=True, error_model="numpy")
def queue_time(n, a, aht):
    """Mean wait of the calls that wait, seconds; inf when n <= a."""
    if n <= a:
        return np.inf
    return aht / (n - a)


@njit(cache=True, error_model="numpy")
def queue_length(n, a):
    """Mean number of calls waiting; inf when n <= a."""
    if a == 0.0:
        return 0.0
    if n <= a:
        return np.inf
    return erlang_c(n, a) * a / (n - a)


@njit(cache=True, error_model="numpy")
def occupancy(n, a):
    """Share of agents' time on calls, a / n, at most 1; 0 without traffic."""
    return 0.0 if a == 0.0 else min(1.0, a / n)


@njit(cache=True, error_model="numpy")
def answer_time(n, a, aht, sl):
    """Shortest threshold (s) such that a fraction ``sl`` is answered within it."""
    if a == 0.0:
        return 0.0
    if n <= a:
        return np.inf
    c = erlang_c(n, a)
    if c <= 1.0 - sl:
        return 0.0
    return aht / (n - a) * (math.log(c) - math.log1p(-sl))


_C = ERLANG_C
PWAIT, SL, ASA, QUEUE_TIME, QUEUE_LENGTH = _C.PWAIT, _C.SL, _C.ASA, _C.QUEUE_TIME, _C.QUEUE_LENGTH
OCCUPANCY, ANSWER_TIME = _C.OCCUPANCY, _C.ANSWER_TIME


@njit(cache=True, error_model="numpy")
def erlang_c_measure(what, n, a, aht, t):
    """One Erlang C measure; ``t`` is the answer time (s), or the SL for ANSWER_TIME."""
    if what == PWAIT:
        return erlang_c(n, a)
    if what == SL:
        return service_level(n, a, aht, t)
    if what == ASA:
        return asa(n, a, aht)
    if what == QUEUE_TIME:
        return queue_time(n, a, aht)
    if what == QUEUE_LENGTH:
        return queue_length(n, a)
    if what == OCCUPANCY:
        return occupancy(n, a)
    return answer_time(n, a, aht, t)


@njit(cache=True, error_model="numpy")
def erlang_c_vec(what, n, a, aht, t, out):
    for i in range(out.size):
        if np.isnan(n[i]) or np.isnan(a[i]) or np.isnan(aht[i]) or np.isnan(t[i]):
            out[i] = np.nan
        else:
            out[i] = erlang_c_measure(what, n[i], a[i], aht[i], t[i])


@njit(cache=True, error_model="numpy")
def erlang_b_vec(x, a, out):
    for i in range(out.size):
        if np.isnan(x[i]) or np.isnan(a[i]):
            out[i] = np.nan
        else:
            out[i] = erlang_b(x[i], a[i])


# ---- integer staffing searches: carry the recursion forward, no division per step


@njit(cache=True, error_model="numpy")
def servers_for_blocking(a, target):
    """Smallest whole number of servers with B <= target (0 < target <= 1)."""
    if a == 0.0 or target >= 1.0:
        return 0.0
    need = 1.0 / target * (1.0 - _MET_RTOL)
    n = max(0.0, math.floor(a - START_DEPTH * math.sqrt(a)))
    inv = inv_erlang_b(n, a)
    if inv >= need:  # answer lies below the warm start: walk from zero instead
        n = 0.0
        inv = 1.0
    r = 1.0 / a
    while inv < need:
        n += 1.0
        inv = 1.0 + n * r * inv
    return n


@njit(cache=True, error_model="numpy")
def agents_for_sl(a, aht, t, target):
    """Smallest whole number of agents with Erlang C service level >= target (< 1)."""
    if a == 0.0:
        return 0.0
    n = math.floor(a) + 1.0
    inv = inv_erlang_b(n, a)
    r = 1.0 / a
    theta = t / aht
    e = math.exp(-(n - a) * theta)
    q = math.exp(-theta)
    miss = (1.0 - target) * (1.0 + _MET_RTOL)
    # SL >= target  <=>  C e <= 1 - target  <=>  n e <= (1 - target) ((n - a) inv + a)
    while n * e > miss * ((n - a) * inv + a):
        n += 1.0
        inv = 1.0 + n * r * inv
        e *= q
    return n


@njit(cache=True, error_model="numpy")
def agents_for_asa(a, aht, target):
    """Smallest whole number of agents with Erlang C ASA <= target seconds (> 0)."""
    if a == 0.0:
        return 0.0
    n = math.floor(a) + 1.0
    inv = inv_erlang_b(n, a)
    r = 1.0 / a
    goal = target * (1.0 + _MET_RTOL)
    # C aht / (n - a) <= target  <=>  n aht <= target (n - a) ((n - a) inv + a)
    while n * aht > goal * (n - a) * ((n - a) * inv + a):
        n += 1.0
        inv = 1.0 + n * r * inv
    return n
