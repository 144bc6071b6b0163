#!/usr/bin/env bash
# Serve the portal on http://127.0.0.1:8000; with CELERY_BROKER_URL set, run a Celery worker
# beside it (stopped with the server). Without a broker, tasks run eagerly in the server.
set -euo pipefail
BIN=${BIN:-.venv/bin}
mkdir -p var
if [ -n "${CELERY_BROKER_URL:-}" ]; then
  # -B: the periodic sweep of documents left waiting runs in this worker (demo only; in
  # production, one `celery beat` process, see docker-compose.yml).
  "$BIN/celery" -A config worker -B --schedule var/celerybeat-schedule --loglevel INFO &
  WORKER=$!
  trap 'kill "$WORKER" 2>/dev/null || true' EXIT INT TERM
  echo "Worker Celery démarré (broker : $CELERY_BROKER_URL)."
else
  echo "CELERY_BROKER_URL non défini : les tâches s'exécutent dans le serveur (mode démo)."
fi
"$BIN/python" manage.py runserver 127.0.0.1:8000
