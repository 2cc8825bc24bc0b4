# Participation – development tasks. `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := wsgi:app
DEV_ENV := PARTICIPATION_CONFIG=development
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/participation_test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run install db demo test test-postgres lint translations-extract translations-update translations bench bench-lottery bench-live clean

run: demo
	@echo "Serving http://127.0.0.1:5000  (Ctrl+C stops)"
	$(DEV_ENV) $(BIN)/flask run --host 127.0.0.1 --port 5000

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/pybabel compile -d participation/translations --statistics

translations-extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o participation/translations/messages.pot --no-location --sort-output --project=participation .

translations-update: translations-extract
	$(BIN)/pybabel update -i participation/translations/messages.pot -d participation/translations --no-fuzzy-matching --ignore-obsolete

db: install
	$(DEV_ENV) $(BIN)/flask db upgrade

demo: db
	$(DEV_ENV) $(BIN)/flask seed-demo

test: install
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

test-postgres: install
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) $(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/ideas.py

bench-live: install
	$(BIN)/python bench/live.py --participants 1000

bench-lottery: install
	$(BIN)/python bench/lottery.py

clean:
	rm -rf $(VENV) .pytest_cache participation/translations/*/LC_MESSAGES/*.mo
