"""Metrics: the JSONL writer the app tails, ranking metrics against the human order, memory and speed.

Every metrics line carries `step`, `total_steps`, `split` ("train" | "eval") and
`time` (unix seconds), so the app can draw live charts and an ETA without
knowing which subcommand wrote it.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Iterable, Sequence

import torch


class MetricsWriter:
    """Append one JSON object per line; flushed after every write. Only the main process should enable it."""

    def __init__(self, path: str | Path, total_steps: int, enabled: bool = True, append: bool = True):
        self.path = Path(path)
        self.total_steps = int(total_steps)
        self.enabled = enabled
        self._fh = self.path.open("a" if append else "w", encoding="utf-8") if enabled else None

    def write(self, split: str, step: int, **values) -> dict:
        if split not in ("train", "eval"):
            raise ValueError("split must be 'train' or 'eval'")
        record = {"step": int(step), "total_steps": self.total_steps, "split": split, "time": round(time.time(), 3)}
        for key, value in values.items():
            if isinstance(value, torch.Tensor):
                value = value.item()
            if isinstance(value, float) and not math.isfinite(value):
                value = None  # JSON has no NaN; the app reads null as a gap
            record[key] = value
        if self._fh is not None:
            self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._fh.flush()
        return record

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# ------------------------------------------------------------------ ranking metrics
# `rewards`: model scores for the K answers of one ranking; `ranks`: the human
# ranks (1 = best, equal = tie). Tied answers are never counted as a pair.

def _pairs(ranks: Sequence[int]):
    k = len(ranks)
    for i in range(k):
        for j in range(i + 1, k):
            if ranks[i] != ranks[j]:
                yield (i, j) if ranks[i] < ranks[j] else (j, i)


def pairwise_accuracy(rewards: Sequence[float], ranks: Sequence[int]) -> float | None:
    """Share of (better, worse) human pairs the model scores strictly in the same order; None if all tied."""
    pairs = list(_pairs(ranks))
    if not pairs:
        return None
    return sum(rewards[b] > rewards[w] for b, w in pairs) / len(pairs)


def top1_accuracy(rewards: Sequence[float], ranks: Sequence[int]) -> float:
    """1.0 when the model's single highest-scored answer is one the humans ranked best, else 0.0.

    A tie for the model's top score counts as a miss: the model did not pick an answer, and
    resolving the tie by position would credit a constant (collapsed) model, since exports
    list the best answer first.
    """
    top = max(rewards)
    leaders = [i for i, r in enumerate(rewards) if r == top]
    return float(len(leaders) == 1 and ranks[leaders[0]] == min(ranks))


def kendall_tau(rewards: Sequence[float], ranks: Sequence[int]) -> float | None:
    """Kendall's tau-b between model scores and the human order (ties on either side allowed)."""
    n = len(rewards)
    conc = disc = ties_r = ties_h = 0
    for i in range(n):
        for j in range(i + 1, n):
            dr = (rewards[i] > rewards[j]) - (rewards[i] < rewards[j])
            dh = (ranks[j] > ranks[i]) - (ranks[j] < ranks[i])  # lower rank = better
            if dr == 0 and dh == 0:
                continue
            if dr == 0:
                ties_r += 1
            elif dh == 0:
                ties_h += 1
            elif dr == dh:
                conc += 1
            else:
                disc += 1
    denom = math.sqrt((conc + disc + ties_r) * (conc + disc + ties_h))
    return None if denom == 0 else (conc - disc) / denom


def ranking_metrics(groups: Iterable[tuple[Sequence[float], Sequence[int]]]) -> dict:
    """Aggregate over rankings: pairwise accuracy is pooled over all pairs; top-1 and tau are per-ranking means.

    `reward/margin` is the mean score gap r(better) - r(worse) over all human pairs.
    """
    n_pairs = n_correct = 0
    margin_sum = 0.0
    top1, taus, all_rewards = [], [], []
    for rewards, ranks in groups:
        rewards = [float(r) for r in rewards]
        all_rewards.extend(rewards)
        for b, w in _pairs(ranks):
            n_pairs += 1
            n_correct += rewards[b] > rewards[w]
            margin_sum += rewards[b] - rewards[w]
        top1.append(top1_accuracy(rewards, ranks))
        tau = kendall_tau(rewards, ranks)
        if tau is not None:
            taus.append(tau)
    n = len(all_rewards)
    mean = sum(all_rewards) / n if n else float("nan")
    std = math.sqrt(sum((r - mean) ** 2 for r in all_rewards) / n) if n else float("nan")
    return {
        "reward/accuracy": n_correct / n_pairs if n_pairs else float("nan"),
        "reward/top1_accuracy": sum(top1) / len(top1) if top1 else float("nan"),
        "reward/kendall_tau": sum(taus) / len(taus) if taus else float("nan"),
        "reward/mean": mean,
        "reward/std": std,
        "reward/margin": margin_sum / n_pairs if n_pairs else float("nan"),
    }


# ------------------------------------------------------------------ memory and speed

def reset_peak_memory(device: str | torch.device | None = None) -> None:
    dev = torch.device(device) if device is not None else None
    if dev is not None and dev.type == "cuda":
        torch.cuda.reset_peak_memory_stats(dev)


def peak_memory_mb(device: str | torch.device | None = None) -> float:
    """CUDA: max memory allocated since the last reset. CPU: the process's peak resident set size."""
    dev = torch.device(device) if device is not None else None
    if dev is not None and dev.type == "cuda":
        return torch.cuda.max_memory_allocated(dev) / 2**20
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    except ImportError:  # pragma: no cover - non-POSIX
        import psutil

        return psutil.Process().memory_info().rss / 2**20


class Throughput:
    """Tokens per second between successive `rate()` calls."""

    def __init__(self):
        self.tokens = 0
        self._since = time.perf_counter()

    def add(self, tokens: int) -> None:
        self.tokens += int(tokens)

    def rate(self) -> float:
        now = time.perf_counter()
        elapsed = max(now - self._since, 1e-9)
        value = self.tokens / elapsed
        self.tokens, self._since = 0, now
        return value
