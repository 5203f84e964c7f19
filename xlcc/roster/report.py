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
