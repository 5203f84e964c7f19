"""Write computed values into the workbook package, next to the unchanged formulas.

Only what must change changes:

* in each worksheet part, the ``<sheetData>`` element gets every formula cell's
  value as its cached ``<v>`` (with the matching ``t``); the bytes before and
  after ``<sheetData>`` (views, conditional formatting, data validation, merged
  cells, page setup, drawings) are copied verbatim;
* an xlcc function whose result spills becomes a dynamic-array formula as Excel
  365 writes it (``<f t="array" ref=...>`` with ``cm`` pointing at XLDAPR cell
  metadata, the metadata part added if the workbook had none), and the cells it
  spills into get their values;
* the calculation chain (``xl/calcChain.xml``), stale once values changed, is
  removed with its relationship and content type, as Excel itself tolerates;
* every other part is copied byte for byte (:meth:`Package.to_bytes`).
"""

import math
import re

from lxml import etree

from xlcc.engine.cells import col_letters, escape_text, parse_range, positions, split_ref
from xlcc.engine.functions import EXCEL_ERRORS
from xlcc.engine.package import NS
from xlcc.engine.scan import patch_values, xml_bytes

__all__ = ["write_back", "patched_parts"]

_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_MD_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata"
_MD_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"
_METADATA = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
    b'<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" '
    b'copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" '
    b'clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>'
    b'<futureMetadata name="XLDAPR" count="1"><bk><extLst>'
    b'<ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
    b'<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk>'
    b'</futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>'
    b'</metadata>')
_C, _F, _V, _IS, _ROW = (f"{{{NS}}}{t}" for t in ("c", "f", "v", "is", "row"))
_SHEETDATA = re.compile(rb"<(?:[\w.-]+:)?sheetData[\s>/]")
_ROOT = re.compile(rb"<(?:[\w.-]+:)?worksheet[\s>]")


def _number_text(x):
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def value_text(value):
    """(``t`` attribute or None for a number, ``<v>`` text) of a cached value."""
    if value is None:
        value = 0.0  # a formula that yields a blank shows 0 in Excel
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, (int, float)):
        return (None, _number_text(float(value))) if math.isfinite(value) else ("e", "#NUM!")
    if isinstance(value, str) and value in EXCEL_ERRORS:
        return "e", value
    return "str", escape_text(str(value))


def _set_value(cell, value):
    """Give ``<c>`` the cached value ``value`` (float, str, bool, error text, None)."""
    kind, text = value_text(value)
    if cell.get("t") == "inlineStr":
        for old in cell.findall(_IS):
            cell.remove(old)
    if kind is None:
        if "t" in cell.attrib:
            del cell.attrib["t"]
    else:
        cell.set("t", kind)
    v = cell.find(_V)
    if v is None:
        v = etree.Element(_V)
        f = cell.find(_F)
        if f is not None:
            f.addnext(v)
        else:
            cell.insert(0, v)
    v.text = text


class _Grid:
    """Cells of a ``<sheetData>`` by address, creating rows and cells in order."""

    def __init__(self, sheet_data):
        self.sheet_data = sheet_data
        cells = list(sheet_data.iter(_C))
        if all(c.get("r") for c in cells):
            self.cells = {c.get("r"): c for c in cells}
        else:  # cells without addresses (allowed, rare): number them by position
            self.cells = {}
            for el, r, c in positions(sheet_data):
                el.set("r", f"{col_letters(c)}{r}")
                self.cells[el.get("r")] = el
        self.rows = {}
        for n, row_el in enumerate(sheet_data.iter(_ROW), 1):
            self.rows[int(row_el.get("r", n))] = row_el

    def find(self, row, col):
        return self.cells.get(f"{col_letters(col)}{row}")

    def cell(self, row, col):
        ref = f"{col_letters(col)}{row}"
        el = self.cells.get(ref)
        if el is not None:
            return el
        row_el = self.rows.get(row)
        if row_el is None:
            row_el = etree.Element(_ROW, r=str(row))
            later = [r for r in self.rows if r > row]
            if later:
                self.rows[min(later)].addprevious(row_el)
            else:
                self.sheet_data.append(row_el)
            self.rows[row] = row_el
        el = etree.Element(_C, r=ref)
        after = [(split_ref(c.get("r"))[1], c) for c in row_el.iter(_C)]
        after = [(c, e) for c, e in after if c > col]
        if after:
            min(after, key=lambda t: t[0])[1].addprevious(el)
        else:
            row_el.append(el)
        self.cells[ref] = el
        return el


def _patch_sheet(data, results, dynamic_cm):
    """The worksheet part ``data`` with ``results`` (CellResults) written in; returns
    (bytes, used dynamic-array metadata)."""
    m = _SHEETDATA.search(data)
    if m is None or data[m.end() - 1:m.end()] == b"/" or not results:
        return data, False
    start = m.start()
    close = re.compile(rb"</(?:[\w.-]+:)?sheetData>")
    end_match = None
    for end_match in close.finditer(data, start):
        pass
    if end_match is None:
        return data, False
    root_match = _ROOT.search(data)
    root_end = data.index(b">", root_match.start()) + 1
    prefix = data[root_match.start() + 1:root_match.end() - 1].split(b":")[0] \
        if b":" in data[root_match.start():root_match.end()] else None
    closing = b"</" + (prefix + b":" if prefix else b"") + b"worksheet>"
    wrapper = data[root_match.start():root_end] + data[start:end_match.end()] + closing
    root = etree.fromstring(wrapper)
    sheet_data = root[0]
    grid = _Grid(sheet_data)
    used_dynamic = False
    for res in results:
        cell = grid.cell(res.row, res.col)
        _set_value(cell, res.value)
        if not res.spill:
            continue
        f = cell.find(_F)
        r1, c1, r2, c2 = res.spill
        if f is not None and f.get("t") != "array" and dynamic_cm is not None:
            f.set("t", "array")
            f.set("ref", f"{col_letters(c1)}{r1}:{col_letters(c2)}{r2}")
            f.attrib.pop("si", None)
            cell.set("cm", str(dynamic_cm))
            used_dynamic = True
        elif f is not None and f.get("t") == "array" and cell.get("cm") is not None:
            old = f.get("ref")
            f.set("ref", f"{col_letters(c1)}{r1}:{col_letters(c2)}{r2}")
            if old and ":" in old:  # cells the old spill covered and the new does not
                o1, oc1, o2, oc2 = parse_range(old)
                for r in range(o1, o2 + 1):
                    for c in range(oc1, oc2 + 1):
                        el = grid.find(r, c)
                        if not (r1 <= r <= r2 and c1 <= c <= c2) and el is not None:
                            if el.find(_F) is None:
                                for v in el.findall(_V):
                                    el.remove(v)
                                el.attrib.pop("t", None)
        for i, row_values in enumerate(res.spilled):
            for j, value in enumerate(row_values):
                if (i, j) != (0, 0):
                    member = grid.cell(r1 + i, c1 + j)
                    if member.find(_F) is None:
                        _set_value(member, value)
    out = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    body = out[out.index(b">") + 1:out.rindex(b"</")]
    return data[:start] + body + data[end_match.end():], used_dynamic


def _dynamic_cm(model):
    """(cm index to use for new dynamic arrays, metadata part to add or None)."""
    if model.dynamic_metadata:
        return min(model.dynamic_metadata), None
    rels = model.package.rels("xl/workbook.xml")
    if any(kind == "sheetMetadata" for kind, _ in rels.values()):
        return None, None  # metadata without XLDAPR: write legacy array formulas instead
    return 1, "xl/metadata.xml"


_LETTERS = {}


def _xml_values(results):
    """{address bytes: (t bytes or None, <v> bytes)} of formula cell results."""
    out = {}
    for r in results:
        letters = _LETTERS.get(r.col)
        if letters is None:
            letters = _LETTERS[r.col] = col_letters(r.col).encode()
        value = r.value
        if type(value) is float and value.is_integer() and abs(value) < 1e15:
            out[letters + str(r.row).encode()] = None, str(int(value)).encode()
            continue  # the common case, without the general conversion
        kind, text = value_text(value)
        out[letters + str(r.row).encode()] = kind and kind.encode(), xml_bytes(text)
    return out


def patched_parts(model, results):
    """({part: new bytes or None to drop}, [(part, bytes) to add]) for ``results``."""
    pkg = model.package
    by_sheet = {}
    for res in results:
        by_sheet.setdefault(res.sheet, []).append(res)
    cm, new_metadata = _dynamic_cm(model)
    replaced, added, used = {}, [], False
    for sheet in model.sheets:
        data = pkg.read(sheet.part)
        results = by_sheet.get(sheet.name, [])
        new = patch_values(data, _xml_values(results)) if results else data
        if new is None:  # an unusual part: the element-tree path does everything
            new, dyn = _patch_sheet(data, results, cm)
        else:
            new, dyn = _patch_sheet(new, [r for r in results if r.spill], cm)
        used |= dyn
        if new != data:
            replaced[sheet.part] = new
    rel_changes = []
    if used and new_metadata:
        added.append((new_metadata, _METADATA))
        rel_changes.append(("add", _MD_REL, "metadata.xml"))
    chain = next((p for kind, p in pkg.rels("xl/workbook.xml").values()
                  if kind == "calcChain"), None)
    if chain and pkg.has(chain):
        replaced[chain] = None
        rel_changes.append(("drop", "calcChain", None))
    if rel_changes:
        replaced["xl/_rels/workbook.xml.rels"] = _edit_rels(
            pkg.read("xl/_rels/workbook.xml.rels"), rel_changes)
        replaced["[Content_Types].xml"] = _edit_types(
            pkg.read("[Content_Types].xml"), drop=f"/{chain}" if chain else None,
            add=f"/{new_metadata}" if used and new_metadata else None)
    return replaced, added


def _edit_rels(data, changes):
    root = etree.fromstring(data)
    for action, kind, target in changes:
        if action == "drop":
            for rel in list(root):
                if rel.get("Type", "").endswith("/" + kind):
                    root.remove(rel)
        else:
            ids = {rel.get("Id") for rel in root}
            n = 1
            while f"rId{n}" in ids:
                n += 1
            etree.SubElement(root, f"{{{_PKG_REL}}}Relationship", Id=f"rId{n}", Type=kind,
                             Target=target)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def _edit_types(data, drop=None, add=None):
    root = etree.fromstring(data)
    for el in list(root):
        if drop and el.get("PartName") == drop:
            root.remove(el)
    if add:
        etree.SubElement(root, f"{{{_CT}}}Override", PartName=add, ContentType=_MD_TYPE)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def write_back(model, results, dest):
    """Write the workbook with ``results`` to ``dest`` (atomically)."""
    replaced, added = patched_parts(model, results)
    model.package.write(dest, replaced, added)
