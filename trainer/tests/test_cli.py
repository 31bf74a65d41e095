"""The console command: dispatch, input errors as one line + exit 2, and `score` on files."""

import subprocess
import sys

import pytest

from conftest import ranking_line, read_jsonl, rm_args, write_jsonl
from medrank_trainer import cli


def run_cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "medrank_trainer.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_help_and_unknown_command(capsys):
    assert cli.main(["--help"]) == 0
    assert "rm" in capsys.readouterr().out
    assert cli.main(["train-everything"]) == 2
    assert "unknown command" in capsys.readouterr().err


@pytest.mark.parametrize("make_data, make_model, message", [
    (lambda p: write_jsonl(p / "r.jsonl", [ranking_line()]), lambda p, m: p / "no-such-model",
     "model directory not found"),
    (lambda p: write_jsonl(p / "r.jsonl", [ranking_line(ranks=[1, 2])]), lambda p, m: m,
     "r.jsonl:1: field 'ranks' has 2 entries but 'responses' has 4"),
    (lambda p: write_jsonl(p / "r.jsonl", [ranking_line(responses=["一样", "一样"], ranks=[1, 2])]),
     lambda p, m: m, "r.jsonl:1: field 'responses' contains a duplicate answer"),
    (lambda p: write_jsonl(p / "r.jsonl", []), lambda p, m: m, "the file is empty"),
    (lambda p: write_jsonl(p / "r.jsonl", [ranking_line(responses=["一"], ranks=[1])]), lambda p, m: m,
     "r.jsonl:1: field 'responses' has K=1"),
])
def test_rm_input_errors_print_one_line_and_exit_2(tmp_path, tiny_model_dir, make_data, make_model, message, capsys):
    data = make_data(tmp_path)
    assert cli.main(["rm", *rm_args(make_model(tmp_path, tiny_model_dir), data, tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_console_command_exits_2_without_traceback(tmp_path, rankings_file):
    proc = run_cli("rm", *rm_args(tmp_path / "no-such-model", rankings_file, tmp_path / "run"))
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith(f"model directory not found: {tmp_path / 'no-such-model'}")
    assert "Traceback" not in proc.stderr


def test_not_a_model_directory(tmp_path, rankings_file, capsys):
    (tmp_path / "empty-dir").mkdir()
    assert cli.main(["rm", *rm_args(tmp_path / "empty-dir", rankings_file, tmp_path / "run")]) == 2
    assert "config.json is missing" in capsys.readouterr().err


def test_score_cli_writes_one_line_per_input(tmp_path, tiny_model_dir, rankings_file, capsys):
    run = tmp_path / "run"
    assert cli.main(["rm", *rm_args(tiny_model_dir, rankings_file, run, **{"max-steps": 2})]) == 0
    inp = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "messages": [{"role": "user", "content": "头痛"}], "answer": "建议休息安"},
        ranking_line(id="b", responses=["好", "差", "中"], ranks=[1, 3, 2]),
    ])
    out = tmp_path / "out.jsonl"
    assert cli.main(["score", "--run", str(run), "--input", str(inp), "--output", str(out), "--device", "cpu"]) == 0
    rows = read_jsonl(out)
    assert rows[0]["id"] == "a" and isinstance(rows[0]["score"], float) and rows[0]["normalized"]
    assert rows[1]["id"] == "b" and len(rows[1]["scores"]) == 3
    raw = tmp_path / "raw.jsonl"
    assert cli.main(["score", "--run", str(run), "--input", str(inp), "--output", str(raw), "--raw"]) == 0
    assert read_jsonl(raw)[0]["score"] != rows[0]["score"] and not read_jsonl(raw)[0]["normalized"]
    assert cli.main(["score", "--run", str(tmp_path / "nope"), "--input", str(inp), "--output", str(raw)]) == 2
    assert "run directory not found" in capsys.readouterr().err


def test_tiny_model_command_writes_a_model_and_demo_rankings(tmp_path):
    assert cli.main(["tiny-model", str(tmp_path / "m"), "--demo-rankings", str(tmp_path / "d.jsonl"),
                     "--demo-count", "5"]) == 0
    assert (tmp_path / "m/config.json").is_file() and (tmp_path / "m/tokenizer.json").is_file()
    lines = read_jsonl(tmp_path / "d.jsonl")
    assert len(lines) == 5 and all(sorted(l["ranks"]) == [1, 2, 3, 4] for l in lines)
