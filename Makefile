# Wegweiser — two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PARTICIPANTS ?= 2723
PYTEST_ARGS ?=
JOBS ?= 2

.PHONY: run test lint check install migrate demo serve worker clean-db deploy-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file changes: a second `make run` starts in seconds.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(VENV)/.installed

migrate: install
	@mkdir -p var
	WEGWEISER_DEBUG=1 $(BIN)/python manage.py migrate --noinput -v 0

demo: migrate
	WEGWEISER_DEBUG=1 $(BIN)/python manage.py import_taxonomy --pack data/taxonomy-pack
	WEGWEISER_DEBUG=1 $(BIN)/python manage.py seed_demo --participants $(PARTICIPANTS) --seed 1
	WEGWEISER_DEBUG=1 $(BIN)/python manage.py seed_programmes --seed 1
	WEGWEISER_DEBUG=1 $(BIN)/python manage.py seed_partners --no-mapping
	WEGWEISER_DEBUG=1 $(BIN)/python manage.py seed_outcomes
	WEGWEISER_DEBUG=1 $(BIN)/python manage.py run_retention --schedule

# The background worker (occupation/skill suggestions) runs beside the web server and stops with it.
run: demo
	@echo "Wegweiser läuft auf http://127.0.0.1:$(PORT)/  (Strg+C beendet; Hintergrund-Log: var/worker.log)"
	@WEGWEISER_DEBUG=1 $(BIN)/python manage.py db_worker > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	WEGWEISER_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests (live server + Chromium) run on their own, one at a time, after the parallel suite.
test: install
	$(BIN)/pytest -n $(JOBS) -m "not browser" $(PYTEST_ARGS)
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy wegweiser config

check: lint test

deploy-check: install
	WEGWEISER_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) WEGWEISER_ALLOWED_HOSTS=wegweiser.example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

clean-db:
	rm -f var/wegweiser.sqlite3 var/wegweiser.sqlite3-wal var/wegweiser.sqlite3-shm
