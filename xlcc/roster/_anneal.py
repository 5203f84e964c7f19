"""Numba kernels of the roster local search (:mod:`xlcc.roster.anneal`).

A roster is ``g[e, d]``: the shift index agent ``e`` works on day ``d``, or ``K``
(the number of shifts) for a day off. An agent's cost is recomputed whole after a
move (a scan of their days, O(days)), the cover cost incrementally. Hard rules are
counted in "violation units" (a day too many, an hour short, a forbidden
succession...) and priced by ``hard_weight``. Bare arithmetic only.
"""

import numpy as np
from numba import njit


@njit(cache=True)
def agent_cost(e, g, K, paid, pref, min_min, max_min, week_min, week_max, max_shifts,
               cmax, cmin, offmin, conflict, weekend_of, max_weekends, nweekends,
               counts, worked_weekend):
    """(hard violation units, request cost) of agent ``e``'s row of ``g``; ``counts``
    (K + 1) and ``worked_weekend`` (weekends, at least 1) are scratch arrays."""
    D = g.shape[1]
    hard = 0.0
    soft = 0.0
    minutes = 0.0
    counts[:] = 0
    worked_weekend[:] = 0
    for d in range(D):
        o = g[e, d]
        soft += pref[e, d, o]
        minutes += paid[o]
        counts[o] += 1
        if o < K and weekend_of[d] >= 0:
            worked_weekend[weekend_of[d]] = 1
    hard += (max(0.0, min_min[e] - minutes) + max(0.0, minutes - max_min[e])) / 60.0
    for w0 in range(0, D, 7):
        w1 = min(w0 + 7, D)
        m = 0.0
        for d in range(w0, w1):
            m += paid[g[e, d]]
        low = week_min[e] if w1 - w0 == 7 else 0.0
        hard += (max(0.0, low - m) + max(0.0, m - week_max[e])) / 60.0
    for k in range(K):
        if counts[k] > max_shifts[e, k]:
            hard += counts[k] - max_shifts[e, k]
    d = 0
    while d < D:  # runs of working days and of days off
        on = g[e, d] < K
        s = d
        while d < D and (g[e, d] < K) == on:
            d += 1
        n = d - s
        inner = s > 0 and d < D
        if on:
            if n > cmax[e]:
                hard += n - cmax[e]
            if inner and n < cmin[e]:
                hard += cmin[e] - n
        elif inner and n < offmin[e]:
            hard += offmin[e] - n
    L = conflict.shape[2]
    for d in range(D):
        a = g[e, d]
        if a == K:
            continue
        for lag in range(1, L):
            if d + lag >= D:
                break
            b = g[e, d + lag]
            if b < K and conflict[a, b, lag]:
                hard += 1.0
    worked = 0
    for w in range(nweekends):
        worked += worked_weekend[w]
    if worked > max_weekends[e]:
        hard += worked - max_weekends[e]
    return hard, soft


@njit(cache=True)
def fairness_counts(e, g, K, tagged, weekend_cat, weekend_of, nweekends, out, seen):
    """Per fairness category, agent ``e``'s count (shifts of the category, or weekends
    worked), written to ``out[:, e]``; ``seen`` is a scratch array (weekends)."""
    D = g.shape[1]
    for f in range(tagged.shape[0]):
        n = 0
        if weekend_cat[f]:
            seen[:] = 0
            for d in range(D):
                if g[e, d] < K and weekend_of[d] >= 0:
                    seen[weekend_of[d]] = 1
            for w in range(nweekends):
                n += seen[w]
        else:
            for d in range(D):
                o = g[e, d]
                if o < K and tagged[f, o]:
                    n += 1
        out[f, e] = n


@njit(cache=True)
def fairness_cost(counts, weights):
    total = 0.0
    for f in range(counts.shape[0]):
        lo = counts[f, 0]
        hi = counts[f, 0]
        for e in range(1, counts.shape[1]):
            lo = min(lo, counts[f, e])
            hi = max(hi, counts[f, e])
        total += weights[f] * (hi - lo)
    return total


@njit(cache=True)
def cover_term(have, cover, wu, wo, d, k):
    x = have[d, k] - cover[d, k]
    return wu[d, k] * -x if x < 0 else wo[d, k] * x


@njit(cache=True)
def _move_cover(have, cover, wu, wo, d, old, new, K):
    """Move one agent on day ``d`` from option ``old`` to ``new`` in ``have``; returns
    the change of the cover cost."""
    delta = 0.0
    if old < K:
        delta -= cover_term(have, cover, wu, wo, d, old)
        have[d, old] -= 1
        delta += cover_term(have, cover, wu, wo, d, old)
    if new < K:
        delta -= cover_term(have, cover, wu, wo, d, new)
        have[d, new] += 1
        delta += cover_term(have, cover, wu, wo, d, new)
    return delta


@njit(cache=True, nogil=True)
def anneal(g, allowed, K, paid, pref, min_min, max_min, week_min, week_max, max_shifts,
           cmax, cmin, offmin, conflict, weekend_of, max_weekends, nweekends,
           cover, wu, wo, tagged, weekend_cat, fair_w, hard_weight,
           moves, t_start, t_end, seed, best_g, best):
    """``moves`` simulated-annealing moves on ``g`` (in place), temperature going
    geometrically from ``t_start`` to ``t_end``. ``best[0]`` holds the best
    objective of a roster breaking no hard rule (``best_g`` that roster); updated.
    Returns the current roster's objective, hard units included."""
    np.random.seed(seed)
    E, D = g.shape
    sc_counts = np.zeros(K + 1, np.int64)
    sc_weekend = np.zeros(max(nweekends, 1), np.int64)
    have = np.zeros((D, K))
    for e in range(E):
        for d in range(D):
            if g[e, d] < K:
                have[d, g[e, d]] += 1
    hard = np.zeros(E)
    soft = np.zeros(E)
    for e in range(E):
        hard[e], soft[e] = agent_cost(e, g, K, paid, pref, min_min, max_min, week_min,
                                      week_max, max_shifts, cmax, cmin, offmin, conflict,
                                      weekend_of, max_weekends, nweekends, sc_counts,
                                      sc_weekend)
    nf = tagged.shape[0]
    counts = np.zeros((nf, E), np.int64)
    for e in range(E):
        fairness_counts(e, g, K, tagged, weekend_cat, weekend_of, nweekends, counts,
                        sc_weekend)
    cov = 0.0
    for d in range(D):
        for k in range(K):
            cov += cover_term(have, cover, wu, wo, d, k)
    fair = fairness_cost(counts, fair_w) if nf else 0.0
    total_hard = hard.sum()
    total = soft.sum() + cov + fair
    ratio = (t_end / t_start) ** (1.0 / max(moves, 1))
    t = t_start
    saved = np.empty(D, g.dtype)
    saved2 = np.empty(D, g.dtype)
    for it in range(moves):
        t *= ratio
        kind = np.random.randint(0, 4)
        old = K
        e1 = np.random.randint(0, E)
        e2 = e1
        d0 = np.random.randint(0, D)
        d1 = d0 + 1
        dd = d0
        if kind == 0:  # give one agent another shift (or a day off) on one day
            o = np.random.randint(0, K + 1)
            old = g[e1, d0]
            if o == old or not allowed[e1, d0, o]:
                continue
            g[e1, d0] = o
        elif kind == 3:  # one agent works another day instead (hours kept)
            dd = np.random.randint(0, D)
            a, b = g[e1, d0], g[e1, dd]
            if a == b or not allowed[e1, d0, b] or not allowed[e1, dd, a]:
                continue
            g[e1, d0], g[e1, dd] = b, a
        else:
            if E < 2:
                continue
            e2 = np.random.randint(0, E - 1)
            if e2 >= e1:
                e2 += 1
            if kind == 2:  # swap a block of days between two agents
                d1 = min(D, d0 + 2 + np.random.randint(0, 6))
            same = True
            ok = True
            for d in range(d0, d1):
                a, b = g[e1, d], g[e2, d]
                if a != b:
                    same = False
                    if not allowed[e1, d, b] or not allowed[e2, d, a]:
                        ok = False
                        break
            if same or not ok:
                continue
            for d in range(d0, d1):
                saved[d] = g[e1, d]
                saved2[d] = g[e2, d]
                g[e1, d] = saved2[d]
                g[e2, d] = saved[d]
        # the move's change of cost
        h1, s1 = agent_cost(e1, g, K, paid, pref, min_min, max_min, week_min, week_max,
                            max_shifts, cmax, cmin, offmin, conflict, weekend_of,
                            max_weekends, nweekends, sc_counts, sc_weekend)
        h2, s2 = 0.0, 0.0
        if e2 != e1:
            h2, s2 = agent_cost(e2, g, K, paid, pref, min_min, max_min, week_min, week_max,
                                max_shifts, cmax, cmin, offmin, conflict, weekend_of,
                                max_weekends, nweekends, sc_counts, sc_weekend)
        d_cov = 0.0
        if kind == 0 or kind == 3:
            d_cov += _move_cover(have, cover, wu, wo, d0, old if kind == 0 else g[e1, dd],
                                 g[e1, d0], K)
            if kind == 3:
                d_cov += _move_cover(have, cover, wu, wo, dd, g[e1, d0], g[e1, dd], K)
        d_fair = 0.0
        if nf:
            fairness_counts(e1, g, K, tagged, weekend_cat, weekend_of, nweekends, counts,
                            sc_weekend)
            if e2 != e1:
                fairness_counts(e2, g, K, tagged, weekend_cat, weekend_of, nweekends, counts,
                                sc_weekend)
            nfair = fairness_cost(counts, fair_w)
            d_fair = nfair - fair
        d_hard = h1 - hard[e1] + (h2 - hard[e2] if e2 != e1 else 0.0)
        d_soft = s1 - soft[e1] + (s2 - soft[e2] if e2 != e1 else 0.0)
        delta = d_soft + d_cov + d_fair + hard_weight * d_hard
        if delta <= 0 or np.random.random() < np.exp(-delta / t):
            hard[e1], soft[e1] = h1, s1
            if e2 != e1:
                hard[e2], soft[e2] = h2, s2
            total_hard += d_hard
            total += d_soft + d_cov + d_fair
            fair += d_fair
            if total_hard < 1e-9 and total < best[0] - 1e-9:
                best[0] = total
                best_g[:, :] = g
        else:  # undo
            if kind == 0:
                _move_cover(have, cover, wu, wo, d0, g[e1, d0], old, K)
                g[e1, d0] = old
            elif kind == 3:
                a, b = g[e1, d0], g[e1, dd]
                _move_cover(have, cover, wu, wo, d0, a, b, K)
                _move_cover(have, cover, wu, wo, dd, b, a, K)
                g[e1, d0], g[e1, dd] = b, a
            else:
                for d in range(d0, d1):
                    g[e1, d] = saved[d]
                    g[e2, d] = saved2[d]
            if nf:
                fairness_counts(e1, g, K, tagged, weekend_cat, weekend_of, nweekends, counts,
                                sc_weekend)
                if e2 != e1:
                    fairness_counts(e2, g, K, tagged, weekend_cat, weekend_of, nweekends,
                                    counts, sc_weekend)
    return total + hard_weight * total_hard
