#!/usr/bin/env bash
# One set-up step of `make run` / `make test`: say what it does, run it, then say how long it
# took (or that it failed, with its code).
# Usage: scripts/etape.sh [-i "indication"] "libellé" command [args…]
# (-i: a hint shown when the step starts only, such as how long it usually takes)
set -uo pipefail
indication=""
if [ "${1:-}" = "-i" ]; then
  indication=" ($2)"
  shift 2
fi
libelle=$1
shift
debut=$(date +%s)
echo "→ $libelle$indication…"
"$@"
code=$?
duree=$(($(date +%s) - debut))
if [ "$code" -eq 0 ]; then
  echo "  ✓ $libelle ($duree s)"
else
  echo "  ✗ $libelle : échec (code $code) après $duree s" >&2
fi
exit "$code"
