# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup setup-test build clean

run: setup build
	$(BIN)/duikou stats

test: setup-test
	$(BIN)/python -m pytest

setup: $(BIN)/duikou

setup-test: setup
	$(BIN)/pip install --quiet -e '.[test]'

$(BIN)/duikou: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

build: setup
	$(BIN)/duikou build

clean:
	rm -rf $(VENV) dist .dist-* *.egg-info
