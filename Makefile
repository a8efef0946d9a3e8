# The two commands of the README:
#   make serve   set up what is missing, build the package if absent, serve the dashboard
#   make test    set up what is missing, lint, run every test (browser tests included)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050

.PHONY: serve test build validate release node browser bench clean

# Python packages from PyPI; the JavaScript the dashboard and its tests take from npm
# (package.json: the partial plotly.js bundle, axe-core), never committed.
PLOTLY_BUNDLE := dashboard/assets/vendor/plotly-basic.min.js

$(BIN)/.installed: pyproject.toml package.json package-lock.json | node
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $(PLOTLY_BUNDLE))
	cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js $(PLOTLY_BUNDLE)
	touch $@

serve: $(BIN)/.installed
	$(BIN)/python -m etl build --if-missing
	$(BIN)/python -m dashboard --host $(HOST) --port $(PORT)

build: $(BIN)/.installed
	$(BIN)/python -m etl build

validate: $(BIN)/.installed
	$(BIN)/python -m etl validate

release: $(BIN)/.installed
	$(BIN)/python -m etl release

# npm (Debian's nodejs + npm) fetches the JavaScript of package.json; install it when we can (root).
node:
	@if command -v npm >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	else echo "the dashboard's JavaScript comes from npm: sudo apt-get install nodejs npm"; exit 1; fi

# Browser tests need Debian's Chromium and its driver; install them when we can (root).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; \
	else echo "browser tests need: sudo apt-get install chromium chromium-driver fonts-noto-cjk"; fi

test: $(BIN)/.installed browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# the dashboard bench installs npm's lighthouse into .bench-node/ on its first run
bench: $(BIN)/.installed
	$(BIN)/python bench/bench_dashboard.py
	test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet -e '.[bench]'
	.venv-bench/bin/python bench/bench_numbers.py

clean:
	rm -rf $(VENV) .venv-bench .bench-node node_modules dashboard/assets/vendor test-output .pytest_cache .ruff_cache
