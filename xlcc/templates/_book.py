"""What every template shares: language, labels, styles and sheet helpers (openpyxl).

A template module builds one workbook in one language through a :class:`Book`;
labels are pairs ``(english, spanish)`` looked up with :meth:`Book.t`. Input cells
are pale yellow with a blue font (the convention financial models use), computed
cells white, headers dark blue with white bold text. Every computed cell is a
formula; sample inputs are realistic so a new user sees a filled example.
"""

import datetime as dt

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

__all__ = ["Book", "LANGS", "FIXED_TIME"]

LANGS = ("en", "es")
#: Document properties carry this time, so that a rebuilt template is identical.
FIXED_TIME = dt.datetime(2026, 1, 1)

_HEADER_FILL = PatternFill("solid", fgColor="1F3864")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_TITLE_FONT = Font(bold=True, size=14, color="1F3864")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_INPUT_FONT = Font(color="0000CC")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
GREEN, AMBER, RED = "C6EFCE", "FFEB9C", "FFC7CE"

_FORMATS = {
    "date": {"en": "yyyy-mm-dd", "es": "dd/mm/yyyy"},
    "time": {"en": "hh:mm", "es": "hh:mm"},
    "pct": {"en": "0.0%", "es": "0.0%"},
    "int": {"en": "#,##0", "es": "#,##0"},
    "num1": {"en": "#,##0.0", "es": "#,##0.0"},
    "num2": {"en": "#,##0.00", "es": "#,##0.00"},
    "sec": {"en": "0\" s\"", "es": "0\" s\""},
}


class Book:
    """One template workbook being built in language ``lang`` ("en" or "es")."""

    def __init__(self, lang, title):
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}; got {lang!r}")
        self.lang = lang
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        props = self.wb.properties
        props.creator = "xlcc"
        props.title = self.t(title)
        props.created = props.modified = FIXED_TIME

    def t(self, label):
        """The text of a label pair in this book's language (a plain str passes)."""
        if isinstance(label, tuple):
            return label[0] if self.lang == "en" else label[1]
        return label

    def fmt(self, kind):
        return _FORMATS[kind][self.lang]

    def sheet(self, name, widths=(), landscape=True):
        ws = self.wb.create_sheet(self.t(name))
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.oddFooter.center.text = "&P / &N"
        return ws

    def title(self, ws, text, subtitle=None, cell="A1"):
        ws[cell] = self.t(text)
        ws[cell].font = _TITLE_FONT
        if subtitle:
            below = ws[cell].offset(row=1)
            below.value = self.t(subtitle)
            below.font = Font(italic=True, color="595959")

    def header(self, ws, row, labels, col=1):
        for j, label in enumerate(labels):
            c = ws.cell(row, col + j, self.t(label))
            c.font, c.fill, c.border = _HEADER_FONT, _HEADER_FILL, _BORDER
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def put(self, ws, row, col, value, kind=None, entry=False, bold=False):
        """Write ``value`` (a formula when it starts with '='); ``entry`` marks an input."""
        c = ws.cell(row, col, self.t(value))
        c.border = _BORDER
        if kind:
            c.number_format = self.fmt(kind)
        if entry:
            c.fill, c.font = _INPUT_FILL, _INPUT_FONT
        if bold:
            c.font = Font(bold=True, color=c.font.color.rgb if entry and c.font.color else None)
        return c

    def choices(self, ws, area, options, prompt):
        """A drop-down list on ``area`` with ``options`` (label pairs)."""
        texts = [self.t(o) for o in options]
        dv = DataValidation(type="list", formula1='"' + ",".join(texts) + '"', allow_blank=True,
                            showErrorMessage=True)
        dv.error = self.t(("Choose a value from the list", "Elija un valor de la lista"))
        dv.prompt = self.t(prompt)
        ws.add_data_validation(dv)
        dv.add(area)
        return texts

    def number_rule(self, ws, area, low, high, prompt, whole=False):
        """Inputs in ``area`` must be numbers in [low, high]."""
        dv = DataValidation(type="whole" if whole else "decimal", operator="between",
                            formula1=str(low), formula2=str(high), showErrorMessage=True)
        dv.error = self.t(("Enter a number between {} and {}",
                           "Ingrese un número entre {} y {}")).format(low, high)
        dv.prompt = self.t(prompt)
        ws.add_data_validation(dv)
        dv.add(area)

    def date_rule(self, ws, area, prompt):
        dv = DataValidation(type="date", operator="greaterThan", formula1="36526",
                            showErrorMessage=True)
        dv.error = self.t(("Enter a date", "Ingrese una fecha"))
        dv.prompt = self.t(prompt)
        ws.add_data_validation(dv)
        dv.add(area)

    def traffic_lights(self, ws, area, green, amber, red):
        """Fill ``area`` green/amber/red where the formulas (for its top-left cell) hold;
        a light dot takes the strong colour."""
        for formula, colour, strong in ((green, GREEN, "00B050"), (amber, AMBER, "FFC000"),
                                        (red, RED, "C00000")):
            ws.conditional_formatting.add(area, FormulaRule(
                formula=[formula], font=Font(color=strong),
                fill=PatternFill("solid", fgColor=colour, bgColor=colour)))

    def value_colour(self, ws, area, operator, values, colour):
        ws.conditional_formatting.add(area, CellIsRule(
            operator=operator, formula=[str(v) for v in values],
            fill=PatternFill("solid", fgColor=colour, bgColor=colour)))

    def save(self, path):
        self.wb.save(path)
        return path


def quote(sheet_name):
    """A sheet name as a formula reference prefix: 'Name'!"""
    return "'" + sheet_name.replace("'", "''") + "'!"
