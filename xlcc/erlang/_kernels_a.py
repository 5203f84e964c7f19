"""Numba kernels for Erlang A (M/M/n+M): bare float64 arithmetic.

Notation (Mandelbaum & Zeltyn): service rate mu = 1/aht, abandonment rate
theta = 1/patience, x = n mu / theta, y = lambda / theta. A caller who must wait
finds k >= 0 callers ahead with probability proportional to
``t_k = y^k / ((x+1)(x+2)...(x+k))``; ``A(x, y) = sum_k t_k`` is Mandelbaum and
Zeltyn's ``A(x, y) = x e^y y^-x gamma(x, y)``. With E = Erlang B(n, a):

* P(wait)               = A E / (1 + (A - 1) E)
* P(abandon | wait)     = E[k] / y                 (a sum of positives: no cancellation)
* P(V > t | wait)       = gamma(x, y q) / gamma(x, y),   q = exp(-t / patience)
* P(served, V > t|wait) = gamma(x+1, y q) / (y gamma(x, y))
* E[V; served | wait]   = patience * sum_k w_k x/(x+k+1) H_k,   H_k = sum_{i=1}^{k+1} 1/(x+i)

where V is the virtual wait (the wait of an infinitely patient caller). The
incomplete-gamma ratios are written through A at shifted arguments, and every A
is summed from the mode of t_k outward in log-space, so nothing underflows for
patience of hours or thousands of agents (where gamma(x, y) itself is e^-10^5).
"""

import math

import numpy as np
from numba import njit

from xlcc.erlang._codes import ERLANG_A
from xlcc.erlang._kernels import asa, erlang_c, inv_erlang_b, occupancy, service_level

_A = ERLANG_A
PWAIT, ABANDON, SL_OFFERED, SL_ANSWERED = _A.PWAIT, _A.ABANDON, _A.SL_OFFERED, _A.SL_ANSWERED
SL_VIRTUAL, ASA, OCCUPANCY = _A.SL_VIRTUAL, _A.ASA, _A.OCCUPANCY
_NEGLIGIBLE = 1e-18


@njit(cache=True, error_model="numpy")
def digamma(z):
    """psi(z) for z > 0: upward recurrence, then the asymptotic series."""
    r = 0.0
    while z < 10.0:
        r -= 1.0 / z
        z += 1.0
    f = 1.0 / (z * z)
    tail = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))))
    return r + math.log(z) - 0.5 / z - tail


@njit(cache=True, error_model="numpy")
def log_rising(x, j, m):
    """log((x+j+1)(x+j+2)...(x+m)) = lgamma(x+m+1) - lgamma(x+j+1), whole j <= m.

    A direct sum of logs when short: it keeps the small differences of huge
    lgamma values that the incomplete-gamma ratios need to 1e-15.
    """
    if m - j > 2000.0:
        return math.lgamma(x + m + 1.0) - math.lgamma(x + j + 1.0)
    total = 0.0
    i = j + 1.0
    while i <= m:
        total += math.log(x + i)
        i += 1.0
    return total


@njit(cache=True, error_model="numpy")
def _stirling_tail(z):
    """lgamma(z) - [(z - 1/2) log z - z + log(2 pi)/2], z >= 10 (error < 1e-16)."""
    f = 1.0 / (z * z)
    return (1.0 / 12 - f * (1.0 / 360 - f * (1.0 / 1260 - f / 1680))) / z


@njit(cache=True, error_model="numpy")
def log_rising_over(x, j, m, y):
    """log(((x+j+1)/y) ... ((x+m)/y)) for whole j <= m, accurate to ~1e-13 absolute.

    Near the modes (x + i close to y) every factor is close to 1; summing
    ``log1p`` terms, or Stirling's series written with ``log1p(z / y - 1)``,
    avoids subtracting two lgamma values of size y log y.
    """
    total = 0.0
    while j < m and (m - j <= 64.0 or x + j + 1.0 < 10.0):
        j += 1.0
        total += math.log1p((x + j - y) / y)
    if j == m:
        return total
    z1 = x + j + 1.0
    z2 = x + m + 1.0
    return (total + (z2 - 0.5) * math.log1p((z2 - y) / y) - (z1 - 0.5) * math.log1p((z1 - y) / y)
            - (m - j) + _stirling_tail(z2) - _stirling_tail(z1))


@njit(cache=True, error_model="numpy")
def queue_series(x, y, with_wait):
    """(mode k*, log(sum_k t_k / t_k*), E[k], E[x/(x+k+1) H_k]) over k ~ t_k.

    ``log A(x, y) = log t_k* + log_sum`` with ``log t_k = k log y - log_rising(x, 0, k)``.
    The last value is computed only if ``with_wait``.
    """
    if y == 0.0:
        return 0.0, 0.0, 0.0, x / (x + 1.0) ** 2
    mode = max(0.0, math.floor(y - x))
    k = mode
    tk = 1.0
    total = 1.0
    while k > 0.0:  # find where the left tail becomes negligible
        tk *= (x + k) / y
        k -= 1.0
        total += tk
        if tk < _NEGLIGIBLE * total:
            break
    h = 0.0
    if with_wait:
        h = digamma(x + k + 2.0) - digamma(x + 1.0) if k > 0.0 else 1.0 / (x + 1.0)
    s0 = 0.0
    s1 = 0.0
    s2 = 0.0
    while True:
        s0 += tk
        s1 += k * tk
        if with_wait:
            s2 += tk * x / (x + k + 1.0) * h
        k += 1.0
        tk *= y / (x + k)
        if with_wait:
            h += 1.0 / (x + k + 1.0)
        if k > mode and tk < _NEGLIGIBLE * s0:
            break
    return mode, math.log(s0), s1 / s0, s2 / s0


@njit(cache=True, error_model="numpy")
def _log_mode_ratio(x, dx, k1, k2, y, s):
    """log t_k1(x + dx, y e^-s) - log t_k2(x, y), dx in {0, 1}.

    Equals ``(k1 - k2) log y - k1 s + dx log(x + 1) + lgamma(x+k2+1) - lgamma(x+dx+k1+1)``,
    regrouped as sums of ``log((x + i) / y)`` so that no two large terms cancel.
    """
    log_ratio = -k1 * s + dx * math.log1p((x + 1.0 - y) / y)
    if k2 >= k1 + dx:
        return log_ratio + log_rising_over(x, k1 + dx, k2, y)
    return log_ratio - log_rising_over(x, k2, k1 + dx, y)


@njit(cache=True, error_model="numpy")
def _erlang_c_limit(what, n, a, aht, t):
    """Infinite patience: Erlang C (no caller abandons, all are answered)."""
    if what == PWAIT:
        return erlang_c(n, a)
    if what == ABANDON:
        return 0.0
    if what == ASA:
        return asa(n, a, aht)
    if what == OCCUPANCY:
        return occupancy(n, a)
    return service_level(n, a, aht, t)


@njit(cache=True, error_model="numpy")
def erlang_a(what, n, a, aht, patience, t):
    """One Erlang A measure for n agents (>= 0), a Erlangs, times in seconds."""
    if a == 0.0:
        return 1.0 if what in (SL_OFFERED, SL_ANSWERED, SL_VIRTUAL) else 0.0
    if patience == np.inf:
        return _erlang_c_limit(what, n, a, aht, t)
    if n == 0.0:  # nobody is answered: everyone waits and abandons
        return np.inf if what == ASA else (0.0 if what >= SL_OFFERED and what <= SL_VIRTUAL else 1.0)
    x = n * patience / aht
    y = a * patience / aht
    inv = inv_erlang_b(n, a)
    mode, log_sum, mean_k, mean_h = queue_series(x, y, what == ASA)
    log_a = mode * math.log(y) - log_rising(x, 0.0, mode) + log_sum
    pw = 0.0 if inv == np.inf else 1.0 / (1.0 + (inv - 1.0) * math.exp(-log_a))
    if what == PWAIT:
        return pw
    ab_wait = mean_k / y
    abandon = pw * ab_wait
    if what == ABANDON:
        return abandon
    if what == OCCUPANCY:
        return a * (1.0 - abandon) / n
    if what == ASA:
        return pw * patience * mean_h / (1.0 - abandon)
    if t == 0.0:  # only callers who find a free agent are answered at once
        return 1.0 - pw if what != SL_ANSWERED else (1.0 - pw) / (1.0 - abandon)
    s = t / patience
    # log of q^x e^{y (1 - q)}, the factor shared by both incomplete-gamma ratios
    shift = x * (-s) + y * -math.expm1(-s)
    yq = y * math.exp(-s)
    if what == SL_VIRTUAL:  # P(V > t | wait) = A(x, yq) q^x e^{y(1-q)} / A(x, y)
        m1, sum1, _, _ = queue_series(x, yq, False)
        log_late = shift + _log_mode_ratio(x, 0.0, m1, mode, y, s) + sum1 - log_sum
        return max(0.0, 1.0 - pw * math.exp(log_late))
    # P(served, V > t | wait) = x/(x+1) q e^{...} A(x+1, yq) / A(x, y)
    m1, sum1, _, _ = queue_series(x + 1.0, yq, False)
    log_served_late = (shift - s + _log_mode_ratio(x, 1.0, m1, mode, y, s) + sum1 - log_sum
                       + math.log(x) - math.log(x + 1.0))
    # the subtraction leaves an absolute error of ~1e-11 at worst: clamp at 0
    offered = max(0.0, 1.0 - pw * (ab_wait + math.exp(log_served_late)))
    if what == SL_OFFERED:
        return offered
    return offered / (1.0 - abandon)


@njit(cache=True, error_model="numpy")
def erlang_a_vec(what, n, a, aht, patience, t, out):
    for i in range(out.size):
        if np.isnan(n[i]) or np.isnan(a[i]) or np.isnan(aht[i]) or np.isnan(patience[i]) or np.isnan(t[i]):
            out[i] = np.nan
        else:
            out[i] = erlang_a(what, n[i], a[i], aht[i], patience[i], t[i])
