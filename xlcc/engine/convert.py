"""Excel's CONVERT(number, from_unit, to_unit), with its unit names and prefixes.

The formula engine's CONVERT knows no prefixed units ("km", "mg", "kJ") and no
information units; this replaces it. Units, their factors and which units take
a prefix follow Excel's documented unit table: a decimal prefix (Y ... y, with
"da" and "e" for 10) applies to the metric units marked True below, squared and
cubed units take it squared and cubed ("km2" is 1e6 m2), and bits and bytes also
take binary prefixes ("ki" = 1024 ... "Yi" = 1024^8). Units of different kinds
give #N/A, an unknown unit #N/A, a number that is not a number #VALUE!.
Temperatures are affine: they go through kelvin.
"""

__all__ = ["convert"]

_IN = 0.0254
_FT = 0.3048
_LBF = 4.4482216152605
_LY = 9460730472580800.0
_PICA = _IN / 72
_MI = 1609.344
_NMI = 1852.0
_HP = 745.6998715822702

# kind -> {unit: (factor to the kind's base unit, takes prefixes, power of the prefix)}
_UNITS = {
    "mass": {  # gram
        "g": (1.0, True), "sg": (_LBF / _FT * 1000, False), "lbm": (453.59237, False),
        "u": (1.660538782e-24, True), "ozm": (28.349523125, False),
        "grain": (0.06479891, False), "cwt": (45359.237, False),
        "shweight": (45359.237, False), "uk_cwt": (50802.34544, False),
        "lcwt": (50802.34544, False), "hweight": (50802.34544, False),
        "stone": (6350.29318, False), "ton": (907184.74, False),
        "uk_ton": (1016046.9088, False), "LTON": (1016046.9088, False),
        "brton": (1016046.9088, False),
    },
    "distance": {  # metre
        "m": (1.0, True), "mi": (_MI, False), "Nmi": (_NMI, False), "in": (_IN, False),
        "ft": (_FT, False), "yd": (0.9144, False), "ang": (1e-10, True), "ell": (1.143, False),
        "ly": (_LY, True), "parsec": (30856775812815530.0, True),
        "pc": (30856775812815530.0, True), "Picapt": (_PICA, False), "Pica": (_PICA, False),
        "pica": (_IN / 6, False), "survey_mi": (5280 * 1200 / 3937, False),
    },
    "time": {  # second
        "yr": (365.25 * 86400, False), "day": (86400.0, False), "d": (86400.0, False),
        "hr": (3600.0, False), "mn": (60.0, False), "min": (60.0, False),
        "sec": (1.0, True), "s": (1.0, True),
    },
    "pressure": {  # pascal
        "Pa": (1.0, True), "p": (1.0, True), "atm": (101325.0, True), "at": (101325.0, True),
        "mmHg": (133.322, True), "psi": (_LBF / _IN ** 2, False),
        "Torr": (101325.0 / 760, False),
    },
    "force": {  # newton
        "N": (1.0, True), "dyn": (1e-5, True), "dy": (1e-5, True), "lbf": (_LBF, False),
        "pond": (0.00980665, True),
    },
    "energy": {  # joule
        "J": (1.0, True), "e": (1e-7, True), "c": (4.184, True), "cal": (4.1868, True),
        "eV": (1.602176487e-19, True), "ev": (1.602176487e-19, True),
        "HPh": (_HP * 3600, False), "hh": (_HP * 3600, False), "Wh": (3600.0, True),
        "wh": (3600.0, True), "flb": (_LBF * _FT, False), "BTU": (1055.05585262, False),
        "btu": (1055.05585262, False),
    },
    "power": {  # watt
        "HP": (_HP, False), "h": (_HP, False), "PS": (735.49875, False), "W": (1.0, True),
        "w": (1.0, True),
    },
    "magnetism": {"T": (1.0, True), "ga": (1e-4, True)},  # tesla
    "volume": {  # litre
        "tsp": (0.00492892159375, False), "tspm": (0.005, False),
        "tbs": (0.01478676478125, False), "oz": (0.0295735295625, False),
        "cup": (0.2365882365, False), "pt": (0.473176473, False),
        "us_pt": (0.473176473, False), "uk_pt": (0.56826125, True),
        "qt": (0.946352946, False), "uk_qt": (1.1365225, False), "gal": (3.785411784, False),
        "uk_gal": (4.54609, False), "l": (1.0, True), "L": (1.0, True), "lt": (1.0, True),
        "ang3": (1e-27, True), "barrel": (158.987294928, False),
        "bushel": (35.23907016688, False), "ft3": (_FT ** 3 * 1000, False),
        "in3": (_IN ** 3 * 1000, False), "ly3": (_LY ** 3 * 1000, False),
        "m3": (1000.0, True), "mi3": (_MI ** 3 * 1000, False),
        "yd3": (0.9144 ** 3 * 1000, False), "Nmi3": (_NMI ** 3 * 1000, False),
        "Picapt3": (_PICA ** 3 * 1000, False), "Pica3": (_PICA ** 3 * 1000, False),
        "regton": (2831.6846592, False), "GRT": (2831.6846592, False),
        "MTON": (1132.67386368, False),
    },
    "area": {  # square metre
        "uk_acre": (4046.8564224, False), "us_acre": (4046.8726098742522, False),
        "ang2": (1e-20, True), "ar": (100.0, True), "ft2": (_FT ** 2, False),
        "ha": (10000.0, False), "in2": (_IN ** 2, False), "ly2": (_LY ** 2, False),
        "m2": (1.0, True), "Morgen": (2500.0, False), "mi2": (_MI ** 2, False),
        "Nmi2": (_NMI ** 2, False), "Picapt2": (_PICA ** 2, False),
        "Pica2": (_PICA ** 2, False), "yd2": (0.9144 ** 2, False),
    },
    "information": {"bit": (1.0, True), "byte": (8.0, True)},  # bit
    "speed": {  # metre per hour
        "admkn": (1853.184, False), "kn": (_NMI, False), "m/h": (1.0, True),
        "m/hr": (1.0, True), "m/s": (3600.0, True), "m/sec": (3600.0, True),
        "mph": (_MI, True),
    },
}
_TEMPERATURE = {  # unit: (to kelvin, from kelvin, takes prefixes)
    "C": (lambda x: x + 273.15, lambda k: k - 273.15, False),
    "cel": (lambda x: x + 273.15, lambda k: k - 273.15, False),
    "F": (lambda x: (x - 32) * 5 / 9 + 273.15, lambda k: (k - 273.15) * 9 / 5 + 32, False),
    "fah": (lambda x: (x - 32) * 5 / 9 + 273.15, lambda k: (k - 273.15) * 9 / 5 + 32, False),
    "K": (lambda x: x, lambda k: k, True),
    "kel": (lambda x: x, lambda k: k, True),
    "Rank": (lambda x: x * 5 / 9, lambda k: k * 9 / 5, False),
    "Reau": (lambda x: x * 5 / 4 + 273.15, lambda k: (k - 273.15) * 4 / 5, False),
}
_PREFIXES = {"Y": 1e24, "Z": 1e21, "E": 1e18, "P": 1e15, "T": 1e12, "G": 1e9, "M": 1e6,
             "k": 1e3, "h": 1e2, "da": 1e1, "e": 1e1, "d": 1e-1, "c": 1e-2, "m": 1e-3,
             "u": 1e-6, "n": 1e-9, "p": 1e-12, "f": 1e-15, "a": 1e-18, "z": 1e-21, "y": 1e-24}
_BINARY = {"ki": 2.0 ** 10, "Mi": 2.0 ** 20, "Gi": 2.0 ** 30, "Ti": 2.0 ** 40, "Pi": 2.0 ** 50,
           "Ei": 2.0 ** 60, "Zi": 2.0 ** 70, "Yi": 2.0 ** 80}
_NA = {"type": "Error", "kind": "Na"}
_VALUE = {"type": "Error", "kind": "Value"}


def _power(unit):
    return 2 if unit.endswith("2") and unit != "ar" else 3 if unit.endswith("3") else 1


def _table():
    out = {}
    for kind, units in _UNITS.items():
        for unit, (factor, prefixed) in units.items():
            out[unit] = (kind, factor, prefixed, _power(unit))
            if unit[-1] in "23" and unit[:-1] not in ("uk_acre", "us_acre"):
                out[unit[:-1] + "^" + unit[-1]] = (kind, factor, prefixed, _power(unit))
    return out


_LINEAR = _table()


def _readings(unit):
    """Every (kind, factor, temperature entry or None) a unit name can mean: the unit
    itself first, then prefix + unit ("pc" is a parsec, or a picocalorie)."""
    out = []
    if unit in _LINEAR:
        kind, factor, _, _ = _LINEAR[unit]
        out.append((kind, factor, None))
    if unit in _TEMPERATURE:
        out.append(("temperature", 1.0, _TEMPERATURE[unit]))
    for size in (2, 1):
        prefix, rest = unit[:size], unit[size:]
        if not rest:
            continue
        if prefix in _BINARY and rest in ("bit", "byte"):
            out.append(("information", _BINARY[prefix] * _LINEAR[rest][1], None))
        if prefix in _PREFIXES:
            if rest in _LINEAR and _LINEAR[rest][2]:
                kind, factor, _, power = _LINEAR[rest]
                out.append((kind, factor * _PREFIXES[prefix] ** power, None))
            if rest in _TEMPERATURE and _TEMPERATURE[rest][2]:
                out.append(("temperature", _PREFIXES[prefix], _TEMPERATURE[rest]))
    return out


def convert(number, from_unit, to_unit):
    """CONVERT as Excel computes it (see the module docstring)."""
    for v in (number, from_unit, to_unit):
        if isinstance(v, dict) and v.get("type") == "Error":
            return v
    if isinstance(number, (bool, list)) or isinstance(from_unit, list) \
            or isinstance(to_unit, list):
        return _VALUE
    if number is None:
        x = 0.0
    elif isinstance(number, (int, float)):
        x = float(number)
    else:
        try:
            x = float(str(number).strip())
        except ValueError:
            return _VALUE
    sources = _readings(from_unit) if isinstance(from_unit, str) else []
    targets = _readings(to_unit) if isinstance(to_unit, str) else []
    pair = next(((a, b) for a in sources for b in targets if a[0] == b[0]), None)
    if pair is None:
        return _NA
    src, dst = pair
    if src[0] == "temperature":
        kelvin = src[2][0](x * src[1])
        return dst[2][1](kelvin) / dst[1]
    return x * src[1] / dst[1]
