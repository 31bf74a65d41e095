"""PPO benchmark: time per step (generation / scoring / training) and sampling throughput.

    python trainer/bench/bench_ppo.py                                  # CPU, tiny random model
    python trainer/bench/bench_ppo.py --device cuda --preset 0.5b     # GPU host, ~0.5B model in bf16

Models are built from a config with random weights (nothing is downloaded):
`tiny` is a 2-layer LLaMA of width 64; `0.5b` has the shape of Qwen2-0.5B
(24 layers, width 896, vocabulary 151,936); `mid` is a 2-layer width-128 model with that
vocabulary, for CPU runs where the vocabulary-wide tensors dominate memory. The tokenizer is the character-level
one of `medrank_trainer.tiny` in both cases. The reward model is a random
backbone of the same shape with a scalar head, so scoring costs what a real RM
of that size costs.

Part 1 runs `medrank_trainer.ppo.train` for a few steps and reports the mean
of each timing over the steps after the first (warm-up). Part 2 samples the
same prompts three ways with a fixed number of new tokens (no EOS stop):
batched with a KV cache (what PPO and `sample` use), one prompt at a time with
a KV cache, and batched token-by-token without a cache (re-reading the whole
sequence every step).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from medrank_trainer import ppo  # noqa: E402
from medrank_trainer.generation import generate, generate_no_cache, left_pad  # noqa: E402
from medrank_trainer.modeling import default_dtype, hidden_size_of, load_causal_lm, load_tokenizer, parse_dtype  # noqa: E402
from medrank_trainer.reward_model import RewardModel  # noqa: E402
from medrank_trainer.score import RewardScorer  # noqa: E402
from medrank_trainer.template import ChatFormat  # noqa: E402
from medrank_trainer.tiny import build_tokenizer, tiny_llama_config  # noqa: E402

PRESETS = {
    "tiny": dict(batch_size=8, mini_batch_size=4, max_new_tokens=64, prompt_chars=256, steps=4),
    "0.5b": dict(batch_size=16, mini_batch_size=4, max_new_tokens=128, prompt_chars=256, steps=4),
    # CPU-sized model with Qwen's 151,936-token vocabulary: where full-vocabulary copies dominate memory
    "mid": dict(batch_size=8, mini_batch_size=4, max_new_tokens=64, prompt_chars=128, steps=3),
}
QUESTIONS = ["我最近总是头疼，晚上睡不好，白天没精神，需要吃什么药吗？", "孩子发烧三十八度五，咳嗽有痰，要不要去医院？",
             "皮肤上起了很多红疹子，很痒，抓了以后更严重了。", "胃里反酸烧心，吃完饭就胀，已经一个多月了。"]


def model_config(preset: str, vocab_size: int):
    if preset == "tiny":
        return tiny_llama_config(vocab_size=vocab_size, hidden_size=64, intermediate_size=128)
    from transformers import Qwen2Config

    if preset == "mid":
        return Qwen2Config(vocab_size=151936, hidden_size=128, intermediate_size=256, num_hidden_layers=2,
                           num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096,
                           tie_word_embeddings=True, pad_token_id=0, bos_token_id=1, eos_token_id=2)
    return Qwen2Config(vocab_size=151936, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
                       num_attention_heads=14, num_key_value_heads=2, max_position_embeddings=32768,
                       rope_theta=1_000_000.0, tie_word_embeddings=True, pad_token_id=0, bos_token_id=1,
                       eos_token_id=2)


def build_policy_dir(root: Path, preset: str, dtype) -> Path:
    from transformers import AutoModelForCausalLM

    tokenizer = build_tokenizer()
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(model_config(preset, len(tokenizer))).to(dtype)
    model.save_pretrained(root / "policy")
    tokenizer.save_pretrained(root / "policy")
    return root / "policy"


def random_reward_model(policy_dir: Path, device, dtype):
    """A reward model of the policy's shape with random weights, behind the scorer PPO uses."""
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(policy_dir)
    backbone = AutoModel.from_config(config).to(device=device, dtype=dtype)
    model = RewardModel(backbone, hidden_size_of(config)).to(device)
    tokenizer = load_tokenizer(policy_dir)
    info = {"max_length": 1024, "reward_stats": {"mean": 0.0, "std": 1.0}}
    scorer = RewardScorer(model, tokenizer, ChatFormat(tokenizer), info, torch.device(device))
    return lambda dialogues, answers: scorer.score(list(zip(dialogues, answers)), normalize=True)


def prompts(n: int, chars: int) -> list[list[dict]]:
    out = []
    for i in range(n):
        text = ""
        while len(text) < chars:
            text += QUESTIONS[(i + len(text)) % len(QUESTIONS)]
        out.append([{"role": "user", "content": text[:chars]}])
    return out


def bench_ppo_step(root: Path, policy_dir: Path, args, p: dict) -> dict:
    prompts_path = root / "prompts.jsonl"
    prompts_path.write_text("".join(json.dumps({"messages": m}, ensure_ascii=False) + "\n"
                                    for m in prompts(64, p["prompt_chars"])), encoding="utf-8")
    cfg = ppo.PPOConfig(policy=str(policy_dir), prompts=str(prompts_path), out=str(root / "run"),
                        total_steps=p["steps"], batch_size=p["batch_size"], mini_batch_size=p["mini_batch_size"],
                        forward_batch_size=p["batch_size"], max_new_tokens=p["max_new_tokens"], ppo_epochs=2,
                        early_stop_kl=0.0, learning_rate=1e-5, dtype=args.dtype, cpu=args.device == "cpu",
                        save_every=10_000, sample_every=0, seed=0)
    reward_fn = random_reward_model(policy_dir, args.device, parse_dtype(args.dtype) or default_dtype(args.device))
    ppo.train(cfg, reward_fn=reward_fn)
    rows = [json.loads(line) for line in (root / "run" / "metrics.jsonl").read_text().splitlines()][1:]
    keys = ["timing/generation_s", "timing/scoring_s", "timing/training_s", "timing/step_s",
            "perf/generated_tokens_per_s", "rollout/answer_tokens", "perf/peak_memory_mb"]
    return {k: statistics.median(r[k] for r in rows) for k in keys}


def bench_sampling(policy_dir: Path, args, p: dict) -> dict:
    dtype = parse_dtype(args.dtype) or default_dtype(args.device)
    model = load_causal_lm(policy_dir, dtype=dtype, device=args.device).eval()
    tokenizer = build_tokenizer()
    chat = ChatFormat(tokenizer)
    rows = [chat.encode_prompt(m, 4096) for m in prompts(p["batch_size"], p["prompt_chars"])]
    ids, mask = left_pad(rows, tokenizer.pad_token_id, args.device)
    # eos_token_id=[]: never stop, so every way produces exactly max_new_tokens per prompt.
    kw = dict(max_new_tokens=p["max_new_tokens"], eos_token_id=[], pad_token_id=tokenizer.pad_token_id,
              temperature=1.0, top_p=1.0)

    def timed(fn):
        """Best of `--repeats` runs: the least disturbed by other work on the machine."""
        best = 0.0
        for _ in range(args.repeats):
            generator = torch.Generator(device=args.device).manual_seed(0)
            if args.device != "cpu":
                torch.cuda.synchronize()
            t0 = time.perf_counter()
            tokens = fn(generator)
            if args.device != "cpu":
                torch.cuda.synchronize()
            best = max(best, tokens / (time.perf_counter() - t0))
        return best

    def batched(g):
        return generate(model, ids, mask, generator=g, **kw).num_generated_tokens

    def one_by_one(g):
        total = 0
        for row in rows:
            i, m = left_pad([row], tokenizer.pad_token_id, args.device)
            total += generate(model, i, m, generator=g, **kw).num_generated_tokens
        return total

    def no_cache(g):
        return generate_no_cache(model, ids, mask, generator=g, **kw).num_generated_tokens

    timed(batched)  # warm-up (kernels, allocator)
    out = {"batched_kv_cache": timed(batched), "one_prompt_at_a_time_kv_cache": timed(one_by_one),
           "batched_no_cache": timed(no_cache)}
    out["speedup_kv_cache_vs_no_cache"] = out["batched_kv_cache"] / out["batched_no_cache"]
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    parser.add_argument("--preset", default="tiny", choices=sorted(PRESETS))
    parser.add_argument("--dtype", default="auto", help="auto (bf16 on CUDA, fp32 on CPU), bf16, fp32")
    parser.add_argument("--steps", type=int, default=None, help="PPO steps (the first is warm-up)")
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--max-new-tokens", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    parser.add_argument("--repeats", type=int, default=3, help="sampling runs per way (the fastest is reported)")
    parser.add_argument("--no-sampling", action="store_true", help="skip part 2 (the sampling comparison)")
    parser.add_argument("--peak-tflops", type=float, default=None, help="accelerator's dense bf16 peak, for MFU")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    p = dict(PRESETS[args.preset])
    for key in ("steps", "batch_size", "max_new_tokens"):
        if getattr(args, key) is not None:
            p[key] = getattr(args, key)
    p["mini_batch_size"] = min(p["mini_batch_size"], p["batch_size"])
    dtype = parse_dtype(args.dtype) or default_dtype(args.device)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        policy_dir = build_policy_dir(root, args.preset, dtype)
        step = bench_ppo_step(root, policy_dir, args, p)
        sampling = None if args.no_sampling else bench_sampling(policy_dir, args, p)
        n_params = sum(t.numel() for n, t in load_causal_lm(policy_dir, dtype=torch.float32, device="cpu")
                       .named_parameters() if "embed" not in n)

    print(f"\npreset={args.preset} device={args.device} dtype={str(dtype).replace('torch.', '')} "
          f"batch={p['batch_size']} prompt≈{p['prompt_chars']} tokens max_new_tokens={p['max_new_tokens']} "
          f"threads={torch.get_num_threads()} torch={torch.__version__}")
    print(f"PPO step (median of steps 2..{p['steps']}):")
    print(f"  generation {step['timing/generation_s']:.3f} s | scoring {step['timing/scoring_s']:.3f} s | "
          f"training {step['timing/training_s']:.3f} s | total {step['timing/step_s']:.3f} s")
    print(f"  {step['rollout/answer_tokens']:.1f} tokens per answer, "
          f"{step['perf/generated_tokens_per_s']:.1f} generated tokens/s, peak memory {step['perf/peak_memory_mb']:.0f} MB")
    peak = args.peak_tflops or (next((v for k, v in {"H100": 989.0, "H200": 989.0, "A100": 312.0}.items()
                                      if k in torch.cuda.get_device_name()), None) if args.device != "cpu" else None)
    if peak:
        # Update phase: ppo_epochs=2 passes over batch × (prompt + answer) tokens; LoRA fwd + activation bwd ≈ 4N per token.
        tokens = p["batch_size"] * (p["prompt_chars"] + step["rollout/answer_tokens"]) * 2
        tokens_per_s = tokens / step["timing/training_s"]
        print(f"  update: {tokens_per_s:.0f} tokens/s, MFU {tokens_per_s * 4 * n_params / (peak * 1e12) * 100:.1f}% "
              f"(non-embedding parameters {n_params / 1e6:.0f} M, peak {peak:.0f} TFLOPS)")
    if sampling is None:
        return 0
    print(f"Sampling {p['batch_size']} prompts x {p['max_new_tokens']} new tokens (generated tokens/s):")
    print(f"  batched, KV cache          {sampling['batched_kv_cache']:10.1f}")
    print(f"  one prompt at a time, KV   {sampling['one_prompt_at_a_time_kv_cache']:10.1f}")
    print(f"  batched, no cache          {sampling['batched_no_cache']:10.1f}")
    print(f"  KV cache speed-up vs no cache: {sampling['speedup_kv_cache_vs_no_cache']:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
