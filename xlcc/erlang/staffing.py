"""Erlang C staffing: agents for a service-level or ASA target, and what a team can take.

Searches carry the Erlang B recursion forward from just below the traffic
instead of recomputing it per candidate, and compare without division, so a
whole month of intervals is sized in milliseconds. Every search returns the
smallest whole number of agents meeting the target (a target met to 13
significant digits counts as met, so a target copied from a computed service
level round-trips), or with ``fractional=True`` the real number of agents at
which the target is met exactly (continuous Erlang C).

Occupancy cap and shrinkage apply after the search: agents are raised to
``traffic / max_occupancy`` (rounded up) and then scheduled as
``ceil(agents / (1 - shrinkage))`` -- never rounded to nearest. With
``fractional=True`` neither is rounded.
"""

import numpy as np

from xlcc._excel_round import ceil15
from xlcc.erlang import _args, _codes, _native
from xlcc.erlang._broadcast import broadcast, run
from xlcc.erlang.workload import with_shrinkage

__all__ = ["agents_for_service_level", "agents_for_asa", "max_calls_for_service_level",
           "max_aht_for_service_level"]


def _apply_caps(agents, traffic, max_occupancy, shrinkage, fractional):
    """Raise ``agents`` to the occupancy cap ``traffic / max_occupancy``, then gross up
    for shrinkage."""
    occ = _args.fraction(max_occupancy, "max_occupancy", lo_open=True)
    n = agents
    if np.any(occ < 1):
        floor_occ = traffic / occ
        n = np.maximum(n, floor_occ if fractional else ceil15(floor_occ))
    return with_shrinkage(n, shrinkage, fractional)


def agents_for_service_level(traffic_erl, aht_s, answer_time_s, sl_target, max_occupancy=1.0,
                             shrinkage=0.0, fractional=False):
    """Agents needed so that ``sl_target`` of calls are answered within ``answer_time_s``.

    Parameters
    ----------
    traffic_erl : array_like
        Offered load, Erlangs, >= 0 (see :func:`xlcc.erlang.traffic_erl`).
    aht_s : array_like
        Average handle time, seconds, > 0.
    answer_time_s : array_like
        Answer-time threshold, seconds, >= 0.
    sl_target : array_like
        Service-level target, fraction in [0, 1).
    max_occupancy : array_like, default 1
        Occupancy cap, fraction in (0, 1]; agents >= traffic / max_occupancy.
    shrinkage : array_like, default 0
        Fraction of paid time off the phones, in [0, 1); the result is agents to schedule.
    fractional : bool, default False
        Return the exact real number of agents instead of the smallest whole number.

    Returns
    -------
    float or ndarray
        Agents (scheduled agents when shrinkage > 0); 0 with no traffic.

    See Also
    --------
    xlcc.erlang.service_level : the service level of a given team.

    Examples
    --------
    >>> float(agents_for_service_level(10, 180, 20, 0.8))
    14.0
    >>> float(agents_for_service_level(10, 180, 20, 0.8, shrinkage=0.3))
    20.0
    """
    a = _args.traffic(traffic_erl)
    h = _args.seconds(aht_s, "aht_s")
    t = _args.seconds(answer_time_s, "answer_time_s", positive=False)
    s = _args.fraction(sl_target, "sl_target", hi_open=True)
    shape, cols = broadcast(a, h, t, s)
    n = run(_native.staff_vec, shape, _codes.C_SL_AGENTS, cols, bool(fractional), None)
    return _apply_caps(n, cols[0].reshape(shape), max_occupancy, shrinkage, fractional)


def agents_for_asa(traffic_erl, aht_s, asa_target_s, max_occupancy=1.0, shrinkage=0.0,
                   fractional=False):
    """Agents needed so that the average speed of answer is at most ``asa_target_s``.

    Parameters
    ----------
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.
    asa_target_s : array_like
        Highest acceptable mean wait over all calls, seconds, > 0.
    max_occupancy, shrinkage, fractional
        As in :func:`agents_for_service_level`.

    Returns
    -------
    float or ndarray
        Agents; 0 with no traffic.

    Examples
    --------
    >>> float(agents_for_asa(10, 180, 10))
    14.0
    """
    a = _args.traffic(traffic_erl)
    h = _args.seconds(aht_s, "aht_s")
    g = _args.seconds(asa_target_s, "asa_target_s")
    shape, cols = broadcast(a, h, g)
    n = run(_native.staff_vec, shape, _codes.C_ASA_AGENTS, cols, bool(fractional), None)
    return _apply_caps(n, cols[0].reshape(shape), max_occupancy, shrinkage, fractional)


def max_calls_for_service_level(agents, aht_s, answer_time_s, sl_target, interval_min=30.0):
    """Most calls per interval that ``agents`` answer at the service-level target.

    Parameters
    ----------
    agents : array_like
        Agents on the phones, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.
    answer_time_s : array_like
        Answer-time threshold, seconds, >= 0.
    sl_target : array_like
        Service-level target, fraction in [0, 1).
    interval_min : array_like, default 30
        Interval length, minutes, > 0.

    Returns
    -------
    float or ndarray
        Calls per interval (a real number: the exact break-even volume; whole
        calls are its floor); 0 with no agents.

    Examples
    --------
    >>> round(float(max_calls_for_service_level(14, 180, 20, 0.8)), 2)
    108.68
    """
    n = _args.count(agents, "agents")
    h = _args.seconds(aht_s, "aht_s")
    t = _args.seconds(answer_time_s, "answer_time_s", positive=False)
    s = _args.fraction(sl_target, "sl_target", hi_open=True)
    m = _args.minutes(interval_min)
    shape, (n, h, t, s, m) = broadcast(n, h, t, s, m)
    a = run(_native.capacity_vec, shape, _codes.C_SL_TRAFFIC, (n, h, t, s), n)
    return (a * m.reshape(shape) * 60.0 / h.reshape(shape))[()]


def max_aht_for_service_level(agents, calls, answer_time_s, sl_target, interval_min=30.0):
    """Longest average handle time at which ``agents`` meet the service-level target.

    Parameters
    ----------
    agents : array_like
        Agents on the phones, >= 0.
    calls : array_like
        Calls offered in the interval, >= 0.
    answer_time_s : array_like
        Answer-time threshold, seconds, >= 0.
    sl_target : array_like
        Service-level target, fraction in [0, 1).
    interval_min : array_like, default 30
        Interval length, minutes, > 0.

    Returns
    -------
    float or ndarray
        Seconds; inf with no calls, 0 with no agents.

    Examples
    --------
    >>> round(float(max_aht_for_service_level(14, 100, 20, 0.8)), 1)
    194.9
    """
    n = _args.count(agents, "agents")
    c = _args.calls(calls)
    t = _args.seconds(answer_time_s, "answer_time_s", positive=False)
    s = _args.fraction(sl_target, "sl_target", hi_open=True)
    m = _args.minutes(interval_min)
    shape, (n, c, t, s, m) = broadcast(n, c, t, s, m)
    rate = c / (m * 60.0)  # calls per second
    # the AHT at which the team is fully loaded; inf with no calls
    upper = np.where(rate > 0, n / np.where(rate > 0, rate, 1.0), np.inf)
    return run(_native.capacity_vec, shape, _codes.C_SL_AHT, (n, rate, t, s), upper)

