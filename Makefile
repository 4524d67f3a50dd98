# Two commands (see README.md):
#   make figures   set up .venv from the lock file, then regenerate every figure
#   make test      set up .venv, then lint, validate the data and run all tests
#   make site      build the static case-reader site into build/site (open build/site/index.html)
# Needs Python 3.11 and access to PyPI; the site's browser tests also need a Chromium
# (installed here from Debian's `chromium` package when missing, if run as root with apt).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/dev.lock
UV_VERSION := 0.13.9
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

# Let Python keep the bytecode of our own modules and pytest its rewritten tests (in
# __pycache__, git-ignored) where the machine sets PYTHONDONTWRITEBYTECODE: the tests start
# dozens of Python processes (workers, kernels, the command line), and each would compile
# the package and rewrite the test modules from source again (about 4 s per pytest worker).
export PYTHONDONTWRITEBYTECODE :=

.PHONY: setup figures site browser test lint lock clean

setup: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs the locked environment in seconds where pip takes half a minute.
# --compile-bytecode writes the .pyc files once, at set-up: where PYTHONDONTWRITEBYTECODE is set
# (as on our CI machine) Python would otherwise compile pandas and matplotlib from source in
# every process (importing both: about 4 s instead of 1 s), and the tests start many processes.
$(STAMP): $(LOCK) pyproject.toml Makefile | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/python -m uv pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/python -m uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $@

figures: setup
	$(BIN)/python -m gba figures --lang both --format pdf,svg,png --jobs 2

site: setup
	$(BIN)/python -m gba site --out build/site

# The site's browser tests (tests/test_site.py) drive a headless Chromium. Install Debian's
# when none is found and we may (root + apt); otherwise say so: those tests then fail and
# print how to install one. GBA_CHROMIUM=/path/to/chrome points them at another browser.
browser:
	@if [ -n "$$GBA_CHROMIUM" ] || command -v chromium >/dev/null 2>&1 \
		|| command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "make: installing Debian's chromium for the browser tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "make: no Chromium found and cannot install it (needs root and apt-get):" \
			"tests/test_site.py will fail; install one (Debian/Ubuntu: sudo apt-get install chromium)" \
			"or set GBA_CHROMIUM=/path/to/chromium"; \
	fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

test: lint browser
	$(BIN)/python -m gba validate
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg tests gba docs/manual notebooks $(PYTEST_ARGS)

# Re-resolve the lock after changing dependencies in pyproject.toml.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/python -m uv pip compile pyproject.toml --extra dev --universal \
		--python-version 3.11 --generate-hashes --quiet -o $(LOCK)

clean:
	rm -rf $(VENV) build dist
