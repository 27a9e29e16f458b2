# Parting Ways: `make serve` builds and serves the site, `make test` runs every test.
# Both create the virtual environment in .venv on first use.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Python >= 3.12 is needed by pyodide-build; prefer pyenv's 3.13 when the machine has it.
BOOTSTRAP_PYTHON ?= $(shell PYENV_VERSION=3.13.0 python3 -c 'import sys; print(sys.executable)' 2>/dev/null || command -v python3)
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install build serve test lint clean browser

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(BOOTSTRAP_PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,site]"
	touch $@

install: $(INSTALLED)

build: pyodide
	$(BIN)/mkdocs build --strict

serve: build
	$(BIN)/python scripts/serve.py --directory site --host $(HOST) --port $(PORT)

test: pyodide browser
	$(BIN)/pytest

# Browser tests drive Debian's Chromium (never a downloaded browser).
CHROMIUM ?= /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: $(INSTALLED)
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check tools macros tests scripts hooks bench

clean:
	rm -rf site build dist .pytest_cache .hypothesis

# Self-hosted Pyodide: the npm runtime pinned in package-lock.json plus our wheel and its
# PyPI dependency wheels, registered in build/pyodide/pyodide-lock.json.
.PHONY: pyodide
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

pyodide: node_modules/.package-lock.json $(INSTALLED)
	$(BIN)/python scripts/pyodide_dist.py --out build/pyodide

# Performance figures of the live tools (under network profiles), the bytes they move, the
# build and the engine, with their baselines and the issue's targets (PASS/MISS, never a
# failure): the bench/ package, results in bench/results/. BENCH_ARGS="--help" lists options.
.PHONY: bench
bench: pyodide browser
	$(BIN)/python -m bench $(BENCH_ARGS)
