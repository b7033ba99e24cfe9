# Two commands do everything on a fresh Debian machine with Python 3.11 to 3.13 (and
# python3-venv) and Node.js 20.19 or later (22 LTS; see the README):
#   make run   — install, migrate, load the demo programme, serve on :8000 with a worker
#   make test  — install, check the services, lint, and run the whole suite
SHELL := /bin/bash
.DEFAULT_GOAL := help

TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help install system-deps runtime-deps services run test test-fast lint format migrations bench \
	backup restore messages

help:
	@echo "make run    install, migrate, load the demo programme and serve on http://127.0.0.1:8000"
	@echo "make test   run the whole test suite against PostgreSQL and Redis"
	@echo "make test-fast  the suite without browser journeys, worker integration tests or benchmarks"
	@echo "make lint   ruff check and format check"
	@echo "make bench  benchmark every key page at national scale (AREAS=1250 USERS=8,32 SECONDS=20)"
	@echo "make bench SCENARIO=live   a live partnership day: phones, walls and moderators"
	@echo "make messages [LANGUAGE=cy]  update the live room's phone pages' translation catalogues"
	@echo "make backup [BACKUP=file]            back up the database at DATABASE_URL and the media"
	@echo "make restore BACKUP=file INTO=name [MEDIA_INTO=folder]"
	@echo "                                     restore a backup into a new database (and folder)"

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "uv==0.13.9"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen
	touch $@

node_modules/.installed: package.json package-lock.json
	scripts/check-node.sh
	npm ci --no-audit --no-fund
	touch $@

build/css/nhsuk.css: static/scss/nhsuk.scss node_modules/.installed
	scripts/check-node.sh
	npx sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps $< $@

install: $(VENV)/.synced node_modules/.installed build/css/nhsuk.css

system-deps:
	scripts/system-deps.sh --tests

runtime-deps:
	scripts/system-deps.sh

services:
	scripts/services.sh

run: install runtime-deps
	mkdir -p var/broker
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py load_demo
	DJANGO_DEBUG=true MFA_TOTP_DEMO_CODE=000000 $(VENV)/bin/honcho -f Procfile.dev start

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

migrations: install
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run

# One test process per core (TEST_WORKERS=0 runs them all in this one); each has its own test database,
# and the tests that start Celery workers and servers keep to one of them.
TEST_WORKERS ?= auto
PYTEST := $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup

test: install system-deps services lint migrations
	$(PYTEST)

# The everyday lane: everything but the browser journeys, the real-worker integration
# tests and the benchmarks.
test-fast: install services
	$(PYTEST) -m "not e2e and not integration and not perf"

# The benchmark's own database (generated data only), replaced when AREAS changes.
# SCENARIO=live plays live partnership days instead of loading the key pages.
SCENARIO ?= pages
AREAS ?= 1250
USERS ?= 8,32
ifeq ($(SCENARIO),live)
SECONDS ?= 120
else
SECONDS ?= 20
endif
bench: install services
	$(UV) sync --frozen --group bench
	$(PY) tests/perf/bench/run.py --scenario $(SCENARIO) --areas $(AREAS) --users $(USERS) --seconds $(SECONDS)

# The live room's phone pages are the only translated pages: collect their words into
# workshops/live/locale/<LANGUAGE>/ and compile every catalogue there.
LANGUAGE ?= en
messages: install
	DJANGO_DEBUG=true $(PY) manage.py makemessages -l $(LANGUAGE) --add-location=file --no-wrap \
		--ignore='tests/*' --ignore='var/*' --ignore='staticfiles/*' --ignore='media/*'
	cd workshops/live && DJANGO_DEBUG=true ../../$(PY) ../../manage.py compilemessages

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

backup:
	scripts/backup.sh $(BACKUP)

restore:
	@test -n "$(BACKUP)" -a -n "$(INTO)" || { echo "Usage: make restore BACKUP=file INTO=new_database [MEDIA_INTO=new_folder]"; exit 1; }
	scripts/restore.sh "$(BACKUP)" "$(INTO)" $(MEDIA_INTO)
