"""The roster local search (xlcc.roster.anneal): its cost against the independent
validator, and its result never worse than its start nor breaking a rule."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from xlcc.roster.anneal import anneal_roster, grid_cost
from xlcc.roster.rules import Agent, RosterProblem, RosterShift
from xlcc.roster.validate import check_roster

SHIFTS = (RosterShift("E", 6 * 60, 480), RosterShift("L", 14 * 60, 480),
          RosterShift("N", 22 * 60, 480, tags=("night",)))


def _problem(days=14):
    agents = tuple(
        Agent(f"a{i}", max_shifts={"N": 3}, min_minutes=5 * 480, max_minutes=10 * 480,
              max_week_minutes=5 * 480, max_consecutive_days=5, min_consecutive_days=2,
              min_consecutive_days_off=2, max_weekends=1, days_off=(i % days,),
              shift_requests=((3, "E", 2.0),), avoid_requests=((5, "*", 1.5),))
        for i in range(6))
    cover = np.tile([[2, 1, 1]], (days, 1))
    return RosterProblem(days, SHIFTS, agents, cover, under_weight=50.0, over_weight=2.0,
                         forbidden=(("N", "E"),), min_rest_hours=11.0,
                         fairness={"night": 3.0, "weekend": 1.0})


def _codes(problem, grid):
    return [[problem.codes[k] if k >= 0 else "" for k in row] for row in grid]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_the_search_prices_a_roster_as_the_validator_does(data):
    problem = _problem()
    grid = np.array(data.draw(st.lists(st.lists(st.integers(-1, 2), min_size=14, max_size=14),
                                       min_size=6, max_size=6)))
    for e, a in enumerate(problem.agents):  # the search never breaks availability
        grid[e, list(a.days_off)] = -1
    hard, total = grid_cost(problem, grid)
    check = check_roster(problem, _codes(problem, grid))
    assert total == pytest.approx(check.objective)
    assert (hard < 1e-9) == (not check.violations)


def test_annealing_keeps_the_rules_and_never_loses_ground():
    problem = _problem()
    start = np.full((6, 14), -1)  # nobody works: valid only if minutes allow it -> not
    start_hard, _ = grid_cost(problem, start)
    assert start_hard > 0
    found, objective = anneal_roster(problem, start, 1.0, seed=1)
    check = check_roster(problem, _codes(problem, found))
    assert np.isfinite(objective), "no roster keeping every rule was found"
    assert not check.violations and check.objective == pytest.approx(objective)
    again, better = anneal_roster(problem, found, 0.5, seed=2)
    assert better <= objective + 1e-9
    assert not check_roster(problem, _codes(problem, again)).violations
