"""Named, unit-carrying argument checks for the queueing API (one definition each)."""

import numpy as np

from xlcc._validate import as_float, check_range

_OPEN_TOP = dict(hi=np.inf, hi_open=True)
# Far beyond any contact centre, and where searches still take milliseconds.
MAX_TRAFFIC_ERL = 1e6
MAX_AGENTS = 1e7


def traffic(v, name="traffic_erl"):
    a = as_float(name, v)
    check_range(name, a, lo=0, hi=MAX_TRAFFIC_ERL, unit="Erlangs")
    return a


def count(v, name):
    """Agents or servers: a real number >= 0 (the continuous extension)."""
    a = as_float(name, v)
    check_range(name, a, lo=0, hi=MAX_AGENTS, unit="agents")
    return a


def seconds(v, name, *, positive=True, allow_inf=False):
    a = as_float(name, v)
    top = {} if allow_inf else _OPEN_TOP
    check_range(name, a, lo=0, lo_open=positive, unit="seconds", **top)
    return a


def minutes(v, name="interval_min"):
    a = as_float(name, v)
    check_range(name, a, lo=0, lo_open=True, unit="minutes", **_OPEN_TOP)
    return a


def calls(v, name="calls"):
    a = as_float(name, v)
    check_range(name, a, lo=0, unit="calls per interval", **_OPEN_TOP)
    return a


def fraction(v, name, *, lo_open=False, hi_open=False):
    a = as_float(name, v)
    check_range(name, a, lo=0, hi=1, lo_open=lo_open, hi_open=hi_open, unit="fraction")
    return a
