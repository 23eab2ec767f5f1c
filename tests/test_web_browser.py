"""End to end in real headless Chromium: `warta serve` in a subprocess, Playwright driving the browser.

An analyst's path through the UI (search, click through to an article, a story, an entity, the
coverage charts), and the security promise: an invented article whose text carries
``<script>`` and ``onerror=`` shows that text and runs nothing. Every page is also checked for
console errors, so a template that breaks the Content-Security-Policy (an inline style, a
script) fails here.

Uses Debian's /usr/bin/chromium (no browser download is possible here); the tests skip with a
reason when it or the playwright package is absent. ``scripts/install_browser.sh`` installs it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_web_api import build_knowledge_base

CHROMIUM = Path("/usr/bin/chromium")
# As this machine needs them: no sandbox as root, no GPU, and no background connections (the
# closed network refuses them, noisily).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_SECONDS = 30.0
TIMEOUT_MS = 15_000

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (run scripts/install_browser.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Iterator[str]:
    """`warta serve` on a free localhost port over a freshly ingested knowledge base."""
    root = tmp_path_factory.mktemp("browserkb")
    db = root / "kb.db"
    build_knowledge_base(db, root / "pages", samples_dir)
    port = free_port()
    log = (root / "serve.log").open("w")
    command = [sys.executable, "-c", "from warta.cli import main; main()",
               "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/outlets", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"warta serve did not start: {(root / 'serve.log').read_text()}")
        time.sleep(0.2)
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors and uncaught exceptions (CSP violations among them)."""
    context = browser.new_context()
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    opened.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    opened.on("pageerror", lambda exc: problems.append(str(exc)))
    opened.problems = problems
    yield opened
    context.close()


def assert_clean(page: Any) -> None:
    assert page.problems == [], page.problems


def test_search_and_click_through_to_an_article(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "jembatan Cikareo")
    page.click("form.search button")
    page.wait_for_selector("li.hit")
    assert "jembatan" in page.inner_text("#count").lower() or int(page.inner_text("#count").split()[0]) > 0
    assert page.locator("li.hit mark").count() > 0
    title = page.inner_text("li.hit >> nth=0 >> a.hit-title")
    page.click("li.hit >> nth=0 >> a.hit-title")
    page.wait_for_url("**/articles/*")
    assert page.inner_text("article h1") == title
    assert page.locator("#body a.ent").count() > 0
    assert_clean(page)


def test_search_filters_by_outlet_and_date(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.select_option("select[name=outlet]", "kabarpagi.co.id")
    page.fill("input[name=from]", "2024-01-01")
    page.click("form.search button")
    page.wait_for_selector("#count")
    outlets = page.locator("li.hit .meta a").all_inner_texts()
    assert outlets and set(outlets) == {"kabarpagi.co.id"}
    assert_clean(page)


def test_story_page(server: str, page: Any) -> None:
    page.goto(server + "/stories")
    page.click("ol.stories li >> nth=0 >> a")
    page.wait_for_url("**/stories/*")
    for section in ("#summary", "#timeline", "#sources", "#who-said-what"):
        assert page.locator(section).is_visible()
    assert page.locator("#sources h3").count() >= 1
    assert page.locator("svg.chart rect.bar").count() >= 1
    assert_clean(page)


def test_entity_page_from_an_article(server: str, page: Any) -> None:
    page.goto(server + "/?q=posyandu")
    page.click("li.hit >> nth=0 >> a.hit-title")
    page.click("#body a.ent >> text=Endang Suherman")
    page.wait_for_url("**/entities/*")
    assert page.inner_text("h1.entity-name") == "Endang Suherman"
    assert page.locator("#quotes blockquote").count() >= 1
    assert page.locator("#coverage svg.chart rect.bar").count() >= 1
    assert_clean(page)


def test_outlets_coverage_chart(server: str, page: Any) -> None:
    page.goto(server + "/outlets")
    assert page.locator("svg.chart rect.bar").count() >= 1
    page.click("table.outlets a >> nth=0")
    page.wait_for_url("**/outlets/*")
    page.click("p.switch a >> text=week")
    assert page.locator("svg.chart rect.bar").count() >= 1
    assert page.locator("p.switch strong").inner_text() == "week"
    assert_clean(page)


def test_hostile_article_renders_as_text_and_runs_nothing(server: str, page: Any) -> None:
    page.goto(server + "/?q=posyandu")
    page.wait_for_selector("li.hit")
    page.click("li.hit >> nth=0 >> a.hit-title")
    page.wait_for_url("**/articles/*")
    body = page.inner_text("#body")
    assert "<script>window.__pwned=1</script>" in body
    assert '<img src=x onerror="window.__pwned=1">' in body
    assert page.locator("#body img, #body script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert_clean(page)


def test_csp_blocks_script_even_if_injected(server: str, page: Any) -> None:
    """Defence in depth: were markup ever to slip past escaping, the header stops it running."""
    page.goto(server + "/")
    page.evaluate("""() => { const d = document.createElement('div');
        d.innerHTML = '<img src=x onerror="window.__pwned=1">'; document.body.appendChild(d); }""")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
