"""A named-roster problem: shifts, agents with their contract rules, and cover.

Plain data shared by the solver (:mod:`.assign`) and the independent validator
(:mod:`.validate`). Days are 0-based from the first day of the horizon;
``first_weekday`` says which weekday day 0 is (0 = Monday), so Saturdays and
Sundays are known for the weekend rules.
"""

from dataclasses import dataclass, field

import numpy as np

from xlcc._validate import ArgumentError

__all__ = ["RosterShift", "Agent", "RosterProblem", "rest_conflicts", "shift_tags"]

MINUTES_PER_DAY = 1440
NIGHT = (22 * 60, 30 * 60)  # 22:00 to 06:00 next day


@dataclass(frozen=True)
class RosterShift:
    """A shift an agent can be given on a day.

    Parameters
    ----------
    code : str
        Code shown in the roster grid.
    start_min : int or None
        Start, minutes after midnight (may exceed 1439: after midnight of the next
        day); None when only successions, not clock times, are known.
    length_min : int
        Length, minutes.
    paid_min : int, optional
        Paid minutes (length minus unpaid breaks); defaults to the length. Contract
        hours count paid minutes.
    tags : tuple of str, optional
        Fairness categories ("night", "late"); derived from the clock when None:
        "night" if 2 hours or more fall between 22:00 and 06:00, else "late" if it
        ends after 21:00.
    type_code : str, optional
        The shift type it belongs to (for agents limited to some types).
    """

    code: str
    start_min: object
    length_min: int
    paid_min: object = None
    tags: object = None
    type_code: str = ""

    @property
    def paid(self):
        return self.length_min if self.paid_min is None else self.paid_min


def shift_tags(shift):
    """The fairness categories of ``shift`` (see :class:`RosterShift`)."""
    if shift.tags is not None:
        return tuple(shift.tags)
    if shift.start_min is None:
        return ()
    s, e = shift.start_min, shift.start_min + shift.length_min
    night = sum(max(0, min(e, hi + k) - max(s, lo + k)) for k in (-MINUTES_PER_DAY, 0,
                MINUTES_PER_DAY) for lo, hi in [NIGHT])
    if night >= 120:
        return ("night",)
    return ("late",) if e > 21 * 60 else ()


@dataclass(frozen=True)
class Agent:
    """One agent and the rules of their contract. Counts are over the horizon.

    Parameters
    ----------
    name : str
    max_shifts : dict, optional
        {shift code: most shifts of that code}; 0 means "cannot work it" (skills).
    min_minutes, max_minutes : int
        Paid minutes over the horizon (contract hours x 60).
    min_week_minutes, max_week_minutes : int
        Paid minutes in each week of the horizon (days 1-7, 8-14, ...): a weekly
        legal maximum such as 48 h, a guaranteed weekly minimum. A last week cut
        short by the horizon keeps the maximum only.
    max_consecutive_days, min_consecutive_days : int
        Longest run of working days; shortest run of working days between days off
        (runs touching the horizon's ends are exempt: their other part is outside).
    min_consecutive_days_off : int
        Shortest run of days off between working days (same exemption).
    max_weekends : int
        Most weekends (Saturday or Sunday worked) over the horizon.
    days_off : tuple of int
        Days the agent is unavailable (holiday, training): hard.
    shift_requests : tuple of (day, code, weight)
        Wishes to work shift ``code`` on ``day``; ``weight`` is paid if not granted.
    avoid_requests : tuple of (day, code, weight)
        Wishes not to work ``code`` on ``day`` ("*" = any shift: a day-off request).
    shift_types : tuple of str, optional
        Shift types the agent may work (e.g. part-timers only short shifts); empty
        means every type.
    """

    name: str
    max_shifts: dict = field(default_factory=dict)
    min_minutes: float = 0
    max_minutes: float = np.inf
    min_week_minutes: float = 0
    max_week_minutes: float = np.inf
    max_consecutive_days: int = 6
    min_consecutive_days: int = 1
    min_consecutive_days_off: int = 1
    max_weekends: int = 10 ** 6
    days_off: tuple = ()
    shift_requests: tuple = ()
    avoid_requests: tuple = ()
    shift_types: tuple = ()

    def weeks(self, days):
        """(first day, last day + 1, whole week?) of each week of a ``days``-day horizon."""
        return [(w, min(w + 7, days), w + 7 <= days) for w in range(0, days, 7)]

    def may_work(self, shift):
        """Whether the agent's shift types admit ``shift`` (a RosterShift)."""
        return not self.shift_types or shift.type_code in self.shift_types


@dataclass(frozen=True)
class RosterProblem:
    """Everything the roster solver needs.

    ``cover[d, k]`` agents wanted on shift ``k`` on day ``d``; ``under_weight`` and
    ``over_weight`` (same shape, or numbers) the cost per agent short or extra.
    ``forbidden`` holds (a, b) code pairs: b may not be worked the day after a.
    ``min_rest_hours`` adds every pair whose clock times leave less rest than that
    between the end of one shift and the start of the next (any number of days
    later). ``fairness`` maps a category ("night", "late", "weekend") to the weight
    per unit of spread (most minus fewest among agents).
    """

    days: int
    shifts: tuple
    agents: tuple
    cover: np.ndarray
    under_weight: object = 100.0
    over_weight: object = 1.0
    forbidden: tuple = ()
    min_rest_hours: float = 0.0
    first_weekday: int = 0
    fairness: dict = field(default_factory=dict)

    @property
    def codes(self):
        return [s.code for s in self.shifts]

    def weekends(self):
        """(saturday, sunday) day pairs of the horizon; a missing day is -1."""
        sat = [d for d in range(self.days) if (d + self.first_weekday) % 7 == 5]
        sun = [d for d in range(self.days) if (d + self.first_weekday) % 7 == 6]
        pairs = [(s, s + 1 if s + 1 < self.days else -1) for s in sat]
        if sun and (not sat or sun[0] < sat[0]):
            pairs.insert(0, (-1, sun[0]))
        return pairs


def rest_conflicts(problem):
    """{(a, b, lag)}: shift index b may not start ``lag`` days after shift a.

    From the explicit ``forbidden`` pairs (lag 1) and from ``min_rest_hours`` with
    the shifts' clock times.
    """
    codes = problem.codes
    out = set()
    for a, b in problem.forbidden:
        for name in (a, b):
            if name not in codes:
                raise ArgumentError(f"forbidden succession {a}->{b}: unknown shift {name!r}; "
                                    f"shifts are {', '.join(codes)}")
        out.add((codes.index(a), codes.index(b), 1))
    rest = problem.min_rest_hours * 60.0
    if rest > 0:
        missing = [s.code for s in problem.shifts if s.start_min is None]
        if missing:
            raise ArgumentError(f"min_rest_hours needs shift start times; shift "
                                f"{missing[0]!r} has none")
        for i, a in enumerate(problem.shifts):
            end = a.start_min + a.length_min
            for j, b in enumerate(problem.shifts):
                lag = 1
                while lag * MINUTES_PER_DAY + b.start_min - end < rest:
                    out.add((i, j, lag))
                    lag += 1
    return out
