"""Reading the app's exports: final rankings (RM input) and prompts (PPO / sampling input).

Every check names the line and the field, because these files come from an
export that an admin downloads and may have edited by hand.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence, TypeVar

MIN_K = 2
MAX_K = 8
ROLES = ("system", "user", "assistant")


class TrainerInputError(ValueError):
    """A problem with what the user gave the trainer (file, model directory, config).

    The CLI prints the message and exits non-zero without a traceback.
    """


@dataclass
class RankingItem:
    """One final ranking: the dialogue up to the patient's message and K answers, best first."""

    id: str
    messages: list[dict]
    responses: list[str]
    ranks: list[int]
    meta: dict = field(default_factory=dict)

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """(better, worse) answer indices; tied answers form no pair."""
        k = len(self.responses)
        return [
            (i, j) if self.ranks[i] < self.ranks[j] else (j, i)
            for i in range(k)
            for j in range(i + 1, k)
            if self.ranks[i] != self.ranks[j]
        ]


@dataclass
class PromptItem:
    """A dialogue that ends with the patient's turn, waiting for a doctor's answer."""

    id: str
    messages: list[dict]
    meta: dict = field(default_factory=dict)
    #: the whole input line, for fields a consumer may need (item_id, dialogue_id, turn)
    line: dict = field(default_factory=dict, repr=False)


def _iter_json_lines(path: str | Path) -> Iterator[tuple[int, dict]]:
    path = Path(path)
    if not path.is_file():
        raise TrainerInputError(f"{path}: file not found")
    seen = False
    with path.open("r", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            seen = True
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TrainerInputError(f"{path}:{lineno}: not valid JSON ({exc.msg} at column {exc.colno})") from None
            if not isinstance(obj, dict):
                raise TrainerInputError(f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}")
            yield lineno, obj
    if not seen:
        raise TrainerInputError(f"{path}: the file is empty (expected one JSON object per line)")


def validate_messages(messages, where: str) -> list[dict]:
    """Check chat messages: a non-empty list of {role, content}, ending with the user (patient) turn."""
    if not isinstance(messages, list) or not messages:
        raise TrainerInputError(f"{where}: field 'messages' must be a non-empty list")
    out = []
    for i, m in enumerate(messages):
        if not isinstance(m, dict):
            raise TrainerInputError(f"{where}: field 'messages[{i}]' must be an object with 'role' and 'content'")
        role, content = m.get("role"), m.get("content")
        if role not in ROLES:
            raise TrainerInputError(f"{where}: field 'messages[{i}].role' must be one of {list(ROLES)}, got {role!r}")
        if not isinstance(content, str):
            raise TrainerInputError(f"{where}: field 'messages[{i}].content' must be a string")
        if role == "system" and i != 0:
            raise TrainerInputError(f"{where}: field 'messages[{i}].role': 'system' is only allowed first")
        out.append({"role": role, "content": content})
    if out[-1]["role"] != "user":
        raise TrainerInputError(f"{where}: field 'messages' must end with the patient's ('user') turn")
    return out


def _item_id(obj: dict, lineno: int, where: str) -> str:
    raw = obj.get("id", obj.get("item_id"))
    if raw is None:
        return f"line-{lineno}"
    if not isinstance(raw, (str, int)):
        raise TrainerInputError(f"{where}: field 'id' must be a string")
    return str(raw)


def parse_ranking(obj: dict, where: str, lineno: int = 0) -> RankingItem:
    """Validate one rankings-export object."""
    item_id = _item_id(obj, lineno, where)
    messages = validate_messages(obj.get("messages"), where)
    responses = obj.get("responses")
    if not isinstance(responses, list) or not all(isinstance(r, str) for r in responses):
        raise TrainerInputError(f"{where}: field 'responses' must be a list of strings")
    k = len(responses)
    if k < MIN_K:
        raise TrainerInputError(f"{where}: field 'responses' has K={k} answers; a ranking needs K >= {MIN_K}")
    if k > MAX_K:
        raise TrainerInputError(f"{where}: field 'responses' has K={k} answers; at most {MAX_K} are supported")
    if any(not r.strip() for r in responses):
        raise TrainerInputError(f"{where}: field 'responses' contains an empty answer")
    if len(set(responses)) != k:
        dup = next(r for r in responses if responses.count(r) > 1)
        raise TrainerInputError(f"{where}: field 'responses' contains a duplicate answer: {dup[:40]!r}")
    ranks = obj.get("ranks")
    if ranks is None:
        ranks = list(range(1, k + 1))  # responses are best-first
    if not isinstance(ranks, list) or not all(isinstance(r, int) and not isinstance(r, bool) for r in ranks):
        raise TrainerInputError(f"{where}: field 'ranks' must be a list of integers")
    if len(ranks) != k:
        raise TrainerInputError(f"{where}: field 'ranks' has {len(ranks)} entries but 'responses' has {k}")
    if any(r < 1 for r in ranks):
        raise TrainerInputError(f"{where}: field 'ranks' must hold ranks >= 1 (1 = best)")
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise TrainerInputError(f"{where}: field 'meta' must be an object")
    return RankingItem(id=item_id, messages=messages, responses=list(responses), ranks=list(ranks), meta=meta)


def read_rankings(path: str | Path) -> list[RankingItem]:
    """Read the final-rankings export (JSONL, one item per line)."""
    items = []
    seen_ids: dict[str, int] = {}
    for lineno, obj in _iter_json_lines(path):
        where = f"{path}:{lineno}"
        item = parse_ranking(obj, where, lineno)
        if item.id in seen_ids:
            raise TrainerInputError(f"{where}: field 'id': {item.id!r} already used on line {seen_ids[item.id]}")
        seen_ids[item.id] = lineno
        items.append(item)
    return items


def read_prompts(path: str | Path) -> list[PromptItem]:
    """Read prompts: `{"id"?, "messages": [...]}` per line, or a rankings export (messages only)."""
    items = []
    for lineno, obj in _iter_json_lines(path):
        where = f"{path}:{lineno}"
        item_id = _item_id(obj, lineno, where)
        messages = validate_messages(obj.get("messages"), where)
        meta = obj.get("meta") or {}
        if not isinstance(meta, dict):
            raise TrainerInputError(f"{where}: field 'meta' must be an object")
        items.append(PromptItem(id=item_id, messages=messages, meta=meta, line=obj))
    return items


T = TypeVar("T")


def split_train_val(items: Sequence[T], val_fraction: float = 0.1, seed: int = 0) -> tuple[list[T], list[T]]:
    """Deterministic split: order items by a hash of (seed, id), the first ceil(fraction*n) are validation.

    Hashing the id (not the position) keeps an item on the same side when the
    export grows or is reordered. At least one item is held out when n >= 2 and
    fraction > 0.
    """
    if not 0.0 <= val_fraction < 1.0:
        raise TrainerInputError(f"val_fraction must be in [0, 1), got {val_fraction}")
    n = len(items)
    n_val = 0 if val_fraction == 0 or n < 2 else max(1, math.ceil(val_fraction * n))

    def key(pair):
        idx, item = pair
        ident = getattr(item, "id", str(idx))
        return hashlib.sha256(f"{seed}:{ident}".encode("utf-8")).hexdigest()

    order = sorted(enumerate(items), key=key)
    val_idx = {idx for idx, _ in order[:n_val]}
    train = [it for i, it in enumerate(items) if i not in val_idx]
    val = [it for i, it in enumerate(items) if i in val_idx]
    return train, val
