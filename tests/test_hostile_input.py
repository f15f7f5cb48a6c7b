"""Hostile contributions are inert: every payload in every text field is either refused by `check` with a
message naming file and field, or published as harmless text that never runs in a real browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from ruamel.yaml import YAML
from sitekit import FIXTURES, QuietHandler, QuietHTTPServer, build, check, fixture_exercise, make_project

PAYLOADS = YAML(typ="safe").load((FIXTURES / "hostile-payloads.yml").read_text(encoding="utf-8"))
INERT = [p["text"] for p in PAYLOADS if p["outcome"] == "inert"]
REJECTED = [p["text"] for p in PAYLOADS if p["outcome"] == "rejected"]
# Free-text fields (and their length limits) where contributor prose is published.
SENTENCE_FIELDS = ["summary", "feel_it", "standalone"]
LIST_FIELDS = ["steps", "cues", "mistakes", "cautions"]
JINJA_OUTPUTS = ["7006652", "4321", "PWN0", "Lorem ipsum", "&lt;class", "ABC", "class 'str'", ">49<"]


def hostile_record(index: int, text: str) -> str:
    """A valid record with text in every free-text field that can hold it."""
    fits = lambda limit: text if len(text) <= limit else text[:limit]  # noqa: E731
    record = YAML().load(fixture_exercise(f"hostile-{index:02d}"))
    for field in SENTENCE_FIELDS:
        record[field] = fits(200 if field == "summary" else 400)
    for field in LIST_FIELDS:
        record[field] = [fits(400), f"Second item {index}."]
    record["dose"]["frequency"] = {"per_week": 3, "note": fits(40)}  # block style: flow breaks on ": "
    record["dose"]["source"] = "practice"
    record["dose"]["source_note"] = fits(240)
    record["compare"] = {"ideal_use": fits(120), "key_advantage": fits(120)}
    from io import StringIO

    out = StringIO()
    YAML().dump(record, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    exercises = {f"hostile-{i:02d}.yml": hostile_record(i, text) for i, text in enumerate(INERT)}
    project = make_project(
        tmp_path_factory.mktemp("hostile"),
        exercises=exercises,
        pages={
            "compare.md": "# Compare\n\n{{ compare_table(ids=["
            + ", ".join(f'"hostile-{i:02d}"' for i in range(len(INERT)))
            + "], columns=['name', 'ideal_use', 'key_advantage', 'dose']) }}\n"
        },
    )
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 30


class ArticleAudit(HTMLParser):
    """Every element and attribute inside <article>, to find anything a payload could have injected."""

    FORBIDDEN = {
        "iframe",
        "object",
        "embed",
        "style",
        "math",
        "details",
        "body",
        "img",
        "base",
        "form",
        "meta",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.findings: list[str] = []
        self.script_type: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        attrs = dict(attrs)
        if tag in self.FORBIDDEN:
            self.findings.append(f"<{tag}> element")
        if tag == "script":
            self.script_type = attrs.get("type")
            if self.script_type != "application/ld+json":
                self.findings.append("<script> element")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.findings.append(f"event handler {name}")
            if name in ("href", "src", "xlink:href", "action") and value:
                if re.match(r"\s*(javascript|vbscript|data):", value, re.I) or "evil.example" in value:
                    self.findings.append(f"{name}={value}")

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1
        if tag == "script":
            self.script_type = None

    def handle_data(self, data):
        if self.script_type == "application/ld+json" and "<" in data:
            self.findings.append("raw '<' inside JSON-LD")


def test_no_payload_survives_as_markup_or_evaluated_jinja(hostile_site):
    urls = [f"exercises/hostile-{i:02d}/" for i in range(len(INERT))] + ["compare/", "exercises/"]
    for url in urls:
        html = hostile_site.page(url)
        audit = ArticleAudit()
        audit.feed(html)
        assert audit.findings == [], f"{url}: {audit.findings}"
        article = html[html.index("<article") : html.index("</article>")]
        # JSON-LD is data for search engines (tojson escapes '<'); judge only what a reader sees.
        article = re.sub(r'<script type="application/ld\+json">.*?</script>', "", article, flags=re.S)
        for output in JINJA_OUTPUTS:
            assert output not in article, f"{url}: a Jinja expression was evaluated ({output})"
        assert "{{" not in article and "{%" not in article, url


def test_payloads_are_shown_as_text(hostile_site):
    html = hostile_site.page("exercises/hostile-00/")
    assert (
        "&lt;script&gt;alert(&#39;xss-1&#39;)&lt;/script&gt;" in html
        or "&lt;script&gt;alert('xss-1')&lt;/script&gt;" in html
    )


@pytest.mark.parametrize("text", REJECTED)
def test_invisible_control_characters_are_refused_with_file_and_field(tmp_path, text):
    project = make_project(
        tmp_path, exercises={"sneaky.yml": hostile_record(0, text).replace("hostile-00", "sneaky")}
    )
    result = check(project)
    assert result.returncode == 1
    assert re.search(
        r"exercises/sneaky\.yml:\d+:\d+: summary: the text contains an invisible control character",
        result.stdout,
    )


def test_links_and_dois_with_hostile_schemes_are_refused(tmp_path):
    """Sources are data too: the bibliography refuses a script address or a DOI that breaks out of HTML."""
    entry = (
        "- id: {id}\n  authors: Real A\n  year: 2020\n  title: A real-looking title\n  journal: J Real\n"
        '  volume: "1"\n  pages: 1-2\n  checked: test\n  {link}\n'
    )
    bibliography = entry.format(id="willy2019", link="url: javascript:alert(1)") + entry.format(
        id="ferber2015", link="doi: '10.1000/x\"><script>'"
    )
    project = make_project(
        tmp_path,
        exercises={"bad-links.yml": fixture_exercise("bad-links")},
        vocabularies={"references.yml": bibliography},
    )
    result = check(project)
    assert result.returncode == 1
    assert "vocabularies/references.yml" in result.stdout and "willy2019.url:" in result.stdout
    assert "ferber2015.doi:" in result.stdout


def test_nothing_runs_in_a_real_browser(hostile_site, browser):
    """Open every hostile page in Chromium; no dialog may open, no script error,
    no request to evil.example."""
    import functools
    import threading

    server = QuietHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(hostile_site.site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    dialogs, errors, requests = [], [], []
    try:
        tab = context.new_page()
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("request", lambda r: requests.append(r.url) if "evil.example" in r.url else None)
        urls = [f"exercises/hostile-{i:02d}/" for i in range(len(INERT))] + ["compare/", "exercises/"]
        for url in urls:
            tab.goto(base + url, wait_until="load")
            tab.mouse.move(200, 400)
            for link in tab.locator("article a").all()[:40]:
                href = link.get_attribute("href") or ""
                assert not href.strip().lower().startswith(("javascript:", "data:", "vbscript:")), href
            # Material's search renders results from the index: search for a payload word too.
        tab.goto(base + "exercises/hostile-00/?q=xss", wait_until="load")
        tab.wait_for_timeout(500)
        wide = tab.evaluate("document.documentElement.scrollWidth")
        assert wide <= 400, f"a very long word makes the page scroll sideways ({wide}px)"
    finally:
        context.close()
        server.shutdown()
    assert dialogs == [], dialogs
    assert [e for e in errors if "xss" in e.lower() or "alert" in e.lower()] == [], errors
    assert requests == [], requests
