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

from xlcc.engine.cells import (FormulaCell, col_number, new_formula_cell, split_ref,
                               typed_cached, unescape_text)

__all__ = ["sheet_data_span", "scan_formula_cells", "patch_values", "cached_from_bytes",
           "xml_bytes"]

# a formula cell: <f> is always the first child of <c> (CT_Cell: f, v, is, extLst)
_FCELL = re.compile(rb"<c\b([^>]*)>(<f\b([^>]*?)(?:/>|>(.*?)</f>))(.*?)</c>", re.S)
_ATTR = re.compile(rb'\s([\w:]+)="([^"]*)"')
_FORMULA = re.compile(rb"<f\b([^>]*?)(?:/>|>(.*?)</f>)", re.S)
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>(.*?)</v>|<v(?:\s[^>]*)?/>|<is>.*?</is>", re.S)
_T_ATTR = re.compile(rb'\st="[^"]*"')
_R = re.compile(rb'\sr="([^"]*)"')


def sheet_data_span(data):
    """(start, end) of ``<sheetData>...</sheetData>`` if the part suits the fast path."""
    start = data.find(b"<sheetData>")
    if start < 0 or b"<![CDATA[" in data:
        return None
    end = data.rfind(b"</sheetData>")
    return (start, end) if end > start else None


def _attrs(raw):
    return {k.decode(): v.decode() for k, v in _ATTR.findall(raw)}


def _formula_kind(f_attrs):
    """(t, ref, si) of an ``<f>``'s attribute bytes."""
    if not f_attrs or not f_attrs.strip():
        return "normal", "", None
    attrs = _attrs(f_attrs)
    return attrs.get("t", "normal"), attrs.get("ref", ""), attrs.get("si")


def _text(raw):
    if not raw:
        return ""
    text = raw.decode("utf-8")
    return html.unescape(text) if "&" in text else text


def scan_formula_cells(data, dynamic_metadata):
    """The formula cells of worksheet bytes ``data`` (FormulaCells), or None when the
    part does not suit the fast path."""
    span = sheet_data_span(data)
    if span is None:
        return None
    fast = _scan_r_first(data, span, dynamic_metadata)
    return fast if fast is not None else _scan_any(data, span, dynamic_metadata)


# a formula cell as Excel and openpyxl write it: its address first, a plain <f> most often
_FCELL_SCAN = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"([^>]*)>(?:<f>([^<]*)</f>|<f\b([^>]*?)'
                         rb'(?:/>|>(.*?)</f>))(.*?)</c>', re.S)


def _scan_r_first(data, span, dynamic_metadata):
    """The scan when every formula cell starts ``<c r="A1"``; None when some ``<f`` of
    the part was not found that way."""
    start, end = span
    expected = data.count(b"<f>", start, end) + data.count(b"<f ", start, end) \
        + data.count(b"<f/", start, end)
    out, masters, found = [], {}, 0
    for letters, row, attrs, plain, f_attrs, f_text, body in \
            _FCELL_SCAN.findall(data, start, end):
        found += 1
        col, row = col_number(letters.decode()), int(row)
        kind, cm = "n", None
        if attrs:
            attrs = dict(_ATTR.findall(attrs))
            kind, cm = attrs.get(b"t", b"n").decode(), attrs.get(b"cm")
        cached = "" if kind == "n" and body == b"<v></v>" else cached_from_bytes(kind, body)
        if plain:  # the common case, without the general constructor
            text = _text(plain)
            if text.strip():
                out.append(FormulaCell(row, col, text, "normal", "", False, cached, text,
                                       (row, col)))
            continue
        fkind, ref, si = _formula_kind(f_attrs)
        fc = new_formula_cell(row, col, _text(f_text), fkind, ref, si,
                              None if cm is None else cm.decode(), cached, masters,
                              dynamic_metadata)
        if fc is not None:
            out.append(fc)
    return out if found == expected else None


def _scan_any(data, span, dynamic_metadata):
    """The scan for cells with their attributes in any order; None for a cell without
    its address."""
    out, masters = [], {}
    for m in _FCELL.finditer(data, span[0], span[1]):
        attrs = dict(_ATTR.findall(m.group(1)))
        try:
            row, col = split_ref(attrs.get(b"r", b"").decode())
        except ValueError:  # a cell without an address: the element tree numbers it
            return None
        kind = attrs.get(b"t", b"n").decode()
        cm = attrs.get(b"cm")
        f_attrs = m.group(3)
        fkind, ref, si = _formula_kind(f_attrs)
        fc = new_formula_cell(row, col, _text(m.group(4)), fkind, ref, si,
                              None if cm is None else cm.decode(),
                              cached_from_bytes(kind, m.group(5)), masters, dynamic_metadata)
        if fc is not None:
            out.append(fc)
    return out


def cached_from_bytes(kind, body):
    """The cached value in a ``<c>`` body, typed as :func:`cells.cached_value` does."""
    if kind == "inlineStr":
        return unescape_text("".join(_text(t) for t in re.findall(rb"<t[^>]*>(.*?)</t>", body,
                                                                 re.S)))
    if kind == "n" and body.startswith(b"<v>") and body.endswith(b"</v>"):
        try:  # the common case, without decoding
            return float(body[3:-4])
        except ValueError:
            pass
    vm = _VALUE.search(body)
    if vm is None or vm.group(0).startswith(b"<is"):
        return typed_cached(kind, None)
    return typed_cached(kind, _text(vm.group(1)))


# a formula cell as Excel and openpyxl write it, its address first
_FCELL_R_FIRST = re.compile(rb'<c r="([A-Z]{1,3}\d+)"([^>]*)>(<f\b[^>]*?(?:/>|>.*?</f>))(.*?)</c>',
                            re.S)


def xml_bytes(text):
    """Text as the UTF-8 bytes of XML character data."""
    v = text.encode("utf-8")
    return html.escape(text, quote=False).encode("utf-8") if b"&" in v or b"<" in v \
        or b">" in v else v


def patch_values(data, values):
    """Worksheet bytes with each formula cell in ``values`` ({address: (t, text)} as
    bytes ready for XML, t None for a number) given that cached value; None if the part
    does not suit the fast path."""
    span = sheet_data_span(data)
    if span is None:
        return None
    fast = _patch_r_first(data, span, values)
    return fast if fast is not None else _patch_any(data, span, values)


def _patch(m, attrs, kind, v, rest):
    if b' t="' in attrs:
        attrs = _T_ATTR.sub(b"", attrs)
    if kind:
        attrs += b' t="' + kind + b'"'
    if rest:
        rest = _VALUE.sub(b"", rest)
    return b"<c" + attrs + b">" + m + b"<v>" + v + b"</v>" + rest + b"</c>"


def _patch_r_first(data, span, values):
    """The patch when every formula cell starts ``<c r="A1"``, else None (a cell in
    ``values`` not found that way)."""
    # split, not finditer: the groups come back as a list, without a match object per cell
    parts = _FCELL_R_FIRST.split(data[span[0]:span[1]])
    done, get = 0, values.get
    for i in range(1, len(parts), 5):  # text, address, attributes, <f>, rest, text, ...
        address, attrs, f, rest = parts[i:i + 4]
        new = get(address)
        if new is None:
            parts[i:i + 4] = b'<c r="' + address + b'"' + attrs + b">" + f + rest + b"</c>", \
                b"", b"", b""
            continue
        parts[i:i + 4] = _patch(f, b' r="' + address + b'"' + attrs, new[0], new[1], rest), \
            b"", b"", b""
        done += 1
    if done != len(values):
        return None
    return data[:span[0]] + b"".join(parts) + data[span[1]:]


def _patch_any(data, span, values):
    """The patch for cells with their attributes in any order; None if one has no ``r``."""
    missing = [False]

    def one(m):
        attrs = m.group(1)
        rm = _R.search(attrs)
        if rm is None:
            missing[0] = True
            return m.group(0)
        new = values.get(rm.group(1))
        if new is None:
            return m.group(0)
        return _patch(m.group(2), attrs, new[0], new[1], m.group(5))

    patched = _FCELL.sub(one, data[span[0]:span[1]])
    if missing[0]:
        return None
    return data[:span[0]] + patched + data[span[1]:]
