"""`medrank-trainer export-onnx RUN_DIR`: a trained reward model as ONNX, for scoring outside PyTorch.

    medrank-trainer export-onnx runs/rm-1 --int8            # → runs/rm-1/onnx/

The folder holds everything another runtime (the app: onnxruntime-node) needs to
give the SAME score as `medrank-trainer score --raw` for a (dialogue, answer):

    model.onnx          backbone with the LoRA merged + the value head, fp32; inputs input_ids and
                        attention_mask (int64 [batch, seq], any padding side), output `score`
                        (float32 [batch]): the raw reward at each row's last real token
    model.int8.onnx     --int8: the same, weights dynamically quantised to int8 (onnxruntime)
    tokenizer.json      the Hugging Face fast tokenizer (+ tokenizer_config.json, chat template)
    reference.jsonl     the check inputs: messages, answer, token ids, PyTorch raw/normalised scores
    manifest.json       written LAST, only when onnxruntime's fp32 scores match PyTorch's within
                        1e-4: source run, chat format, normalisation, held-out figures, sha256 of
                        every file (docs/formats.md)

Exporter: torch.export (`dynamo=True`). The TorchScript tracer also works on the
tiny model, but it turns Python-side decisions of transformers' mask code into
constants of the graph (it warns about each); torch.export records them as
guards on the dynamic sizes or refuses, and it is the exporter PyTorch maintains.
`--exporter torchscript` stays available for architectures torch.export cannot trace.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
from pathlib import Path

import torch

from .data import TrainerInputError, read_rankings
from .score import RewardScorer, load_reward_model, resolve_export
from .template import DEFAULT_SYSTEM_PROMPT, ROLE_LABELS, THINK_CLOSE, THINK_OPEN, pad_sequences

MANIFEST_FORMAT = "medrank-reward-model"
MANIFEST_FILE = "manifest.json"
REFERENCE_FILE = "reference.jsonl"
FP32_FILE, INT8_FILE = "model.onnx", "model.int8.onnx"
MAX_FP32_DIFF = 1e-4  # onnxruntime vs PyTorch, raw scores
DEFAULT_OPSET = 18
#: Name of template.py's truncation rule (ChatFormat.encode_pair); a reader refuses a rule it does not know.
TRUNCATION_RULE = "medrank-v1"
#: Files of the RM export's tokenizer copied next to the model (those that exist).
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "chat_template.jinja")
#: ONNX protobuf files cannot exceed 2 GiB: larger weights go to an external-data file beside the model.
PROTOBUF_LIMIT = 2 * 1024 ** 3

# Inputs every export is checked on besides the run's own data: Chinese, several turns, a system
# message, an answer with a reasoning block, and an answer far over max_length (truncation).
_PROBES = [
    ([{"role": "user", "content": "我头痛三天了，怎么办？"}], "建议您注意休息，如果持续加重请及时就医。"),
    ([{"role": "user", "content": "孩子发烧三十八度五"}, {"role": "assistant", "content": "持续多久了？"},
      {"role": "user", "content": "一天了，精神还好。"}], "可以先物理降温，多喝水；超过三天或精神差请就医。"),
    ([{"role": "system", "content": "你是一名耐心的全科医生。"}, {"role": "user", "content": "最近总是失眠。"}],
     "<think>先问作息。</think>规律作息，睡前少看手机。"),
    ([{"role": "user", "content": "膝盖疼" * 40}], "建议检查。" * 400),
    ([{"role": "user", "content": "Is 37.5°C a fever?"}], "Low-grade; rest and drink water."),
]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class ScoreGraph(torch.nn.Module):
    """forward(input_ids, attention_mask) → raw reward per row: RewardModel.forward itself, named inputs only."""

    def __init__(self, reward_model):
        super().__init__()
        self.reward_model = reward_model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.reward_model(input_ids, attention_mask)


def merged_graph(scorer: RewardScorer) -> ScoreGraph:
    """The scorer's model with any LoRA folded into the backbone's weights, IN PLACE (no second copy of a
    large model in memory): score with the scorer before this, not after."""
    model = scorer.model.float().eval()
    if hasattr(model.backbone, "merge_and_unload"):
        model.backbone = model.backbone.merge_and_unload()
    return ScoreGraph(model).eval()


def export_graph(graph: ScoreGraph, example: tuple[torch.Tensor, torch.Tensor], path: Path, opset: int,
                 exporter: str) -> None:
    n_bytes = sum(p.numel() * p.element_size() for p in graph.parameters())
    names = {"input_names": ["input_ids", "attention_mask"], "output_names": ["score"], "opset_version": opset}
    if exporter == "dynamo":
        batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq")
        torch.onnx.export(graph, example, str(path), dynamo=True, external_data=n_bytes >= PROTOBUF_LIMIT,
                          dynamic_shapes={"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}},
                          verbose=False, **names)
    else:
        axes = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}, "score": {0: "batch"}}
        torch.onnx.export(graph, example, str(path), dynamo=False, dynamic_axes=axes, **names)


def chat_format_manifest(scorer: RewardScorer) -> dict:
    """Everything needed to turn (messages, answer) into the ids ChatFormat.encode_pair gives (template.py)."""
    chat, tok = scorer.chat, scorer.tokenizer
    out = {
        "kind": "chat-template" if chat.uses_tokenizer_template else "medrank-default",
        "system_prompt": chat.system_prompt,
        "system_rule": "a leading system message with system_prompt is added unless messages[0] is a system "
                       "message or system_prompt is empty",
        "add_special_tokens": False,
        "encode": "prompt and answer are encoded separately (no special tokens added) and concatenated",
        "strip_reasoning": {"pattern": r"^\s*<think>.*?</think>\s*", "flags": "dotall", "open": THINK_OPEN,
                            "close": THINK_CLOSE, "applies_to": "answer, first match only"},
        "max_length": scorer.max_length,
        "truncation": TRUNCATION_RULE,
        "truncation_text": "when len(prompt)+len(answer) > max_length: prompt_floor = min(len(prompt), max(1, max_length // 4)); "
                           "if len(answer) > max_length - prompt_floor the answer keeps its first (max_length - prompt_floor - 1) "
                           "ids and its last id; the prompt keeps its LAST (max_length - len(answer)) ids, with a leading "
                           "bos id kept first when the prompt started with it and that budget is > 1",
        "bos_token": tok.bos_token, "eos_token": tok.eos_token,
        "bos_token_id": tok.bos_token_id, "eos_token_id": tok.eos_token_id,
    }
    if chat.uses_tokenizer_template:
        out.update({
            "chat_template": tok.chat_template,
            "template_kwargs": dict(chat._template_kwargs),
            "prompt": "chat_template(messages_with_system, add_generation_prompt=true, **template_kwargs)",
            "answer": "full = chat_template(messages_with_system + [{role: assistant, content: answer}], "
                      "add_generation_prompt=false); answer text = full[len(prompt):] with trailing newlines removed "
                      "when full starts with prompt, else answer + eos_token",
        })
    else:
        out.update({
            "role_labels": dict(ROLE_LABELS), "separator": "：", "default_system_prompt": DEFAULT_SYSTEM_PROMPT,
            "prompt": "bos_token + for each message: system → content + '\\n'; user → role_labels.user + '：' + "
                      "content + '\\n'; assistant → role_labels.assistant + '：' + content + eos_token + '\\n'; "
                      "then role_labels.assistant + '：'",
            "answer": "answer + eos_token",
        })
    return out


def normalization_manifest(scorer: RewardScorer) -> dict | None:
    """The statistics score.py normalises with: (raw − mean) / std; None = scores stay raw."""
    stats = scorer.stats
    if not stats:
        return None
    from .reward_model import collapsed_reward_warning

    return {"mean": float(stats["mean"]), "std": float(stats["std"]), "split": stats.get("split"),
            "step": stats.get("step"), "collapsed": collapsed_reward_warning(float(stats["std"])) is not None}


def _finite(value):
    """NaN/inf (e.g. Kendall τ over rankings that had none) → None: the manifest must be strict JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
        return value if isinstance(value, dict) else {}
    except (OSError, json.JSONDecodeError):
        return {}


def source_manifest(run_dir: Path, export_dir: Path, scorer: RewardScorer, args) -> tuple[dict, dict]:
    """(source, held_out) of the manifest, from the export's reward_model.json and the run's config/summary."""
    is_run = export_dir != run_dir
    config = _read_json(run_dir / "config.json") if is_run else {}
    summary = _read_json(run_dir / "summary.json") if is_run else {}
    data = Path(config["data"]) if config.get("data") else None
    source = {
        "run_id": args.run_id, "run_dir": run_dir.resolve().name, "base_model": scorer.info.get("base_model"),
        "adapter": scorer.info.get("adapter"), "checkpoint": export_dir.name, "step": scorer.info.get("step"),
        "snapshot_id": args.snapshot_id, "snapshot_hash": args.snapshot_hash,
        "input_sha256": sha256_file(data) if data and data.is_file() else None,
    }
    metrics = scorer.info.get("metrics") or {}
    counts = summary.get("counts") or {}
    held_out = {
        "split": (scorer.stats or {}).get("split"), "step": scorer.info.get("step"),
        "rankings": counts.get("validation"), "pairwise_accuracy": metrics.get("reward/accuracy"),
        "top1_accuracy": metrics.get("reward/top1_accuracy"), "kendall_tau": metrics.get("reward/kendall_tau"),
        "loss": metrics.get("loss/rm"), "margin": metrics.get("reward/margin"),
    }
    return source, held_out


def check_inputs(run_dir: Path, limit: int = 12) -> list[tuple[list[dict], str]]:
    """(messages, answer) pairs to compare runtimes on: the built-in probes + answers of the run's own data."""
    pairs = list(_PROBES)
    data = _read_json(run_dir / "config.json").get("data")
    if data and Path(data).is_file():
        try:
            for item in read_rankings(data)[:limit]:
                pairs += [(item.messages, r) for r in item.responses]
        except TrainerInputError:
            pass  # the data moved or changed since training: the probes still check the export
    return pairs


def encode_batch(scorer: RewardScorer, pairs, side: str) -> tuple[torch.Tensor, torch.Tensor, list[list[int]]]:
    rows = [scorer.chat.encode_pair(m, a, scorer.max_length).input_ids for m, a in pairs]
    ids, mask = pad_sequences(rows, scorer.tokenizer.pad_token_id, side=side)
    return ids, mask, rows


def onnx_scores(path: Path, pairs, scorer: RewardScorer, batch_size: int = 8) -> torch.Tensor:
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    out = []
    for i in range(0, len(pairs), batch_size):
        ids, mask, _ = encode_batch(scorer, pairs[i:i + batch_size], scorer.padding_side)
        out.append(torch.from_numpy(session.run(["score"], {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})[0]))
    return torch.cat(out).float()


def order_agreement(a: torch.Tensor, b: torch.Tensor) -> tuple[float, int]:
    """Share of pairs (i < j) that both score vectors order the same way (ties in either count as disagreement)."""
    i, j = torch.triu_indices(len(a), len(a), offset=1)
    same = torch.sign(a[i] - a[j]) * torch.sign(b[i] - b[j]) > 0
    return (same.float().mean().item() if len(i) else float("nan")), int(len(i))


def export_onnx(run_dir: str | Path, out: str | Path | None = None, checkpoint: str = "best", int8: bool = False,
                opset: int = DEFAULT_OPSET, exporter: str = "dynamo", run_id: str | None = None,
                snapshot_id: str | None = None, snapshot_hash: str | None = None,
                base_model: str | None = None, log=print) -> dict:
    """Export, verify against PyTorch, write the manifest; returns it. Raises TrainerInputError on a failed check."""
    args = argparse.Namespace(run_id=run_id, snapshot_id=snapshot_id, snapshot_hash=snapshot_hash)
    run_dir = Path(run_dir)
    checkpoint = "last" if checkpoint == "final" else checkpoint
    export_dir = resolve_export(run_dir, checkpoint)
    out = Path(out) if out else (run_dir if export_dir != run_dir else export_dir.parent) / "onnx"
    scorer = load_reward_model(run_dir, device="cpu", dtype="fp32", checkpoint=checkpoint, base_model=base_model)

    work = out.with_name(out.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    pairs = check_inputs(run_dir)
    # The reference: the trainer's own scorer (LoRA not merged yet), before the merge changes the model.
    reference = scorer.score(pairs, normalize=False, batch_size=8)
    example_ids, example_mask, _ = encode_batch(scorer, pairs[:3], scorer.padding_side)
    export_graph(merged_graph(scorer), (example_ids, example_mask), work / FP32_FILE, opset, exporter)
    for name in TOKENIZER_FILES:
        if (export_dir / name).is_file():
            shutil.copy2(export_dir / name, work / name)
    if not (work / "tokenizer.json").is_file():
        raise TrainerInputError(f"{export_dir}: no tokenizer.json (a fast tokenizer is needed outside Python)")

    # ---- verification: onnxruntime against that reference, same token ids
    fp32 = onnx_scores(work / FP32_FILE, pairs, scorer)
    diff = (fp32 - reference).abs().max().item()
    log(f"fp32 onnxruntime vs PyTorch on {len(pairs)} answers: max abs diff {diff:.3g}")
    if not diff <= MAX_FP32_DIFF:
        raise TrainerInputError(f"the ONNX model differs from PyTorch by {diff:.3g} (> {MAX_FP32_DIFF:g}); "
                                f"no manifest written (files left in {work})")
    variants = {"fp32": {"file": FP32_FILE, "dtype": "float32", "check": {"max_abs_diff": diff, "answers": len(pairs)}}}
    if int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        big = (work / FP32_FILE).stat().st_size + sum(p.stat().st_size for p in work.glob(FP32_FILE + ".*")) >= 4 * PROTOBUF_LIMIT
        quantize_dynamic(str(work / FP32_FILE), str(work / INT8_FILE), weight_type=QuantType.QInt8,
                         use_external_data_format=big)
        q = onnx_scores(work / INT8_FILE, pairs, scorer)
        agree, n_pairs = order_agreement(q, fp32)
        qdiff = (q - fp32).abs().max().item()
        log(f"int8 vs fp32 on {len(pairs)} answers: pairwise order agreement {agree:.4f} ({n_pairs} pairs), "
            f"max abs diff {qdiff:.3g}")
        variants["int8"] = {"file": INT8_FILE, "dtype": "int8 weights (dynamic quantisation), float32 activations",
                            "note": "activations are quantised with one scale per batch: a score moves slightly with "
                                    "the other rows of its batch (compare int8 by order, not value by value)",
                            "check": {"pairwise_order_agreement": agree, "pairs": n_pairs, "max_abs_diff": qdiff}}

    norm = normalization_manifest(scorer)
    # score.py: no statistics → the score stays raw; collapsed statistics → it refuses to normalise.
    normalized = reference if norm is None else None if norm["collapsed"] else scorer.normalize(reference)
    with (work / REFERENCE_FILE).open("w", encoding="utf-8") as fh:
        for k, (messages, answer) in enumerate(pairs):
            ids = scorer.chat.encode_pair(messages, answer, scorer.max_length).input_ids
            fh.write(json.dumps({"messages": messages, "answer": answer, "input_ids": ids, "raw": reference[k].item(),
                                 "normalized": None if normalized is None else normalized[k].item()},
                                ensure_ascii=False) + "\n")

    source, held_out = source_manifest(run_dir, export_dir, scorer, args)
    tok = scorer.tokenizer
    manifest = {
        "format": MANIFEST_FORMAT, "version": 1, "source": source,
        "onnx": {"opset": opset, "exporter": exporter, "torch": torch.__version__,
                 "inputs": [{"name": "input_ids", "dtype": "int64", "shape": ["batch", "seq"]},
                            {"name": "attention_mask", "dtype": "int64", "shape": ["batch", "seq"]}],
                 "output": {"name": "score", "dtype": "float32", "shape": ["batch"],
                            "meaning": "raw reward at each row's last real token (last 1 of attention_mask)"}},
        "variants": variants,
        "tokenizer": {"file": "tokenizer.json",
                      "config_file": "tokenizer_config.json" if (work / "tokenizer_config.json").is_file() else None,
                      "padding_side": scorer.padding_side, "pad_token_id": tok.pad_token_id,
                      "bos_token_id": tok.bos_token_id, "eos_token_id": tok.eos_token_id,
                      "bos_token": tok.bos_token, "eos_token": tok.eos_token, "pad_token": tok.pad_token,
                      "unk_token": tok.unk_token},
        "chat_format": chat_format_manifest(scorer),
        "normalization": norm,
        "held_out": held_out,
        "reference": {"file": REFERENCE_FILE, "answers": len(pairs)},
        "files": [{"name": p.name, "bytes": p.stat().st_size, "sha256": sha256_file(p)}
                  for p in sorted(work.iterdir()) if p.is_file() and p.name != MANIFEST_FILE],
    }
    manifest = _finite(manifest)
    (work / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, allow_nan=False) + "\n",
                                      encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    work.replace(out)
    log(f"exported {export_dir} -> {out} ({', '.join(variants)}; "
        f"{sum(f['bytes'] for f in manifest['files']) / 1e6:.1f} MB)")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="medrank-trainer export-onnx",
                                     description="Export a trained reward model as ONNX + tokenizer + manifest.")
    parser.add_argument("run_dir", metavar="RUN_DIR", help="RM run directory (or one of its exports)")
    parser.add_argument("--out", default=None, help="folder to write (default: RUN_DIR/onnx); replaced if it exists")
    parser.add_argument("--checkpoint", default="best", choices=["best", "last", "final"],
                        help="which export of the run (final = last)")
    parser.add_argument("--int8", action="store_true", help="also write model.int8.onnx (dynamic int8 quantisation)")
    parser.add_argument("--opset", type=int, default=DEFAULT_OPSET, help=f"ONNX opset (default {DEFAULT_OPSET})")
    parser.add_argument("--exporter", default="dynamo", choices=["dynamo", "torchscript"],
                        help="torch.onnx exporter (default: dynamo, i.e. torch.export)")
    parser.add_argument("--run-id", default=None, help="the app's run id, recorded in the manifest")
    parser.add_argument("--snapshot-id", default=None, help="the training snapshot's id, recorded in the manifest")
    parser.add_argument("--snapshot-hash", default=None, help="the training snapshot's content hash, recorded")
    parser.add_argument("--base-model", default=None, help="base model directory, if it moved since training")
    args = parser.parse_args(argv)
    if args.opset < 14:
        raise TrainerInputError("--opset must be at least 14")
    export_onnx(args.run_dir, out=args.out, checkpoint=args.checkpoint, int8=args.int8, opset=args.opset,
                exporter=args.exporter, run_id=args.run_id, snapshot_id=args.snapshot_id,
                snapshot_hash=args.snapshot_hash, base_model=args.base_model)
    return 0
