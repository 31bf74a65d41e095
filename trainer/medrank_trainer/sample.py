"""K distinct candidate answers per dialogue turn (`medrank-trainer sample`), in the app's import format.

    medrank-trainer sample --policy models/sft --adapter runs/ppo-1 --prompts turns.jsonl \\
        --out candidates.jsonl --k 4 --temperature 0.8 --top-p 0.95 --seed 0

Input lines (JSONL): `{"item_id": …, "messages": [...]}` for a turn the app already
holds, `{"dialogue_id": …, "turn": 3, "messages": [...]}` for a new turn, or
rankings-export lines (`id` is the item id). Output, one line per input line,
in input order:

    {"item_id": "…", "candidates": [{"text": "…", "source": "model:<name>@<run or dir>"}, …]}
    {"dialogue_id": "…", "turn": 3, "messages": [...], "candidates": [...]}

A line with neither an item id nor a dialogue id is written as a new turn whose
dialogue id is its `id` (or `line-<n>`) and whose turn is counted from 0 as the app
counts it (turn t = 2t + 1 messages: the patient's first message is turn 0). An explicit
`turn` that disagrees with the messages is refused.

Distinct means: no two candidates of a turn are equal after normalisation
(NFKC, lower case, whitespace and punctuation removed) and no two share more
than `similarity` of their character n-grams (Jaccard). A near-duplicate or an
empty answer is re-drawn, all prompts that still lack answers in one batch,
up to `max_redraws` rounds; a turn still short of K is written with what it
has and counted in the printed summary.
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import torch

from .config import parse_config
from .data import TrainerInputError, read_prompts
from .generation import decode_responses, generate, left_pad, stop_token_ids
from .modeling import default_dtype, load_causal_lm, load_tokenizer, parse_dtype, resolve_device
from .rundir import RunDir
from .template import ChatFormat, strip_reasoning


@dataclass
class SampleConfig:
    policy: str = field(default="", metadata={"help": "policy model: a local Hugging Face causal-LM directory (the SFT model, or a merged PPO policy)"})
    adapter: str | None = field(default=None, metadata={"help": "LoRA adapter: a PPO run directory (its latest checkpoint) or a checkpoint directory"})
    prompts: str = field(default="", metadata={"help": "JSONL of {item_id | dialogue_id, turn, messages} lines, or a rankings export"})
    out: str = field(default="", metadata={"help": "candidates JSONL to write (the app's import format)"})
    k: int = field(default=4, metadata={"help": "distinct candidates per turn"})
    temperature: float = field(default=0.8, metadata={"help": "sampling temperature"})
    top_p: float = field(default=0.95, metadata={"help": "nucleus sampling mass (1 = off)"})
    max_new_tokens: int = field(default=256, metadata={"help": "answer budget in tokens"})
    max_prompt_tokens: int = field(default=1024, metadata={"help": "prompt budget; longer dialogues keep their end"})
    seed: int = field(default=0, metadata={"help": "sampling seed (same seed, same input, same candidates)"})
    max_redraws: int = field(default=4, metadata={"help": "rounds of re-drawing near-duplicate or empty answers"})
    similarity: float = field(default=0.8, metadata={"help": "character n-gram Jaccard similarity at or above which two answers are near-duplicates"})
    ngram: int = field(default=3, metadata={"help": "n of the character n-grams"})
    batch_size: int = field(default=8, metadata={"help": "prompts per generation batch (each drawn k times)"})
    source: str | None = field(default=None, metadata={"help": "candidate source label; default model:<policy dir name>@<adapter run/checkpoint or policy dir name>"})
    dtype: str = field(default="auto", metadata={"help": "auto (bf16 on CUDA, fp32 on CPU), bf16, fp16, fp32"})
    device: str | None = field(default=None, metadata={"help": "cpu, cuda, cuda:1 … (default: cuda if present)"})

    def validate(self) -> None:
        for name in ("policy", "prompts", "out"):
            if not getattr(self, name):
                raise TrainerInputError(f"--{name} is required")
        for name in ("k", "max_new_tokens", "max_prompt_tokens", "batch_size", "ngram"):
            if getattr(self, name) < 1:
                raise TrainerInputError(f"--{name.replace('_', '-')} must be >= 1")
        if self.max_redraws < 0:
            raise TrainerInputError("--max-redraws must be >= 0")
        if self.temperature <= 0:
            raise TrainerInputError("--temperature must be > 0: K distinct answers need sampling")
        if not 0.0 < self.top_p <= 1.0:
            raise TrainerInputError("--top-p must be in (0, 1]")
        if not 0.0 < self.similarity <= 1.0:
            raise TrainerInputError("--similarity must be in (0, 1]")
        parse_dtype(self.dtype)


# ---------------------------------------------------------------- near-duplicates

def normalize_text(text: str) -> str:
    """NFKC, lower case, only letters and digits (CJK characters count as letters)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


def char_ngrams(text: str, n: int) -> set[str]:
    if len(text) <= n:
        return {text} if text else set()
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if (a or b) else 1.0


def is_near_duplicate(a: str, b: str, threshold: float, n: int) -> bool:
    na, nb = normalize_text(a), normalize_text(b)
    return na == nb or jaccard(char_ngrams(na, n), char_ngrams(nb, n)) >= threshold


def sample_distinct(
    num_prompts: int,
    draw: Callable[[list[int]], list[str]],
    k: int,
    max_redraws: int,
    duplicate: Callable[[str, str], bool],
) -> tuple[list[list[str]], int]:
    """Collect k distinct answers per prompt. `draw(prompt_indices)` returns one answer per
    index (an index may repeat). Returns (answers per prompt, number of answers re-drawn)."""
    accepted: list[list[str]] = [[] for _ in range(num_prompts)]
    wanted = [i for i in range(num_prompts) for _ in range(k)]
    redrawn = 0
    for round_ in range(max_redraws + 1):
        if not wanted:
            break
        if round_ > 0:
            redrawn += len(wanted)
        for i, answer in zip(wanted, draw(wanted)):
            if len(accepted[i]) < k and normalize_text(answer) and not any(duplicate(answer, a) for a in accepted[i]):
                accepted[i].append(answer)
        wanted = [i for i in range(num_prompts) for _ in range(k - len(accepted[i]))]
    return accepted, redrawn


# ---------------------------------------------------------------- model and input

def resolve_adapter(path: str | Path) -> Path:
    """A checkpoint directory holding adapter_config.json, or a run directory (→ its latest checkpoint)."""
    p = Path(path)
    if (p / "adapter_config.json").is_file():
        return p
    latest = RunDir(p, create=False).latest_checkpoint() if p.is_dir() else None
    if latest is not None and (latest / "adapter_config.json").is_file():
        return latest
    raise TrainerInputError(f"{p}: no LoRA adapter here (adapter_config.json) nor a complete checkpoint of a run")


def default_source(policy: str, adapter: Path | None) -> str:
    name = Path(policy).resolve().name
    if adapter is None:
        return f"model:{name}@{name}"
    adapter = adapter.resolve()
    if adapter.parent.name == "checkpoints":  # <run>/checkpoints/step-000200
        return f"model:{name}@{adapter.parent.parent.name}/{adapter.name}"
    return f"model:{name}@{adapter.name}"


def load_policy(cfg: SampleConfig, device, dtype):
    tokenizer = load_tokenizer(cfg.policy, padding_side="left")
    model = load_causal_lm(cfg.policy, dtype=dtype, device=device)
    adapter = None
    if cfg.adapter:
        from peft import PeftModel

        adapter = resolve_adapter(cfg.adapter)
        # Merged once: sampling then runs at the speed of the plain model.
        model = PeftModel.from_pretrained(model, str(adapter)).merge_and_unload()
    return model.eval(), tokenizer, adapter


def read_requests(path: str | Path) -> list[tuple[object, dict]]:
    """(PromptItem, its input line) per line: the line carries item_id / dialogue_id / turn.
    New turns are checked here, before any sampling, so a bad line costs no model time."""
    requests = [(item, item.line) for item in read_prompts(path)]
    for n, (item, raw) in enumerate(requests, start=1):
        output_record(item, raw, [], where=f"{path}: record {n}")
    return requests


def new_turn_number(messages: list[dict], raw: dict, where: str) -> int:
    """The app's turn index of a new turn: turns count from 0, and turn t is the dialogue's first
    2t + 1 messages (patient and doctor alternating, the patient first and last; see the app's
    import of candidates). An explicit `turn` must agree with the messages."""
    dialogue = [m for m in messages if m["role"] != "system"]
    for i, m in enumerate(dialogue):
        expected = "user" if i % 2 == 0 else "assistant"
        if m["role"] != expected:
            raise TrainerInputError(f"{where}: field 'messages[{i}].role' must be {expected!r} for a new turn "
                                    f"(patient and doctor alternate, the patient first)")
    counted = len(dialogue) // 2  # len(dialogue) == 2·turn + 1 (it ends with the patient's message)
    turn = raw.get("turn")
    if turn is None:
        return counted
    if not isinstance(turn, int) or isinstance(turn, bool) or turn < 0:
        raise TrainerInputError(f"{where}: field 'turn' must be an integer >= 0 (turns count from 0)")
    if turn != counted:
        raise TrainerInputError(f"{where}: field 'turn' is {turn} but the messages make turn {counted} "
                                f"(turn t has 2t + 1 messages, counting from 0)")
    return turn


def output_record(item, raw: dict, candidates: list[dict], where: str = "input") -> dict:
    item_id = raw.get("item_id", raw.get("id") if "responses" in raw else None)
    if item_id is not None:
        return {"item_id": str(item_id), "candidates": candidates}
    turn = new_turn_number(item.messages, raw, where)
    # The app stores a turn as patient/doctor messages only: a system prompt is the trainer's business.
    messages = [m for m in item.messages if m["role"] != "system"]
    return {"dialogue_id": str(raw.get("dialogue_id", item.id)), "turn": turn, "messages": messages,
            "candidates": candidates}


# ---------------------------------------------------------------- the run

def run(cfg: SampleConfig) -> dict:
    cfg.validate()
    started = time.time()
    requests = read_requests(cfg.prompts)
    device = resolve_device(cfg.device)
    dtype = parse_dtype(cfg.dtype) or default_dtype(device)
    model, tokenizer, adapter = load_policy(cfg, device, dtype)
    chat = ChatFormat(tokenizer)
    source = cfg.source or default_source(cfg.policy, adapter)
    eos = stop_token_ids(tokenizer, model)
    generator = torch.Generator(device=device).manual_seed(cfg.seed)

    def duplicate(a: str, b: str) -> bool:
        return is_near_duplicate(a, b, cfg.similarity, cfg.ngram)

    out_path = Path(cfg.out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    redrawn = short = tokens = 0
    with out_path.open("w", encoding="utf-8") as fh:
        for start in range(0, len(requests), cfg.batch_size):
            batch = requests[start:start + cfg.batch_size]
            rows = [chat.encode_prompt(item.messages, cfg.max_prompt_tokens) for item, _ in batch]

            def draw(indices: list[int]) -> list[str]:
                nonlocal tokens
                # Each prompt is prefilled once; its KV cache is copied to the answers it still needs.
                unique = sorted(set(indices))
                ids, mask = left_pad([rows[i] for i in unique], tokenizer.pad_token_id, device)
                gen = generate(model, ids, mask, max_new_tokens=cfg.max_new_tokens, eos_token_id=eos,
                               pad_token_id=tokenizer.pad_token_id, temperature=cfg.temperature, top_p=cfg.top_p,
                               generator=generator, expand=[unique.index(i) for i in indices])
                tokens += gen.num_generated_tokens
                return [strip_reasoning(t).strip() for t in decode_responses(tokenizer, gen)]

            answers, n = sample_distinct(len(batch), draw, cfg.k, cfg.max_redraws, duplicate)
            redrawn += n
            for (item, raw), texts in zip(batch, answers):
                short += len(texts) < cfg.k
                record = output_record(item, raw, [{"text": t, "source": source} for t in texts])
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    summary = {"prompts": len(requests), "k": cfg.k, "redrawn": redrawn, "short_turns": short,
               "generated_tokens": tokens, "source": source, "out": str(out_path),
               "wall_s": round(time.time() - started, 3)}
    return summary


def main(argv: list[str] | None = None) -> int:
    cfg = parse_config(SampleConfig, argv, prog="medrank-trainer sample",
                       description="Sample K distinct candidate answers per turn, in the app's import format.")
    summary = run(cfg)
    print(json.dumps(summary, ensure_ascii=False))
    if summary["short_turns"]:
        print(f"warning: {summary['short_turns']} turn(s) have fewer than {cfg.k} distinct candidates "
              f"after {cfg.max_redraws} re-draw round(s); raise --temperature or --max-redraws", file=sys.stderr)
    return 0
