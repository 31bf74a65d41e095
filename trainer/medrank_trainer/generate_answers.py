"""One answer per prompt of an evaluation set (`medrank-trainer generate`), decoding pinned.

    medrank-trainer generate --policy models/sft [--adapter runs/ppo-1] --prompts prompts.jsonl \\
        --out run-dir [--max-new-tokens 256] [--temperature 0] [--top-p 1] [--seed 0]

Input lines (JSONL): `{"prompt_id": …, "messages": [...]}` as the app's GENERATE runs write
them (an `id` or `item_id` is read when there is no `prompt_id`). Output in `--out`:

    answers.jsonl   {"prompt_id": "…", "answer": "…", "ended": true, "tokens": 87}, one line per
                    input line, in input order (`ended`: the model stopped on its own, not at
                    --max-new-tokens)
    summary.json    {"decoding": {…}, "model": {…}, "prompts": n, "truncated": n, …}: the settings
                    that produced the answers, recorded next to them

Decoding is greedy by default (temperature 0: the same model and prompts always give the same
answers); with temperature > 0 answers are drawn with top-p from a generator seeded by --seed.
Prompts are answered in batches of --batch-size with the same code path as `sample` (model and
adapter loading, chat format, the KV-cached `generate`), so an answer reads as the policy's
sampled candidates do.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch

from .config import parse_config
from .data import TrainerInputError, read_prompts
from .generation import decode_responses, generate, left_pad, stop_token_ids
from .modeling import default_dtype, parse_dtype, resolve_device
from .sample import load_policy
from .template import ChatFormat, strip_reasoning


@dataclass
class GenerateConfig:
    policy: str = field(default="", metadata={"help": "policy model: a local Hugging Face causal-LM directory (a base model, or the SFT model a PPO run started from)"})
    adapter: str | None = field(default=None, metadata={"help": "LoRA adapter: a PPO run directory (its latest checkpoint) or a checkpoint directory"})
    prompts: str = field(default="", metadata={"help": "JSONL of {prompt_id, messages} lines"})
    out: str = field(default="", metadata={"help": "directory to write answers.jsonl and summary.json into"})
    max_new_tokens: int = field(default=256, metadata={"help": "answer budget in tokens"})
    temperature: float = field(default=0.0, metadata={"help": "0 = greedy (the default); > 0 samples"})
    top_p: float = field(default=1.0, metadata={"help": "nucleus sampling mass when temperature > 0 (1 = off)"})
    seed: int = field(default=0, metadata={"help": "sampling seed (used when temperature > 0)"})
    max_prompt_tokens: int = field(default=1024, metadata={"help": "prompt budget; longer dialogues keep their end"})
    batch_size: int = field(default=8, metadata={"help": "prompts per generation batch"})
    dtype: str = field(default="auto", metadata={"help": "auto (bf16 on CUDA, fp32 on CPU), bf16, fp16, fp32"})
    device: str | None = field(default=None, metadata={"help": "cpu, cuda, cuda:1 … (default: cuda if present)"})

    def validate(self) -> None:
        for name in ("policy", "prompts", "out"):
            if not getattr(self, name):
                raise TrainerInputError(f"--{name} is required")
        for name in ("max_new_tokens", "max_prompt_tokens", "batch_size"):
            if getattr(self, name) < 1:
                raise TrainerInputError(f"--{name.replace('_', '-')} must be >= 1")
        if self.temperature < 0:
            raise TrainerInputError("--temperature must be >= 0 (0 = greedy)")
        if not 0.0 < self.top_p <= 1.0:
            raise TrainerInputError("--top-p must be in (0, 1]")
        parse_dtype(self.dtype)

    def decoding(self) -> dict:
        """The settings that decide the answers, as recorded in summary.json."""
        return {"greedy": self.temperature == 0, "temperature": self.temperature,
                "top_p": self.top_p if self.temperature > 0 else None, "seed": self.seed,
                "max_new_tokens": self.max_new_tokens, "max_prompt_tokens": self.max_prompt_tokens}


def read_prompt_requests(path: str | Path) -> list[tuple[str, list[dict]]]:
    """(prompt id, messages) per line; every line needs an id and ids are unique."""
    out, seen = [], set()
    for n, item in enumerate(read_prompts(path), start=1):
        line = item.line
        pid = line.get("prompt_id", line.get("id", line.get("item_id")))
        if not isinstance(pid, (str, int)) or isinstance(pid, bool):
            raise TrainerInputError(f"{path}: record {n}: field 'prompt_id' is required (a string)")
        pid = str(pid)
        if pid in seen:
            raise TrainerInputError(f"{path}: record {n}: prompt_id {pid!r} appears twice")
        seen.add(pid)
        out.append((pid, item.messages))
    if not out:
        raise TrainerInputError(f"{path}: no prompts")
    return out


def run(cfg: GenerateConfig) -> dict:
    cfg.validate()
    started = time.time()
    requests = read_prompt_requests(cfg.prompts)  # checked before any model time is spent
    device = resolve_device(cfg.device)
    dtype = parse_dtype(cfg.dtype) or default_dtype(device)
    model, tokenizer, adapter = load_policy(cfg, device, dtype)
    chat = ChatFormat(tokenizer)
    eos = stop_token_ids(tokenizer, model)
    generator = torch.Generator(device=device).manual_seed(cfg.seed)

    out_dir = Path(cfg.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    answers_path = out_dir / "answers.jsonl"
    truncated = tokens = 0
    with answers_path.open("w", encoding="utf-8") as fh:
        for start in range(0, len(requests), cfg.batch_size):
            batch = requests[start:start + cfg.batch_size]
            rows = [chat.encode_prompt(messages, cfg.max_prompt_tokens) for _, messages in batch]
            ids, mask = left_pad(rows, tokenizer.pad_token_id, device)
            gen = generate(model, ids, mask, max_new_tokens=cfg.max_new_tokens, eos_token_id=eos,
                           pad_token_id=tokenizer.pad_token_id, temperature=cfg.temperature, top_p=cfg.top_p,
                           generator=generator)
            texts = [strip_reasoning(t).strip() for t in decode_responses(tokenizer, gen)]
            counts = gen.response_mask.sum(-1).tolist()
            for (pid, _), text, ended, n in zip(batch, texts, gen.ended.tolist(), counts):
                truncated += not ended
                tokens += int(n)
                fh.write(json.dumps({"prompt_id": pid, "answer": text, "ended": bool(ended), "tokens": int(n)},
                                    ensure_ascii=False) + "\n")
            fh.flush()
            print(f"answered {min(start + cfg.batch_size, len(requests))}/{len(requests)} prompts", flush=True)
    summary = {
        "prompts": len(requests),
        "truncated": truncated,
        "generated_tokens": tokens,
        "decoding": cfg.decoding(),
        "model": {"policy": str(Path(cfg.policy).resolve()), "adapter": str(adapter) if adapter else None, "dtype": str(dtype).replace("torch.", "")},
        "config": asdict(cfg),
        "answers": str(answers_path),
        "wall_s": round(time.time() - started, 3),
    }
    (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    cfg = parse_config(GenerateConfig, argv, prog="medrank-trainer generate",
                       description="One answer per prompt of an evaluation set, decoding pinned and recorded.")
    summary = run(cfg)
    print(json.dumps({k: summary[k] for k in ("prompts", "truncated", "generated_tokens", "decoding", "wall_s")}, ensure_ascii=False))
    return 0
