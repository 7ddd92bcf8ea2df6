# Two commands for a new machine (see README):
#   make run   — venv, install, migrate SQLite, demo data + accounts, serve :8000
#   make test  — install test tools, run the whole suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1:8000
export DEBUG ?= true

.PHONY: run test install install-dev demo lint bench clean-db messages

$(VENV)/.installed: requirements.txt requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -r requirements.txt -c requirements.lock
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install -q -r requirements-dev.txt -c requirements.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_data
	$(PY) manage.py demo_accounts

run: demo
	@echo "Serving on http://$(HOST)/  (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST)

# Two workers (pytest-xdist), one test module per worker at a time so that a
# module's shared fixture (the demo data of the crawler, the PDF layout…) is
# built once; JOBS=1 runs in one process. --durations names the slowest tests.
JOBS ?= 2
test: install-dev
	@bash scripts/ensure-chromium
	@bash scripts/ensure-libreoffice
	$(PY) -m pytest -n $(JOBS) --dist loadscope --durations=25 $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports  # the layers of pyproject.toml: an import that climbs fails

messages: install-dev
	$(PY) manage.py makemessages -l nl -l en --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages --ignore=.venv

bench: install-dev
	$(PY) -m benchmarks.run --scale $(or $(SCALE),1)

clean-db:
	rm -f db.sqlite3
