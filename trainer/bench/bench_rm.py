"""Benchmark: MedRank's reward-model training against TRL's RewardTrainer, and its GPU throughput.

Race (CPU or GPU, when TRL is importable: `pip install --require-hashes -r trainer/requirements-bench.lock`):
both trainers get the same rankings — MedRank as rankings (each prompt forwarded once, its K answers
packed after it), TRL as the expanded (chosen, rejected) pairs of those rankings, pre-tokenised to the
very same token ids — the same model (built from a config, random weights), LoRA r16/α32 on every
linear layer, one epoch with the same learning rate, warm-up and cosine schedule, the same number of
optimizer steps, the same threads, in one process, one after the other. Printed for both: rankings/s
(optimizer steps 2…N, from each trainer's own step clock), wall time of the whole `train()` call, and
pairwise accuracy on held-out rankings neither saw, scored the same way.

    python trainer/bench/bench_rm.py --preset h256 --threads 2            # CPU race, hidden 256 / 4 layers
    python trainer/bench/bench_rm.py --device cuda --preset 0.5b --no-trl # GPU: bf16 tokens/s, memory, MFU
    python trainer/bench/bench_rm.py --device cuda --preset 0.5b --full --gradient-checkpointing --no-trl

GPU mode runs `medrank_trainer.reward_model.train` itself (LoRA over a bf16 base, or with --full the
same path as `rm --no-lora`: fp32 master weights under bf16 autocast) on a Qwen2-0.5B-shaped model
built from a config, on rankings with ~1k-token dialogues, and prints tokens/s, peak memory and MFU.
Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

from medrank_trainer.data import read_rankings
from medrank_trainer.metrics import ranking_metrics
from medrank_trainer.reward_model import RMConfig, encode_rankings, train
from medrank_trainer.template import ChatFormat
from medrank_trainer.tiny import build_tokenizer, synthetic_rankings

PRESETS = {
    # LLaMA-style models with the tiny character tokenizer (CPU)
    "tiny": dict(arch="llama", hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                 num_key_value_heads=4, history_chars=0),
    "h256": dict(arch="llama", hidden_size=256, intermediate_size=1024, num_hidden_layers=4, num_attention_heads=4,
                 num_key_value_heads=4, history_chars=0),
    # ~0.5B parameters, Qwen2-0.5B's shape (vocabulary 151,936), dialogues of ~1k tokens
    "0.5b": dict(arch="qwen2", hidden_size=896, intermediate_size=4864, num_hidden_layers=24, num_attention_heads=14,
                 num_key_value_heads=2, vocab_size=151936, history_chars=900),
}
PEAK_BF16_TFLOPS = {"H100": 989.0, "H200": 989.0, "GH200": 989.0, "A100": 312.0, "L40S": 362.0, "A10": 125.0,
                    "4090": 165.0}
FILLER = "建议您注意休息多喝水饮食清淡如果症状持续加重请及时就医检查明确病因再对症治疗头痛发热咳嗽三天了"


def build_model_dir(out: Path, preset: dict, dtype: torch.dtype) -> Path:
    from transformers import LlamaConfig, LlamaForCausalLM, Qwen2Config, Qwen2ForCausalLM

    tokenizer = build_tokenizer()
    vocab = preset.get("vocab_size", len(tokenizer))
    shape = {k: preset[k] for k in ("hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
                                     "num_key_value_heads")}
    ids = dict(pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
               eos_token_id=tokenizer.eos_token_id)
    torch.manual_seed(0)
    if preset["arch"] == "qwen2":
        model = Qwen2ForCausalLM(Qwen2Config(vocab_size=vocab, max_position_embeddings=32768, tie_word_embeddings=True,
                                             **shape, **ids))
    else:
        model = LlamaForCausalLM(LlamaConfig(vocab_size=vocab, max_position_embeddings=4096, tie_word_embeddings=True,
                                             **shape, **ids))
    model.to(dtype).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def make_rankings(n: int, seed: int, history_chars: int) -> list[dict]:
    """The learnable synthetic rankings of tiny.py; with history_chars, earlier turns make the dialogue long."""
    lines = synthetic_rankings(n, k=4, seed=seed)
    rng = random.Random(seed + 1)
    for line in lines:
        history = []
        while sum(len(m["content"]) for m in history) < history_chars:
            history += [{"role": "user", "content": "".join(rng.choice(FILLER) for _ in range(60))},
                        {"role": "assistant", "content": "".join(rng.choice(FILLER) for _ in range(90))}]
        line["messages"] = history + line["messages"]
    return lines


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def step_rate(times: list[float], rankings_per_step: float) -> float:
    """Rankings/s over optimizer steps 2…N (the first step carries one-off set-up in both trainers)."""
    if len(times) < 2:
        return float("nan")
    return (len(times) - 1) * rankings_per_step / (times[-1] - times[0])


def heldout_accuracy(score_fn, encoded) -> float:
    groups = []
    for enc in encoded:
        groups.append((score_fn([a.input_ids for a in enc.answers]), enc.item.ranks))
    return ranking_metrics(groups)["reward/accuracy"]


# ---------------------------------------------------------------- MedRank

def run_medrank(args, model_dir: Path, train_file: Path, out: Path, steps: int, heldout_enc) -> dict:
    cfg = RMConfig(model=str(model_dir), data=str(train_file), out=str(out), max_length=args.max_length,
                   lora=not args.full, lora_r=16, lora_alpha=32, lora_dropout=0.05, learning_rate=args.lr,
                   warmup_ratio=0.1, max_steps=steps, per_device_batch_size=args.batch, val_fraction=0.0,
                   eval_every=10**9, save_every=10**9, eval_at_start=False, progress=False, seed=0,
                   gradient_checkpointing=args.gradient_checkpointing, cpu=args.device == "cpu",
                   attn_implementation=args.attn, packing=args.packing,
                   dtype="bf16" if args.device != "cpu" else "fp32")
    started = time.perf_counter()
    summary = train(cfg)
    wall = time.perf_counter() - started
    lines = [json.loads(x) for x in (out / "metrics.jsonl").read_text().splitlines()]
    train_lines = [m for m in lines if m["split"] == "train"]
    result = {"rankings_per_s": step_rate([m["time"] for m in train_lines], args.batch), "train_call_s": wall,
              "steps": len(train_lines),
              "tokens_per_s": statistics.median(m["perf/tokens_per_s"] for m in train_lines[1:] or train_lines),
              "peak_memory_mb": max(m["perf/peak_memory_mb"] for m in train_lines),
              "mixed_precision": summary["mixed_precision"], "dtype": summary["dtype"]}
    if heldout_enc is not None:
        from medrank_trainer.score import load_reward_model
        from medrank_trainer.template import pad_sequences

        scorer = load_reward_model(out, checkpoint="last", device="cpu" if args.device == "cpu" else args.device)

        def score(rows):
            ids, mask = pad_sequences(rows, scorer.tokenizer.pad_token_id, device=scorer.device)
            return scorer.score_ids(ids, mask, normalize=False).tolist()

        result["heldout_accuracy"] = heldout_accuracy(score, heldout_enc)
    return result


# ---------------------------------------------------------------- TRL

def run_trl(args, model_dir: Path, train_enc, out: Path, steps: int, heldout_enc) -> dict:
    from datasets import Dataset
    from peft import LoraConfig
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, TrainerCallback
    from trl import RewardConfig, RewardTrainer

    # The same expanded pairs, as the same token ids MedRank trains on (prompt + answer + end-of-answer).
    pairs = {"chosen_ids": [], "rejected_ids": []}
    for enc in train_enc:
        for better, worse in enc.item.pairs:
            pairs["chosen_ids"].append(enc.answers[better].input_ids)
            pairs["rejected_ids"].append(enc.answers[worse].input_ids)
    n_pairs = len(pairs["chosen_ids"])
    # As many optimizer steps as MedRank: the same rankings per step, expanded.
    pairs_per_step = math.ceil(n_pairs / steps)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModelForSequenceClassification.from_pretrained(str(model_dir), num_labels=1,
                                                               attn_implementation=args.attn)
    model.config.pad_token_id = tokenizer.pad_token_id

    class StepClock(TrainerCallback):
        def __init__(self):
            self.times = []

        def on_step_end(self, *_, **__):
            if torch.cuda.is_available() and args.device != "cpu":
                torch.cuda.synchronize()
            self.times.append(time.perf_counter())

    clock = StepClock()
    config = RewardConfig(output_dir=str(out), per_device_train_batch_size=pairs_per_step, num_train_epochs=1,
                          max_steps=steps, learning_rate=args.lr, lr_scheduler_type="cosine",
                          warmup_steps=round(0.1 * steps), weight_decay=0.0, max_grad_norm=1.0,
                          gradient_checkpointing=args.gradient_checkpointing, logging_steps=10**6,
                          save_strategy="no", report_to="none", use_cpu=args.device == "cpu", seed=0,
                          dataloader_num_workers=0, max_length=None, disable_dropout=False,
                          bf16=args.device != "cpu", disable_tqdm=True)
    peft_config = None if args.full else LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05,
                                                    target_modules="all-linear", task_type="SEQ_CLS")
    trainer = RewardTrainer(model=model, args=config, train_dataset=Dataset.from_dict(pairs),
                            processing_class=tokenizer, peft_config=peft_config, callbacks=[clock])
    started = time.perf_counter()
    trainer.train()
    wall = time.perf_counter() - started
    rankings_per_step = pairs_per_step * len(train_enc) / n_pairs
    trained = trainer.model.eval()
    device = next(trained.parameters()).device

    @torch.no_grad()
    def score(rows):
        from medrank_trainer.template import pad_sequences

        ids, mask = pad_sequences(rows, tokenizer.pad_token_id, device=device)
        return trained(input_ids=ids, attention_mask=mask).logits.squeeze(-1).float().tolist()

    return {"rankings_per_s": step_rate(clock.times, rankings_per_step), "train_call_s": wall,
            "steps": len(clock.times), "pairs": n_pairs, "pairs_per_step": pairs_per_step,
            "heldout_accuracy": heldout_accuracy(score, heldout_enc)}


# ---------------------------------------------------------------- GPU figures

def flops_per_token(preset: dict, seq_len: float, full: bool) -> float:
    """PaLM-style: forward 2N (non-embedding weights) + 2·L·T·d attention; backward ×2 (full) or ×1 (LoRA: no weight grads)."""
    d, layers, inter = preset["hidden_size"], preset["num_hidden_layers"], preset["intermediate_size"]
    kv = d * preset["num_key_value_heads"] // preset["num_attention_heads"]
    per_layer = d * d * 2 + d * kv * 2 + 3 * d * inter
    forward = 2 * layers * per_layer + 2 * layers * seq_len * d
    return forward * (3 if full else 2)


def peak_tflops(override):
    if override:
        return override
    if not torch.cuda.is_available():
        return None
    name = torch.cuda.get_device_name()
    return next((v for k, v in PEAK_BF16_TFLOPS.items() if k in name), None)


def report_run(run: Path, preset: dict, args) -> int:
    """Throughput of an `rm` run directory from its metrics (all processes), config and summary."""
    summary = json.loads((run / "summary.json").read_text())
    config = json.loads((run / "config.json").read_text())
    lines = [json.loads(x) for x in (run / "metrics.jsonl").read_text().splitlines()]
    train_lines = [m for m in lines if m["split"] == "train"][1:] or [m for m in lines if m["split"] == "train"]
    tokens_per_s = statistics.median(m["perf/tokens_per_s"] for m in train_lines)
    world = summary["world_size"]
    line = (f"rm run {run.name}: {world} process(es), {'LoRA' if config['lora'] else 'full fine-tuning'}, "
            f"mixed precision {summary['mixed_precision']}, weights {summary['dtype']}: {tokens_per_s:.0f} tokens/s "
            f"(all processes), peak memory {max(m['perf/peak_memory_mb'] for m in train_lines):.0f} MB (main process)")
    peak = peak_tflops(args.peak_tflops)
    if peak:
        # attention length: the packed sequence is at most max_length + the answers; max_length is close enough
        fpt = flops_per_token(preset, config["max_length"], not config["lora"])
        line += f", MFU {tokens_per_s * fpt / (peak * 1e12 * world) * 100:.1f}%"
    print(line)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    parser.add_argument("--preset", default="h256", choices=sorted(PRESETS))
    parser.add_argument("--train", type=int, default=160, help="training rankings (K = 4)")
    parser.add_argument("--heldout", type=int, default=100, help="held-out rankings for the accuracy figure")
    parser.add_argument("--batch", type=int, default=4, help="rankings per optimizer step")
    parser.add_argument("--steps", type=int, default=None, help="optimizer steps (default: one epoch)")
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--max-length", type=int, default=1024)
    parser.add_argument("--full", action="store_true", help="full fine-tuning (the `rm --no-lora` path) instead of LoRA")
    parser.add_argument("--gradient-checkpointing", action="store_true")
    parser.add_argument("--attn", default="sdpa", choices=["sdpa", "eager", "flash_attention_2"])
    parser.add_argument("--packing", default="prompt", choices=["prompt", "none"])
    parser.add_argument("--threads", type=int, default=None, help="torch threads (both trainers)")
    parser.add_argument("--trl", action=argparse.BooleanOptionalAction, default=None,
                        help="race TRL's RewardTrainer (default: when importable)")
    parser.add_argument("--peak-tflops", type=float, default=None, help="accelerator's dense bf16 peak, for MFU")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--prepare", metavar="DIR", default=None,
                        help="only write the preset's model and training rankings to DIR (for a torchrun `rm` run)")
    parser.add_argument("--report", metavar="RUN_DIR", default=None,
                        help="print tokens/s, peak memory and MFU of an `rm` run directory (e.g. a DDP run)")
    args = parser.parse_args(argv)
    if args.prepare:
        out = Path(args.prepare)
        out.mkdir(parents=True, exist_ok=True)
        dtype = torch.bfloat16 if args.device != "cpu" and not args.full else torch.float32
        build_model_dir(out / "model", PRESETS[args.preset], dtype)
        write_jsonl(out / "train.jsonl", make_rankings(args.train, seed=0, history_chars=PRESETS[args.preset]["history_chars"]))
        print(f"wrote {out / 'model'} and {out / 'train.jsonl'}")
        return 0
    if args.report:
        return report_run(Path(args.report), PRESETS[args.preset], args)
    if args.threads:
        torch.set_num_threads(args.threads)
    preset = PRESETS[args.preset]
    race = args.trl
    if race is None:
        try:
            import trl  # noqa: F401
            race = True
        except ImportError:
            race = False
            print("TRL is not installed: no race (pip install --require-hashes -r trainer/requirements-bench.lock)",
                  file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="medrank-bench-rm-") as tmp:
        tmp = Path(tmp)
        model_dtype = torch.bfloat16 if args.device != "cpu" and not args.full else torch.float32
        model_dir = build_model_dir(tmp / "model", preset, model_dtype)
        rows = make_rankings(args.train + args.heldout, seed=0, history_chars=preset["history_chars"])
        train_file = write_jsonl(tmp / "train.jsonl", rows[:args.train])
        write_jsonl(tmp / "heldout.jsonl", rows[args.train:])
        chat = ChatFormat(build_tokenizer())
        train_enc = encode_rankings(read_rankings(train_file), chat, args.max_length)
        heldout_enc = encode_rankings(read_rankings(tmp / "heldout.jsonl"), chat, args.max_length) if args.heldout else None
        steps = args.steps or args.train // args.batch
        prompt_tokens = sum(e.answers[0].prompt_len for e in train_enc)
        row_tokens = sum(len(a.input_ids) for e in train_enc for a in e.answers)
        answer_tokens = row_tokens - sum(a.prompt_len for e in train_enc for a in e.answers)
        result = {"device": args.device if args.device == "cpu" else torch.cuda.get_device_name(),
                  "preset": args.preset, "training": "full" if args.full else "lora r16/α32",
                  "threads": torch.get_num_threads(), "rankings_train": args.train, "rankings_heldout": args.heldout,
                  "steps": steps, "rankings_per_step": args.batch,
                  "prompt_share_of_row_tokens": 1 - answer_tokens / row_tokens,
                  "tokens_per_ranking_packed": (prompt_tokens + answer_tokens) / len(train_enc),
                  "tokens_per_ranking_rows": row_tokens / len(train_enc),
                  "medrank": run_medrank(args, model_dir, train_file, tmp / "medrank", steps, heldout_enc)}
        if race:
            result["trl"] = run_trl(args, model_dir, train_enc, tmp / "trl", steps, heldout_enc)
            result["speedup_rankings_per_s"] = result["medrank"]["rankings_per_s"] / result["trl"]["rankings_per_s"]
        peak = peak_tflops(args.peak_tflops)
        if peak and args.device != "cpu":
            seq = result["tokens_per_ranking_packed"] if args.packing == "prompt" else row_tokens / (4 * len(train_enc))
            fpt = flops_per_token(preset, seq, args.full)
            result["medrank"]["mfu"] = result["medrank"]["tokens_per_s"] * fpt / (peak * 1e12)

    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"device {result['device']}  preset {args.preset}  {result['training']}  threads {result['threads']}  "
          f"{args.train} train / {args.heldout} held-out rankings (K=4)  {steps} steps × {args.batch} rankings")
    print(f"prompt share of (prompt, answer) row tokens: {result['prompt_share_of_row_tokens']:.0%}; tokens per "
          f"ranking: {result['tokens_per_ranking_packed']:.0f} packed vs {result['tokens_per_ranking_rows']:.0f} as K rows")
    print(f"{'trainer':<8} {'rankings/s':>10} {'train() s':>10} {'held-out acc':>13} {'tokens/s':>10} {'peak MB':>9}"
          + ("   MFU" if "mfu" in result["medrank"] else ""))
    for name in ("medrank", "trl"):
        if name not in result:
            continue
        e = result[name]
        line = (f"{name:<8} {e['rankings_per_s']:>10.2f} {e['train_call_s']:>10.1f} "
                f"{e.get('heldout_accuracy', float('nan')):>13.3f} {e.get('tokens_per_s', float('nan')):>10.0f} "
                f"{e.get('peak_memory_mb', float('nan')):>9.0f}")
        if "mfu" in e:
            line += f"  {e['mfu'] * 100:5.1f}%"
        print(line)
    if "speedup_rankings_per_s" in result:
        print(f"MedRank / TRL RewardTrainer: {result['speedup_rankings_per_s']:.2f}x rankings/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
