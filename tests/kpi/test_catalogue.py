
import pytest

from xlcc import kpi
from xlcc.functions import BY_NAME
from xlcc.kpi.catalogue import BY_KEY, CATALOGUE, as_rows


@pytest.mark.parametrize("ind", CATALOGUE, ids=lambda i: i.key)
def test_every_entry_is_complete_and_computable(ind):
    assert callable(getattr(kpi, ind.key)) and ind.excel in BY_NAME
    for field in ("name_es", "name_en", "objective_es", "objective_en", "formula", "unit",
                  "frequency", "owner", "source"):
        assert getattr(ind, field), field
    assert ind.direction in kpi.DIRECTIONS and 0 <= ind.amber_band < 1
    if ind.goal is not None:
        assert ind.goal > 0 and (ind.unit != "fraction" or ind.goal <= 1)
        assert kpi.status(ind.goal, ind.goal, ind.direction, ind.amber_band) == 1


def test_every_indicator_worksheet_function_is_catalogued():
    catalogued = {i.excel for i in CATALOGUE}
    tools = {"KPI_TIER", "KPI_ATTAINMENT", "KPI_STATUS"}  # classify or judge, not indicators
    kpi_functions = {n for n in BY_NAME if n.startswith("KPI_")}
    assert kpi_functions - tools == catalogued
    assert len(BY_KEY) == len(CATALOGUE)


def test_rows_in_both_languages():
    header_es, rows_es = as_rows("es")
    header_en, rows_en = as_rows("en")
    assert header_es[0] == "Indicador" and header_en[0] == "Indicator"
    assert len(rows_es) == len(rows_en) == len(CATALOGUE)
    assert rows_es[0][0] == "Nivel de servicio" and rows_en[0][0] == "Service level"
    with pytest.raises(ValueError, match="language must be one of es, en"):
        as_rows("fr")
