"""Column generation's pricing (xlcc.roster.pricing): the dynamic programme against
a brute force over every row of a short horizon (rules checked by the annealing's
row check, itself tested against the validator), and against the per-agent MILP on
Curtois & Qu instances."""

import itertools
import os

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.optimize import LinearConstraint

from tests.shared_data import DATA
from xlcc.roster import assign
from xlcc.roster.anneal import row_violations
from xlcc.roster.pricing import Pricing, layout
from xlcc.roster.rules import Agent, RosterProblem, RosterShift

SHIFTS = (RosterShift("E", 6 * 60, 480), RosterShift("L", 14 * 60, 600),
          RosterShift("N", 22 * 60, 360))


def _model(problem):
    cover = assign._check(problem)
    c, const, lo, hi, integrality, hard, soft, n = assign._build(problem, cover)
    return (c, lo, hi, integrality,
            LinearConstraint(hard.matrix(n), np.concatenate(hard.lo), np.concatenate(hard.hi)),
            LinearConstraint(soft.matrix(n), np.concatenate(soft.lo), np.concatenate(soft.hi)))


def _brute(problem, e, reduced, shape):
    """Cheapest valid row of agent ``e`` over all (K + 1)^D rows, priced column by
    column on the whole model's layout (shift columns and weekend columns)."""
    E, D, K = shape
    nx, weekend0, nw = layout(problem, shape)
    every = np.array(list(itertools.product(range(-1, K), repeat=D)))
    ok = row_violations(problem, np.full(len(every), e), every) < 1e-9
    rows = every[ok]
    if not len(rows):
        return None, None
    x = reduced[e * D * K:(e + 1) * D * K].reshape(D, K)
    worked = rows >= 0
    cost = np.where(worked, x[np.arange(D), np.maximum(rows, 0)], 0.0).sum(axis=1)
    for m, pair in enumerate(problem.weekends()):
        days = [d for d in pair if d >= 0]
        cost += worked[:, days].any(axis=1) * reduced[weekend0 + e * nw + m]
    return cost.min(), rows[np.argmin(cost)]


rules = st.fixed_dictionaries(dict(
    min_minutes=st.sampled_from([0, 960, 1800, 2400]),
    max_minutes=st.sampled_from([np.inf, 2400, 3000, 3600]),
    max_consecutive_days=st.integers(2, 8),
    min_consecutive_days=st.integers(1, 3),
    min_consecutive_days_off=st.integers(1, 3),
    max_weekends=st.integers(0, 2),
    e_most=st.integers(0, 8),
    days_off=st.lists(st.integers(0, 7), max_size=2, unique=True),
))


@settings(max_examples=40, deadline=None)
@given(rules, st.integers(0, 6), st.booleans(), st.integers(0, 2 ** 32 - 1))
def test_dynamic_programme_finds_the_cheapest_valid_row(r, first_weekday, rest, seed):
    """Any mix of the rules, shifts of 6, 8 and 10 hours (minutes in 2-hour units),
    forbidden successions or a 12-hour rest, weekends cut by the horizon: the
    programme's row is valid and as cheap as the brute force's."""
    if r["min_minutes"] > r["max_minutes"]:
        r["min_minutes"] = 0
    e_most = r.pop("e_most")
    agent = Agent("a", max_shifts={"E": e_most}, days_off=tuple(r.pop("days_off")), **r)
    problem = RosterProblem(8, SHIFTS, (agent,), np.ones((8, 3)), first_weekday=first_weekday,
                            forbidden=() if rest else (("L", "E"), ("N", "E"), ("N", "L")),
                            min_rest_hours=12.0 if rest else 0.0)
    shape = (1, 8, 3)
    model = _model(problem)
    pricing = Pricing(problem, model, shape)
    assert pricing.exact(0)
    rng = np.random.default_rng(seed)
    reduced = model[0] + rng.normal(0.0, 5.0, model[0].size) - rng.uniform(0, 8)
    want, _ = _brute(problem, 0, reduced, shape)
    got = pricing.best_row(0, reduced, 5.0)
    if want is None:
        assert got is None
        return
    value, row, bound = got
    assert value == pytest.approx(want, abs=1e-9) and bound == value
    assert row_violations(problem, [0], row[None])[0] == 0


def test_limits_too_large_for_the_table_are_priced_and_then_proven():
    """Per-type limits that the state table cannot hold: the penalised programme
    gives a valid row no cheaper than the best, the MILP proves the best."""
    agent = Agent("a", max_shifts={"E": 4, "L": 4, "N": 3}, min_minutes=2400,
                  max_minutes=4800, max_consecutive_days=5, max_weekends=1)
    problem = RosterProblem(14, SHIFTS, (agent,), np.ones((14, 3)), forbidden=(("L", "E"),))
    shape = (1, 14, 3)
    model = _model(problem)
    pricing = Pricing(problem, model, shape)
    label = pricing.labels[0]
    saved = label._fits
    label._fits = lambda active: not active  # no limit fits: every one is priced
    reduced = model[0].copy()
    reduced[:14 * 3] = -np.tile([9.0, 5.0, 3.0], 14)  # E is wanted on every day
    found = pricing.best_row(0, reduced, 5.0, enough=np.inf)
    assert found is not None and found[2] == -np.inf
    assert row_violations(problem, [0], found[1][None])[0] == 0
    proven = Pricing(problem, model, shape, exact=False).best_row(0, reduced, 5.0)
    assert found[0] >= proven[0] - 1e-9
    assert pricing.best_row(0, reduced, 5.0)[0] == pytest.approx(proven[0])  # the MILP
    label._fits = saved
    assert pricing.best_row(0, reduced, 5.0)[0] == pytest.approx(proven[0])  # the table


@pytest.mark.parametrize("number", [3, 7, 8])
def test_dynamic_programme_agrees_with_the_milp(number):
    """Curtois & Qu agents at random column costs: the same cheapest cost as the
    per-agent MILP (HiGHS), and the programme covers every agent."""
    from xlcc.roster.formats import read_employee_scheduling

    problem = read_employee_scheduling(os.path.join(DATA, "employee_scheduling",
                                                    f"Instance{number}.txt"))
    shape = (len(problem.agents), problem.days, len(problem.shifts))
    model = _model(problem)
    exact, milp = Pricing(problem, model, shape), Pricing(problem, model, shape, exact=False)
    assert exact.exact()
    rng = np.random.default_rng(number)
    reduced = model[0] + rng.normal(0.0, 30.0, model[0].size) - 10.0
    for e in range(0, shape[0], 3):
        a, b = exact.best_row(e, reduced, 5.0), milp.best_row(e, reduced, 5.0)
        assert a[0] == pytest.approx(b[0], abs=1e-6)
        assert row_violations(problem, [e], a[1][None])[0] == 0


def test_rules_beyond_the_programme_fall_back_to_the_milp():
    """A weekly minutes rule and a rest reaching two days ahead are the MILP's."""
    weekly = Agent("w", max_week_minutes=2400)
    problem = RosterProblem(8, SHIFTS, (weekly,), np.ones((8, 3)))
    assert not Pricing(problem, _model(problem), (1, 8, 3)).exact()
    long_rest = RosterProblem(8, SHIFTS, (Agent("r"),), np.ones((8, 3)), min_rest_hours=40.0)
    assert not Pricing(long_rest, _model(long_rest), (1, 8, 3)).exact()
