import dataclasses
import itertools
import os

import numpy as np
import pytest

from tests.shared_data import DATA
from xlcc._validate import ArgumentError
from xlcc.roster.assign import RosterInfeasible, assign_roster
from xlcc.roster.formats import read_employee_scheduling
from xlcc.roster.rules import Agent, RosterProblem, RosterShift, rest_conflicts
from xlcc.roster.validate import check_roster

ES = os.path.join(DATA, "employee_scheduling")
EARLY = RosterShift("E", 6 * 60, 8 * 60)
LATE = RosterShift("L", 14 * 60, 8 * 60)


def problem(agents, days, cover, shifts=(EARLY, LATE), **kw):
    return RosterProblem(days=days, shifts=tuple(shifts), agents=tuple(agents),
                         cover=np.asarray(cover, float), **kw)


def solve(p):
    r = assign_roster(p, time_limit_s=20)
    check = check_roster(p, r.codes())
    assert check.violations == []
    assert check.objective == pytest.approx(r.objective)  # the validator agrees
    return r, check


def test_twelve_hour_rest_forbids_late_then_early():
    # 14:00-22:00 then 06:00 next day leaves 8 h; an early then a late leaves 24 h
    assert rest_conflicts(problem([], 2, np.zeros((2, 2)), min_rest_hours=12)) == {(1, 0, 1)}
    p = problem([Agent("A")], 2, [[0, 1], [1, 0]], min_rest_hours=12)
    r, check = solve(p)
    assert check.under == 100.0  # one of the two shifts stays unstaffed
    assert list(r.codes()[0]) in (["L", ""], ["", "E"])


def test_rest_across_two_days():
    night = RosterShift("N", 22 * 60, 10 * 60)  # ends 08:00 next day
    p = problem([], 3, np.zeros((3, 2)), shifts=(night, EARLY), min_rest_hours=24)
    assert (0, 1, 1) in rest_conflicts(p) and (0, 1, 2) in rest_conflicts(p)


def test_forbidden_succession_is_one_way():
    p = problem([Agent("A")], 2, [[1, 0], [0, 1]], forbidden=(("L", "E"),))
    r, check = solve(p)
    assert list(r.codes()[0]) == ["E", "L"] and check.under == 0  # E->L is allowed


def test_max_consecutive_days_leaves_a_day_off():
    p = problem([Agent("A", max_consecutive_days=3)], 4, [[1, 0]] * 4)
    r, check = solve(p)
    assert (r.codes()[0] == "").sum() == 1 and check.under == 100


def test_min_consecutive_days_off():
    # work, off, work is forbidden with min 2 days off: the agent works a block
    p = problem([Agent("A", min_consecutive_days_off=2, max_consecutive_days=7)], 3,
                [[1, 0], [0, 0], [1, 0]], over_weight=1.0)
    r, check = solve(p)
    assert list(r.grid[0] >= 0) in ([True, True, True], [True, False, False],
                                    [False, False, True])


def test_min_consecutive_working_days():
    p = problem([Agent("A", min_consecutive_days=2)], 3, [[0, 0], [1, 0], [0, 0]],
                over_weight=1.0)
    r, _ = solve(p)
    works = list(r.grid[0] >= 0)
    assert works != [False, True, False]  # a lone working day inside the horizon


def test_days_off_max_weekends_and_contract_minutes():
    agents = [Agent("A", days_off=(0,), max_weekends=0), Agent("B", max_minutes=2 * 480)]
    p = problem(agents, 7, [[1, 0]] * 7)
    r, check = solve(p)
    codes = r.codes()
    assert codes[0][0] == "" and codes[0][5] == "" and codes[0][6] == ""
    assert (codes[1] != "").sum() <= 2
    assert check.under == 100 * (7 - (codes != "").any(axis=0).sum())


def test_shift_types_and_max_shifts_limit_skills():
    agents = [Agent("A", max_shifts={"L": 0}), Agent("B", max_shifts={"E": 1})]
    p = problem(agents, 2, [[1, 1], [1, 1]])
    r, check = solve(p)
    assert "L" not in list(r.codes()[0]) and list(r.codes()[1]).count("E") <= 1


def test_requests_and_fairness():
    a = Agent("A", shift_requests=((0, "L", 5.0),), avoid_requests=((1, "*", 5.0),))
    b = Agent("B")
    p = problem([a, b], 2, [[0, 1], [1, 0]])
    r, check = solve(p)
    assert r.codes()[0][0] == "L" and r.codes()[0][1] == "" and check.requests == 0
    late = problem([Agent("A"), Agent("B")], 2, [[0, 1], [0, 1]], fairness={"late": 10.0})
    r, check = solve(late)
    assert check.fairness == 0 and sorted((r.codes() == "L").sum(axis=1)) == [1, 1]


def test_optimal_against_brute_force():
    """Oracle: every roster of 2 agents x 4 days x {off, E, L}, scored by the validator."""
    agents = (Agent("A", max_consecutive_days=2, shift_requests=((1, "E", 3.0),)),
              Agent("B", min_consecutive_days_off=2, avoid_requests=((2, "L", 2.0),)))
    p = problem(agents, 4, [[1, 1], [1, 0], [1, 1], [0, 1]], min_rest_hours=12,
                fairness={"late": 1.0})
    options = ["", "E", "L"]
    best = np.inf
    for flat in itertools.product(options, repeat=8):
        grid = [flat[:4], flat[4:]]
        check = check_roster(p, grid)
        if not check.violations:
            best = min(best, check.objective)
    r, check = solve(p)
    assert r.status == "optimal" and check.objective == pytest.approx(best)


def test_validator_reports_each_broken_rule():
    p = problem([Agent("A", max_consecutive_days=2, days_off=(3,), max_minutes=960,
                       max_weekends=0)], 7, np.zeros((7, 2)), min_rest_hours=12)
    check = check_roster(p, [["L", "E", "E", "E", "", "E", ""]])
    text = " | ".join(check.violations)
    for part in ("works on unavailable day 4", "4 consecutive working days, at most 2",
                 "outside [0, 960]", "1 weekends worked, at most 0", "E 1 day(s) after L on day 1"):
        assert part in text


def test_infeasible_rules_are_named():
    # 3 available days of 8 h cannot reach 32 contract hours: the minutes rule breaks
    p = problem([Agent("A", min_minutes=32 * 60, days_off=(1, 3))], 5, np.zeros((5, 2)))
    with pytest.raises(RosterInfeasible, match=r"agent A: contract minutes between 1920"):
        assign_roster(p, time_limit_s=10)


@pytest.mark.parametrize("mutate, match", [
    (dict(cover=np.zeros((3, 2))), r"cover must be days x shifts = 2 x 2; got \(3, 2\)"),
    (dict(cover=[[1, -1], [0, 0]]), r"cover must be numbers >= 0; day 1 shift 'L' is -1"),
    (dict(agents=(Agent("A", max_shifts={"X": 1}),)), r"agent A: unknown shift 'X'"),
    (dict(agents=(Agent("A", days_off=(5,)),)), r"agent A: day 5 is outside the horizon 0..1"),
    (dict(agents=(Agent("A", min_minutes=10, max_minutes=5),)), r"minimum minutes 10 exceed"),
    (dict(forbidden=(("E", "Q"),)), r"forbidden succession E->Q: unknown shift 'Q'"),
])
def test_bad_roster_input(mutate, match):
    base = dict(days=2, shifts=(EARLY, LATE), agents=(Agent("A"),), cover=np.zeros((2, 2)))
    base.update(mutate)
    with pytest.raises(ArgumentError, match=match):
        assign_roster(RosterProblem(**base), time_limit_s=5)


def test_rest_rule_needs_clock_times():
    p = problem([Agent("A")], 2, np.zeros((2, 1)), shifts=(RosterShift("D", None, 480),),
                min_rest_hours=12)
    with pytest.raises(ArgumentError, match=r"min_rest_hours needs shift start times"):
        assign_roster(p)


def test_benchmark_instance_2_reaches_the_published_optimum():
    p = read_employee_scheduling(os.path.join(ES, "Instance2.txt"))
    r = assign_roster(p, time_limit_s=60)
    check = check_roster(p, r.codes())
    assert check.violations == [] and check.objective == pytest.approx(r.objective)
    # 828 is the proven optimum in the literature: our bound may not exceed it, our
    # roster may not beat it, and the target is within 5% (it is 828 on an
    # idle machine in about 15 s; a loaded CI machine may stop earlier)
    assert r.bound <= 828 + 1e-6 and 828 - 1e-6 <= r.objective <= 828 * 1.05


def test_large_teams_start_from_the_two_step_roster(monkeypatch):
    """The two-step first roster (working days per agent over shift groups, then
    shifts by assignment) obeys every rule, including rest across the groups."""
    import xlcc.roster.assign as assign_module

    monkeypatch.setattr(assign_module, "_LARGE", 0)  # take that path on a small team
    night = RosterShift("N", 22 * 60, 8 * 60)
    agents = [Agent(f"A{i}", min_minutes=5 * 480, max_minutes=6 * 480, max_consecutive_days=5,
                    min_consecutive_days_off=2, max_weekends=1) for i in range(6)]
    p = problem(agents, 14, [[1, 1, 1]] * 14, shifts=(EARLY, LATE, night), min_rest_hours=12,
                fairness={"night": 1.0})
    r, check = solve(p)
    assert check.under == 100 * 6  # 42 shifts wanted; six agents work at most 6 each
    # the whole model is not solved on this path; the recombination's pricing
    # proves the bound (Lasdon's: no roster of any rows is short of less)
    assert r.bound == pytest.approx(check.objective, abs=1e-3) and r.status == "optimal"


def test_weekly_contract_minutes_hold_in_every_week():
    """48 h a week at most, 24 h at least, over two weeks of 8-hour shifts wanted every
    day: each week gets exactly 6 shifts (the horizon rule alone would allow 8 + 4)."""
    a = Agent("A", min_week_minutes=24 * 60, max_week_minutes=48 * 60, max_consecutive_days=14)
    cover = np.zeros((14, 2))
    cover[:, 0] = 1
    cover[7:, 0] = 0.5  # the second week matters less: a horizon-only rule would shift work
    r, check = solve(problem([a], 14, cover, under_weight=np.where(cover > 0.6, 100.0, 1.0)))
    codes = r.codes()[0]
    assert (codes[:7] == "E").sum() == 6 and (codes[7:] == "E").sum() == 6


def test_weekly_minimum_skips_a_partial_last_week_and_is_validated():
    a = Agent("A", min_week_minutes=40 * 60, max_week_minutes=48 * 60)
    p = problem([a], 10, np.zeros((10, 2)))  # nobody wanted: only the weekly minimum acts
    r, check = solve(p)
    assert (r.codes()[0][:7] != "").sum() == 5 and (r.codes()[0][7:] != "").sum() == 0
    six = np.array([["E"] * 6 + [""] * 4])
    assert any("paid minutes in week 1" in v for v in check_roster(
        dataclasses.replace(p, agents=(Agent("A", max_week_minutes=40 * 60),)), six).violations)


def test_an_impossible_weekly_minimum_is_named():
    # 56 h is 7 shifts of 8 h, but day 4 is a day off
    a = Agent("A", min_week_minutes=56 * 60, max_consecutive_days=7, days_off=(3,))
    with pytest.raises(RosterInfeasible, match="paid minutes in week 1"):
        assign_roster(problem([a], 7, np.zeros((7, 2))), time_limit_s=10)
    with pytest.raises(ArgumentError, match="minimum weekly minutes"):
        assign_roster(problem([Agent("B", min_week_minutes=10, max_week_minutes=5)], 7,
                              np.zeros((7, 2))), time_limit_s=10)


def test_weekday_polish_frees_every_agents_weekdays_only():
    from xlcc.roster import assign as A

    p = problem([Agent("A"), Agent("B")], 9, np.zeros((9, 2)))  # Monday..Tuesday week 2
    mask = A._weekday_columns(p, (2, 9, 2))
    assert mask.shape == (2, 9, 2) and mask.all(axis=(0, 2)).tolist() == \
        [True] * 5 + [False, False] + [True, True]
    big = problem([Agent(str(i)) for i in range(40)], 28, np.zeros((28, 2)))
    assert A._weekday_columns(big, (40, 28, 2)) is None  # 1,600 binaries: too many


def test_resolve_part_keeps_only_a_better_answer():
    from types import SimpleNamespace

    from xlcc.roster import assign as A

    x = np.array([1.0, 0.0, 1.0, 0.0, 5.0])  # 2 x 1 x 2 columns, then one slack
    mask = np.array([True, True, False, False]).reshape(2, 1, 2)
    seen = {}

    def solve(lo, hi, seconds):
        seen["free"] = (lo != hi).tolist()
        return SimpleNamespace(x=np.array([0.0, 1.0, 1.0, 0.0, 3.0]), fun=seen.get("fun", 3.0))

    lo, hi = np.zeros(5), np.r_[np.ones(4), np.inf]
    better, value = A._resolve_part(solve, x, 5.0, lo, hi, mask, 1.0)
    assert seen["free"] == [True, True, False, False, True] and value == 3.0
    assert better.tolist() == [0.0, 1.0, 1.0, 0.0, 3.0]
    seen["fun"] = 6.0
    same, value = A._resolve_part(solve, x, 5.0, lo, hi, mask, 1.0)
    assert value == 5.0 and same is x


@pytest.mark.parametrize("weight, whole", [(1.0, True), (1.5, False)])
def test_whole_objectives_round_the_bound_up(weight, whole):
    """With whole weights and cover, every roster costs a whole number, so the bound
    is rounded up (and stays at or below the brute-force optimum); a half weight
    keeps it as proven."""
    from xlcc.roster.assign import _integral

    agents = (Agent("A", max_consecutive_days=2, shift_requests=((1, "E", 3.0),)),
              Agent("B", min_consecutive_days_off=2, avoid_requests=((2, "L", weight),)))
    p = problem(agents, 4, [[1, 1], [1, 0], [1, 1], [0, 1]], fairness={"late": 1.0})
    best = min(check.objective for flat in itertools.product(["", "E", "L"], repeat=8)
               if not (check := check_roster(p, [flat[:4], flat[4:]])).violations)
    r = assign_roster(p, time_limit_s=10)
    assert r.bound <= best + 1e-9 and r.objective == pytest.approx(best)
    assert _integral(np.array([0.0, weight]), 0.0, np.ones(2)) is whole
    if whole:
        assert r.bound == np.round(r.bound)
