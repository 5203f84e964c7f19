"""Files generated from the registry: the VBA module, the function reference and the
indicator catalogue."""

import os

from xlcc._atomic import write_atomic
from xlcc.functions import REGISTRY
from xlcc.kpi import catalogue
from xlcc.functions.docs import render_markdown
from xlcc.functions.vba import render_vba

VBA_PATH = os.path.join("vba", "xlcc_udfs.bas")
DOCS_PATH = os.path.join("docs", "functions.md")
INDICATORS_PATH = os.path.join("docs", "indicators.md")


def vba_module():
    """The bytes of ``vba/xlcc_udfs.bas`` (ASCII, CRLF) for the current registry."""
    return render_vba(REGISTRY).encode("ascii")


def generated_files():
    """{relative path: bytes} for every file derived from the registry."""
    import xlcc.functions as fx
    udfs = {spec.name: getattr(fx, spec.name) for spec in REGISTRY}
    return {VBA_PATH: vba_module(),
            DOCS_PATH: render_markdown(REGISTRY, udfs).encode("utf-8"),
            INDICATORS_PATH: catalogue.render_markdown().encode("utf-8")}


def stale_files(root):
    """Relative paths under ``root`` that differ from what the registry generates."""
    stale = []
    for rel, data in generated_files().items():
        path = os.path.join(root, rel)
        if not os.path.exists(path) or open(path, "rb").read() != data:
            stale.append(rel)
    return stale


def write_generated(root):
    """(Re)write every generated file under ``root`` atomically; returns their paths."""
    written = []
    for rel, data in generated_files().items():
        write_atomic(os.path.join(root, rel), data)
        written.append(rel)
    return written
