"""Customer-portfolio indicators over a period: retention, churn and value tiers."""

import numpy as np

from xlcc._validate import ArgumentError, as_float
from xlcc.kpi._core import count, part_of, ratio

__all__ = ["retention_rate", "churn_rate", "customer_tier"]


def retention_rate(start_customers, end_customers, new_customers):
    """Share of the customers at the start of the period still customers at its end:
    (end - new) / start.

    >>> float(retention_rate(1000, 1050, 120))
    0.93
    """
    start, end, new = (count("start_customers", start_customers), count("end_customers", end_customers),
                       count("new_customers", new_customers))
    part_of("new_customers", new, "end_customers", end)
    part_of("end_customers - new_customers", end - new, "start_customers", start)
    return ratio(end - new, start)


def churn_rate(start_customers, end_customers, new_customers):
    """Share of the starting customers lost during the period: 1 - retention.

    >>> round(float(churn_rate(1000, 1050, 120)), 2)
    0.07
    """
    return (1.0 - np.asarray(retention_rate(start_customers, end_customers, new_customers)))[()]


def customer_tier(value, low, high):
    """Three-level classification by value or behaviour score: 1 (top, value >= high),
    2 (low <= value < high), 3 (value < low).

    >>> customer_tier([50, 500, 5000], 100, 1000).tolist()
    [3.0, 2.0, 1.0]
    """
    v, lo, hi = as_float("value", value), as_float("low", low), as_float("high", high)
    if np.any(np.isnan(v)) or np.any(np.isnan(lo)) or np.any(np.isnan(hi)):
        raise ArgumentError("value, low and high must be numbers; got nan")
    if np.any(lo > hi):
        raise ArgumentError(f"low must not exceed high; got low {np.max(lo):g} > high {np.min(hi):g}")
    return np.where(v >= hi, 1.0, np.where(v >= lo, 2.0, 3.0))[()]
