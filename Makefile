# The few commands a newcomer needs. `make demo` and `make test` set everything up themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench check train clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## extract and store the bundled sample pages, then show what warta found
	$(BIN)/python -m warta.demo

test: $(STAMP)  ## the test suite (browser tests in Debian's headless chromium, PostgreSQL tests on a throwaway server), then lint and types
	bash scripts/install_browser.sh
	bash scripts/postgres_test_server.sh install || echo "warta: no PostgreSQL here; its tests will be skipped"
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests
	$(BIN)/mypy

check: $(STAMP)  ## lint and types only
	$(BIN)/ruff check src tests
	$(BIN)/mypy

bench: $(STAMP)  ## speed and memory figures (about 10 minutes)
	$(BIN)/python -m bench --only extract --only read --only analyze --pages 10000
	$(BIN)/python -m bench --only stories --only web --pages 100000
	$(BIN)/python -m bench --only stories-kb --pages 10000

train: $(STAMP)  ## retrain the models shipped in src/warta/models from ../shared/data
	$(BIN)/python scripts/train_ner.py

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
