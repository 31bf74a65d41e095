"""`medrank-trainer rm`: train a reward model on the final-rankings export.

The model is the base LM (without its LM head) plus a linear head that reads
one scalar at the last real token of (prompt, answer). For a ranking
y_1 > … > y_K of one prompt every answer is forwarded ONCE and all pairs are
formed inside the batch (Zhongjing / InstructGPT):

    L = −1/P · Σ_{h<l} log σ(r(x, y_h) − r(x, y_l) − margin)      P = pairs formed (C(K,2) without ties)

averaged per ranking, then over the rankings of the batch; tied answers form no
pair. Optional: a constant `margin`, and reward centering `center_coef · mean_k(r)²`
per ranking (keeps scores near zero). Both are off by default.

The loop reads top to bottom in `train()`: data → model → optimizer → steps
(with evaluation, best/last exports and resumable checkpoints) → summary.
Runs on one CPU, one GPU or several (accelerate / torchrun): the global batch
is `per_device_batch_size × processes × gradient_accumulation_steps` rankings,
and every process takes its own slice of the same seeded order.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

from .config import parse_resumable
from .data import RankingItem, TrainerInputError, read_rankings, split_train_val
from .metrics import MetricsWriter, Throughput, peak_memory_mb, ranking_metrics, reset_peak_memory
from .modeling import (check_model_dir, count_parameters, default_dtype, hidden_size_of, load_backbone,
                       load_tokenizer, lora_config, parse_dtype)
from .rundir import RunDir
from .template import ChatFormat, EncodedPair, pad_sequences

EXPORT_FORMAT = "medrank-reward-model"
#: Below this standard deviation of the validation rewards the RM has collapsed (scores nearly
#: constant): it no longer ranks anything, and normalising by it would blow noise up to N(0, 1).
MIN_REWARD_STD = 1e-3
HEAD_FILE = "head.safetensors"
INFO_FILE = "reward_model.json"
STATS_FILE = "reward_stats.json"


# ============================================================== config

@dataclass
class RMConfig:
    model: str = field(default="", metadata={"help": "local Hugging Face model directory (any causal LM)"})
    data: str = field(default="", metadata={"help": "final-rankings export, JSONL"})
    out: str = field(default="", metadata={"help": "run directory to create (or resume)"})
    resume: bool = field(default=False, metadata={"help": "continue from the latest checkpoint in --out (the stored config is used; flags given override it)"})
    max_length: int = field(default=1024, metadata={"help": "tokens per (prompt, answer); the dialogue's start is cut first"})
    system_prompt: str = field(default="", metadata={"help": "system prompt put before the dialogue; empty = the built-in doctor–patient prompt"})
    chat_template: str = field(default="auto", metadata={"help": "'auto' = the tokenizer's chat_template if it has one, else MedRank's default; 'default' forces MedRank's", "choices": ["auto", "default"]})
    lora: bool = field(default=True, metadata={"help": "train LoRA adapters (+ the full head); --no-lora = full fine-tuning"})
    lora_r: int = field(default=16, metadata={"help": "LoRA rank"})
    lora_alpha: int = field(default=32, metadata={"help": "LoRA alpha (scale = alpha / r)"})
    lora_dropout: float = field(default=0.05, metadata={"help": "dropout inside the LoRA adapters"})
    lora_target_modules: list[str] = field(default_factory=lambda: ["all-linear"], metadata={"help": "modules that get adapters ('all-linear' or names like q_proj,v_proj)"})
    learning_rate: float = field(default=1e-4, metadata={"help": "peak learning rate (LoRA: ~1e-4; full fine-tuning: ~1e-5)"})
    weight_decay: float = field(default=0.0, metadata={"help": "AdamW weight decay"})
    warmup_ratio: float = field(default=0.03, metadata={"help": "share of the steps with a linear warm-up, then cosine decay to 0"})
    epochs: float = field(default=1.0, metadata={"help": "passes over the training rankings (ignored when max_steps > 0)"})
    max_steps: int = field(default=0, metadata={"help": "optimizer steps; 0 = from epochs"})
    per_device_batch_size: int = field(default=4, metadata={"help": "rankings per forward per process (all K answers of each go in the same forward)"})
    gradient_accumulation_steps: int = field(default=1, metadata={"help": "forwards per optimizer step"})
    eval_batch_size: int = field(default=8, metadata={"help": "rankings per forward during evaluation"})
    max_grad_norm: float = field(default=1.0, metadata={"help": "gradient clipping (0 = off)"})
    dropout: float = field(default=-1.0, metadata={"help": "dropout inside the base model (attention/hidden); -1 = keep the model's own"})
    gradient_checkpointing: bool = field(default=False, metadata={"help": "recompute activations in backward (less memory, ~30% slower)"})
    margin: float = field(default=0.0, metadata={"help": "constant margin m in −log σ(r_better − r_worse − m)"})
    center_coef: float = field(default=0.0, metadata={"help": "reward centering: coef × mean(r)² per ranking"})
    val_fraction: float = field(default=0.1, metadata={"help": "share of rankings held out for validation"})
    seed: int = field(default=0, metadata={"help": "seed for the split, data order, head and LoRA init"})
    eval_every: int = field(default=50, metadata={"help": "evaluate every N steps (and at the end)"})
    save_every: int = field(default=50, metadata={"help": "resumable checkpoint every N steps (and at the end)"})
    keep_checkpoints: int = field(default=2, metadata={"help": "resumable checkpoints kept (older ones are deleted; 0 = keep all)"})
    eval_at_start: bool = field(default=True, metadata={"help": "evaluate once before the first step (a baseline for the charts)"})
    log_every: int = field(default=1, metadata={"help": "write a train metrics line every N steps"})
    best_metric: str = field(default="eval_loss", metadata={"help": "what picks best/: lowest validation loss or highest pairwise accuracy", "choices": ["eval_loss", "accuracy"]})
    merge: bool = field(default=False, metadata={"help": "also save merged full weights (LoRA folded in) as best/merged and last/merged"})
    dtype: str = field(default="auto", metadata={"help": "weights dtype: auto (bf16 on CUDA, fp32 on CPU), bf16, fp32 (fp16 is refused: it needs loss scaling)"})
    cpu: bool = field(default=False, metadata={"help": "run on the CPU even when a GPU is present"})
    padding_side: str = field(default="right", metadata={"help": "padding side of training batches (the score is read correctly either way)", "choices": ["left", "right"]})
    packing: str = field(default="prompt", metadata={"help": "'prompt' = each ranking's prompt forwarded once, its K answers packed after it under a block mask (padding-free rows); 'none' = one padded row per (prompt, answer)", "choices": ["prompt", "none"]})
    row_tokens: int = field(default=0, metadata={"help": "--packing prompt: rankings of a micro-batch share a row up to this many tokens (0 = 1.75 × max_length)"})
    attn_implementation: str = field(default="sdpa", metadata={"help": "attention kernel: sdpa, eager, or flash_attention_2 (where installed; needs --packing none)", "choices": ["sdpa", "eager", "flash_attention_2"]})
    progress: bool = field(default=True, metadata={"help": "show a progress bar (only when stderr is a terminal)"})

    def validate(self) -> None:
        for name in ("model", "data", "out"):
            if not getattr(self, name):
                raise TrainerInputError(f"--{name} is required")
        positive = ("max_length", "per_device_batch_size", "gradient_accumulation_steps", "eval_batch_size",
                    "eval_every", "save_every", "log_every", "lora_r")
        for name in positive:
            if getattr(self, name) < 1:
                raise TrainerInputError(f"--{name.replace('_', '-')} must be >= 1")
        if self.max_length < 8:
            raise TrainerInputError("--max-length must be at least 8 tokens")
        if self.epochs <= 0 and self.max_steps <= 0:
            raise TrainerInputError("set --epochs > 0 or --max-steps > 0")
        if not 0 <= self.warmup_ratio < 1:
            raise TrainerInputError("--warmup-ratio must be in [0, 1)")
        if parse_dtype(self.dtype) == torch.float16:
            # fp16 needs loss scaling (a GradScaler) to keep small gradients from underflowing; the trainer
            # does not scale losses, so fp16 would silently lose updates. bf16 has fp32's range.
            raise TrainerInputError("--dtype fp16 is not supported for training: it needs loss scaling that this "
                                    "trainer does not do; use bf16 (same memory, fp32's range) or fp32")
        check_attention(self.attn_implementation, self.packing)


def collapsed_reward_warning(std: float | None) -> str | None:
    """The warning for a reward model whose validation rewards barely vary, or None when they do."""
    if std is None or not math.isfinite(std) or std >= MIN_REWARD_STD:
        return None
    return (f"the reward model has collapsed: validation reward std {std:.2g} < {MIN_REWARD_STD:g} "
            f"(nearly the same score for every answer); it ranks nothing, and PPO refuses to normalise by it. "
            f"Check the data (ties, duplicates), lower the learning rate or train longer")


def check_attention(attn_implementation: str, packing: str) -> None:
    """Refuse combinations that cannot run: flash-attention takes no custom mask, so no shared prompt."""
    if attn_implementation == "flash_attention_2":
        from transformers.utils import is_flash_attn_2_available

        if not is_flash_attn_2_available():
            raise TrainerInputError("--attn-implementation flash_attention_2: the flash-attn package is not installed "
                                    "(or no supported GPU); use sdpa")
        if packing == "prompt":
            raise TrainerInputError("--attn-implementation flash_attention_2 cannot apply the block mask of "
                                    "--packing prompt; use --packing none with it, or sdpa")


# ============================================================== packing
# A ranking as ONE sequence: [prompt][answer 1][answer 2]…[answer K]. Under the block mask each
# answer sees the prompt and its own earlier tokens only, and its position ids restart where the
# prompt ends, so every answer is computed exactly as in its own (prompt, answer) row — while the
# prompt (most of the tokens on multi-turn dialogues) is forwarded once instead of K times.
# Rankings of a micro-batch share a row up to `row_tokens` (the mask keeps them apart), so short
# rankings leave no padding, and long ones do not pay attention over each other's tokens.

@dataclass
class PackedBatch:
    input_ids: torch.Tensor     # [R, L] rows of packed rankings, padded at the end
    position_ids: torch.Tensor  # [R, L]
    ranking: torch.Tensor       # [R, L] which ranking of the batch a token belongs to (-1 = padding)
    part: torch.Tensor          # [R, L] 0 = prompt, k = answer k (1-based), -1 = padding
    score_index: torch.Tensor   # [N] flat index (row · L + position) of each answer's last token, in ranking order
    tokens: int                 # real (unpadded) tokens


def _ranking_sequence(enc: "EncodedRanking") -> tuple[list[int], list[int], list[int], list[int]]:
    """ids, positions, parts and answer-end offsets of one ranking packed as a sequence."""
    # The answers were encoded one by one; a long answer may have cut the prompt further than
    # the others. The shared prompt is the shortest kept one (the same tail of the dialogue).
    shortest = min(enc.answers, key=lambda a: a.prompt_len)
    ids = list(shortest.input_ids[:shortest.prompt_len])
    p = len(ids)
    pos, part, ends = list(range(p)), [0] * p, []
    for k, a in enumerate(enc.answers, start=1):
        answer = a.input_ids[a.prompt_len:]
        ids += answer
        pos += range(p, p + len(answer))
        part += [k] * len(answer)
        ends.append(len(ids) - 1)
    return ids, pos, part, ends


def pack_rankings(batch: Sequence["EncodedRanking"], device=None, row_tokens: int | None = None,
                  pad_token_id: int = 0) -> PackedBatch:
    """Pack rankings into rows; a new row starts when the next ranking would pass `row_tokens` (None = one row)."""
    rows: list[list[tuple[int, tuple]]] = [[]]
    used = 0
    for r, enc in enumerate(batch):
        seq = _ranking_sequence(enc)
        if rows[-1] and row_tokens is not None and used + len(seq[0]) > row_tokens:
            rows.append([])
            used = 0
        rows[-1].append((r, seq))
        used += len(seq[0])
    width = max(sum(len(seq[0]) for _, seq in row) for row in rows)
    shape = (len(rows), width)
    ids = torch.full(shape, pad_token_id, dtype=torch.long)
    pos = torch.zeros(shape, dtype=torch.long)
    ranking = torch.full(shape, -1, dtype=torch.long)
    part = torch.full(shape, -1, dtype=torch.long)
    ends: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        at = 0
        for r, (seq_ids, seq_pos, seq_part, seq_ends) in row:
            n = len(seq_ids)
            ids[i, at:at + n] = torch.tensor(seq_ids)
            pos[i, at:at + n] = torch.tensor(seq_pos)
            part[i, at:at + n] = torch.tensor(seq_part)
            ranking[i, at:at + n] = r
            ends[r] = [i * width + at + e for e in seq_ends]
            at += n
    score_index = torch.tensor([e for r in range(len(batch)) for e in ends[r]], dtype=torch.long)
    tokens = int((part >= 0).sum())
    return PackedBatch(ids.to(device), pos.to(device), ranking.to(device), part.to(device), score_index.to(device),
                       tokens)


def packed_allowed(ranking: torch.Tensor, part: torch.Tensor) -> torch.Tensor:
    """[R, L, L] bool: query i may attend to key j (same ranking, j ≤ i, j in the prompt or in i's own answer).
    A padding position sees itself only (never an empty row: no NaN from a softmax over nothing)."""
    n = ranking.shape[-1]
    causal = torch.ones(n, n, dtype=torch.bool, device=ranking.device).tril()
    same_ranking = (ranking[:, :, None] == ranking[:, None, :]) & (ranking[:, None, :] >= 0)
    visible_part = (part[:, None, :] == 0) | (part[:, :, None] == part[:, None, :])
    allowed = causal & same_ranking & visible_part
    return allowed | torch.eye(n, dtype=torch.bool, device=ranking.device)


def attention_mask_4d(allowed: torch.Tensor, attn_implementation: str, dtype: torch.dtype) -> torch.Tensor:
    """The custom mask in the form the model's attention takes it: [R, 1, L, L].

    transformers 5 hands a 4D mask to the kernel as is: sdpa takes a boolean one (True = attend),
    eager adds it to the scores, so it gets 0 / dtype-min (also the form transformers 4 expects)."""
    import transformers

    if attn_implementation == "sdpa" and int(transformers.__version__.split(".")[0]) >= 5:
        return allowed[:, None]
    mask = torch.zeros(allowed.shape, dtype=dtype, device=allowed.device)
    return mask.masked_fill_(~allowed, torch.finfo(dtype).min)[:, None]


# ============================================================== model

def last_token_index(attention_mask: torch.Tensor) -> torch.Tensor:
    """Index of each row's last real token (last 1 in the mask): right or left padding, pad == EOS alike."""
    positions = torch.arange(attention_mask.shape[-1], device=attention_mask.device)
    return (attention_mask.long() * positions).argmax(dim=-1)


class RewardModel(nn.Module):
    """Base transformer (optionally wrapped by peft) + a linear scalar head (kept in fp32)."""

    def __init__(self, backbone: nn.Module, hidden_size: int):
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(hidden_size, 1, dtype=torch.float32)
        nn.init.normal_(self.head.weight, std=1.0 / math.sqrt(hidden_size + 1))
        nn.init.zeros_(self.head.bias)

    def forward(self, input_ids: torch.Tensor | None = None, attention_mask: torch.Tensor | None = None,
                packed: "PackedBatch | None" = None) -> torch.Tensor:
        if packed is not None:
            return self.forward_packed(packed)
        # Positions from the mask: a left-padded row sees the same positions as the unpadded sequence.
        position_ids = (attention_mask.long().cumsum(-1) - 1).clamp(min=0)
        out = self.backbone(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                            use_cache=False)
        hidden = out.last_hidden_state if hasattr(out, "last_hidden_state") else out[0]
        rows = torch.arange(hidden.shape[0], device=hidden.device)
        last = hidden[rows, last_token_index(attention_mask)]
        return self.head(last.to(self.head.weight.dtype)).squeeze(-1)

    def forward_packed(self, packed: PackedBatch) -> torch.Tensor:
        """Rewards [N] of the answers of packed rankings (see `pack_rankings`), in ranking order."""
        config = getattr(self.backbone, "config", None)
        attn = getattr(config, "_attn_implementation", None) or "sdpa"
        device = packed.input_ids.device
        # Under autocast the attention runs in the autocast dtype; otherwise in the weights' dtype.
        dtype = (torch.get_autocast_dtype(device.type) if torch.is_autocast_enabled(device.type)
                 else next(p for p in self.backbone.parameters() if p.is_floating_point()).dtype)
        mask = attention_mask_4d(packed_allowed(packed.ranking, packed.part), attn, dtype)
        out = self.backbone(input_ids=packed.input_ids, attention_mask=mask, position_ids=packed.position_ids,
                            use_cache=False)
        hidden = out.last_hidden_state if hasattr(out, "last_hidden_state") else out[0]
        last = hidden.reshape(-1, hidden.shape[-1])[packed.score_index]
        return self.head(last.to(self.head.weight.dtype)).squeeze(-1)


def _pair_indices(ranks_per_ranking: Sequence[Sequence[int]]):
    better, worse, owner, sizes = [], [], [], []
    offset = 0
    for g, ranks in enumerate(ranks_per_ranking):
        k = len(ranks)
        for i in range(k):
            for j in range(i + 1, k):
                if ranks[i] == ranks[j]:
                    continue  # a tie forms no pair
                b, w = (i, j) if ranks[i] < ranks[j] else (j, i)
                better.append(offset + b)
                worse.append(offset + w)
                owner.append(g)
        sizes.append(k)
        offset += k
    return better, worse, owner, sizes


def ranking_loss(rewards: torch.Tensor, ranks_per_ranking: Sequence[Sequence[int]],
                 margin: float = 0.0, center_coef: float = 0.0) -> torch.Tensor:
    """K-way ranking loss over concatenated rewards (answers of ranking 0, then ranking 1, …).

    Each ranking contributes the mean of −log σ(r_better − r_worse − margin) over its pairs;
    the batch loss is the mean over rankings that have at least one pair (0 when none has one).
    """
    better, worse, owner, sizes = _pair_indices(ranks_per_ranking)
    if sum(sizes) != rewards.numel():
        raise ValueError(f"{rewards.numel()} rewards for rankings with {sum(sizes)} answers")
    if not better:
        # Every ranking is all-tied: nothing to learn. 0 (still attached to the graph, so a
        # backward pass is a no-op) rather than the NaN of a mean over no pairs.
        return rewards.float().sum() * 0.0
    dev = rewards.device
    rewards = rewards.float()
    n = len(sizes)
    b = torch.tensor(better, dtype=torch.long, device=dev)
    w = torch.tensor(worse, dtype=torch.long, device=dev)
    g = torch.tensor(owner, dtype=torch.long, device=dev)
    per_pair = -F.logsigmoid(rewards[b] - rewards[w] - margin)
    pair_sum = torch.zeros(n, device=dev).index_add(0, g, per_pair)
    pair_cnt = torch.zeros(n, device=dev).index_add(0, g, torch.ones_like(per_pair))
    has_pairs = pair_cnt > 0
    loss = (pair_sum[has_pairs] / pair_cnt[has_pairs]).mean()
    if center_coef:
        row_owner = torch.repeat_interleave(torch.arange(n, device=dev), torch.tensor(sizes, device=dev))
        means = torch.zeros(n, device=dev).index_add(0, row_owner, rewards) / torch.tensor(sizes, device=dev)
        loss = loss + center_coef * (means[has_pairs] ** 2).mean()
    return loss


def build_reward_model(cfg: RMConfig, device: torch.device, dtype: torch.dtype) -> RewardModel:
    backbone = load_backbone(cfg.model, dtype=dtype, device=device,
                             dropout=None if cfg.dropout < 0 else cfg.dropout,
                             gradient_checkpointing=cfg.gradient_checkpointing,
                             attn_implementation=cfg.attn_implementation)
    hidden = hidden_size_of(backbone.config)
    if cfg.lora:
        from peft import get_peft_model

        backbone = get_peft_model(backbone, lora_config(cfg.lora_r, cfg.lora_alpha, cfg.lora_dropout,
                                                        list(cfg.lora_target_modules)))
        if cfg.gradient_checkpointing and hasattr(backbone, "enable_input_require_grads"):
            backbone.enable_input_require_grads()
    return RewardModel(backbone, hidden).to(device)


# ============================================================== saving / loading

def _head_state(model: RewardModel) -> dict:
    return {k: v.detach().float().cpu().contiguous() for k, v in model.head.state_dict().items()}


def export_reward_model(model: RewardModel, tokenizer, out_dir: Path, info: dict) -> None:
    """Write an RM export (adapter or full backbone + head + tokenizer + reward_model.json), atomically."""
    from safetensors.torch import save_file

    tmp = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    if info["adapter"] == "lora":
        model.backbone.save_pretrained(str(tmp))  # adapter_config.json + adapter_model.safetensors
    else:
        model.backbone.save_pretrained(str(tmp / "backbone"), safe_serialization=True)
    save_file(_head_state(model), str(tmp / HEAD_FILE))
    tokenizer.save_pretrained(str(tmp))
    (tmp / INFO_FILE).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.replace(out_dir)


def merge_export(export_dir: Path, base_model: str) -> Path:
    """Fold the LoRA adapter of an export into full weights: <export>/merged (backbone without LM head)."""
    from peft import PeftModel

    backbone = load_backbone(base_model, dtype=torch.float32, device="cpu")
    merged = PeftModel.from_pretrained(backbone, str(export_dir)).merge_and_unload()
    target = export_dir / "merged"
    merged.save_pretrained(str(target), safe_serialization=True)
    info = json.loads((export_dir / INFO_FILE).read_text(encoding="utf-8"))
    info["merged"] = True
    (export_dir / INFO_FILE).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def _trainable_state(model: RewardModel) -> dict:
    return {n: p.detach().cpu().contiguous() for n, p in model.named_parameters() if p.requires_grad}


def _save_checkpoint(run: RunDir, step: int, model: RewardModel, optimizer, scheduler, state: dict, keep: int) -> None:
    from safetensors.torch import save_file

    ckpt = run.checkpoint_path(step)
    ckpt.mkdir(parents=True, exist_ok=True)
    save_file(_trainable_state(model), str(ckpt / "trainable.safetensors"))
    torch.save(optimizer.state_dict(), ckpt / "optimizer.pt")
    torch.save(scheduler.state_dict(), ckpt / "scheduler.pt")
    (ckpt / "trainer_state.json").write_text(json.dumps(state, indent=2) + "\n")
    run.mark_complete(ckpt)
    run.prune_checkpoints(keep)


def _rng_file(ckpt: Path, rank: int) -> Path:
    return ckpt / f"rng_state_{rank}.pt"


def _save_rng(ckpt: Path, rank: int) -> None:
    ckpt.mkdir(parents=True, exist_ok=True)
    state = {"cpu": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    torch.save(state, _rng_file(ckpt, rank))


def _load_checkpoint(ckpt: Path, model: RewardModel, optimizer, scheduler, rank: int) -> dict:
    from safetensors.torch import load_file

    trainable = load_file(str(ckpt / "trainable.safetensors"))
    missing = set(n for n, p in model.named_parameters() if p.requires_grad) - set(trainable)
    if missing:
        raise TrainerInputError(f"{ckpt}: checkpoint does not match the model (missing {sorted(missing)[:3]} …)")
    model.load_state_dict(trainable, strict=False)
    optimizer.load_state_dict(torch.load(ckpt / "optimizer.pt", map_location="cpu", weights_only=True))
    scheduler.load_state_dict(torch.load(ckpt / "scheduler.pt", weights_only=True))
    if _rng_file(ckpt, rank).is_file():
        rng = torch.load(_rng_file(ckpt, rank), weights_only=False)
        torch.set_rng_state(rng["cpu"])
        if "cuda" in rng and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(rng["cuda"])
    return json.loads((ckpt / "trainer_state.json").read_text())


# ============================================================== data helpers

@dataclass
class EncodedRanking:
    item: RankingItem
    answers: list[EncodedPair]


def encode_rankings(items: Sequence[RankingItem], chat: ChatFormat, max_length: int) -> list[EncodedRanking]:
    return [EncodedRanking(it, [chat.encode_pair(it.messages, r, max_length) for r in it.responses]) for it in items]


def over_long_report(encoded: Sequence[EncodedRanking]) -> dict:
    prompt_cut = [e.item.id for e in encoded if any(a.prompt_truncated for a in e.answers)]
    answer_cut = [e.item.id for e in encoded if any(a.answer_truncated for a in e.answers)]
    ids = sorted(set(prompt_cut) | set(answer_cut))
    return {"count": len(ids), "prompt_truncated": len(prompt_cut), "answer_truncated": len(answer_cut), "items": ids}


def collate(batch: Sequence[EncodedRanking], pad_token_id: int, side: str, device):
    rows = [a.input_ids for e in batch for a in e.answers]
    ids, mask = pad_sequences(rows, pad_token_id, side=side, device=device)
    return ids, mask, [e.item.ranks for e in batch]


def forward_rankings(model, batch: Sequence[EncodedRanking], packing: str, pad_token_id: int, side: str,
                     device, row_tokens: int | None = None) -> tuple[torch.Tensor, int]:
    """Rewards of every answer of `batch` (ranking by ranking) and the real tokens forwarded."""
    if packing == "prompt":
        packed = pack_rankings(batch, device, row_tokens, pad_token_id)
        # Through the module's own call (not forward_packed): DDP's gradient sync and accelerate's
        # autocast wrap `forward`.
        return model(packed=packed), packed.tokens
    ids, mask, _ = collate(batch, pad_token_id, side, device)
    return model(ids, mask), int(mask.sum())


def epoch_order(n: int, seed: int, epoch: int) -> list[int]:
    gen = torch.Generator().manual_seed(seed * 1_000_003 + epoch)
    return torch.randperm(n, generator=gen).tolist()


def micro_batches(step: int, n_train: int, steps_per_epoch: int, cfg: RMConfig, world: int, rank: int) -> list[list[int]]:
    """The train indices this process forwards at optimizer step `step` (0-based), one list per micro-batch.

    The global batch is the same for any number of processes; process `rank` takes slice `rank` of each micro-batch.
    """
    epoch, pos = divmod(step, steps_per_epoch)
    order = epoch_order(n_train, cfg.seed, epoch)
    pd = cfg.per_device_batch_size
    global_batch = pd * world * cfg.gradient_accumulation_steps
    batch = order[pos * global_batch:(pos + 1) * global_batch]
    out = []
    for a in range(cfg.gradient_accumulation_steps):
        start = a * world * pd + rank * pd
        out.append(batch[start:start + pd])
    return out


@torch.no_grad()
def score_rankings(model, encoded: Sequence[EncodedRanking], pad_token_id: int, batch_size: int, device,
                   side: str = "right", packing: str = "none", row_tokens: int | None = None) -> list[list[float]]:
    """Rewards for every answer of every ranking, in order."""
    out = []
    for i in range(0, len(encoded), batch_size):
        chunk = encoded[i:i + batch_size]
        rewards, _ = forward_rankings(model, chunk, packing, pad_token_id, side, device, row_tokens)
        rewards = rewards.float().cpu().tolist()
        for e in chunk:
            k = len(e.answers)
            out.append(rewards[:k])
            rewards = rewards[k:]
    return out


# ============================================================== the loop

def cosine_with_warmup(optimizer, warmup_steps: int, total_steps: int):
    """Linear warm-up (the first step already gets lr/warmup, never 0), then cosine decay towards 0."""
    def factor(step: int) -> float:
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
        return 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def train(cfg: RMConfig) -> dict:
    from accelerate import Accelerator
    from accelerate.utils import gather_object, set_seed
    from tqdm.auto import tqdm

    cfg.validate()
    started = time.time()
    check_model_dir(cfg.model)
    items = read_rankings(cfg.data)

    on_cuda = torch.cuda.is_available() and not cfg.cpu
    dtype = parse_dtype(cfg.dtype) or default_dtype("cuda" if on_cuda else "cpu")
    # Full fine-tuning keeps fp32 master weights and runs bf16 autocast; LoRA loads the frozen base in bf16.
    mixed = "bf16" if (on_cuda and not cfg.lora and dtype == torch.bfloat16) else "no"
    # cpu=True also when there is no GPU: accelerate only sets up gloo (multi-CPU under torchrun) that way.
    accelerator = Accelerator(cpu=not on_cuda, mixed_precision=mixed)
    if not cfg.lora and mixed == "bf16":
        dtype = torch.float32
    world, rank, main = accelerator.num_processes, accelerator.process_index, accelerator.is_main_process
    device = accelerator.device

    run = RunDir(cfg.out, create=main)
    accelerator.wait_for_everyone()
    if main and not cfg.resume and run.metrics_path.exists() and run.metrics_path.stat().st_size > 0:
        raise TrainerInputError(f"{run.path} already holds a run; pass --resume or choose a new --out")

    # ---- data
    tokenizer = load_tokenizer(cfg.model, padding_side=cfg.padding_side)
    chat = ChatFormat(tokenizer, system_prompt=cfg.system_prompt or None,
                      use_tokenizer_template=None if cfg.chat_template == "auto" else False)
    usable = [it for it in items if it.pairs]
    skipped_all_tied = [it.id for it in items if not it.pairs]
    train_items, val_items = split_train_val(usable, cfg.val_fraction, cfg.seed)
    train_enc = encode_rankings(train_items, chat, cfg.max_length)
    val_enc = encode_rankings(val_items, chat, cfg.max_length)
    over_long = over_long_report(train_enc + val_enc)
    eval_enc = val_enc or train_enc  # no held-out data: statistics come from the training rankings

    row_tokens = cfg.row_tokens or cfg.max_length + 3 * cfg.max_length // 4  # room for a prompt and a few answers
    global_batch = cfg.per_device_batch_size * world * cfg.gradient_accumulation_steps
    steps_per_epoch = len(train_enc) // global_batch
    if steps_per_epoch == 0:
        raise TrainerInputError(f"{len(train_enc)} training rankings cannot fill one global batch of {global_batch} "
                                f"(per-device batch × processes × accumulation); lower the batch size or add data")
    total_steps = cfg.max_steps if cfg.max_steps > 0 else max(1, math.ceil(cfg.epochs * steps_per_epoch))

    # ---- model and optimizer
    set_seed(cfg.seed)
    model = build_reward_model(cfg, device, dtype)
    trainable, total_params = count_parameters(model)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
    scheduler = cosine_with_warmup(optimizer, round(cfg.warmup_ratio * total_steps), total_steps)
    # The scheduler is stepped by hand once per optimizer step (a prepared one would step once per process).
    model, optimizer = accelerator.prepare(model, optimizer)
    raw_model: RewardModel = accelerator.unwrap_model(model)

    start_step, best_value, best_step, best_eval = 0, None, None, None
    ckpt = run.latest_checkpoint() if cfg.resume else None
    if ckpt is not None:
        state = _load_checkpoint(ckpt, raw_model, optimizer, scheduler, rank)
        start_step, best_value, best_step, best_eval = (state["step"], state.get("best_value"),
                                                        state.get("best_step"), state.get("best_eval"))
    accelerator.wait_for_everyone()
    if main:
        if ckpt is not None:
            run.truncate_metrics(start_step)
            run.log(f"resumed from {ckpt.name}")
        elif cfg.resume:
            run.truncate_metrics(-1)  # nothing to resume from: start over with an empty metrics file
            run.log("no complete checkpoint to resume from; starting from step 0")
        run.save_config(cfg)
        run.log(f"{len(items)} rankings: {len(train_enc)} train, {len(val_enc)} validation, "
                f"{len(skipped_all_tied)} all-tied skipped, {over_long['count']} over-long (truncated); "
                f"{trainable:,}/{total_params:,} parameters trained; {world} process(es) on {device}")
        if over_long["count"]:
            print(f"warning: {over_long['count']} rankings were truncated to --max-length {cfg.max_length} "
                  f"(listed in summary.json)", file=sys.stderr)
    metrics = MetricsWriter(run.metrics_path, total_steps, enabled=main, append=True)

    info_base = {
        "format": EXPORT_FORMAT, "version": 1, "base_model": str(Path(cfg.model).resolve()),
        "adapter": "lora" if cfg.lora else "full", "merged": False, "max_length": cfg.max_length,
        "padding_side": cfg.padding_side, "chat": chat.describe(), "system_prompt": cfg.system_prompt,
        "chat_template": cfg.chat_template, "hidden_size": raw_model.head.in_features,
    }

    def evaluate(step: int) -> dict:
        model.eval()
        mine = list(range(rank, len(eval_enc), world))
        rewards = score_rankings(model, [eval_enc[i] for i in mine], tokenizer.pad_token_id,
                                 cfg.eval_batch_size, device, cfg.padding_side, cfg.packing, row_tokens)
        gathered = gather_object([(i, r) for i, r in zip(mine, rewards)]) if world > 1 else list(zip(mine, rewards))
        by_index = dict(gathered)
        groups = [(by_index[i], eval_enc[i].item.ranks) for i in range(len(eval_enc))]
        flat = torch.tensor([r for rs, _ in groups for r in rs])
        result = {"loss/rm": ranking_loss(flat, [g[1] for g in groups], cfg.margin, cfg.center_coef).item()}
        result.update(ranking_metrics(groups))
        model.train()
        return result

    def export(name: str, step: int, result: dict | None) -> None:
        if main:
            stats = {"mean": result["reward/mean"], "std": result["reward/std"], "step": step,
                     "split": "validation" if val_enc else "train"} if result else None
            export_reward_model(raw_model, tokenizer, run.path / name,
                                {**info_base, "step": step, "metrics": result, "reward_stats": stats})
        accelerator.wait_for_everyone()

    # ---- steps
    model.train()
    bar = tqdm(total=total_steps, initial=start_step, desc="rm", dynamic_ncols=True,
               disable=not (cfg.progress and main and sys.stderr.isatty()))
    throughput = Throughput()
    reset_peak_memory(device)
    last_train, last_eval = {}, best_eval
    if cfg.eval_at_start and start_step == 0:
        metrics.write("eval", 0, **evaluate(0))
    for step in range(start_step, total_steps):
        stats = torch.zeros(8, device=device)  # loss·n, rankings, correct, pairs, Σr, Σr², Σmargin, rows
        plan = micro_batches(step, len(train_enc), steps_per_epoch, cfg, world, rank)
        for a, indices in enumerate(plan):
            batch = [train_enc[i] for i in indices]
            ranks = [e.item.ranks for e in batch]
            # Gradients are all-reduced once per optimizer step, on the last micro-batch.
            sync = a == len(plan) - 1
            with (nullcontext() if sync else accelerator.no_sync(model)):
                rewards, n_tokens = forward_rankings(model, batch, cfg.packing, tokenizer.pad_token_id,
                                                     cfg.padding_side, device, row_tokens)
                loss = ranking_loss(rewards, ranks, cfg.margin, cfg.center_coef)
                accelerator.backward(loss / cfg.gradient_accumulation_steps)
            throughput.add(n_tokens)
            with torch.no_grad():
                r = rewards.detach().float()
                better, worse, _, _ = _pair_indices(ranks)
                diff = r[better] - r[worse]
                stats += torch.stack([loss.detach().float() * len(batch), r.new_tensor(float(len(batch))),
                                      (diff > 0).sum().float(), r.new_tensor(float(len(better))),
                                      r.sum(), (r * r).sum(), diff.sum(), r.new_tensor(float(r.numel()))])
        grad_norm = accelerator.clip_grad_norm_(params, cfg.max_grad_norm) if cfg.max_grad_norm > 0 else None
        lr = scheduler.get_last_lr()[0]
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        done = step + 1
        bar.update(1)

        stats = accelerator.reduce(stats, reduction="sum") if world > 1 else stats
        if world > 1:  # tokens/s of the whole job, not of one process
            throughput.tokens = int(accelerator.reduce(torch.tensor([float(throughput.tokens)], device=device),
                                                        reduction="sum").item())
        if done % cfg.log_every == 0 or done == total_steps:
            mean_r = (stats[4] / stats[7]).item()
            std_r = math.sqrt(max((stats[5] / stats[7]).item() - mean_r ** 2, 0.0))
            last_train = metrics.write(
                "train", done,
                **{"loss/rm": (stats[0] / stats[1]).item(),
                   "reward/accuracy": (stats[2] / stats[3]).item(),
                   "reward/mean": mean_r, "reward/std": std_r,
                   "reward/margin": (stats[6] / stats[3]).item(),
                   "lr": lr, "grad_norm": None if grad_norm is None else float(grad_norm),
                   "epoch": round(done / steps_per_epoch, 4),
                   "perf/tokens_per_s": throughput.rate(), "perf/peak_memory_mb": peak_memory_mb(device)})
            bar.set_postfix(loss=f"{last_train['loss/rm']:.4f}", acc=f"{last_train['reward/accuracy']:.3f}")

        if done % cfg.eval_every == 0 or done == total_steps:
            last_eval = evaluate(done)
            metrics.write("eval", done, **last_eval)
            value = last_eval["loss/rm"] if cfg.best_metric == "eval_loss" else last_eval["reward/accuracy"]
            better = best_value is None or (value < best_value if cfg.best_metric == "eval_loss" else value > best_value)
            if better:
                best_value, best_step, best_eval = value, done, last_eval
                export("best", done, last_eval)
                if main:
                    run.write_json(STATS_FILE, {"mean": last_eval["reward/mean"], "std": last_eval["reward/std"],
                                                "step": done, "split": "validation" if val_enc else "train"})

        if done % cfg.save_every == 0 or done == total_steps:
            ckpt_dir = run.checkpoint_path(done)
            _save_rng(ckpt_dir, rank)
            accelerator.wait_for_everyone()
            if main:
                _save_checkpoint(run, done, raw_model, optimizer, scheduler,
                                 {"step": done, "total_steps": total_steps, "best_value": best_value,
                                  "best_step": best_step, "best_eval": best_eval, "best_metric": cfg.best_metric},
                                 cfg.keep_checkpoints)
            accelerator.wait_for_everyone()
    bar.close()
    metrics.close()

    # ---- final exports and summary
    export("last", total_steps, last_eval)
    if cfg.merge and cfg.lora and main:
        for name in ("best", "last"):
            if (run.path / name).is_dir():
                merge_export(run.path / name, cfg.model)
    accelerator.wait_for_everyone()
    warnings = [w for w in [collapsed_reward_warning(best_eval["reward/std"] if best_eval else None)] if w]
    if main:
        for w in warnings:
            run.log(f"warning: {w}")
            print(f"warning: {w}", file=sys.stderr)
    summary = {
        "status": "completed",
        "warnings": warnings,
        "total_steps": total_steps,
        "resumed_from_step": start_step if ckpt is not None else None,
        "best_step": best_step,
        "best_metric": cfg.best_metric,
        "best_value": best_value,
        "best_eval": best_eval,
        "final_eval": last_eval,
        "final_train": last_train,
        "reward_stats": {"mean": best_eval["reward/mean"], "std": best_eval["reward/std"]} if best_eval else None,
        "counts": {
            "rankings": len(items), "train": len(train_enc), "validation": len(val_enc),
            "pairs_train": sum(len(e.item.pairs) for e in train_enc),
            "skipped_all_tied": len(skipped_all_tied), "skipped_all_tied_items": skipped_all_tied,
            "over_long": over_long,
        },
        "parameters": {"trainable": trainable, "total": total_params},
        "world_size": world, "global_batch_size": global_batch, "steps_per_epoch": steps_per_epoch,
        "device": str(device), "dtype": str(dtype).replace("torch.", ""), "mixed_precision": mixed,
        "runtime_s": round(time.time() - started, 2),
    }
    if main:
        run.write_summary(summary)
        run.log(f"done: best step {best_step} ({cfg.best_metric} = {best_value})")
    accelerator.wait_for_everyone()
    accelerator.end_training()
    return summary


def main(argv: list[str] | None = None) -> int:
    cfg = parse_resumable(RMConfig, argv, prog="medrank-trainer rm",
                          description="Train a reward model on the final-rankings export.")
    summary = train(cfg)
    if int(os.environ.get("RANK", "0")) != 0:
        return 0
    best = summary.get("best_eval") or {}
    print(f"reward model trained: {summary['total_steps']} steps, best step {summary['best_step']}, "
          f"validation pairwise accuracy {best.get('reward/accuracy', float('nan')):.3f} -> {cfg.out}")
    return 0
