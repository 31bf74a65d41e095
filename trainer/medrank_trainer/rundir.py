"""The run directory: what a run leaves behind, and where `--resume` picks up.

    <run>/config.json        resolved config of the run
    <run>/metrics.jsonl      one JSON object per line, flushed on every write (the app tails it)
    <run>/summary.json       final metrics, best step, counts (written at the end)
    <run>/checkpoints/step-000100/   full training state for resume (kept: the last few)
    <run>/best/, <run>/last/ exported models (e.g. adapter + head for the RM)
    <run>/logs/train.log     human-readable log lines
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

from .config import save_config

COMPLETE_MARKER = "COMPLETE"
_STEP_DIR = re.compile(r"^step-(\d+)$")


class RunDir:
    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        if create:
            self.path.mkdir(parents=True, exist_ok=True)
            self.checkpoints_path.mkdir(exist_ok=True)
            self.logs_path.mkdir(exist_ok=True)

    config_path = property(lambda self: self.path / "config.json")
    metrics_path = property(lambda self: self.path / "metrics.jsonl")
    summary_path = property(lambda self: self.path / "summary.json")
    checkpoints_path = property(lambda self: self.path / "checkpoints")
    logs_path = property(lambda self: self.path / "logs")

    def save_config(self, cfg) -> None:
        save_config(cfg, self.config_path)

    def load_config_dict(self) -> dict:
        return json.loads(self.config_path.read_text(encoding="utf-8"))

    def write_json(self, name: str, obj) -> Path:
        target = self.path / name
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(target)  # atomic: a reader never sees half a file
        return target

    def write_summary(self, summary: dict) -> Path:
        return self.write_json("summary.json", summary)

    def checkpoint_path(self, step: int) -> Path:
        return self.checkpoints_path / f"step-{step:06d}"

    def mark_complete(self, ckpt_dir: Path) -> None:
        """Written last, so a checkpoint interrupted mid-save is never resumed from."""
        (Path(ckpt_dir) / COMPLETE_MARKER).write_text(str(time.time()))

    def checkpoints(self) -> list[tuple[int, Path]]:
        out = []
        if self.checkpoints_path.is_dir():
            for d in self.checkpoints_path.iterdir():
                m = _STEP_DIR.match(d.name)
                if m and (d / COMPLETE_MARKER).is_file():
                    out.append((int(m.group(1)), d))
        return sorted(out)

    def latest_checkpoint(self) -> Path | None:
        ckpts = self.checkpoints()
        return ckpts[-1][1] if ckpts else None

    def prune_checkpoints(self, keep: int) -> None:
        if keep <= 0:
            return
        for _, d in self.checkpoints()[:-keep]:
            shutil.rmtree(d, ignore_errors=True)

    def truncate_metrics(self, after_step: int) -> None:
        """Drop metric lines written after `after_step` (a resumed run writes them again)."""
        if not self.metrics_path.is_file():
            return
        kept = []
        for line in self.metrics_path.read_text(encoding="utf-8").splitlines():
            try:
                if json.loads(line).get("step", 0) <= after_step:
                    kept.append(line)
            except json.JSONDecodeError:
                continue  # a line cut by the interruption
        self.metrics_path.write_text("".join(line + "\n" for line in kept), encoding="utf-8")

    def log(self, message: str) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        with (self.logs_path / "train.log").open("a", encoding="utf-8") as fh:
            fh.write(f"{stamp} {message}\n")
