# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup setup-test browser-deps build clean

HOST ?= 127.0.0.1
PORT ?= 8000

run: setup build
	$(BIN)/duikou serve --host $(HOST) --port $(PORT)

test: setup-test
	$(BIN)/python -m pytest

setup: $(BIN)/duikou

setup-test: setup browser-deps
	$(BIN)/pip install --quiet -e '.[test]'

# Debian's chromium and a Chinese font for tests/test_browser.py (apt-get as root, else says what to install).
browser-deps:
	sh .ci/browser-deps

$(BIN)/duikou: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

build: setup
	$(BIN)/duikou build

clean:
	rm -rf $(VENV) dist .dist-* *.egg-info
