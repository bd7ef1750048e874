"""The corpus dashboard in a real browser: headless Debian Chromium driven by Playwright.

As for the pair report (tests/report/test_report_browser.py), Playwright never downloads a
browser: it launches /usr/bin/chromium. The screenshot is kept under test-artifacts/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from batch_helpers import ROOT, Run, rows

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
if CHROMIUM is None:
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def test_the_dashboard_renders_without_errors_and_links_every_report(local_run: Run) -> None:
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto((local_run.out / "dashboard.html").resolve().as_uri())
        texts = "cs => cs.map(c => c.innerText)"
        ranked = page.eval_on_selector_all("#pairs tbody tr td:nth-child(2)", texts)
        links = page.eval_on_selector_all("#pairs tbody a", "as => as.map(a => a.getAttribute('href'))")
        errors_col = page.eval_on_selector_all(
            "#pairs tbody tr td:nth-child(3)", "cs => cs.map(c => Number(c.innerText))"
        )
        cross = page.inner_text("#cross")
        failed = page.inner_text("#failed")
        artifacts = ROOT / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        page.screenshot(path=str(artifacts / "batch-dashboard.png"), full_page=True)
        browser.close()
    assert not errors, errors
    # The page asks for nothing but itself: no network, no script, no font.
    assert requests == [(local_run.out / "dashboard.html").resolve().as_uri()]
    ok = [r["name"] for r in rows(local_run.out) if r["status"] == "ok"]
    assert sorted(ranked) == sorted(ok)
    assert errors_col == sorted(errors_col, reverse=True)  # worst first
    for href in links:
        assert (local_run.out / href).is_file(), href
    assert len(links) == len(ok)
    assert "Quillbrook" in cross and "names-a" in cross and "names-b" in cross
    assert "zz-broken" in failed and "binary file" in failed
