"""Numba kernel of the exact pricing: one agent's cheapest rule-abiding row.

A dynamic programme over the days (a labelling algorithm with every resource kept
exactly, so no dominance test is needed). The state after a day is

    (last, run, short, units, weekends, counts)

``last`` the shift worked that day (``K`` = off); ``run`` the length of the current
block of working days or of days off, saturated where no rule looks further;
``short`` 1 while a block that began on day 0 is still shorter than its minimum
(such a block touches the horizon's start and is exempt); ``units`` paid minutes
so far in units of the shifts' common divisor (saturated at the minimum when
there is no maximum); ``weekends`` weekends worked (kept only when limited);
``counts`` the shifts worked of each type whose limit can bind, mixed radix.
States are dense arrays: one value and one predecessor per state and day.
"""

import numpy as np
from numba import njit


@njit(cache=True)
def cheapest_row(cost, weekend_cost, allowed, units, u_min, u_max, u_track, cmax, cmin,
                 offmin, max_weekends, w_track, conflict, limit_of, radix, closes, with_prev):
    """(cost, row) of the cheapest row, or (inf, row of -1) if the rules admit none.

    cost : (D, K) cost of each day and shift; weekend_cost : (nw,) cost of each
    weekend worked; allowed : (D, K) bool; units : (K,) paid units of each shift;
    u_min, u_max : paid units allowed over the horizon; u_track : number of unit
    values kept (1 = minutes are not limited); cmax, cmin : longest and shortest run
    of working days (cmax >= D: no limit); offmin : shortest run of days off;
    max_weekends, w_track : most weekends worked, values kept (1 = no limit);
    conflict : (K, K) bool, shift b may not follow shift a the next day; limit_of :
    (K,) index into ``radix`` of the shift's count limit, -1 if none; radix : most
    shifts of each limited type + 1; closes : (D,) the weekend that day d closes,
    -1 if none; with_prev : (D,) bool, that weekend's other day is day d - 1.
    """
    D, K = cost.shape
    L = K + 1
    work_cap = cmax if cmax < D else max(cmin, 1)
    R = max(work_cap, max(offmin, 1))
    C = 1
    stride = np.ones(radix.size, np.int64)
    for i in range(radix.size):
        stride[i] = C
        C *= radix[i]
    W = w_track
    U = u_track
    S = L * R * 2 * U * W * C
    inf = np.inf
    cur = np.full(S, inf)
    nxt = np.full(S, inf)
    pred = np.full((D, S), -1, np.int64)
    row = np.full(D, -1, np.int64)

    for d in range(D):
        nxt[:] = inf
        m = closes[d]
        first = d == 0
        n_from = 1 if first else S
        for s in range(n_from):
            if first:
                last, run, short, u, w, cnt = -1, 0, 0, 0, 0, 0
                base = 0.0
            else:
                base = cur[s]
                if base == inf:
                    continue
                rest = s
                cnt = rest % C
                rest //= C
                w = rest % W
                rest //= W
                u = rest % U
                rest //= U
                short = rest % 2
                rest //= 2
                run = rest % R + 1
                last = rest // R
            for t in range(L):
                value = base
                if t < K:
                    if not allowed[d, t]:
                        continue
                    if 0 <= last < K and conflict[last, t]:
                        continue
                    if last < 0:  # day 0: the block touches the start, exempt
                        run2, short2 = 1, 1 if cmin > 1 else 0
                    elif last < K:
                        run2 = run + 1
                        if run2 > cmax:
                            continue
                        if run2 > work_cap:
                            run2 = work_cap
                        short2 = short if run2 < cmin else 0
                    else:  # a block of days off ends: long enough, or exempt
                        if run < offmin and short == 0:
                            continue
                        run2, short2 = 1, 0
                    u2 = u
                    if U > 1:
                        u2 = u + units[t]
                        if u_max >= 0:
                            if u2 > u_max:
                                continue
                        elif u2 > u_min:
                            u2 = u_min
                    cnt2 = cnt
                    j = limit_of[t]
                    if j >= 0:
                        if (cnt // stride[j]) % radix[j] + 1 >= radix[j]:
                            continue
                        cnt2 = cnt + stride[j]
                    value += cost[d, t]
                else:
                    if last < 0:
                        run2, short2 = 1, 1 if offmin > 1 else 0
                    elif last == K:
                        run2 = min(run + 1, max(offmin, 1))
                        short2 = short if run2 < offmin else 0
                    else:  # a block of working days ends: long enough, or exempt
                        if run < cmin and short == 0:
                            continue
                        run2, short2 = 1, 0
                    u2, cnt2 = u, cnt
                w2 = w
                if m >= 0 and (t < K or (with_prev[d] and 0 <= last < K)):
                    value += weekend_cost[m]
                    if W > 1:
                        w2 = w + 1
                        if w2 > max_weekends:
                            continue
                s2 = ((((t * R + run2 - 1) * 2 + short2) * U + u2) * W + w2) * C + cnt2
                if value < nxt[s2]:
                    nxt[s2] = value
                    pred[d, s2] = s
        cur, nxt = nxt, cur

    best = inf
    arg = -1
    for s in range(S):
        if cur[s] < best:
            u = (s // (C * W)) % U
            if U > 1 and u < u_min:
                continue
            best = cur[s]
            arg = s
    if arg < 0:
        return inf, row
    s = arg
    for d in range(D - 1, -1, -1):
        last = s // (C * W * U * 2 * R)
        row[d] = last if last < K else -1
        s = pred[d, s]
    return best, row
