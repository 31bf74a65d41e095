#!/usr/bin/env bash
# Re-resolves the trainer's locked Python dependencies (pinned versions + sha256 hashes):
#   requirements.lock        pyproject.toml [test] + requirements.in   (installed by scripts/setup-python.sh)
#   requirements-bench.lock  the same + [bench] (TRL), constrained to requirements.lock's versions
# Target: CPython 3.11 on Linux x86_64 (manylinux_2_28). torch's CPU wheel is not on PyPI:
# give the folder or index that holds it with TORCH_FIND_LINKS (default: pip's configured find-links).
# Needs uv (https://docs.astral.sh/uv/): `pip install uv` in any environment, or set UV=/path/to/uv.
# `--keep`: keep every version already locked and resolve only what is new (after adding a dependency);
# without it every package moves to its newest allowed version.
set -euo pipefail
UPGRADE=--upgrade
if [ "${1:-}" = "--keep" ]; then UPGRADE=; fi
cd "$(dirname "$0")"
UV=${UV:-uv}
FIND_LINKS=${TORCH_FIND_LINKS:-$(pip config get global.find-links 2>/dev/null || true)}
args=(--generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28
      --annotation-style line --custom-compile-command "bash trainer/refresh-locks.sh")
if [ -n "$FIND_LINKS" ]; then args+=(--find-links "$FIND_LINKS"); fi
"$UV" pip compile pyproject.toml requirements.in --extra test "${args[@]}" $UPGRADE -o requirements.lock
"$UV" pip compile pyproject.toml requirements.in --extra test --extra bench -c requirements.lock "${args[@]}" \
  $UPGRADE -o requirements-bench.lock
echo "refreshed requirements.lock and requirements-bench.lock; run bash scripts/setup-python.sh to install"
