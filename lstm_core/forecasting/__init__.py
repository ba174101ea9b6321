"""Forecasting a series: settings, transforms, the NumPy forecaster, metrics and baselines, seasonality,
the choice of transform and the end-to-end pipeline (training itself is in ``keras_bridge``)."""
