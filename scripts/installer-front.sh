#!/bin/sh
# Front-end packages (the State's chart components, @gouvfr/dsfr-chart) from the npm registry,
# pinned with their integrity hashes in package-lock.json, into node_modules/, where Django's
# staticfiles serves them (config/settings.py). Never a CDN at run time.
# Without npm (a laptop with nothing but Python) the portal still works: every chart's figures
# are in the data table beside it.
set -eu
cd "$(dirname "$0")/.."
if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm est absent : les graphiques seront remplacés par leurs tableaux de données." >&2
  echo "(installez Node.js et npm puis relancez la commande pour les obtenir)" >&2
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
