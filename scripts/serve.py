"""Start the LSTM Lens server: ``python scripts/serve.py [streamlit options]``.

Why not plain ``streamlit run``: Streamlit decides once per process, when the first session
starts, whether the app is a legacy multipage app, by looking for a ``pages/`` folder next to
the main script. Ours uses ``st.navigation`` over ``pages/``; the legacy flag is cleared only
when the frame has run once. If the first visitor opens a deep link (``/step_through``, as a
shared classroom link does), the legacy mode runs that page without the frame, and the flag
then stays set for every later session: no language switch, no navigation. Clearing the flag
before the server starts makes every session, first or not, run the frame.
tests/browser/test_deep_link.py checks this on a fresh server.

The top level imports only the standard library: a training process, forked from the trainings'
fork server (or spawned where there is none), imports the server's main script (this file) again
before it starts (as ``__mp_main__``). With Streamlit, the app's server modules and NumPy imported
here, that was ~1 s of CPU for every training, spent before the training could lower its priority.
"""

import gc
import importlib
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WARM_IMPORTS = ("lstm_core.pipeline", "lstm_core.analysis", "statsmodels.tsa.seasonal",
                "statsmodels.tsa.holtwinters", "pandas.io.formats.style",
                "plotly.graph_objects", "plotly.subplots", "plotly.io", "lstm_core.keras_recurrent",
                "lstm_core.memory", "lstm_core.trace")
"""What the pages import on first use (~1.5 s, mostly the forecast page's statsmodels and SciPy).
Imported in the background while the server starts, so the first student to open the forecast page
does not hold every other session's steps for that long (an import holds the interpreter). Never
TensorFlow: trainings import it in their own processes. Not the ``app`` modules: their Streamlit
caches must be declared once the runtime exists."""


GC_THRESHOLDS = (10_000, 20, 10)
"""Python's garbage collector thresholds for the server (the default is (700, 10, 10)).

Every script run leaves reference cycles behind (its ``ScriptRunner`` with its thread, locks and
signals, the ``DeltaGenerator`` of every container: about 150 objects a run, 18 runs a second in a
class). Collected every 700 allocations, the youngest generation caught them while their run was
still going, so they were promoted, died old, and only a full collection freed them. In the
30-student load phase (``benchmarks/bench_gc_class.py``) that was 355-362 young, 32-33 middle and 3 full
collections holding the interpreter 420-491 ms in all, the longest 81-82 ms. With the youngest
generation collected every 10,000 allocations a run's cycles are usually over by then and freed
young: 19 young collections and no older one, 175-196 ms in all, the longest 20-24 ms. The price is memory:
the server holds 21-22 MB more after a class in ``load_test.py`` (four runs) against 18-20 MB with
the defaults (nine runs), the young garbage waiting a little longer for its collection."""


def _collect_young_cycles() -> None:
    """Set :data:`GC_THRESHOLDS`."""
    gc.set_threshold(*GC_THRESHOLDS)


def _find_blas() -> None:
    """Import :mod:`lstm_core.gradients`, which finds NumPy's BLAS: before any thread starts (see its ``_BLAS``)."""
    import lstm_core.gradients  # noqa: F401


def _warm_imports(freeze_heap: bool = True) -> None:
    """Import :data:`WARM_IMPORTS`; then, with ``freeze_heap``, leave what is loaded out of every later
    garbage collection (``gc.freeze``).

    Why freeze: the modules loaded are ~176,000 objects that live as long as the server. Python's full
    collection visited all of them, and under a class's load it ran every 10-15 s for 98-198 ms of CPU
    with the interpreter held: every student's step waited. Frozen, a full collection visits only what
    the sessions made since (17-44 ms; benchmarks/bench_gc_pause.py). Reference counting still frees
    everything as before; only a reference cycle among the frozen objects would never be collected:
    module contents, which stay loaded anyway, and the state of a session opened in the warm-up's
    first second or two, once."""
    for name in WARM_IMPORTS:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  (a warm-up only: the page imports it again and reports a real failure)
            pass
    if freeze_heap:
        gc.collect()  # what is garbage now is freed, not frozen
        gc.freeze()


def main(argv: list[str], tcp_nodelay: bool = True, coalesce_wakeups: bool = True, batch_sends: bool = True,
         freeze_heap: bool = True, remember_theme: bool = True, young_cycles: bool = True) -> int:
    """Start the server with Streamlit options ``argv``; ``tcp_nodelay=False``,
    ``coalesce_wakeups=False``, ``batch_sends=False``, ``freeze_heap=False``, ``remember_theme=False``
    and ``young_cycles=False`` only for the benchmarks that measure what each is worth
    (benchmarks/bench_step_latency.py, benchmarks/bench_loop_wakeups.py, benchmarks/load_test.py --without)."""
    _find_blas()
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    from app.server import settings
    from app.server.patches import batched_sends, loop_wakeups, server_socket, theme_sections

    refused = settings.problems()
    for problem in refused:
        print(problem, file=sys.stderr)
    if refused:
        return 2
    PagesManager.uses_pages_directory = False  # the app navigates with st.navigation only
    if tcp_nodelay:
        server_socket.install()  # see app/server/patches/server_socket.py
    if coalesce_wakeups:
        loop_wakeups.install()  # see app/server/patches/loop_wakeups.py; before Streamlit creates its event loop
    if batch_sends:
        batched_sends.install()  # see app/server/patches/batched_sends.py
    if remember_theme:
        theme_sections.install()  # see app/server/patches/theme_sections.py
    if young_cycles:
        _collect_young_cycles()  # see GC_THRESHOLDS
    threading.Thread(target=_warm_imports, args=(freeze_heap,), name="warm-imports", daemon=True).start()
    sys.argv = ["streamlit", "run", str(ROOT / "streamlit_app.py"), *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
