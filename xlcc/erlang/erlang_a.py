"""Erlang A (M/M/n+M): callers abandon after an exponential patience.

Exact closed forms (Mandelbaum & Zeltyn) summed in log-space, so they hold for
patience of hours and thousands of agents; ``patience_s = inf`` is Erlang C.
The queue is stable at any staffing, including ``agents <= traffic``.

Service level has three definitions, named by ``definition``:

* ``"offered"`` (default): answered within the threshold / offered calls;
  callers who abandon count as not answered in time.
* ``"answered"``: answered within the threshold / answered calls.
* ``"virtual"``: fraction of callers whose wait, were they infinitely patient,
  would be within the threshold.

Accuracy: relative 1e-7 or better against 50-digit incomplete-gamma values for
every measure, except that a service level below about 1e-4 (deep overload) is
computed as 1 minus a number close to 1 and is good to 1e-11 absolute.

References
----------
Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call
centers" (2007); Garnett, Mandelbaum & Reiman, MSOM 4(3) (2002).
"""

import numpy as np

from xlcc._validate import check_choice
from xlcc.erlang import _args, _codes, _native
from xlcc.erlang._codes import ERLANG_A
from xlcc.erlang._broadcast import broadcast, run
from xlcc.erlang.workload import with_shrinkage

__all__ = ["erlang_a_wait_probability", "erlang_a_abandon_probability", "erlang_a_service_level",
           "erlang_a_asa", "erlang_a_occupancy", "erlang_a_agents_for_service_level",
           "erlang_a_agents_for_abandon", "erlang_a_agents_for_asa", "DEFINITIONS"]

DEFINITIONS = ("offered", "answered", "virtual")
_SL_MEASURE = dict(zip(DEFINITIONS, (ERLANG_A.SL_OFFERED, ERLANG_A.SL_ANSWERED,
                                     ERLANG_A.SL_VIRTUAL)))
_SL_SEARCH = dict(zip(DEFINITIONS, (_codes.A_SL_OFFERED, _codes.A_SL_ANSWERED,
                                    _codes.A_SL_VIRTUAL)))


def _definition(definition):
    return check_choice("definition", definition, DEFINITIONS)


def _patience(v):
    return _args.seconds(v, "patience_s", allow_inf=True)


def _measure(what, agents, traffic_erl, aht_s, patience_s, t=0.0):
    n = _args.count(agents, "agents")
    a = _args.traffic(traffic_erl)
    h = _args.seconds(aht_s, "aht_s")
    p = _patience(patience_s)
    shape, cols = broadcast(n, a, h, p, t)
    return run(_native.erlang_a_vec, shape, what, *cols)


_PARAMS = """
    agents : array_like
        Agents on the phones, >= 0 (fractional allowed).
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.
    patience_s : array_like
        Mean time a caller waits before hanging up, seconds, > 0 (inf = Erlang C)."""


def erlang_a_wait_probability(agents, traffic_erl, aht_s, patience_s):
    """Probability that a call has to wait (Erlang A).

    Parameters
    ----------{params}

    Returns
    -------
    float or ndarray
        Fraction 0-1.

    Examples
    --------
    >>> round(float(erlang_a_wait_probability(10, 9, 180, 120)), 6)
    0.379262
    """
    return _measure(ERLANG_A.PWAIT, agents, traffic_erl, aht_s, patience_s)


def erlang_a_abandon_probability(agents, traffic_erl, aht_s, patience_s):
    """Fraction of offered calls that hang up before being answered.

    Parameters
    ----------{params}

    Returns
    -------
    float or ndarray
        Fraction 0-1; at least ``1 - agents / traffic_erl`` (a team cannot
        carry more than it has agents).

    Examples
    --------
    >>> round(float(erlang_a_abandon_probability(10, 9, 180, 120)), 6)
    0.097091
    """
    return _measure(ERLANG_A.ABANDON, agents, traffic_erl, aht_s, patience_s)


def erlang_a_service_level(agents, traffic_erl, aht_s, patience_s, answer_time_s,
                           definition="offered"):
    """Service level under abandonment: share of calls answered within ``answer_time_s``.

    Parameters
    ----------{params}
    answer_time_s : array_like
        Answer-time threshold, seconds, >= 0.
    definition : {{"offered", "answered", "virtual"}}
        Denominator and meaning, see the module docstring.

    Returns
    -------
    float or ndarray
        Fraction 0-1.

    Examples
    --------
    >>> round(float(erlang_a_service_level(10, 9, 180, 120, 20)), 6)
    0.739354
    >>> round(float(erlang_a_service_level(10, 9, 180, 120, 20, "answered")), 6)
    0.818858
    """
    t = _args.seconds(answer_time_s, "answer_time_s", positive=False)
    what = _SL_MEASURE[_definition(definition)]
    return _measure(what, agents, traffic_erl, aht_s, patience_s, t)


def erlang_a_asa(agents, traffic_erl, aht_s, patience_s):
    """Average speed of answer of the answered calls, seconds.

    Parameters
    ----------{params}

    Returns
    -------
    float or ndarray
        Seconds; inf with no agents.

    Examples
    --------
    >>> round(float(erlang_a_asa(10, 9, 180, 120)), 4)
    9.9933
    """
    return _measure(ERLANG_A.ASA, agents, traffic_erl, aht_s, patience_s)


def erlang_a_occupancy(agents, traffic_erl, aht_s, patience_s):
    """Fraction of agents' time busy with calls: carried load / agents.

    Parameters
    ----------{params}

    Returns
    -------
    float or ndarray
        Fraction 0-1: ``traffic (1 - P(abandon)) / agents``.

    Examples
    --------
    >>> round(float(erlang_a_occupancy(10, 9, 180, 120)), 6)
    0.812618
    """
    return _measure(ERLANG_A.OCCUPANCY, agents, traffic_erl, aht_s, patience_s)


def _staff(kind, a, h, p, t, target, fractional):
    shape, cols = broadcast(a, h, p, t, target)
    return run(_native.staff_vec, shape, kind, cols, bool(fractional), True), shape


def _cap(kind, a, h, p, target, fractional, shape):
    """Agents for an upper bound (abandonment or occupancy), broadcast to ``shape``."""
    needed, _ = _staff(kind, a, h, p, 0.0, target, fractional)
    return np.broadcast_to(needed, shape)


def erlang_a_agents_for_service_level(traffic_erl, aht_s, patience_s, answer_time_s, sl_target,
                                      max_abandon=1.0, max_occupancy=1.0, shrinkage=0.0,
                                      definition="offered", fractional=False):
    """Agents needed for a service-level target under abandonment (Erlang A).

    The answer meets every given target at once: the service level, at most
    ``max_abandon`` of calls abandoned and at most ``max_occupancy`` (Erlang A
    occupancy); shrinkage then grosses it up to agents to schedule.

    Parameters
    ----------
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.
    patience_s : array_like
        Mean caller patience, seconds, > 0 (inf = Erlang C).
    answer_time_s : array_like
        Answer-time threshold, seconds, >= 0.
    sl_target : array_like
        Service-level target, fraction in [0, 1).
    max_abandon : array_like, default 1
        Abandonment cap, fraction in (0, 1]; 1 means no cap.
    max_occupancy : array_like, default 1
        Occupancy cap, fraction in (0, 1]; 1 means no cap.
    shrinkage : array_like, default 0
        Fraction of paid time off the phones, in [0, 1).
    definition : {"offered", "answered", "virtual"}
        Service-level definition, see the module docstring.
    fractional : bool, default False
        Exact real number of agents instead of the smallest whole number.

    Returns
    -------
    float or ndarray
        Agents (scheduled agents when shrinkage > 0); 0 with no traffic.

    Examples
    --------
    >>> float(erlang_a_agents_for_service_level(10, 180, 120, 20, 0.8))
    12.0
    """
    a = _args.traffic(traffic_erl)
    h = _args.seconds(aht_s, "aht_s")
    p = _patience(patience_s)
    t = _args.seconds(answer_time_s, "answer_time_s", positive=False)
    s = _args.fraction(sl_target, "sl_target", hi_open=True)
    ab = _args.fraction(max_abandon, "max_abandon", lo_open=True)
    occ = _args.fraction(max_occupancy, "max_occupancy", lo_open=True)
    n, shape = _staff(_SL_SEARCH[_definition(definition)], a, h, p, t, s, fractional)
    if np.any(ab < 1):
        n = np.maximum(n, np.where(np.broadcast_to(ab, shape) < 1,
                                   _cap(_codes.A_ABANDON, a, h, p, ab, fractional, shape), 0.0))
    if np.any(occ < 1):
        n = np.maximum(n, np.where(np.broadcast_to(occ, shape) < 1,
                                   _cap(_codes.A_OCCUPANCY, a, h, p, occ, fractional, shape), 0.0))
    return with_shrinkage(n, shrinkage, fractional)


def erlang_a_agents_for_abandon(traffic_erl, aht_s, patience_s, max_abandon, shrinkage=0.0,
                                fractional=False):
    """Fewest agents keeping abandonment at or below ``max_abandon`` (Erlang A).

    Parameters
    ----------
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.
    patience_s : array_like
        Mean caller patience, seconds, > 0.
    max_abandon : array_like
        Abandonment cap, fraction of offered calls in (0, 1].
    shrinkage : array_like, default 0
        Fraction of paid time off the phones, in [0, 1).
    fractional : bool, default False
        Exact real number of agents.

    Returns
    -------
    float or ndarray
        Agents; 0 with no traffic.

    Examples
    --------
    >>> float(erlang_a_agents_for_abandon(10, 180, 120, 0.05))
    13.0
    """
    a = _args.traffic(traffic_erl)
    h = _args.seconds(aht_s, "aht_s")
    p = _patience(patience_s)
    ab = _args.fraction(max_abandon, "max_abandon", lo_open=True)
    n, _ = _staff(_codes.A_ABANDON, a, h, p, 0.0, ab, fractional)
    return with_shrinkage(n, shrinkage, fractional)


def erlang_a_agents_for_asa(traffic_erl, aht_s, patience_s, asa_target_s, shrinkage=0.0,
                            fractional=False):
    """Fewest agents keeping the ASA of answered calls at or below ``asa_target_s``.

    Parameters
    ----------
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.
    patience_s : array_like
        Mean caller patience, seconds, > 0.
    asa_target_s : array_like
        Highest acceptable ASA of answered calls, seconds, > 0.
    shrinkage : array_like, default 0
        Fraction of paid time off the phones, in [0, 1).
    fractional : bool, default False
        Exact real number of agents.

    Returns
    -------
    float or ndarray
        Agents; 0 with no traffic.

    Examples
    --------
    >>> float(erlang_a_agents_for_asa(10, 180, 120, 10))
    11.0
    """
    a = _args.traffic(traffic_erl)
    h = _args.seconds(aht_s, "aht_s")
    p = _patience(patience_s)
    g = _args.seconds(asa_target_s, "asa_target_s")
    n, _ = _staff(_codes.A_ASA, a, h, p, 0.0, g, fractional)
    return with_shrinkage(n, shrinkage, fractional)


for _f in (erlang_a_wait_probability, erlang_a_abandon_probability, erlang_a_service_level,
           erlang_a_asa, erlang_a_occupancy):
    _f.__doc__ = _f.__doc__.format(params=_PARAMS)
