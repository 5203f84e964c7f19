"""Erlang C (M/M/n, callers wait as long as it takes): performance of a given team.

Agents may be fractional (continuous extension through Erlang B). With
``agents <= traffic`` the queue is unstable and every measure says so
consistently: P(wait) = 1, service level 0, ASA, queue time and queue length
inf, occupancy 1. With no traffic nobody waits: P(wait) 0, service level 1.
"""

from xlcc.erlang import _args, _native
from xlcc.erlang._codes import ERLANG_C
from xlcc.erlang._broadcast import broadcast, run

__all__ = ["erlang_c", "service_level", "asa", "queue_time", "queue_length", "occupancy",
           "answer_time"]


def _measure(what, agents, traffic_erl, aht_s=1.0, t=0.0):
    n = _args.count(agents, "agents")
    a = _args.traffic(traffic_erl)
    shape, cols = broadcast(n, a, aht_s, t)
    return run(_native.erlang_c_vec, shape, what, *cols)


def erlang_c(agents, traffic_erl):
    """Probability that a call has to wait (Erlang C formula).

    Parameters
    ----------
    agents : array_like
        Agents on the phones, >= 0 (fractional allowed).
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.

    Returns
    -------
    float or ndarray
        Fraction 0-1; 1 when ``agents <= traffic_erl``.

    References
    ----------
    Erlang (1917); computed as C = n B / (n - a (1 - B)) from Erlang B.

    Examples
    --------
    >>> round(float(erlang_c(14, 10)), 7)
    0.1741319
    """
    return _measure(ERLANG_C.PWAIT, agents, traffic_erl)


def service_level(agents, traffic_erl, aht_s, answer_time_s):
    """Fraction of offered calls answered within ``answer_time_s``.

    Parameters
    ----------
    agents : array_like
        Agents on the phones, >= 0.
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.
    answer_time_s : array_like
        Answer-time threshold ("20" in 80/20), seconds, >= 0.

    Returns
    -------
    float or ndarray
        Fraction 0-1: ``1 - C exp(-(n - a) t / aht)``; 0 when ``agents <= traffic_erl``.

    See Also
    --------
    xlcc.erlang.staffing.agents_for_service_level : the inverse.

    Examples
    --------
    >>> round(float(service_level(14, 10.0, 180, 20)), 5)
    0.88835
    """
    h = _args.seconds(aht_s, "aht_s")
    t = _args.seconds(answer_time_s, "answer_time_s", positive=False)
    return _measure(ERLANG_C.SL, agents, traffic_erl, h, t)


def asa(agents, traffic_erl, aht_s):
    """Average speed of answer: mean wait over all calls, seconds.

    Parameters
    ----------
    agents : array_like
        Agents on the phones, >= 0.
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.

    Returns
    -------
    float or ndarray
        Seconds, ``C aht / (n - a)``; inf when ``agents <= traffic_erl``.

    Examples
    --------
    >>> round(float(asa(14, 10, 180)), 6)
    7.835937
    """
    return _measure(ERLANG_C.ASA, agents, traffic_erl, _args.seconds(aht_s, "aht_s"))


def queue_time(agents, traffic_erl, aht_s):
    """Mean wait of the calls that wait, seconds: ``aht / (n - a)``.

    Parameters
    ----------
    agents : array_like
        Agents on the phones, >= 0.
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.

    Returns
    -------
    float or ndarray
        Seconds; inf when ``agents <= traffic_erl``.

    Examples
    --------
    >>> float(queue_time(14, 10, 180))
    45.0
    """
    return _measure(ERLANG_C.QUEUE_TIME, agents, traffic_erl, _args.seconds(aht_s, "aht_s"))


def queue_length(agents, traffic_erl):
    """Mean number of calls waiting in queue: ``C a / (n - a)``.

    Parameters
    ----------
    agents : array_like
        Agents on the phones, >= 0.
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.

    Returns
    -------
    float or ndarray
        Calls; inf when ``agents <= traffic_erl``.

    Examples
    --------
    >>> round(float(queue_length(14, 10)), 6)
    0.43533
    """
    return _measure(ERLANG_C.QUEUE_LENGTH, agents, traffic_erl)


def occupancy(agents, traffic_erl):
    """Fraction of agents' logged-in time spent handling calls: ``a / n``, at most 1.

    Parameters
    ----------
    agents : array_like
        Agents on the phones, >= 0.
    traffic_erl : array_like
        Offered (= carried, nobody abandons) load, Erlangs, >= 0.

    Returns
    -------
    float or ndarray
        Fraction 0-1; 1 when ``agents <= traffic_erl``, 0 with no traffic.

    Examples
    --------
    >>> round(float(occupancy(14, 10)), 7)
    0.7142857
    """
    return _measure(ERLANG_C.OCCUPANCY, agents, traffic_erl)


def answer_time(agents, traffic_erl, aht_s, sl_target):
    """Shortest answer-time threshold that ``agents`` meet at ``sl_target``, seconds.

    Parameters
    ----------
    agents : array_like
        Agents on the phones, >= 0.
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.
    sl_target : array_like
        Service-level target, fraction in [0, 1).

    Returns
    -------
    float or ndarray
        Seconds t with service_level(t) = sl_target; 0 if the share of calls
        answered at once already meets it; inf when ``agents <= traffic_erl``.

    Examples
    --------
    >>> float(answer_time(14, 10, 180, 0.8))  # 82.6% are answered at once
    0.0
    >>> round(float(answer_time(14, 10, 180, 0.9)), 3)
    24.959
    """
    h = _args.seconds(aht_s, "aht_s")
    s = _args.fraction(sl_target, "sl_target", hi_open=True)
    return _measure(ERLANG_C.ANSWER_TIME, agents, traffic_erl, h, s)

