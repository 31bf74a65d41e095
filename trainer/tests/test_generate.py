"""`medrank-trainer generate`: one answer per evaluation prompt, decoding pinned and recorded,
and the agent's GENERATE flow (download prompts → generate → post answers → complete)."""

import hashlib
import json
import sys

import pytest

from medrank_trainer import cli, generate_answers
from medrank_trainer.agent import AgentConfig, RunPaths, trainer_command, trainer_config
from medrank_trainer.tiny import build_tiny_model

from test_agent import FakeApp, agent_for, make_run, run_agent

PROMPTS = [
    {"prompt_id": "p1", "messages": [{"role": "user", "content": "我头疼三天了"}]},
    {"prompt_id": "p2", "messages": [{"role": "user", "content": "孩子发烧"}, {"role": "assistant", "content": "多少度？"},
                                     {"role": "user", "content": "38度5"}]},
    {"prompt_id": "p3", "messages": [{"role": "user", "content": "失眠怎么办"}]},
]


@pytest.fixture(scope="module")
def tiny_policy(tmp_path_factory):
    return build_tiny_model(tmp_path_factory.mktemp("generate") / "tiny-sft")


@pytest.fixture()
def prompts_file(tmp_path):
    path = tmp_path / "prompts.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in PROMPTS), encoding="utf-8")
    return path


def _generate(policy, prompts, out, *extra):
    argv = ["--policy", str(policy), "--prompts", str(prompts), "--out", str(out), "--max-new-tokens", "8", *extra]
    assert generate_answers.main(argv) == 0
    rows = [json.loads(line) for line in (out / "answers.jsonl").read_text(encoding="utf-8").splitlines()]
    return rows, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_one_answer_per_prompt_in_order_with_the_decoding_recorded(tiny_policy, prompts_file, tmp_path):
    rows, summary = _generate(tiny_policy, prompts_file, tmp_path / "a", "--batch-size", "2")
    assert [r["prompt_id"] for r in rows] == ["p1", "p2", "p3"]
    assert all(isinstance(r["answer"], str) and 0 < r["tokens"] <= 8 for r in rows)
    assert summary["prompts"] == 3
    assert summary["decoding"] == {"greedy": True, "temperature": 0.0, "top_p": None, "seed": 0,
                                   "max_new_tokens": 8, "max_prompt_tokens": 1024}
    assert summary["model"]["policy"].endswith("tiny-sft") and summary["model"]["adapter"] is None


def test_greedy_answers_do_not_depend_on_seed_or_batching(tiny_policy, prompts_file, tmp_path):
    one, _ = _generate(tiny_policy, prompts_file, tmp_path / "a", "--batch-size", "1", "--seed", "1")
    three, _ = _generate(tiny_policy, prompts_file, tmp_path / "b", "--batch-size", "3", "--seed", "2")
    assert [r["answer"] for r in one] == [r["answer"] for r in three]


def test_sampling_is_pinned_by_its_seed(tiny_policy, prompts_file, tmp_path):
    opts = ("--temperature", "1.0", "--top-p", "0.95", "--batch-size", "3")
    a, summary = _generate(tiny_policy, prompts_file, tmp_path / "a", *opts, "--seed", "7")
    b, _ = _generate(tiny_policy, prompts_file, tmp_path / "b", *opts, "--seed", "7")
    c, _ = _generate(tiny_policy, prompts_file, tmp_path / "c", *opts, "--seed", "8")
    assert [r["answer"] for r in a] == [r["answer"] for r in b]
    assert [r["answer"] for r in a] != [r["answer"] for r in c]
    assert summary["decoding"]["greedy"] is False and summary["decoding"]["top_p"] == 0.95


def test_bad_prompts_are_refused_before_the_model_loads(tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"messages": [{"role": "user", "content": "x"}]}) + "\n", encoding="utf-8")
    assert cli.main(["generate", "--policy", str(tmp_path / "no-model"), "--prompts", str(path), "--out", str(tmp_path / "o")]) == 2
    assert "record 1: field 'prompt_id' is required" in capsys.readouterr().err
    path.write_text("".join(json.dumps({"prompt_id": "a", "messages": [{"role": "user", "content": "x"}]}) + "\n" for _ in range(2)))
    assert cli.main(["generate", "--policy", str(tmp_path / "no-model"), "--prompts", str(path), "--out", str(tmp_path / "o")]) == 2
    assert "prompt_id 'a' appears twice" in capsys.readouterr().err


def test_agent_command_and_config_for_a_generate_run(tmp_path):
    cfg = AgentConfig(url="http://x", token="t", workdir=tmp_path, python="/venv/bin/python", gpus=4)
    paths = RunPaths(tmp_path / "runs" / "g1")
    run = make_run(kind="GENERATE", config={"evalSystemId": "s1", "decoding": {"temperature": 0, "max_new_tokens": 64}},
                   parent={"id": "ppo1", "kind": "PPO", "outputDir": "/runs/ppo1/out"})
    argv = trainer_command(run, paths, cfg)
    assert argv[:4] == ["/venv/bin/python", "-m", "medrank_trainer.cli", "generate"]  # one process, even with 4 GPUs
    assert argv[argv.index("--adapter") + 1] == "/runs/ppo1/out" and argv[argv.index("--out") + 1] == str(paths.out)
    assert trainer_config(run) == {"temperature": 0, "max_new_tokens": 64}  # the decoding, as the trainer's flags
    assert "--adapter" not in trainer_command(make_run(kind="GENERATE", config={}), paths, cfg)


class GenerateApp(FakeApp):
    """The fake app plus the answers route of GENERATE runs."""

    def __init__(self, run):
        super().__init__(run)
        self.answer_posts: list[dict] = []

    def handle(self, path, body):
        if path.endswith("/answers") and self.final is None:
            self.answer_posts.append(body)
            return 200, {"accepted": len(body["answers"]), "duplicates": 0, "ready": False}
        return super().handle(path, body)


GENERATOR = r'''
import json, pathlib, argparse
p = argparse.ArgumentParser(); p.add_argument("--out"); p.add_argument("--config"); p.add_argument("--prompts")
a = p.parse_args()
out = pathlib.Path(a.out); out.mkdir(parents=True, exist_ok=True)
cfg = json.loads(pathlib.Path(a.config).read_text())
ids = [json.loads(l)["prompt_id"] for l in pathlib.Path(a.prompts).read_text().splitlines() if l.strip()]
with (out / "answers.jsonl").open("w") as fh:
    for pid in ids:
        fh.write(json.dumps({"prompt_id": pid, "answer": "answer to " + pid, "ended": True, "tokens": 3}) + "\n")
(out / "summary.json").write_text(json.dumps({"prompts": len(ids), "decoding": {"greedy": True, **cfg}, "model": {"policy": "/m"}}))
'''


def test_agent_posts_a_generate_runs_answers_in_batches_then_completes(tmp_path, monkeypatch):
    script = tmp_path / "generator.py"
    script.write_text(GENERATOR)
    prompts = "".join(json.dumps({"prompt_id": f"p{i}", "messages": [{"role": "user", "content": "x"}]}) + "\n" for i in range(450))
    monkeypatch.setattr("test_agent.INPUT", prompts.encode())

    def build(run, paths, cfg):
        return [sys.executable, str(script), "--out", str(paths.out), "--config", str(paths.config), "--prompts", str(paths.input)]

    run = make_run(kind="GENERATE", config={"evalSystemId": "s1", "decoding": {"temperature": 0, "seed": 3}},
                   inputHash=hashlib.sha256(prompts.encode()).hexdigest())
    with GenerateApp(run) as app:
        rc = run_agent(agent_for(app, tmp_path, build), app)
    assert rc == 0 and app.final["how"] == "complete"
    posts = app.answer_posts
    assert [len(b["answers"]) for b in posts] == [200, 200, 50]
    assert posts[0]["answers"][0] == {"prompt_id": "p0", "answer": "answer to p0"}
    assert posts[0]["decoding"] == {"greedy": True, "temperature": 0, "seed": 3} and posts[0]["attempt"] == 1
    assert app.final["summary"]["prompts"] == 450
