#!/usr/bin/env bash
# With DEBUG=false the portal serves its static files from STATIC_ROOT through collectstatic's
# manifest: without it every page is a 500, and the start refuses to go on (check socle.E001).
# Collect them then; with DEBUG=true the finders serve them and nothing is collected.
# Usage: scripts/collecter-statiques.sh [bin folder of the virtualenv, .venv/bin by default]
set -euo pipefail
BIN=${1:-${BIN:-.venv/bin}}
case "$(printf '%s' "${DEBUG:-false}" | tr '[:upper:]' '[:lower:]')" in
  true | on | ok | y | yes | 1)
    echo "DEBUG=true : fichiers statiques servis sans collectstatic."
    ;;
  *)
    "$BIN/python" manage.py collectstatic --noinput -v 0
    ;;
esac
