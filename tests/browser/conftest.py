"""Browser suite: a real ``streamlit run`` on 127.0.0.1 and Debian's Chromium driven by Playwright.

Fixtures:
    server_url  base URL of one streamlit server shared by the whole session
    page        a fresh Playwright page (new browser context) per test; on failure a
                screenshot is saved to artifacts/screenshots/<test name>.png
Helpers:
    wait_for_app(page)   waits until Streamlit has finished running the script
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LENS_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server():
    """Start ``scripts/serve.py`` on a free port; returns (process, url). The caller stops it."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make browser-deps' (installs Debian's chromium)")
    port = _free_port()
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONUNBUFFERED="1")
    log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{Path(log.name).read_text()}")
    else:
        proc.kill()
        raise RuntimeError(f"streamlit did not start in 60 s:\n{Path(log.name).read_text()}")
    return proc, url


def stop_server(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def server_url():
    proc, url = start_server()
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:  # Playwright gives every launch a fresh, temporary profile
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            pg.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
        except Exception:  # the page may be gone; the failure itself is what matters
            pass
    context.close()


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the app has rendered and Streamlit is no longer running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            // 'initial' (before the first run, when Streamlit briefly lists pages/ itself) and
            // 'running' are not ready; 'notRunning' is a finished run.
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stSpinner"]');
        }""",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


def _overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def legend_under_toolbar(page, chart, at_least: int = 1) -> list[str]:
    """Hover ``chart`` (a stPlotlyChart locator) so Plotly shows its toolbar; the legend entries it covers.

    Checks first that the chart has at least ``at_least`` legend entries (so an empty answer means something).
    """
    # Wait through the locator (it looks again on every try) until Plotly has drawn: the chart's
    # first element is a placeholder that React replaces once Plotly's code has loaded, and
    # scroll_into_view_if_needed holds on to the node it found first (a replaced node is never visible).
    chart.locator(".js-plotly-plot .main-svg").first.wait_for(state="visible")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    toolbar = chart.locator(".modebar-container .modebar")
    toolbar.wait_for(state="visible")
    entries = chart.locator(".legend .traces")
    assert entries.count() >= at_least, f"expected at least {at_least} legend entries, found {entries.count()}"
    toolbar_box = toolbar.bounding_box()
    return [entries.nth(k).text_content() for k in range(entries.count())
            if _overlap(toolbar_box, entries.nth(k).bounding_box())]
