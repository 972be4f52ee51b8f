# CCHC portal. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Development defaults; a real deployment sets DEBUG=0, SECRET_KEY and ALLOWED_HOSTS itself.
DEV_ENV := DEBUG=$${DEBUG:-1}

.DEFAULT_GOAL := help
.PHONY: help run test lint format check messages bench clean

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

test: $(DEV_DEPS) ## Run the whole suite (SQLite; PostgreSQL when DATABASE_URL says so)
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
