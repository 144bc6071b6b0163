#!/usr/bin/env bash
# One set-up step of `make run` / `make test`: say what it does, run it, then say how long it
# took (or that it failed, with its code). Usage: scripts/etape.sh "libellé" command [args…]
set -uo pipefail
libelle=$1
shift
debut=$(date +%s)
echo "→ $libelle…"
"$@"
code=$?
duree=$(($(date +%s) - debut))
if [ "$code" -eq 0 ]; then
  echo "  ✓ $libelle ($duree s)"
else
  echo "  ✗ $libelle : échec (code $code) après $duree s" >&2
fi
exit "$code"
