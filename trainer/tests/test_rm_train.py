"""End-to-end `rm` runs on the CPU with the tiny model: learning, export/reload, resume, 2 processes, CLI errors."""

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from conftest import FP32, read_jsonl, rm_args, write_jsonl
from medrank_trainer import reward_model
from medrank_trainer.data import read_rankings, split_train_val
from medrank_trainer.score import load_reward_model


def eval_lines(run: Path) -> list[dict]:
    return [m for m in read_jsonl(run / "metrics.jsonl") if m["split"] == "eval"]


@pytest.fixture(scope="module")
def trained_run(tiny_model_dir, tmp_path_factory):
    """One short LoRA run shared by the tests that only read its outputs."""
    from medrank_trainer.tiny import synthetic_rankings

    tmp = tmp_path_factory.mktemp("rm")
    data = write_jsonl(tmp / "rankings.jsonl", synthetic_rankings(80, k=4, seed=1))
    run = tmp / "run"
    assert reward_model.main(rm_args(tiny_model_dir, data, run, **{"max-steps": 16, "eval-every": 8})) == 0
    return run, data


def test_held_out_accuracy_rises_well_above_chance(trained_run):
    run, _ = trained_run
    evals = eval_lines(run)
    assert evals[0]["step"] == 0 and evals[-1]["step"] == 16
    assert evals[0]["reward/accuracy"] < 0.7  # the random head starts near chance
    assert evals[-1]["reward/accuracy"] >= 0.85
    assert evals[-1]["reward/top1_accuracy"] >= 0.6
    assert evals[-1]["loss/rm"] < evals[0]["loss/rm"] - 0.2


def test_run_directory_layout_metrics_and_summary(trained_run):
    run, _ = trained_run
    for name in ("config.json", "metrics.jsonl", "summary.json", "reward_stats.json", "logs/train.log",
                 "best/adapter_model.safetensors", "best/head.safetensors", "best/reward_model.json",
                 "last/adapter_model.safetensors", "last/head.safetensors"):
        assert (run / name).is_file(), name
    lines = read_jsonl(run / "metrics.jsonl")
    for line in lines:
        assert {"step", "total_steps", "split", "time"} <= set(line) and line["total_steps"] == 16
    train = [m for m in lines if m["split"] == "train"]
    assert [m["step"] for m in train] == list(range(1, 17))
    for key in ("loss/rm", "reward/accuracy", "reward/mean", "reward/std", "reward/margin", "lr",
                "perf/tokens_per_s", "perf/peak_memory_mb"):
        assert isinstance(train[-1][key], float), key
    for key in ("reward/top1_accuracy", "reward/kendall_tau"):
        assert key in eval_lines(run)[-1]
    summary = json.loads((run / "summary.json").read_text())
    assert summary["counts"]["rankings"] == 80 and summary["counts"]["validation"] == 8
    assert summary["counts"]["over_long"]["count"] == 0
    assert summary["best_step"] in (8, 16)
    stats = json.loads((run / "reward_stats.json").read_text())
    assert stats["std"] > 0 and stats["step"] == summary["best_step"]


def test_saved_run_reloads_to_identical_scores(trained_run):
    run, data = trained_run
    items = read_rankings(data)
    _, val = split_train_val([it for it in items if it.pairs], 0.1, seed=0)
    scorer = load_reward_model(run, checkpoint="last", device="cpu")
    batch = [(it.messages, r) for it in val for r in it.responses]
    raw = scorer.score(batch, normalize=False, batch_size=5)
    # the run measured these same validation answers at its last evaluation
    last_eval = eval_lines(run)[-1]
    assert raw.mean().item() == pytest.approx(last_eval["reward/mean"], abs=1e-5)
    assert raw.std(unbiased=False).item() == pytest.approx(last_eval["reward/std"], abs=1e-5)
    again = load_reward_model(run, checkpoint="last", device="cpu").score(batch, normalize=False, batch_size=3)
    # Other batch sizes pad to other widths and reduce in another order: equal to float32 rounding
    # (a few ulps through every layer), not bit for bit.
    torch.testing.assert_close(again, raw, **FP32)
    # normalisation with the stored statistics of that export
    normed = scorer.score(batch, normalize=True)
    torch.testing.assert_close(normed, (raw - last_eval["reward/mean"]) / last_eval["reward/std"], atol=1e-4, rtol=0)
    # the scorer exposes what PPO needs
    assert scorer.tokenizer.pad_token_id is not None and scorer.max_length == 160
    ids = scorer.chat.encode_pair(batch[0][0], batch[0][1], scorer.max_length).input_ids
    torch.testing.assert_close(scorer.score_ids(torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.long),
                                                normalize=False), raw[:1], **FP32)


def test_resume_continues_exactly_where_the_run_stopped(tiny_model_dir, rankings_file, tmp_path):
    full = tmp_path / "full"
    reward_model.main(rm_args(tiny_model_dir, rankings_file, full, **{"max-steps": 4, "eval-every": 2}))
    # Simulate an interruption after step 2: keep only what existed then.
    cut = tmp_path / "cut"
    shutil.copytree(full, cut)
    for d in ("checkpoints/step-000004", "last", "summary.json"):
        shutil.rmtree(cut / d) if (cut / d).is_dir() else (cut / d).unlink()
    with open(cut / "metrics.jsonl", "a") as fh:
        fh.write('{"step": 3, "total_steps": 4, "split": "train", "time": 0, "loss/rm": 9.9}\n{"step": 4, "tot')
    assert reward_model.main(["--out", str(cut), "--resume", "--no-progress"]) == 0
    want = [(m["step"], m["split"], m["loss/rm"]) for m in read_jsonl(full / "metrics.jsonl")]
    got = [(m["step"], m["split"], m["loss/rm"]) for m in read_jsonl(cut / "metrics.jsonl")]
    assert [g[:2] for g in got] == [w[:2] for w in want]  # no duplicated or half-written lines
    for (_, _, a), (_, _, b) in zip(got, want):
        assert a == pytest.approx(b, abs=1e-5)
    assert json.loads((cut / "summary.json").read_text())["resumed_from_step"] == 2


def test_refuses_to_overwrite_a_run_without_resume(trained_run, tiny_model_dir):
    from medrank_trainer.data import TrainerInputError

    run, data = trained_run
    with pytest.raises(TrainerInputError, match="already holds a run"):
        reward_model.main(rm_args(tiny_model_dir, data, run))


def test_full_finetuning_saves_the_backbone_and_reloads(tiny_model_dir, rankings_file, tmp_path):
    run = tmp_path / "full-ft"
    reward_model.main(rm_args(tiny_model_dir, rankings_file, run, lora=False,
                              **{"max-steps": 2, "learning-rate": 1e-3, "dropout": 0.1}))
    assert (run / "best/backbone/model.safetensors").is_file()
    scorer = load_reward_model(run, device="cpu")
    assert scorer.score([([{"role": "user", "content": "头痛"}], "休息")]).shape == (1,)


def test_merge_writes_full_weights_that_score_like_the_adapter(tiny_model_dir, rankings_file, tmp_path):
    run = tmp_path / "merged"
    reward_model.main(rm_args(tiny_model_dir, rankings_file, run, merge=True,
                              **{"max-steps": 4, "gradient-checkpointing": True}))
    assert (run / "best/merged/model.safetensors").is_file()
    batch = [([{"role": "user", "content": "胃胀"}], "少食多餐安"), ([{"role": "user", "content": "失眠"}], "放松")]
    merged = load_reward_model(run, device="cpu").score(batch, normalize=False)
    info = json.loads((run / "best/reward_model.json").read_text())
    info["merged"] = False  # force the adapter path on a copy
    adapter_dir = tmp_path / "adapter-copy"
    shutil.copytree(run / "best", adapter_dir, ignore=shutil.ignore_patterns("merged"))
    (adapter_dir / "reward_model.json").write_text(json.dumps(info))
    adapter = load_reward_model(adapter_dir, device="cpu").score(batch, normalize=False)
    torch.testing.assert_close(merged, adapter, atol=1e-4, rtol=1e-4)


def test_gradient_accumulation_matches_one_big_batch(tiny_model_dir, rankings_file, tmp_path):
    steps = {"max-steps": 3, "eval-every": 3, "save-every": 3, "no-eval-at-start": True}
    big, accum = tmp_path / "big", tmp_path / "accum"
    reward_model.main(rm_args(tiny_model_dir, rankings_file, big, **steps))
    reward_model.main(rm_args(tiny_model_dir, rankings_file, accum, **steps,
                              **{"per-device-batch-size": 2, "gradient-accumulation-steps": 2}))
    a = [m["loss/rm"] for m in read_jsonl(big / "metrics.jsonl")]
    b = [m["loss/rm"] for m in read_jsonl(accum / "metrics.jsonl")]
    assert len(a) == 4 and a == pytest.approx(b, abs=1e-5)
    assert len(set(round(x, 4) for x in a[:3])) == 3  # the model really changed between steps


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_process_cpu_run_matches_single_process(tiny_model_dir, rankings_file, tmp_path):
    steps = {"max-steps": 3, "eval-every": 3, "save-every": 3}
    single = tmp_path / "single"
    reward_model.main(rm_args(tiny_model_dir, rankings_file, single, **steps))
    double = tmp_path / "double"
    # Same global batch: 1 × 4 rankings vs 2 processes × 2 rankings.
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", str(_free_port()),
           "-m", "medrank_trainer.cli", "rm",
           *rm_args(tiny_model_dir, rankings_file, double, **steps, **{"per-device-batch-size": 2})]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "CUDA_VISIBLE_DEVICES": ""}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=240, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads((double / "summary.json").read_text())["world_size"] == 2
    a = [(m["step"], m["split"], m["loss/rm"]) for m in read_jsonl(single / "metrics.jsonl")]
    b = [(m["step"], m["split"], m["loss/rm"]) for m in read_jsonl(double / "metrics.jsonl")]
    assert [x[:2] for x in a] == [x[:2] for x in b]
    for (_, _, la), (_, _, lb) in zip(a, b):
        assert la == pytest.approx(lb, abs=1e-5)


def test_over_long_items_are_counted_and_listed(tiny_model_dir, tmp_path):
    from medrank_trainer.tiny import synthetic_rankings

    lines = synthetic_rankings(20, k=3, seed=2)
    lines[0]["messages"][-1]["content"] = "很长的病史" * 40
    lines[1]["responses"][0] = "很长的回答" * 40
    data = write_jsonl(tmp_path / "r.jsonl", lines)
    run = tmp_path / "run"
    reward_model.main(rm_args(tiny_model_dir, data, run, **{"max-steps": 1, "max-length": 128}))
    over = json.loads((run / "summary.json").read_text())["counts"]["over_long"]
    assert over["count"] == 2 and over["prompt_truncated"] >= 1 and over["answer_truncated"] == 1
    assert over["items"] == ["demo-0", "demo-1"]


def test_a_collapsed_reward_model_is_flagged_and_never_normalised(tiny_model_dir, rankings_file, tmp_path,
                                                                   monkeypatch, capsys):
    from medrank_trainer.data import TrainerInputError
    from medrank_trainer.ppo import PPOConfig, reward_model_fn

    # A head that starts at zero and never moves (learning rate 0): every answer gets the same score.
    monkeypatch.setattr(reward_model.nn.init, "normal_", lambda t, **_: torch.nn.init.zeros_(t))
    run = tmp_path / "collapsed"
    reward_model.main(rm_args(tiny_model_dir, rankings_file, run, **{"max-steps": 2, "learning-rate": 0.0}))
    summary = json.loads((run / "summary.json").read_text())
    assert summary["best_eval"]["reward/std"] < reward_model.MIN_REWARD_STD
    assert len(summary["warnings"]) == 1 and "collapsed" in summary["warnings"][0]
    assert "warning: the reward model has collapsed" in (run / "logs/train.log").read_text()
    assert "collapsed" in capsys.readouterr().err
    assert summary["final_eval"]["reward/top1_accuracy"] == 0.0  # ties at the top are misses

    scorer = load_reward_model(run, device="cpu")
    item = read_rankings(rankings_file)[0]
    assert scorer.score([(item.messages, item.responses[0])], normalize=False).shape == (1,)
    with pytest.raises(TrainerInputError, match="collapsed: validation reward std"):
        scorer.score([(item.messages, item.responses[0])], normalize=True)
    cfg = PPOConfig(policy=str(tiny_model_dir), reward_model=str(run), prompts=str(rankings_file),
                    out=str(tmp_path / "ppo"))
    with pytest.raises(TrainerInputError, match="collapsed"):
        reward_model_fn(cfg, torch.device("cpu"))


def test_a_healthy_run_has_no_warnings(trained_run):
    run, _ = trained_run
    assert json.loads((run / "summary.json").read_text())["warnings"] == []
