"""scripts/serve.py warms the forecast page's heavy imports at start, and never TensorFlow."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> subprocess.CompletedProcess:
    """``code`` in a fresh interpreter (serve.py's warm-up changes the whole process); it must succeed."""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out


def test_the_warm_up_imports_what_it_names_and_not_tensorflow():
    code = (
        "import runpy, sys; ns = runpy.run_path('scripts/serve.py', run_name='warm'); ns['_warm_imports']();"
        "missing = [m for m in ns['WARM_IMPORTS'] if m not in sys.modules];"
        "print(missing, 'tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    out = _run(code)
    assert out.stdout.split("\n")[-2] == "[] False False"


def test_numpys_blas_is_found_before_any_thread_starts_and_never_again():
    """The library walk behind threadpoolctl deadlocks against a thread that loads a C extension
    (lstm_core/gradients.py, _BLAS): serve.py's main makes it first, before its warm-up thread starts,
    and a gradient run (the RNN page) must not make it again."""
    code = (
        "import runpy, sys, threading; ns = runpy.run_path('scripts/serve.py', run_name='warm'); ns['_find_blas']();"
        "print('lstm_core.gradients' in sys.modules, threading.active_count());"
        "import threadpoolctl, numpy as np\n"
        "def walk(*a, **k): raise AssertionError('walked the loaded libraries again')\n"
        "threadpoolctl.ThreadpoolController.__init__ = walk\n"
        "from lstm_core.gradients import demo_cells, gradients_for_cells\n"
        "norms, _ = gradients_for_cells(np.ones((20, 1), np.float32), demo_cells(1, 8, 1.0, 3.0, seed=0))\n"
        "print(sorted(norms))"
    )
    out = _run(code)
    assert out.stdout.split("\n")[-3:-1] == ["True 1", "['gru', 'lstm', 'rnn']"]


def test_a_spawned_training_process_does_not_import_the_server():
    """A training process is spawned: it runs the server's main script again as ``__mp_main__`` before
    it starts. That must import nothing heavy (it runs before the training lowers its priority)."""
    code = (
        "import runpy, sys; runpy.run_path('scripts/serve.py', run_name='__mp_main__');"
        "print([m for m in ('streamlit', 'numpy', 'pandas', 'app', 'lstm_core', 'tornado') if m in sys.modules])"
    )
    assert _run(code).stdout.split("\n")[-2] == "[]"


def test_the_warm_up_freezes_the_loaded_modules_out_of_later_collections_quietly():
    """After the warm-up the loaded modules' objects are frozen (a full collection skips them); the
    reference leaves them in. Importing nothing that declares a Streamlit cache before the runtime
    exists: no "No runtime found" warning."""
    code = (
        "import gc, runpy; ns = runpy.run_path('scripts/serve.py', run_name='warm');"
        "ns['_warm_imports'](freeze_heap=False); a = gc.get_freeze_count(); ns['_warm_imports']();"
        "print(a, gc.get_freeze_count() > 100_000, len(gc.get_objects()) < 50_000)"
    )
    out = _run(code)
    assert out.stdout.split("\n")[-2] == "0 True True"
    assert "No runtime found" not in out.stderr
