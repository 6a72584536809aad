# Two commands for a fresh machine (see README):
#   make run   – create the venv, install pinned dependencies, seed the store, start the app
#   make test  – the same set-up, then lint (ruff, vulture, import-linter) and every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: run test setup setup-dev seed data lint bench clean gallery

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

seed: setup
	$(BIN)/python -m analytics seed

run: seed
	$(BIN)/streamlit run server.py --server.address=127.0.0.1 --server.port=$(PORT) \
		--server.headless=true --browser.gatherUsageStats=false

# ruff; vulture (dead code, settings in pyproject.toml); import-linter (the import layers, pyproject.toml)
lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/vulture
	$(BIN)/lint-imports

test: setup-dev lint
	bash scripts/test.sh

# Rebuild data/ from ../shared/reference (only needed when the reference changes).
data: setup
	$(BIN)/python scripts/build_data.py

bench: setup-dev
	$(BIN)/python benchmarks/cold_start.py

# A screenshot of every page at 390 and 1366 px in both languages (test-artifacts/gallery/): look at each.
gallery: setup-dev seed
	$(BIN)/python scripts/gallery.py

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache
