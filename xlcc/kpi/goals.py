"""Goal tracking: attainment against a goal and a traffic-light status.

Status codes are numbers so that Excel's 3-icon sets and conditional formats
use them directly: 1 = green (goal met), 0 = amber (within the band), -1 = red.
"""

import numpy as np

from xlcc._validate import as_float, check_choice, check_range

__all__ = ["DIRECTIONS", "attainment", "status"]

DIRECTIONS = ("higher", "lower")


def attainment(actual, goal, direction="higher"):
    """How far the actual value reaches the goal; 1 means exactly on goal.

    ``"higher"`` is better (service level, FCR): actual / goal.
    ``"lower"`` is better (abandonment, AHT): 2 - actual / goal, floored at 0 —
    linear, 1 on goal, 2 at zero, 0 at twice the goal; unlike goal / actual it
    stays finite for a perfect zero.

    Parameters
    ----------
    actual : array_like
        Measured value, in the indicator's unit, >= 0.
    goal : array_like
        Goal ("meta"), same unit, > 0.
    direction : {"higher", "lower"}

    Returns
    -------
    float or ndarray
        Attainment, 1 = on goal.

    Examples
    --------
    >>> float(attainment(0.76, 0.8))
    0.95
    >>> float(attainment(0.06, 0.05, "lower"))
    0.8
    """
    a, g = as_float("actual", actual), as_float("goal", goal)
    check_range("actual", a, lo=0, hi=np.inf, hi_open=True)
    check_range("goal", g, lo=0, lo_open=True, hi=np.inf, hi_open=True)
    if check_choice("direction", direction, DIRECTIONS) == "higher":
        return (a / g)[()]
    return np.maximum(0.0, 2.0 - a / g)[()]


def status(actual, goal, direction="higher", amber_band=0.05):
    """Traffic light: 1 green when the goal is met, 0 amber when attainment is within
    ``amber_band`` below 1, -1 red otherwise.

    The two thresholds are the goal itself and the goal less (higher-is-better) or
    plus (lower-is-better) ``amber_band`` x goal.

    Examples
    --------
    >>> status([0.80, 0.77, 0.70], 0.8).tolist()
    [1.0, 0.0, -1.0]
    """
    band = as_float("amber_band", amber_band)
    check_range("amber_band", band, lo=0, hi=1, unit="fraction")
    att = attainment(actual, goal, direction)
    met = att >= 1 - 1e-12  # on goal to 12 digits counts as met
    return np.where(met, 1.0, np.where(att >= 1 - band - 1e-12, 0.0, -1.0))[()]
