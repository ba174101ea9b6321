# LSTM Lens. Two commands: `make run` starts the app, `make test` runs every test.
# Both create .venv in the repo root and install the pinned requirements first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: run test test-fast bench browser-deps clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python scripts/serve.py --server.port $(PORT) --server.address 127.0.0.1

# Browser tests drive Debian's Chromium; this installs it when missing (needs root or sudo).
browser-deps:
	@bash scripts/ensure_chromium.sh

# Two pytest workers (pytest-xdist), one test file each at a time: most of the slow tests wait on a
# server, a browser or a training process, so two workers halve the wall time on two cores.
TEST_WORKERS ?= 2

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# Everything but the browser suite and the slow Keras training tests.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not browser and not slow"

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
