# Pokpong: `make demo` and `make test` work on a fresh machine with only Python 3.11 and make.
# Everything is installed inside .tools (uv) and .venv (the project); nothing system-wide.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.8
UV := .tools/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# The Django version django-upgrade rewrites the code for (lint fails on anything it would rewrite).
DJANGO_TARGET := 5.2
# The Python files of the project: tracked, and new ones not yet added (not the ignored ones).
PY_FILES := git ls-files -z --cached --others --exclude-standard -- '*.py'
# manage.py defaults to the production settings; the demo asks for its own explicitly.
DEMO_MANAGE := DJANGO_SETTINGS_MODULE=config.settings.demo $(MANAGE)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help demo test bench fuzz-api env messages messages-check messages-update lint format check-deploy

help:
	@echo "make demo   - install, migrate, load demo data and serve on http://127.0.0.1:8000"
	@echo "make test   - run the whole test suite (SQLite; set DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make lint   - ruff check, ruff format --check, import-linter contracts (the floors),"
	@echo "              django-upgrade --check, mypy: what CI checks"
	@echo "make format - rewrite: django-upgrade, ruff format, ruff check --fix"
	@echo "make bench  - national-scale benchmarks (PostgreSQL at 1,000,000 persons, SQLite at 100,000)"
	@echo "make fuzz-api - schemathesis against the API's schema, 200 examples an operation"
	@echo "              (over 10,000 requests; docs/api.md)"

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

env: $(VENV)/.synced

# Compiled catalogues are build output (not committed); babel compiles them without system gettext.
messages: env
	@$(VENV)/bin/pybabel compile -d locale -D django 2>&1 | grep -v '^compiling' || true
	@test -f locale/lo/LC_MESSAGES/django.mo

# Fails when a string in the code is missing from the Lao catalogue, untranslated or fuzzy (needs gettext).
messages-check: messages
	$(PY) -m pokpong.core.i18n_check
	msgfmt --check -o /dev/null locale/lo/LC_MESSAGES/django.po

# Re-extract the strings of the code into the Lao catalogue (needs gettext); then translate them.
messages-update: messages
	$(PY) -c "from pokpong.core.i18n_check import extract; extract()"
	@msgfmt --statistics -o /dev/null locale/lo/LC_MESSAGES/django.po

demo: messages
	$(DEMO_MANAGE) migrate --no-input
	$(DEMO_MANAGE) seed_demo
	$(DEMO_MANAGE) runserver 127.0.0.1:8000

test: messages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The long run of the API's schema test: 200 generated requests for each of the 56 operations.
FUZZ_EXAMPLES ?= 200
fuzz-api: messages
	POKPONG_API_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(VENV)/bin/pytest -p no:cacheprovider -q \
		pokpong/api/tests/test_schema_fuzz.py

lint: env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY_FILES) | xargs -0 $(VENV)/bin/django-upgrade --check --target-version $(DJANGO_TARGET)
	$(VENV)/bin/mypy pokpong config tests

format: env
	$(PY_FILES) | xargs -0 $(VENV)/bin/django-upgrade --exit-zero-even-if-changed --target-version $(DJANGO_TARGET)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check-deploy: messages
	DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	POKPONG_AUDIT_KEY=$$(head -c 48 /dev/urandom | base64) \
	POKPONG_BLIND_INDEX_KEY=$$(head -c 48 /dev/urandom | base64) \
	POKPONG_FIELD_KEYS=$$(head -c 32 /dev/urandom | base64 | tr '+/' '-_') \
	DJANGO_ALLOWED_HOSTS=pokpong.example.la POKPONG_SITE_URL=https://pokpong.example.la \
	$(MANAGE) check --deploy --fail-level WARNING

# National-scale benchmarks (issue 20, docs/benchmarks.md): PostgreSQL from DATABASE_URL at
# BENCH_PERSONS persons, then a smaller run on the embedded SQLite file. Not part of make test.
BENCH_PERSONS ?= 1000000
BENCH_SQLITE_PERSONS ?= 100000
BENCH_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/pokpong_bench)
bench: messages
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/scale/run.py --persons $(BENCH_PERSONS) $(BENCH_ARGS)
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench.sqlite3 $(PY) bench/scale/run.py --persons $(BENCH_SQLITE_PERSONS) $(BENCH_ARGS)
