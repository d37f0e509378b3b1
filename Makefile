# Uppsikt: every set-up step a fresh machine needs lives here.
# `make demo` and `make test` each install what they need, idempotently, then run.

# The interpreter: the first of these that exists and is Python 3.11, 3.12 or 3.13
# (`make PYTHON=/path/to/python3.12 test` chooses one). The distribution's own comes first:
# Debian builds CPython with profile-guided and link-time optimisation, and on the same
# machine it renders the 300-organisation report 17% faster than a default source build
# (pyenv's, say), which is what an earlier PATH entry often is.
PYTHON_CANDIDATES := /usr/bin/python3.13 /usr/bin/python3.12 /usr/bin/python3.11 python3.13 python3.12 python3.11 python3
PYTHON_SUPPORTED := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
PYTHON ?= $(firstword $(foreach candidate,$(PYTHON_CANDIDATES),$(shell command -v $(candidate) >/dev/null 2>&1 && $(candidate) -c '$(PYTHON_SUPPORTED)' 2>/dev/null && echo $(candidate))))
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
# The whole dependency tree, pinned with hashes; `make lock` writes them from pyproject.toml.
LOCK_RUNTIME := requirements/runtime.txt
LOCK_DEV := requirements/dev.txt
# Debian packages: the venv module, gettext for the translations, pango for the PDF reports,
# chromium for the browser tests, Redis for the task tests on the RQ backend.
# The report's PDF/A embeds Liberation Sans (fonts-liberation2); its tests check it with qpdf
# and poppler-utils (pdffonts, pdftoppm) and open the Word and Excel files in LibreOffice.
REPORT_PACKAGES := fonts-liberation2 fonts-dejavu-core qpdf poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui
DEBIAN_PACKAGES := python3-venv gettext libpango-1.0-0 libpangoft2-1.0-0 chromium redis-server $(REPORT_PACKAGES)
DEBIAN_PRODUCTION_PACKAGES := python3-venv gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2
# Property tests: a small budget in `make test`, a larger one in `make fuzz`.
PROPERTY_TESTS := $(wildcard */tests/test_properties.py)

.PHONY: install install-production system-packages system-packages-production python-check demo demo-sso test test-suite \
	fuzz audit lock bench loadtest messages clean

install: $(STAMP) $(VENDOR)/.stamp locale/en/LC_MESSAGES/django.mo system-packages

# What a server needs: the runtime packages, the vendored assets and the translations,
# without the test tools and the browser.
install-production: $(VENDOR)/.stamp system-packages-production python-check
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK_RUNTIME)
	$(BIN)/pip install --quiet --no-deps -e .
	$(TOOL_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules >/dev/null

python-check:
	@test -n "$(PYTHON)" || { echo "Uppsikt needs Python 3.11, 3.12 or 3.13: none of $(PYTHON_CANDIDATES) is one."; \
		echo "On Debian: apt-get install python3 python3-venv (Debian 12 has 3.11, Debian 13 has 3.13)."; exit 1; }
	@command -v $(PYTHON) >/dev/null && $(PYTHON) -c '$(PYTHON_SUPPORTED)' || { \
		echo "Uppsikt needs Python 3.11, 3.12 or 3.13; $(PYTHON) is missing or another version."; exit 1; }

$(STAMP): pyproject.toml $(LOCK_DEV) | system-packages python-check
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK_DEV)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Front-end assets come from the npm registry at build time and are copied into static/vendor.
$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/designsystemet $(VENDOR)/htmx $(VENDOR)/axe $(VENDOR)/swagger-ui
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet/designsystemet.css
	cp node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css $(VENDOR)/designsystemet/theme.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/htmx.min.js
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe/axe.min.js
	# With their source maps, which the files name: collectstatic (production) refuses a missing one.
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
		node_modules/swagger-ui-dist/swagger-ui-bundle.js.map node_modules/swagger-ui-dist/swagger-ui.css.map \
		node_modules/swagger-ui-dist/favicon-32x32.png $(VENDOR)/swagger-ui/
	touch $@

# After a change of dependencies in pyproject.toml: `make lock`, then commit requirements/.
# One lock serves Python 3.11 to 3.13 on any platform (uv's universal resolution).
lock: $(STAMP)
	$(BIN)/uv pip compile --quiet pyproject.toml --universal --python-version 3.11 --generate-hashes \
		--custom-compile-command "make lock" -o $(LOCK_RUNTIME)
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes \
		--custom-compile-command "make lock" -o $(LOCK_DEV)

# Known vulnerabilities in the pinned tree, from PyPI's advisory database. Where that cannot
# be reached (no network, or a mirror without it) pip-audit skips each package: this says how
# many were not checked and passes; only a vulnerability found fails.
audit: $(STAMP)
	@$(BIN)/pip-audit --progress-spinner off --require-hashes --disable-pip -r $(LOCK_DEV) >$(VENV)/audit.log 2>&1; \
		status=$$?; grep -vE "could not be audited|^Name +Skip Reason|^---" $(VENV)/audit.log; \
		skipped=$$(grep -c "could not be audited" $(VENV)/audit.log); \
		if grep -qE "Found [0-9]+ known vulnerabilit" $(VENV)/audit.log; then exit 1; fi; \
		if [ $$skipped -gt 0 ] || [ $$status -ne 0 ]; then \
			echo "pip-audit could not consult the advisory database: $$skipped packages were NOT checked (see $(VENV)/audit.log)."; fi

# The Debian packages missing from DEBIAN_PACKAGES, installed after one `apt-get update`.
system-packages:
	@$(call debian_install,$(DEBIAN_PACKAGES))

system-packages-production:
	@$(call debian_install,$(DEBIAN_PRODUCTION_PACKAGES))

define debian_install
	command -v dpkg-query >/dev/null || { echo "Not Debian: install by hand the equivalents of $(1)"; exit 0; }; \
	missing=$$(for package in $(1); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || echo $$package; done); \
	test -z "$$missing" || { echo "Installing Debian packages:" $$missing; apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; }
endef

locale/en/LC_MESSAGES/django.mo: locale/en/LC_MESSAGES/django.po | system-packages $(STAMP)
	$(TOOL_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules >/dev/null

demo: install
	$(DEMO_ENV) $(MANAGE) migrate --no-input
	$(DEMO_ENV) $(MANAGE) load_demo --port $(PORT)
	@echo "Uppsikt serves on http://127.0.0.1:$(PORT) (Ctrl-C stops it)."
	$(DEMO_ENV) $(MANAGE) db_worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

# The demo with single sign-on: a development identity provider (core/sso/mock.py) offering
# the demo's people, on SSO_PORT; `make demo-sso PORT=8001 SSO_PORT=8002` when those are taken.
SSO_PORT ?= 8115
SSO_ENV := OIDC_ISSUER=http://127.0.0.1:$(SSO_PORT) OIDC_CLIENT_ID=uppsikt-demo OIDC_CLIENT_SECRET=demo-secret

demo-sso: install
	$(DEMO_ENV) $(MANAGE) migrate --no-input
	$(DEMO_ENV) $(MANAGE) load_demo --port $(PORT)
	@echo "Uppsikt serves on http://127.0.0.1:$(PORT) (Ctrl-C stops it), with single sign-on:"
	@echo "on http://127.0.0.1:$(PORT)/konto/logga-in/ choose \"Logga in med kommunens konto\", then at the"
	@echo "identity provider (http://127.0.0.1:$(SSO_PORT)) press one of the accounts above; okand.person@..."
	@echo "has no Uppsikt account and is refused. The passwords above work too."
	$(DEMO_ENV) $(BIN)/python -m core.sso.mock --port $(SSO_PORT) & provider=$$!; \
		$(DEMO_ENV) $(MANAGE) db_worker & worker=$$!; \
		trap 'kill $$worker $$provider 2>/dev/null' EXIT INT TERM; \
		$(DEMO_ENV) $(SSO_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install test-suite

test-suite:
	$(BIN)/pytest

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -p no:randomly $(PROPERTY_TESTS)

bench: install
	$(BIN)/python -m bench

# The production server under load (loadtest/, README "Load test"): each scenario runs
# LOADTEST_SECONDS beside the same run against the bare view; LOADTEST_SERVERS=2 runs two
# gunicorn instances on one database. PostgreSQL from DATABASE_URL (its server only: the
# load test makes a database of its own), else the machine's local cluster, as .ci/run.
LOADTEST_SECONDS ?= 60
LOADTEST_USERS ?= 50
LOADTEST_RESPONDENTS ?= 300
LOADTEST_SERVERS ?= 2
LOADTEST_PORT ?= 8400
LOADTEST_THINK ?= 5-15
loadtest: install
	@if [ -z "$${DATABASE_URL:-}" ] && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then \
		pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql | head -n1)" main start; \
		for _ in $$(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done; fi
	$(BIN)/python -m loadtest --seconds $(LOADTEST_SECONDS) --users $(LOADTEST_USERS) \
		--respondents $(LOADTEST_RESPONDENTS) --servers $(LOADTEST_SERVERS) --port $(LOADTEST_PORT) \
		--think $(LOADTEST_THINK)

messages: $(STAMP)
	$(TOOL_ENV) $(MANAGE) makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=static

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
