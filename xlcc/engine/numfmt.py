"""Excel number formats, as TEXT(value, format_text) renders them.

A format has up to four sections separated by ``;`` (positive; negative; zero;
text), optionally chosen by conditions (``[<=1]"low";[<=2]"mid";"high"``). A
section is one of three kinds, and mixing them is #VALUE! as in Excel:

* a number section: digit placeholders ``0`` (digit or 0), ``#`` (digit or
  nothing), ``?`` (digit or space); the first ``.`` is the decimal point (later
  ones are literal dots, and placeholders after them still take fraction digits);
  a ``,`` right after a placeholder turns on thousands separators when another
  placeholder follows, and divides by 1,000 when none does; each ``%`` multiplies
  by 100; ``E+``/``E-`` for scientific notation (the exponent a multiple of the
  number of integer placeholders when they include ``#``, engineering style);
* a date and time section: ``y m d h s`` codes, ``AM/PM`` and ``A/P``, elapsed
  ``[h] [m] [s]``, fractions of a second (``ss.000``); ``m`` after ``h`` or before
  ``s`` is minutes;
* a text section, with ``@`` for the text.

Everything else is literal text: quoted ``"..."``, escaped ``\\x``, ``_x`` (a
space as wide as x), and characters that are not codes (``$ - + ( ) : ' x``,
digits 1-9, ``b``). ``*x`` (fill with x) shows nothing in TEXT. Colors (``[Red]``) and
locale tags are dropped, a currency tag ``[$€-40C]`` shows its symbol.

Excel's placement rules, which the formula engine underneath does not follow
(these are the cases of the conformance workbooks): integer placeholders take
digits from the right, the leftmost one takes all that are left, and literals
stay where they are between them (``TEXT(1234,"5000700")`` is ``5012734``);
thousands separators follow the positions of the placeholders, padding zeros
included (``TEXT(1234567.555,"#,##000######## ...")`` starts ``00,01,234,567``);
a ``#`` of the fraction shows nothing when it and every digit after it are 0.

Values are rounded at the displayed digits, half away from zero, from the value's
15 significant digits (as Excel stores and shows numbers). Month and day names
are English: a workbook whose TEXT formats use another language's codes (``aaaa``
for the year in Spanish Excel) needs that Excel to evaluate them.

``General`` shows at most 11 characters of digits; fractions (``# ?/?``, ``?/8``)
take the closest fraction with the denominator's digits. A fraction mixed with a
decimal point, an exponent or dates raises :class:`Unsupported` (the caller uses the
formula engine's own TEXT).
"""

import datetime
import decimal
import fractions
import math
import re

__all__ = ["render", "FormatError", "Unsupported", "calendar", "SERIAL_MAX", "SERIAL_ZERO"]


class FormatError(ValueError):
    """A format Excel refuses (TEXT gives #VALUE!)."""


class Unsupported(ValueError):
    """A format this module leaves to the formula engine (a fraction mixed with a
    decimal point, an exponent or dates)."""


SERIAL_MAX = 2958465  # 9999-12-31
SERIAL_ZERO = datetime.date(1899, 12, 31)  # serial 0 is "1900-01-00"
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_CONDITION = re.compile(r"\[(<=|>=|<>|<|>|=)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\]")
_ELAPSED = re.compile(r"\[(h+|m+|s+)\]", re.I)
_DATE_RUN = re.compile(r"y+|m+|d+|h+|s+|e+|am/pm|a/p", re.I)


class _Section:
    def __init__(self):
        self.tokens = []  # (kind, text): lit, ph, dot, comma, pct, exp, at, date, fsec
        self.condition = None  # (operator, number)
        self.kind = "number"


def _split_sections(fmt):
    """The sections of a format, split at the ``;`` outside quotes, escapes and brackets."""
    sections, start, i, n = [], 0, 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c == '"':
            end = fmt.find('"', i + 1)
            i = n if end < 0 else end + 1
            continue
        if c in "\\_*":
            i += 2
            continue
        if c == "[":
            end = fmt.find("]", i)
            i = n if end < 0 else end + 1
            continue
        if c == ";":
            sections.append(fmt[start:i])
            start = i + 1
        i += 1
    sections.append(fmt[start:])
    return sections


def _tokens(text):
    """One section's tokens and condition."""
    sec, out, i, n = _Section(), [], 0, len(text)
    lit = out.append
    while i < n:
        c = text[i]
        low = c.lower()
        if c == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise FormatError("an unclosed quote")
            lit(("lit", text[i + 1:end]))
            i = end + 1
        elif c == "\\":
            lit(("lit", text[i + 1:i + 2]))
            i += 2
        elif c == "_":
            lit(("lit", " " if i + 1 < n else ""))
            i += 2
        elif c == "*":
            i += 2  # a fill character: TEXT shows none
        elif c == "[":
            end = text.find("]", i)
            if end < 0:
                raise FormatError("an unclosed [")
            body = text[i:end + 1]
            m = _CONDITION.fullmatch(body)
            e = _ELAPSED.fullmatch(body)
            if m:
                sec.condition = (m.group(1), float(m.group(2)))
            elif e:
                out.append(("date", "[" + e.group(1).lower() + "]"))
            elif body.startswith("[$"):
                symbol = body[2:-1].split("-", 1)[0]
                if symbol:
                    lit(("lit", symbol))
            # colors ([Red], [Color10]) and other tags show nothing
            i = end + 1
        elif c in "0#?":
            out.append(("ph", c))
            i += 1
        elif c == ".":
            if out and out[-1][0] == "date" and out[-1][1][-1:] in ("s", "]") \
                    and text[i + 1:i + 2] == "0":
                j = i + 1
                while j < n and text[j] == "0":
                    j += 1
                out.append(("fsec", j - i - 1))
                i = j
            else:
                out.append(("dot", "."))
                i += 1
        elif c == ",":
            out.append(("comma", ","))
            i += 1
        elif c == "%":
            out.append(("pct", "%"))
            i += 1
        elif c == "@":
            out.append(("at", "@"))
            i += 1
        elif low == "e" and text[i + 1:i + 2] in ("+", "-"):
            out.append(("exp", text[i + 1]))
            i += 2
            if text[i:i + 1].isdigit() and text[i] not in "0":
                raise FormatError("a digit after an exponent")
        elif c == "/" and any(k == "ph" for k, _ in out):
            j = i + 1
            while j < n and (text[j] in "0#?" or text[j].isdigit()):
                j += 1
            if j == i + 1:
                raise FormatError("a fraction without a denominator")
            out.append(("slash", text[i + 1:j]))
            i = j
        elif text[i:i + 7].lower() == "general":
            out.append(("general", ""))
            i += 7
        elif low in "ymdhse" or text[i:i + 5].lower() == "am/pm" \
                or text[i:i + 3].lower() == "a/p":
            m = _DATE_RUN.match(text, i)
            code = m.group(0)
            if low == "e" and code.lower() not in ("am/pm", "a/p"):
                code = "yyyy"  # the era year is the Gregorian year in Excel's default calendar
            out.append(("date", code if code.lower() in ("am/pm", "a/p") else code.lower()))
            i = m.end()
        else:
            lit(("lit", c))
            i += 1
    sec.tokens = out
    kinds = {k for k, _ in out}
    if "general" in kinds:
        sec.kind = "general"
    elif "slash" in kinds:
        if kinds & {"exp", "dot", "date", "at"}:
            raise Unsupported("this fraction format")
        sec.kind = "fraction"
    elif "date" in kinds or "fsec" in kinds:
        if kinds & {"ph", "at", "exp"}:
            raise FormatError("date codes mixed with digit placeholders or @")
        sec.kind = "date"
    elif "at" in kinds:
        if kinds & {"ph", "exp"}:
            raise FormatError("@ mixed with digit placeholders")
        sec.kind = "text"
    return sec


def parse(fmt):
    """The sections of format text ``fmt``: (number sections, text section or None)."""
    sections = [_tokens(s) for s in _split_sections(fmt)]
    if len(sections) > 4:
        raise FormatError("more than four sections")
    text = None
    for k, sec in enumerate(sections):
        if sec.kind == "text":
            if k != len(sections) - 1:
                raise FormatError("@ in a section before the last")
            text = sec
    numbers = sections[:-1] if text is not None else sections
    if len(sections) == 4 and text is None:
        text = sections[3]
        numbers = sections[:3]
    return numbers, text


def _holds(condition, x):
    op, c = condition
    return {"<": x < c, "<=": x <= c, ">": x > c, ">=": x >= c, "=": x == c,
            "<>": x != c}[op]


def _choose(sections, x):
    """(section, value to show, show a minus sign) for number ``x``."""
    if any(s.condition for s in sections):
        for s in sections:
            if s.condition is None or _holds(s.condition, x):
                # a section chosen for negative numbers by a "< 0"-like test shows no sign
                signless = s.condition is not None and s.condition[0] in ("<", "<=") \
                    and s.condition[1] <= 0
                return s, abs(x), x < 0 and not signless
        return sections[-1], abs(x), x < 0
    if len(sections) == 1 or (x > 0) or (x == 0 and len(sections) == 2):
        return sections[0], abs(x), x < 0 and len(sections) == 1
    if x < 0:
        return sections[1], abs(x), False
    return sections[2], 0.0, False


def render(value, fmt):
    """TEXT(value, fmt): ``value`` a float or a str (a text that is not a number)."""
    numbers, text = parse(fmt)
    if isinstance(value, str):
        if text is None:
            return value
        return "".join(value if k == "at" else t for k, t in text.tokens)
    if not numbers:
        numbers = [_tokens("")]
    sec, x, minus = _choose(numbers, value)
    if sec.kind == "date":  # an elapsed time shows its own sign; other dates refuse one
        return _render_date(sec, x, value < 0)
    body = {"general": _render_general, "fraction": _render_fraction}.get(
        sec.kind, _render_number)(sec, x)
    return ("-" + body) if minus else body


def _render_general(sec, x):
    """The General format as TEXT shows it: at most 11 characters of digits (the sign
    apart), trailing zeros dropped; scientific with 6 digits beyond 1e11 or below 1e-9."""
    if x == 0:
        shown = "0"
    elif 1e-9 <= x < 1e11:
        places = max(0, 10 - len(str(int(x)))) if x >= 1 else 9
        whole, frac = _digits(x, places)
        shown = ((whole or "0") + "." + frac).rstrip("0").rstrip(".")
    else:
        mantissa, _, exponent = f"{x:.5E}".partition("E")
        mantissa = mantissa.rstrip("0").rstrip(".")
        shown = f"{mantissa}E{exponent[0]}{exponent[1:].lstrip('0').rjust(2, '0')}"
    return "".join(shown if k == "general" else t for k, t in sec.tokens
                   if k in ("general", "lit"))


def _render_fraction(sec, x):
    """``# ?/?``-style fractions: a whole part when the format has placeholders before
    the numerator's, then the closest fraction with at most as many denominator digits
    as placeholders (or exactly the denominator written, ``# ?/8``)."""
    tokens = sec.tokens
    slash = next(i for i, (k, _) in enumerate(tokens) if k == "slash")
    den_text = tokens[slash][1]
    ph = [i for i in range(slash) if tokens[i][0] == "ph"]
    # the numerator's placeholders are the last run before the slash
    num = []
    for i in reversed(ph):
        if num and i != num[0] - 1:
            break
        num.insert(0, i)
    whole_ph = [i for i in ph if i not in num]
    if den_text.isdigit() and int(den_text) > 0:
        den_shown = int(den_text)
        numer_shown = int(_digits(x * den_shown, 0)[0] or 0)
    else:
        frac = fractions.Fraction(f"{x:.15g}").limit_denominator(10 ** len(den_text) - 1)
        numer_shown, den_shown = frac.numerator, frac.denominator
    whole = 0
    if whole_ph:
        whole, numer_shown = divmod(numer_shown, den_shown)
    out = [t if k == "lit" else "" for k, t in tokens]
    if whole_ph:
        whole_text = str(whole) if whole or numer_shown == 0 else ""
        out[whole_ph[0]] = whole_text.rjust(sum(1 for i in whole_ph if tokens[i][1] == "0"), "0")
    width = len(num) + 1 + len(den_text)
    if numer_shown == 0 and whole_ph:
        out[num[0]] = " " * width if any(tokens[i][1] == "?" for i in num) else ""
        for i in range(num[0] + 1, slash + 1):
            out[i] = ""
        return "".join(out).rstrip() if not any(tokens[i][1] == "?" for i in num) \
            else "".join(out)
    out[num[0]] = str(numer_shown).rjust(len(num))
    out[slash] = "/" + (str(den_shown).ljust(len(den_text)) if not den_text.isdigit()
                        else den_text)
    return "".join(out)


# -- numbers -----------------------------------------------------------------------------
def _digits(x, places):
    """(integer digits, fraction digits) of ``x`` >= 0 rounded half away from zero at
    ``places`` decimals, from its 15 significant digits; '' for a zero integer part."""
    d = decimal.Decimal(f"{x:.15g}") if x else decimal.Decimal(0)
    q = d.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP,
                   context=decimal.Context(prec=400))
    text = f"{q:f}"
    whole, _, frac = text.partition(".")
    return ("" if whole == "0" else whole), frac.ljust(places, "0")


def _render_number(sec, x):
    tokens = list(sec.tokens)
    first_dot = next((i for i, (k, _) in enumerate(tokens) if k == "dot"), None)
    for i, (k, t) in enumerate(tokens):
        if k == "dot" and i != first_dot:
            tokens[i] = ("lit", ".")
    exp_at = next((i for i, (k, _) in enumerate(tokens) if k == "exp"), len(tokens))
    int_end = first_dot if first_dot is not None and first_dot < exp_at else exp_at
    # commas: markers right after a placeholder (or a marker) are never shown
    grouping, scale, last_ph = False, 0, None
    for i in range(exp_at):
        if tokens[i][0] == "ph":
            last_ph = i
    for i, (k, _) in enumerate(tokens):
        if k != "comma":
            continue
        prev = tokens[i - 1] if i else None
        if prev is None or prev[0] not in ("ph", "marker"):
            tokens[i] = ("lit", ",")
            continue
        tokens[i] = ("marker", ",")
        if i < int_end and i + 1 < len(tokens) and tokens[i + 1][0] == "ph":
            grouping = True
        elif last_ph is not None and last_ph < i < exp_at:
            scale += 1  # after the number's last placeholder: thousands ("0.0,," is millions)
    x = x * 100 ** sum(1 for k, _ in tokens if k == "pct") / 1000 ** scale
    int_ph = [i for i in range(int_end) if tokens[i][0] == "ph"]
    frac_ph = [i for i in range(int_end, exp_at) if tokens[i][0] == "ph"]
    exponent = None
    if exp_at < len(tokens):
        n_int = max(1, len(int_ph))
        if x == 0:
            exponent = 0
        else:
            exponent = math.floor(math.log10(x))
            if len(int_ph) > 1 and any(tokens[i][1] != "0" for i in int_ph):
                exponent = math.floor(exponent / n_int) * n_int
            else:
                exponent -= n_int - 1
        mantissa = x / 10.0 ** exponent
        whole, frac = _digits(mantissa, len(frac_ph))
        if exponent and len(whole) > n_int:  # rounding carried into one more digit
            exponent += 1
            whole, frac = _digits(x / 10.0 ** exponent, len(frac_ph))
    else:
        whole, frac = _digits(x, len(frac_ph))
    out = ["" if k in ("marker", "exp", "ph") else t for k, t in tokens]
    _place_integer(out, int_ph, tokens, whole, grouping, first_dot)
    for n, i in enumerate(frac_ph):
        kind = tokens[i][1]
        shown = kind == "0" or frac[n:].strip("0")
        out[i] = frac[n] if shown else (" " if kind == "?" else "")
    if exponent is not None:
        exp_ph = [i for i in range(exp_at + 1, len(tokens)) if tokens[i][0] == "ph"]
        sign = "-" if exponent < 0 else ("+" if tokens[exp_at][1] == "+" else "")
        digits = str(abs(exponent)).rjust(sum(1 for i in exp_ph if tokens[i][1] == "0"), "0")
        out[exp_at] = "E" + sign
        if exp_ph:
            out[exp_ph[0]] = digits
    return "".join(out)


def _place_integer(out, int_ph, tokens, whole, grouping, first_dot):
    """Fill the integer placeholders from the right; the leftmost takes what is left."""
    if not int_ph:
        if whole and first_dot is not None:
            out[first_dot] = _grouped(whole, 0, grouping) + "."
        return  # a section without placeholders (``"none"``) shows no digits
    digits = whole[::-1]  # digits[k]: the k-th from the right
    for n, i in enumerate(reversed(int_ph)):
        kind = tokens[i][1]
        if n == len(int_ph) - 1 and n < len(digits):
            out[i] = _grouped(whole, n, grouping)
        elif n < len(digits):
            out[i] = _with_comma(digits[n], n, grouping)
        elif kind == "0":
            out[i] = _with_comma("0", n, grouping)
        else:
            out[i] = " " if kind == "?" else ""


def _with_comma(digit, position, grouping):
    return digit + "," if grouping and position and position % 3 == 0 else digit


def _grouped(whole, first, grouping):
    """The digits of ``whole`` from the ``first``-th from the right leftwards, with
    thousands separators when ``grouping``."""
    digits = whole[::-1]
    return "".join(_with_comma(digits[k], k, grouping)
                   for k in range(len(digits) - 1, first - 1, -1))


# -- dates and times ---------------------------------------------------------------------
def calendar(days):
    """(year, month, day, weekday 0=Monday) of a whole serial number (1900 has Excel's
    29 February, serial 0 is 1900-01-00)."""
    weekday = (days + 5) % 7  # serial 1 (1900-01-01) was a Sunday in Excel's calendar
    if days == 60:
        return 1900, 2, 29, weekday
    if days == 0:
        return 1900, 1, 0, weekday
    d = SERIAL_ZERO + datetime.timedelta(days=days if days < 60 else days - 1)
    return d.year, d.month, d.day, weekday


def _render_date(sec, x, negative):
    dates = [t for k, t in sec.tokens if k == "date"]
    fsec = next((t for k, t in sec.tokens if k == "fsec"), 0)
    elapsed_only = len(dates) == 1 and dates[0].startswith("[") and not fsec
    if negative and not elapsed_only:
        raise FormatError("a negative date or time")
    if not any(t.startswith("[") for t in dates) and x >= SERIAL_MAX + 1:
        raise FormatError("a date after 9999-12-31")
    # the time rounded at the shown precision (seconds, or their shown decimals)
    ticks = _ticks(x, fsec)
    unit = 10 ** fsec
    total_seconds, frac_ticks = divmod(ticks, unit)
    days, day_seconds = divmod(total_seconds, 86400)
    hour, rest = divmod(day_seconds, 3600)
    minute, second = divmod(rest, 60)
    year, month, day, weekday = calendar(days) if days <= SERIAL_MAX else (0, 0, 0, 0)
    twelve = any(t.lower() in ("am/pm", "a/p") for t in dates)
    out, tokens = [], sec.tokens
    for n, (k, t) in enumerate(tokens):
        if k in ("lit", "dot", "comma", "pct"):
            out.append(t)
        elif k == "fsec":
            out.append("." + str(frac_ticks).rjust(fsec, "0"))
        elif k == "date":
            out.append(_date_code(t, tokens, n, year, month, day, weekday, hour, minute,
                                  second, twelve, total_seconds, negative))
    return "".join(out)


def _ticks(x, places):
    """The value in units of 10**-places seconds, rounded half up."""
    d = decimal.Decimal(f"{x:.15g}") * 86400 * 10 ** places
    return int(d.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def _is_minutes(tokens, n):
    """``m``/``mm`` at ``n`` is minutes: right after an hour or right before a second."""
    for step in (-1, 1):
        j = n + step
        while 0 <= j < len(tokens) and tokens[j][0] == "lit":
            j += step
        if 0 <= j < len(tokens) and tokens[j][0] == "date":
            code = tokens[j][1].strip("[]")
            if (step < 0 and code[0] == "h") or (step > 0 and code[0] == "s"):
                return True
    return False


def _date_code(t, tokens, n, year, month, day, weekday, hour, minute, second, twelve,
               total_seconds, negative):
    sign = "-" if negative else ""
    if t.startswith("["):
        width, unit = len(t) - 2, {"h": 3600, "m": 60, "s": 1}[t[1]]
        return sign + str(total_seconds // unit).rjust(width, "0")
    low = t.lower()
    if low in ("am/pm", "a/p"):
        word = ("AM" if hour < 12 else "PM") if low == "am/pm" else ("A" if hour < 12 else "P")
        return word.lower() if t[0].islower() else word
    c, width = low[0], len(low)
    if c == "y":
        return str(year)[-2:].rjust(2, "0") if width <= 2 else str(year)
    if c == "d":
        if width <= 2:
            return str(day).rjust(width, "0")
        return _DAYS[weekday][:3] if width == 3 else _DAYS[weekday]
    if c == "h":
        h = hour % 12 or 12 if twelve else hour
        return str(h).rjust(min(width, 2), "0")
    if c == "s":
        return str(second).rjust(min(width, 2), "0")
    # m: minutes next to an hour or a second, else the month
    if width <= 2 and _is_minutes(tokens, n):
        return str(minute).rjust(width, "0")
    if width <= 2:
        return str(month).rjust(width, "0")
    name = _MONTHS[month - 1]
    return name[:3] if width == 3 else (name[0] if width == 5 else name)
