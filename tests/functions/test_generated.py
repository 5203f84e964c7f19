import os
import re
import stat

import pytest

from xlcc.cli import main
from xlcc.functions import REGISTRY
from xlcc.functions.artifacts import DOCS_PATH, VBA_PATH, generated_files, stale_files

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_committed_vba_and_docs_match_the_registry():
    assert stale_files(ROOT) == [], "run `xlcc generate` and commit the result"


def test_vba_has_one_wrapper_per_function_with_the_registry_signature():
    vba = generated_files()[VBA_PATH].decode("ascii")
    assert "\r\n" in vba and "\n" not in vba.replace("\r\n", "")
    found = dict(re.findall(r"^Function (\w+)\(([^)]*)\)\r$", vba, flags=re.M))
    assert set(found) == {s.name for s in REGISTRY}
    for spec in REGISTRY:
        expected = ", ".join(("Optional " if a.optional else "") + a.name for a in spec.args)
        assert found[spec.name] == expected
        call = (f'XLPy.CallUDF("xlcc.functions", "{spec.name}", '
                f'Array({", ".join(a.name for a in spec.args)}), ThisWorkbook, Application.Caller)')
        assert call in vba
        assert f'Application.MacroOptions Macro:="{spec.name}", Category:="xlcc"' in vba
    for code in ("#NUM!", "#VALUE!", "#N/A", "#DIV/0!"):
        assert f'Case "{code}": XlccError = CVErr(' in vba
    assert "Public Function XLCC_WHY(cell As Range)" in vba


def test_docs_list_every_function_with_units_and_a_computed_example():
    docs = generated_files()[DOCS_PATH].decode("utf-8")
    for spec in REGISTRY:
        assert f"## {spec.name}\n" in docs and spec.help_es in docs
        for arg in spec.args:
            assert f"| `{arg.name}` | {arg.unit} |" in docs
    assert "`=ERLANGC_AGENTS(100, 180, 0.8, 20)` → 14" in docs


def test_generate_writes_readable_files_atomically(tmp_path, capsys):
    assert main(["generate", "--root", str(tmp_path), "--check"]) == 1
    assert main(["generate", "--root", str(tmp_path)]) == 0
    assert main(["generate", "--root", str(tmp_path), "--check"]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(tmp_path / VBA_PATH).st_mode) == 0o666 & ~umask  # not 0600
    assert not [p for p in os.listdir(tmp_path / "vba") if p.startswith(".xlcc-")]


def test_excel_setup_command(tmp_path, capsys):
    bas = tmp_path / "xlcc_udfs.bas"
    assert main(["excel", "--bas", str(bas)]) == 0
    out = capsys.readouterr().out
    assert "UDF Modules" in out and "xlcc.functions" in out and "=ERLANGC_AGENTS(B2:B49" in out
    assert bas.read_bytes() == generated_files()[VBA_PATH]
