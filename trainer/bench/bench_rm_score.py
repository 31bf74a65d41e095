"""Benchmark: answers scored per second by the trainer's PyTorch reward-model scorer on the CPU.

The PyTorch side of the scoring benchmark (the app's Node scorer, onnxruntime-node fp32 / int8, is the
other side, run on the same inputs with the same threads): loads an RM run the way `medrank-trainer
score` does (score.py: LoRA applied, fp32 on the CPU), scores every (messages, answer) line of a JSONL
file in batches, and prints one JSON line:

    {"answers_per_s", "load_s", "rss_mb", "answers", "threads", "batch_size", "score_s", ...}

    python trainer/bench/bench_rm_score.py --run runs/rm-1 --input answers.jsonl --threads 2 --batch-size 16

load_s: loading the model, tokenizer and head (imports not counted). One warm-up batch is scored before
the clock starts (first-call allocations); score_s covers tokenising, padding and the forwards of all
answers. rss_mb: the process's peak resident memory (ru_maxrss) at the end.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import torch

from medrank_trainer.data import TrainerInputError, validate_messages
from medrank_trainer.score import load_reward_model


def read_pairs(path: Path) -> list[tuple[list[dict], str]]:
    if not path.is_file():
        raise TrainerInputError(f"{path}: file not found")
    pairs = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TrainerInputError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("answer"), str):
            raise TrainerInputError(f"{where}: expected an object with 'messages' and 'answer' (string)")
        pairs.append((validate_messages(obj.get("messages"), where), obj["answer"]))
    if not pairs:
        raise TrainerInputError(f"{path}: no (messages, answer) lines")
    return pairs


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Answers/s of the PyTorch RM scorer on the CPU (one JSON line).")
    p.add_argument("--run", required=True, help="RM run directory (or one of its exports)")
    p.add_argument("--checkpoint", default="best", choices=["best", "last"])
    p.add_argument("--input", required=True, help="JSONL lines {messages, answer}")
    p.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--raw", action="store_true", help="raw scores (default: normalised, as the app shows them)")
    args = p.parse_args(argv)
    if args.threads < 1 or args.batch_size < 1:
        raise TrainerInputError("--threads and --batch-size must be >= 1")
    torch.set_num_threads(args.threads)
    pairs = read_pairs(Path(args.input))

    import peft  # noqa: F401  (imported before the clock: load_s measures loading the model, not imports)
    import safetensors.torch  # noqa: F401
    import transformers  # noqa: F401

    started = time.perf_counter()
    scorer = load_reward_model(args.run, device="cpu", dtype="fp32", checkpoint=args.checkpoint)
    load_s = time.perf_counter() - started

    normalize = not args.raw and bool(scorer.stats)
    scorer.score(pairs[: args.batch_size], normalize=normalize, batch_size=args.batch_size)  # warm-up
    started = time.perf_counter()
    scores = scorer.score(pairs, normalize=normalize, batch_size=args.batch_size)
    score_s = time.perf_counter() - started
    result = {
        "side": "pytorch", "answers_per_s": round(len(pairs) / score_s, 2), "load_s": round(load_s, 3),
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "answers": len(pairs), "threads": args.threads, "batch_size": args.batch_size, "score_s": round(score_s, 3),
        "normalized": normalize, "mean_score": round(scores.mean().item(), 6), "torch": torch.__version__,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except TrainerInputError as exc:
        print(f"bench_rm_score: error: {exc}", file=sys.stderr)
        sys.exit(2)
