"""Indicators on hand-computed examples (the oracle is arithmetic done by hand
in the comments), every definition variant, weighting and traffic-light edges."""

import math

import numpy as np
import pytest

import xlcc.functions as fx
from xlcc import kpi
from xlcc._validate import ArgumentError

# One hand-made interval: 200 offered, 150 answered within 20 s, 170 answered in all,
# 30 abandoned (8 of them short, under 5 s; 12 before 20 s).
OFFERED, WITHIN, ANSWERED, ABANDONED, SHORT, AB_WITHIN = 200, 150, 170, 30, 8, 12


@pytest.mark.parametrize("definition, expected", [
    ("offered", 150 / 200),             # 0.75
    ("offered_net", 150 / (200 - 8)),   # 0.78125
    ("answered", 150 / 170),            # 0.88235...
    ("abandons_met", (150 + 12) / 200),  # 0.81
    ("abandons_excluded", 150 / (200 - 12)),  # 0.79787...
])
def test_service_level_definitions(definition, expected):
    got = kpi.service_level(WITHIN, OFFERED, AB_WITHIN, SHORT, ANSWERED, definition)
    assert got == pytest.approx(expected, rel=1e-15)


def test_abandon_rate_definitions():
    assert kpi.abandon_rate(ABANDONED, OFFERED, SHORT) == pytest.approx(22 / 192)
    assert kpi.abandon_rate(ABANDONED, OFFERED, SHORT, "offered") == pytest.approx(30 / 200)
    assert kpi.abandon_rate(ABANDONED, OFFERED) == pytest.approx(0.15)


def test_time_and_workforce_indicators():
    assert kpi.asa(170 * 14, 170) == 14.0
    assert kpi.aht(170 * 150, 170 * 10, 170 * 20, 170) == pytest.approx(180.0)
    assert kpi.occupancy(25_200, 3_600) == pytest.approx(0.875)       # 7 h of 8 busy
    assert kpi.utilisation(25_200, 32_400) == pytest.approx(7 / 9)     # 9 paid hours
    assert kpi.adherence(27_000, 28_800) == pytest.approx(0.9375)
    assert kpi.conformance(30_600, 28_800) == pytest.approx(1.0625)
    assert kpi.shrinkage(9_720, 32_400) == pytest.approx(0.3)
    assert kpi.first_contact_resolution(150, 170) == pytest.approx(15 / 17)
    assert kpi.transfer_rate(17, 170) == pytest.approx(0.1)
    assert kpi.contacts_per_hour(170, 8 * 3600) == pytest.approx(21.25)
    assert kpi.cost_per_contact(850, 170) == pytest.approx(5.0)


def test_outbound_funnel():
    dialed, contacted, rpc, sales, promises = 5000, 1500, 1200, 180, 300
    assert kpi.contact_rate(contacted, dialed) == pytest.approx(0.3)
    assert kpi.right_party_rate(rpc, contacted) == pytest.approx(0.8)
    assert kpi.effectiveness(sales, rpc) == pytest.approx(0.15)
    assert kpi.conversion(sales, dialed) == pytest.approx(0.036)
    assert kpi.promise_rate(promises, rpc) == pytest.approx(0.25)
    assert kpi.recovery_rate(12_000, 48_000) == pytest.approx(0.25)


def test_portfolio():
    assert kpi.retention_rate(1000, 980, 60) == pytest.approx(0.92)   # 920 of 1000 stayed
    assert kpi.churn_rate(1000, 980, 60) == pytest.approx(0.08)
    assert kpi.customer_tier([99.99, 100, 999, 1000], 100, 1000).tolist() == [3, 2, 2, 1]
    with pytest.raises(ArgumentError, match="low must not exceed high"):
        kpi.customer_tier(5, 10, 1)


def test_daily_service_level_is_not_the_mean_of_interval_levels():
    within = np.array([9, 180, 45])
    offered = np.array([10, 300, 50])
    per_interval = kpi.service_level(within, offered)          # 0.9, 0.6, 0.9
    daily = kpi.service_level(within.sum(), offered.sum())      # 234 / 360 = 0.65
    assert daily == pytest.approx(0.65)
    assert per_interval.mean() == pytest.approx(0.8)            # the wrong answer


def test_zero_denominator_is_nan_and_div0_in_excel():
    assert math.isnan(kpi.service_level(0, 0))
    assert fx.KPI_SERVICE_LEVEL(0, 0).startswith("#DIV/0!")
    assert fx.KPI_ASA(0, 0).startswith("#DIV/0!")


@pytest.mark.parametrize("call, message", [
    (lambda: kpi.service_level(120, 100), "answered_within cannot exceed offered; got 120 > 100"),
    (lambda: kpi.service_level(-1, 100), r"answered_within must be in \[0, inf\)"),
    (lambda: kpi.service_level(80, 100, definition="sometimes"), "definition must be one of"),
    (lambda: kpi.abandon_rate(10, 100, 12), "short_abandons cannot exceed abandoned"),
    (lambda: kpi.attainment(0.8, 0), r"goal must be in \(0, inf\)"),
    (lambda: kpi.status(0.8, 0.8, "sideways"), "direction must be one of higher, lower"),
    (lambda: kpi.status(0.8, 0.8, amber_band=2), r"amber_band must be in \[0, 1\]"),
])
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ArgumentError, match=message):
        call()


def test_attainment_and_traffic_light_boundaries():
    # higher is better, goal 80%, amber band 5%: green from 0.80, amber from 0.76
    assert kpi.status([0.8, 0.7999, 0.76, 0.7599], 0.8).tolist() == [1, 0, 0, -1]
    # lower is better, goal 5% abandonment: green up to 5%, amber up to 5.25%
    assert kpi.status([0.05, 0.0501, 0.0525, 0.0526], 0.05, "lower").tolist() == [1, 0, 0, -1]
    assert kpi.attainment(0.0, 0.05, "lower") == 2.0
    assert kpi.attainment(0.2, 0.05, "lower") == 0.0
    assert kpi.status(0.8 * 0.95, 0.8) == 0  # the amber edge itself is amber, not red


def test_worksheet_functions_match_the_library():
    assert fx.KPI_SERVICE_LEVEL(150, 200, 12, 8, 170, "answered") == pytest.approx(150 / 170)
    assert fx.KPI_ABANDON_RATE(30, 200, 8) == pytest.approx(22 / 192)
    assert fx.KPI_STATUS([[0.8], [0.77], [None], [0.7]], 80 / 100) == [[1.0], [0.0], [None], [-1.0]]
    assert fx.KPI_STATUS(0.77, 0.8, "higher", 5) == 0.0  # amber band typed as 5 (%)
    assert fx.KPI_TIER(500, 100, 1000) == 2.0
    assert fx.KPI_STATUS(0.77, 0.8, "up").startswith("#VALUE! direction must be one of")
