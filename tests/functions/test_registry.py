import inspect
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import xlcc.functions as fx
from tests.erlang.oracles import erlang_b_mp, service_level_mp
from tests.examples import scaled
from xlcc import erlang as q
from xlcc.functions import BY_NAME, REGISTRY
from xlcc.functions.errors import CellError, XlError

CONTRACT = {  # issue 3: names and argument order are the contract with existing sheets
    "TRAFFIC": "calls aht interval",
    "ERLANGB": "servers traffic", "ERLANGB_SERVERS": "traffic max_blocking",
    "ERLANGB_TRAFFIC": "servers max_blocking", "ERLANGB_EXT": "servers traffic retry",
    "ERLANGB_EXT_SERVERS": "traffic max_blocking retry",
    "ERLANGB_EXT_TRAFFIC": "servers max_blocking retry",
    "ERLANGC": "agents traffic", "ERLANGC_SL": "agents calls aht answer_time interval",
    "ERLANGC_ASA": "agents calls aht interval", "ERLANGC_QUEUE_TIME": "agents calls aht interval",
    "ERLANGC_QUEUE_LENGTH": "agents calls aht interval",
    "ERLANGC_OCCUPANCY": "agents calls aht interval",
    "ERLANGC_ANSWER_TIME": "agents calls aht sl_target interval",
    "ERLANGC_AGENTS": "calls aht sl_target answer_time interval max_occupancy shrinkage",
    "ERLANGC_AGENTS_ASA": "calls aht asa_target interval max_occupancy shrinkage",
    "ERLANGC_CALLS": "agents aht sl_target answer_time interval",
    "ERLANGC_AHT": "agents calls sl_target answer_time interval",
    "ERLANGA_PWAIT": "agents calls aht patience interval",
    "ERLANGA_ABANDON": "agents calls aht patience interval",
    "ERLANGA_SL": "agents calls aht patience answer_time interval definition",
    "ERLANGA_ASA": "agents calls aht patience interval",
    "ERLANGA_OCCUPANCY": "agents calls aht patience interval",
    "ERLANGA_AGENTS": "calls aht patience sl_target answer_time interval max_abandon "
                      "max_occupancy shrinkage definition",
    "ERLANGA_AGENTS_ABANDON": "calls aht patience max_abandon interval shrinkage",
    "SCHEDULED_AGENTS": "agents shrinkage",
}
FRACTIONAL = ["ERLANGB_SERVERS", "ERLANGB_EXT_SERVERS", "ERLANGC_AGENTS", "ERLANGC_AGENTS_ASA",
              "ERLANGA_AGENTS", "ERLANGA_AGENTS_ABANDON"]


def test_function_set_and_argument_order_are_the_contract():
    expected = dict(CONTRACT, **{f"{n}_FRACTIONAL": CONTRACT[n] for n in FRACTIONAL})
    erlang = {s.name: " ".join(a.name for a in s.args) for s in REGISTRY
              if not s.name.startswith(("KPI_", "ROSTER_"))}
    assert erlang == expected
    # issue 6 fixes this one signature: KPI_STATUS(actual, goal, [direction], [amber_band])
    status = BY_NAME["KPI_STATUS"]
    assert [(a.name, a.optional) for a in status.args] == [
        ("actual", False), ("goal", False), ("direction", True), ("amber_band", True)]


def test_names_are_unique():
    assert len(BY_NAME) == len(REGISTRY)


@pytest.mark.parametrize("spec", REGISTRY, ids=lambda s: s.name)
def test_every_function_is_documented_and_exposed(spec):
    assert spec.help and spec.help_es and spec.category == "xlcc" and spec.example
    for arg in spec.args:
        assert arg.help and arg.help_es and arg.unit, arg.name
    udf = getattr(fx, spec.name)
    assert inspect.signature(udf) == spec.signature()
    # the callable's own parameters are the Excel arguments, in order
    assert list(inspect.signature(spec.call).parameters) == [a.name for a in spec.args]
    result = udf(*spec.example)  # the example computes: a number, or a table of numbers
    if spec.ranges:
        assert isinstance(result, list) and all(isinstance(v, float) for row in result
                                                for v in row)
    else:
        assert not isinstance(result, (str, list))


def test_optional_arguments_come_last():
    for spec in REGISTRY:
        optional = [a.optional for a in spec.args]
        assert optional == sorted(optional), spec.name


def test_spot_values_equal_the_queueing_core():
    assert fx.ERLANGC_AGENTS(100, 180, 0.8, 20) == q.agents_for_service_level(10, 180, 20, 0.8)
    assert fx.ERLANGC_SL(14, 100, 180, 20) == pytest.approx(float(service_level_mp(14, 10, 180, 20)),
                                                            rel=1e-12)
    assert fx.ERLANGB(3, 10.4) == pytest.approx(float(erlang_b_mp(3, 10.4)), rel=1e-12)
    assert fx.ERLANGB_SERVERS_FRACTIONAL(10, 0.01) == pytest.approx(17.44497, abs=5e-6)
    assert fx.ERLANGA_SL(10, 90, 180, 120, 20, 30, "answered") == pytest.approx(
        float(q.erlang_a_service_level(10, 9, 180, 120, 20, "answered")), rel=1e-14)
    assert fx.ERLANGC_AGENTS(100, 180, 0.8, 20, 30, 1, 0.3) == 20
    assert fx.TRAFFIC(100, 180) == 10 and fx.TRAFFIC(100, 180, 60) == 5
    assert fx.SCHEDULED_AGENTS(21, 0.3) == 30


def test_ranges_broadcast_and_blanks_stay_blank():
    out = fx.ERLANGC_AGENTS([[100], [None], [200], [""]], 180, [[0.8, 0.9]], 20)
    assert out[1] == [None, None] and out[3] == [None, None]
    assert out[0] == [14.0, 15.0]
    assert out[2][0] == q.agents_for_service_level(20, 180, 20, 0.8)
    np_in = np.array([[100.0], [np.nan], [200.0]])  # xlwings' numpy converter: blank -> NaN
    assert fx.ERLANGC_AGENTS(np_in, 180, 0.8, 20) == [[14.0], [None], [24.0]]


def test_empty_range_gives_empty_result():
    assert fx.ERLANGC_AGENTS([[]], 180, 0.8, 20) == [[]]
    assert fx.ERLANGC_SL([], 100, 180, 20) == [[]]


def test_blank_optional_argument_takes_its_default():
    assert fx.ERLANGC_AGENTS(100, 180, 0.8, 20, None, None, None) == 14
    assert fx.ERLANGA_SL(10, 90, 180, 120, 20, None, None) == fx.ERLANGA_SL(10, 90, 180, 120, 20)


def test_percent_targets():
    assert fx.ERLANGC_AGENTS(100, 180, 80, 20) == fx.ERLANGC_AGENTS(100, 180, 0.8, 20)
    assert fx.ERLANGC_AGENTS(100, 180, 0.8, 20, 30, 85, 30) == fx.ERLANGC_AGENTS(
        100, 180, 0.8, 20, 30, 0.85, 0.3)
    assert fx.ERLANGC_AGENTS(100, 180, 1, 20).startswith("#NUM! sl_target")  # 1 is 100%
    assert fx.ERLANGC_AGENTS(100, 180, 150, 20).startswith("#NUM! sl_target")


@pytest.mark.parametrize("call, expected", [
    (lambda: fx.ERLANGC_AGENTS("abc", 180, 0.8, 20), "#VALUE! calls must be a number"),
    (lambda: fx.ERLANGC_AGENTS(-5, 180, 0.8, 20), "#NUM! calls must be in [0, inf)"),
    (lambda: fx.ERLANGC_AGENTS(100, 0, 0.8, 20), "#NUM! aht must be in (0, inf)"),
    (lambda: fx.ERLANGC_AGENTS(100, 180, 0.8, 20, 30, 0, 0), "#NUM! max_occupancy must be in (0, 1]"),
    (lambda: fx.ERLANGC_ASA(5, 100, 180), "#NUM! no finite value"),  # unstable queue
    (lambda: fx.ERLANGC_QUEUE_TIME(10, 100, 180), "#NUM!"),
    (lambda: fx.ERLANGA_SL(10, 90, 180, 120, 20, 30, "abandoned"),
     "#VALUE! definition must be one of offered, answered, virtual; got 'abandoned'"),
    (lambda: fx.ERLANGC_SL("#N/A", 100, 180, 20), "#N/A"),
    (lambda: fx.ERLANGC_SL(14, 100), "#VALUE! ERLANGC_SL: missing argument aht, answer_time"),
])
def test_error_paths(call, expected):
    assert call().startswith(expected)


def test_overload_gives_values_where_they_exist():
    assert fx.ERLANGC(10, 10) == 1.0 and fx.ERLANGC_SL(10, 100, 180, 20) == 0.0
    assert fx.ERLANGC_OCCUPANCY(9, 100, 180) == 1.0


def test_one_bad_cell_does_not_take_down_the_range():
    out = fx.ERLANGC_SL([[14, math.nan, -1, True, "x"]], 100, 180, 20)[0]
    assert out[0] == pytest.approx(0.88835, abs=1e-5) and out[1] is None
    assert out[2].startswith("#NUM! agents must be in [0")
    assert out[3] == 0.0  # TRUE is 1 agent: an unstable queue, service level 0
    assert out[4].startswith("#VALUE!")


def test_typed_errors_for_the_engine():
    result = BY_NAME["ERLANGC_ASA"].evaluate(5, 100, 180)
    assert isinstance(result, CellError) and result.error is XlError.NUM
    assert BY_NAME["ERLANGC_SL"].evaluate(XlError.DIV0, 100, 180, 20) == CellError(XlError.DIV0)


cell = st.one_of(st.none(), st.just(""), st.floats(allow_nan=True, allow_infinity=True),
                 st.integers(-10, 10_000), st.booleans(), st.text(max_size=4),
                 st.sampled_from(["#N/A", "#DIV/0!"]))


@settings(deadline=None, max_examples=scaled(150))
@given(agents=st.lists(cell, min_size=1, max_size=6), calls=cell, aht=cell)
def test_any_cells_give_a_value_a_blank_or_an_error_never_a_crash(agents, calls, aht):
    out = fx.ERLANGC_SL([agents], calls, aht, 20)
    cells = out[0] if isinstance(out, list) else [out]
    assert len(cells) in (1, len(agents))
    for v in cells:
        assert v is None or (isinstance(v, float) and 0.0 <= v <= 1.0) or (
            isinstance(v, str) and XlError.parse(v.split(" ")[0]) is not None)
