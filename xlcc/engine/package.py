"""A workbook package (the .xlsx/.xlsm zip), opened defensively and written back whole.

Everything the engine reads from a file comes through here, so this is where
hostile input stops: a file that is not a zip, an old binary ``.xls``, a
password-protected (encrypted) workbook, a truncated or corrupt package, a zip
bomb (too many parts, parts too large, absurd compression ratios) and XML with a
DOCTYPE (entity bombs, external entities) are refused with one
:class:`WorkbookError` line naming the file and the reason. Nothing is executed
(VBA is carried as bytes) and nothing is fetched (external links are reported;
their cached values are used as Excel does when links are not updated).

Writing builds a new zip from the original entries in their original order,
with their names, dates and compression, replacing only the parts the caller
changed; every other part is copied byte for byte.
"""

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from xlcc._atomic import write_atomic

__all__ = ["WorkbookError", "Package", "SheetInfo", "LIMITS", "NS", "REL_NS"]

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

#: Package limits; far above any planning workbook, far below what hurts a server.
LIMITS = {
    "max_input_bytes": 512 * 2**20,
    "max_entries": 20_000,
    "max_part_bytes": 512 * 2**20,
    "max_expanded_bytes": 2 * 2**30,
    "max_ratio": 500,  # uncompressed / compressed, checked on parts above 1 MiB
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=True, remove_blank_text=False)


class WorkbookError(Exception):
    """A file the engine refuses or cannot process; ``str()`` is one line."""

    def __init__(self, path, reason):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = str(path), reason


@dataclass(frozen=True)
class SheetInfo:
    """One worksheet: its name as Excel shows it and its part inside the package."""

    name: str
    part: str
    state: str = "visible"


@dataclass
class Package:
    """The parts of one workbook file, read once; the file itself is never written."""

    path: str
    data: bytes
    infos: list
    _cache: dict = field(default_factory=dict)

    @classmethod
    def open(cls, path, data=None):
        """Read ``path`` (or ``data``, the file's bytes) and check it is a sane workbook."""
        if data is None:
            try:
                with open(path, "rb") as f:
                    data = f.read(LIMITS["max_input_bytes"] + 1)
            except OSError as exc:
                raise WorkbookError(path, f"cannot read the file ({exc.strerror})") from None
        if len(data) > LIMITS["max_input_bytes"]:
            raise WorkbookError(path, f"file larger than {LIMITS['max_input_bytes'] >> 20} MiB")
        if data.startswith(_OLE2):
            if _ENCRYPTED_MARK in data:
                raise WorkbookError(path, "the workbook is password-protected (encrypted); "
                                          "save it without a password to recalculate it")
            raise WorkbookError(path, "this is a binary .xls workbook (Excel 97-2003); "
                                      "save it as .xlsx or .xlsm")
        if not data.startswith(b"PK"):
            raise WorkbookError(path, "not a workbook: the file is not a zip package "
                                      "(.xlsx/.xlsm)")
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise WorkbookError(path, f"corrupt or truncated package ({exc})") from None
        pkg = cls(str(path), data, infos)
        pkg._archive = archive
        pkg._check_sizes()
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            if "xl/workbook.bin" in names:
                raise WorkbookError(path, "this is a binary .xlsb workbook; save it as .xlsx")
            raise WorkbookError(path, "not a spreadsheet package (no xl/workbook.xml)")
        return pkg

    def _check_sizes(self):
        if len(self.infos) > LIMITS["max_entries"]:
            raise WorkbookError(self.path, f"zip bomb suspected: {len(self.infos)} parts "
                                           f"(limit {LIMITS['max_entries']})")
        total = 0
        for info in self.infos:
            if info.flag_bits & 0x1:
                raise WorkbookError(self.path, f"part {info.filename} is encrypted")
            if info.file_size > LIMITS["max_part_bytes"]:
                raise WorkbookError(self.path, f"zip bomb suspected: part {info.filename} "
                                               f"expands to {info.file_size >> 20} MiB")
            if info.file_size > 2**20 and info.file_size > LIMITS["max_ratio"] * max(
                    info.compress_size, 1):
                raise WorkbookError(self.path, f"zip bomb suspected: part {info.filename} "
                                               f"compresses {info.file_size // max(info.compress_size, 1)}:1")
            total += info.file_size
        if total > LIMITS["max_expanded_bytes"]:
            raise WorkbookError(self.path, f"zip bomb suspected: parts expand to "
                                           f"{total >> 20} MiB")

    # -- reading parts ---------------------------------------------------------------
    def names(self):
        return [i.filename for i in self.infos]

    def has(self, name):
        return name in {i.filename for i in self.infos}

    def read(self, name):
        """The bytes of part ``name`` (CRC-checked by zipfile)."""
        if name not in self._cache:
            try:
                self._cache[name] = self._archive.read(name)
            except KeyError:
                raise WorkbookError(self.path, f"part {name} is missing") from None
            except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
                raise WorkbookError(self.path, f"corrupt part {name} ({exc})") from None
            except NotImplementedError as exc:
                raise WorkbookError(self.path, f"part {name}: {exc}") from None
        return self._cache[name]

    def xml(self, name):
        """Part ``name`` parsed safely; a DOCTYPE (entity or external-entity tricks) is refused."""
        data = self.read(name)
        self._refuse_doctype(name, data)
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise WorkbookError(self.path, f"corrupt XML in {name} ({exc})") from None

    def check_xml_parts(self):
        """Refuse the package if any XML part carries a DOCTYPE (checked before any other
        library parses the file)."""
        for info in self.infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                self._refuse_doctype(info.filename, self.read(info.filename))

    def _refuse_doctype(self, name, data):
        # OOXML never needs a DTD; one in a part is an entity bomb or an external fetch
        head = data[:65536]
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise WorkbookError(self.path, f"part {name} declares a DOCTYPE/entities "
                                           f"(refused: XML entity bombs and external entities)")

    def rels(self, part):
        """{relationship id: (type suffix, target part)} of ``part``."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        out = {}
        for rel in self.xml(rels_name):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                resolved = target
            elif target.startswith("/"):
                resolved = target[1:]
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], resolved)
        return out

    # -- workbook facts --------------------------------------------------------------
    def sheets(self):
        """Worksheets in tab order (chart sheets and dialog sheets are not worksheets)."""
        rels = self.rels("xl/workbook.xml")
        out = []
        for sheet in self.xml("xl/workbook.xml").iter(f"{{{NS}}}sheet"):
            kind, part = rels.get(sheet.get(f"{{{REL_NS}}}id"), ("", ""))
            if kind == "worksheet":
                out.append(SheetInfo(sheet.get("name"), part, sheet.get("state", "visible")))
        return out

    def calc_settings(self):
        """The workbook's ``calcPr``: iterate (bool), iterateCount, iterateDelta."""
        calc = self.xml("xl/workbook.xml").find(f"{{{NS}}}calcPr")
        get = (lambda k, d: d) if calc is None else (lambda k, d: calc.get(k, d))
        return {"iterate": get("iterate", "0") in ("1", "true"),
                "iterate_count": int(get("iterateCount", "100")),
                "iterate_delta": float(get("iterateDelta", "0.001"))}

    def date1904(self):
        pr = self.xml("xl/workbook.xml").find(f"{{{NS}}}workbookPr")
        return pr is not None and pr.get("date1904", "0") in ("1", "true")

    def external_links(self):
        return [n for n in self.names() if n.startswith("xl/externalLinks/")
                and n.endswith(".xml")]

    def has_macros(self):
        return any(n.lower().endswith("vbaproject.bin") for n in self.names())

    # -- writing ---------------------------------------------------------------------
    def to_bytes(self, replaced, added=()):
        """The package with parts in ``replaced`` ({name: bytes, or None to drop}) swapped
        and ``added`` ((name, bytes) pairs) appended; everything else copied unchanged."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for info in self.infos:
                if info.filename in replaced:
                    if replaced[info.filename] is None:
                        continue
                    z.writestr(_clone(info), replaced[info.filename])
                else:
                    z.writestr(_clone(info), self.read(info.filename))
            for name, data in added:
                z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                           compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()

    def write(self, dest, replaced, added=()):
        """Write the changed package to ``dest`` atomically (temporary file + rename)."""
        write_atomic(dest, self.to_bytes(replaced, added))


def _clone(info):
    """A fresh ZipInfo with the original's name, date, compression and attributes."""
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = info.compress_type
    new.external_attr = info.external_attr
    new.create_system = info.create_system
    new.comment = info.comment
    return new
