"""The static site (python -m gba site), built once per session and read in headless Chromium.

A second, independent build (forked before the first starts, no cache) runs in the background
beside the first for the byte-reproducibility test. Every page is opened once for
the tests that only read what a page shows on loading (:func:`visits`); the tests that click
or type open their own page.

The browser is Debian's ``chromium`` (``make test`` installs it when run as root with
apt), driven by Playwright; ``GBA_CHROMIUM`` may point at another Chromium/Chrome.
Without a browser these tests fail with a message saying how to install one.
Screenshots of one case page (case 4, a claim's panel open) per script go to
``build/screenshots/case_04.zh-Hans.png`` and ``case_04.zh-Hant.png``.
"""

from __future__ import annotations

import contextlib
import functools
import html
import os
import re
import shutil
import signal
import traceback
from dataclasses import dataclass
from pathlib import Path

import opencc
import pandas as pd
import pytest
from fontTools.ttLib import TTFont

import gba
from gba.figures.output import render
from gba.figures.registry import file_name, registry
from gba.site import fonts, model
from gba.site.build import build_site
from gba.site.fonts import FONT_FAMILY, FONT_FILE, font_key, subset_font
from gba.site.gallery import gallery_figures
from gba.site.notebooks import cached_notebooks
from gba.site.pages import case_context, environment
from gba.site.workers import Job, may_fork

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "build" / "screenshots"
# the tables whose rows are highlighted on a case page, read with the package's own functions
HIGHLIGHTED = {
    "indicators": lambda: gba.load_indicators(),
    "events": lambda: gba.load_events(),
    "claims": lambda: gba.claims.claims(),
}
FIGURE = "case_text_length"  # the one figure drawn for the test site (drawing all takes ~25 s)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
S2HK = opencc.OpenCC("s2hk")


def _build(out: Path, figures: Path) -> None:
    build_site(out, figures_dir=figures, draw_missing=False)


@pytest.fixture(scope="session")
def figures_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("figures")
    spec = registry()[FIGURE]
    for lang in ("en", "zh"):
        data = render(spec.draw(lang), "svg", title=FIGURE, creator=spec.qualname)
        (folder / file_name(FIGURE, lang, "svg")).write_bytes(data)
    return folder


@dataclass
class Build:
    """The second build of the site: a forked child of this process, or (without fork) here."""

    out: Path
    figures: Path
    pid: int | None
    log: Path

    def wait(self) -> Path:
        if self.pid is None:
            _build(self.out, self.figures)
            return self.out
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        log = self.log.read_text(encoding="utf-8", errors="replace")
        assert os.waitstatus_to_exitcode(status) == 0, f"the second build failed:\n{log}"
        return self.out


def _build_in_child(out: Path, figures: Path, log: Path) -> None:
    """Build the site in this (forked) process, then leave it without running anything else."""
    status = 1
    try:
        with (
            open(log, "w", encoding="utf-8") as fh,
            contextlib.redirect_stdout(fh),
            contextlib.redirect_stderr(fh),
        ):
            try:
                _build(out, figures)
                status = 0
            except BaseException:
                traceback.print_exc()
    finally:
        os._exit(status)


@pytest.fixture(scope="session")
def second_build(tmp_path_factory, figures_dir):
    """An independent second build for the reproducibility test, running beside the first.

    Forked from this process before the session's own build (:func:`site`) starts, so
    nothing it computes comes from that build and no cache is shared; where this
    process may not fork (other threads running), the test builds it itself.
    """
    folder = tmp_path_factory.mktemp("again")
    build = Build(folder / "site", figures_dir, None, folder / "log")
    if may_fork():
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _build_in_child(build.out, figures_dir, build.log)
        build.pid = pid
    yield build
    if build.pid is not None:
        os.kill(build.pid, signal.SIGKILL)
        os.waitpid(build.pid, 0)


@pytest.fixture(scope="session")
def site(tmp_path_factory, figures_dir, request) -> Path:
    # the second build, if a selected test needs it, starts first, so that it runs beside this one
    if any("second_build" in getattr(item, "fixturenames", ()) for item in request.session.items):
        request.getfixturevalue("second_build")
    out = tmp_path_factory.mktemp("site") / "site"
    _build(out, figures_dir)
    return out


def _chromium() -> str:
    candidates = [os.environ.get("GBA_CHROMIUM", "")]
    candidates += [shutil.which(n) or "" for n in ("chromium", "chromium-browser", "google-chrome")]
    found = next((c for c in candidates if c and Path(c).is_file()), None)
    if found is None:
        pytest.fail(
            "The site's browser tests need a Chromium and none was found. Install Debian's: "
            "`apt-get install chromium` (`make test` does this itself when run as root), "
            "or set GBA_CHROMIUM=/path/to/chromium-or-chrome.",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A browser page that records console errors, page errors and failed requests."""

    def __init__(self, browser, site: Path) -> None:
        self.site = site
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on(
            "requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}")
        )

    def open(self, path: str):
        self.page.goto((self.site / path).as_uri())
        self.page.wait_for_load_state("load")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return self.page


@pytest.fixture
def page(browser, site):
    p = Page(browser, site)
    yield p
    p.page.close()


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


# what a case page's focusable highlights say: [table, row, start, end, the words of all its pieces]
MARKS_JS = (
    "ms => ms.map(m => [m.dataset.table, m.dataset.row, +m.dataset.start, +m.dataset.end, "
    "[...document.querySelectorAll('#reader mark[data-key=\"' + m.dataset.key + '\"]')]"
    ".map(x => x.textContent).join('')])"
)


@dataclass
class Visit:
    """What one page showed when it was opened: problems, broken images, its highlights."""

    problems: list[str]
    broken_images: list[str]
    marks: list[list] | None = None  # case pages: MARKS_JS of every focusable highlight
    classes: list[list[str]] | None = None  # case pages: [table, className] of each


@pytest.fixture(scope="session")
def visits(browser, site) -> dict[str, Visit]:
    """Every page of the site opened once, one after the other in one browser page.

    The tests that only read what a page shows on loading share these loads; the
    tests that click or type open their own page.
    """
    p = Page(browser, site)
    out = {}
    try:
        for path in _pages(site):
            page = p.open(path)
            broken = page.evaluate(
                "[...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
                ".map(i => i.src)"
            )
            visit = Visit(problems=[], broken_images=broken)
            if path.startswith("cases/"):
                visit.marks = page.eval_on_selector_all("#reader mark[tabindex]", MARKS_JS)
                visit.classes = page.eval_on_selector_all(
                    "#reader mark[tabindex]", "ms => ms.map(m => [m.dataset.table, m.className])"
                )
            visit.problems = list(p.problems)
            p.problems.clear()
            out[path] = visit
    finally:
        p.page.close()
    return out


def _rows(case_id: int, frames: dict[str, pd.DataFrame]) -> list[tuple[str, str, int, int]]:
    """(table, row id, start, end) of every row of the case with a span in its text.

    Claims have no id of their own in gba.claims: their row id is "" here.
    """
    rows = []
    for table, frame in frames.items():
        for row_id, r in frame[frame["case_id"] == case_id].iterrows():
            if pd.isna(r["start"]):  # a later observation: not in the case text
                continue
            rid = "" if table == "claims" else str(row_id)
            rows.append((table, rid, int(r["start"]), int(r["end"])))
    return sorted(rows)


# -- the build ---------------------------------------------------------------------------


def test_site_has_every_page(site):
    cases = gba.load_cases()
    pages = set(_pages(site))
    assert {f"cases/c{cid:02d}.html" for cid in cases.index} <= pages
    assert {"index.html", "figures.html", "data/indicators.html", "data/events.html"} <= pages
    assert {"data/claims.html", "data/derived.html"} <= pages
    assert {f"notebooks/{p.stem}.html" for p in (REPO / "notebooks").glob("*.ipynb")} <= pages
    assert (site / "download" / "datapackage.json").read_bytes() == (
        REPO / "data" / "datapackage.json"
    ).read_bytes()


def test_highlight_sources_are_the_tested_tables():
    assert [s.table for s in model.MARK_SOURCES] == list(HIGHLIGHTED)
    # the site's claim rows are the package's claims, one id each
    claims = gba.claims.claims()
    site_claims = model.load_claims()
    assert site_claims.index.is_unique
    assert site_claims.reset_index(drop=True).equals(claims)


def test_derived_links_are_the_measures_that_use_the_row():
    derived = gba.derived_indicators()
    ids = sorted({i.strip() for v in derived["inputs"] for i in v.split(";")})[:8]
    ids.append(gba.load_indicators().index[0])
    ctx = model.Context(derived)
    for row_id in ids:
        expected = list(gba.derived_indicators(uses=row_id).index)
        assert list(model.derived_inputs(derived, row_id).index) == expected, row_id
        assert ctx.uses.get(row_id, []) == expected, row_id


def test_build_is_byte_reproducible(site, second_build):
    again = second_build.wait()
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {
        p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()
    }
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []


def test_out_of_date_svgs_and_notebook_pages_are_not_reused(figures_dir, tmp_path):
    data = REPO / "data"
    folder = tmp_path / "figures"
    shutil.copytree(figures_dir, folder)

    def run(draw: bool):
        gallery, files, to_draw, notes = gallery_figures(data, [folder], draw)
        entry = next(g for g in gallery if g["name"] == FIGURE)
        return entry["files"], set(files), to_draw, notes

    svgs = {f"figures/{file_name(FIGURE, lang, 'svg')}" for lang in ("en", "zh")}
    shown, taken, to_draw, notes = run(False)
    assert set(shown.values()) == svgs and taken == svgs and FIGURE not in to_draw
    assert notes == []
    for f in folder.iterdir():  # older than the code and data they are drawn from
        os.utime(f, (1, 1))
    shown, taken, to_draw, notes = run(False)
    assert shown == {} and taken == set() and to_draw == []
    assert len(notes) == 1 and str(folder) in notes[0]
    assert FIGURE in run(True)[2]
    # a notebook page rendered before its notebook changed is rendered again
    notebook = sorted((REPO / "notebooks").glob("*.ipynb"))[0]
    cached = tmp_path / "cache" / "notebooks" / f"{notebook.stem}.html"
    cached.parent.mkdir(parents=True)
    cached.write_text("<p>stored</p>", encoding="utf-8")
    assert cached_notebooks([notebook], tmp_path / "cache")[notebook.stem]() == "<p>stored</p>"
    os.utime(cached, (1, 1))
    assert cached_notebooks([notebook], tmp_path / "cache") == {}


def test_a_font_subset_is_reused_only_for_the_same_characters_and_font(tmp_path, monkeypatch):
    made = []

    def subset(chars):  # stands in for the slow fontTools subset
        made.append("".join(sorted(chars)))
        return made[-1].encode("utf-8")

    monkeypatch.setattr(fonts, "_font", subset)
    cache = tmp_path / "cache"
    assert subset_font({"港", "a"}, cache) == "a港".encode()
    assert subset_font({"a", "港"}, cache) == "a港".encode() and made == ["a港"]
    assert subset_font({"a", "澳"}, cache) == "a澳".encode() and made == ["a港", "a澳"]
    assert len(list((cache / "fonts").glob("*.woff2"))) == 2
    # without a cache it is made every time
    assert subset_font({"a", "港"}, None) == "a港".encode() and len(made) == 3
    # another font: another name in the cache
    key = font_key({"a", "港"})
    other = tmp_path / "other.otf"
    other.write_bytes(b"not the bundled font")
    monkeypatch.setattr(fonts, "FONT_SOURCE", other)
    assert font_key({"a", "港"}) != key
    assert subset_font({"a", "港"}, cache) == "a港".encode() and len(made) == 4


def _render_fails(name: str) -> str:
    raise ValueError(f"cannot render {name}")


def test_the_notebook_worker_returns_its_result_or_raises_its_error():
    # (in a child process when this one may fork, else here: the same either way)
    assert Job(str.upper, "ab").result() == "AB"
    job = Job(_render_fails, "01_dataset_tour")
    with pytest.raises(ValueError, match="cannot render 01_dataset_tour"):
        job.result()
    job.close()


def test_nothing_is_loaded_from_outside(site):
    external = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""")
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8")
            # links a reader follows (<a href>) may point outside; nothing the page loads may
            loads = re.sub(r"<a\s[^>]*>", "", text)
            assert not external.search(loads), (
                f"{path.relative_to(site)} loads an external resource"
            )


def test_font_covers_every_character_of_the_pages(site):
    with TTFont(site / FONT_FILE) as font:
        covered = set(map(chr, font.getBestCmap()))
    used = set()
    for p in site.rglob("*.html"):
        used |= set(html.unescape(p.read_text(encoding="utf-8")))
    missing = {c for c in used if c.isprintable() and c not in covered}
    # characters the bundled font does not have at all cannot be in the subset
    bundled = Path(gba.__file__).parent / "figures" / "fonts" / "NotoSansCJKsc-Regular.otf"
    with TTFont(bundled, lazy=True) as full_font:
        full = set(map(chr, full_font.getBestCmap()))
    assert missing & full == set()
    assert set("港澳律師粤") <= covered


def test_templates_escape_data():
    table = {
        "name": "x",
        "title": "<b>t</b>",
        "description": "",
        "download": None,
        "fields": [{"name": "a", "type": "", "description": "<i>", "constraints": ""}],
        "header": ["a"],
        "zh": [False],
        "rows": [("r<1>", ["<script>alert(1)</script>"])],
    }
    out = (
        environment()
        .get_template("table.html")
        .render(
            table=table,
            data_tables=[table],
            notebooks=[],
            site_title="s",
            page="data/x.html",
            link=lambda t: t,
        )
    )
    assert "<script>alert(1)</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert 'id="r&lt;1&gt;"' in out


@functools.cache
def _derived() -> pd.DataFrame:
    return gba.derived_indicators()


@functools.cache
def _mark_tables() -> dict[str, pd.DataFrame]:
    return {s.table: s.load(None) for s in model.MARK_SOURCES}


def _case_page(case_id: int, tables: dict[str, pd.DataFrame]) -> str:
    """Render one case page from the given tables (the site's own context and template)."""
    derived = _derived().copy()
    ctx = model.Context(derived, lambda code, n=None: gba.unit_words(code, n))
    case = gba.load_cases().loc[case_id]
    context = case_context(case_id, case, tables, ctx, [], None)
    return (
        environment()
        .get_template("case.html")
        .render(
            **context,
            prev=None,
            next=None,
            site_title="s",
            cases=gba.load_cases(),
            case_pages={},
            notebooks=[],
            data_tables=[],
            qualifiers=model.QUALIFIER_WORDS,
            page="cases/c03.html",
            link=lambda t: t,
        )
    )


def _tables() -> dict[str, pd.DataFrame]:
    """The tables of the highlights, a copy for each test to change (loaded once)."""
    return {table: frame.copy() for table, frame in _mark_tables().items()}


def test_a_claim_inside_an_indicator_is_nested_framed_and_listed():
    # no claim of the real texts lies inside an indicator's span; make one: the
    # claim "万元" at 215-217 inside c03's indicator 316.96万元 (209-217)
    tables = _tables()
    ind = tables["indicators"].loc["c03_first_transfer_amount"]
    assert (ind["start"], ind["end"]) == (209, 217)
    claim = tables["claims"].loc[["c03_claim_228"]].copy()
    claim.index = pd.Index(["c03_claim_215"], name="claim_id")
    claim[["start", "end", "claim"]] = [215, 217, "万元"]
    tables["claims"] = pd.concat([tables["claims"], claim])
    out = _case_page(3, tables)
    # the claim's mark opens inside the indicator's and closes before it
    nested = re.search(
        r'<mark tabindex="0" id="m-indicators-c03_first_transfer_amount" class="([^"]*)"[^>]*>'
        r'<span class="t"[^>]*>316.96</span>'
        r'<mark tabindex="0" id="m-claims-c03_claim_215" class="([^"]*)"[^>]*>'
        r'<span class="t"[^>]*>万元</span></mark></mark>',
        out,
    )
    assert nested, "the claim is not nested in the indicator's highlight"
    assert "overlap" in nested.group(1).split() and "overlap" in nested.group(2).split()
    assert "k-claim" in nested.group(2).split()
    for own, other in (
        ("indicators-c03_first_transfer_amount", "claims-c03_claim_215"),
        ("claims-c03_claim_215", "indicators-c03_first_transfer_amount"),
    ):
        panel = out[out.index(f'id="d-{own}"') :]
        panel = panel[: panel.index("</div>")]
        assert f'data-goto="{other}"' in panel, own
    # one more focusable highlight than the real page has
    real = _case_page(3, _tables())
    assert out.count('<mark tabindex="0"') == real.count('<mark tabindex="0"') + 1


def test_case_page_escapes_data():
    tables = _tables()
    ind = tables["indicators"].copy()
    ind["name_en"] = ind["name_en"].astype(object)
    ind.loc["c03_first_transfer_amount", "name_en"] = "<script>alert(1)</script>"
    tables["indicators"] = ind
    claims = tables["claims"].copy()
    claims["sentence"] = claims["sentence"].astype(object)
    claims.loc["c03_claim_228", "sentence"] = '"><img src=x onerror=alert(2)>'
    tables["claims"] = claims
    out = _case_page(3, tables)
    assert "<script>alert(1)</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<img src=x" not in out and "&lt;img src=x onerror=alert(2)&gt;" in out


def test_panels_read_for_a_reader(site):
    number = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d{1,6})?$")
    words = set(model.QUALIFIER_WORDS.values())
    n_values = 0
    for path in sorted((site / "cases").glob("*.html")):
        text = path.read_text(encoding="utf-8")
        # Python's None leaking into a panel or a feature row ("None" as a value label, e.g.
        # "Partners mentioned: None 无", is English and stays)
        leaked = re.search(r"\(None\)|: None\b|\bNone ?[–-]|<dd>None</dd>|<td>None</td>", text)
        assert leaked is None, (path.name, leaked)
        assert not re.search(r"\bnan\b", re.sub(r"<[^>]+>", "", text)), path.name
        for value in re.findall(r"<dt>Value</dt><dd>([^<]*)</dd>", text):
            for part in value.split(" – "):
                assert number.match(part), (path.name, value)
            n_values += 1
        for q in re.findall(r"<dt>Qualifier</dt><dd>([^<]*)</dd>", text):
            assert q in words, (path.name, q)
    assert n_values == int(gba.load_indicators()["start"].notna().sum())
    # rule-coded features say what they matched, or that they have no span (case 1 has both)
    features = re.sub(r"<[^>]+>", "", (site / "cases" / "c01.html").read_text(encoding="utf-8"))
    assert "rule-coded, no span" in features and "rule-coded; matched: " in features


# -- in the browser ------------------------------------------------------------------------


def test_every_page_loads_without_errors(visits, site):
    pages = _pages(site)
    assert len(pages) >= 30
    assert sorted(visits) == pages
    for path in pages:
        assert visits[path].broken_images == [], path
        assert visits[path].problems == [], path


def test_each_case_has_one_highlight_per_row_on_its_words(visits):
    cases = gba.load_cases()
    frames = {table: load() for table, load in HIGHLIGHTED.items()}
    kinds = set()
    for cid in cases.index:
        visit = visits[f"cases/c{cid:02d}.html"]
        rows = _rows(int(cid), frames)
        marks = visit.marks
        # exactly one focusable highlight per indicator, event and claim row
        assert len(marks) == len(rows), cid
        shown = sorted((t, "" if t == "claims" else r, a, b) for t, r, a, b, _ in marks)
        assert shown == rows, cid
        text = cases.loc[cid, "text_zh"]
        for table, row_id, start, end, words in marks:
            assert words == text[start:end], (cid, table, row_id)
            kinds.add(table)
        for table, cls in visit.classes:
            assert f"k-{table.rstrip('s')}" in cls.split(), (cid, table, cls)
        assert visit.problems == [], cid
    assert kinds == set(HIGHLIGHTED)


def test_clicking_a_highlight_shows_value_unit_qualifier(page):
    ind = gba.load_indicators(origin="cases")
    row_id = ind.index[(ind["qualifier"] == "lower") & ind["value"].map(float.is_integer)][0]
    r = ind.loc[row_id]
    p = page.open(f"cases/c{int(r['case_id']):02d}.html")
    p.click(f'mark[data-row="{row_id}"][tabindex]')
    shown = p.inner_text("#detail .detail:not([hidden])")
    assert f"{int(r['value']):,}" in shown
    assert gba.unit_words(r["unit"], r["value"]) in shown and r["unit_zh"] in shown
    fields = p.inner_text("#detail .detail:not([hidden]) dl")
    assert fields.count("at least") == 1 and "lower" not in fields
    assert row_id in shown
    assert p.locator("#detail .detail:not([hidden])").count() == 1
    link = p.locator(f'#detail .detail:not([hidden]) a[href$="#{row_id}"]')
    link.click()
    p.wait_for_load_state("load")
    assert p.url.endswith(f"data/indicators.html#{row_id}")
    assert p.locator(f'tr[id="{row_id}"]').count() == 1


def test_derived_measures_are_linked_from_their_inputs(page):
    derived = gba.derived_indicators()
    derived_id, d = next(iter(derived.iterrows()))
    first_input = d["inputs"].split(";")[0].strip()
    p = page.open(f"cases/c{int(d['case_id']):02d}.html")
    p.click(f'mark[data-row="{first_input}"][tabindex]')
    links = p.eval_on_selector_all(
        "#detail .detail:not([hidden]) a", "as => as.map(a => a.getAttribute('href'))"
    )
    assert f"../data/derived.html#{derived_id}" in links


def test_keyboard_focus_reaches_a_highlight(page):
    p = page.open("cases/c02.html")
    for _ in range(60):
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement.tagName") == "MARK":
            break
    else:
        pytest.fail("60 Tab presses never reached a highlight")
    row = p.evaluate("document.activeElement.dataset.row")
    assert row in p.inner_text("#detail .detail:not([hidden])")


def test_script_switch_changes_text_and_keeps_highlights(page):
    p = page.open("cases/c04.html")
    reader = "#reader"

    def state():
        return p.eval_on_selector_all(
            f"{reader} mark[tabindex]", "ms => ms.map(m => [m.dataset.row, m.textContent])"
        )

    simplified_text = p.inner_text(reader)
    before = state()
    p.click("button[data-script=hant]")
    after = state()
    traditional_text = p.inner_text(reader)
    assert traditional_text != simplified_text
    assert len(traditional_text) == len(simplified_text)
    assert [r for r, _ in after] == [r for r, _ in before]
    assert [t for _, t in after] == [S2HK.convert(t) for _, t in before]
    assert p.get_attribute(f"{reader} p.zh", "lang") == "zh-Hant"
    assert "港澳居民" not in traditional_text or "參保" in traditional_text
    p.click("button[data-script=hans]")
    assert p.inner_text(reader) == simplified_text
    assert p.get_attribute(f"{reader} p.zh", "lang") == "zh-Hans"


def test_cjk_renders_in_the_shipped_font_and_screenshots(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # case 4: quantities, events and claims near the top; the panel shows the claim 首个
    claim = model.load_claims().query("case_id == 4 and claim == '首个'").index[0]
    p = page.open("cases/c04.html")
    for script, lang in (("hans", "zh-Hans"), ("hant", "zh-Hant")):
        p.click(f"button[data-script={script}]")
        mark = p.locator(f'mark[data-row="{claim}"][tabindex]')
        mark.click()
        mark.evaluate("m => m.scrollIntoView({block: 'center'})")
        panel = p.inner_text("#detail .detail:not([hidden])")
        assert claim in panel and "76" in panel
        # the panel's Chinese follows the script switch too (76项 / 76項)
        assert ("項" in panel and "项" not in panel) if script == "hant" else ("项" in panel)
        sample = p.inner_text("#reader p.zh >> nth=0")[:20]
        assert p.evaluate(
            "([f, s]) => document.fonts.check('16px \"' + f + '\"', s)", [FONT_FAMILY, sample]
        )
        faces = p.evaluate("[...document.fonts].map(f => [f.family, f.status])")
        assert [FONT_FAMILY.strip('"'), "loaded"] in [[f.strip('"'), s] for f, s in faces]
        family = p.evaluate("getComputedStyle(document.querySelector('#reader p.zh')).fontFamily")
        assert family.strip().startswith(f'"{FONT_FAMILY}"')
        assert p.get_attribute("#reader p.zh", "lang") == lang
        target = SCREENSHOTS / f"case_04.{lang}.png"
        p.screenshot(path=str(target))
        assert target.stat().st_size > 10_000
    assert page.problems == []


def test_data_table_sorts_by_a_column(page):
    p = page.open("data/indicators.html")
    headers = p.eval_on_selector_all("#rows thead th", "ths => ths.map(t => t.textContent)")
    col = headers.index("value")
    p.click(f"#rows thead th >> nth={col} >> button")

    def column():
        return p.eval_on_selector_all(
            "#rows tbody tr", f"rs => rs.map(r => r.cells[{col}].textContent)"
        )

    values = [float(v) for v in column() if v]
    assert values == sorted(values)
    assert len(values) == len(gba.load_indicators())
    p.click(f"#rows thead th >> nth={col} >> button")
    values = [float(v) for v in column() if v]
    assert values == sorted(values, reverse=True)


def test_claim_panel_and_overlapping_highlights(page):
    claims = model.load_claims()
    row_id, r = next((i, r) for i, r in claims.iterrows() if r["backed_in_sentence"])
    p = page.open(f"cases/c{int(r['case_id']):02d}.html")
    p.click(f'mark[data-table="claims"][data-row="{row_id}"][tabindex]')
    shown = p.inner_text("#detail .detail:not([hidden])")
    assert r["claim"] in shown and row_id in shown
    assert "Backed in the sentence\tyes" in shown or "Backed in the sentence\nyes" in shown
    p.click(f'#detail .detail:not([hidden]) a[href$="#{row_id}"]')
    p.wait_for_load_state("load")
    assert p.url.endswith(f"data/claims.html#{row_id}")
    assert p.locator(f'tr[id="{row_id}"] td').first.inner_text() == row_id
    # two events on the same words (case 12): framed, and each panel leads to the other
    events = gba.load_events()
    same = events[events["case_id"] == 12].groupby(["start", "end"]).filter(lambda g: len(g) > 1)
    assert len(same) == 2
    a, b = same.index
    p = page.open("cases/c12.html")
    style = p.eval_on_selector(
        f'mark[data-row="{b}"][tabindex]', "m => getComputedStyle(m).outlineStyle"
    )
    assert style == "dashed"
    p.click(f'mark[data-row="{b}"][tabindex]')  # the inner one takes the click
    assert b in p.inner_text("#detail .detail:not([hidden])")
    p.click(f'#detail .detail:not([hidden]) button[data-goto="events-{a}"]')
    assert a in p.inner_text("#detail .detail:not([hidden]) dl")
    assert p.evaluate("document.activeElement.dataset.row") == a
    assert page.problems == []
