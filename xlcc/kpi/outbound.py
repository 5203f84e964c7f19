"""Outbound sales and collections indicators (a funnel of ratios of totals).

dialed records -> contacted (someone answered) -> right party (the person
sought) -> successful (sale, agreement or promise to pay).
"""

from xlcc.kpi._core import count, ratio, share

__all__ = ["contact_rate", "right_party_rate", "effectiveness", "conversion", "promise_rate",
           "recovery_rate"]


def contact_rate(contacted, dialed):
    """Contact rate ("contactabilidad"): records reached by a person / records dialed.

    >>> float(contact_rate(300, 1000))
    0.3
    """
    return share("contacted", contacted, "dialed", dialed)


def right_party_rate(right_party, contacted):
    """Right-party contact rate: contacts with the person sought / all contacts.

    >>> float(right_party_rate(240, 300))
    0.8
    """
    return share("right_party", right_party, "contacted", contacted)


def effectiveness(successful, right_party):
    """Effectiveness ("efectividad"): successful outcomes (sale, agreement, promise)
    / right-party contacts.

    >>> float(effectiveness(60, 240))
    0.25
    """
    return share("successful", successful, "right_party", right_party)


def conversion(sales, dialed):
    """End-to-end conversion: sales / records dialed (the whole funnel).

    >>> float(conversion(60, 1000))
    0.06
    """
    return share("sales", sales, "dialed", dialed)


def promise_rate(promises, right_party):
    """Collections: promises to pay / right-party contacts.

    >>> float(promise_rate(90, 240))
    0.375
    """
    return share("promises", promises, "right_party", right_party)


def recovery_rate(recovered, base):
    """Collections: amount recovered / base amount (amount promised, or the
    portfolio balance assigned: say which in the indicator's definition).

    >>> float(recovery_rate(45000, 60000))
    0.75
    """
    return ratio(count("recovered", recovered, "currency"), count("base", base, "currency"))
