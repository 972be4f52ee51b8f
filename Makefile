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

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.installed ## Install, migrate the SQLite database, load demo content, serve on :$(PORT)
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@echo
	@echo "  Cổng thông tin: http://127.0.0.1:$(PORT)/   Quản trị: http://127.0.0.1:$(PORT)/quan-tri/"
	@echo "  Tạo tài khoản quản trị (create an admin account):"
	@echo "      DEBUG=1 $(BIN)/python manage.py createsuperuser"
	@echo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(BIN)/.installed ## Run the whole suite (SQLite; PostgreSQL when DATABASE_URL says so)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(BIN)/.installed ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed ## Format and fix the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(BIN)/.installed ## Django system checks and missing migrations
	$(DEV_ENV) $(BIN)/python manage.py check
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

messages: $(BIN)/.installed ## Extract and compile translations
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=tests --ignore=bench
	$(DEV_ENV) $(BIN)/python manage.py compilemessages -l vi --ignore=.venv

bench: $(BIN)/.installed ## Measure page render times and query counts (bench/)
	$(BIN)/python bench/pages.py

clean: ## Remove the virtualenv, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 media staticfiles
