"""A person's model file on the step-through page in a real browser (issue #21): drop a legacy .h5 model
and a Bidirectional model on the uploader and see their gates; the layer picker lists both directions."""

from pathlib import Path

from tests.browser.conftest import wait_for_app

CORPUS = Path(__file__).resolve().parents[1] / "models" / "corpus"
HEATMAPS = ".st-key-step_fig_heatmaps .js-plotly-plot"

PANELS = """() => {
    const gd = document.querySelector('.st-key-step_fig_heatmaps .js-plotly-plot');
    return gd && gd.data ? gd.data.map(d => d.name) : null;
}"""


def drop_model(page, server_url: str, name: str) -> None:
    page.goto(f"{server_url}/step_through?step_source=upload")
    wait_for_app(page)
    page.locator('.st-key-step_keras input[type="file"]').set_input_files(str(CORPUS / name))
    wait_for_app(page)
    page.wait_for_selector(HEATMAPS, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0


def test_an_h5_model_shows_its_gates(page, server_url):
    drop_model(page, server_url, "gru_reset_after.h5")
    assert page.get_by_text("gru · GRU · 4 units").first.is_visible()
    page.wait_for_function(f"() => JSON.stringify(({PANELS})()) === JSON.stringify(['z', 'r', 'h_tilde', 'h'])",
                           timeout=30_000)
    # the heatmaps are drawn: one image per panel in the plot area
    assert page.locator(f"{HEATMAPS} .heatmaplayer image").count() == 4
    page.locator(".st-key-step_next button").first.click()
    wait_for_app(page)
    assert page.get_by_text("t = 1 of 0…8").first.is_visible()


def test_a_bidirectional_model_lists_both_directions_and_shows_the_backward_gates(page, server_url):
    drop_model(page, server_url, "bidi_concat.keras")
    page.locator(".st-key-step_layer").click()
    options = [o.text_content() for o in page.get_by_role("option").all()]
    assert options == ["bidirectional · forward · LSTM · 3 units", "bidirectional · backward · LSTM · 3 units",
                       "lstm_1 · LSTM · 2 units"]
    page.get_by_role("option", name="bidirectional · backward · LSTM · 3 units").click()
    wait_for_app(page)
    assert page.get_by_text("reads the sequence backwards").first.is_visible()
    page.wait_for_function(f"() => ({PANELS})() && ({PANELS})().length === 6", timeout=30_000)
    assert page.locator(f"{HEATMAPS} .heatmaplayer image").count() == 6
    assert "step_layer=1" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
