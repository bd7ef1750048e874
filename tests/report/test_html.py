"""The HTML page without a browser: structure, escaping, determinism, labels, CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_helpers import IMG, SCRIPT, finding, literal_result

from align.model import Finding, Severity, Span
from align.pipeline import CheckResult
from align.report.html import clean, render, render_view
from align.report.view import build

ROOT = Path(__file__).resolve().parents[2]


def tree(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page.encode("utf-8"))


def test_rows_beads_and_semantic_table(handmade_result: CheckResult) -> None:
    t = tree(render(handmade_result))
    rows = t.xpath('//table[@class="align"]/tbody/tr')
    assert len(rows) == len(handmade_result.alignment.beads)
    assert [r.get("id") for r in rows] == [f"b{i}" for i in range(len(rows))]
    assert t.xpath('//table[@class="align"]/caption')
    assert all(th.get("scope") == "col" for th in t.xpath('//table[@class="align"]/thead//th'))
    assert all(r.xpath("./th[@scope='row']") for r in rows)
    # Unaligned beads have an empty side with a text label, not just a colour.
    gaps = [r for r in rows if "unaligned" in r.get("class")]
    # The source line 出典:… is metadata: no counterpart expected, so not "unaligned".
    assert len(gaps) == sum(1 for b in handmade_result.alignment.beads if not (b.en and b.ja)) - 1
    assert "metarow" in rows[0].get("class") and "unaligned" not in rows[0].get("class")
    assert all(r.xpath('.//td[@class="empty"]/span[@class="gap"]/text()') for r in gaps)


def test_every_span_is_highlighted_with_its_text(handmade_result: CheckResult) -> None:
    t = tree(render(handmade_result))
    marked: dict[str, str] = {}
    for m in t.xpath("//mark[@data-f]"):
        for fid in m.get("data-f").split():
            marked[fid] = marked.get(fid, "") + m.text_content()
        assert re.match(r"AL\d{3} ", m.get("title"))
    texts = set(marked.values())
    assert "オルトマン" in texts and "リーハイガン" in texts and "Mus 氏" in texts
    spans = [sp for f in handmade_result.findings for sp in f.spans]
    # Findings whose span overlaps another keep their own text across the pieces.
    assert {sp.text for sp in spans} <= texts | {
        sp.text for sp in spans if any(sp.text in t2 and sp.text != t2 for t2 in texts)
    }


def test_summary_links_every_finding_to_its_row(handmade_result: CheckResult) -> None:
    t = tree(render(handmade_result))
    links = t.xpath('//section[@id="findings"]//ol[@class="findings"]/li/a[1]/@href')
    assert len(links) == len(handmade_result.findings)
    ids = set(t.xpath("//tr/@id"))
    assert all(h[1:] in ids for h in links)
    # ... and the row lists that finding beside the text.
    for li in t.xpath('//section[@id="findings"]//ol[@class="findings"]/li'):
        number = li.xpath('.//span[@class="fno"]/text()')[0]
        row = t.xpath(f'//tr[@id="{li.xpath("./a/@href")[0][1:]}"]')[0]
        assert number in row.xpath('.//td[@class="fl"]//span[@class="fno"]/text()')


def test_summary_chart_coverage_and_verdict(handmade_result: CheckResult) -> None:
    page = render(handmade_result)
    t = tree(page)
    assert t.xpath("//svg//rect[contains(@class, 'bar-error')]")
    assert t.xpath("//svg/desc/text()")
    v = t.xpath('//p[@class="verdict"]')[0].text_content()
    assert (
        "names spelled inconsistently" in v and "2 sentences duplicated" in v and "2 sentences truncated" in v
    )
    cov = {
        r.xpath("./th")[0].text_content(): r.xpath("./td")[0].text_content()
        for r in t.xpath('//table[@class="coverage"]//tr')
    }
    assert cov["1-1 beads"] == "38" and cov["n:m beads"] == "6" and cov["Unaligned"] == "2"


def test_glossary_variants_link_to_their_sentences(handmade_result: CheckResult) -> None:
    t = tree(render(handmade_result))
    hrefs = {
        a.text_content(): a.get("href") for a in t.xpath('//table[@class="glossary"]//a[@class="variant"]')
    }
    assert hrefs["オルトマン"] == "#ja-5" and hrefs["リーハイガン"] == "#ja-16"
    assert t.xpath('//span[@id="ja-5"]') and t.xpath('//span[@id="ja-16"]')
    assert "preferred" in t.xpath('//table[@class="glossary"]')[0].text_content()


def test_injection_is_shown_as_text() -> None:
    en = [f"He wrote {SCRIPT} and {IMG} here.", "Plain & simple < text."]
    ja = [f"彼は{SCRIPT}と{IMG}を書いた。", "普通の文。"]
    f = finding("ja", 0, SCRIPT, 2)
    page = render(literal_result(en, ja, (f,), name='x"><script>alert(1)</script>'))
    t = tree(page)
    scripts = t.xpath("//script")
    assert len(scripts) == 1 and "__pwned" not in scripts[0].text
    assert not t.xpath("//img") and not t.xpath("//*[@onerror]")
    assert SCRIPT in t.xpath('//span[@id="ja-0"]')[0].text_content()
    assert IMG in t.xpath('//span[@id="en-0"]')[0].text_content()
    assert t.xpath("//mark")[0].text_content() == SCRIPT
    assert "<script>alert" not in page and "<img" not in page


def test_control_characters_do_not_break_the_page() -> None:
    bad = "A\x00B\x0bC\x1bD\x7fE\x85F\ud800G\ufffeH"
    page = render(literal_result([f"Text {bad}."], [f"本文{bad}。"], (finding("ja", 0, "G", 13),)))
    page.encode("utf-8")  # lone surrogates would raise here
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]", page)
    t = tree(page)
    text = "".join(t.xpath('//span[@id="ja-0"]//text()[not(ancestor::sup)]'))
    assert text == "本文" + clean(bad) + "。"
    assert t.xpath("//mark")[0].text_content() == "G"  # offsets survive the replacement
    assert clean("\x00") == "\u2400" and len(clean(bad)) == len(bad)


def test_span_with_stale_offsets_is_found_by_text() -> None:
    r = literal_result(["Alpha beta."], ["アルファとベータ。"], (finding("ja", 0, "ベータ", 0),))
    assert tree(render(r)).xpath("//mark")[0].text_content() == "ベータ"


def test_deterministic_and_dated_from_sources(
    handmade_result: CheckResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733011200")
    a, b = render(handmade_result), render(handmade_result)
    assert a == b
    assert '<time datetime="2024-12-01">' in a
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert render(handmade_result) == render(handmade_result)


def test_self_contained_and_printable(handmade_result: CheckResult) -> None:
    page = render(handmade_result)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:|//)""", page)
    assert "@import" not in page and "url(http" not in page and "@font-face" not in page
    assert "@media print" in page and "size: A4" in page
    assert "default-src 'none'" in page and "script-src 'sha256-" in page
    t = tree(page)
    assert t.xpath('//fieldset[@id="filterset"]/@disabled') == ["disabled"]  # inert until the script runs
    assert t.xpath("//noscript")


def test_japanese_ui_labels(handmade_result: CheckResult) -> None:
    t = tree(render(handmade_result, "ja"))
    assert t.get("lang") == "ja"
    assert "翻訳QAレポート" in t.xpath("//h1")[0].text_content()
    assert "指摘のある対訳のみ" in t.xpath('//form[@id="filters"]')[0].text_content()
    with pytest.raises(ValueError):
        render(handmade_result, "fr")


def test_render_is_the_view_model_laid_out(handmade_result: CheckResult) -> None:
    assert render(handmade_result, "ja") == render_view(build(handmade_result, "ja"))


def _align(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "align", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_report(tmp_path: Path) -> None:
    pair = ROOT / "sources" / "openai-musk"
    out = tmp_path / "one.html"
    proc = _align(
        "report", str(pair / "en.txt"), str(pair / "ja.txt"), "-o", str(out), "--ui-lang", "ja", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(out)
    assert '<html lang="ja">' in out.read_text(encoding="utf-8")
    # Several pairs and a file for -o: one-line error, exit 2, nothing written.
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a").symlink_to(pair)
    (tmp_path / "sources" / "b").symlink_to(pair)
    proc = _align("report", "-o", "x.html", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and not (tmp_path / "x.html").exists()
    (tmp_path / "sources" / "b").unlink()
    proc = _align("report", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["reports/a.html"]
    assert (tmp_path / "reports" / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.text(min_size=1, max_size=10))
def test_any_text_is_escaped_and_kept(prefix: str, marked: str) -> None:
    sentence = prefix + marked
    page = render(literal_result([sentence], [sentence], (finding("ja", 0, marked, len(prefix)),)))
    t = tree(page)
    assert len(t.xpath("//script")) == 1 and not t.xpath("//table//img")

    def norm(x: str) -> str:  # the HTML parser turns CR and CRLF into LF, as browsers do
        return x.replace("\r\n", "\n").replace("\r", "\n")

    en = "".join(t.xpath('//span[@id="en-0"]//text()'))
    assert en == norm(clean(sentence))
    assert "".join(t.xpath("//mark//text()")) == norm(clean(marked))


def test_variant_finding_points_at_the_defect_not_the_preferred_form() -> None:
    en = ["Ada Brown spoke.", "Brown left."]
    ja = ["エイダ・ブラウンが話した。", "ブロウンは去った。"]
    f = Finding(
        rule="AL999",
        name="name-variant",
        category="name-variant",
        severity=Severity.ERROR,
        message="'Brown' is rendered 2 ways",
        ja=(0, 1),
        spans=(Span("ja", 0, 4, 8, "ブラウン"), Span("ja", 1, 0, 4, "ブロウン")),
        expected="Brown",
        preferred="ブラウン",
    )
    t = tree(render(literal_result(en, ja, (f,))))
    assert t.xpath('//section[@id="findings"]//li/a[1]/@href') == ["#b1"]
    pref, bad = t.xpath("//mark")
    assert "sev-pref" in pref.get("class") and "sev-error" in bad.get("class")
    assert "again" in t.xpath('//tr[@id="b0"]//li')[0].get("class")


def test_fix_before_and_after_next_to_its_finding() -> None:
    """Both finding lists show the fix: the old text struck, the new one inserted, all escaped."""
    from align.model import Edit, Fix

    en = ['He said "wait".', "Sales rose."]
    ja = [f'彼は "{SCRIPT} "と言った。', "売上は増加した。"]
    end = ja[0].index("と")
    fix = Fix((Edit(2, end, f"「{SCRIPT}」"),), "safe", "use Japanese quotation marks")
    dup = Fix((Edit(len(ja[0]) + 1, len(ja[0]) + 1 + len(ja[1]) + 1, ""),), "unsafe", "delete it")
    quote = Finding(
        "AL504", "quote-ascii-spaces", "quote", Severity.WARNING, "ASCII quotes", ja=(0,), fix=fix
    )
    repeat = Finding("AL103", "duplicate", "duplicate", Severity.ERROR, "repeats", ja=(1,), fix=dup)
    page = render(literal_result(en, ja, (quote, repeat)))
    assert SCRIPT not in page
    t = tree(page)
    for where in ('//td[@class="fl"]', '//section[@id="findings"]'):
        (safe,) = t.xpath(f'{where}//div[@class="fix fix-safe"]')
        (unsafe,) = t.xpath(f'{where}//div[@class="fix fix-unsafe"]')
        assert "".join(safe.xpath('.//span[@class="before"]//del//text()')) == f' "{SCRIPT} "'
        assert "".join(safe.xpath('.//span[@class="after"]//ins//text()')) == f"「{SCRIPT}」"
        assert "".join(safe.xpath('.//span[@class="after"]//text()')).startswith(f"彼は「{SCRIPT}」と言")
        assert unsafe.xpath('.//ins[@class="gone"]//text()') == ["(deleted)"]
