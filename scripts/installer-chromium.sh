#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own download cannot work offline).
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installation de Chromium (Debian)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium absent et installation impossible (ni root ni apt) : tests navigateur ignorés." >&2
fi
