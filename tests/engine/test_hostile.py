"""Bad and hostile files: one clear line naming the file and the reason; nothing run."""

import zipfile

import openpyxl

from xlcc.cli import main
from xlcc.engine import package
from xlcc.engine.recalc import recalc_file


def _valid(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "=1+1"
    path = tmp_path / "ok.xlsx"
    wb.save(path)
    return path


def _rewrite(src, dest, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    return dest


def _error(path):
    report = recalc_file(str(path), str(path) + ".out.xlsx")
    assert not report.ok
    assert str(path) in report.error and "\n" not in report.error
    return report.error


def test_not_a_zip(tmp_path):
    p = tmp_path / "notes.xlsx"
    p.write_text("hello")
    assert "not a zip package" in _error(p)


def test_truncated_package(tmp_path):
    data = _valid(tmp_path).read_bytes()
    p = tmp_path / "cut.xlsx"
    p.write_bytes(data[: len(data) // 2])
    assert "corrupt or truncated" in _error(p)


def test_old_binary_xls_and_encrypted(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000
    (tmp_path / "old.xls").write_bytes(ole)
    assert "binary .xls" in _error(tmp_path / "old.xls")
    (tmp_path / "secret.xlsx").write_bytes(ole + "EncryptionInfo".encode("utf-16-le"))
    assert "password-protected" in _error(tmp_path / "secret.xlsx")


def test_zip_bomb(tmp_path, monkeypatch):
    monkeypatch.setitem(package.LIMITS, "max_ratio", 50)
    src = _valid(tmp_path)
    bomb = _rewrite(src, tmp_path / "bomb.xlsx", lambda n, d: d)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/zeros.bin", b"\x00" * (8 << 20))
    assert "zip bomb suspected" in _error(bomb)
    monkeypatch.setitem(package.LIMITS, "max_entries", 5)
    assert "zip bomb suspected" in _error(src)


def test_entity_bomb(tmp_path):
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')

    def inject(name, data):
        if name == "xl/worksheets/sheet1.xml":
            return lol + (data[data.index(b"?>") + 2:] if b"?>" in data else data)
        return data
    p = _rewrite(_valid(tmp_path), tmp_path / "lol.xlsx", inject)
    assert "DOCTYPE" in _error(p)


def test_missing_workbook_part(tmp_path):
    p = _rewrite(_valid(tmp_path), tmp_path / "nowb.xlsx",
                 lambda n, d: None if n == "xl/workbook.xml" else d)
    assert "no xl/workbook.xml" in _error(p)


def test_batch_goes_on_and_exits_non_zero(tmp_path, capsys):
    good = _valid(tmp_path)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04garbage")
    out = tmp_path / "out"
    rc = main(["recalc", str(good), str(bad), "-o", str(out) + "/"])
    text = capsys.readouterr().out
    assert rc == 1
    assert "FAILED" in text and "bad.xlsx" in text and "1 of 2 files recalculated" in text
    assert openpyxl.load_workbook(out / "ok.xlsx", data_only=True).active["A1"].value == 2
    assert bad.read_bytes() == b"PK\x03\x04garbage"  # input untouched


def test_glob_and_jobs(tmp_path, capsys):
    for i in range(3):
        wb = openpyxl.Workbook()
        wb.active["A1"], wb.active["A2"] = i, "=A1*10"
        wb.save(tmp_path / f"f{i}.xlsx")
    rc = main(["recalc", str(tmp_path / "f*.xlsx"), "-o", str(tmp_path / "o"), "--jobs", "2"])
    assert rc == 0, capsys.readouterr()
    for i in range(3):
        ws = openpyxl.load_workbook(tmp_path / "o" / f"f{i}.xlsx", data_only=True).active
        assert ws["A2"].value == i * 10
