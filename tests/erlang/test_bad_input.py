"""Bad input raises ValueError naming the argument and the accepted range."""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from tests.examples import scaled

from xlcc._validate import ArgumentError
from xlcc.erlang import (agents_for_service_level, erlang_a_agents_for_service_level,
                         erlang_a_service_level, erlang_b, scheduled_agents, service_level,
                         servers_for_blocking, traffic_erl)


@pytest.mark.parametrize("call, message", [
    (lambda: traffic_erl(-5, 180), r"calls must be in \[0, inf\) \(calls per interval\); got -5"),
    (lambda: traffic_erl(100, 0), r"aht_s must be in \(0, inf\) \(seconds\); got 0"),
    (lambda: traffic_erl(100, 180, -30), r"interval_min must be in \(0, inf\) \(minutes\); got -30"),
    (lambda: agents_for_service_level(10, 180, 20, 80),
     r"sl_target must be in \[0, 1\) \(fraction\); got 80"),
    (lambda: agents_for_service_level(10, 180, 20, 1.0), r"sl_target must be in \[0, 1\)"),
    (lambda: agents_for_service_level(10, 180, -1, 0.8),
     r"answer_time_s must be in \[0, inf\) \(seconds\); got -1"),
    (lambda: agents_for_service_level(10, 180, 20, 0.8, shrinkage=1),
     r"shrinkage must be in \[0, 1\) \(fraction\); got 1"),
    (lambda: agents_for_service_level(10, 180, 20, 0.8, max_occupancy=0),
     r"max_occupancy must be in \(0, 1\] \(fraction\); got 0"),
    (lambda: erlang_b(-1, 10), r"servers must be in \[0, 1e\+07\] \(agents\); got -1"),
    (lambda: erlang_b(3, math.inf), r"traffic_erl must be in \[0, 1e\+06\] \(Erlangs\); got inf"),
    (lambda: erlang_b(3e7, 1), r"servers must be in \[0, 1e\+07\] \(agents\); got 3e\+07"),
    (lambda: servers_for_blocking(10, 0), r"max_blocking must be in \(0, 1\] \(fraction\); got 0"),
    (lambda: service_level(14, math.nan, 180, 20), r"traffic_erl must be .*; got nan"),
    (lambda: service_level([14, 15, math.nan], 10, 180, 20), r"agents must be .*; got nan"),
    (lambda: service_level("14", 10, 180, 20),
     r"agents must be a number or an array of numbers; got '14'"),
    (lambda: service_level(None, 10, 180, 20), r"agents must be a number .*; got None"),
    (lambda: service_level(["a", 1], 10, 180, 20), r"agents must be a number"),
    (lambda: erlang_a_service_level(10, 9, 180, 0, 20), r"patience_s must be in \(0, inf\]"),
    (lambda: erlang_a_service_level(10, 9, 180, 120, 20, "abandoned"),
     r"definition must be one of offered, answered, virtual; got 'abandoned'"),
    (lambda: erlang_a_agents_for_service_level(10, 180, 120, 20, 0.8, max_abandon=0),
     r"max_abandon must be in \(0, 1\] \(fraction\); got 0"),
    (lambda: scheduled_agents(-3, 0.3), r"agents must be in \[0, 1e\+07\]"),
])
def test_message_names_argument_and_range(call, message):
    with pytest.raises(ArgumentError, match=message):
        call()


def test_argument_error_is_a_value_error():
    with pytest.raises(ValueError):
        erlang_b(-1, 1)


def test_empty_arrays_give_empty_results():
    assert service_level([], 10, 180, 20).shape == (0,)
    assert agents_for_service_level(np.array([]), 180, 20, 0.8).shape == (0,)


@settings(deadline=None, max_examples=scaled(200))
@given(traffic=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=3),
                         st.none(), st.booleans()))
def test_any_traffic_either_answers_or_raises_argument_error(traffic):
    try:
        n = agents_for_service_level(traffic, 180, 20, 0.8)
    except ArgumentError:
        return
    assert n >= 0 and float(n).is_integer()


@settings(deadline=None, max_examples=scaled(100))
@given(traffic=st.floats(0, 1e5), agents=st.floats(0, 1e5), aht=st.floats(1e-3, 1e5),
       t=st.floats(0, 1e6))
def test_huge_and_tiny_values_stay_probabilities(traffic, agents, aht, t):
    sl = float(service_level(agents, traffic, aht, t))
    assert 0.0 <= sl <= 1.0
