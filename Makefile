# Uppsikt: every set-up step a fresh machine needs lives here.
# `make demo` and `make test` each install what they need, idempotently, then run.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
VENDOR := static/vendor
DEMO_ENV := DEBUG=1
# The demo's port: `make demo PORT=8001` when 8000 is taken.
PORT ?= 8000
# Build steps (translations) load the settings but serve nothing: development settings do.
TOOL_ENV := DEBUG=1

.PHONY: install install-production system-packages demo test test-suite bench messages clean

install: $(STAMP) $(VENDOR)/.stamp locale/en/LC_MESSAGES/django.mo system-packages

# What a server needs: the runtime packages, the vendored assets and the translations,
# without the test tools and the browser.
install-production: $(VENDOR)/.stamp
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	$(TOOL_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules >/dev/null

$(STAMP): pyproject.toml
	command -v $(PYTHON) >/dev/null || { echo "Uppsikt needs Python 3.11 ($(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Front-end assets come from the npm registry at build time and are copied into static/vendor.
$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/designsystemet $(VENDOR)/htmx $(VENDOR)/axe $(VENDOR)/swagger-ui
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet/designsystemet.css
	cp node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css $(VENDOR)/designsystemet/theme.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/htmx.min.js
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe/axe.min.js
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
		node_modules/swagger-ui-dist/favicon-32x32.png $(VENDOR)/swagger-ui/
	touch $@

# Debian packages: gettext compiles translations, chromium runs the browser tests.
system-packages:
	@command -v msgfmt >/dev/null && command -v chromium >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext chromium >/dev/null; }

locale/en/LC_MESSAGES/django.mo: locale/en/LC_MESSAGES/django.po | system-packages $(STAMP)
	$(TOOL_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules >/dev/null

demo: install
	$(DEMO_ENV) $(MANAGE) migrate --no-input
	$(DEMO_ENV) $(MANAGE) load_demo --port $(PORT)
	@echo "Uppsikt serves on http://127.0.0.1:$(PORT) (Ctrl-C stops it)."
	$(DEMO_ENV) $(MANAGE) db_worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install test-suite

test-suite:
	$(BIN)/pytest

bench: install
	$(BIN)/python -m bench

messages: $(STAMP)
	$(TOOL_ENV) $(MANAGE) makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=static

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
