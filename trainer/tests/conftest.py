"""Shared fixtures: a tiny random LLaMA-style model built from a config, and rankings written per test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

# Tiny models gain nothing from intra-op threads; on a shared CPU, threads waiting on each
# other make each step many times slower.
torch.set_num_threads(1)

#: Tolerance for float32 results that went through a model by different routes (batch size,
#: padding, packing): the order of float32 sums differs, so results agree to rounding, scaled by
#: the magnitude (rtol ≈ 100 ulps of float32) with a floor for values near 0 — not bit for bit.
FP32 = {"rtol": 1e-5, "atol": 1e-5}


def write_jsonl(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write((row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    from medrank_trainer.tiny import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model", seed=0)


@pytest.fixture(scope="session")
def tokenizer(tiny_model_dir):
    from medrank_trainer.modeling import load_tokenizer

    return load_tokenizer(tiny_model_dir)


@pytest.fixture()
def rankings_file(tmp_path) -> Path:
    from medrank_trainer.tiny import synthetic_rankings

    return write_jsonl(tmp_path / "rankings.jsonl", synthetic_rankings(80, k=4, seed=1))


def ranking_line(**overrides) -> dict:
    line = {
        "id": "item-1",
        "messages": [{"role": "user", "content": "我头痛三天了"}, {"role": "assistant", "content": "发烧吗？"},
                     {"role": "user", "content": "没有发烧"}],
        "responses": ["建议休息，多喝水。", "吃点止痛药。", "不用管。", "去医院看看。"],
        "ranks": [1, 2, 3, 4],
        "meta": {"department": "神经内科"},
    }
    line.update(overrides)
    return line


def rm_args(model_dir, data, out, **extra) -> list[str]:
    """Command-line flags for a short, deterministic CPU run of `rm`."""
    opts = {"max-steps": 6, "per-device-batch-size": 4, "learning-rate": 3e-3, "eval-every": 3,
            "save-every": 2, "max-length": 160, "lora-dropout": 0.0, "lora-r": 8, "keep-checkpoints": 0}
    opts.update(extra)
    args = ["--model", str(model_dir), "--data", str(data), "--out", str(out), "--no-progress"]
    for key, value in opts.items():
        if key.startswith("no-"):
            args.append(f"--{key}")
        elif value is True:
            args.append(f"--{key}")
        elif value is False:
            args.append(f"--no-{key}")
        else:
            args += [f"--{key}", str(value)]
    return args
