"""Printed routine sheets: the page address and its QR code, and the PDFs made from the built pages.

The PDFs are the routine pages themselves, printed by headless Chromium (Debian's, through Playwright)
with the same print stylesheet a reader's browser uses, so the download and Ctrl+P give the same sheet.
They are made only by `mkdocs build`, and only when Chromium is installed; otherwise the pages simply
offer no PDF links.
"""

from __future__ import annotations

import http.server
import logging
import os
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from urllib.parse import urljoin

import segno
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from .release import Release
from .routines import Routine

log = logging.getLogger("mkdocs.plugins.atlas")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class Paper:
    key: str  # in the file name
    format: str  # Chromium's name for it
    label: str  # what the reader sees


PAPERS = (Paper("a4", "A4", "A4"), Paper("letter", "Letter", "US Letter"))


@dataclass(frozen=True)
class PdfFile:
    paper: Paper
    name: str  # file name, next to the routine page's index.html


def chromium_path() -> Path:
    """Where Debian installs Chromium; ATLAS_CHROMIUM points elsewhere (or at nothing, to build without)."""
    return Path(os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium"))


def pdf_files(routine: Routine) -> list[PdfFile]:
    """The PDFs of a routine, one per paper size."""
    return [PdfFile(paper, f"{routine.id}-{paper.key}.pdf") for paper in PAPERS]


@dataclass(frozen=True)
class Printing:
    """What the sheet templates need beyond the records: addresses, QR codes, version, PDF links."""

    site_url: str
    release: Release
    make_pdfs: bool

    def address(self, url: str) -> str:
        """The full address of a site page, as printed under the QR code."""
        return urljoin(self.site_url, url) if self.site_url else "/" + url

    def qr_svg(self, url: str) -> Markup:
        """An inline SVG QR code for the page's full address (empty without a site_url to point at)."""
        if not self.site_url:
            return Markup("")
        code = segno.make(self.address(url), error="m", micro=False)
        # segno writes the SVG from its own matrix; nothing of the contributor's text reaches it.
        return Markup(code.svg_inline(scale=4, border=3, omitsize=True, svgclass="sheet-qr-code", lineclass=None))

    def pdfs(self, routine: Routine) -> list[PdfFile]:
        """The PDF links to show on a routine's page: none when this build makes no PDFs."""
        return pdf_files(routine) if self.make_pdfs else []

    @property
    def version_date(self) -> str:
        """The release date written out, e.g. 21 November 2026."""
        return long_date(self.release.date)

    @staticmethod
    def long_date(iso: str) -> str:
        """A YYYY-MM-DD date written out for the sheet."""
        return long_date(iso)


def long_date(iso: str) -> str:
    """'2026-11-21' -> '21 November 2026': unambiguous on both sides of the Atlantic."""
    day = datetime.strptime(iso, "%Y-%m-%d")
    return f"{day.day} {day:%B %Y}"


def pdfs_possible(command: str) -> tuple[bool, str]:
    """Whether this MkDocs command makes PDFs, and the notice to log when it cannot."""
    if command != "build":  # serve rebuilds on every edit; gh-deploy and others do not stage the site
        return False, ""
    chromium = chromium_path()
    if not chromium.is_file():
        return False, (f"Chromium was not found at {chromium}, so the routine PDFs are not made and the routine "
                       f"pages offer no PDF links. Install Debian's chromium package to make them (see README).")
    return True, ""


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


def _fixed_dates(pdf: bytes, epoch: int) -> bytes:
    """The PDF with Chromium's clock times replaced by the release time, so rebuilds are byte-identical."""
    stamp = datetime.fromtimestamp(epoch, UTC).strftime("D:%Y%m%d%H%M%S+00'00'").encode()
    # Same length as what it replaces, so the cross-reference offsets stay right.
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (" + stamp + b")", pdf)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    """Serve folder on a free local port; yields its base URL. The sheets' body maps load a shared SVG,
    which browsers refuse to pages opened as files, so the pages are printed from a real server."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def write_routine_pdfs(routines: Iterable[Routine], site_dir: Path, release: Release) -> list[Path]:
    """Print every routine page in site_dir to one PDF per paper size, with one browser for them all."""
    routines = list(routines)
    if not routines:
        return []
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright  # only builds that make PDFs need it

    written = []
    try:
        with _served(site_dir) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium_path()), headless=True,
                                                 args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                for routine in routines:
                    folder = site_dir / routine.url
                    page.goto(base + routine.url, wait_until="load")
                    page.emulate_media(media="print")
                    for pdf in pdf_files(routine):
                        data = page.pdf(format=pdf.paper.format, print_background=True)
                        target = folder / pdf.name
                        target.write_bytes(_fixed_dates(data, release.epoch))
                        written.append(target)
            finally:
                browser.close()
    except PlaywrightError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise PluginError(f"Chromium could not print the routine PDFs: {first_line}. Set ATLAS_CHROMIUM to a "
                          f"missing path to build without PDFs.") from None
    log.info("Printed %d routine PDFs", len(written))
    return written
