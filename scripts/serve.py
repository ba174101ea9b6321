"""Start the LSTM Lens server: ``python scripts/serve.py [streamlit options]``.

Why not plain ``streamlit run``: Streamlit decides once per process, when the first session
starts, whether the app is a legacy multipage app, by looking for a ``pages/`` folder next to
the main script. Ours uses ``st.navigation`` over ``pages/``; the legacy flag is cleared only
when the frame has run once. If the first visitor opens a deep link (``/step_through``, as a
shared classroom link does), the legacy mode runs that page without the frame, and the flag
then stays set for every later session: no language switch, no navigation. Clearing the flag
before the server starts makes every session, first or not, run the frame.
tests/browser/test_deep_link.py checks this on a fresh server.

The rest of the start (settings, patches, garbage collector, warm-up) is :mod:`app.server.launch`.
The top level imports only the standard library: a training process, forked from the trainings'
fork server (or spawned where there is none), imports the server's main script (this file) again
before it starts (as ``__mp_main__``). With Streamlit, the app's server modules and NumPy imported
here, that was ~1 s of CPU for every training, spent before the training could lower its priority.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str], **switches: bool) -> int:
    """Start the server with Streamlit options ``argv``; ``switches`` (e.g. ``tcp_nodelay=False``) leave
    one fix out, only for the benchmarks (:func:`app.server.launch.main`)."""
    from app.server import launch

    return launch.main(argv, ROOT / "streamlit_app.py", **switches)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
