#!/usr/bin/env bash
# A test of the test runners: each one runs a fixture holding one passing and one failing
# test, kept out of the normal run, and must report exactly that and exit non-zero. Catches a
# runner (or a hook inside one) that turns a failed test into a green run.
# Usage: bash scripts/exit-codes/check.sh   (MEDRANK_TEST_PG_PORT picks the db port)
set -uo pipefail
cd "$(dirname "$0")/../.."

failures=0
# expect_failure NAME PATTERN... -- COMMAND... — the command must exit non-zero and its output
# must match every PATTERN (the summary: so "no tests found" or a crash does not count).
expect_failure() {
  local name=$1 patterns=() log rc pattern
  shift
  while [ "$1" != "--" ]; do patterns+=("$1"); shift; done
  shift
  log=$(mktemp)
  "$@" >"$log" 2>&1
  rc=$?
  sed -i 's/\x1b\[[0-9;]*m//g' "$log"
  if [ "$rc" -eq 0 ]; then
    echo "FAIL  $name: a failing test exited 0"
    failures=$((failures + 1))
    rm -f "$log"
    return
  fi
  for pattern in "${patterns[@]}"; do
    if ! grep -Eq "$pattern" "$log"; then
      echo "FAIL  $name: exited $rc but its output does not match /$pattern/:"
      tail -30 "$log"
      failures=$((failures + 1))
      rm -f "$log"
      return
    fi
  done
  echo "ok    $name: 1 passed, 1 failed, exit code $rc"
  rm -f "$log"
}

VITEST_SUMMARY='Tests +1 failed \| 1 passed \(2\)'
expect_failure "unit (vitest)" "$VITEST_SUMMARY" -- \
  npx vitest run --config scripts/exit-codes/vitest.config.ts --project unit
expect_failure "database (vitest + embedded PostgreSQL)" "$VITEST_SUMMARY" -- \
  npx vitest run --config scripts/exit-codes/vitest.config.ts --project db
expect_failure "trainer (pytest)" '1 failed, 1 passed' -- \
  .venv/bin/python -m pytest -q trainer/tests/exit_code_fixtures/fails_on_purpose.py
expect_failure "browser (Playwright)" '^ +1 failed' '^ +1 passed' -- \
  npm run test:e2e -- --config scripts/exit-codes/playwright.config.ts

if [ "$failures" -gt 0 ]; then
  echo "$failures test runner(s) do not fail on a failing test" >&2
  exit 1
fi
echo "every test runner fails on a failing test"
