"""Run ``scripts/serve.py``'s ``main`` with one of its switches off, then with its defaults, in a fresh
interpreter (the patches are process-wide), Streamlit's command line stubbed out so no server starts."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def off_then_on(switch: str, module: str, probe: str) -> str:
    """``"<probe> <probe>"``: the expression ``probe`` (on ``import <module>``, e.g.
    ``app.server.patches.batched_sends``, bound to its last name) after ``main([], <switch>=False)``, then after ``main([])``."""
    name = module.rsplit(".", 1)[-1]
    code = (
        "import importlib, runpy; from streamlit.web import cli; cli.main = lambda: 0\n"
        f"{name} = importlib.import_module({module!r})\n"
        f"ns = runpy.run_path('scripts/serve.py', run_name='serve'); ns['main']([], {switch}=False); a = {probe}\n"
        f"ns['main']([]); print(a, {probe})"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]
