#!/usr/bin/env bash
# Creates .venv with the trainer and its test dependencies (CPU PyTorch is enough for tests).
# PyTorch is pinned: an unpinned install may pull a multi-GB CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! .venv/bin/python -c "import torch, transformers, peft, accelerate, medrank_trainer" 2>/dev/null; then
  .venv/bin/pip install --quiet "torch==${MEDRANK_TORCH_VERSION:-2.13.0}"
  .venv/bin/pip install --quiet -e "trainer[test]"
fi
