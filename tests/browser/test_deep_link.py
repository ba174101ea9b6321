"""A shared link opened as the very first visit to a fresh server shows the whole app, not a bare page.

Regression test for Streamlit's process-wide legacy multipage flag (see scripts/serve.py).
"""

from playwright.sync_api import expect

from tests.browser.conftest import start_server, stop_server, wait_for_app


def test_first_visit_by_deep_link_runs_the_frame(page):
    proc, url = start_server()  # a fresh server: this test's visit is its first session
    try:
        page.goto(f"{url}/glossary?lang=pt")
        wait_for_app(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_text("Language / Idioma")).to_be_visible(timeout=30_000)  # the frame ran
        expect(sidebar.get_by_text("streamlit app")).to_have_count(0)  # not the legacy pages/ listing
        expect(page.get_by_role("heading", name="Glossário")).to_be_visible()
        page.goto(f"{url}/")
        wait_for_app(page)
        expect(page.locator('[data-testid="stSidebar"]').get_by_text("Language / Idioma")).to_be_visible(timeout=30_000)
    finally:
        stop_server(proc)
