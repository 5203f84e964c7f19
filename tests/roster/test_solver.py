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
