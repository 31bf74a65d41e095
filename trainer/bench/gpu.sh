#!/usr/bin/env bash
# The trainer's GPU figures in one go (about 10 minutes on one H100/H200-class card): run it as is on a
# GPU host with the trainer's dependencies installed (torch, transformers, peft, accelerate; no TRL,
# no network). Models have Qwen2-0.5B's shape and are built from a config with random weights.
#   1. reward model, LoRA over a bf16 base, activation checkpointing: tokens/s, peak memory, MFU
#   2. reward model, full fine-tuning — the `rm --no-lora` path: fp32 master weights, bf16 autocast
#   3. a few PPO steps (rollout, scoring, update): step split, tokens/s, peak memory, update MFU
#   4. where two GPUs exist: the real `rm` CLI under torchrun, 2 processes (DDP), LoRA
# Usage: bash trainer/bench/gpu.sh            (PYTHON=/path/to/python to choose the interpreter)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-python3}
export PYTHONPATH="trainer${PYTHONPATH:+:$PYTHONPATH}" TOKENIZERS_PARALLELISM=false
gpus=$("$PY" -c "import torch; print(torch.cuda.device_count())")
if [ "$gpus" -lt 1 ]; then echo "no CUDA device: this script measures GPU figures" >&2; exit 1; fi
"$PY" -c "import torch, transformers, peft, accelerate; print('torch', torch.__version__, '| transformers', transformers.__version__, '| peft', peft.__version__, '| accelerate', accelerate.__version__, '|', torch.cuda.get_device_name())"
rm_args=(--device cuda --preset 0.5b --no-trl --train 96 --heldout 0 --batch 4 --steps 16 --gradient-checkpointing)

echo; echo "== 1. RM 0.5B, LoRA r16 (bf16 base), activation checkpointing"
timeout 150 "$PY" trainer/bench/bench_rm.py "${rm_args[@]}"

echo; echo "== 2. RM 0.5B, full fine-tuning (fp32 master weights + bf16 autocast = rm --no-lora), activation checkpointing"
timeout 150 "$PY" trainer/bench/bench_rm.py "${rm_args[@]}" --full

echo; echo "== 3. PPO 0.5B, LoRA, bf16: 3 steps of 16 answers × 128 new tokens"
timeout 180 "$PY" trainer/bench/bench_ppo.py --device cuda --preset 0.5b --steps 3 --no-sampling

if [ "$gpus" -ge 2 ]; then
  echo; echo "== 4. RM 0.5B, LoRA, 2 processes (DDP) through the real CLI: torchrun … rm"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  "$PY" trainer/bench/bench_rm.py --device cuda --preset 0.5b --train 96 --prepare "$work"
  timeout 150 "$PY" -m torch.distributed.run --nproc_per_node 2 -m medrank_trainer.cli rm --model "$work/model" \
    --data "$work/train.jsonl" --out "$work/ddp" --max-steps 12 --per-device-batch-size 2 --val-fraction 0 \
    --eval-every 1000 --save-every 1000 --no-eval-at-start --gradient-checkpointing --no-progress
  "$PY" trainer/bench/bench_rm.py --preset 0.5b --report "$work/ddp"
else
  echo; echo "== 4. skipped: one GPU (the 2-process DDP step needs two)"
fi
