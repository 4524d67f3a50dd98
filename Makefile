# Two commands (see README.md):
#   make figures   set up .venv from the lock file, then regenerate every figure
#   make test      set up .venv, then lint, validate the data and run all tests
# Needs only Python 3.11 and access to PyPI.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/dev.lock
UV_VERSION := 0.13.9
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: setup figures test lint lock clean

setup: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs the locked environment in seconds where pip takes half a minute.
$(STAMP): $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/python -m uv pip sync --quiet --python $(BIN)/python --require-hashes $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/python -m uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $@

figures: setup
	$(BIN)/python -m gba figures --lang both --format pdf,svg,png

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

test: lint
	$(BIN)/python -m gba validate
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg tests gba notebooks $(PYTEST_ARGS)

# Re-resolve the lock after changing dependencies in pyproject.toml.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/python -m uv pip compile pyproject.toml --extra dev --universal \
		--python-version 3.11 --generate-hashes --quiet -o $(LOCK)

clean:
	rm -rf $(VENV) build dist
