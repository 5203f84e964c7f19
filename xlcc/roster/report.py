"""Coverage and quality of a shift design, from its result only."""

from dataclasses import dataclass

import numpy as np

from xlcc.roster.design import slot_name

__all__ = ["Quality", "quality", "coverage_rows"]


@dataclass(frozen=True)
class Quality:
    """Quality figures of a design.

    ``under_hours``/``over_hours`` are agent-hours short of / above the requirement;
    ``within_10pct`` is the share (0-1) of slots with a requirement whose coverage
    is within +-10% of it; ``paid_hours`` and ``required_hours`` compare what is
    paid with the agent-hours the requirement asks for.
    """

    slots: int
    under_hours: float
    over_hours: float
    within_10pct: float
    paid_hours: float
    required_hours: float
    shifts_used: int
    agents_started: int


def quality(design):
    """:class:`Quality` of ``design`` (a :class:`~xlcc.roster.design.Design`)."""
    req, cov = design.requirement, design.coverage
    hour = design.slot_min / 60.0
    wanted = req > 0
    within = np.abs(cov[wanted] - req[wanted]) <= 0.1 * req[wanted] + 1e-9
    return Quality(req.size, float(design.under.sum() * hour), float(design.over.sum() * hour),
                   float(within.mean()) if wanted.any() else 1.0, design.paid_hours(),
                   float(req.sum() * hour), int(design.shifts_used.size),
                   int(design.counts.sum()))


def coverage_rows(design):
    """(header, rows): per slot its name, requirement, coverage, under and over."""
    header = ("slot", "required", "scheduled", "under", "over")
    rows = [(slot_name(t, design.slot_min), f"{r:g}", f"{c:g}", f"{max(r - c, 0):g}",
             f"{max(c - r, 0):g}") for t, (r, c) in enumerate(zip(design.requirement,
                                                                  design.coverage))]
    return header, rows


def shift_coverage(counts, start_min, length_min, slot_min, cyclic=True):
    """Agents present per slot for fixed shifts, breaks not deducted.

    Parameters
    ----------
    counts : array_like (shifts, days)
        Agents starting each shift on each day, >= 0.
    start_min, length_min : array_like (shifts,)
        Each shift's start (minutes after midnight, 0 to 2879: past midnight
        allowed) and length (minutes, > 0), on the ``slot_min`` grid.
    slot_min : int
        Slot length, minutes.
    cyclic : bool
        The last day wraps into the first.

    Returns
    -------
    ndarray (days, slots per day)
    """
    from xlcc.roster._kernels import add_intervals
    from xlcc.roster.design import check_shift_grid

    counts = np.asarray(counts, dtype=float)
    start, length = check_shift_grid(counts, start_min, length_min, slot_min)
    slot_min = int(slot_min)
    per_day = 1440 // slot_min
    shifts, days = counts.shape
    out = np.zeros(days * per_day)
    starts = (np.arange(days)[None, :] * per_day + (start // slot_min)[:, None]).ravel()
    add_intervals(starts.astype(np.int64), np.repeat(length // slot_min, days).astype(np.int64),
                  counts.ravel(), bool(cyclic), out)
    return out.reshape(days, per_day)
