# The README's two commands are `make run` and `make test`; everything else supports them.
SHELL := /bin/bash
# The first Python 3.11+ that actually runs (pyenv shims may exist for versions that do not).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && \
	{ command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | md5sum | cut -c1-12)
MANAGE := $(BIN)/python manage.py
DEV_ENV := DEBUG=1
PYTEST_ARGS ?=
# The suite runs on two worker processes (pytest-xdist; each has its own test database).
# PYTEST_WORKERS=0 runs it in one process (for --pdb or -x on a single test).
PYTEST_WORKERS ?= 2

.PHONY: run test test-only setup system-check test-system-check translations migrate lint format messages \
	migrations-check bench bench-setup bench-load bench-gates clean screenshots

run: setup ## Set up, migrate, load demo data and serve on http://127.0.0.1:8000
	$(DEV_ENV) $(MANAGE) migrate --no-input -v0
	$(DEV_ENV) $(MANAGE) sync_exercises
	$(DEV_ENV) $(MANAGE) createcachetable
	$(DEV_ENV) $(MANAGE) seed_demo
	@# A task worker beside the web server renders printed plans; it stops with the server.
	$(DEV_ENV) $(MANAGE) db_worker --interval 0.5 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	  $(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

test: setup test-only ## Set up and run the whole test suite

# --dist worksteal: a worker that runs out of tests takes half of the other's queue, so the
# browser journeys (one contiguous block, longest first) end on both workers at about the same
# time; with --dist load --maxschedchunk 4 one worker sat idle for the last ~15 s while the other
# worked through up to four queued journeys (3:09 -> 2:56, 3:00 -> 2:55 on 2 cores; README,
# "How long the suite takes").
#
# PYTHONDONTWRITEBYTECODE is emptied for the suite: with it set (some machines set it for every
# process) each of the two workers compiled the project and rewrote every test module's asserts
# again on every run: 1.5 to 2 s of each worker's start (a warm collection takes 3.4 s, a cold
# one 5.2 to 5.5 s).
test-only: export PYTHONDONTWRITEBYTECODE :=
test-only: test-system-check
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(if $(filter 0,$(PYTEST_WORKERS)),,--dist worksteal) $(PYTEST_ARGS)

setup: system-check $(STAMP) translations

# The suite reads the printed documents' text with poppler's pdftotext (and draws pages with
# pdftoppm): both from Debian's poppler-utils.
test-system-check:
	@command -v pdftotext >/dev/null || \
	  { echo "The tests read the printed PDFs with pdftotext. Install it:"; \
	    echo "  sudo apt-get install poppler-utils"; exit 1; }

system-check:
	@test -n "$(PYTHON)" || \
	  { echo "Rugadem needs Python 3.11 or newer, with venv (Debian: python3 python3-venv)."; \
	    exit 1; }
	@command -v msgfmt >/dev/null || \
	  { echo "Missing GNU gettext (msgfmt). Install it: sudo apt-get install gettext"; exit 1; }
	@ldconfig -p | grep -q 'libpango-1.0.so' || \
	  { echo "Missing Pango, which WeasyPrint needs for PDFs. Install it:"; \
	    echo "  sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"; exit 1; }
	@fc-list 2>/dev/null | grep -q 'DejaVuSans.ttf' || \
	  { echo "Missing the DejaVu fonts the printed plan uses. Install them:"; \
	    echo "  sudo apt-get install fonts-dejavu-core fonts-dejavu-extra"; exit 1; }
	@fc-list 2>/dev/null | grep -q 'DejaVuSansCondensed.ttf' || \
	  { echo "Missing DejaVu Sans Condensed, the printed plan's body font. Install it:"; \
	    echo "  sudo apt-get install fonts-dejavu-extra"; exit 1; }

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

translations: $(STAMP)
	@$(DEV_ENV) $(MANAGE) compilemessages --ignore=.venv -v0

migrate: setup
	$(DEV_ENV) $(MANAGE) migrate

lint: $(STAMP) ## Lint, format check, import direction, the Dutch catalogue complete
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python .ci/check_translations.py

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(STAMP) ## Refresh the Dutch catalogue after changing strings
	$(DEV_ENV) $(MANAGE) makemessages -l nl --ignore=.venv --ignore=staticfiles --ignore=tests \
	  --ignore=bench --no-obsolete
	@echo "Now translate the empty msgstr entries in locale/nl/LC_MESSAGES/django.po"

migrations-check: $(STAMP)
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run

screenshots: setup ## Regenerate docs/screenshots/ (main pages, nl and en, laptop and tablet)
	$(BIN)/python docs/screenshots.py

BENCH_STAMP := $(VENV)/.bench-$(shell cat requirements-bench.txt | md5sum | cut -c1-12)

bench: setup bench-setup ## Benchmarks and load test -> bench/RESULTS.md (BENCH_ARGS="--quick")
	$(BIN)/python bench/run.py $(BENCH_ARGS)

bench-load: setup bench-setup ## The load test alone (gunicorn + locust on 127.0.0.1)
	$(BIN)/python bench/load.py $(BENCH_ARGS)

bench-gates: setup ## The deterministic CI gates: query counts, PDF size, render-time ratio
	$(BIN)/python bench/ci_gates.py

bench-setup: $(BENCH_STAMP)

$(BENCH_STAMP): requirements-bench.txt $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	rm -f $(VENV)/.bench-*
	touch $@

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
