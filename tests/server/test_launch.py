"""The server's start (scripts/serve.py, app/server/launch.py): it warms the forecast page's heavy imports,
never TensorFlow; a training process re-running the launcher imports nothing heavy; the collector's settings."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> subprocess.CompletedProcess:
    """``code`` in a fresh interpreter (the warm-up changes the whole process); it must succeed."""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out


def test_the_warm_up_imports_what_it_names_and_not_tensorflow():
    code = (
        "import sys; from app.server import launch; launch.warm_imports();"
        "missing = [m for m in launch.WARM_IMPORTS if m not in sys.modules];"
        "print(missing, 'tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    out = _run(code)
    assert out.stdout.split("\n")[-2] == "[] False False"


def test_numpys_blas_is_found_before_any_thread_starts_and_never_again():
    """The library walk behind threadpoolctl deadlocks against a thread that loads a C extension
    (lstm_core/analysis/gradients.py, _BLAS): the launcher makes it first, before its warm-up thread starts,
    and a gradient run (the RNN page) must not make it again."""
    code = (
        "import sys, threading; from app.server import launch; launch.find_blas();"
        "print('lstm_core.analysis.gradients' in sys.modules, threading.active_count());"
        "import threadpoolctl, numpy as np\n"
        "def walk(*a, **k): raise AssertionError('walked the loaded libraries again')\n"
        "threadpoolctl.ThreadpoolController.__init__ = walk\n"
        "from lstm_core.analysis.gradients import demo_cells, gradients_for_cells\n"
        "norms, _ = gradients_for_cells(np.ones((20, 1), np.float32), demo_cells(1, 8, 1.0, 3.0, seed=0))\n"
        "print(sorted(norms))"
    )
    out = _run(code)
    assert out.stdout.split("\n")[-3:-1] == ["True 1", "['gru', 'lstm', 'rnn']"]


def test_a_training_process_does_not_import_the_server():
    """A training process, forked from the fork server or spawned, runs the server's main script again
    as ``__mp_main__`` before it starts. That must import nothing heavy."""
    code = (
        "import runpy, sys; runpy.run_path('scripts/serve.py', run_name='__mp_main__');"
        "print([m for m in ('streamlit', 'numpy', 'pandas', 'app', 'lstm_core', 'tornado') if m in sys.modules])"
    )
    assert _run(code).stdout.split("\n")[-2] == "[]"


def test_serve_collects_young_cycles_and_the_reference_keeps_pythons_thresholds():
    """The server sets GC_THRESHOLDS; ``young_cycles=False`` (the benchmarks' reference) leaves the defaults."""
    from tests.support.serve_switch import off_then_on

    assert off_then_on("young_cycles", "gc", "gc.get_threshold()") == "(700, 10, 10) (10000, 20, 10)"


def test_run_like_cycles_die_young_with_the_servers_thresholds():
    """What GC_THRESHOLDS is for: reference cycles that live as long as a run (30 in flight, ~150
    objects each) are freed by young collections instead of reaching the oldest generation, whose
    collection visits every live object. Python's collector is deterministic, so the counts are too."""
    code = (
        "import collections, gc, runpy, sys\n"
        "from app.server import launch; gc.collect(); gc.freeze()\n"
        "if sys.argv[1] == 'serve': launch.collect_young_cycles()\n"
        "counts = collections.Counter(); gc.callbacks.append(lambda p, i: p == 'stop' and counts.update([i['generation']]))\n"
        "class Node:\n    __slots__ = ('peer', 'data')\n"
        "def a_run():\n"
        "    nodes = [Node() for _ in range(50)]\n"
        "    for a, b in zip(nodes, nodes[1:] + nodes[:1]):\n        a.peer, a.data = b, {'k': [b]}\n"
        "    return nodes[0]\n"
        "in_flight = collections.deque(maxlen=30)\n"
        "for _ in range(20_000):\n    in_flight.append(a_run())\n"
        "print(counts[1] + counts[2])"
    )
    older = {}
    for variant in ("serve", "python"):
        out = subprocess.run([sys.executable, "-c", code, variant], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        older[variant] = int(out.stdout.split()[-1])
    assert older["serve"] * 10 < older["python"], older  # middle and full collections: 14 against 378 when written


def test_the_warm_up_freezes_the_loaded_modules_out_of_later_collections_quietly():
    """After the warm-up the loaded modules' objects are frozen (a full collection skips them); the
    reference leaves them in. Importing nothing that declares a Streamlit cache before the runtime
    exists: no "No runtime found" warning."""
    code = (
        "import gc; from app.server import launch;"
        "launch.warm_imports(freeze_heap=False); a = gc.get_freeze_count(); launch.warm_imports();"
        "print(a, gc.get_freeze_count() > 100_000, len(gc.get_objects()) < 50_000)"
    )
    out = _run(code)
    assert out.stdout.split("\n")[-2] == "0 True True"
    assert "No runtime found" not in out.stderr
