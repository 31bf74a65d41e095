#!/usr/bin/env bash
# Creates .venv with the trainer and its test dependencies, from the locked, hashed set in
# trainer/requirements.lock (CPU PyTorch; refresh with trainer/refresh-locks.sh, see trainer/README.md).
# Reinstalls whenever the lock or trainer/pyproject.toml changed since the last install (a stamp in .venv)
# or an import fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
LOCK=trainer/requirements.lock
STAMP=.venv/.medrank-requirements.sha256
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
want=$(cat "$LOCK" trainer/pyproject.toml | sha256sum | cut -d' ' -f1)
have=$(cat "$STAMP" 2>/dev/null || true)
if [ "$want" != "$have" ] || ! .venv/bin/python -c "import torch, transformers, peft, accelerate, medrank_trainer" 2>/dev/null; then
  rm -f "$STAMP"
  # Every file is checked against its sha256 in the lock; nothing unpinned is pulled in.
  .venv/bin/pip install --quiet --require-hashes -r "$LOCK"
  # The trainer itself (editable; its dependencies came from the lock, setuptools included).
  .venv/bin/pip install --quiet --no-deps --no-build-isolation -e trainer
  echo "$want" > "$STAMP"
fi
