"""In a real browser: the RNN / GRU / LSTM page's charts keep their legends clear of Plotly's toolbar."""

from tests.browser.conftest import legend_under_toolbar, wait_for_app


def test_the_toolbar_covers_no_legend_entry(page, server_url):
    page.goto(server_url + "/rnn_vs_lstm")
    wait_for_app(page)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert legend_under_toolbar(page, charts.first, at_least=3) == []  # memory of an impulse
    page.get_by_role("tab", name="Gradients through time").click()
    wait_for_app(page)
    gradients = charts.filter(has_text="How much gradient reaches back")
    assert legend_under_toolbar(page, gradients, at_least=3) == []  # plain RNN, GRU, LSTM
    assert page.locator('[data-testid="stException"]').count() == 0
