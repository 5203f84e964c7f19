import itertools
import os

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from tests.examples import scaled
from tests.shared_data import DATA
from xlcc._validate import ArgumentError
from xlcc.roster import _kernels
from xlcc.roster.catalogue import Break, ShiftType, expand
from xlcc.roster.design import DesignWeights, design_shifts
from xlcc.roster.formats import read_shift_design
from xlcc.roster.report import quality
from xlcc.roster.validate import check_design, design_fitness, shift_uses

SDP = os.path.join(DATA, "shift_design")
HOUR = 60


def day_requirement(pairs, slot=60, days=1):
    req = np.zeros((days, 1440 // slot))
    for (d, h0, h1, n) in pairs:
        req[d, h0 * 60 // slot:h1 * 60 // slot] += n
    return req


def test_exact_cover_by_one_shift_type():
    req = day_requirement([(0, 8, 16, 2)])
    cat = (ShiftType("D", 8 * HOUR, 8 * HOUR, 8 * HOUR, 8 * HOUR),)
    d = design_shifts(req, cat, 60, cyclic=False)
    assert d.status == "optimal"
    assert d.counts.sum() == 2 and d.under.sum() == 0 and d.over.sum() == 0


def test_night_shift_wraps_into_monday_when_cyclic():
    # Sunday 22:00 - Monday 06:00 needs 1 agent; a 22:00 shift on Sunday covers both parts
    req = np.zeros((7, 24))
    req[6, 22:] = 1
    req[0, :6] = 1
    cat = (ShiftType("N", 22 * HOUR, 22 * HOUR, 8 * HOUR, 8 * HOUR),)
    d = design_shifts(req, cat, 60, cyclic=True)
    assert d.counts[0, 6] == 1 and d.counts.sum() == 1 and d.under.sum() == 0
    flat = design_shifts(req, cat, 60, cyclic=False)
    assert flat.under.sum() == 6  # Monday's early hours cannot be covered without the wrap


def brute_force(req, cat, weights):
    """Oracle: every count vector of every candidate up to the peak (one day, no wrap);
    more agents on a shift than the peak requirement can never pay."""
    cand = expand(cat, 60, 1)
    limit = int(req.max())
    best = np.inf
    for counts in itertools.product(range(limit + 1), repeat=cand.size):
        cov = np.zeros(24)
        for j, n in enumerate(counts):
            s = cand.start_min[j] // 60
            cov[s:s + cand.length_min[j] // 60] += n
        cost = (weights.under * np.maximum(req - cov, 0).sum()
                + weights.over * np.maximum(cov - req, 0).sum()
                + weights.shifts * sum(1 for n in counts if n))
        best = min(best, cost)
    return best


@settings(deadline=None, max_examples=scaled(15))
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 6), st.integers(1, 2)),
                min_size=1, max_size=2), st.sampled_from([0.0, 1.5, 4.0]))
def test_design_is_optimal_against_brute_force(blocks, shift_weight):
    req = np.zeros(24)
    for h, n, k in blocks:
        req[h:min(24, h + n)] += k
    cat = (ShiftType("A", 6 * HOUR, 7 * HOUR, 4 * HOUR, 5 * HOUR),
           ShiftType("B", 14 * HOUR, 14 * HOUR, 6 * HOUR, 6 * HOUR))
    w = DesignWeights(under=2.0, over=1.0, shifts=shift_weight)
    d = design_shifts(req.reshape(1, 24), cat, 60, cyclic=False, weights=w, mip_gap=0)
    assert d.objective == pytest.approx(brute_force(req, cat, w), abs=1e-6)


def test_days_that_do_not_interact_are_solved_apart_and_optimally():
    # no shift crosses midnight and no cost per distinct shift: three separate day
    # problems (days 0 and 2 the same one), each checked by brute force
    cat = (ShiftType("A", 6 * HOUR, 7 * HOUR, 4 * HOUR, 5 * HOUR),
           ShiftType("B", 14 * HOUR, 14 * HOUR, 6 * HOUR, 6 * HOUR))
    req = day_requirement([(0, 6, 12, 2), (0, 14, 20, 1), (1, 7, 20, 1), (2, 6, 12, 2),
                           (2, 14, 20, 1)], days=3)
    w = DesignWeights(under=2.0, over=1.0)
    d = design_shifts(req, cat, 60, cyclic=True, weights=w, mip_gap=0)
    expected = sum(brute_force(req[k], cat, w) for k in range(3))
    assert d.objective == pytest.approx(expected, abs=1e-6)
    assert d.status == "optimal" and d.bound == pytest.approx(expected, abs=1e-6)
    np.testing.assert_array_equal(d.counts[:, 0], d.counts[:, 2])


def test_breaks_are_placed_within_windows_and_checked_independently():
    # 2 agents 09:00-17:00, each with a 30-min break in [10:00, 15:00] and a 60-min
    # unpaid lunch at least 60 min later; requirement 2 everywhere except 1 when breaking
    cat = (ShiftType("D", 9 * HOUR, 9 * HOUR, 8 * HOUR, 8 * HOUR, breaks=(
        Break(30, 60, 120, True, 0, "break"), Break(60, 120, 60, False, 60, "lunch"))),)
    req = np.zeros((1, 48))
    req[0, 18:34] = 2
    d = design_shifts(req, cat, 30, cyclic=False, weights=DesignWeights(under=1, over=1))
    check = check_design(shift_uses(d), d.requirement, 30, False, cat, lambda u: cat[0])
    assert check.problems == []
    np.testing.assert_allclose(check.coverage, d.coverage)
    # 2 agents, 3 slots of break each: at best 6 agent-slots short, none over
    assert d.counts.sum() == 2 and d.under.sum() == 6 and d.over.sum() == 0
    assert check.paid_hours == pytest.approx(2 * 7)


def test_post_pass_never_beats_the_joint_model():
    cat = (ShiftType("D", 7 * HOUR, 10 * HOUR, 8 * HOUR, 9 * HOUR, breaks=(
        Break(60, 180, 120, False, 0, "lunch"),)),)
    req = day_requirement([(0, 7, 19, 3), (0, 10, 14, 2)])
    joint = design_shifts(req, cat, 60, cyclic=False, mip_gap=0, breaks="model")
    post = design_shifts(req, cat, 60, cyclic=False, mip_gap=0, breaks="post")
    assert joint.status == "optimal" and joint.objective <= post.objective + 1e-9


def test_post_pass_sizes_shifts_for_the_cover_breaks_take():
    # one 8-hour shift type with a 60-minute break anywhere after the first hour and
    # before the last: 4 agents needed 08:00-16:00, short cover weighs 4x extra cover
    from xlcc.roster.design import _grown_for_breaks

    cat = (ShiftType("D", 8 * HOUR, 8 * HOUR, 8 * HOUR, 8 * HOUR, breaks=(
        Break(60, 60, 60, True, 0, "break"),)),)
    req = np.zeros((1, 24))
    req[0, 8:16] = 4
    np.testing.assert_array_equal(_grown_for_breaks(req, cat)[0, 8:16], 5)  # 4 / (7/8)
    post = design_shifts(req, cat, 60, cyclic=False, breaks="post",
                         weights=DesignWeights(under=4, over=1))
    # 4 agents leave 4 agent-hours short (cost 16); 5 agents with their breaks in 5
    # of the 6 hours from 09:00 to 15:00 are 3 agent-hours over (cost 3), none short
    assert post.counts.sum() == 5 and post.under.sum() == 0 and post.over.sum() == 3


@pytest.mark.parametrize("name", ["DataSet1/RandomExample1", "DataSet1/RandomExample11",
                                  "DataSet2/RandomExample2"])
def test_shift_design_benchmark_matches_reference(name):
    inst = read_shift_design(os.path.join(SDP, name + ".txt"))
    w = DesignWeights(under=inst.weight_under * 60, over=inst.weight_over * 60,
                      shifts=inst.weight_shifts)
    d = design_shifts(inst.requirements, inst.catalogue, inst.slot_min, cyclic=inst.cyclic,
                      weights=w, time_limit_s=20, mip_gap=0)
    check = check_design(shift_uses(d), inst.requirements, inst.slot_min, inst.cyclic)
    fitness = design_fitness(check, inst.slot_min, inst.weight_under, inst.weight_over,
                             inst.weight_shifts)
    assert fitness == pytest.approx(d.objective)
    assert fitness <= inst.reference_fitness


@settings(deadline=None, max_examples=scaled(50))
@given(st.lists(st.tuples(st.integers(-30, 60), st.integers(0, 90), st.integers(0, 5)),
                max_size=8), st.booleans())
def test_coverage_kernel_matches_slot_by_slot_sum(items, cyclic):
    n = 48
    out = np.zeros(n)
    arr = np.array(items, dtype=np.int64).reshape(-1, 3)
    _kernels.add_intervals(arr[:, 0], arr[:, 1], arr[:, 2].astype(float), cyclic, out)
    want = np.zeros(n)
    for s, length, c in items:
        for t in range(s, s + length):
            if cyclic:
                want[t % n] += c
            elif 0 <= t < n:
                want[t] += c
    np.testing.assert_allclose(out, want)


def test_quality_figures():
    req = day_requirement([(0, 8, 16, 2)])
    cat = (ShiftType("D", 8 * HOUR, 8 * HOUR, 6 * HOUR, 6 * HOUR),)
    q = quality(design_shifts(req, cat, 60, cyclic=False, weights=DesignWeights(1, 1)))
    assert q.required_hours == 16 and q.paid_hours == 12 and q.under_hours == 4
    assert q.within_10pct == pytest.approx(6 / 8)


@pytest.mark.parametrize("values, match", [
    ([["x"] + [0] * 23], r"requirements must hold numbers of agents; Mon 00:00 \(value 1\)"),
    ([[0] * 9 + [-1] + [0] * 14], r"requirements must be numbers >= 0 .*Mon 09:00.* is -1"),
    ([[0] * 10], r"whole number of days of 24 60-minute slots; got 10"),
    ([[0] * 5 + [np.nan] + [0] * 18], r"Mon 05:00"),
])
def test_bad_requirements_name_day_and_time(values, match):
    cat = (ShiftType("D", 480, 480, 480, 480),)
    with pytest.raises(ArgumentError, match=match):
        design_shifts(values, cat, 60)


@pytest.mark.parametrize("cat, match", [
    ((ShiftType("A", 480, 600, 480, 480), ShiftType("B", 540, 540, 480, 480)),
     r"shift types 'A' and 'B' overlap: both allow a 480-minute shift starting at 09:00"),
    ((ShiftType("A", 485, 485, 480, 480),), r"earliest start must be a whole multiple of the "
                                            r"60-minute slot; got 485"),
    ((ShiftType("A", 480, 480, 480, 9 * 1440),), r"longer than the 1440-minute horizon"),
    ((ShiftType("A", 480, 480, 240, 240, breaks=(Break(60, 120, 120),)),),
     r"its breaks need 300 minutes but the shortest shift lasts 240"),
    ((ShiftType("A", 480, 480, 480, 480, days=(7,)),), r"days must be a non-empty list"),
    ((), r"the shift catalogue is empty"),
])
def test_bad_catalogue_names_the_shift_type(cat, match):
    with pytest.raises(ArgumentError, match=match):
        design_shifts(np.ones((1, 24)), cat, 60)


def test_floors_beyond_seats_and_uncoverable_floors_are_named():
    cat = (ShiftType("D", 480, 480, 480, 480),)
    with pytest.raises(ArgumentError, match=r"minimum staffing 3 exceeds the 2 seats at Mon 00:00"):
        design_shifts(np.ones((1, 24)), cat, 60, floors=3, seats=2)
    with pytest.raises(ArgumentError, match=r"minimum staffing 1 at Mon 00:00 cannot be met: "
                                            r"no shift type covers that slot"):
        design_shifts(np.ones((1, 24)), cat, 60, floors=1, cyclic=False)


@pytest.mark.parametrize("kw, message", [
    ({"floors": -1}, r"floors must be a number of agents >= 0 \(finite\); got -1"),
    ({"floors": float("nan")}, r"floors must be a number of agents >= 0 \(finite\); got nan"),
    ({"floors": float("inf")}, r"floors must be a number of agents >= 0 \(finite\); got inf"),
    ({"seats": -2.5}, r"seats must be a number of agents >= 0; got -2.5"),
    ({"seats": "ten"}, r"seats must be a number of agents >= 0; got 'ten'"),
])
def test_scalar_floors_and_seats_are_range_checked(kw, message):
    cat = [ShiftType("D", 0, 0, 480, 480)]
    with pytest.raises(ArgumentError, match=message):
        design_shifts(np.ones((1, 24)), cat, 60, **kw)


def test_unlimited_seats_are_accepted():
    cat = (ShiftType("D", 480, 480, 480, 480),)
    design = design_shifts(day_requirement([(0, 8, 16, 2)]), cat, 60, cyclic=False,
                           seats=float("inf"))
    assert design.under.sum() == 0 and design.coverage.max() == 2


def test_floors_and_seats_bind():
    cat = (ShiftType("D", 480, 480, 480, 480),)
    req = day_requirement([(0, 8, 16, 5)])
    capped = design_shifts(req, cat, 60, cyclic=False, seats=3)
    assert capped.coverage.max() == 3
    floor = np.zeros((1, 24))
    floor[0, 8:16] = 1
    zero = design_shifts(np.zeros((1, 24)), cat, 60, cyclic=False, floors=floor)
    assert zero.coverage[8:16].min() == 1


def test_shift_search_neighbourhood_helpers():
    """Hand-checked: distances on the day's circle, and pairs of alike shifts first."""
    from types import SimpleNamespace

    from xlcc.roster.design import _near, _pairs

    period = 48  # half-hour slots
    assert _near(np.array([0, 5, 47, 20]), np.array([1]), 2, period).tolist() == [
        True, False, True, False]  # 47 is two slots from 1 across midnight
    assert not _near(np.array([3]), np.array([], dtype=np.int64), 2, period).any()
    # three shifts (one x column each): 08-16, 08:30-16:30, 20-04
    cols = SimpleNamespace(used_j=np.arange(3), start=np.array([16, 17, 40]),
                           length=np.array([16, 16, 16]))
    ypos = np.arange(3)
    pairs = _pairs(np.array([0, 1, 2]), cols, ypos, period)
    assert pairs[0] == (0, 1) and len(pairs) == 3  # two per shift at most: all three here
