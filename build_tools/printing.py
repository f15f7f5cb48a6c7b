"""Printed routine sheets: the page address and its QR code, and the PDFs made from the built pages.

The PDFs are the routine pages themselves, printed by headless Chromium (Debian's, through Playwright)
with the same print stylesheet a reader's browser uses, so the download and Ctrl+P give the same sheet.
They are made only by `mkdocs build`, and only when Chromium is installed; otherwise the pages simply
offer no PDF links.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import segno
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from .release import Release
from .routines import Routine

log = logging.getLogger("mkdocs.plugins.atlas")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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
        svg = code.svg_inline(scale=4, border=3, omitsize=True, svgclass="sheet-qr-code", lineclass=None)
        return Markup(svg)

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
        return False, (
            f"Chromium was not found at {chromium}, so the routine PDFs are not made and the "
            f"routine pages offer no PDF links. Install Debian's chromium package to make them "
            f"(see README)."
        )
    return True, ""


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


def _fixed_dates(pdf: bytes, epoch: int) -> bytes:
    """The PDF with Chromium's clock times replaced by the release time, so rebuilds are byte-identical."""
    stamp = datetime.fromtimestamp(epoch, UTC).strftime("D:%Y%m%d%H%M%S+00'00'").encode()
    # Same length as what it replaces, so the cross-reference offsets stay right.
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (" + stamp + b")", pdf)


# Where the pages are served from while printing when the site has no site_url of its own.
STAND_IN_ORIGIN = "http://atlas.localhost/"


def _serve_site(page, site_dir: Path, base: str) -> None:
    """Answer every request under base from the built files in site_dir, and refuse all others.

    The pages are loaded at their real address (not as files, whose shared body-map SVG browsers refuse,
    nor from a local port), so the links kept in the PDF lead to the published site and every build
    prints the same bytes."""

    def from_disk(route) -> None:
        relative = unquote(urlsplit(route.request.url).path).removeprefix(urlsplit(base).path)
        target = (site_dir / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and target.is_relative_to(site_dir.resolve()):
            route.fulfill(path=target)
        else:
            route.fulfill(status=404, body="")

    page.route("**/*", lambda route: route.abort())  # nothing leaves the machine
    page.route(base + "**", from_disk)
    # A printed sheet never searches, and the search index grows with the library (28 MB at 5,000
    # exercises): serving it to every sheet made the PDFs take 2 minutes at that size instead of 9 s.
    page.route(base + "search/**", lambda route: route.abort())


def write_routine_pdfs(
    routines: Iterable[Routine], site_dir: Path, release: Release, site_url: str = ""
) -> list[Path]:
    """Print every routine page in site_dir to one PDF per paper size, with one browser for them all."""
    routines = list(routines)
    if not routines:
        return []
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright  # only builds that make PDFs need it

    base = site_url if site_url.endswith("/") else (site_url + "/" if site_url else STAND_IN_ORIGIN)
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium_path()), headless=True, args=CHROMIUM_ARGS
            )
            try:
                page = browser.new_page()
                _serve_site(page, site_dir, base)
                for routine in routines:
                    page.goto(base + routine.url, wait_until="load")
                    page.emulate_media(media="print")
                    for pdf in pdf_files(routine):
                        data = page.pdf(format=pdf.paper.format, print_background=True)
                        target = site_dir / routine.url / pdf.name
                        target.write_bytes(_fixed_dates(data, release.epoch))
                        written.append(target)
            finally:
                browser.close()
    except PlaywrightError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise PluginError(
            f"Chromium could not print the routine PDFs: {first_line}. Set ATLAS_CHROMIUM to a "
            f"missing path to build without PDFs."
        ) from None
    log.info("Printed %d routine PDFs", len(written))
    return written
