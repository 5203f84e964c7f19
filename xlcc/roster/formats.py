"""Readers for the public roster benchmark formats.

* :func:`read_shift_design` — Shift Design Problem instances (Musliu, Schaerf &
  Slany; the TU Wien "Rota" benchmark ``RandomExample*.txt``).
* :func:`read_employee_scheduling` — Curtois & Qu's employee shift scheduling
  instances (``Instance*.txt``, ``SECTION_*`` blocks).

Both return plain data (numbers, arrays, the xlcc catalogue and rules); the
objective of each benchmark is in :mod:`xlcc.roster.validate`.
"""

import re
from dataclasses import dataclass

import numpy as np

from xlcc._validate import ArgumentError
from xlcc.roster.catalogue import ShiftType
from xlcc.roster.rules import Agent, RosterProblem, RosterShift

__all__ = ["ShiftDesignInstance", "read_shift_design", "read_employee_scheduling"]


@dataclass(frozen=True)
class ShiftDesignInstance:
    """A Shift Design Problem instance.

    ``requirements`` is (days, slots per day) agents; the weights are the file's
    per person-minute of under/over cover and per distinct shift;
    ``reference_fitness`` is the file's "assumed optimal" value (None if absent).
    """

    name: str
    slot_min: int
    days: int
    cyclic: bool
    requirements: np.ndarray
    catalogue: tuple
    weight_under: float
    weight_over: float
    weight_shifts: float
    reference_fitness: float


_SDP_HEADERS = ("minuteinterval", "dayspercycle", "flagcyclical", "requirements",
                "number of shift templates", "shift templates", "duties per week",
                "average number of hours per week", "undercover", "overcover", "dutiesperweek",
                "shifts", "fitness of assumed optimal solution", "optimal solution")


def _blocks(text):
    """{header: [value lines]} of a '#Header' file. Other '#' lines are comments,
    except a number alone ('# 480' under '#Fitness ...:'), which is a value."""
    blocks, key = {}, None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            head = line.lstrip("#").strip()
            name = head.split(":")[0].strip().lower()
            if name in _SDP_HEADERS:
                key = name
                blocks.setdefault(key, [])
            elif key is not None and not blocks[key] and re.fullmatch(r"[\d.]+", head):
                blocks[key].append(head)
        elif line and key is not None:
            blocks[key].append(line)
    return blocks


def _hm(text):
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def read_shift_design(path):
    """Parse a Shift Design Problem ``.txt`` file (Latin-1, CRLF or LF)."""
    with open(path, encoding="latin-1") as f:
        blocks = _blocks(f.read())
    try:
        slot = int(blocks["minuteinterval"][0])
        days = int(blocks["dayspercycle"][0])
        cyclic = blocks["flagcyclical"][0].strip().lower().startswith("y")
        req = np.array(" ".join(blocks["requirements"]).split(), dtype=float)
        types = []
        for line in blocks["shift templates"]:
            parts = line.split()
            # numeric fields from the right: full names may hold spaces and Latin-1
            day_field, nums = parts[-1], parts[-7:-1]
            start = _hm(nums[0])
            plus_s, minus_s, length, plus_l, minus_l = map(int, nums[1:])
            allowed = tuple(range(7)) if day_field == "*" else tuple(
                i for i, c in enumerate(day_field) if c not in "0-")
            types.append(ShiftType(parts[0], start - minus_s, start + plus_s, length - minus_l,
                                   length + plus_l, allowed, (), " ".join(parts[1:-7])))
        # a start window reaching back before midnight belongs to the previous day
        types = [t if t.earliest_start_min >= 0 else ShiftType(
            t.code, t.earliest_start_min + 1440, t.latest_start_min + 1440, t.min_length_min,
            t.max_length_min, tuple((d - 1) % 7 for d in t.days), (), t.name) for t in types]
        weights = [float(blocks[k][0]) for k in ("undercover", "overcover", "shifts")]
        fit = blocks.get("fitness of assumed optimal solution", [])
        ref = float(fit[0].lstrip("#").strip()) if fit else None
    except (KeyError, IndexError, ValueError) as exc:
        raise ArgumentError(f"{path}: not a Shift Design Problem file ({exc})") from None
    per_day = 1440 // slot
    if req.size != days * per_day:
        raise ArgumentError(f"{path}: {req.size} requirement values, expected {days} days x "
                            f"{per_day} slots")
    name = re.sub(r"\.txt$", "", str(path).replace("\\", "/").split("/")[-1])
    return ShiftDesignInstance(name, slot, days, cyclic, req.reshape(days, per_day),
                               tuple(types), *weights, ref)


def _sections(path):
    sections, key = {}, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("SECTION_"):
                key = line
                sections[key] = []
            elif key:
                sections[key].append(line.split(","))
    return sections


def read_employee_scheduling(path):
    """Parse a Curtois & Qu instance into a :class:`RosterProblem`.

    The benchmark's shifts have lengths and forbidden successors but no clock
    times, so the shifts carry no start time and rest is given as successions.
    """
    s = _sections(path)
    try:
        days = int(s["SECTION_HORIZON"][0][0])
        shifts = tuple(RosterShift(r[0], None, int(r[1])) for r in s["SECTION_SHIFTS"])
        forbidden = tuple((r[0], nxt) for r in s["SECTION_SHIFTS"] for nxt in
                          (r[2].split("|") if len(r) > 2 and r[2] else ()))
        off = {}
        for r in s.get("SECTION_DAYS_OFF", []):
            off.setdefault(r[0], set()).update(int(d) for d in r[1:] if d)
        on_req, off_req = {}, {}
        for r in s.get("SECTION_SHIFT_ON_REQUESTS", []):
            on_req.setdefault(r[0], []).append((int(r[1]), r[2], float(r[3])))
        for r in s.get("SECTION_SHIFT_OFF_REQUESTS", []):
            off_req.setdefault(r[0], []).append((int(r[1]), r[2], float(r[3])))
        agents = []
        for r in s["SECTION_STAFF"]:
            limits = {k: int(v) for k, v in (p.split("=") for p in r[1].split("|"))}
            agents.append(Agent(r[0], max_shifts=limits, max_minutes=int(r[2]),
                                min_minutes=int(r[3]), max_consecutive_days=int(r[4]),
                                min_consecutive_days=int(r[5]),
                                min_consecutive_days_off=int(r[6]), max_weekends=int(r[7]),
                                days_off=tuple(sorted(off.get(r[0], ()))),
                                shift_requests=tuple(on_req.get(r[0], ())),
                                avoid_requests=tuple(off_req.get(r[0], ()))))
        codes = [sh.code for sh in shifts]
        cover = np.zeros((days, len(codes)))
        w_under = np.zeros((days, len(codes)))
        w_over = np.zeros((days, len(codes)))
        for r in s["SECTION_COVER"]:
            d, k = int(r[0]), codes.index(r[1])
            cover[d, k], w_under[d, k], w_over[d, k] = float(r[2]), float(r[3]), float(r[4])
    except (KeyError, IndexError, ValueError) as exc:
        raise ArgumentError(f"{path}: not an employee scheduling instance ({exc!r})") from None
    return RosterProblem(days=days, shifts=shifts, agents=tuple(agents), cover=cover,
                         under_weight=w_under, over_weight=w_over, forbidden=forbidden)
