# One place for the everyday commands. Each assumes the virtualenv the README's test command makes (.venv).
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup test test-fast lint format bench screenshot lock

setup:
	python3 -m venv $(VENV) && $(BIN)/pip install -e '.[test]'

test:  ## the whole suite, as CI runs it
	$(BIN)/pytest

test-fast:  ## everything but the multi-second suites marked slow
	$(BIN)/pytest -m 'not slow'

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench:
	$(BIN)/python bench/run_all.py

screenshot:  ## the README's pictures of the dashboard (docs/), taken by its browser test
	FACESHIFT_DASHBOARD_SCREENSHOT=docs/dashboard.png $(BIN)/pytest -n 0 --no-cov tests/test_dashboard_browser.py

lock:  ## requirements.lock (pinned, hashed; the Dockerfile installs it). Needs uv: $(BIN)/pip install uv
	echo 'setuptools>=69' | $(BIN)/uv pip compile pyproject.toml - --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command 'make lock' -o requirements.lock
