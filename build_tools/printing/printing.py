"""Printed routine sheets: the page address and its QR code, and the PDFs made from the built pages.

The PDFs are the routine pages themselves, printed by headless Chromium (Debian's, through Playwright)
with the same print stylesheet a reader's browser uses, so the download and Ctrl+P give the same sheet.
They are made only by `mkdocs build`, and only when Chromium is installed; otherwise the pages simply
offer no PDF links.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

import segno
from markupsafe import Markup

if TYPE_CHECKING:  # only builds that print import Playwright
    from playwright.sync_api import Page, Route

from build_tools.data.release import Release
from build_tools.data.routines import Routine

log = logging.getLogger("mkdocs.plugins.atlas")


class PrintError(Exception):
    """Chromium was there but could not print; the message says what to do."""


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


def renamed_pdf_copies(routines: Iterable[Routine]) -> list[tuple[str, str]]:
    """(old path, new path) in the site for each PDF of a renamed routine. A static host serves a file
    ending in .pdf as a PDF whatever it holds, so an old PDF address cannot redirect: it gets a copy of
    the new sheet instead (the old page itself redirects; see addresses.py)."""
    return [
        (f"routines/{old}/{old}-{pdf.paper.key}.pdf", f"{routine.url}{pdf.name}")
        for routine in routines
        for old in routine.redirect_from
        for pdf in pdf_files(routine)
    ]


@functools.lru_cache(maxsize=4096)
def _qr_code_svg(address: str) -> str:
    """The QR code of an address as inline SVG; kept, since `mkdocs serve` prints every sheet on every save
    and encoding one is a hundredth of a second."""
    code = segno.make(address, error="m", micro=False)
    # segno writes the SVG from its own matrix; nothing of the contributor's text reaches it.
    svg: str = code.svg_inline(scale=4, border=3, omitsize=True, svgclass="sheet-qr-code", lineclass=None)
    return svg


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
        return Markup(_qr_code_svg(self.address(url))) if self.site_url else Markup("")

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


def _serve_site(page: Page, site_dir: Path, base: str, loaded: set[str]) -> None:
    """Answer every request under base from the built files in site_dir, and refuse all others;
    note in loaded each file served (site-relative), for the print cache.

    The pages are loaded at their real address (not as files, whose shared body-map SVG browsers refuse,
    nor from a local port), so the links kept in the PDF lead to the published site and every build
    prints the same bytes. Routing also turns off the browser's HTTP cache, so every file a page uses
    passes through here."""

    def from_disk(route: Route) -> None:
        relative = unquote(urlsplit(route.request.url).path).removeprefix(urlsplit(base).path)
        target = (site_dir / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and target.is_relative_to(site_dir.resolve()):
            loaded.add(target.relative_to(site_dir.resolve()).as_posix())
            route.fulfill(path=target)
        else:
            route.fulfill(status=404, body="")

    page.route("**/*", lambda route: route.abort())  # nothing leaves the machine
    page.route(base + "**", from_disk)
    # A printed sheet never searches, and the search index grows with the library (28 MB at 5,000
    # exercises): serving it to every sheet made the PDFs take 2 minutes at that size instead of 9 s.
    page.route(base + "search/**", lambda route: route.abort())


def _digest(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


@dataclass(frozen=True)
class PrintCache:
    """Routine PDFs printed by earlier builds, reused while nothing that went into them has changed.

    Beside each routine's PDFs lies a manifest: every file Chromium loaded to print the sheet (the page,
    its stylesheets, scripts and pictures, each by SHA-256) and what printed it (the Chromium binary,
    Playwright, the release date stamped into the PDF, the address the page was printed at). A build
    reuses the PDFs only when all of it is unchanged, so a cached PDF is the one a new print would give.
    Printing takes seconds a routine; this is what keeps repeated builds quick, as Material's social
    plugin does for its cards.
    """

    folder: Path

    def _manifest(self, routine: Routine) -> Path:
        return self.folder / f"{routine.id}.json"

    def fetch(self, routine: Routine, site_dir: Path, printer: dict[str, str]) -> dict[str, bytes] | None:
        """The routine's PDFs by file name, if every input is as when they were printed."""
        try:
            manifest = json.loads(self._manifest(routine).read_text(encoding="utf-8"))
            if manifest["printer"] != printer or not manifest["inputs"]:
                return None
            for relative, digest in manifest["inputs"].items():
                source = site_dir / relative
                if not source.is_file() or _digest(source) != digest:
                    return None
            return {pdf.name: (self.folder / pdf.name).read_bytes() for pdf in pdf_files(routine)}
        except (OSError, ValueError, KeyError, TypeError):
            return None  # no entry, or a damaged one: print afresh

    def store(
        self,
        routine: Routine,
        pdfs: dict[str, bytes],
        loaded: set[str],
        site_dir: Path,
        printer: dict[str, str],
    ) -> None:
        """Keep the routine's PDFs with the manifest of what they were printed from."""
        manifest = {"printer": printer, "inputs": {rel: _digest(site_dir / rel) for rel in sorted(loaded)}}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, data in pdfs.items():
                _write_atomically(self.folder / name, data)
            _write_atomically(self._manifest(routine), json.dumps(manifest, indent=1).encode())
        except OSError as error:  # a read-only checkout still builds; it only prints every time
            log.debug("Routine PDFs not cached: %s", error)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file and a rename, so two builds sharing a cache never read half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def printer_identity(release: Release, base: str) -> dict[str, str]:
    """What, besides the files a sheet loads, decides the bytes of its PDF."""
    chromium = chromium_path()
    stat = chromium.stat()
    return {
        "chromium": f"{chromium.resolve()} {stat.st_size} {stat.st_mtime_ns}",
        "playwright": metadata.version("playwright"),
        "epoch": str(release.epoch),
        "address": base,
    }


def write_routine_pdfs(
    routines: Iterable[Routine],
    site_dir: Path,
    release: Release,
    site_url: str = "",
    cache: PrintCache | None = None,
) -> list[Path]:
    """Print every routine page in site_dir to one PDF per paper size, with one browser for them all;
    routines whose sheets are unchanged since a cached print are copied from cache instead."""
    routines = list(routines)
    if not routines:
        return []
    base = site_url if site_url.endswith("/") else (site_url + "/" if site_url else STAND_IN_ORIGIN)
    printer = printer_identity(release, base)
    written: list[Path] = []
    to_print = []
    for routine in routines:
        cached = cache.fetch(routine, site_dir, printer) if cache else None
        if cached is None:
            to_print.append(routine)
            continue
        for name, data in cached.items():
            (site_dir / routine.url / name).write_bytes(data)
            written.append(site_dir / routine.url / name)
    if to_print:
        written += _print(to_print, site_dir, release, base, cache, printer)
    log.info(
        "Routine PDFs: %d printed, %d reused from %s",
        len(to_print) * len(PAPERS),
        (len(routines) - len(to_print)) * len(PAPERS),
        cache.folder if cache else "no cache",
    )
    return written


def _print(
    routines: list[Routine],
    site_dir: Path,
    release: Release,
    base: str,
    cache: PrintCache | None,
    printer: dict[str, str],
) -> list[Path]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright  # only builds that print need it

    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium_path()), headless=True, args=CHROMIUM_ARGS
            )
            try:
                for routine in routines:
                    page = browser.new_page()  # a page of its own, so `loaded` lists just this sheet's files
                    loaded: set[str] = set()
                    _serve_site(page, site_dir, base, loaded)
                    page.goto(base + routine.url, wait_until="load")
                    page.emulate_media(media="print")
                    pdfs = {
                        pdf.name: _fixed_dates(
                            page.pdf(format=pdf.paper.format, print_background=True), release.epoch
                        )
                        for pdf in pdf_files(routine)
                    }
                    page.close()
                    for name, data in pdfs.items():
                        (site_dir / routine.url / name).write_bytes(data)
                        written.append(site_dir / routine.url / name)
                    if cache:
                        cache.store(routine, pdfs, loaded, site_dir, printer)
            finally:
                browser.close()
    except PlaywrightError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise PrintError(
            f"Chromium could not print the routine PDFs: {first_line}. Set ATLAS_CHROMIUM to a "
            f"missing path to build without PDFs."
        ) from None
    return written
