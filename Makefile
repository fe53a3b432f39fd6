# The two commands of the README: `make run` and `make test`. Everything lives in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test test-browser screenshots lint messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the declared dependencies change.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[test]"
	touch $@

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	touch $@

run: export DEBUG ?= true
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_demo
	@echo ""
	@echo "Mở http://127.0.0.1:$(PORT)/ và đăng nhập bằng một tài khoản ở trên."
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Real headless Chromium (Debian's /usr/bin/chromium); .ci/run installs it.
test-browser: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m browser

# Refresh the README's screenshots of the main pages (docs/screenshots/).
screenshots: $(VENV)/.installed-test
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest -m browser tests/browser/test_screenshots.py

# Pages and exports at demo size and at scale (bench/run.py; BENCH_UNITS... set the size).
bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

lint: $(VENV)/.installed-test
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.test_settings $(BIN)/python manage.py makemigrations --check --dry-run

# Rebuild the translation catalogues (needs GNU gettext; the compiled .mo files are committed).
messages: $(VENV)/.installed-test
	DEBUG=true $(BIN)/python manage.py makemessages -l en --no-location --ignore=.venv
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
