# The two commands: `make run` (serve the archive with the sample editorial, and a task worker
# beside it) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: install test-js run test lint format bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(INSTALLED)

install: $(INSTALLED)

# The JavaScript clients the browser tests load (tests/js: Apache Annotator), again whenever
# the lock changes. Only the tests need them (and npm): `make run` does not.
test-js:
	@if ! command -v npm >/dev/null; then \
		echo "npm not found: the Apache Annotator browser test will fail"; \
	elif [ ! -d tests/js/node_modules ] || [ tests/js/package-lock.json -nt tests/js/node_modules ]; then \
		npm ci --prefix tests/js --no-audit --no-fund --loglevel=error && touch tests/js/node_modules; \
	fi

# A laptop's archive: DEBUG on (tracebacks, the development key); production leaves it unset.
run: export DEBUG ?= 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_gazetteer
	$(BIN)/python manage.py import_editorials samples/
	$(BIN)/python manage.py demo_accounts --host http://$(HOST)
	@# A task worker beside the server (admin imports, sweeps), stopped with it.
	$(BIN)/python manage.py db_worker --queue-name '*' --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver $(HOST)

test: install test-js
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# `make bench BENCH_COUNT=100000`: the import and search at 100,000 editorials (issue 13;
# hours on a small machine, and several GB in bench/out).
BENCH_COUNT ?= 10000
bench: install
	$(BIN)/python -m bench.run --count $(BENCH_COUNT)
	$(BIN)/python -m bench.tagging
	$(BIN)/python -m bench.admin_import
	$(BIN)/python -m bench.search --count $(BENCH_COUNT)
	$(BIN)/python -m bench.margin
	$(BIN)/python -m bench.page_cache
	$(BIN)/python -m bench.protocol

clean:
	rm -rf $(VENV) staticfiles bench/out .pytest_cache .ruff_cache tests/js/node_modules
