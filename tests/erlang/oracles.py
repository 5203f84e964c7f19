"""Independent oracles for the queueing tests: textbook formulas at 50 digits
(mpmath) and a brute-force birth-death chain. Nothing here imports xlcc."""

import math

import mpmath
import numpy as np
from scipy.linalg import expm

DPS = 50


def erlang_b_mp(x, a):
    """B(x, a) = a^x e^-a / Gamma(x+1, a): the continuous Erlang B at 50 digits."""
    with mpmath.workdps(DPS):
        x, a = mpmath.mpf(x), mpmath.mpf(a)
        try:
            return a**x * mpmath.exp(-a) / mpmath.gammainc(x + 1, a)
        except mpmath.libmp.libhyper.NoConvergence:
            # large x and a: start exactly at the fractional part, then the
            # textbook recursion 1/B(k) = 1 + (k/a)/B(k-1) in 50-digit arithmetic
            f = x - mpmath.floor(x)
            inv = mpmath.gammainc(f + 1, a) * mpmath.exp(a) / a**f
            for k in range(1, int(mpmath.floor(x)) + 1):
                inv = 1 + (f + k) / a * inv
            return 1 / inv


def erlang_b_sum_mp(n, a):
    """Textbook sum (a^n/n!) / sum_k a^k/k! for whole n."""
    with mpmath.workdps(DPS):
        a = mpmath.mpf(a)
        terms = [a**k / mpmath.factorial(k) for k in range(int(n) + 1)]
        return terms[-1] / mpmath.fsum(terms)


def erlang_c_mp(n, a):
    with mpmath.workdps(DPS):
        n, a = mpmath.mpf(n), mpmath.mpf(a)
        if n <= a:
            return mpmath.mpf(1)
        b = erlang_b_mp(n, a)
        return n * b / (n - a * (1 - b))


def service_level_mp(n, a, aht, t):
    with mpmath.workdps(DPS):
        if n <= a:
            return mpmath.mpf(0)
        c = erlang_c_mp(n, a)
        return 1 - c * mpmath.exp(-(mpmath.mpf(n) - a) * mpmath.mpf(t) / aht)


def asa_mp(n, a, aht):
    with mpmath.workdps(DPS):
        return erlang_c_mp(n, a) * mpmath.mpf(aht) / (mpmath.mpf(n) - a)


def lower_gamma_mp(x, y):
    """gamma(x, y) = y^x e^-y / x * 1F1(1; x + 1; y) (Kummer), a series of
    positive terms that mpmath may sum for as long as large x, y need."""
    return y**x * mpmath.exp(-y) / x * mpmath.hyp1f1(1, x + 1, y, maxterms=10**7)


def erlang_a_mp(n, a, aht, patience, t):
    """Mandelbaum & Zeltyn closed forms with mpmath's incomplete gamma, 50 digits.

    Returns dict: pwait, abandon, offered, answered, virtual, occupancy.
    """
    with mpmath.workdps(DPS):
        n, a, aht, patience, t = map(mpmath.mpf, (n, a, aht, patience, t))
        x, y = n * patience / aht, a * patience / aht
        q = mpmath.exp(-t / patience)
        e = erlang_b_mp(n, a)
        gxy = lower_gamma_mp(x, y)
        big_a = x * mpmath.exp(y) * y**-x * gxy
        pw = big_a * e / (1 + (big_a - 1) * e)
        rho = y / x
        ab_wait = 1 / (rho * big_a) + 1 - 1 / rho
        late = lower_gamma_mp(x, y * q) / gxy                 # P(V > t | wait)
        served_late = lower_gamma_mp(x + 1, y * q) / (y * gxy)  # P(served, V > t | wait)
        offered = 1 - pw * (ab_wait + served_late)
        abandon = pw * ab_wait
        return dict(pwait=pw, abandon=abandon, offered=offered, answered=offered / (1 - abandon),
                    virtual=1 - pw * late, occupancy=a * (1 - abandon) / n)


def erlang_a_chain(n, a, aht, patience, t, cap=None):
    """Brute force for whole n: stationary distribution of the truncated
    birth-death chain, then the tagged caller's position chain (number ahead,
    own abandonment) integrated with a matrix exponential.

    Returns dict: pwait, abandon, offered, answered, virtual, asa, occupancy.
    """
    lam, mu, theta = a / aht, 1.0 / aht, 1.0 / patience
    cap = cap or int(n + 10 * (a + 10) + 400)
    logp = [0.0]
    for j in range(1, cap + 1):
        down = min(j, n) * mu + max(j - n, 0) * theta
        logp.append(logp[-1] + math.log(lam / down))
    p = np.exp(np.array(logp) - max(logp))
    p /= p.sum()
    k_max = cap - n
    served_state, lost_state = k_max + 1, k_max + 2
    gen = np.zeros((k_max + 3, k_max + 3))
    for i in range(k_max + 1):
        if i == 0:
            gen[i, served_state] = n * mu
        else:
            gen[i, i - 1] = n * mu + i * theta
        gen[i, lost_state] = theta
        gen[i, i] = -gen[i].sum()
    patient = gen.copy()
    patient[:, lost_state] = 0.0
    np.fill_diagonal(patient, 0.0)
    np.fill_diagonal(patient, -patient.sum(axis=1))
    transient = gen[: k_max + 1, : k_max + 1]
    p_served = np.linalg.solve(-transient, gen[: k_max + 1, served_state])
    mean_wait_served = np.linalg.solve(-transient, p_served)
    arrive_wait = p[n: n + k_max + 1]
    no_wait = p[:n].sum()
    served = no_wait + arrive_wait @ p_served
    offered = no_wait + arrive_wait @ expm(gen * t)[: k_max + 1, served_state]
    virtual = no_wait + arrive_wait @ expm(patient * t)[: k_max + 1, served_state]
    return dict(pwait=1 - no_wait, abandon=1 - served, offered=offered, answered=offered / served,
                virtual=virtual, asa=(arrive_wait @ mean_wait_served) / served,
                occupancy=a * served / n)
