# sei-analysis. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PARAMS ?= reports/params/default.yml

.DEFAULT_GOAL := help
.PHONY: help setup sysdeps test report build check bench lint format lab clean

help: ## List the targets with what they do
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-9s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the package (editable) with its dev tools

sysdeps: ## Install the Debian packages charts and tests need (fonts-noto-cjk, chromium, poppler, libreoffice)
	@scripts/install-sysdeps.sh

build: setup ## Write data/processed from data/raw
	$(BIN)/sei build

check: setup ## Verify raw checksums and run the consistency checks
	$(BIN)/sei check

report: setup sysdeps ## Build data/processed, then run the whole report into reports/<run-id>
	$(BIN)/sei build
	$(BIN)/sei report --params $(PARAMS)

test: setup sysdeps ## Run the test suite
	$(BIN)/python -m pytest -q

bench: setup sysdeps ## Run the benchmarks (each prints its ratio against a peer)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lint: setup ## ruff check and format --check
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples

format: setup ## ruff format and fix
	$(BIN)/ruff format src tests benchmarks examples
	$(BIN)/ruff check --fix src tests benchmarks examples

lab: setup ## Open JupyterLab on the notebooks, at 04-explore (widget front ends come from .venv, no CDN)
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks --LabApp.default_url=/lab/tree/04-explore.ipynb \
	  $$([ "$$(id -u)" = 0 ] && echo --allow-root)

clean: ## Remove generated data, caches and the venv (never data/raw or reports)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist src/*.egg-info
	find data/processed -mindepth 1 ! -name .gitkeep ! -name README.md -delete
