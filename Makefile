# Two commands: `make run` serves the app, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

.PHONY: run serve test lint bench loadtest chromium install install-dev clean

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"' \
		|| { echo "Story Bank needs Python 3.11+; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python requirements.txt
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

var:
	mkdir -p var

run: install var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_guide
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-like: gunicorn behind your proxy, static files collected (hashed names, gzip and Brotli
# copies) and served by WhiteNoise. Needs DEBUG=false and SECRET_KEY (and ALLOWED_HOSTS, DATABASE_URL).
serve: install var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_guide
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/gunicorn prepsite.wsgi --bind 127.0.0.1:$(PORT) --workers $${WORKERS:-2} --access-logfile -

chromium:
	@bash scripts/ensure-chromium.sh

lint: install-dev
	$(VENV)/bin/ruff check .

test: install-dev chromium var lint
	$(VENV)/bin/pytest

# A database of its own (var/bench.sqlite3), DEBUG off and static files collected as in production (make
# serve); the table also lands in var/bench.md.
BENCH_DB ?= $(CURDIR)/var/bench.sqlite3
BENCH_ENV = DATABASE_URL=sqlite:///$(BENCH_DB) DEBUG=false SECRET_KEY=$${SECRET_KEY:-bench-only-not-a-secret}
bench: install-dev var
	@bash scripts/ensure-wrk.sh || echo "Going on without the load part."
	$(BENCH_ENV) $(PY) manage.py migrate --noinput --verbosity 0
	$(BENCH_ENV) $(PY) manage.py load_guide > /dev/null
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(BENCH_ENV) $(PY) manage.py bench --output var/bench.md $(BENCH_ARGS)

# Load test (bounded, loopback, stops by itself): CLIENTS logged-in clients for DURATION seconds against
# gunicorn on a free 127.0.0.1 port, on the configured database (DATABASE_URL); exits 1 when a target is missed.
DURATION ?= 30
CLIENTS ?= 50
loadtest: install-dev var
	$(PY) manage.py loadtest --duration $(DURATION) --clients $(CLIENTS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
