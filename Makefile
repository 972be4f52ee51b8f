# CCHC portal. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Development defaults; a real deployment sets DEBUG=0, SECRET_KEY and ALLOWED_HOSTS itself.
DEV_ENV := DEBUG=$${DEBUG:-1}
# `make serve`: production settings (DEBUG off), with defaults that are good for a run on this
# machine's loopback address only — a fixed key, plain http (no redirect, HSTS or HTTPS-only
# cookies), uploads served by Django. The environment (or .env) overrides each one; a real
# deployment must set SECRET_KEY and ALLOWED_HOSTS, and serves /media/ from nginx.
SERVE_ENV := DEBUG=0 \
	SECRET_KEY=$${SECRET_KEY:-make-serve-on-loopback-only-not-a-production-key} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	HTTPS=$${HTTPS:-0} \
	SERVE_MEDIA=$${SERVE_MEDIA:-1} \
	GUNICORN_BIND=$${GUNICORN_BIND:-127.0.0.1:$(PORT)}

.DEFAULT_GOAL := help
.PHONY: help run serve test lint format check messages bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# Two install stamps: serving the portal needs requirements.txt only; tests and tools need
# requirements-dev.txt (which includes it).
RUN_DEPS := $(VENV)/.installed-run
DEV_DEPS := $(VENV)/.installed-dev

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_DEPS): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_DEPS): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(RUN_DEPS) $@

run: $(RUN_DEPS) ## Install, migrate the SQLite database, load demo content, serve on :$(PORT)
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@echo
	@echo "  Cổng thông tin: http://127.0.0.1:$(PORT)/   Quản trị: http://127.0.0.1:$(PORT)/quan-tri/"
	@echo "  Tạo tài khoản quản trị (create an admin account):"
	@echo "      DEBUG=1 $(BIN)/python manage.py createsuperuser"
	@echo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

serve: $(RUN_DEPS) ## Production-like: DEBUG off, collectstatic, migrate, gunicorn on :$(PORT)
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --no-input
	@echo "  Cổng thông tin: http://127.0.0.1:$(PORT)/  (gunicorn, gunicorn.conf.py; Ctrl+C to stop)"
	$(SERVE_ENV) $(BIN)/gunicorn --config gunicorn.conf.py cchc_portal.wsgi

# The suite runs in parallel (pytest-xdist): TEST_WORKERS processes (auto: one per core), each
# with its own test database, media folder and cache; `--dist loadfile` gives each worker whole
# test files, so a file's shared fixtures (demo content, Chromium, nginx) start once.
# PYTEST_ARGS replaces these options (e.g. PYTEST_ARGS="tests/news -x" runs serially).
TEST_WORKERS ?= auto
PYTEST_ARGS ?= -n $(TEST_WORKERS) --dist loadfile
test: $(DEV_DEPS) ## Run the whole suite in parallel (SQLite; PostgreSQL when DATABASE_URL says so)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(DEV_DEPS) ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_DEPS) ## Format and fix the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(RUN_DEPS) ## Django system checks and missing migrations
	$(DEV_ENV) $(BIN)/python manage.py check
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

messages: $(RUN_DEPS) ## Extract and compile translations
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=tests --ignore=bench
	$(DEV_ENV) $(BIN)/python manage.py compilemessages -l vi --ignore=.venv

bench: $(RUN_DEPS) ## Load-test gunicorn + PostgreSQL with wrk (BENCH_SIZES, BENCH_DURATION; bench/README.md)
	$(BIN)/python bench/run.py

clean: ## Remove the virtualenv, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 media staticfiles
