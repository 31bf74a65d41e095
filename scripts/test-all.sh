#!/usr/bin/env bash
# npm test — every test: types, unit, database, trainer (Python), browser (Playwright).
# Installs what is missing first: the Python venv, and Debian's Chromium when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n=== %s ===\n' "$1"; }

step "set-up"
bash scripts/setup-python.sh
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi
npx prisma generate >/dev/null

step "test runners fail on a failing test"
bash scripts/exit-codes/check.sh

step "types"
npx tsc --noEmit

step "unit tests"
npx vitest run --project unit

step "database tests"
npx vitest run --project db

step "trainer tests"
.venv/bin/python -m pytest trainer/tests -q

step "browser tests"
npx next build
npm run test:e2e
