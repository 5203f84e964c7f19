"""TEXT's number formats against Excel's own results.

The expected texts are the values Excel cached for these formats in the conformance
workbooks (../shared/data/excel_conformance: formulas' test.xlsx EXTRA sheet, pycel's
text.xlsx TextNumbers/TextDates), plus everyday planning formats whose Excel output
is documented (dates, times, thousands, percent, scientific).
"""

import pytest
from hypothesis import given, settings, strategies as st

from xlcc.engine.numfmt import FormatError, Unsupported, render

EXCEL = [
    # placement of digits between literals, thousands separators by placeholder position
    (1.23, "# ### %%%", "1230 000 %%%"),
    (1234567890, "0,## ##, ##", "1,234,56 7,8 90"),
    (1234567890, "+0,## ## ##", "+1,234,56 7,8 90"),
    (1234567890, "0,## ## ,##", "1,234,56 7,8 ,90"),
    (1000000.555, "0 .  # ,0.00.0,00", "1000000 .  5 ,5.50.000"),
    (1234567.555, "#,##000######## .  # ,0.00.0,00", "00,01,234,567 .  5 ,5.50.000"),
    (1000000.555, "##00,############# .  # ,0.00.0,00", "001,000,000 .  5 ,5.50.000"),
    (1234578.555, "#,##00000000####0### .  # ,0.00.0,00", "0,000,000,01,234,578 .  5 ,5.50.000"),
    (1234578.555, "#,##000000070###### .  # ,0.00.0,00", "00,000,0071,234,578 .  5 ,5.50.000"),
    (1234578.555, "0cc###,00", "1,2cc34,579"),
    (123456, "##0° 00' 00''", "12° 34' 56''"),
    (1234, "5000700", "5012734"),
    (1.000000001, "00###.##.0000.00", "001..0000.00"),
    (1234567.89, '#,#"ZZ"#.0"YY"00', "1,234,56ZZ7.8YY90"),
    (0, '#,#"ZZ"#.0z00', "ZZ.0z00"),
    # later dots are literal; fraction placeholders go on after them
    (890123.456789, "#.###.#.#.#", "890123.456.7.8.9"),
    (890123.456789, "#.###.##.#", "890123.456.78.9"),
    (890123.456789, "#,###.##.#", "890,123.45.7"),
    (890123.456789, "#,#.##.##,#", "890,123.45.679"),
    (890123.456789, "#,#.##.##\\,#", "890,123.45.67,9"),
    (890123.456789, "0,x#.00.0", "89012x3.45.7"),
    (890123.456789, "#,0x#.00.0", "890,12x3.45.7"),
    (890123.456789, "#x,0x#.00.0", "8901x,2x3.45.7"),
    (890123.456789, "#x,0,#.00.0", "890,1x,23.45.7"),
    (890123.456789, ",#.00.0", ",890123.45.7"),
    (890123.456789, ".#", "890123.5"),
    (890123.456789, "#.###x,##", "890123.456x,79"),
    (890123.456789, "#.###,x##", "890123.456x79"),
    (890123.456789, "#.###,x,##", "890123.456x,79"),
    (890123.456789, "#.#####00#0", "890123.45678900"),
    (1, "#.##", "1."),
    (1234.56, "$x*y#,##0* ", "$x1,235"),
    (1234.56, ".##0", "1234.560"),
    # percent, anywhere
    (890123.456789, "#%", "89012346%"),
    (890123.456789, "#.#%", "89012345.7%"),
    (890123.456789, "#%#", "8901234%6"),
    (890123.456789, "%#", "%89012346"),
    (890123.456789, "%#%#%", "%89012345678%9%"),
    (890123.456789, "%#%#%#%", "%890123456789%0%0%"),
    # scientific
    (12200000, "#######.0E+00", "1.2E+07"),
    (12200000, "0.00E-##", "1.22E7"),
    (0.000122, "0.00E-##", "1.22E-4"),
    (0.000122, "0.00E+##", "1.22E-4"),
    (12200000, "0.00E+##", "1.22E+7"),
    # sections and conditions
    (1, "[<=1]x;[<=2]a;b", "x"),
    (2, "[<=1]a;[=2]xx;xcx", "xx"),
    (3, "[<=1]a;[=2]aa;xxx", "xxx"),
    (-1, "w;x;z@", "x"), (0, "w;x;z@", "w"), (1, "w;x;z@", "w"),
    (-1, "w;x;z", "x"), (0, "w;x;z", "z"), (1, "w;x;z", "w"),
    (-1, "w;x@", "-w"), (0, "w;x@", "w"),
    (-1, "", "-"), (0, "", ""), ("Plugh", "", "Plugh"),
    (-1, '##.00;-  ##.0;"ZERO"', "-  1.0"), (0, '##.00;-  ##.0;"ZERO"', "ZERO"),
    (1, '##.00;-  ##.0;"ZERO"', "1.00"),
    ("X", '##.00;-  ##.0;"ZERO";->@<-@', "->X<-X"),
    (-1, '##.00;##.0;"ZERO";->@<-', "1.0"),
    (0, '"-> "#.00;-#;"SS"m;"ZERO"@', "SS1"),
    # elapsed time, dates and times
    (2958465, "[hh]", "71003160"), (71003160, "[hh]", "1704075840"),
    (2958466, "[h]", "71003184"), (2958465, "h", "0"),
    (-1, "[h]", "-24"), (-1, "[m]", "-1440"), (-1, "[s]", "-86400"),
    (0, "[h]:m", "0:0"), (0, "[m]:s", "0:0"), (0, "[s].000", "0.000"),
    (39116.79730324074, "[h]", "938803"), (39116.79730324074, "[m]", "56328188"),
    (39116.79730324074, "[s]", "3379691287"),
]

EVERYDAY = [
    (45000.5, "dddd d mmmm yyyy hh:mm AM/PM", "Wednesday 15 March 2023 12:00 PM"),
    (45000.75, "ddd dd/mm/yy h:mm:ss.00 a/p", "Wed 15/03/23 6:00:00.00 p"),
    (45000, "mmm-yy", "Mar-23"), (45000, "mmmmm", "M"), (45000, "yyyy-mm-dd", "2023-03-15"),
    (1.5, "[h]:mm:ss", "36:00:00"), (0.5, "hh:mm", "12:00"), (0.99999999, "hh:mm:ss", "00:00:00"),
    (0.0208333333, "[mm]:ss", "30:00"), (60, "dd/mm/yyyy", "29/02/1900"), (1, "dddd", "Sunday"),
    (0.25, "0%", "25%"), (0.8512, "0.0%", "85.1%"), (1234.5, "#,##0.00", "1,234.50"),
    (-1234.5, "#,##0.00;(#,##0.00)", "(1,234.50)"), (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
    (1234567, '#,##0,"K"', "1,235K"), (1234567, '0.0,,"M"', "1.2M"), (0, "0.00", "0.00"),
    (0.5, "#.##", ".5"), (12.5, "00000", "00013"), (3.14159, "0.00E+00", "3.14E+00"),
    (12345, "##0.0E+0", "12.3E+3"), (-0.004, "0.00", "-0.00"), (2.5, "0", "3"), (-2.5, "0", "-3"),
    (1234.5, "[$€-40C] #,##0.00", "€ 1,234.50"), (5, '0 "agents"', "5 agents"),
    (5, "0_)", "5 "), (0.125, "?.??", " .13"),
]


@pytest.mark.parametrize("value, fmt, excel", EXCEL + EVERYDAY)
def test_text_formats_as_excel(value, fmt, excel):
    assert render(value if isinstance(value, str) else float(value), fmt) == excel


@pytest.mark.parametrize("value, fmt", [
    (-1, "[h]:m"), (-1, "h"), (-1, "m"), (-1, "[s].000"), (2958466, "h"), (2958466, "yy"),
    ("X", ';-  ##.0;"ZERO"@;"X"'), (0, '#,#"ZZ"#.0"YY"00@'), (0, '#,#"ZZ"#.0Y00'),
    (0, '#,#"ZZ"#.0y00'), (1, "0.0E+8"), (1, "0;0;0;@;0"), (1.23, '#"°F""'),
])
def test_formats_excel_refuses_are_value_errors(value, fmt):
    with pytest.raises(FormatError):
        render(value if isinstance(value, str) else float(value), fmt)


@pytest.mark.parametrize("value, fmt, excel", [
    (1.5, "# ?/?", "1 1/2"), (2.375, "# ?/8", "2 3/8"), (0.333, "?/?", "1/3"),
    (3.14159, "# ??/??", "3 14/99"), (-1.25, "# ?/?", "-1 1/4"),
    (1 / 3, "General", "0.333333333"), (123.456789012345, "General", "123.456789"),
    (123456789012, "General", "1.23457E+11"), (5, "General", "5"), (0.1 + 0.2, "General", "0.3"),
    (-2.5, "0.00;General", "2.5"), (1234.5, 'General "agents"', "1234.5 agents"),
])
def test_fractions_and_general_as_excel_shows_them(value, fmt, excel):
    assert render(float(value), fmt) == excel


def test_a_fraction_with_a_decimal_point_is_left_to_the_engine():
    with pytest.raises(Unsupported):
        render(1.5, "0.0 ?/?")


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
       st.sampled_from(["0", "0.00", "#,##0", "#,##0.000", "0.0%"]))
def test_plain_formats_match_python_rounding_of_the_15_digit_value(x, fmt):
    """A second method: Python's own formatting of the shown quantity (x, or 100x for a
    percent) at 15 significant digits, rounded half away from zero with decimal."""
    import decimal

    places = {"0": 0, "0.00": 2, "#,##0": 0, "#,##0.000": 3, "0.0%": 1}[fmt]
    scaled = decimal.Decimal(f"{x * (100 if '%' in fmt else 1):.15g}")
    q = scaled.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)
    want = f"{abs(q):,.{places}f}" if "," in fmt else f"{abs(q):.{places}f}"
    want = ("-" if x < 0 else "") + want + ("%" if "%" in fmt else "")
    assert render(x, fmt) == want
