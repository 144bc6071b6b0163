#!/usr/bin/env bash
# Antivirus tests run the real ClamAV daemon (clamd) on a test signature: install Debian's
# clamav and clamav-daemon when missing. Signatures are not downloaded here (no freshclam).
set -euo pipefail
CLAMD=${CLAMD_PATH:-/usr/sbin/clamd}
if [ -x "$CLAMD" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installation de ClamAV (Debian)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav clamav-daemon >/dev/null
  # Debian starts its own daemons, which would wait for signatures this machine cannot
  # download: the tests start their own clamd.
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl disable --now clamav-daemon clamav-freshclam >/dev/null 2>&1 || true
  fi
else
  echo "ClamAV absent et installation impossible (ni root ni apt) : tests antivirus ignorés." >&2
fi
