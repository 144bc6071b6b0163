# Ateliers Flash portal. Two commands do everything on a fresh machine:
#   make run    the portal with demo data on http://127.0.0.1:8000
#   make test   the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ETALAB_VERSION := 6.0.0
REFERENTIEL_DIR := var/referentiel-complet/package/data

.PHONY: run test captures lint format worker bench bench-pdf check-deploy referentiel-complet lock clean

# Each set-up step says what it does and how long it took (scripts/etape.sh).
ETAPE := scripts/etape.sh
PIP_INSTALL := $(BIN)/pip install --quiet --require-hashes

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus est nécessaire")'
	@$(ETAPE) "Environnement Python ($(VENV))" sh -c '$(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet --upgrade pip'

$(VENV)/.base-installee: requirements/base.txt | $(BIN)/python
	@$(ETAPE) -i "1 à 2 min la première fois" "Paquets Python verrouillés du portail (requirements/base.txt)" \
	  $(PIP_INSTALL) -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installee: requirements/dev.txt | $(BIN)/python
	@$(ETAPE) -i "1 à 2 min la première fois" "Paquets Python verrouillés du portail et des tests (requirements/dev.txt)" \
	  $(PIP_INSTALL) -r requirements/dev.txt
	@touch $@ $(VENV)/.base-installee

## run: migrate, load the demo when the base is empty, serve (and a worker if a broker is set);
##   DEBUG is true unless set: with DEBUG=false the static files are collected first
run: export DEBUG ?= true
run: $(VENV)/.base-installee
	@$(ETAPE) "Bibliothèques de WeasyPrint pour les PDF (paquets Debian, si root)" scripts/installer-bibliotheques.sh
	@$(ETAPE) "Composants graphiques de l'État (npm, facultatif)" scripts/installer-front.sh
	@$(ETAPE) "Fichiers statiques (collectstatic, si DEBUG=false)" scripts/collecter-statiques.sh $(BIN)
	@$(ETAPE) "Base de données (migrations)" $(BIN)/python manage.py migrate --noinput -v 0
	@$(BIN)/python manage.py charger_demo
	@BIN=$(BIN) scripts/run.sh

## test: install what the tests need (WeasyPrint libraries, Debian's Chromium and ClamAV, when root), then run them all
##   in PYTEST_WORKERS processes (pytest-xdist, each on its own test database and Redis database)
##   and list the 20 slowest. `--dist load` hands the tests out in collection order, so each
##   process still runs pytest-django's transactional tests after the others.
PYTEST_WORKERS ?= 2
test: $(VENV)/.dev-installee
	@$(ETAPE) "Bibliothèques de WeasyPrint pour les PDF (paquets Debian, si root)" scripts/installer-bibliotheques.sh
	@$(ETAPE) "Composants graphiques de l'État (npm, facultatif)" scripts/installer-front.sh
	@$(ETAPE) "Chromium pour les tests navigateur (paquet Debian, si root)" scripts/installer-chromium.sh
	@$(ETAPE) "ClamAV pour les tests antivirus (paquets Debian, si root)" scripts/installer-clamav.sh
	@$(ETAPE) "Fournisseur OpenID Connect de test, à la place de ProConnect (npm)" scripts/installer-fournisseur-oidc.sh
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist load --durations=20 $(PYTEST_ARGS)

## captures: screenshots of the main pages on the demo data, into docs/screenshots/ (README)
captures: $(VENV)/.dev-installee
	@scripts/installer-bibliotheques.sh
	@scripts/installer-front.sh
	@scripts/installer-chromium.sh
	$(BIN)/pytest -p no:randomly tests/navigateur/captures.py

## lint: ruff, then the floors of docs/architecture.md (import-linter)
lint: $(VENV)/.dev-installee
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(VENV)/.dev-installee
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## worker: a Celery worker for the broker in CELERY_BROKER_URL
worker: $(VENV)/.base-installee
	$(BIN)/celery -A config worker --loglevel INFO

## bench: national-scale data (manage.py peupler, bench.settings), gunicorn and wrk; writes docs/benchmarks.md
bench: $(VENV)/.dev-installee $(REFERENTIEL_DIR)/communes.json
	@scripts/installer-bibliotheques.sh
	@scripts/installer-front.sh
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null || \
	  (apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null)
	REFERENTIEL_DIR=$(REFERENTIEL_DIR) $(BIN)/python bench/charge.py

## bench-pdf: N PDFs through Redis and a real worker against WeasyPrint alone (PostgreSQL)
BENCH_DB ?= atelier_flash_bench
bench-pdf: $(VENV)/.dev-installee
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $(BENCH_DB)" 2>/dev/null || true
	mkdir -p var
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/$(BENCH_DB)} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/8} \
	MEDIA_ROOT=$${MEDIA_ROOT:-var/bench-media} $(BIN)/python bench/file_pdf.py

## check-deploy: Django's deployment checklist with production-like values (after collectstatic,
##   as every start with DEBUG=false)
check-deploy: $(VENV)/.base-installee
	DEBUG=false $(BIN)/python manage.py collectstatic --noinput -v 0
	DEBUG=false SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=ateliers-flash.exemple.gouv.fr SECURE_HTTPS=true BEHIND_PROXY=true \
	CLAMD_SOCKET=tcp://clamav:3310 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

## referentiel-complet: fetch the whole of France (npm package of Etalab) and import it
$(REFERENTIEL_DIR)/communes.json:
	mkdir -p var/referentiel-complet
	cd var/referentiel-complet && npm pack --silent @etalab/decoupage-administratif@$(ETALAB_VERSION) \
	  && tar xzf etalab-decoupage-administratif-$(ETALAB_VERSION).tgz

referentiel-complet: $(REFERENTIEL_DIR)/communes.json $(VENV)/.base-installee
	$(BIN)/python manage.py import_referentiel --source $(REFERENTIEL_DIR)
	$(BIN)/python manage.py generer_services

## lock: recompute the pinned, hashed requirements from pyproject.toml
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.txt

clean:
	rm -rf $(VENV) var
