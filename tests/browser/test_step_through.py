"""The step-through page in a real browser: open it, step with the keyboard and the Next button,
and see the heatmaps' current-step marker move."""

from tests.browser.conftest import wait_for_app

MARKER_X = """() => {
    const gd = document.querySelector('.st-key-step_fig_heatmaps .js-plotly-plot');
    if (!gd || !gd.layout || !gd.layout.shapes) return null;
    const marker = gd.layout.shapes.find(s => s.name === 'current_t');
    return marker ? marker.x0 : null;
}"""


def marker_at(page, t: int) -> None:
    """Wait until the forget-gate heatmap's marker sits at t and the run has finished."""
    page.wait_for_function(f"() => ({MARKER_X})() === {t}", timeout=30_000)
    wait_for_app(page)


def test_step_forward_with_the_keyboard_and_the_next_button(page, server_url):
    page.goto(server_url)
    wait_for_app(page)
    page.get_by_role("link", name="Step through an LSTM").click()
    wait_for_app(page)
    page.wait_for_selector(".st-key-step_fig_heatmaps .js-plotly-plot", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 3  # input, values now, the six heatmaps
    marker_at(page, 0)

    page.locator("h1").first.click()  # focus on the page, not on a widget
    page.keyboard.press("ArrowRight")
    marker_at(page, 1)
    page.keyboard.press("ArrowRight")
    marker_at(page, 2)
    page.keyboard.press("ArrowLeft")
    marker_at(page, 1)

    page.locator(".st-key-step_next button").first.click()
    marker_at(page, 2)
    assert "step_t=2" in page.url  # the URL keeps the view
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_copied_link_opens_the_same_view_in_another_browser(page, browser, server_url):
    """Shareable links: the view a teacher sets up (sequence, timestep, language) travels in the URL."""
    page.goto(f"{server_url}/step_through?lang=pt")
    wait_for_app(page)
    page.wait_for_selector(".st-key-step_fig_heatmaps .js-plotly-plot", timeout=60_000)
    for t in (1, 2, 3):
        page.locator(".st-key-step_next button").first.click()
        marker_at(page, t)
    link = page.url
    assert "step_t=3" in link and "lang=pt" in link

    other = browser.new_context(viewport={"width": 1400, "height": 1000})  # a student's fresh browser
    try:
        student = other.new_page()
        student.goto(link)
        wait_for_app(student)
        student.wait_for_selector(".st-key-step_fig_heatmaps .js-plotly-plot", timeout=60_000)
        marker_at(student, 3)
        assert student.get_by_text("t = 3 de 0…").first.is_visible()  # same step, in Portuguese
        assert student.locator('[data-testid="stException"]').count() == 0
    finally:
        other.close()
