"""The HTML report in a real browser: headless Debian Chromium driven by Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium. The
full-page screenshot is kept under test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_helpers import IMG, SCRIPT, finding, literal_result

from align.pipeline import CheckResult
from align.report.html import render

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
if CHROMIUM is None:
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page plus every console error and uncaught exception it produced."""

    def __init__(self, browser: Any, path: Path, js: bool = True, width: int = 1280) -> None:
        self.context = browser.new_context(java_script_enabled=js, viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.resolve().as_uri())

    def visible_rows(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "table.align tbody tr", "rs => rs.filter(r => r.offsetParent !== null).map(r => r.id)"
        )

    def close(self) -> None:
        self.context.close()


def write(artifacts: Path, name: str, page: str) -> Path:
    path = artifacts / name
    path.write_text(page, encoding="utf-8")
    return path


def marked_texts(pg: Any) -> dict[str, str]:
    """finding id -> the concatenated text of every highlighted piece carrying it."""
    return pg.evaluate(
        """() => { const out = {};
        for (const m of document.querySelectorAll('mark[data-f]'))
          for (const id of m.dataset.f.split(' ')) out[id] = (out[id] || '') + m.textContent;
        return out; }"""
    )


def sentence_marks(pg: Any) -> set[tuple[str, str]]:
    """(sentence id, text) for every finding's highlighted pieces joined within one sentence."""
    pairs = pg.evaluate(
        """() => { const out = {};
        for (const m of document.querySelectorAll('mark[data-f]')) {
          const sid = m.closest('.s').id;
          for (const id of m.dataset.f.split(' ')) {
            const k = sid + ' ' + id;
            out[k] = (out[k] || '') + m.textContent;
          }
        }
        return Object.entries(out).map(([k, v]) => [k.split(' ')[0], v]); }"""
    )
    return {(sid, text) for sid, text in pairs}


def expected_marks(result: CheckResult) -> set[tuple[str, str]]:
    out = set()
    for f in result.findings:
        by_sentence: dict[str, list[Any]] = {}
        for sp in f.spans:
            by_sentence.setdefault(f"{sp.side}-{sp.sentence}", []).append(sp)
        for sid, spans in by_sentence.items():
            out.add((sid, "".join(sp.text for sp in sorted(spans, key=lambda sp: sp.start))))
    return out


def row_cats(pg: Any) -> list[tuple[str, str]]:
    return pg.eval_on_selector_all("table.align tbody tr", "rs => rs.map(r => [r.id, r.dataset.cats])")


def test_seed_report(browser: Any, seed_result: CheckResult, artifacts: Path) -> None:
    """The real pipeline's report of the seed pair, driven as an editor would."""
    path = write(artifacts, "report-openai-musk.html", render(seed_result))
    page = Page(browser, path)
    pg = page.page
    rows = row_cats(pg)
    everything = [r for r, _ in rows]
    assert len(rows) == len(seed_result.alignment.beads)
    assert page.visible_rows() == everything

    # Every finding's exact span is highlighted, e.g. the name variants of Altman and Lehane.
    marks = sentence_marks(pg)
    assert marks == expected_marks(seed_result)
    variants = {sp.text for f in seed_result.findings if f.category == "name-variant" for sp in f.spans}
    assert {"オルトマン", "リーハイガン"} <= variants
    assert ("ja-5", "オルトマン") in marks
    title = pg.locator("#ja-5 mark").first.get_attribute("title") or ""
    assert title.startswith("AL") and "Altman" in title

    # Untick a category with the keyboard: rows whose only findings are of it disappear.
    # (name-variant when some row has only those, as in the seed today; else another such category)
    alone = sorted({c for _, c in rows if len(c.split()) == 1})
    assert alone, "some row of the seed has findings of a single category"
    cat = "name-variant" if "name-variant" in alone else alone[0]
    box = pg.locator(f"input[name=cat][value='{cat}']")
    box.focus()
    pg.keyboard.press("Space")
    assert not box.is_checked()
    hidden = {r for r, cats in rows if cats.split() == [cat]}
    assert set(page.visible_rows()) == set(everything) - hidden
    box.click()
    assert page.visible_rows() == everything

    # "Only rows with findings".
    pg.locator("#only").check()
    assert page.visible_rows() == [r for r, c in rows if c]
    pg.locator("#showall").click()
    assert page.visible_rows() == everything

    # Two clicks: the Glossary link, then the variant, lands on its sentence.
    pg.get_by_role("link", name="Glossary", exact=True).click()
    pg.locator("a.variant", has_text="オルトマン").click()
    assert pg.evaluate("location.hash") == "#ja-5"
    box5 = pg.locator("#ja-5").bounding_box()
    assert box5 is not None and 0 <= box5["y"] < 900
    pg.evaluate("window.scrollTo(0, 0)")
    pg.screenshot(path=str(artifacts / "report-openai-musk.png"), full_page=True)
    assert page.errors == []
    page.close()


def test_filters_glossary_and_screenshot(browser: Any, handmade_result: CheckResult, artifacts: Path) -> None:
    """Category/severity filters and the two-click glossary jump, on the hand-made seed result."""
    path = write(artifacts, "report-handmade.html", render(handmade_result))
    page = Page(browser, path)
    pg = page.page
    rows = pg.eval_on_selector_all("table.align tbody tr", "rs => rs.map(r => [r.id, r.dataset.cats])")
    everything = [r for r, _ in rows]
    assert page.visible_rows() == everything
    assert pg.locator("#shown").inner_text() == f"{len(rows)} of {len(rows)} rows shown"
    texts = set(marked_texts(pg).values())
    assert {"オルトマン", "リーン", "リーハイガン", "Mus 氏"} <= texts

    # Untick a category with the keyboard: rows whose only findings are of it disappear.
    box = pg.locator("input[name=cat][value='name-variant']")
    box.focus()
    pg.keyboard.press("Space")
    assert not box.is_checked()
    hidden = {r for r, cats in rows if cats.split() == ["name-variant"]}
    assert hidden, "the fixture has rows with name-variant findings only"
    assert set(page.visible_rows()) == set(everything) - hidden
    assert pg.locator("mark.off").count() >= len(hidden)
    box.click()
    assert page.visible_rows() == everything

    # Severity and "only rows with findings".
    pg.locator("input[name=sev][value='info']").click()
    assert set(page.visible_rows()) == set(everything) - {
        r for r, c in rows if c and set(c.split()) == {"style"}
    }
    pg.locator("#only").check()
    assert set(page.visible_rows()) == {r for r, c in rows if c and set(c.split()) != {"style"}}
    pg.locator("#showall").click()
    assert page.visible_rows() == everything

    # Two clicks: the Glossary link, then the variant, lands on its sentence.
    pg.get_by_role("link", name="Glossary").click()
    pg.locator("a.variant", has_text="オルトマン").click()
    assert pg.evaluate("location.hash") == "#ja-5"
    box5 = pg.locator("#ja-5").bounding_box()
    assert box5 is not None and 0 <= box5["y"] < 900
    assert "spot" in (pg.locator("#ja-5").get_attribute("class") or "")
    pg.evaluate("window.scrollTo(0, 0)")
    pg.screenshot(path=str(artifacts / "report-handmade.png"), full_page=True)
    assert page.errors == []
    page.close()


def test_injection_runs_no_script(browser: Any, artifacts: Path) -> None:
    en = [f"He wrote {SCRIPT} and {IMG} here.", "Second sentence."]
    ja = [f"彼は{SCRIPT}と{IMG}を書いた。", "二つ目の文。"]
    result = literal_result(en, ja, (finding("ja", 0, IMG, 2 + len(SCRIPT) + 1),), name="<b>inject</b>")
    page = Page(browser, write(artifacts, "report-injection.html", render(result)))
    pg = page.page
    assert pg.evaluate("window.__pwned") is None
    assert pg.locator("table.align img, table.align script").count() == 0
    assert SCRIPT in pg.locator("#en-0").inner_text() and IMG in pg.locator("#en-0").inner_text()
    assert SCRIPT in pg.locator("#ja-0").inner_text()
    assert pg.locator("mark").first.inner_text() == IMG
    assert "<b>inject</b>" in pg.locator("h1").inner_text()
    assert page.errors == []
    page.close()


def test_without_javascript_everything_is_visible(
    browser: Any, handmade_result: CheckResult, artifacts: Path
) -> None:
    path = write(artifacts, "report-handmade.html", render(handmade_result))
    page = Page(browser, path, js=False)
    assert len(page.visible_rows()) == len(handmade_result.alignment.beads)
    assert page.page.locator("input[name=cat]").first.is_disabled()  # the fieldset stays disabled
    assert page.page.locator("mark").count() > 0 and page.page.locator("mark").first.is_visible()
    page.close()


#: Line breaks inside a word of the page's Japanese (labels, headings, messages; not the MT text
#: in the alignment table or code), by Chromium's own word segmenter (ICU's dictionary).
SPLIT_WORDS = r"""() => {
  const words = new Intl.Segmenter('ja', {granularity: 'word'});
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('table.align td, code, script, style, .vh') || el.offsetParent === null) continue;
    const lang = el.closest('[lang]');
    if (!lang || lang.lang !== 'ja' || !/[\u3040-\u30ff\u4e00-\u9fff]/.test(n.data)) continue;
    const bounds = new Set([0]);
    for (const w of words.segment(n.data)) bounds.add(w.index);
    const range = document.createRange();
    let top = null;
    for (let i = 0; i < n.data.length; i++) {
      if (/\s/.test(n.data[i])) continue;
      range.setStart(n, i); range.setEnd(n, i + 1);
      const rects = range.getClientRects();
      if (!rects.length) continue;
      const y = Math.round(rects[0].top);
      if (top !== null && y > top + 2 && !bounds.has(i) && !/\s/.test(n.data[i - 1]))
        bad.push(n.data.slice(Math.max(0, i - 8), i) + ' / ' + n.data.slice(i, i + 8));
      top = y;
    }
  }
  return bad;
}"""


@pytest.mark.parametrize("ui_lang", ["en", "ja"])
def test_a_1400px_window_does_not_scroll_sideways(
    browser: Any, seed_result: CheckResult, artifacts: Path, ui_lang: str
) -> None:
    """The signature (one long token) wraps in the header and the footer."""
    path = write(artifacts, f"report-width-{ui_lang}.html", render(seed_result, ui_lang=ui_lang))
    for width in (1400, 1000):
        page = Page(browser, path, width=width)
        sizes = page.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        wide = page.page.evaluate(
            """w => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > w + 1)
              .map(e => e.tagName + '.' + e.className)""",
            width,
        )
        assert sizes[0] <= sizes[1] == width, (width, wide)
        sig = page.page.locator("dl.meta .sig")
        assert len(sig.inner_text()) > 100 and sig.evaluate("e => e.getClientRects().length") >= 1
        page.close()


def test_japanese_labels_break_between_words(browser: Any, seed_result: CheckResult, artifacts: Path) -> None:
    """--ui-lang ja: no label or message breaks inside a word (「設定シグ / ネチャ」), at any width."""
    path = write(artifacts, "report-ja-words.html", render(seed_result, ui_lang="ja"))
    for width in (1400, 1000, 700):
        page = Page(browser, path, width=width)
        assert page.page.evaluate(SPLIT_WORDS) == [], width
        # The checker sees breaks at all: the signature label sits beside a wrapping value.
        assert page.page.locator("dl.meta dt").first.inner_text()
        if width == 1400:
            page.page.screenshot(path=str(artifacts / "report-ja-1400.png"))
        page.close()
