"""Gradients through time: analytic BPTT against central finite differences (float64), for all three cells."""

import functools
import threading

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_core.analysis import gradients
from lstm_core.analysis.gradients import gradient_norms, gru_gradients, lstm_gradients, rnn_gradients
from lstm_core.cells import gru_forward, lstm_forward, rnn_forward
from lstm_core.weights import random_weights
from lstm_core.weights.init import random_layer

EPS = 1e-6
CELLS = {
    "rnn": (rnn_forward, functools.partial(random_layer, "rnn")),
    "gru": (gru_forward, functools.partial(random_layer, "gru")),
    "lstm": (lstm_forward, random_weights),
}


def _final(fwd, w, x, h0=None, c0=None):
    kwargs = {} if c0 is None else {"c0": c0}
    return fwd(x, w, h0=h0, dtype=np.float64, **kwargs).h[-1]


def fd_jacobian_x(fwd, w, x):
    """(T, H, D) ∂h_{T-1}/∂x_t by central differences."""
    T, D = x.shape
    H = w.units
    J = np.empty((T, H, D))
    for t in range(T):
        for d in range(D):
            xp, xm = x.copy(), x.copy()
            xp[t, d] += EPS
            xm[t, d] -= EPS
            J[t, :, d] = (_final(fwd, w, xp) - _final(fwd, w, xm)) / (2 * EPS)
    return J


def fd_jacobian_h(fwd, w, x, trace, cell):
    """(T, H, H) ∂h_{T-1}/∂h_t: restart the run at step t + 1 from a perturbed h_t (C_t held for the LSTM)."""
    T, H = x.shape[0], w.units
    J = np.empty((T, H, H))
    for t in range(T):
        if t == T - 1:
            J[t] = np.eye(H)
            continue
        c0 = trace.c[t] if cell == "lstm" else None
        for j in range(H):
            hp, hm = trace.h[t].copy(), trace.h[t].copy()
            hp[j] += EPS
            hm[j] -= EPS
            J[t, :, j] = (_final(fwd, w, x[t + 1 :], hp, c0) - _final(fwd, w, x[t + 1 :], hm, c0)) / (2 * EPS)
    return J


@pytest.mark.parametrize("cell", list(CELLS))
@pytest.mark.parametrize("D, H, T", [(2, 3, 7), (1, 1, 5), (3, 2, 1)])
def test_jacobians_match_finite_differences(cell, D, H, T):
    fwd, init = CELLS[cell]
    w = init(D, H, seed=T, dtype=np.float64)
    x = np.random.default_rng(D + H).standard_normal((T, D))
    trace = fwd(x, w, dtype=np.float64)
    g = gradient_norms(trace, w, keep_jacobians=True)
    assert g.cell == cell and g.steps == T
    np.testing.assert_allclose(g.jac_x, fd_jacobian_x(fwd, w, x), atol=1e-7, rtol=1e-6)
    np.testing.assert_allclose(g.jac_h, fd_jacobian_h(fwd, w, x, trace, cell), atol=1e-7, rtol=1e-6)
    np.testing.assert_allclose(g.log10_dx, np.log10(np.linalg.norm(g.jac_x, axis=(1, 2))), atol=1e-9)
    np.testing.assert_allclose(g.log10_dh, np.log10(np.linalg.norm(g.jac_h, axis=(1, 2))), atol=1e-9)
    np.testing.assert_array_equal(g.distance, np.arange(T - 1, -1, -1))


def test_lstm_cell_state_jacobian_and_h0_match_finite_differences():
    w = random_weights(2, 3, seed=5, dtype=np.float64)
    x = np.random.default_rng(5).standard_normal((6, 2))
    trace = lstm_forward(x, w, dtype=np.float64)
    g = lstm_gradients(trace, w, keep_jacobians=True)
    for t in range(5):
        J = np.empty((3, 3))
        for j in range(3):
            cp, cm = trace.c[t].copy(), trace.c[t].copy()
            cp[j] += EPS
            cm[j] -= EPS
            J[:, j] = (_final(lstm_forward, w, x[t + 1 :], trace.h[t], cp)
                       - _final(lstm_forward, w, x[t + 1 :], trace.h[t], cm)) / (2 * EPS)
        np.testing.assert_allclose(g.jac_c[t], J, atol=1e-7, rtol=1e-6, err_msg=f"t={t}")
    # ∂h_{T-1}/∂h0: perturb the initial state
    J0 = np.empty((3, 3))
    for j in range(3):
        e = np.zeros(3)
        e[j] = EPS
        J0[:, j] = (_final(lstm_forward, w, x, e) - _final(lstm_forward, w, x, -e)) / (2 * EPS)
    assert g.log10_dh0 == pytest.approx(np.log10(np.linalg.norm(J0)), abs=1e-6)


def test_rnn_gradient_is_the_product_of_local_slopes():
    """One unit, no input after t = 0: ∂h_{T-1}/∂h_t = Π u·(1 - h_s²), the textbook vanishing product."""
    from lstm_core.cells import RNNWeights

    w = RNNWeights(np.ones((1, 1)), np.full((1, 1), 0.5), np.zeros(1))
    x = np.zeros((20, 1))
    x[0] = 1.0
    trace = rnn_forward(x, w, dtype=np.float64)
    g = rnn_gradients(trace, w)
    slopes = 0.5 * (1 - trace.h[:, 0] ** 2)
    for t in range(19):
        assert g.log10_dh[t] == pytest.approx(np.sum(np.log10(slopes[t + 1 :])), abs=1e-9)
    assert g.log10_dh[0] < np.log10(0.5) * 18  # at most half per step: under 4e-6 after 19 steps


def test_long_sequences_do_not_underflow_or_overflow():
    """T = 2000 with tiny and huge recurrent gains: log10 norms stay finite where float64 norms would not."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2000, 1))
    tiny = random_layer("rnn", 1, 4, seed=0, scale=0.05, bias_scale=0.0)
    g = rnn_gradients(rnn_forward(x, tiny), tiny)
    assert np.all(np.isfinite(g.log10_dx[-400:])) and g.log10_dh[0] < -320  # below float64's smallest number
    assert np.all(np.diff(g.log10_dh) > 0)  # further back, always smaller
    big = random_layer("gru", 1, 4, seed=0, scale=6.0, bias_scale=0.0)
    gg = gru_gradients(gru_forward(x, big), big)
    assert np.all(~np.isnan(gg.log10_dx))


@given(seed=st.integers(0, 10_000), scale=st.floats(0.2, 3.0), T=st.integers(2, 30))
def test_norms_equal_the_kept_jacobians(seed, scale, T):
    x = np.random.default_rng(seed).standard_normal((T, 2))
    for name, (fwd, init) in CELLS.items():
        w = init(2, 3, seed=seed, scale=scale)
        trace = fwd(x, w)
        g = gradient_norms(trace, w, keep_jacobians=True)
        lean = gradient_norms(trace, w)
        np.testing.assert_allclose(lean.log10_dx, g.log10_dx, atol=1e-9, err_msg=name)
        np.testing.assert_allclose(lean.log10_dh[-1], np.log10(np.sqrt(3)), atol=1e-6)  # float32 trace
        np.testing.assert_allclose(lean.dx, np.linalg.norm(g.jac_x, axis=(1, 2)), rtol=1e-5)


def test_float32_traces_give_float32_gradients_close_to_float64():
    x = np.random.default_rng(2).standard_normal((300, 1))
    for name, (fwd, init) in CELLS.items():
        w = init(1, 16, seed=2, bias_scale=0.2)
        g32 = gradient_norms(fwd(x, w), w)
        g64 = gradient_norms(fwd(x, w.astype(np.float64), dtype=np.float64), w)
        np.testing.assert_allclose(g32.log10_dx, g64.log10_dx, atol=0.02, err_msg=name)


def test_mismatches_are_refused():
    w = random_layer("rnn", 2, 3)
    trace = rnn_forward(np.zeros((4, 2)), w)
    with pytest.raises(ValueError, match="matching trace and weights"):
        gradient_norms(trace, random_layer("gru", 2, 3))
    with pytest.raises(ValueError, match="trace of 4 units and 2 inputs"):
        rnn_gradients(trace, random_layer("rnn", 2, 4))
    with pytest.raises(ValueError, match=r"unbatched RNN trace .* got \(4, 2, 3\)"):
        rnn_gradients(rnn_forward(np.zeros((2, 4, 2)), w), w)


def _blas_threads() -> set[int]:
    return {lib["num_threads"] for lib in gradients._BLAS.info() if lib["user_api"] == "blas"}


def test_overlapping_runs_leave_numpys_blas_as_they_found_it():
    """Two sessions' gradient runs overlap on a server: A in, B in, A out, B out. The BLAS limit is
    process-wide, so the last one out, not each, restores it (it used to stay at one thread for good)."""
    if not _blas_threads():
        pytest.fail("NumPy's BLAS was not found by threadpoolctl")
    with gradients._BLAS.limit(limits=2, user_api="blas"):  # a known starting point, 2 threads
        assert _blas_threads() == {2}
        a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
        seen = {}

        def run_a():
            with gradients._one_blas_thread():
                a_in.set()
                b_in.wait(10)
                seen["a"] = _blas_threads()
            a_out.set()

        def run_b():
            a_in.wait(10)
            with gradients._one_blas_thread():
                b_in.set()
                a_out.wait(10)
                seen["b after a left"] = _blas_threads()

        threads = [threading.Thread(target=run_a), threading.Thread(target=run_b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(20)
        assert seen == {"a": {1}, "b after a left": {1}}  # B still runs single-threaded after A left
        assert _blas_threads() == {2}                     # and the last one out restored the 2 threads
        assert gradients._LIMIT == {"depth": 0, "limiter": None}
