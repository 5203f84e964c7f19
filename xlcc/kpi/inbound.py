"""Inbound service indicators from interval totals (counts and seconds).

Every indicator is a ratio of totals, so it aggregates correctly: the service
level of a day is computed from the day's summed counts, never as the mean of
interval percentages. A zero denominator gives NaN (Excel: #DIV/0!).
"""

from xlcc._validate import check_choice
from xlcc.kpi._core import count, part_of, ratio, share

__all__ = ["SL_DEFINITIONS", "ABANDON_DEFINITIONS", "service_level", "abandon_rate", "asa", "aht",
           "occupancy", "utilisation", "adherence", "conformance", "shrinkage",
           "first_contact_resolution", "transfer_rate", "contacts_per_hour", "cost_per_contact"]

SL_DEFINITIONS = ("offered", "offered_net", "answered", "abandons_met", "abandons_excluded")
ABANDON_DEFINITIONS = ("net", "offered")


def service_level(answered_within, offered, abandoned_within=0.0, short_abandons=0.0,
                  answered=0.0, definition="offered"):
    """Share of calls answered within the threshold, under a named definition.

    Parameters
    ----------
    answered_within : array_like
        Calls answered within the threshold (count).
    offered : array_like
        Calls offered (count), >= every other count.
    abandoned_within : array_like, default 0
        Calls abandoned before the threshold (count).
    short_abandons : array_like, default 0
        Calls abandoned within the short-abandon time, e.g. 5 s (count).
    answered : array_like, default 0
        All answered calls (count); used by ``definition="answered"``.
    definition : str
        ``"offered"`` (default): answered_within / offered — every offered call
        counts, the strictest and the usual contract definition;
        ``"offered_net"``: answered_within / (offered - short_abandons);
        ``"answered"``: answered_within / answered;
        ``"abandons_met"``: (answered_within + abandoned_within) / offered;
        ``"abandons_excluded"``: answered_within / (offered - abandoned_within).

    Returns
    -------
    float or ndarray
        Fraction 0-1; NaN when the denominator is 0.

    Examples
    --------
    >>> float(service_level(80, 100))
    0.8
    >>> float(service_level(80, 100, abandoned_within=5, definition="abandons_met"))
    0.85
    """
    d = check_choice("definition", definition, SL_DEFINITIONS)
    aw, off = count("answered_within", answered_within), count("offered", offered)
    abw, short = count("abandoned_within", abandoned_within), count("short_abandons", short_abandons)
    ans = count("answered", answered)
    for name, part in (("answered_within", aw), ("abandoned_within", abw),
                       ("short_abandons", short), ("answered", ans)):
        part_of(name, part, "offered", off)
    if d == "answered":
        part_of("answered_within", aw, "answered", ans)
        return ratio(aw, ans)
    if d == "offered_net":
        return ratio(aw, off - short)
    if d == "abandons_met":
        return ratio(aw + abw, off)
    if d == "abandons_excluded":
        return ratio(aw, off - abw)
    return ratio(aw, off)


def abandon_rate(abandoned, offered, short_abandons=0.0, definition="net"):
    """Share of offered calls that hang up before being answered.

    ``"net"`` (default): (abandoned - short_abandons) / (offered - short_abandons),
    so callers who hang up within seconds (misdials) do not count; with no
    short abandons given it equals ``"offered"``: abandoned / offered.

    Examples
    --------
    >>> float(abandon_rate(10, 100, short_abandons=4))
    0.0625
    """
    d = check_choice("definition", definition, ABANDON_DEFINITIONS)
    ab, off, short = count("abandoned", abandoned), count("offered", offered), count(
        "short_abandons", short_abandons)
    part_of("abandoned", ab, "offered", off)
    part_of("short_abandons", short, "abandoned", ab)
    return ratio(ab - short, off - short) if d == "net" else ratio(ab, off)


def asa(answer_wait_s, answered):
    """Average speed of answer, seconds: total wait of answered calls / answered calls.

    >>> float(asa(1200, 100))
    12.0
    """
    return ratio(count("answer_wait_s", answer_wait_s, "seconds"), count("answered", answered))


def aht(talk_s, hold_s, wrap_s, handled):
    """Average handle time, seconds: (talk + hold + after-call work) / handled calls.

    >>> float(aht(15000, 1000, 2000, 100))
    180.0
    """
    total = (count("talk_s", talk_s, "seconds") + count("hold_s", hold_s, "seconds")
             + count("wrap_s", wrap_s, "seconds"))
    return ratio(total, count("handled", handled))


def occupancy(handle_s, idle_s):
    """Share of available (logged-in, ready or busy) time spent handling: handle / (handle + idle).

    >>> float(occupancy(1500, 500))
    0.75
    """
    h, i = count("handle_s", handle_s, "seconds"), count("idle_s", idle_s, "seconds")
    return ratio(h, h + i)


def utilisation(handle_s, paid_s):
    """Share of paid time spent handling contacts: handle / paid.

    >>> float(utilisation(1500, 3000))
    0.5
    """
    return share("handle_s", handle_s, "paid_s", paid_s, "seconds")


def adherence(in_adherence_s, scheduled_s):
    """Schedule adherence: time doing the scheduled activity / scheduled time.

    >>> float(adherence(2700, 3000))
    0.9
    """
    return share("in_adherence_s", in_adherence_s, "scheduled_s", scheduled_s, "seconds")


def conformance(worked_s, scheduled_s):
    """Schedule conformance: time worked / time scheduled (above 1 means overtime).

    >>> float(conformance(3300, 3000))
    1.1
    """
    return ratio(count("worked_s", worked_s, "seconds"), count("scheduled_s", scheduled_s, "seconds"))


def shrinkage(lost_s, paid_s):
    """Share of paid time not available for contacts (breaks, training, absence...).

    >>> float(shrinkage(900, 3000))
    0.3
    """
    return share("lost_s", lost_s, "paid_s", paid_s, "seconds")


def first_contact_resolution(resolved_first, contacts):
    """Share of contacts resolved at the first contact (no repeat within the window).

    >>> float(first_contact_resolution(72, 90))
    0.8
    """
    return share("resolved_first", resolved_first, "contacts", contacts)


def transfer_rate(transferred, handled):
    """Share of handled contacts transferred to another agent or queue.

    >>> float(transfer_rate(5, 100))
    0.05
    """
    return share("transferred", transferred, "handled", handled)


def contacts_per_hour(handled, logged_s):
    """Productivity: contacts handled per logged-in hour.

    >>> float(contacts_per_hour(96, 28800))
    12.0
    """
    return ratio(count("handled", handled), count("logged_s", logged_s, "seconds") / 3600.0)


def cost_per_contact(cost, contacts):
    """Cost per handled contact, in the cost's currency.

    >>> float(cost_per_contact(1500, 600))
    2.5
    """
    return ratio(count("cost", cost, "currency"), count("contacts", contacts))
