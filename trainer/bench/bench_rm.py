"""Benchmark: K-way ranking batches vs the usual expansion into chosen/rejected pairs.

Both modes train the same reward model (same weights, same rankings, forward +
ranking loss + backward) and are measured side by side, alternating steps:

- kway:  each ranking's K answers are forwarded once; the C(K,2) pairs are
         formed from those K rewards (MedRank's `rm`).
- pairs: each ranking is expanded into C(K,2) independent (chosen, rejected)
         pairs, two forwards per pair (12 rows for K=4), as pair-based trainers do.
         Pairs go through in micro-batches with the SAME number of rows per
         forward as a K-way batch, so peak memory is comparable and the pairs
         mode needs C(K,2)·2/K forwards (3 for K=4) per batch of rankings.

Figures: rankings/s (median over steps), peak memory (CUDA: max allocated;
CPU: bytes of activations saved for backward, measured with autograd hooks),
and on CUDA the model FLOPs utilisation.

    python trainer/bench/bench_rm.py                                   # CPU, tiny model
    python trainer/bench/bench_rm.py --device cuda --preset 0.5b       # ~0.5B Qwen2-like, bf16, 1,024 tokens

No download: models are built from a config with random weights.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import time
from itertools import combinations

import torch

from medrank_trainer.modeling import dtype_kwarg, lora_config
from medrank_trainer.reward_model import RewardModel, ranking_loss

PRESETS = {
    # tiny LLaMA-style model for CPU runs
    "tiny": dict(arch="llama", vocab_size=21885, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                 num_attention_heads=4, num_key_value_heads=4, seq_len=128, rankings=4),
    # ~0.5B parameters, Qwen2-0.5B-like shape (random weights)
    "0.5b": dict(arch="qwen2", vocab_size=151936, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
                 num_attention_heads=14, num_key_value_heads=2, seq_len=1024, rankings=2),
}

PEAK_BF16_TFLOPS = {"H100": 989.0, "H200": 989.0, "A100": 312.0, "L40S": 362.0, "A10": 125.0, "4090": 165.0}


def build_model(preset: dict, device: torch.device, dtype: torch.dtype, lora: bool) -> RewardModel:
    from transformers import AutoModel, LlamaConfig, Qwen2Config

    common = {k: preset[k] for k in ("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
                                     "num_attention_heads", "num_key_value_heads")}
    if preset["arch"] == "qwen2":
        config = Qwen2Config(**common, max_position_embeddings=32768, tie_word_embeddings=True)
    else:
        config = LlamaConfig(**common, max_position_embeddings=4096)
    config.use_cache = False
    torch.manual_seed(0)
    backbone = AutoModel.from_config(config, **dtype_kwarg(dtype)).to(device)
    if lora:
        from peft import get_peft_model

        backbone = get_peft_model(backbone, lora_config(r=16, alpha=32, dropout=0.0))
    return RewardModel(backbone, config.hidden_size).to(device).train()


def make_rankings(n: int, k: int, seq_len: int, vocab: int, seed: int = 0) -> list[list[torch.Tensor]]:
    """n rankings of k answers; each (prompt, answer) row has exactly seq_len tokens, prompt shared."""
    gen = torch.Generator().manual_seed(seed)
    answer_len = seq_len // 4
    out = []
    for _ in range(n):
        prompt = torch.randint(3, vocab, (seq_len - answer_len,), generator=gen)
        out.append([torch.cat([prompt, torch.randint(3, vocab, (answer_len,), generator=gen)]) for _ in range(k)])
    return out


class SavedActivations:
    """Bytes of tensors autograd saves for backward (CPU stand-in for peak activation memory).

    `backward_done()` closes one forward/backward: its saved bytes are freed, the peak is kept.
    """

    def __init__(self, model):
        # Weights saved for backward are not extra memory: skip tensors that share a parameter's storage.
        self.param_storages = {p.untyped_storage().data_ptr() for p in model.parameters()}
        self.current = 0
        self.peak = 0

    def backward_done(self):
        self.peak = max(self.peak, self.current)
        self.current = 0

    def __enter__(self):
        def pack(t):
            if t.untyped_storage().data_ptr() not in self.param_storages:
                self.current += t.numel() * t.element_size()
            return t

        self._ctx = torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t)
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc):
        self._ctx.__exit__(*exc)


def step_kway(model, rankings, device, saved: SavedActivations) -> int:
    """One batch of rankings, K rows each, one forward. Returns the tokens processed."""
    rows = torch.stack([a for r in rankings for a in r]).to(device)
    mask = torch.ones_like(rows)
    rewards = model(rows, mask)
    ranks = [list(range(1, len(r) + 1)) for r in rankings]
    ranking_loss(rewards, ranks).backward()
    saved.backward_done()
    return rows.numel()


def step_pairs(model, rankings, device, rows_per_forward: int, saved: SavedActivations) -> int:
    """The same rankings as independent (chosen, rejected) pairs; micro-batches of rows_per_forward rows."""
    pairs = [(r[h], r[l]) for r in rankings for h, l in combinations(range(len(r)), 2)]
    per_forward = max(1, rows_per_forward // 2)
    tokens = 0
    for i in range(0, len(pairs), per_forward):
        chunk = pairs[i:i + per_forward]
        rows = torch.stack([c for c, _ in chunk] + [r for _, r in chunk]).to(device)
        rewards = model(rows, torch.ones_like(rows))
        chosen, rejected = rewards[:len(chunk)], rewards[len(chunk):]
        # mean over all pairs of the batch, as one loss over the whole expanded batch
        loss = -torch.nn.functional.logsigmoid(chosen.float() - rejected.float()).sum() / len(pairs)
        loss.backward()
        saved.backward_done()
        tokens += rows.numel()
    return tokens


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def peak_tflops(device, override):
    if override:
        return override
    if device.type != "cuda":
        return None
    name = torch.cuda.get_device_name(device)
    return next((v for k, v in PEAK_BF16_TFLOPS.items() if k in name), None)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--preset", default="tiny", choices=sorted(PRESETS))
    parser.add_argument("--k", type=int, default=4, help="answers per ranking")
    parser.add_argument("--rankings", type=int, default=None, help="rankings per batch (default: preset's)")
    parser.add_argument("--seq-len", type=int, default=None, help="tokens per (prompt, answer) (default: preset's)")
    parser.add_argument("--steps", type=int, default=8, help="measured steps per mode")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--full", action="store_true", help="full fine-tuning instead of LoRA")
    parser.add_argument("--gradient-checkpointing", action="store_true")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads (torch.set_num_threads)")
    parser.add_argument("--peak-tflops", type=float, default=None, help="accelerator peak bf16 TFLOPS for MFU")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args()

    if args.threads:
        torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    preset = dict(PRESETS[args.preset])
    seq_len = args.seq_len or preset["seq_len"]
    n_rank = args.rankings or preset["rankings"]
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    model = build_model(preset, device, dtype, lora=not args.full)
    if args.gradient_checkpointing:
        model.backbone.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    data = make_rankings(n_rank * (args.steps + args.warmup), args.k, seq_len, preset["vocab_size"])
    batches = [data[i * n_rank:(i + 1) * n_rank] for i in range(args.steps + args.warmup)]
    rows_per_forward = n_rank * args.k

    modes = {
        "kway": lambda b, saved: step_kway(model, b, device, saved),
        "pairs": lambda b, saved: step_pairs(model, b, device, rows_per_forward, saved),
    }
    times = {m: [] for m in modes}
    tokens = {m: 0 for m in modes}
    memory = {m: 0.0 for m in modes}
    for i, batch in enumerate(batches):
        for name, fn in modes.items():  # alternate: both modes see the same load on a shared machine
            model.zero_grad(set_to_none=True)
            if device.type == "cuda":
                torch.cuda.reset_peak_memory_stats(device)
            sync(device)
            start = time.perf_counter()
            with SavedActivations(model) as saved:
                n_tok = fn(batch, saved)
            sync(device)
            elapsed = time.perf_counter() - start
            if i >= args.warmup:
                times[name].append(elapsed)
                tokens[name] += n_tok
                mem = (torch.cuda.max_memory_allocated(device) / 2**20 if device.type == "cuda"
                       else saved.peak / 2**20)
                memory[name] = max(memory[name], mem)

    non_embed = sum(p.numel() for n, p in model.named_parameters() if "embed_tokens" not in n)
    cfg = preset
    # PaLM-style model FLOPs per token: forward 2N + 2·L·T·d (attention); backward ×2 (full) or ×1 (LoRA: no weight grads)
    fwd_per_token = 2 * non_embed + 2 * cfg["num_hidden_layers"] * seq_len * cfg["hidden_size"]
    flops_per_token = fwd_per_token * (3 if args.full else 2)
    peak = peak_tflops(device, args.peak_tflops)
    result = {"device": str(device) if device.type == "cpu" else torch.cuda.get_device_name(device),
              "preset": args.preset, "k": args.k, "rankings_per_batch": n_rank, "seq_len": seq_len,
              "dtype": str(dtype).replace("torch.", ""), "training": "full" if args.full else "lora",
              "threads": torch.get_num_threads(), "non_embedding_params": non_embed, "modes": {}}
    for name in modes:
        med = statistics.median(times[name])
        entry = {"rankings_per_s": n_rank / med, "step_s_median": med, "forwards_per_batch":
                 1 if name == "kway" else math.ceil(n_rank * math.comb(args.k, 2) / max(1, rows_per_forward // 2)),
                 "rows_per_ranking": args.k if name == "kway" else 2 * math.comb(args.k, 2),
                 "tokens_per_s": tokens[name] / len(times[name]) / med,  # median step, like rankings/s
                 ("peak_memory_mb" if device.type == "cuda" else "saved_activations_mb"): memory[name]}
        if peak:
            entry["mfu"] = entry["tokens_per_s"] * flops_per_token / (peak * 1e12)
        result["modes"][name] = entry
    result["speedup_rankings_per_s"] = result["modes"]["kway"]["rankings_per_s"] / result["modes"]["pairs"]["rankings_per_s"]

    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"device {result['device']}  preset {args.preset}  K={args.k}  {n_rank} rankings/batch  "
          f"{seq_len} tokens/row  {result['dtype']}  {result['training']}  threads {result['threads']}")
    mem_key = "peak_memory_mb" if device.type == "cuda" else "saved_activations_mb"
    print(f"{'mode':<6} {'rows/ranking':>12} {'rankings/s':>11} {'tokens/s':>10} {mem_key:>21}" + ("   MFU" if peak else ""))
    for name, e in result["modes"].items():
        line = f"{name:<6} {e['rows_per_ranking']:>12} {e['rankings_per_s']:>11.2f} {e['tokens_per_s']:>10.0f} {e[mem_key]:>21.1f}"
        if peak:
            line += f"  {e['mfu'] * 100:5.1f}%"
        print(line)
    print(f"K-way speed-up: {result['speedup_rankings_per_s']:.2f}x rankings/s")


if __name__ == "__main__":
    main()
