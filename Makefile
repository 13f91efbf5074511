# The two commands: `make demo` and `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench schema lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/python -m examples
	@echo "== laml validate on the bundled documents and bins"
	$(BIN)/laml validate tests/corpus/valid
	$(BIN)/laml validate --bin examples/bins
	@echo "all bundled documents and bins are valid"

test: $(VENV)/.installed-test
	$(BIN)/ruff check laml tests examples benchmarks fuzz tools
	$(BIN)/ruff format --check laml tests examples benchmarks fuzz tools
	$(BIN)/mypy laml
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_template.py

# Rewrite schema/*.xsd from the element model (the test suite fails while they differ).
schema: $(VENV)/.installed
	$(BIN)/python tools/build_schema.py schema

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
