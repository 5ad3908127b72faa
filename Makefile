# Circle Commons: `make run` serves the site with demo content, `make test` runs the suite.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# manage.py uses website.settings.dev unless told otherwise; the tests use
# website.settings.test (set explicitly: an exported variable would beat pytest's own).

.PHONY: run setup test test-fast e2e bench load lint format migrations-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

## Set up and serve the site on SQLite with demo content (idempotent).
run: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Set up and run the whole fast suite (every test but browser and load tests).
## pytest keeps its rewritten test modules in __pycache__ even where the shell
## says PYTHONDONTWRITEBYTECODE (3-4 s per process); the migrated test database
## is kept in .cache/test-db (tests/snapshots.py).
test: $(VENV)/.installed
	env -u PYTHONDONTWRITEBYTECODE DJANGO_SETTINGS_MODULE=website.settings.test $(BIN)/python -m pytest -n 2 --dist loadgroup -p no:cacheprovider $(PYTEST_ARGS)

## ruff, and the architecture contracts (import-linter, in pyproject.toml).
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .cache

## Browser tests: production server + Debian's Chromium + axe-core (installs what is missing).
e2e: $(VENV)/.installed
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	test -f node_modules/axe-core/axe.min.js || npm install --no-audit --no-fund --no-package-lock
	DJANGO_SETTINGS_MODULE=website.settings.test $(BIN)/python -m pytest -m e2e -p no:cacheprovider -p no:xdist $(PYTEST_ARGS)

## Bounded load test: 50 members reading and replying for 2 minutes on 127.0.0.1.
load: $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-load.txt
	$(BIN)/python tests/load/run.py

## Benchmark: 1,000 activities, 100 guides, 300 threads x 40 posts served by gunicorn
## (production settings) on SQLite then PostgreSQL, measured with wrk on 127.0.0.1.
bench: $(VENV)/.installed
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python tests/bench/run.py $(BENCH_ARGS)
