"""Recombination of agents' rows (xlcc.roster.merge): against a brute force over
every combination of the candidate rows priced by the independent validator, and
the per-row rule check against the validator."""

import itertools
import time

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.optimize import LinearConstraint

from xlcc.roster import assign, merge
from xlcc.roster._solver import run_milp
from xlcc.roster.anneal import row_violations
from xlcc.roster.merge import recombine
from xlcc.roster.rules import Agent, RosterProblem, RosterShift
from xlcc.roster.validate import check_roster

SHIFTS = (RosterShift("E", 6 * 60, 480), RosterShift("L", 14 * 60, 480))


def _problem(days=7, agents=3):
    staff = tuple(
        Agent(f"a{i}", min_minutes=3 * 480, max_minutes=5 * 480, max_consecutive_days=4,
              min_consecutive_days_off=1, days_off=(i,), shift_requests=((6, "E", 2.0),),
              avoid_requests=((2, "*", 1.0),))
        for i in range(agents))
    cover = np.tile([[1, 1]], (days, 1))
    cover[5] = [2, 1]
    return RosterProblem(days, SHIFTS, staff, cover, under_weight=20.0, over_weight=3.0,
                         forbidden=(("L", "E"),), fairness={"weekend": 2.0})


def _codes(problem, grid):
    return [[problem.codes[k] if k >= 0 else "" for k in row] for row in grid]


def _model(problem):
    cover = assign._check(problem)
    c, const, lo, hi, integrality, hard, soft, n = assign._build(problem, cover)
    constraints = [LinearConstraint(hard.matrix(n), np.concatenate(hard.lo),
                                    np.concatenate(hard.hi)),
                   LinearConstraint(soft.matrix(n), np.concatenate(soft.lo),
                                    np.concatenate(soft.hi))]

    def solve(lo_, hi_, seconds):
        return run_milp(c, integrality, lo_, hi_, constraints, seconds, 1e-9)

    return c, const, lo, hi, integrality, constraints, solve


def _random_rows(rng, problem, count):
    """Rows that respect each agent's day off (the search never breaks those)."""
    rows = rng.integers(-1, len(SHIFTS), size=(count, len(problem.agents), problem.days))
    for e, a in enumerate(problem.agents):
        rows[:, e, list(a.days_off)] = -1
    return rows


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_recombination_finds_the_best_choice_of_rows(seed):
    problem = _problem()
    E, D, K = len(problem.agents), problem.days, len(SHIFTS)
    c, const, lo, hi, integrality, constraints, solve = _model(problem)
    rng = np.random.default_rng(seed)
    # a valid incumbent: every agent E on days 1,3,4,5 (a different day off each)
    incumbent = np.full((E, D), -1)
    for e in range(E):
        incumbent[e, [d for d in (1, 3, 4, 5, 6) if d != e][:4]] = 0
    snapshots = list(_random_rows(rng, problem, 40)) + [incumbent]
    start = assign.complete(solve, incumbent, lo, hi, (E, D, K), 5.0)
    assert start.x is not None
    x, best, _ = recombine(problem, snapshots, np.round(start.x), float(start.fun),
                        (c, lo, hi, integrality, *constraints), (E, D, K), 10.0,
                        price_share=0.0)
    # brute force: every combination of each agent's distinct valid rows
    choices = []
    for e in range(E):
        rows = np.unique(np.array([s[e] for s in snapshots]), axis=0)
        keep = [r for r in rows if not check_roster(_one_agent(problem, e),
                                                    _codes(problem, r[None])).violations]
        choices.append(keep)
    best_brute = min(check_roster(problem, _codes(problem, np.array(combo))).objective
                     for combo in itertools.product(*choices))
    found = assign.grid_of(x, (E, D, K))
    check = check_roster(problem, _codes(problem, found))
    assert not check.violations
    assert check.objective == pytest.approx(best_brute)
    assert best + const == pytest.approx(best_brute)
    assert best <= float(start.fun) + 1e-9


def test_rows_made_to_order_reach_the_bound_over_every_row():
    """Column generation from the incumbent alone converges to the linear optimum of
    the model over every rule-abiding row (all 3^7 rows enumerated and checked by the
    validator), and the rows' MILP over them all is the whole model's optimum."""
    problem = _problem()
    E, D, K = len(problem.agents), problem.days, len(SHIFTS)
    c, const, lo, hi, integrality, constraints, solve = _model(problem)
    model = (c, lo, hi, integrality, *constraints)
    whole = solve(lo, hi, 20.0)
    assert whole.status == 0
    every = np.array(list(itertools.product(range(-1, K), repeat=D)))
    agents, rows = [], []
    for e in range(E):
        alone = _one_agent(problem, e)
        valid = [r for r in every if not check_roster(alone, _codes(problem, r[None])).violations]
        agents += [e] * len(valid)
        rows += valid
    agents, rows = np.array(agents), np.array(rows)
    cost, integ, lo_, hi_, cons, _, _ = merge._master(problem, agents, rows, model, (E, D, K))
    lp_all = run_milp(cost, np.zeros_like(integ), lo_, hi_, cons, 20.0)
    ip_all = run_milp(cost, integ, lo_, hi_, cons, 20.0)
    assert ip_all.fun == pytest.approx(whole.fun)

    incumbent = np.full((E, D), -1)
    for e in range(E):
        incumbent[e, [d for d in (1, 3, 4, 5, 6) if d != e][:4]] = 0
    first, first_rows = merge.candidate_rows(problem, [], incumbent)
    made, made_rows, _, bound = merge.price_rows(problem, first, first_rows, model, (E, D, K),
                                       time.perf_counter() + 20.0)
    cost, integ, lo_, hi_, cons, _, _ = merge._master(problem, made, made_rows, model,
                                                      (E, D, K))
    lp_made = run_milp(cost, np.zeros_like(integ), lo_, hi_, cons, 20.0)
    assert lp_made.fun == pytest.approx(lp_all.fun, abs=1e-6)
    # converged, Lasdon's bound is that linear optimum, and below the whole optimum
    assert bound == pytest.approx(lp_all.fun, abs=1e-4)
    assert bound <= whole.fun + 1e-9
    assert made.size < agents.size / 10  # a few rows, not all of them
    # the whole recombination: valid, priced as the validator prices it, better
    start = assign.complete(solve, incumbent, lo, hi, (E, D, K), 5.0)
    x, best, _ = recombine(problem, [], np.round(start.x), float(start.fun), model, (E, D, K),
                        10.0, price_share=0.5)
    check = check_roster(problem, _codes(problem, assign.grid_of(x, (E, D, K))))
    assert not check.violations and check.objective == pytest.approx(best + const)
    assert whole.fun - 1e-6 <= best < float(start.fun) - 1.0


def test_every_round_bound_is_below_the_optimum():
    """Lasdon's bound of each round, converged or not, never exceeds the whole
    model's proven optimum, and the last round's reaches the linear optimum."""
    problem = _problem()
    E, D, K = len(problem.agents), problem.days, len(SHIFTS)
    c, const, lo, hi, integrality, constraints, solve = _model(problem)
    whole = solve(lo, hi, 20.0)
    assert whole.status == 0
    incumbent = np.full((E, D), -1)
    for e in range(E):
        incumbent[e, [d for d in (0, 2, 4, 6) if d != e][:3]] = 1
    gen = merge._Generation(problem, *merge.candidate_rows(problem, [], incumbent),
                            (c, lo, hi, integrality, *constraints), (E, D, K))
    bounds, deadline = [], time.perf_counter() + 20.0
    while True:
        answer, _, duals = gen.linear(deadline)
        added, bound = gen.price(answer, duals, deadline)
        bounds.append(bound)
        if not added:
            break
    assert len(bounds) > 2 and np.isfinite(bounds).all()
    assert max(bounds) <= whole.fun + 1e-6
    assert bounds[-1] == pytest.approx(answer.fun, abs=1e-4)  # converged: the LP itself
    assert bounds[0] < bounds[-1] - 1.0  # the first round's bound is a real, weaker one


def _one_agent(problem, e):
    """Agent ``e`` alone (no cover, no fairness): only their own rules count."""
    return RosterProblem(problem.days, problem.shifts, (problem.agents[e],),
                         np.zeros((problem.days, len(problem.shifts))),
                         forbidden=problem.forbidden)


def test_recombination_keeps_the_incumbent_when_nothing_beats_it():
    problem = _problem(agents=2)
    E, D, K = 2, problem.days, len(SHIFTS)
    c, const, lo, hi, integrality, constraints, solve = _model(problem)
    res = solve(lo, hi, 10.0)  # the optimum of the whole model
    assert res.status == 0
    x0 = np.round(res.x)
    snapshots = list(_random_rows(np.random.default_rng(5), problem, 10))
    x, best, _ = recombine(problem, snapshots, x0, float(res.fun),
                        (c, lo, hi, integrality, *constraints), (E, D, K), 5.0)
    assert best == pytest.approx(float(res.fun))
    assert (assign.grid_of(x, (E, D, K)) == assign.grid_of(x0, (E, D, K))).all()


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2 ** 32 - 1))
def test_row_rule_check_agrees_with_the_validator(seed):
    problem = _problem()
    rng = np.random.default_rng(seed)
    rows = _random_rows(rng, problem, 1)[0]
    rows[0, 2] = 1  # now and then a day off broken: a rule the row check counts too
    agents = np.arange(len(problem.agents))
    units = row_violations(problem, agents, rows)
    for e in agents:
        alone = check_roster(_one_agent(problem, e), _codes(problem, rows[e][None]))
        assert (units[e] > 0) == bool(alone.violations)


def test_kept_linear_master_matches_one_built_afresh():
    """The warm-started master (rows appended, agents held by bounds) has the
    optimum of the same LP built from scratch, round after round."""
    problem = _problem()
    E, D, K = len(problem.agents), problem.days, len(SHIFTS)
    c, const, lo, hi, integrality, constraints, solve = _model(problem)
    model = (c, lo, hi, integrality, *constraints)
    incumbent = np.full((E, D), -1)
    for e in range(E):
        incumbent[e, [d for d in (0, 2, 4, 6) if d != e][:3]] = 1
    gen = merge._Generation(problem, *merge.candidate_rows(problem, [], incumbent), model,
                            (E, D, K))
    deadline = time.perf_counter() + 20.0
    for fixed in [None, None, None, {0: 0}, {0: 0, 2: 2}]:
        answer, z, duals = gen.linear(deadline, fixed)
        cost, integ, lo_, hi_, cons, _, _ = merge._master(problem, gen.agents, gen.rows, model,
                                                          (E, D, K))
        for agent, row in (fixed or {}).items():
            hi_[:gen.agents.size][gen.agents == agent] = 0.0
            hi_[row] = 1.0
        fresh = run_milp(cost, np.zeros_like(integ), lo_, hi_, cons, 20.0)
        assert answer.fun == pytest.approx(fresh.fun, abs=1e-6)
        assert z.sum() == pytest.approx(E)
        gen.price(answer, duals, deadline, fixed or ())


def test_dive_makes_a_valid_roster_near_the_optimum():
    """Diving from the incumbent alone: one rule-abiding row per agent, priced by
    the validator no lower than the whole model's proven optimum."""
    problem = _problem(agents=4)
    E, D, K = len(problem.agents), problem.days, len(SHIFTS)
    c, const, lo, hi, integrality, constraints, solve = _model(problem)
    model = (c, lo, hi, integrality, *constraints)
    whole = solve(lo, hi, 20.0)
    assert whole.status == 0
    incumbent = np.full((E, D), -1)
    for e in range(E):
        incumbent[e, [d for d in (1, 3, 4, 5, 6) if d != e][:4]] = 0
    gen = merge._Generation(problem, *merge.candidate_rows(problem, [], incumbent), model,
                            (E, D, K))
    picked, why = merge._dive(gen, time.perf_counter() + 20.0)
    assert why == "roster"
    assert sorted(gen.agents[picked]) == list(range(E))
    grid = gen.rows[picked]
    check = check_roster(problem, _codes(problem, grid))
    assert not check.violations
    assert check.objective >= whole.fun + const - 1e-6
    start = assign.complete(solve, incumbent, lo, hi, (E, D, K), 5.0)
    assert check.objective < float(start.fun) + const  # far better than where it began
