"""The `atlas` MkDocs plugin: loads the data once, adds generated pages, and never ships a broken site."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from build_tools.data.addresses import page_redirects
from build_tools.data.library import Library, ProjectPaths, load_library
from build_tools.data.problems import DataError
from build_tools.data.release import Release, content_release
from build_tools.prerender import PageBody, Prerenderer
from build_tools.printing.printing import (
    PrintCache,
    PrintError,
    Printing,
    pdfs_possible,
    renamed_pdf_copies,
    write_routine_pdfs,
)
from build_tools.search_parse import QuickSearchIndex, SectionsByHtml
from build_tools.site.api import api_files
from build_tools.site.chrome import chrome_key
from build_tools.site.compact_html import collapse_indentation
from build_tools.site.figures.cache import DrawingCache
from build_tools.site.figures.site import site_figures
from build_tools.site.headings import anchor_ids, headings
from build_tools.site.held_html import HeldHtml
from build_tools.site.macros import MACRO_NAMES, ContentMacros
from build_tools.site.offline import GzipSizes, write_service_worker
from build_tools.site.pages import GeneratedPage, generated_pages
from build_tools.site.render import Renderer
from build_tools.site.set_aside import SetAside, set_aside

log = logging.getLogger("mkdocs.plugins.atlas")


class CopiedWhole(File):
    """A file copied into the site as it is, read and written whole: for thousands of small kept drawings,
    MkDocs's copy (shutil.copyfile, with its checks for special files) took twice as long.

    With linked set (`mkdocs serve`, whose site is a temporary folder of MkDocs's own that nothing else
    writes to, when it is on the cache's file system), the file is hard-linked to the kept drawing
    instead: a quarter of the time of a copy on disk, where every rebuild of the shipped site wrote
    225 drawings (0.25 s). `mkdocs build` always copies: a tool that edits a built site in place would
    otherwise change the kept drawing too."""

    linked = False

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        assert self.abs_src_path is not None
        target = Path(self.abs_dest_path)
        if self.linked and self._link(target):
            return
        data = Path(self.abs_src_path).read_bytes()
        target.unlink(missing_ok=True)  # (never write through a link left by a linked build)
        try:
            target.write_bytes(data)
        except FileNotFoundError:  # the first file of its folder
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def _link(self, target: Path) -> bool:
        """Hard-link target to the kept drawing; False where links cannot be made (another device)."""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # `mkdocs serve --dirty` keeps the last build's files
            os.link(self.abs_src_path or "", target)
        except OSError:  # then the copy says what is wrong, if anything is
            return False
        return True


def _same_device(one: Path, other: Path) -> bool:
    """Whether files in one folder can be hard-linked into the other (both on one file system)."""
    try:
        return one.stat().st_dev == other.stat().st_dev
    except OSError:
        return False


def _template_cache(folder: Path) -> BytecodeCache | None:
    """Compiled Jinja templates kept on disk, each checked against its source's checksum before use."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout builds without the cache
        return None
    return FileSystemBytecodeCache(str(folder))


class AtlasConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__
    exercises_dir = c.Type(str, default="exercises")
    vocabularies_dir = c.Type(str, default="vocabularies")
    schemas_dir = c.Type(str, default="schemas")
    templates_dir = c.Type(str, default="site-overrides/atlas")
    # Routine PDFs from earlier builds (see printing.PrintCache); ATLAS_CACHE_DIR overrides it.
    cache_dir = c.Type(str, default=".cache/atlas")


class AtlasPlugin(BasePlugin[AtlasConfig]):  # type: ignore[no-untyped-call]  # likewise
    """Turns the YAML records into pages. See README 'How the site is built'."""

    def __init__(self) -> None:
        self.command = "build"
        self.library: Library | None = None
        self.renderer: Renderer | None = None
        self._final_site_dir: Path | None = None
        self._staging: Path | None = None
        self._warnings = CountHandler()
        self._generated: dict[str, GeneratedPage] = {}
        self._page_url = ""
        self._bodies: dict[str, PageBody] = {}  # generated pages, from on_page_markdown to on_page_content
        self._ahead: Prerenderer | None = None  # generated pages made by a second process (prerender.py)
        self._made_ahead: dict[str, PageBody] = {}  # their search sections, until search reads them
        self._redirect_keys: set[str] = set()  # the redirect_maps entries this plugin added
        self.held_html = HeldHtml()  # what content macros wrote, until Markdown is done (held_html.py)
        self._set_aside = SetAside()  # drawings kept out of page.content while search parses it
        self._sections_by_html = SectionsByHtml()  # what search read, kept for `mkdocs serve`'s next build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this plugin alive across `mkdocs serve` rebuilds.
        self.command = command

    @event_priority(100)  # before macros, which reads the library in its own on_config
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        paths = ProjectPaths.at(
            root,
            exercises=root / self.config.exercises_dir,
            vocabularies=root / self.config.vocabularies_dir,
            schemas=root / self.config.schemas_dir,
            content=Path(config.docs_dir),
        )
        try:
            self.library = load_library(paths, MACRO_NAMES)
        except DataError as error:
            raise PluginError(f"The exercise data has problems; nothing was built.\n{error}") from None
        # Dates come from the commit, so MkDocs' sitemap and our sheets are the same on every rebuild.
        self.release: Release = content_release(root, [e.reviewed for e in self.library.exercises.values()])
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(self.release.epoch))
        self.cache_dir = cache_dir = root / os.environ.get("ATLAS_CACHE_DIR", self.config.cache_dir)
        # One folder per Jinja environment: compiled code depends on the environment's settings.
        self.theme_template_cache = _template_cache(cache_dir / "templates" / "theme")
        site_figures(self.library, DrawingCache(cache_dir / "figures"))  # before anything draws
        self.renderer = Renderer(
            self.library,
            root / self.config.templates_dir,
            config.repo_url or "",
            bytecode_cache=_template_cache(cache_dir / "templates" / "atlas"),
        )
        # Routine PDFs: made by `mkdocs build` when Chromium is installed; otherwise a notice, no links.
        make_pdfs, notice = pdfs_possible(self.command)
        if notice and self.library.routines:
            log.info(notice)
        self.printing = Printing(config.site_url or "", self.release, make_pdfs)
        self.print_cache = PrintCache(cache_dir / "routine-pdfs")
        self.renderer.env.globals["printing"] = self.printing
        self._add_redirects(config)
        if self.command == "build":
            self._stage(config)
        return config

    def _add_redirects(self, config: MkDocsConfig) -> None:
        """Hand every renamed record's old page to mkdocs-redirects, beside any map in mkdocs.yml."""
        assert self.library is not None
        ours = page_redirects(self.library.exercises, self.library.routines)
        plugin = config.plugins.get("redirects")
        if plugin is None:
            if ours:
                raise PluginError(
                    "Records list old ids under redirect_from, but the redirects plugin is not in "
                    "mkdocs.yml; add '- redirects' to plugins, after '- atlas'."
                )
            return
        maps = plugin.config["redirect_maps"]
        for key in self._redirect_keys - set(ours):  # a redirect removed since the last `serve` rebuild
            maps.pop(key, None)
        maps.update(ours)
        self._redirect_keys = set(ours)

    def _stage(self, config: MkDocsConfig) -> None:
        """Build into a sibling folder; on_post_build swaps it in only if the build succeeded."""
        self._final_site_dir = Path(config.site_dir)
        self._final_site_dir.parent.mkdir(parents=True, exist_ok=True)
        self._staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=self._final_site_dir.parent))
        config.site_dir = str(self._staging)
        self._warnings = CountHandler()
        self._warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self._warnings)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Material's templates, compiled once and kept: every build and every `mkdocs serve` reload
        # otherwise compiles them again (a sixth of a reload of the shipped site).
        env.bytecode_cache = self.theme_template_cache
        env.globals["atlas_chrome"] = {}  # a build's shared page parts, by chrome_key (site/chrome.py)
        env.globals["atlas_chrome_key"] = chrome_key
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # MkDocs reads every page next (on_page_markdown, Markdown, on_page_content), then renders each in
        # the theme (search indexes it in on_page_context). Where it pays, forked workers make the
        # generated pages' bodies and parse them for search now, in the order MkDocs reads the pages,
        # with every page's data and drawings ready (prerender.py). Search reads the other pages with a
        # quicker reader of the HTML that gives Material's own sections (search_parse.py).
        self._close_ahead()
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is None:
            return nav
        if not isinstance(index, QuickSearchIndex):  # (Material makes a new index for every build)
            self._sections_by_html.new_build()
            search.search_index = QuickSearchIndex(  # type: ignore[union-attr]
                index, self._sections_made_ahead, self._sections_by_html
            )
        jobs = [(f.src_uri, f.url) for f in files.documentation_pages() if f.src_uri in self._generated]
        if Prerenderer.worth_it(len(jobs)):
            self._ahead = Prerenderer(lambda job: self._page_body(*job), jobs)
            log.debug(f"Making {len(jobs)} generated pages ahead in {self._ahead.workers} worker processes")
        return nav

    def _sections_made_ahead(self, page: Page) -> list[Any] | None:
        """The search sections the worker parsed for this page, if its content is still what they read."""
        made = self._made_ahead.pop(page.file.src_uri, None)
        return made.sections if made is not None and made.html == page.content else None

    def _close_ahead(self) -> None:
        if self._ahead is not None:
            self._ahead.close()
            self._ahead = None
        self._made_ahead = {}

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.library is not None and self.renderer is not None
        self._generated = {page.src_uri: page for page in generated_pages(self.library)}
        self._set_aside.clear()
        self.held_html.clear()
        self._macros = ContentMacros(self.library, self.renderer, page_url=lambda: self._page_url)
        for page in self._generated.values():
            files.append(
                File.generated(
                    config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
        for name, text in api_files(
            self.library, config.site_name, config.site_url or "", self.printing
        ).items():
            files.append(File.generated(config, name, content=text))
        linked = self.command == "serve" and _same_device(self.cache_dir, Path(config.site_dir))
        for name, figure in site_figures(self.library).files().items():  # /exercises/<id>/figure.svg
            if isinstance(figure, Path):  # a drawing kept in the cache: copied, never held in memory
                kept = CopiedWhole.generated(config, name, abs_src_path=str(figure))
                assert isinstance(kept, CopiedWhole)  # (File.generated makes the class it is called on)
                kept.linked = linked
                files.append(kept)
            else:
                files.append(File.generated(config, name, content=figure))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's body is rendered from its record here, and kept for on_page_content:
        it is finished HTML, so Python-Markdown gets nothing to parse (see pages.py)."""
        generated = self._generated.get(page.file.src_uri) if page.file.generated_by else None
        if generated is None or self.renderer is None:
            return markdown
        if generated.source_path:  # "edit this page" opens the YAML record, not the generated page
            page.edit_url = self.renderer.source_url(generated.source_path)
        made = self._ahead.take(page.file.src_uri) if self._ahead is not None else None
        self._bodies[page.file.src_uri] = made or self._page_body(page.file.src_uri, page.url)
        return ""

    def _page_body(self, source: str, url: str) -> PageBody:
        """A generated page's body, its headings and anchors, with its drawings set aside: made here, or
        by the prerender worker (the same code, forked)."""
        generated = self._generated[source]
        self._page_url = url
        html = getattr(self._macros, generated.macro)(generated.item_id)
        drawings: list[str] = []
        if generated.macro == "exercise_page" and self.library is not None:  # see site/set_aside.py
            drawings = site_figures(self.library).on_page(generated.item_id)
        kept_html, kept = set_aside(html, drawings)
        return PageBody(kept_html, kept, headings(html), anchor_ids(html))

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        body = self._bodies.pop(page.file.src_uri, None)
        if body is None:
            held = self.held_html.put_back(html)
            if held.parts:  # MkDocs found the anchors of the page's own text, not of what its macros wrote
                page.present_anchor_ids = (page.present_anchor_ids or set()).union(
                    *map(anchor_ids, held.parts)
                )
            if held.lost:
                log.warning(
                    f"Doc file '{page.file.src_uri}': the output of {held.lost} macro call(s) was changed "
                    "before it reached the page (a filter after the call, such as `| upper`?); "
                    'call content macros on their own, as {{ exercise_link("clamshell") }}'
                )
            return held.html
        page.toc = get_toc([{**h, "children": []} for h in body.headings])  # type: ignore[typeddict-item]
        page.present_anchor_ids = body.anchors
        self._set_aside.hold(page.file.src_uri, body.set_aside)
        if body.sections is not None:
            self._made_ahead[page.file.src_uri] = body
        return body.html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Generated pages are the ones that scale with the library (5,000 exercises): keep each small.
        if not page.file.generated_by:
            return output
        return collapse_indentation(self._set_aside.put_back(page.file.src_uri, output))

    @event_priority(-100)  # last, after search and every other plugin has written its files
    def on_post_build(self, config: MkDocsConfig) -> None:
        self._close_ahead()  # every page is built
        if self._staging is None or self._final_site_dir is None:
            return
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        if config.strict and self._warnings.get_counts():
            return  # MkDocs aborts next; on_build_error or on_shutdown removes the staging folder
        worker = Path(config.theme.custom_dir or "") / "assets" / "javascripts" / "service-worker.js"
        if worker.is_file():  # offline reading (offline.py); `mkdocs serve` gets no worker
            sizes = GzipSizes(self.cache_dir / "precache-gzip-sizes.json")
            kept = write_service_worker(self._staging, self.release, worker, sizes)
            log.info(
                f"Offline: the service worker keeps {len(kept.urls)} files, {kept.download / 1e6:.2f} MB "
                f"to download ({kept.size / 1e6:.2f} MB stored)"
            )
        if self.printing.make_pdfs and self.library:
            try:
                write_routine_pdfs(
                    self.library.routines.values(),
                    self._staging,
                    self.release,
                    self.printing.site_url,
                    self.print_cache,
                )
            except PrintError as error:
                raise PluginError(str(error)) from None
            for old_pdf, new_pdf in renamed_pdf_copies(self.library.routines.values()):
                (self._staging / old_pdf).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(self._staging / new_pdf, self._staging / old_pdf)
        final = self._final_site_dir
        old = final.with_name(f".site-old-{self._staging.name}")
        if final.exists():
            final.rename(old)
        self._staging.rename(final)
        config.site_dir = str(final)
        self._staging = None
        shutil.rmtree(old, ignore_errors=True)

    def on_build_error(self, *, error: Exception) -> None:
        self._close_ahead()
        self._discard_staging()

    def on_shutdown(self) -> None:
        self._close_ahead()
        self._discard_staging()

    def _discard_staging(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
