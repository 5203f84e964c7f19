import math

import mpmath
import numpy as np
import pytest
from hypothesis import assume, given, reject, settings, strategies as st

from tests.erlang.oracles import erlang_a_chain, erlang_a_mp
from tests.examples import scaled
from xlcc.erlang import (asa, erlang_a_abandon_probability, erlang_a_agents_for_abandon,
                         erlang_a_agents_for_asa, erlang_a_agents_for_service_level, erlang_a_asa,
                         erlang_a_occupancy, erlang_a_service_level, erlang_a_wait_probability,
                         erlang_c, service_level)

MEASURES = {
    "pwait": lambda n, a, h, p, t: erlang_a_wait_probability(n, a, h, p),
    "abandon": lambda n, a, h, p, t: erlang_a_abandon_probability(n, a, h, p),
    "offered": lambda n, a, h, p, t: erlang_a_service_level(n, a, h, p, t, "offered"),
    "answered": lambda n, a, h, p, t: erlang_a_service_level(n, a, h, p, t, "answered"),
    "virtual": lambda n, a, h, p, t: erlang_a_service_level(n, a, h, p, t, "virtual"),
    "asa": lambda n, a, h, p, t: erlang_a_asa(n, a, h, p),
    "occupancy": lambda n, a, h, p, t: erlang_a_occupancy(n, a, h, p),
}

CHAIN_CASES = [  # agents, Erlangs, AHT s, patience s, answer time s
    (10, 9.0, 180, 120, 20), (8, 10.0, 180, 60, 20), (20, 25.0, 300, 100, 30),
    (5, 2.0, 100, 1_000, 10), (1, 0.5, 240, 30, 5), (30, 30.0, 200, 600, 15),
]


@pytest.mark.parametrize("case", CHAIN_CASES)
def test_against_brute_force_birth_death_chain(case):
    expected = erlang_a_chain(*case)
    for name, f in MEASURES.items():
        assert float(f(*case)) == pytest.approx(expected[name], rel=1e-9), name


@settings(deadline=None, max_examples=scaled(60))
@given(traffic=st.floats(0.001, 50_000), ratio=st.floats(0.3, 1.6), aht=st.floats(20, 900),
       patience=st.floats(5, 36_000), t=st.floats(0, 120), whole=st.booleans())
def test_matches_incomplete_gamma_closed_forms(traffic, ratio, aht, patience, t, whole):
    assume(traffic * patience / aht < 2e5)  # beyond this the 50-digit oracle takes seconds
    n = max(0.5, traffic * ratio)
    if whole:
        n = float(math.ceil(n))
    try:
        expected = erlang_a_mp(n, traffic, aht, patience, t)
    except (ValueError, mpmath.libmp.libhyper.NoConvergence):  # mpmath gave up here
        reject()
    for name in ("pwait", "abandon", "offered", "answered", "virtual", "occupancy"):
        # Relative 1e-7; a service level that is 1 - (something within 1e-4 of 1)
        # is only good to 1e-11 absolute (documented in xlcc.erlang.erlang_a).
        # Below 1e-300 a double has no relative precision left: 0 is then right.
        tol = dict(rel=1e-7, abs=1e-11 if name in ("offered", "answered", "virtual") else 1e-300)
        assert float(MEASURES[name](n, traffic, aht, patience, t)) == pytest.approx(
            float(expected[name]), **tol), name


@pytest.mark.parametrize("n, a", [(14, 10.0), (120, 110.0), (3, 1.2)])
def test_converges_to_erlang_c_as_patience_grows(n, a):
    for patience in (1e6, 1e8):
        assert erlang_a_wait_probability(n, a, 180, patience) == pytest.approx(
            erlang_c(n, a), rel=1e-3 if patience == 1e6 else 1e-5)
        assert erlang_a_service_level(n, a, 180, patience, 20) == pytest.approx(
            service_level(n, a, 180, 20), rel=1e-3 if patience == 1e6 else 1e-5)
        assert erlang_a_asa(n, a, 180, patience) == pytest.approx(
            asa(n, a, 180), rel=1e-2 if patience == 1e6 else 1e-4)
    assert erlang_a_abandon_probability(n, a, 180, 1e8) < 1e-5
    assert erlang_a_service_level(n, a, 180, math.inf, 20) == service_level(n, a, 180, 20)


@settings(deadline=None, max_examples=scaled(60))
@given(traffic=st.floats(0.01, 3_000), ratio=st.floats(0.05, 2.0), patience=st.floats(1, 7_200))
def test_measures_stay_in_range_even_overloaded(traffic, ratio, patience):
    n = traffic * ratio
    for name in ("pwait", "abandon", "offered", "answered", "virtual", "occupancy"):
        v = float(MEASURES[name](n, traffic, 180, patience, 20))
        assert -1e-12 <= v <= 1 + 1e-12, name
    # a team cannot carry more than it has agents
    assert float(erlang_a_abandon_probability(n, traffic, 180, patience)) >= 1 - n / traffic - 1e-9


def _sl_chain(n, a, definition):
    return erlang_a_chain(n, a, 180, 120, 20)[definition]


@pytest.mark.parametrize("definition", ["offered", "answered", "virtual"])
@pytest.mark.parametrize("a, target", [(10.0, 0.8), (3.0, 0.9), (25.0, 0.7)])
def test_sl_staffing_is_minimal_against_the_chain(a, target, definition):
    n = int(erlang_a_agents_for_service_level(a, 180, 120, 20, target, definition=definition))
    assert _sl_chain(n, a, definition) >= target
    if n > 1:
        assert _sl_chain(n - 1, a, definition) < target


@settings(deadline=None, max_examples=scaled(40))
@given(traffic=st.floats(0.01, 2_000), cap=st.floats(0.005, 0.5), patience=st.floats(10, 3_600))
def test_abandon_staffing_is_minimal(traffic, cap, patience):
    n = float(erlang_a_agents_for_abandon(traffic, 180, patience, cap))
    ab = lambda k: float(erlang_a_mp(k, traffic, 180, patience, 0)["abandon"])
    assume(abs(ab(n) / cap - 1) > 1e-7)
    assert ab(n) <= cap
    if n > 1:
        assume(abs(ab(n - 1) / cap - 1) > 1e-7)
        assert ab(n - 1) > cap


@pytest.mark.parametrize("a, goal", [(10.0, 10.0), (40.0, 5.0), (2.0, 30.0)])
def test_asa_staffing_is_minimal_against_the_chain(a, goal):
    n = int(erlang_a_agents_for_asa(a, 180, 120, goal))
    assert erlang_a_chain(n, a, 180, 120, 0)["asa"] <= goal
    if n > 1:
        assert erlang_a_chain(n - 1, a, 180, 120, 0)["asa"] > goal


def test_caps_combine_and_fractional_is_exact():
    base = float(erlang_a_agents_for_service_level(50, 180, 120, 20, 0.8))
    capped = float(erlang_a_agents_for_service_level(50, 180, 120, 20, 0.8, max_abandon=0.005))
    assert capped >= base
    assert capped == float(erlang_a_agents_for_abandon(50, 180, 120, 0.005)) or capped == base
    occ = float(erlang_a_agents_for_service_level(50, 180, 120, 20, 0.8, max_occupancy=0.8))
    assert float(erlang_a_occupancy(occ, 50, 180, 120)) <= 0.8
    x = float(erlang_a_agents_for_service_level(50, 180, 120, 20, 0.8, fractional=True))
    assert base - 1 < x <= base
    assert float(erlang_a_mp(x, 50, 180, 120, 20)["offered"]) == pytest.approx(0.8, rel=1e-9)
    assert erlang_a_agents_for_service_level(50, 180, 120, 20, 0.8, shrinkage=0.3) == math.ceil(
        base / 0.7)


def test_huge_patience_and_many_agents_do_not_underflow():
    # gamma(x, y) here is about e^-100000: only the log-space sums survive
    v = erlang_a_service_level(5_000, 4_990, 180, 36_000, 20)
    ab = erlang_a_abandon_probability(5_000, 4_990, 180, 36_000)
    assert 0 < v < 1 and 0 < ab < 0.01
    assert float(v) == pytest.approx(float(erlang_a_mp(5_000, 4_990, 180, 36_000, 20)["offered"]),
                                     rel=1e-7)


def test_vectorised_over_agents():
    n = np.arange(5, 16)
    out = erlang_a_service_level(n, 10, 180, 120, 20)
    assert out.shape == (11,) and np.all(np.diff(out) > 0)


@settings(deadline=None, max_examples=scaled(60))
@given(traffic=st.floats(0.05, 500), target=st.floats(0.05, 0.98), patience=st.floats(5, 1_800),
       t=st.floats(0, 60), definition=st.sampled_from(["offered", "answered", "virtual"]))
def test_sl_staffing_is_minimal(traffic, target, patience, t, definition):
    n = float(erlang_a_agents_for_service_level(traffic, 180, patience, t, target,
                                                definition=definition))
    sl = lambda k: float(erlang_a_mp(k, traffic, 180, patience, t)[definition])
    assume(abs(sl(n) - target) > 1e-9)
    assert sl(n) >= target
    if n > 1:
        assume(abs(sl(n - 1) - target) > 1e-9)
        assert sl(n - 1) < target
