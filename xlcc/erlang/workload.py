"""Workload conversions: calls to Erlangs, and agents on the phones to agents scheduled.

Conventions: ``calls`` are calls offered in one interval, ``interval_min`` is
the interval length in minutes (default 30), times are in seconds and
shrinkage is a fraction 0-1 of paid time not spent on the phones.
"""

import numpy as np

from xlcc._excel_round import ceil15
from xlcc.erlang import _args

__all__ = ["traffic_erl", "calls_per_interval", "scheduled_agents"]


def traffic_erl(calls, aht_s, interval_min=30.0):
    """Offered load in Erlangs: ``calls * aht_s / (interval_min * 60)``.

    Parameters
    ----------
    calls : array_like
        Calls offered in the interval, >= 0.
    aht_s : array_like
        Average handle time (talk + hold + after-call work), seconds, > 0.
    interval_min : array_like, default 30
        Interval length, minutes, > 0.

    Returns
    -------
    float or ndarray
        Erlangs (hours of work per hour), >= 0.

    See Also
    --------
    calls_per_interval : the inverse.

    Examples
    --------
    >>> float(traffic_erl(100, 180))
    10.0
    """
    c = _args.calls(calls)
    h = _args.seconds(aht_s, "aht_s")
    m = _args.minutes(interval_min)
    with np.errstate(over="ignore"):  # an absurd product is inf, rejected where it is used
        return (c * h / (m * 60.0))[()]


def calls_per_interval(traffic, aht_s, interval_min=30.0):
    """Calls per interval that make ``traffic`` Erlangs: ``traffic * interval_min * 60 / aht_s``.

    Parameters
    ----------
    traffic : array_like
        Offered load, Erlangs, >= 0.
    aht_s : array_like
        Average handle time, seconds, > 0.
    interval_min : array_like, default 30
        Interval length, minutes, > 0.

    Returns
    -------
    float or ndarray
        Calls offered per interval.

    Examples
    --------
    >>> float(calls_per_interval(10, 180))
    100.0
    """
    a = _args.traffic(traffic, "traffic")
    h = _args.seconds(aht_s, "aht_s")
    m = _args.minutes(interval_min)
    with np.errstate(over="ignore"):
        return (a * m * 60.0 / h)[()]


def scheduled_agents(agents, shrinkage):
    """Agents to schedule so that ``agents`` are on the phones: ``ceil(agents / (1 - shrinkage))``.

    Always rounded up (never to nearest), with Excel's 15-digit view of the
    quotient, so ``21 / (1 - 0.3)`` gives 30 as in Excel, not 31.

    Parameters
    ----------
    agents : array_like
        Agents needed on the phones, >= 0.
    shrinkage : array_like
        Fraction 0-1 of paid time lost to breaks, training, absence..., in [0, 1).

    Returns
    -------
    float or ndarray
        Whole number of agents to schedule.

    Examples
    --------
    >>> float(scheduled_agents(21, 0.3))
    30.0
    """
    return with_shrinkage(_args.count(agents, "agents"), shrinkage, fractional=False)


def with_shrinkage(agents, shrinkage, fractional):
    """``agents / (1 - shrinkage)``, rounded up (Excel's 15 digits) unless ``fractional``.

    ``agents`` must already be validated; ``shrinkage`` is checked here, [0, 1).
    """
    s = _args.fraction(shrinkage, "shrinkage", hi_open=True)
    if not np.any(s > 0):  # nothing to divide, but a fractional count still rounds up
        a = np.asarray(agents, dtype=float)
        return (a if fractional else ceil15(a))[()]
    n = agents / (1.0 - s)
    return (n if fractional else ceil15(n))[()]
