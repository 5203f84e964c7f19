"""Byte-level reading and patching of a worksheet's formula cells (the fast path).

Excel and openpyxl write ``<sheetData>`` as flat ``<row>``/``<c>`` elements with
``r`` addresses, no prefixes and no CDATA. For such parts the formula cells are
found and their cached values replaced with regular expressions over the bytes:
ten times faster than building an element tree, and every byte of every other
cell stays as it was. A part that is not of that shape (a namespace prefix,
CDATA, a cell without ``r``) makes these functions return None and the caller
uses the element-tree path in :mod:`xlcc.engine.cells` / :mod:`xlcc.engine.writeback`.
"""

import html
import re

__all__ = ["sheet_data_span", "scan_formula_cells", "patch_values", "cached_from_bytes"]

from xlcc.engine.cells import unescape_text as _unescape  # noqa: E402  (cells imports us late)

# a formula cell: <f> is always the first child of <c> (CT_Cell: f, v, is, extLst)
_FCELL = re.compile(rb"<c\b([^>]*)>(<f\b([^>]*?)(?:/>|>(.*?)</f>))(.*?)</c>", re.S)
_ATTR = re.compile(rb'\s([\w:]+)="([^"]*)"')
_FORMULA = re.compile(rb"<f\b([^>]*?)(?:/>|>(.*?)</f>)", re.S)
_VALUE = re.compile(rb"<v>(.*?)</v>|<v/>|<is>.*?</is>", re.S)
_T_ATTR = re.compile(rb'\st="[^"]*"')
_R = re.compile(rb'\sr="([^"]*)"')
_ROWCOL = re.compile(r"^([A-Z]{1,3})(\d+)$")


def sheet_data_span(data):
    """(start, end) of ``<sheetData>...</sheetData>`` if the part suits the fast path."""
    start = data.find(b"<sheetData>")
    if start < 0 or b"<![CDATA[" in data:
        return None
    end = data.rfind(b"</sheetData>")
    return (start, end) if end > start else None


def _attrs(raw):
    return {k.decode(): v.decode() for k, v in _ATTR.findall(raw)}


def _rowcol(ref):
    m = _ROWCOL.match(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _text(raw):
    if not raw:
        return ""
    text = raw.decode("utf-8")
    return html.unescape(text) if "&" in text else text


def scan_formula_cells(data, dynamic_metadata, make_cell, cached_value):
    """The formula cells of worksheet bytes ``data`` (``make_cell(**fields)`` builds
    each), or None when the part does not suit the fast path."""
    span = sheet_data_span(data)
    if span is None:
        return None
    out, masters = [], {}
    for m in _FCELL.finditer(data, span[0], span[1]):
        attrs = _attrs(m.group(1))
        ref = attrs.get("r")
        if not ref or not _ROWCOL.match(ref):
            return None
        fattrs = _attrs(m.group(3)) if m.group(3) else {}
        text = _text(m.group(4))
        kind = fattrs.get("t", "normal")
        if kind == "normal" and not text.strip():
            continue  # an empty <f/> marks a cell a dynamic array spills into
        if kind == "shared":
            if text:
                masters[fattrs.get("si")] = text
            master = masters.get(fattrs.get("si"), text)
        else:
            master = text
        cm = attrs.get("cm")
        row, col = _rowcol(ref)
        out.append(make_cell(row, col, text, kind, fattrs.get("ref", ""),
                             kind == "array" and cm is not None and int(cm) in dynamic_metadata,
                             cached_value(attrs.get("t", "n"), m.group(5)), master))
    return out


def cached_from_bytes(kind, body):
    """The cached value in a ``<c>`` body, typed as :func:`cells.cached_value` does."""
    if kind == "inlineStr":
        return _unescape("".join(_text(t) for t in re.findall(rb"<t[^>]*>(.*?)</t>", body,
                                                             re.S)))
    if kind == "n" and body.startswith(b"<v>") and body.endswith(b"</v>"):
        try:
            return float(body[3:-4])
        except ValueError:
            pass
    vm = _VALUE.search(body)
    if vm is None or vm.group(0).startswith(b"<is"):
        return "" if kind == "str" else None
    text = _text(vm.group(1))
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind in ("str", "e", "s"):
        return _unescape(text)
    try:
        return float(text)
    except ValueError:
        return text


def patch_values(data, values):
    """Worksheet bytes with each formula cell in ``values`` ({address: (t, text)}, t None
    for a number) given that cached value; None if the part does not suit the fast path."""
    span = sheet_data_span(data)
    if span is None:
        return None
    missing = [False]

    def one(m):
        attrs = m.group(1)
        rm = _R.search(attrs)
        if rm is None:
            missing[0] = True
            return m.group(0)
        new = values.get(rm.group(1).decode())
        if new is None:
            return m.group(0)
        kind, text = new
        if b' t="' in attrs:
            attrs = _T_ATTR.sub(b"", attrs)
        if kind:
            attrs += b' t="' + kind.encode() + b'"'
        rest = m.group(5)
        if rest:
            rest = _VALUE.sub(b"", rest)
        v = text.encode("utf-8")
        if b"&" in v or b"<" in v or b">" in v:
            v = html.escape(text, quote=False).encode("utf-8")
        return b"<c" + attrs + b">" + m.group(2) + b"<v>" + v + b"</v>" + rest + b"</c>"

    patched = _FCELL.sub(one, data[span[0]:span[1]])
    if missing[0]:
        return None
    return data[:span[0]] + patched + data[span[1]:]
