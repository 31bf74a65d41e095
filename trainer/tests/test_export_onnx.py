"""`export-onnx`: a tiny trained RM exported to ONNX scores like PyTorch (onnxruntime in Python, and the
app's Node scorer on the same folder), its manifest describes it exactly, and a wrong export gets no manifest."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch

from conftest import read_jsonl, rm_args, write_jsonl
from medrank_trainer import cli, export_onnx, reward_model
from medrank_trainer.data import TrainerInputError
from medrank_trainer.score import load_reward_model
from medrank_trainer.template import pad_sequences

ROOT = Path(__file__).resolve().parents[2]
NODE_SCORER = ROOT / "scripts" / "reward-models" / "score-file.ts"
TOL = 1e-4
MAX_LENGTH = 96

# Chinese, several turns, a system message, a reasoning block, English, and inputs far over MAX_LENGTH.
INPUTS = [
    ([{"role": "user", "content": "我头痛三天了，怎么办？"}], "建议您注意休息，多喝水。"),
    ([{"role": "user", "content": "孩子发烧三十八度五"}, {"role": "assistant", "content": "持续多久了？"},
      {"role": "user", "content": "一天了，精神还好。"}], "可以先物理降温；超过三天请就医。"),
    ([{"role": "system", "content": "你是一名全科医生。"}, {"role": "user", "content": "失眠怎么办"}],
     "<think>先问作息</think>规律作息。"),
    ([{"role": "user", "content": "胃胀反酸" * 60}], "饮食清淡。"),  # the dialogue is cut
    ([{"role": "user", "content": "膝盖疼"}], "建议检查。" * 100),  # the answer is cut too
    ([{"role": "user", "content": "Is 37.5°C a fever?"}], "安"),
    ([{"role": "user", "content": "皮肤起红疹"}], "安安安，避免抓挠，必要时就医。"),
]


@pytest.fixture(scope="module")
def exported(tiny_model_dir, tmp_path_factory):
    """A short LoRA RM run and its fp32 + int8 export (through the CLI entry point)."""
    from medrank_trainer.tiny import synthetic_rankings

    tmp = tmp_path_factory.mktemp("onnx")
    data = write_jsonl(tmp / "rankings.jsonl", synthetic_rankings(40, k=4, seed=2))
    run = tmp / "run"
    assert reward_model.main(rm_args(tiny_model_dir, data, run, **{"max-steps": 4, "eval-every": 2,
                                                                   "max-length": MAX_LENGTH})) == 0
    out = tmp / "export"
    assert cli.main(["export-onnx", str(run), "--out", str(out), "--int8", "--run-id", "run-42",
                     "--snapshot-id", "snap-7", "--snapshot-hash", "f" * 64]) == 0
    return run, data, out


@pytest.fixture(scope="module")
def exported_qwen(tmp_path_factory):
    """A Qwen2-architecture tiny model (grouped-query attention) whose tokenizer has a Qwen3-style chat
    template with reasoning blocks: the export carries the template (chat_format kind chat-template)."""
    from transformers import Qwen2Config, Qwen2ForCausalLM

    from medrank_trainer.tiny import build_tokenizer, synthetic_rankings
    from test_template import QWEN3_STYLE_TEMPLATE

    tmp = tmp_path_factory.mktemp("onnx-qwen")
    model_dir = tmp / "model"
    tok = build_tokenizer()
    tok.chat_template = QWEN3_STYLE_TEMPLATE
    config = Qwen2Config(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                         pad_token_id=0, bos_token_id=1, eos_token_id=2, tie_word_embeddings=True)
    torch.manual_seed(0)
    Qwen2ForCausalLM(config).save_pretrained(model_dir)
    tok.save_pretrained(model_dir)
    data = write_jsonl(tmp / "rankings.jsonl", synthetic_rankings(40, k=4, seed=3))
    run = tmp / "run"
    assert reward_model.main(rm_args(model_dir, data, run, **{"max-steps": 4, "eval-every": 2,
                                                              "max-length": 256, "padding-side": "left"})) == 0
    out = tmp / "export"
    assert cli.main(["export-onnx", str(run), "--out", str(out), "--int8"]) == 0
    return run, data, out


def ort_scores(model: Path, pairs, scorer, side: str) -> np.ndarray:
    import onnxruntime as ort

    session = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    rows = [scorer.chat.encode_pair(m, a, scorer.max_length).input_ids for m, a in pairs]
    ids, mask = pad_sequences(rows, scorer.tokenizer.pad_token_id, side=side)
    return session.run(["score"], {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})[0]


@pytest.mark.parametrize("which", ["exported", "exported_qwen"])
def test_onnxruntime_scores_equal_pytorch_on_varied_inputs(which, request):
    run, _, out = request.getfixturevalue(which)
    scorer = load_reward_model(run, device="cpu")
    encoded = [scorer.chat.encode_pair(m, a, scorer.max_length) for m, a in INPUTS]
    assert encoded[3].prompt_truncated and encoded[4].answer_truncated  # truncation is exercised
    assert len({len(e.input_ids) for e in encoded}) >= 5  # one batch of rows of different lengths
    torch_raw = scorer.score(INPUTS, normalize=False).numpy()
    assert torch_raw.std() > 1e-3  # distinct scores, not one constant
    for side in ("right", "left"):  # the graph reads the last real token whatever the padding
        onnx_raw = ort_scores(out / "model.onnx", INPUTS, scorer, side)
        assert np.abs(onnx_raw - torch_raw).max() <= TOL, side
    # one row at a time (batch 1, no padding) gives the same scores
    single = np.concatenate([ort_scores(out / "model.onnx", [p], scorer, "right") for p in INPUTS])
    assert np.abs(single - torch_raw).max() <= TOL
    manifest = json.loads((out / "manifest.json").read_text())
    n = manifest["normalization"]
    normalized = scorer.score(INPUTS).numpy()
    assert np.abs((single - n["mean"]) / n["std"] - normalized).max() <= TOL


def test_a_chat_template_travels_in_the_manifest(exported_qwen):
    run, _, out = exported_qwen
    manifest = json.loads((out / "manifest.json").read_text())
    chat, tok = manifest["chat_format"], manifest["tokenizer"]
    scorer = load_reward_model(run, device="cpu")
    assert chat["kind"] == "chat-template" and chat["chat_template"] == scorer.tokenizer.chat_template
    assert chat["template_kwargs"] == {"enable_thinking": False}
    assert tok["padding_side"] == "left"


def test_manifest_lists_every_file_with_its_hash_and_the_run_it_came_from(exported):
    run, data, out = exported
    # strict JSON (no NaN / Infinity, which JSON.parse in the app refuses)
    manifest = json.loads((out / "manifest.json").read_text(), parse_constant=lambda c: pytest.fail(f"{c} in manifest"))
    on_disk = sorted(p.name for p in out.iterdir() if p.name != "manifest.json")
    assert on_disk == sorted(f["name"] for f in manifest["files"])
    assert {"model.onnx", "model.int8.onnx", "tokenizer.json", "tokenizer_config.json", "reference.jsonl"} <= set(on_disk)
    for f in manifest["files"]:
        blob = (out / f["name"]).read_bytes()
        assert f["bytes"] == len(blob) and f["sha256"] == hashlib.sha256(blob).hexdigest(), f["name"]
    summary = json.loads((run / "summary.json").read_text())
    info = json.loads((run / "best" / "reward_model.json").read_text())
    src = manifest["source"]
    assert (src["run_id"], src["snapshot_id"], src["snapshot_hash"]) == ("run-42", "snap-7", "f" * 64)
    assert src["checkpoint"] == "best" and src["step"] == summary["best_step"] == info["step"]
    assert src["input_sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert manifest["normalization"]["mean"] == info["reward_stats"]["mean"]
    assert manifest["normalization"]["std"] == info["reward_stats"]["std"]
    assert manifest["held_out"]["pairwise_accuracy"] == summary["best_eval"]["reward/accuracy"]
    assert manifest["held_out"]["rankings"] == summary["counts"]["validation"]
    assert manifest["onnx"]["opset"] == 18 and manifest["variants"]["fp32"]["check"]["max_abs_diff"] <= TOL
    chat = manifest["chat_format"]
    assert chat["kind"] == "medrank-default" and chat["max_length"] == MAX_LENGTH
    assert chat["truncation"] == "medrank-v1" and chat["role_labels"] == {"user": "病人", "assistant": "医生"}
    tok = manifest["tokenizer"]
    assert (tok["pad_token_id"], tok["bos_token_id"], tok["eos_token_id"], tok["eos_token"]) == (0, 1, 2, "</s>")


def test_the_exported_tokenizer_and_chat_format_reproduce_the_trainers_ids(exported):
    """tokenizer.json alone (no transformers) + the manifest's chat format give the trainer's token ids."""
    from tokenizers import Tokenizer

    run, _, out = exported
    scorer = load_reward_model(run, device="cpu")
    manifest = json.loads((out / "manifest.json").read_text())
    chat, tok = manifest["chat_format"], Tokenizer.from_file(str(out / "tokenizer.json"))
    messages, answer = INPUTS[1]
    turns = [chat["system_prompt"] + "\n"] + [
        f"{chat['role_labels'][m['role']]}{chat['separator']}{m['content']}"
        + (chat["eos_token"] if m["role"] == "assistant" else "") + "\n" for m in messages]
    prompt = chat["bos_token"] + "".join(turns) + chat["role_labels"]["assistant"] + chat["separator"]
    ids = (tok.encode(prompt, add_special_tokens=False).ids
           + tok.encode(answer + chat["eos_token"], add_special_tokens=False).ids)
    assert ids == scorer.chat.encode_pair(messages, answer, MAX_LENGTH).input_ids
    # reference.jsonl: the check inputs with the trainer's ids and scores
    refs = read_jsonl(out / "reference.jsonl")
    assert len(refs) == manifest["reference"]["answers"] >= len(export_onnx._PROBES)
    for ref in refs[:8]:
        assert ref["input_ids"] == scorer.chat.encode_pair(ref["messages"], ref["answer"], MAX_LENGTH).input_ids
    raw = scorer.score([(r["messages"], r["answer"]) for r in refs], normalize=False)
    assert np.abs(raw.numpy() - np.array([r["raw"] for r in refs])).max() <= 1e-6


def test_int8_variant_keeps_the_order_and_reports_its_agreement(exported):
    run, _, out = exported
    manifest = json.loads((out / "manifest.json").read_text())
    check = manifest["variants"]["int8"]["check"]
    print(f"int8 vs fp32 (export check): pairwise order agreement {check['pairwise_order_agreement']:.4f} "
          f"over {check['pairs']} pairs, max abs diff {check['max_abs_diff']:.3g}")
    assert check["pairs"] >= 100 and 0.8 <= check["pairwise_order_agreement"] <= 1.0
    assert (out / "model.int8.onnx").stat().st_size < 0.5 * (out / "model.onnx").stat().st_size
    scorer = load_reward_model(run, device="cpu")
    q = ort_scores(out / "model.int8.onnx", INPUTS, scorer, "right")
    fp32 = ort_scores(out / "model.onnx", INPUTS, scorer, "right")
    agreement, _ = export_onnx.order_agreement(torch.from_numpy(q), torch.from_numpy(fp32))
    print(f"int8 vs fp32 on the test inputs: pairwise order agreement {agreement:.4f}")
    assert 0 < np.abs(q - fp32).max() < 0.5  # quantised (not the same model), still close


def test_an_export_that_differs_from_pytorch_gets_no_manifest(exported, tmp_path, monkeypatch):
    run, _, _ = exported
    real = export_onnx.merged_graph

    def off_by_a_little(scorer):
        graph = real(scorer)
        with torch.no_grad():
            graph.reward_model.head.bias += 1e-3  # what a wrong graph would do: scores shifted
        return graph

    monkeypatch.setattr(export_onnx, "merged_graph", off_by_a_little)
    out = tmp_path / "bad"
    with pytest.raises(TrainerInputError, match=r"differs from PyTorch by 0\.001"):
        export_onnx.export_onnx(run, out=out)
    assert not out.exists() and not (tmp_path / "bad.partial" / "manifest.json").exists()
    assert (tmp_path / "bad.partial" / "model.onnx").is_file()  # left for inspection


def test_cli_names_a_missing_run(tmp_path, capsys):
    assert cli.main(["export-onnx", str(tmp_path / "nope")]) == 2
    assert "reward model run directory not found" in capsys.readouterr().err


def test_bench_rm_score_prints_answers_per_second(exported, tmp_path, capsys):
    import importlib.util

    run, data, _ = exported
    spec = importlib.util.spec_from_file_location("bench_rm_score", ROOT / "trainer" / "bench" / "bench_rm_score.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    answers = write_jsonl(tmp_path / "answers.jsonl", [{"messages": m, "answer": a} for m, a in INPUTS * 3])
    assert bench.main(["--run", str(run), "--input", str(answers), "--threads", "1", "--batch-size", "4"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["answers"] == 21 and result["threads"] == 1 and result["batch_size"] == 4
    assert result["answers_per_s"] > 0 and result["load_s"] > 0 and result["rss_mb"] > 50
    with pytest.raises(TrainerInputError, match="answers.jsonl:2: expected an object"):
        write_jsonl(answers, [{"messages": INPUTS[0][0], "answer": "好"}, {"messages": INPUTS[0][0]}])
        bench.main(["--run", str(run), "--input", str(answers)])


# ------------------------------------------------------------------ the app's Node scorer on the same folder

def node_scores(model: Path, pairs, tmp: Path, variant: str) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the parity test runs the app's Node scorer (Node 20+, npm ci)")
    if not NODE_SCORER.is_file():
        pytest.fail(f"{NODE_SCORER.relative_to(ROOT)} is missing: the app's Node scorer is needed for the parity test")
    path = write_jsonl(tmp / f"in-{variant}.jsonl", [{"messages": m, "answer": a} for m, a in pairs])
    proc = subprocess.run([node, "--import", "tsx", str(NODE_SCORER), "--model", str(model), "--input", str(path),
                           "--variant", variant], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"score-file.ts exited {proc.returncode}: {proc.stderr[-2000:]}"
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == len(pairs), proc.stdout[-2000:]
    return lines


@pytest.mark.parametrize("which", ["exported", "exported_qwen"])
def test_node_scores_the_exported_folder_like_pytorch(which, request, tmp_path):
    run, data, out = request.getfixturevalue(which)
    scorer = load_reward_model(run, device="cpu")
    pairs = INPUTS + [(it["messages"], r) for it in read_jsonl(data)[:6] for r in it["responses"]]
    torch_raw = scorer.score(pairs, normalize=False).numpy()
    torch_norm = scorer.score(pairs).numpy()
    node = node_scores(out, pairs, tmp_path, "fp32")
    raw = np.array([x["raw"] for x in node])
    norm = np.array([x["normalized"] for x in node])
    print(f"Node fp32 vs PyTorch on {len(pairs)} answers: max abs diff raw {np.abs(raw - torch_raw).max():.3g}, "
          f"normalized {np.abs(norm - torch_norm).max():.3g}")
    assert np.abs(raw - torch_raw).max() <= TOL
    assert np.abs(norm - torch_norm).max() <= TOL

    node_q = np.array([x["raw"] for x in node_scores(out, pairs, tmp_path, "int8")])
    agreement, n_pairs = export_onnx.order_agreement(torch.from_numpy(node_q), torch.from_numpy(torch_raw))
    # Dynamic int8 quantises activations with one scale per batch, so int8 scores move a little with their
    # batch partners: compared by the order they give, not value by value.
    print(f"Node int8 vs PyTorch fp32: pairwise order agreement {agreement:.4f} over {n_pairs} pairs, "
          f"max abs diff {np.abs(node_q - torch_raw).max():.3g}")
    assert agreement >= 0.8 and np.abs(node_q - torch_raw).max() < 0.5
