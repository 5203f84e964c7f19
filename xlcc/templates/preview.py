"""Render templates with LibreOffice headless (to PDF, then PNG with pdftoppm).

Used to check that every template opens in LibreOffice without errors and to
make the small preview images in ``docs/previews/`` that the README shows.
LibreOffice runs with a private profile per call (two soffice sharing a profile
can deadlock) under ``timeout``; its default profile does not recalculate on
load, so it shows the values the headless engine cached in the file.
"""

import os
import shutil
import subprocess
import tempfile

__all__ = ["available", "to_pdf", "pdf_pages", "render_png", "write_previews", "PAGES"]

#: which page of each template the README shows: (template key, language) -> the text
#: that starts the page (its sheet title)
PAGES = {("checklist", "en"): "Launch readiness checklist", ("checklist", "es"): "Avance por área",
         ("schedule", "en"): "Campaign activity schedule",
         ("schedule", "es"): "Cronograma de actividades",
         ("indicators", "en"): "Management indicators per day",
         ("indicators", "es"): "Indicadores de gestión por día",
         ("roster", "en"): "Named roster",
         ("roster", "es"): "Malla de turnos con nombres"}


def available():
    """Whether soffice and pdftoppm are installed."""
    return bool(shutil.which("soffice") and shutil.which("pdftoppm"))


def to_pdf(path, out_dir, timeout=180):
    """Convert ``path`` to PDF in ``out_dir``; returns the PDF's path. Raises
    RuntimeError with LibreOffice's output when it fails."""
    profile = tempfile.mkdtemp(prefix="xlcc-lo-")
    try:
        proc = subprocess.run(
            ["timeout", "-k", "5", str(timeout), "soffice", f"-env:UserInstallation=file://{profile}",
             "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(path)],
            capture_output=True, text=True, timeout=timeout + 20)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = os.path.join(out_dir, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    if proc.returncode != 0 or not os.path.exists(pdf):
        raise RuntimeError(f"LibreOffice could not render {path}: rc={proc.returncode} "
                           f"{proc.stdout.strip()} {proc.stderr.strip()}")
    return pdf


def pdf_pages(pdf):
    """Number of pages of ``pdf`` (from pdfinfo, else by counting page objects)."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
    with open(pdf, "rb") as f:
        return f.read().count(b"/Type /Page") - f.read().count(b"/Type /Pages")


def render_png(pdf, page, out_png, width=900):
    """Page ``page`` (1-based) of ``pdf`` as a PNG ``width`` pixels wide."""
    stem = out_png[:-4] if out_png.endswith(".png") else out_png
    subprocess.run(["pdftoppm", "-png", "-f", str(page), "-l", str(page), "-scale-to-x",
                    str(width), "-scale-to-y", "-1", "-singlefile", pdf, stem], check=True,
                   capture_output=True)
    return stem + ".png"


def _page_of(pdf, title):
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                          text=True).stdout
    for i, page in enumerate(text.split("\f"), 1):
        first = next((line.strip() for line in page.splitlines() if line.strip()), "")
        if first.startswith(title):
            return i
    return 1


def write_previews(folder, out, width=760):
    """PNG previews (docs/previews/NAME.png) of the templates in ``folder``."""
    from xlcc.templates import paths

    os.makedirs(out, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for key, lang, path in paths(folder):
            pdf = to_pdf(path, tmp)
            page = _page_of(pdf, PAGES[(key, lang)])
            name = os.path.splitext(os.path.basename(path))[0]
            written.append(render_png(pdf, page, os.path.join(out, name + ".png"), width))
    return written
