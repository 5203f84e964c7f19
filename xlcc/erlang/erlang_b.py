"""Erlang B (M/M/N/N, blocked calls lost) and Extended Erlang B (blocked calls retry).

Servers may be fractional: B uses the continuous extension
``B(x, a) = a^x e^-a / Gamma(x + 1, a)`` (upper incomplete gamma), which agrees
with the textbook sum at whole x. Every function broadcasts over its arguments.
"""

import numpy as np

from xlcc.erlang import _args, _codes, _native
from xlcc.erlang._broadcast import broadcast, run

__all__ = [
    "erlang_b", "servers_for_blocking", "traffic_for_blocking",
    "extended_erlang_b", "extended_servers_for_blocking", "extended_traffic_for_blocking",
]


def erlang_b(servers, traffic_erl):
    """Blocking probability: fraction of offered calls that find every server busy.

    Parameters
    ----------
    servers : array_like
        Servers (trunks, agents), >= 0; fractional values use the continuous extension.
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.

    Returns
    -------
    float or ndarray
        Fraction 0-1; 1 with no servers, 0 with no traffic (and servers > 0).

    See Also
    --------
    servers_for_blocking, traffic_for_blocking : the inverses.

    References
    ----------
    Jagerman, "Some properties of the Erlang loss function", Bell Syst. Tech. J. 53 (1974).

    Examples
    --------
    >>> round(float(erlang_b(3, 10.4)), 7)
    0.7411421
    """
    x = _args.count(servers, "servers")
    a = _args.traffic(traffic_erl)
    shape, (x, a) = broadcast(x, a)
    return run(_native.erlang_b_vec, shape, x, a)


def servers_for_blocking(traffic_erl, max_blocking, fractional=False):
    """Fewest servers whose blocking probability is at most ``max_blocking``.

    Parameters
    ----------
    traffic_erl : array_like
        Offered load, Erlangs, >= 0.
    max_blocking : array_like
        Highest acceptable blocking probability, fraction in (0, 1].
    fractional : bool, default False
        False: the smallest whole number of servers. True: the real number of
        servers at which blocking equals the target exactly (continuous B).

    Returns
    -------
    float or ndarray
        Servers; 0 when there is no traffic or the target is 1.

    See Also
    --------
    erlang_b : the blocking probability itself.

    Examples
    --------
    >>> float(servers_for_blocking(10, 0.01))
    18.0
    >>> round(float(servers_for_blocking(10, 0.01, fractional=True)), 5)
    17.44497
    """
    a = _args.traffic(traffic_erl)
    t = _args.fraction(max_blocking, "max_blocking", lo_open=True)
    shape, cols = broadcast(a, t)
    return run(_native.staff_vec, shape, _codes.B_SERVERS, cols, bool(fractional), None)


def traffic_for_blocking(servers, max_blocking):
    """Most offered traffic that ``servers`` carry with blocking at most ``max_blocking``.

    Parameters
    ----------
    servers : array_like
        Servers, >= 0 (fractional allowed).
    max_blocking : array_like
        Blocking probability target, fraction in (0, 1].

    Returns
    -------
    float or ndarray
        Erlangs at which B(servers, traffic) equals the target; 0 with no
        servers, inf when the target is 1.

    Examples
    --------
    >>> round(float(traffic_for_blocking(18, 0.01)), 4)
    10.4369
    """
    x = _args.count(servers, "servers")
    t = _args.fraction(max_blocking, "max_blocking", lo_open=True)
    shape, cols = broadcast(x, t)
    return run(_native.capacity_vec, shape, _codes.B_TRAFFIC, cols, np.full(cols[0].size, np.inf))


def _retry(retry):
    return _args.fraction(retry, "retry", hi_open=True)


def extended_erlang_b(servers, traffic_erl, retry):
    """Blocking probability when a fraction ``retry`` of blocked callers call again.

    The offered load A solves ``A = traffic_erl + retry * A * B(servers, A)``
    (fresh calls plus retrials); the result is ``B(servers, A)``.

    Parameters
    ----------
    servers : array_like
        Servers, >= 0 (fractional allowed).
    traffic_erl : array_like
        Fresh offered load (first attempts), Erlangs, >= 0.
    retry : array_like
        Fraction 0-1 of blocked callers who retry, in [0, 1).

    Returns
    -------
    float or ndarray
        Fraction 0-1; equals ``erlang_b`` when ``retry`` is 0.

    Examples
    --------
    >>> round(float(extended_erlang_b(12, 10, 0.5)), 4)
    0.1518
    """
    x = _args.count(servers, "servers")
    a = _args.traffic(traffic_erl)
    r = _retry(retry)
    shape, (x, a, r) = broadcast(x, a, r)
    load = run(_native.extended_load_vec, shape, x, a, r)
    return erlang_b(x.reshape(shape), load)


def extended_servers_for_blocking(traffic_erl, max_blocking, retry, fractional=False):
    """Fewest servers with Extended Erlang B blocking at most ``max_blocking``.

    At blocking exactly T the offered load is ``traffic_erl / (1 - retry T)``,
    so this is :func:`servers_for_blocking` at that load (exact, no iteration).

    Parameters
    ----------
    traffic_erl : array_like
        Fresh offered load, Erlangs, >= 0.
    max_blocking : array_like
        Blocking target, fraction in (0, 1].
    retry : array_like
        Fraction of blocked callers who retry, in [0, 1).
    fractional : bool, default False
        Real number of servers at which the target is met exactly.

    Returns
    -------
    float or ndarray
        Servers.

    Examples
    --------
    >>> float(extended_servers_for_blocking(10, 0.01, 0.5))
    18.0
    """
    a = _args.traffic(traffic_erl)
    t = _args.fraction(max_blocking, "max_blocking", lo_open=True)
    r = _retry(retry)
    return servers_for_blocking(a / (1.0 - r * t), t, fractional)


def extended_traffic_for_blocking(servers, max_blocking, retry):
    """Most fresh traffic that ``servers`` carry at the blocking target with retrials.

    Parameters
    ----------
    servers : array_like
        Servers, >= 0.
    max_blocking : array_like
        Blocking target, fraction in (0, 1).
    retry : array_like
        Fraction of blocked callers who retry, in [0, 1).

    Returns
    -------
    float or ndarray
        Fresh Erlangs: ``traffic_for_blocking(servers, T) * (1 - retry T)``.

    Examples
    --------
    >>> round(float(extended_traffic_for_blocking(18, 0.01, 0.5)), 4)
    10.3847
    """
    t = _args.fraction(max_blocking, "max_blocking", lo_open=True)
    r = _retry(retry)
    return (traffic_for_blocking(servers, t) * (1.0 - r * t))[()]
