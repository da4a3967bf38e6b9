# newsprism: `make demo` (fresh machine: venv, pinned install, analyse the example corpus) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint eval bench fuzz clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f out/demo/newsprism.db*
	HF_HUB_OFFLINE=1 $(BIN)/newsprism analyze examples/corpus --db out/demo/newsprism.db --out out/demo
	@echo "Open out/demo/report.html in a browser (report.md and report.json beside it)."

test: install
	HF_HUB_OFFLINE=1 $(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests eval bench
	$(BIN)/mypy

eval: install
	$(PY) eval/clean_webpages.py
	$(PY) eval/html_webpages.py
	$(PY) eval/polnear.py
	$(PY) eval/timebank.py
	$(PY) eval/ecbplus.py

bench: install
	$(PY) bench/ingest.py

fuzz: install
	NEWSPRISM_LONG_TESTS=1 bash fuzz/run.sh

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
