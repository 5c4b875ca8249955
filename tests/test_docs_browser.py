"""The built site as a reader's browser draws it: diagram text size and sideways scrolling.

Runs where headless Chromium and Playwright's Python package are installed (Chromium from the system:
``chromium`` on the PATH, or ``CABLEGRAMMAR_CHROMIUM`` naming the executable); skipped otherwise. The
static checks of ``tests/test_docs.py`` read the SVG as written; this test measures what the browser
draws, through the DOM, at a desktop width and a phone width.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]

WIDTHS = (1400, 420)
"""Viewport widths in CSS pixels: a desktop window and a phone held upright."""

SMALLEST_TEXT_PX = 11.0
"""No diagram text is drawn smaller than this, at any width."""

# For every diagram on the page: the smallest text as drawn (computed font size times the SVG's scale,
# its drawn width over its own width), and whether the page itself scrolls sideways.
MEASURE = """
() => {
  const sizes = [];
  for (const svg of document.querySelectorAll('svg.railroad-diagram, svg.cable-anatomy')) {
    const natural = svg.viewBox.baseVal && svg.viewBox.baseVal.width
      ? svg.viewBox.baseVal.width : parseFloat(svg.getAttribute('width'));
    const scale = svg.getBoundingClientRect().width / natural;
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      sizes.push(parseFloat(getComputedStyle(text).fontSize) * scale);
    }
  }
  const page = document.scrollingElement;
  return {
    smallest: sizes.length ? Math.min(...sizes) : null,
    diagrams: document.querySelectorAll('svg.railroad-diagram, svg.cable-anatomy').length,
    overflow: page.scrollWidth - page.clientWidth,
  };
}
"""


def _chromium() -> str | None:
    return os.environ.get("CABLEGRAMMAR_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """Build the site strictly and serve it on the loopback address; yield its base URL and its pages."""
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    site = tmp_path_factory.mktemp("browser") / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Say nothing per request."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        pages = sorted(str(page.parent.relative_to(site)) for page in site.rglob("index.html"))
        yield f"http://127.0.0.1:{server.server_address[1]}/", [page for page in pages if page != "search"]
    finally:
        server.shutdown()
        server.server_close()


def test_diagram_text_is_never_below_11_px_and_no_page_scrolls_sideways(
    served_site: tuple[str, list[str]],
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    if executable is None:
        pytest.skip("headless Chromium is not installed")
    base, pages = served_site
    problems: list[str] = []
    smallest: dict[int, float] = {}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                for path in pages:
                    page.goto(base + ("" if path == "." else path + "/"), wait_until="load")
                    measured = page.evaluate(MEASURE)
                    if measured["smallest"] is not None:
                        smallest[width] = min(smallest.get(width, 99.0), measured["smallest"])
                        if measured["smallest"] < SMALLEST_TEXT_PX:
                            problems.append(f"{path} at {width} px: text at {measured['smallest']:.1f} px")
                    if measured["overflow"] > 0:
                        problems.append(f"{path} at {width} px: scrolls {measured['overflow']} px sideways")
                page.close()
        finally:
            browser.close()
    print({f"{width} px": f"{size:.1f}" for width, size in smallest.items()})
    assert smallest, "no diagram measured"
    assert problems == []
