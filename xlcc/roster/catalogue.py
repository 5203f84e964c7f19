"""Shift catalogue: shift types as windows on a time grid, with their breaks.

A shift type is a window of allowed starts and lengths ("a morning shift starts
between 06:00 and 08:00 and lasts 8 to 9 hours"), the days it may start on, and
its breaks. :func:`expand` turns a catalogue into the concrete candidate shifts
(start, length) the optimiser chooses from.

Times are minutes: a start is minutes after midnight of the day the shift starts
on (0-1439; a shift may run past midnight into the next day), lengths and break
durations are minutes. Days are 0 = Monday ... 6 = Sunday.
"""

from dataclasses import dataclass, field

import numpy as np

from xlcc._validate import ArgumentError

__all__ = ["Break", "ShiftType", "Candidates", "expand", "clock", "DAY_NAMES"]

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MINUTES_PER_DAY = 1440


def clock(minutes):
    """``minutes`` after midnight as ``HH:MM`` (24 h; 1440 and beyond wrap)."""
    m = int(round(minutes)) % MINUTES_PER_DAY
    return f"{m // 60:02d}:{m % 60:02d}"


@dataclass(frozen=True)
class Break:
    """One break or lunch inside a shift.

    Parameters
    ----------
    duration_min : int
        Length of the break, minutes (a multiple of the slot length).
    earliest_after_start_min : int
        The break starts at least this many minutes after the shift starts.
    latest_before_end_min : int
        The break ends at least this many minutes before the shift ends.
    paid : bool
        Paid breaks count in paid hours; unpaid ones (a lunch) do not.
    min_gap_min : int
        Minimum minutes between the end of the previous break of the same shift
        and the start of this one (0 for the first break).
    name : str
        Label in reports ("break", "lunch", "descanso", "almuerzo").
    """

    duration_min: int
    earliest_after_start_min: int
    latest_before_end_min: int
    paid: bool = True
    min_gap_min: int = 0
    name: str = "break"


@dataclass(frozen=True)
class ShiftType:
    """A family of shifts: a start window, a length window, allowed days, breaks.

    Parameters
    ----------
    code : str
        Short code used in the roster grid ("M", "T", "N").
    earliest_start_min, latest_start_min : int
        Start window, minutes after midnight; ``latest`` may exceed 1439 to run the
        window past midnight (a start at 1470 is 00:30 of the next day).
    min_length_min, max_length_min : int
        Length window, minutes, breaks included.
    days : tuple of int
        Days a shift of this type may start on (0 = Monday ... 6 = Sunday);
        for horizons of several weeks the same weekdays repeat.
    breaks : tuple of Break
        Breaks in the order they are taken.
    name : str
        Long name for reports.
    """

    code: str
    earliest_start_min: int
    latest_start_min: int
    min_length_min: int
    max_length_min: int
    days: tuple = (0, 1, 2, 3, 4, 5, 6)
    breaks: tuple = field(default=())
    name: str = ""


@dataclass(frozen=True)
class Candidates:
    """Concrete shifts (start, length) the optimiser may use, one row each.

    ``type_index`` points into the catalogue; ``start_min`` is minutes after
    midnight of the day the shift is planned on (1440 and more: it starts after
    midnight, on the next calendar day), ``length_min`` minutes; ``label`` is
    "HH:MM-HH:MM".
    """

    catalogue: tuple
    slot_min: int
    type_index: np.ndarray
    start_min: np.ndarray
    length_min: np.ndarray

    @property
    def size(self):
        return self.type_index.size

    def label(self, j):
        s, n = int(self.start_min[j]), int(self.length_min[j])
        return f"{clock(s)}-{clock(s + n)}"

    def labels(self):
        return [self.label(j) for j in range(self.size)]

    def code(self, j):
        """Roster code: type code and times, e.g. ``M 07:00-15:00``."""
        return f"{self.catalogue[self.type_index[j]].code} {self.label(j)}"

    def unpaid_min(self, j):
        return sum(b.duration_min for b in self.catalogue[self.type_index[j]].breaks
                   if not b.paid)

    def paid_min(self):
        """Paid minutes per candidate (length minus unpaid breaks)."""
        return np.array([self.length_min[j] - self.unpaid_min(j) for j in range(self.size)],
                        dtype=float)


def _check_grid(what, minutes, slot_min):
    if int(minutes) != minutes or int(minutes) % slot_min:
        raise ArgumentError(f"{what} must be a whole multiple of the {slot_min}-minute slot; "
                            f"got {minutes} minutes")


def _check_type(t, slot_min, horizon_min):
    name = f"shift type {t.code!r}"
    if not str(t.code).strip():
        raise ArgumentError("every shift type needs a non-empty code")
    for what, value in (("earliest start", t.earliest_start_min), ("latest start",
                        t.latest_start_min), ("minimum length", t.min_length_min),
                        ("maximum length", t.max_length_min)):
        _check_grid(f"{name}: {what}", value, slot_min)
    if not 0 <= t.earliest_start_min < MINUTES_PER_DAY:
        raise ArgumentError(f"{name}: earliest start must be in [00:00, 24:00); got "
                            f"{t.earliest_start_min} minutes")
    if not t.earliest_start_min <= t.latest_start_min < t.earliest_start_min + MINUTES_PER_DAY:
        raise ArgumentError(f"{name}: latest start must be from the earliest start "
                            f"({clock(t.earliest_start_min)}) to 24 hours later; got "
                            f"{t.latest_start_min} minutes")
    if not 0 < t.min_length_min <= t.max_length_min:
        raise ArgumentError(f"{name}: lengths must satisfy 0 < minimum <= maximum; got "
                            f"{t.min_length_min} and {t.max_length_min} minutes")
    if t.max_length_min > horizon_min:
        raise ArgumentError(f"{name}: maximum length {t.max_length_min} minutes is longer "
                            f"than the {horizon_min}-minute horizon")
    if not t.days or any(d not in range(7) for d in t.days):
        raise ArgumentError(f"{name}: days must be a non-empty list of 0 (Monday) to 6 "
                            f"(Sunday); got {t.days!r}")
    end = 0
    for k, b in enumerate(t.breaks):
        what = f"{name}: break {k + 1} ({b.name})"
        for part, value in (("duration", b.duration_min), ("earliest start after shift start",
                            b.earliest_after_start_min), ("latest end before shift end",
                            b.latest_before_end_min), ("minimum gap", b.min_gap_min)):
            _check_grid(f"{what}: {part}", value, slot_min)
            if value < 0 or (part == "duration" and value == 0):
                raise ArgumentError(f"{what}: {part} must be positive; got {value} minutes")
        end += b.min_gap_min + b.duration_min
    need = t.breaks[0].earliest_after_start_min + end + t.breaks[-1].latest_before_end_min \
        if t.breaks else 0
    if need > t.min_length_min:
        raise ArgumentError(f"{name}: its breaks need {need} minutes but the shortest shift "
                            f"lasts {t.min_length_min}")


def expand(catalogue, slot_min, horizon_days=7):
    """Every (start, length) candidate of the catalogue on a ``slot_min`` grid.

    Raises :class:`ArgumentError` naming the shift type for a window off the grid,
    a length longer than the horizon, bad breaks, or two types whose windows
    produce the same (start, length) shift (overlapping windows would make the
    roster code ambiguous).
    """
    if slot_min not in (5, 10, 15, 20, 30, 60):
        raise ArgumentError(f"slot length must be one of 5, 10, 15, 20, 30, 60 minutes; "
                            f"got {slot_min}")
    catalogue = tuple(catalogue)
    if not catalogue:
        raise ArgumentError("the shift catalogue is empty: give at least one shift type")
    codes = [t.code for t in catalogue]
    if len(set(codes)) != len(codes):
        raise ArgumentError(f"shift type codes must be unique; got {codes}")
    owner = {}
    rows = []
    for i, t in enumerate(catalogue):
        _check_type(t, slot_min, horizon_days * MINUTES_PER_DAY)
        for start in range(t.earliest_start_min, t.latest_start_min + 1, slot_min):
            for length in range(t.min_length_min, t.max_length_min + 1, slot_min):
                key = (start % MINUTES_PER_DAY, length)
                if key in owner:
                    raise ArgumentError(
                        f"shift types {catalogue[owner[key]].code!r} and {t.code!r} overlap: "
                        f"both allow a {length}-minute shift starting at {clock(start)}")
                owner[key] = i
                rows.append((i, start, length))
    arr = np.array(rows, dtype=np.int64)
    return Candidates(catalogue, slot_min, arr[:, 0], arr[:, 1], arr[:, 2])
