"""What the server does before Streamlit's command line takes over (``scripts/serve.py`` calls :func:`main`).

The operator's settings are checked, the patches installed, the garbage collector tuned, and what the
pages import on first use is imported in the background. The figures behind each choice are in
docs/performance.md.
"""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from pathlib import Path

WARM_IMPORTS = ("lstm_core.forecasting.pipeline", "lstm_core.analysis.breakdown", "statsmodels.tsa.seasonal",
                "statsmodels.tsa.holtwinters", "pandas.io.formats.style",
                "plotly.graph_objects", "plotly.subplots", "plotly.io", "lstm_core.keras_bridge.recall",
                "lstm_core.analysis.memory", "lstm_core.cells.trace", "lstm_core.models", "h5py")
"""What the pages import on first use (~1.5 s, mostly statsmodels and SciPy), imported in the background
at start: an import holds the interpreter, and without this the first student to open the forecast page
held every other session's steps that long. Never TensorFlow (trainings import it in their own
processes), nor ``app`` modules (their Streamlit caches must be declared once the runtime exists)."""

GC_THRESHOLDS = (10_000, 20, 10)
"""Python's collector thresholds for the server (default (700, 10, 10)). Each script run leaves ~150
objects in reference cycles; collected every 700 allocations they were caught mid-run, promoted, and
only full collections freed them: a class's collections held the interpreter 2-3 times as long, the
longest 81 ms instead of 24. The price is a few MB more held after a class."""


def find_blas() -> None:
    """Import :mod:`lstm_core.analysis.gradients`, which finds NumPy's BLAS: before any thread starts
    (see its ``_BLAS``; the library walk deadlocks against a thread loading a C extension)."""
    import lstm_core.analysis.gradients  # noqa: F401


def collect_young_cycles() -> None:
    """Set :data:`GC_THRESHOLDS`."""
    gc.set_threshold(*GC_THRESHOLDS)


def warm_imports(freeze_heap: bool = True) -> None:
    """Import :data:`WARM_IMPORTS`; then, with ``freeze_heap``, leave everything loaded out of later
    garbage collections (``gc.freeze``). Without the freeze, each full collection visits the ~176,000
    objects of the loaded modules, holding every student's step for 0.1-0.2 s every 10-15 s under a
    class; a cycle among the frozen objects (module contents, which stay anyway) is never collected."""
    for name in WARM_IMPORTS:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  (a warm-up only: the page imports it again and reports a real failure)
            pass
    if freeze_heap:
        gc.collect()  # what is garbage now is freed, not frozen
        gc.freeze()


def main(argv: list[str], app_script: Path, tcp_nodelay: bool = True, coalesce_wakeups: bool = True,
         batch_sends: bool = True, freeze_heap: bool = True, remember_theme: bool = True,
         young_cycles: bool = True) -> int:
    """Start the server on ``app_script`` with Streamlit options ``argv``; the exit status.

    Each switch set to False leaves one fix out, only for the benchmarks that measure what it is worth
    (``benchmarks/serve_without.py``)."""
    find_blas()
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    from app.server import patches, settings

    refused = settings.problems()
    for problem in refused:
        print(problem, file=sys.stderr)
    if refused:
        return 2
    # the app navigates with st.navigation only: no session may run as a legacy multipage app (scripts/serve.py)
    PagesManager.uses_pages_directory = False
    switches = dict(tcp_nodelay=tcp_nodelay, coalesce_wakeups=coalesce_wakeups, batch_sends=batch_sends,
                    remember_theme=remember_theme)
    installed = patches.install({name for name, on in switches.items() if not on})
    print(patches.summary(installed), file=sys.stderr, flush=True)  # a skipped one has said why just above
    if young_cycles:
        collect_young_cycles()
    threading.Thread(target=warm_imports, args=(freeze_heap,), name="warm-imports", daemon=True).start()
    sys.argv = ["streamlit", "run", str(app_script), *argv]
    return cli.main()
