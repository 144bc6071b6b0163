#!/usr/bin/env bash
# WeasyPrint renders PDFs with Pango and HarfBuzz (including its subset library, which it will
# soon require): install Debian's packages when one is missing and we may.
set -euo pipefail
manquantes=()
for paquet_lib in libpango-1.0-0:libpango-1.0.so.0 libpangoft2-1.0-0:libpangoft2-1.0.so.0 \
  libharfbuzz-subset0:libharfbuzz-subset.so.0; do
  paquet=${paquet_lib%%:*}
  lib=${paquet_lib#*:}
  if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then
    manquantes+=("$paquet")
  fi
done
if [ ${#manquantes[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installation des bibliothèques de WeasyPrint : ${manquantes[*]}…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${manquantes[@]}" >/dev/null 2>&1 || {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${manquantes[@]}" >/dev/null
  }
else
  echo "Bibliothèques absentes (${manquantes[*]}) : installez-les pour générer les PDF." >&2
fi
