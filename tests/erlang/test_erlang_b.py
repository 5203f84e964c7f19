import math

import mpmath
import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from tests.erlang.oracles import erlang_b_mp, erlang_b_sum_mp
from tests.examples import scaled
from xlcc.erlang import (erlang_b, extended_erlang_b, extended_servers_for_blocking,
                         extended_traffic_for_blocking, servers_for_blocking, traffic_for_blocking)

# Published values (issue 2, Erlang B boundary tables and continuous-extension tables).
PUBLISHED = [
    (3, 10.4, 0.7411421, 1e-7),
    (32.4, 30, 0.0897575, 1e-7),
    (117, 100, 0.00979007112537, 1e-14),
    (118, 100, 0.00822840210468, 1e-14),
    (1071, 1000, 0.00105159478854, 1e-14),
    (1072, 1000, 0.000980003937972, 1e-15),
]


@pytest.mark.parametrize("servers, traffic, expected, tol", PUBLISHED)
def test_published_values(servers, traffic, expected, tol):
    assert erlang_b(servers, traffic) == pytest.approx(expected, abs=tol)


def test_servers_for_one_percent_at_ten_erlangs():
    assert servers_for_blocking(10, 0.01) == 18
    assert servers_for_blocking(10, 0.01, fractional=True) == pytest.approx(17.44497, abs=5e-6)


traffic_st = st.floats(0.001, 50_000)


@settings(deadline=None, max_examples=scaled(150))
@given(traffic=traffic_st, offset=st.floats(-6, 6), whole=st.booleans())
def test_matches_incomplete_gamma_at_50_digits(traffic, offset, whole):
    servers = max(0.0, traffic + offset * math.sqrt(traffic) + offset)
    if whole:
        servers = float(round(servers))
    expected = erlang_b_mp(servers, traffic)
    assume(expected > 1e-290)
    assert float(erlang_b(servers, traffic)) == pytest.approx(float(expected), rel=1e-9)


@pytest.mark.parametrize("n, a", [(0, 5.0), (1, 0.001), (5, 5.0), (40, 12.5), (300, 280.0)])
def test_continuous_extension_agrees_with_textbook_sum(n, a):
    assert float(erlang_b(n, a)) == pytest.approx(float(erlang_b_sum_mp(n, a)), rel=1e-12)


@settings(deadline=None, max_examples=scaled(80))
@given(traffic=st.floats(0.01, 5_000), target=st.floats(1e-6, 0.5))
def test_servers_for_blocking_is_minimal(traffic, target):
    n = float(servers_for_blocking(traffic, target))
    b_n = erlang_b_mp(n, traffic)
    assume(abs(b_n / target - 1) > 1e-9)
    assert b_n <= target
    if n > 0:
        b_prev = erlang_b_mp(n - 1, traffic)
        assume(abs(b_prev / target - 1) > 1e-9)
        assert b_prev > target


@settings(deadline=None, max_examples=scaled(60))
@given(traffic=st.floats(0.05, 5_000), target=st.floats(1e-4, 0.5))
def test_fractional_servers_meet_target_exactly(traffic, target):
    x = float(servers_for_blocking(traffic, target, fractional=True))
    n = float(servers_for_blocking(traffic, target))
    assert n - 1 <= x <= n
    if x > 0 and x > n - 1:
        assert float(erlang_b_mp(x, traffic)) == pytest.approx(target, rel=1e-9)


@settings(deadline=None, max_examples=scaled(60))
@given(servers=st.floats(0.5, 3_000), target=st.floats(1e-5, 0.9))
def test_traffic_for_blocking_inverts_erlang_b(servers, target):
    a = float(traffic_for_blocking(servers, target))
    assert float(erlang_b_mp(servers, a)) == pytest.approx(target, rel=1e-9)


def _fixed_point_mp(n, fresh, retry):
    """Offered load with retrials by plain fixed-point iteration at 50 digits."""
    with mpmath.workdps(50):
        load = mpmath.mpf(fresh)
        for _ in range(100_000):
            new = fresh + retry * load * erlang_b_mp(n, load)
            if abs(new - load) < mpmath.mpf(10) ** -30:
                return new
            load = new
    raise AssertionError("fixed point did not converge")


@pytest.mark.parametrize("n, fresh, retry", [(12, 10, 0.5), (5, 2, 0.3), (30, 25, 0.8),
                                             (100, 95, 0.2), (3, 10, 0.4)])
def test_extended_erlang_b_is_the_retrial_fixed_point(n, fresh, retry):
    load = _fixed_point_mp(n, fresh, retry)
    assert float(extended_erlang_b(n, fresh, retry)) == pytest.approx(
        float(erlang_b_mp(n, load)), rel=1e-9)


def test_extended_with_no_retry_is_erlang_b():
    a = np.linspace(0.5, 40, 9)
    np.testing.assert_allclose(extended_erlang_b(20, a, 0.0), erlang_b(20, a), rtol=1e-14)


@pytest.mark.parametrize("fresh, target, retry", [(10, 0.01, 0.5), (50, 0.02, 0.7),
                                                  (3, 0.1, 0.9), (200, 0.005, 0.3)])
def test_extended_inverses_are_minimal_and_exact(fresh, target, retry):
    n = float(extended_servers_for_blocking(fresh, target, retry))
    assert float(erlang_b_mp(n, _fixed_point_mp(n, fresh, retry))) <= target
    assert float(erlang_b_mp(n - 1, _fixed_point_mp(n - 1, fresh, retry))) > target
    carried = float(extended_traffic_for_blocking(n, target, retry))
    assert float(extended_erlang_b(n, carried, retry)) == pytest.approx(target, rel=1e-9)


def test_edges():
    assert erlang_b(0, 5) == 1.0
    assert erlang_b(0, 0) == 1.0
    assert erlang_b(3, 0) == 0.0
    assert servers_for_blocking(0, 0.01) == 0
    assert traffic_for_blocking(0, 0.01) == 0
    assert traffic_for_blocking(5, 1.0) == np.inf
    assert erlang_b(10_000, 0.001) == 0.0  # underflows to 0, never NaN


def test_broadcasting_shape():
    out = erlang_b(np.arange(1, 7).reshape(2, 3), np.array([[1.0], [2.0]]))
    assert out.shape == (2, 3)
    assert np.ndim(erlang_b(3, 2)) == 0
