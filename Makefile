# Thi Đua: the single entry point. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint fmt messages worker bench help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml requirements.lock
	scripts/bootstrap-python.sh $(VENV)
	@touch $(STAMP)

run: $(STAMP)  ## the portal with demo data on http://127.0.0.1:8000
	scripts/run.sh

test: $(STAMP)  ## lint, migration check and the whole test suite on PostgreSQL and Redis
	scripts/test.sh

lint: $(STAMP)  ## ruff, import contracts, migration check
	scripts/test.sh --lint-only

fmt: $(STAMP)  ## format the code
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

messages: $(STAMP)  ## extract translatable strings into locale/*/LC_MESSAGES/django.po
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=var
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py compilemessages --ignore=.venv

bench: $(STAMP)  ## benchmarks under bench/ (timings, not tests)
	scripts/bench.sh
