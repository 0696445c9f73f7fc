# Veiviser — the two commands people need: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test test-fast ingest bench eval lint browser clean

install: $(STAMP)

# torch first, pinned to the CPU build on this disk; then the project, so nothing pulls CUDA.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

ingest: install
	$(VENV)/bin/veiviser ingest

run: install
	$(VENV)/bin/veiviser ingest
	$(VENV)/bin/veiviser serve

# Debian's Chromium for the browser test (never `playwright install`: it downloads a browser).
browser:
	@command -v chromium >/dev/null || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: install browser
	$(PY) -m pytest -q -rs

test-fast: install
	$(PY) -m pytest -q -m "not integration and not browser"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy rag ingest ui eval veiviser

bench: install
	$(VENV)/bin/veiviser ingest --quiet
	$(PY) -m eval.bench

eval: install
	$(VENV)/bin/veiviser eval --split test --baseline --out eval/runs/latest

clean:
	rm -rf $(VENV) .veiviser
