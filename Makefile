# Two commands for a fresh clone (see README): `make build` and `make test`.
# Each sets up .venv (once, again when pyproject.toml changes) and then does its job.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test lint bench fuzz serve clean

# compileall: the package's bytecode, as an installed package has it (editable installs and
# PYTHONDONTWRITEBYTECODE leave it out, and every command would compile the sources again)
build: $(STAMP)
	$(BIN)/python -m compileall -q handouts
	$(BIN)/handouts build
	$(BIN)/handouts build --clients clients.yaml
	$(BIN)/handouts build --programme back-care-12-weeks

test: lint $(STAMP)
	$(BIN)/python -m pytest

# the studio: every handout as pages in the web browser, built again on every save (Ctrl-C stops it)
serve: $(STAMP)
	$(BIN)/handouts serve

PEERS ?= ../shared/peers

# the code's own checks, each failing `make test`: lint and format (ruff), types (mypy), and the stages' layering
# (import-linter: a module imports only its own stage and those below it, see docs/architecture.md)
lint: $(STAMP)
	$(BIN)/ruff check handouts tests tools benchmarks
	$(BIN)/ruff format --check handouts tests tools benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python -m compileall -q handouts
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/studio.py
	$(BIN)/python benchmarks/guidebook.py
	@if [ -f $(PEERS)/compare.py ]; then python3 $(PEERS)/compare.py --handouts $(BIN)/handouts; \
	else echo "the peers' comparison: python3 ../shared/peers/compare.py --handouts .venv/bin/handouts" \
	"(from the project root, after make build)"; fi
	$(BIN)/python benchmarks/studio_latency.py

# 10,000 generated and mutated workspaces through check (and build and mail where check says ok), on every
# core; prints the count of each outcome and saves an example of each failure under build/fuzz/
fuzz: $(STAMP)
	$(BIN)/python tools/fuzz.py --cases $(or $(CASES),10000)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build $(VENV)
