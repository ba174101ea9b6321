"""``python -m lstm_core ...``: see :mod:`lstm_core.cli`."""

import sys

from lstm_core.cli import main

sys.exit(main())
