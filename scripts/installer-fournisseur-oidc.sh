#!/bin/sh
# The OpenID Connect provider the tests sign in at, standing in for ProConnect on loopback
# (tests/proconnect/fournisseur/: the npm package oidc-provider, pinned with its integrity
# hashes in package-lock.json). Tests only: the portal itself never runs it.
# Without npm these tests are skipped locally (and fail in CI).
set -eu
cd "$(dirname "$0")/../tests/proconnect/fournisseur"
if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm est absent : les tests de ProConnect seront ignorés." >&2
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
