# Qoljazba: `make run` serves the kiosk on http://127.0.0.1:5000; `make test` runs every check.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export QOLJAZBA_DATA_DIR ?= $(CURDIR)/instance

.PHONY: run test test-postgres lint typecheck pytest install install-test translations \
        extract-messages migration clean system-packages install-load load-test load faults

run: install translations
	$(BIN)/qoljazba serve

test: system-packages install-test translations lint typecheck pytest

test-postgres: system-packages install-test translations
	QOLJAZBA_TEST_DATABASE_URL=$${QOLJAZBA_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} \
	  $(BIN)/python -m pytest -q

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/python -m pytest -q

# Debian packages the tests need (debian-packages.txt), installed only when missing.
system-packages:
	@missing=$$(for p in $$(grep -v '^#' debian-packages.txt); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the declared dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-load: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[load]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-load: $(VENV)/.installed-load

# The exhibition day under load (bench/load): one minute here (CI), 10 minutes for the figures
# in docs/PERFORMANCE.md: `make load DATABASE=postgres MINUTES=10`.
DATABASE ?= sqlite
MINUTES ?= 10
load-test: install-load translations
	$(BIN)/python -m bench.load.run --database $(DATABASE) --minutes 1

load: install-load translations
	$(BIN)/python -m bench.load.run --database $(DATABASE) --minutes $(MINUTES) --budgets \
	  --json bench/load/last-$(DATABASE).json

# Scripted faults (bench/faults), each checked for lost writes and a clean `qoljazba check`.
faults: install-load translations
	$(BIN)/python -m bench.faults.run --database $(DATABASE)

# Interface strings: edit app/translations/<lang>/LC_MESSAGES/messages.po, then `make translations`.
translations: install
	$(BIN)/pybabel compile -d app/translations -D messages

extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -k Message -k FieldError -k DateError -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations -D messages --no-fuzzy-matching

# For developers: write a migration from the models (after changing catalogue/models).
migration: install
	$(BIN)/python -c "import sys; from catalogue.db import Database; from catalogue.schema import make_migration, upgrade; db = Database('sqlite:///$(CURDIR)/.migration.sqlite3'); upgrade(db); make_migration(db, sys.argv[1])" "$(m)"
	rm -f .migration.sqlite3*

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
