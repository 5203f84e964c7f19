"""Roster engine benchmarks: Shift Design Problem, employee scheduling, a contact-center week.

    python benchmarks/roster_bench.py [--sets DataSet1,DataSet2,DataSet3] [--time-limit 30]
                                      [--es 1-8] [--es-time 60] [--seed 0] [--skip-sdp]
                                      [--skip-es] [--skip-cc]
    python benchmarks/roster_bench.py --sdp PATH [--time-limit S] --json

Every objective printed is recomputed by the independent validator
(:mod:`xlcc.roster.validate`), not taken from the solver. Reference values: the
"assumed optimal" fitness in each DataSet1/2 file; for employee scheduling the
best values in the literature (shared/data/README.md). HiGHS through
scipy.optimize.milp on one core.
"""

import argparse
import glob
import json
import os
import re
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from tests.shared_data import DATA  # noqa: E402  (one locator for the shared data)
from xlcc.roster.assign import RosterInfeasible, assign_roster  # noqa: E402
from xlcc.roster.catalogue import Break, ShiftType  # noqa: E402
from xlcc.roster.design import DesignWeights, design_shifts  # noqa: E402
from xlcc.roster.formats import read_employee_scheduling, read_shift_design  # noqa: E402
from xlcc.roster.plan import roster_problem, team  # noqa: E402
from xlcc.roster.report import quality  # noqa: E402
from xlcc.roster.validate import (check_design, check_roster, design_fitness,  # noqa: E402
                                  shift_uses)

BEST_ES = [607, 828, 1001, 1716, 1143, 1950, 1056, 1308, 439, 4631, 3443, 4040, 1905, 1279,
           3928, 3225, 5750, 4650, 3218]


def solve_sdp(path, time_limit):
    inst = read_shift_design(path)
    w = DesignWeights(under=inst.weight_under * 60, over=inst.weight_over * 60,
                      shifts=inst.weight_shifts)
    t = time.perf_counter()
    d = design_shifts(inst.requirements, inst.catalogue, inst.slot_min, cyclic=inst.cyclic,
                      weights=w, time_limit_s=time_limit, mip_gap=0)
    seconds = time.perf_counter() - t
    check = check_design(shift_uses(d), inst.requirements, inst.slot_min, inst.cyclic)
    fit = design_fitness(check, inst.slot_min, inst.weight_under, inst.weight_over,
                         inst.weight_shifts)
    return inst, dict(fitness=fit, shifts=check.distinct_shifts,
                      over=float(check.over.sum() * inst.slot_min),
                      under=float(check.under.sum() * inst.slot_min), status=d.status,
                      bound=d.bound, seconds=seconds)


def sdp_table(sets, time_limit):
    print(f"Shift Design Problem (time limit {time_limit:g} s; over/under in person-minutes)")
    print(f"{'instance':<24}{'slot':>5}{'ref':>7}{'ours':>7}{'shifts':>7}{'over':>6}"
          f"{'under':>6}{'bound':>8}{'status':>12}{'s':>7}")
    for ds in sets:
        files = sorted(glob.glob(os.path.join(DATA, "shift_design", ds, "*.txt")),
                       key=lambda p: int(re.findall(r"\d+", os.path.basename(p))[0]))
        better = equal = worse = 0
        for path in files:
            inst, r = solve_sdp(path, time_limit)
            ref = inst.reference_fitness
            if ref is not None:
                better += r["fitness"] < ref - 1e-9
                equal += abs(r["fitness"] - ref) <= 1e-9
                worse += r["fitness"] > ref + 1e-9
            print(f"{ds + '/' + inst.name:<24}{inst.slot_min:>5}"
                  f"{'-' if ref is None else f'{ref:g}':>7}{r['fitness']:>7g}{r['shifts']:>7}"
                  f"{r['over']:>6g}{r['under']:>6g}{r['bound']:>8.1f}{r['status']:>12}"
                  f"{r['seconds']:>7.1f}", flush=True)
        if better + equal + worse:
            print(f"{ds}: {better} better than the reference, {equal} equal, {worse} worse")


def es_table(numbers, time_limit, seed=0):
    print(f"\nEmployee scheduling (Curtois & Qu; time limit {time_limit:g} s, seed {seed})")
    print(f"{'instance':<12}{'staff':>6}{'days':>5}{'shifts':>7}{'ours':>8}{'best':>7}"
          f"{'gap':>8}{'bound':>9}{'status':>12}{'s':>7}  note")
    for n in numbers:
        p = read_employee_scheduling(os.path.join(DATA, "employee_scheduling",
                                                  f"Instance{n}.txt"))
        best = BEST_ES[n - 1] if n <= len(BEST_ES) else None
        t = time.perf_counter()
        try:
            r = assign_roster(p, time_limit_s=time_limit, seed=seed)
        except RosterInfeasible as exc:
            print(f"{'Instance' + str(n):<12}{len(p.agents):>6}{p.days:>5}{len(p.shifts):>7}"
                  f"{'-':>8}{best or '-':>7}{'':>8}{'':>9}{'infeasible':>12}"
                  f"{time.perf_counter() - t:>7.1f}  {'; '.join(exc.reasons[:3])}")
            continue
        check = check_roster(p, r.codes())
        gap = f"{(check.objective - best) / best:.1%}" if best else "-"
        note = "; ".join(check.violations[:2]) or "valid"
        print(f"{'Instance' + str(n):<12}{len(p.agents):>6}{p.days:>5}{len(p.shifts):>7}"
              f"{check.objective:>8g}{best or '-':>7}{gap:>8}{r.bound:>9.1f}{r.status:>12}"
              f"{r.seconds:>7.1f}  {note}", flush=True)


def contact_center_week(slot=15, peak_calls_scale=1.45):
    """7 x 96 quarter-hours of Erlang C requirements (80/20, AHT 240 s), peak ~60."""
    from xlcc.erlang import agents_for_service_level, traffic_erl

    per = 1440 // slot
    hours = np.arange(per) * slot / 60
    calls = np.zeros((7, per))
    for d in range(7):
        scale = (1.0 if d < 5 else 0.6) * peak_calls_scale * slot / 30
        calls[d] = scale * (20 + 260 * np.exp(-((hours - 11) / 2.5) ** 2)
                            + 200 * np.exp(-((hours - 17) / 2.5) ** 2))
        calls[d][(hours < 6) | (hours >= 23)] *= 0.05
    return agents_for_service_level(traffic_erl(calls, 240, slot), 240, 20, 0.8)


def cc_catalogue():
    b = (lambda name, dur, after, before, paid=True, gap=0: Break(dur, after, before, paid, gap,
                                                                  name))
    full = (b("break", 15, 60, 180), b("lunch", 60, 180, 120, False, 30),
            b("break", 15, 60, 60, gap=30))
    return (ShiftType("P4", 6 * 60, 19 * 60, 240, 240, breaks=(b("break", 15, 90, 60),)),
            ShiftType("P6", 6 * 60, 18 * 60, 360, 360, breaks=(b("break", 15, 60, 120),
                                                               b("break", 15, 60, 60, gap=60))),
            ShiftType("F8", 0, 16 * 60, 480, 480, breaks=full),
            ShiftType("F9", 6 * 60, 14 * 60, 540, 540, breaks=full))


def cc_table(time_limit):
    req = contact_center_week()
    cat = cc_catalogue()
    print(f"\nContact-center week: 7 x 96 quarter-hours, peak {req.max():g} agents, "
          f"{req.sum() / 4:,.0f} agent-hours; shifts of 4, 6, 8, 9 h with breaks")
    print(f"{'design':<28}{'objective':>10}{'bound':>10}{'gap':>8}{'shifts':>7}{'under h':>8}"
          f"{'over h':>7}{'paid h':>8}{'s':>7}")
    designs = {}
    # the first three weigh agent-hours short 4 and over 1 (plus 2 per distinct shift);
    # the last is a labour cost: paid hours, plus 4 per agent-hour short
    deviation = DesignWeights(under=4, over=1)
    for label, mode, weights in (
            ("breaks in model", "model", deviation), ("breaks post-pass", "post", deviation),
            ("model, shift weight 2", "model", DesignWeights(under=4, over=1, shifts=2)),
            ("cost: paid h + 4/h short", "model", DesignWeights(under=4, over=0, paid=1))):
        d = design_shifts(req, cat, 15, weights=weights, time_limit_s=time_limit, mip_gap=0.01,
                          breaks=mode)
        q = quality(d)
        check = check_design(shift_uses(d), d.requirement, 15, True, cat,
                             lambda u: next(t for t in cat if t.min_length_min == u.length_min))
        assert abs(check.under.sum() - d.under.sum()) < 1e-6 and not check.problems
        designs[label] = d
        print(f"{label:<28}{d.objective:>10.1f}{d.bound:>10.1f}{d.gap:>8.1%}{q.shifts_used:>7}"
              f"{q.under_hours:>8.1f}{q.over_hours:>7.1f}{q.paid_hours:>8.1f}{d.seconds:>7.1f}")
    d = designs["breaks in model"]
    # 120 agents split by the design's paid hours: full-timers (36-48 h a week) on the 8
    # and 9 h shifts at about 44 h a week, part-timers (16-30 h) on the 4 and 6 h ones
    cand = d.candidates
    full_time = sum(d.counts[j].sum() * (cand.length_min[j] - cand.unpaid_min(j)) / 60
                    for j in d.shifts_used if cand.catalogue[cand.type_index[j]].code in
                    ("F8", "F9"))
    n_full = int(np.ceil(full_time / 44))
    agents = (team(n_full, weeks=4, max_week_hours=48, min_week_hours=36,
                   shift_types=("F8", "F9"))
              + team(120 - n_full, weeks=4, max_week_hours=30, min_week_hours=16,
                     shift_types=("P4", "P6"), first=n_full + 1))
    p = roster_problem(d, agents, weeks=4, min_rest_hours=12)
    r = assign_roster(p, time_limit_s=time_limit * 2)
    check = check_roster(p, r.codes())
    wanted = p.cover.sum()
    print(f"named roster: 120 agents ({n_full} full-time, {120 - n_full} part-time) x 28 days, "
          f"{len(p.shifts)} shifts, 12 h rest: "
          f"{r.status} in {r.seconds:.1f} s, {check.under / 100:g} of {wanted:g} shifts "
          f"unstaffed, {check.over / 10:g} extra, fairness spread {check.fairness:g}, "
          f"{len(check.violations)} rule violations")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sdp", help="solve one Shift Design Problem file")
    ap.add_argument("--json", action="store_true", help="with --sdp: print one JSON object")
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--sets", default="DataSet1,DataSet2,DataSet3")
    ap.add_argument("--es", default="1-8", help="employee scheduling instances, e.g. 1-8,12")
    ap.add_argument("--es-time", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=0, help="seed of the roster searches")
    ap.add_argument("--skip-sdp", action="store_true")
    ap.add_argument("--skip-es", action="store_true")
    ap.add_argument("--skip-cc", action="store_true")
    args = ap.parse_args(argv)
    if args.sdp:
        _, r = solve_sdp(args.sdp, args.time_limit)
        if args.json:
            print(json.dumps(r))
        else:
            print(r)
        return 0
    if not args.skip_sdp:
        sdp_table(args.sets.split(","), args.time_limit)
    if not args.skip_es:
        numbers = []
        for part in args.es.split(","):
            a, _, b = part.partition("-")
            numbers += list(range(int(a), int(b or a) + 1))
        es_table(numbers, args.es_time, args.seed)
    if not args.skip_cc:
        cc_table(args.time_limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
