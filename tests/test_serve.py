"""scripts/serve.py warms the forecast page's heavy imports at start, and never TensorFlow."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_warm_up_imports_what_it_names_and_not_tensorflow():
    code = (
        "import runpy, sys; ns = runpy.run_path('scripts/serve.py', run_name='warm'); ns['_warm_imports']();"
        "missing = [m for m in ns['WARM_IMPORTS'] if m not in sys.modules];"
        "print(missing, 'tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[-2] == "[] False False"
