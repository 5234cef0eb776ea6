# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test check setup setup-test test-deps rdf-tools build clean

HOST ?= 127.0.0.1
PORT ?= 8000
# the site's public address: needed to serve any HOST but loopback (README, "Serving in public")
PUBLIC_URL ?=

run: setup build
	$(if $(PUBLIC_URL),DUIKOU_PUBLIC_URL=$(PUBLIC_URL)) $(BIN)/duikou serve --host $(HOST) --port $(PORT)

test: check
	$(BIN)/python -m pytest

# lint, format, types and the import contracts (pyproject.toml), before the tests: CI runs them through `make test`
check: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

setup: $(BIN)/duikou

setup-test: setup test-deps rdf-tools
	$(BIN)/pip install --quiet -e '.[test]'

# Debian's chromium and a Chinese font (tests/browser/), and Virtuoso's server (the remote-store tests): apt-get
# as root, else it says what to install.
test-deps:
	sh .ci/test-deps

# Node.js (Debian's, if missing) and N3.js (npm, pinned by tests/n3js/package-lock.json): a second RDF parser.
rdf-tools:
	sh .ci/rdf-tools

$(BIN)/duikou: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

build: setup
	$(BIN)/duikou build

clean:
	rm -rf $(VENV) dist dist.builds .dist-* *.egg-info tests/n3js/node_modules
