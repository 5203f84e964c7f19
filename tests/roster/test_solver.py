"""The one way the roster models call HiGHS (xlcc.roster._solver), in process and in a
worker process that is ended at the time limit."""

import sys
import time

import numpy as np
from scipy import sparse
from scipy.optimize import LinearConstraint

from xlcc.roster import _solver
from xlcc.roster._solver import run_milp


def _knapsack():
    # max 5a + 4b + 3c s.t. 2a + 3b + c <= 5, a + b + c <= 2, a,b,c in {0,1,2}:
    # by hand, a = 2 gives 10 (2a = 4 <= 5, a + b + c = 2); nothing gives more
    c = -np.array([5.0, 4.0, 3.0])
    a = sparse.csr_matrix([[2.0, 3.0, 1.0], [1.0, 1.0, 1.0]])
    return c, np.ones(3), np.zeros(3), np.full(3, 2.0), [LinearConstraint(a, -np.inf, [5, 2])]


def test_the_worker_process_gives_the_same_answer():
    c, integrality, lo, hi, cons = _knapsack()
    here = run_milp(c, integrality, lo, hi, cons, 10.0)
    there = run_milp(c, integrality, lo, hi, cons, 10.0, hard_limit=True)
    assert here.fun == there.fun == -10.0
    np.testing.assert_allclose(there.x, [2.0, 0.0, 0.0])
    assert there.status == 0 and there.mip_dual_bound == here.mip_dual_bound


def test_a_worker_past_its_limit_is_ended(monkeypatch):
    # a worker that never answers stands for HiGHS stuck in a long round of cuts
    monkeypatch.setattr(_solver, "_worker_command",
                        lambda model, result: [sys.executable, "-c",
                                               "import time; time.sleep(60)"])
    c, integrality, lo, hi, cons = _knapsack()
    started = time.perf_counter()
    res = run_milp(c, integrality, lo, hi, cons, 1.0, hard_limit=True)
    assert time.perf_counter() - started < 1.0 + _solver._WORKER_GRACE_S + 1.0
    assert res.x is None and res.status == 1 and "time limit" in res.message


def test_a_failing_worker_says_why(monkeypatch):
    monkeypatch.setattr(_solver, "_worker_command",
                        lambda model, result: [sys.executable, "-c",
                                               "raise SystemExit('no HiGHS here')"])
    c, integrality, lo, hi, cons = _knapsack()
    try:
        run_milp(c, integrality, lo, hi, cons, 5.0, hard_limit=True)
    except RuntimeError as exc:
        assert "no HiGHS here" in str(exc)
    else:
        raise AssertionError("a failed worker must raise")


def _blocks_model():
    """Three independent knapsacks in one model, the first and last the same: the
    first (and third) is _knapsack's (-10 by hand); the second, max 3a + 2b with
    a + b <= 3 and a, b in {0, 1, 2}, is -8 by hand (a = 2, b = 1). Its columns are
    interleaved with the others' so that the split has to find them."""
    c1, _, _, _, cons1 = _knapsack()
    a1 = cons1[0].A.toarray()
    #            k1 k1 k2 k1 k2 k3 k3 k3
    order = [0, 1, 3, 2, 4, 5, 6, 7]
    c = np.r_[c1, [-3.0, -2.0], c1][order]
    a = np.zeros((5, 8))
    a[0:2, 0:3], a[2, 3:5], a[3:5, 5:8] = a1, [1.0, 1.0], a1
    a = a[:, order]
    ub = np.r_[5, 2, 3, 5, 2]
    return c, np.ones(8), np.zeros(8), np.full(8, 2.0), [LinearConstraint(a, -np.inf, ub)]


def test_independent_blocks_are_solved_apart_and_the_same_block_once():
    c, integrality, lo, hi, cons = _blocks_model()
    res = run_milp(c, integrality, lo, hi, cons, 10.0)
    assert res.status == 0 and res.fun == -28.0 and res.mip_dual_bound == -28.0
    assert "3 independent blocks, 2 solved" in res.message
    # the second method: HiGHS on the whole model at once
    from scipy.optimize import Bounds, milp
    whole = milp(c, integrality=integrality, bounds=Bounds(lo, hi), constraints=cons)
    assert whole.fun == res.fun
    a = cons[0].A
    assert np.all(a @ res.x <= cons[0].ub + 1e-9)


def test_an_infeasible_block_makes_the_model_infeasible():
    c, integrality, lo, hi, cons = _blocks_model()
    a = cons[0].A
    lb = np.array([-np.inf, -np.inf, 5.0, -np.inf, -np.inf])  # k2: a + b >= 5 > 2 + 2
    res = run_milp(c, integrality, lo, hi, [LinearConstraint(a, lb, cons[0].ub)], 10.0)
    assert res.x is None and res.status == 2


def test_a_column_in_no_row_joins_a_block():
    c, integrality, lo, hi, cons = _blocks_model()
    c, integrality = np.r_[c, -1.0], np.r_[integrality, 1.0]
    lo, hi = np.r_[lo, 0.0], np.r_[hi, 4.0]
    a = np.c_[cons[0].A, np.zeros(5)]
    res = run_milp(c, integrality, lo, hi, [LinearConstraint(a, -np.inf, cons[0].ub)], 10.0)
    assert res.fun == -32.0 and res.x[-1] == 4.0


def test_a_start_solution_is_taken_and_improved(capfd):
    c, integrality, lo, hi, cons = _knapsack()
    res = _solver.run_highs_from(c, integrality, lo, hi, cons, 10.0, [0.0, 1.0, 1.0])
    assert res.status == 0 and res.fun == -10.0  # from 7 to the hand-checked optimum
    np.testing.assert_allclose(res.x, [2.0, 0.0, 0.0])
    assert res.mip_dual_bound == -10.0
    assert capfd.readouterr().out == ""  # no HiGHS banner on the user's console


def test_a_start_is_never_lost_at_the_time_limit():
    # 40 items, no time to search: the answer is at least the start's value
    rng = np.random.default_rng(3)
    w, v = rng.integers(5, 40, 40).astype(float), rng.integers(5, 40, 40).astype(float)
    start = (np.cumsum(w) <= 200).astype(float)  # the first items that fit
    res = _solver.run_highs_from(-v, np.ones(40), np.zeros(40), np.ones(40),
                                 [LinearConstraint(sparse.csr_matrix(w), -np.inf, 200.0)],
                                 0.1, start)
    assert res.x is not None and res.fun <= -(v @ start) + 1e-9
    assert w @ res.x <= 200.0 + 1e-9
