# georouter — `make run` starts the service on the embedded defaults, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP = $(VENV)/.installed

.PHONY: run test bench bench-http boundaries clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/georouter serve --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python scripts/bench_index.py
	$(BIN)/python scripts/bench_geocode.py

bench-http: $(STAMP)
	$(BIN)/python scripts/bench_http.py

boundaries: $(STAMP)
	$(BIN)/python scripts/build_boundaries.py --source ../shared/data --out boundaries

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
