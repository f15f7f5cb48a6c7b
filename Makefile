# Runner's Knee Atlas: every job is one target. `make help` lists them.
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
export NO_MKDOCS_2_WARNING := 1
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## Create .venv from the lock file

serve: $(STAMP) ## Build the site and serve it at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP) ## Build the site into site/ (strict)
	$(BIN)/mkdocs build --strict

check: $(STAMP) ## Validate every exercise, routine and vocabulary file
	$(BIN)/python -m build_tools check

LIGHTHOUSE := tools/lighthouse/node_modules/.installed
$(LIGHTHOUSE): tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(LIGHTHOUSE)

AJV := tools/ajv/node_modules/.installed
$(AJV): tools/ajv/package-lock.json
	cd tools/ajv && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(AJV)

static: $(STAMP) ## Lint (ruff), type-check (mypy --strict), check the package's layers (import-linter), find dead code
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/vulture build_tools bench vulture-allowlist.py --min-confidence 61

test-fast: static ## The inner loop: static checks and the unit tests (no site builds, no browser), in seconds
	ATLAS_PROPERTY_EXAMPLES=4 $(BIN)/python -m pytest -p no:cacheprovider tests/unit

# Test processes: twice the cores. Most of a test's time is spent waiting on Chromium, a build in another
# process or a served page, so on two cores four workers finished the suite in two thirds of the time two
# did, and six took longer than four (each starts its own browsers and builds its own fixture sites).
TEST_WORKERS ?= $(shell echo $$(( 2 * $$(nproc 2>/dev/null || echo 1) )))

test: $(STAMP) ## Run every test (installs Debian's chromium, Java, the pinned Lighthouse and Ajv if missing)
	bash scripts/system-deps
	$(MAKE) --no-print-directory $(LIGHTHOUSE) $(AJV) static
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -p no:cacheprovider

test-cpu: $(STAMP) ## Run every test and say where the CPU goes, by file and by test (tests/cpu_time.py)
	bash scripts/system-deps
	$(MAKE) --no-print-directory $(LIGHTHOUSE) $(AJV)
	PYTHONPATH=tests $(BIN)/python -m pytest -n $(TEST_WORKERS) -p no:cacheprovider -p cpu_time

lock: ## Re-resolve requirements.lock from pyproject.toml
	$(PYTHON) -m pip install --quiet uv && $(PYTHON) -m uv pip compile pyproject.toml --extra test \
		--generate-hashes --universal --python-version 3.11 -o requirements.lock

bench: $(STAMP) $(LIGHTHOUSE) ## Run the benchmarks: the build (sizes 100 to 5,000) and Lighthouse performance (see README)
	bash scripts/system-deps
	$(BIN)/python -m bench
	$(BIN)/python -m bench.lighthouse

clean: ## Remove the built site, the build caches (.cache/) and the virtual environment
	rm -rf site .cache $(VENV)

.PHONY: help install serve build check static test-fast test test-cpu lock bench clean
