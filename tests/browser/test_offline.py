"""Works with no internet: every page opens with outside network blocked, and asks for nothing outside.

Every request the page makes to a host other than 127.0.0.1 / localhost is aborted and recorded.
"""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import wait_for_app

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if p.stem != "home")


@pytest.mark.parametrize("path", ["", *PAGES])
def test_page_opens_with_outside_network_blocked(page, server_url, path):
    outside = []

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(f"{server_url}/{path}")
    wait_for_app(page)
    page.wait_for_timeout(1500)  # let late assets (fonts, chart bundles) ask too
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stMainBlockContainer"] h1').count() >= 1
    assert not outside, f"/{path} asked for outside hosts: {sorted(set(outside))[:5]}"
