"""Scoring with a trained reward model: the Python API PPO uses, and `medrank-trainer score`.

    from medrank_trainer.score import load_reward_model
    rm = load_reward_model("runs/rm-1")                    # best/ export by default
    rm.score([(messages, "医生的回答…")])                  # tensor([0.42]) — normalised
    rm.score([(messages, answer)], normalize=False)        # raw head output

Normalisation uses the mean/std of the rewards on the validation rankings,
measured when that export was chosen (stored in its reward_model.json), so a
normalised reward is ~N(0, 1) on the human-ranked data.

CLI input lines are `{"messages": [...], "answer": "…"}` (→ `score`) or
rankings-export lines `{"messages": [...], "responses": [...]}` (→ `scores`, one per answer).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Sequence

import torch

from .data import TrainerInputError, validate_messages
from .modeling import default_dtype, hidden_size_of, load_backbone, load_tokenizer, parse_dtype, resolve_device
from .reward_model import EXPORT_FORMAT, HEAD_FILE, INFO_FILE, RewardModel, collapsed_reward_warning
from .template import ChatFormat, pad_sequences


class RewardScorer:
    """A loaded reward model with its tokenizer, chat format and normalisation statistics."""

    def __init__(self, model: RewardModel, tokenizer, chat: ChatFormat, info: dict, device: torch.device):
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.chat = chat
        self.info = info
        self.device = device
        self.max_length = int(info["max_length"])
        self.padding_side = info.get("padding_side", "right")
        self.stats = info.get("reward_stats")

    def check_normalizable(self) -> None:
        """Raise TrainerInputError when the export's validation std says the RM collapsed."""
        problem = collapsed_reward_warning(float(self.stats["std"])) if self.stats else None
        if problem:
            raise TrainerInputError(f"{self.info.get('export_dir', 'reward model')}: {problem}; "
                                    f"raw scores are still available (normalize=False / score --raw)")

    def normalize(self, rewards: torch.Tensor) -> torch.Tensor:
        if not self.stats:
            return rewards
        self.check_normalizable()
        return (rewards - self.stats["mean"]) / float(self.stats["std"])

    @torch.no_grad()
    def score_ids(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, normalize: bool = True) -> torch.Tensor:
        """Rewards for tokenized (prompt + answer) rows in THIS model's tokenizer; any padding side."""
        rewards = self.model(input_ids.to(self.device), attention_mask.to(self.device)).float().cpu()
        return self.normalize(rewards) if normalize else rewards

    @torch.no_grad()
    def score(self, batch: Sequence[tuple[list[dict], str]], normalize: bool = True, batch_size: int = 16) -> torch.Tensor:
        """Rewards (float32, CPU, shape [N]) for (messages, answer) pairs; messages end with the patient's turn."""
        out = []
        for i in range(0, len(batch), batch_size):
            rows = [self.chat.encode_pair(m, a, self.max_length).input_ids for m, a in batch[i:i + batch_size]]
            ids, mask = pad_sequences(rows, self.tokenizer.pad_token_id, side=self.padding_side, device=self.device)
            out.append(self.score_ids(ids, mask, normalize=normalize))
        return torch.cat(out) if out else torch.zeros(0)


def resolve_export(run_dir: str | Path, checkpoint: str = "best") -> Path:
    """A run directory (→ its `best/` or `last/`) or an export directory itself."""
    p = Path(run_dir)
    if (p / INFO_FILE).is_file():
        return p
    if (p / checkpoint / INFO_FILE).is_file():
        return p / checkpoint
    if not p.exists():
        raise TrainerInputError(f"reward model run directory not found: {p}")
    raise TrainerInputError(f"{p} holds no reward model export ({checkpoint}/{INFO_FILE} is missing)")


def load_reward_model(run_dir: str | Path, device=None, dtype=None, checkpoint: str = "best",
                      base_model: str | Path | None = None) -> RewardScorer:
    """Load an RM export for scoring. `base_model` overrides the base-model path stored at training time."""
    from safetensors.torch import load_file

    export = resolve_export(run_dir, checkpoint)
    info = json.loads((export / INFO_FILE).read_text(encoding="utf-8"))
    info["export_dir"] = str(export)
    if info.get("format") != EXPORT_FORMAT:
        raise TrainerInputError(f"{export}/{INFO_FILE} is not a MedRank reward model export")
    dev = resolve_device(device)
    dtype = parse_dtype(dtype) or default_dtype(dev)
    if info.get("merged") and (export / "merged").is_dir():
        backbone = load_backbone(export / "merged", dtype=dtype, device=dev)
    elif info["adapter"] == "lora":
        from peft import PeftModel

        backbone = load_backbone(base_model or info["base_model"], dtype=dtype, device=dev)
        backbone = PeftModel.from_pretrained(backbone, str(export))
    else:
        backbone = load_backbone(export / "backbone", dtype=dtype, device=dev)
    model = RewardModel(backbone, hidden_size_of(backbone.config))
    model.head.load_state_dict(load_file(str(export / HEAD_FILE)))
    model.to(dev)
    tokenizer = load_tokenizer(export, padding_side=info.get("padding_side", "right"), require_config=False)
    chat = ChatFormat(tokenizer, system_prompt=info.get("system_prompt") or None,
                      use_tokenizer_template=None if info.get("chat_template", "auto") == "auto" else False)
    return RewardScorer(model, tokenizer, chat, info, dev)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="medrank-trainer score",
                                     description="Score (messages, answer) pairs with a trained reward model.")
    parser.add_argument("--run", required=True, help="RM run directory (or one of its exports)")
    parser.add_argument("--checkpoint", default="best", choices=["best", "last"], help="which export of the run")
    parser.add_argument("--input", required=True, help="JSONL: {messages, answer} or {messages, responses}")
    parser.add_argument("--output", required=True, help="JSONL written with the scores, one line per input line")
    parser.add_argument("--raw", action="store_true", help="raw head output (no normalisation)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--device", default=None, help="cpu, cuda, cuda:1 … (default: cuda if present)")
    parser.add_argument("--dtype", default=None, help="bf16, fp32 … (default: bf16 on CUDA, fp32 on CPU)")
    parser.add_argument("--base-model", default=None, help="base model directory, if it moved since training")
    args = parser.parse_args(argv)

    rows = []  # (line object, [answers])
    in_path = Path(args.input)
    if not in_path.is_file():
        raise TrainerInputError(f"{in_path}: file not found")
    with in_path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{in_path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TrainerInputError(f"{where}: not valid JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise TrainerInputError(f"{where}: expected a JSON object")
            messages = validate_messages(obj.get("messages"), where)
            if isinstance(obj.get("answer"), str):
                answers = [obj["answer"]]
            elif isinstance(obj.get("responses"), list) and all(isinstance(r, str) for r in obj["responses"]):
                answers = obj["responses"]
            else:
                raise TrainerInputError(f"{where}: field 'answer' (string) or 'responses' (list of strings) is required")
            rows.append((obj, messages, answers))
    if not rows:
        raise TrainerInputError(f"{in_path}: the file is empty")

    scorer = load_reward_model(args.run, device=args.device, dtype=args.dtype, checkpoint=args.checkpoint,
                               base_model=args.base_model)
    pairs = [(m, a) for _, m, answers in rows for a in answers]
    scores = scorer.score(pairs, normalize=not args.raw, batch_size=args.batch_size).tolist()
    with Path(args.output).open("w", encoding="utf-8") as out:
        for obj, _, answers in rows:
            mine, scores = scores[:len(answers)], scores[len(answers):]
            record = {k: obj[k] for k in ("id", "item_id") if k in obj}
            if "answer" in obj:
                record["score"] = mine[0]
            else:
                record["scores"] = mine
            record["normalized"] = bool(scorer.stats) and not args.raw
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"scored {len(pairs)} answers -> {args.output}")
    return 0
