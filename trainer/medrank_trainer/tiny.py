"""A TINY random LLaMA-style model and a character-level tokenizer, built in code.

For tests, benchmarks and the local CPU demo only: the weights are random, it
knows no medicine. Nothing is downloaded. The tokenizer covers ASCII, CJK
punctuation, fullwidth forms and every CJK unified ideograph (U+4E00–U+9FFF),
one token per character, so Chinese text round-trips exactly.

    medrank-trainer tiny-model runs/tiny-model
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Iterable

PAD, BOS, EOS, UNK = "<pad>", "<s>", "</s>", "<unk>"
SPECIAL_TOKENS = [PAD, BOS, EOS, UNK]

_RANGES = [
    (0x20, 0x7E),  # printable ASCII
    (0xA0, 0xFF),  # Latin-1 (°, ±, µ, ×)
    (0x2010, 0x2027),  # dashes, quotes, ellipsis
    (0x2100, 0x215F),  # letterlike (℃), fractions
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # circled numbers ①
    (0x3000, 0x303F),  # CJK punctuation 。、「」
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xFF00, 0xFFEF),  # fullwidth forms ，！？（）
]


def _charset(extra_texts: Iterable[str] = ()) -> list[str]:
    chars = ["\n", "\t"]
    for lo, hi in _RANGES:
        chars.extend(chr(c) for c in range(lo, hi + 1))
    seen = set(chars)
    for text in extra_texts:
        for ch in text:
            if ch not in seen:
                seen.add(ch)
                chars.append(ch)
    return chars


def build_tokenizer(extra_texts: Iterable[str] = ()):
    """Character-level fast tokenizer (`transformers.PreTrainedTokenizerFast`) with pad/bos/eos/unk.

    No chat template: MedRank's default doctor–patient template is used with it.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {tok: i for i, tok in enumerate(SPECIAL_TOKENS)}
    for ch in _charset(extra_texts):
        vocab.setdefault(ch, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token=UNK))
    # Every character is its own token (newlines included).
    tok.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    tok.decoder = decoders.Fuse()
    tok.add_special_tokens(SPECIAL_TOKENS)
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=BOS,
        eos_token=EOS,
        pad_token=PAD,
        unk_token=UNK,
        clean_up_tokenization_spaces=False,
        model_max_length=2048,
    )


def tiny_llama_config(vocab_size: int, hidden_size: int = 32, num_hidden_layers: int = 2,
                      num_attention_heads: int = 4, intermediate_size: int = 64,
                      max_position_embeddings: int = 2048, **overrides):
    from transformers import LlamaConfig

    kwargs = dict(
        vocab_size=vocab_size,
        hidden_size=hidden_size,
        num_hidden_layers=num_hidden_layers,
        num_attention_heads=num_attention_heads,
        num_key_value_heads=num_attention_heads,
        intermediate_size=intermediate_size,
        max_position_embeddings=max_position_embeddings,
        pad_token_id=0,
        bos_token_id=1,
        eos_token_id=2,
        tie_word_embeddings=True,
    )
    kwargs.update(overrides)
    return LlamaConfig(**kwargs)


def build_tiny_model(out_dir: str | Path, seed: int = 0, **config_overrides) -> Path:
    """Write a tiny random LLaMA-style causal LM + tokenizer to `out_dir` and return the path."""
    import torch
    from transformers import LlamaForCausalLM

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = build_tokenizer()
    config = tiny_llama_config(vocab_size=len(tokenizer), **config_overrides)
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    (out / "README.md").write_text(
        "# Tiny random test/demo model\n\n"
        "Built by `medrank-trainer tiny-model`: a LLaMA-style causal LM with random weights "
        f"(hidden size {config.hidden_size}, {config.num_hidden_layers} layers) and a character-level "
        "tokenizer. For tests, benchmarks and CPU demos of the MedRank trainer only: it knows no medicine "
        "and must never be served to anyone.\n",
        encoding="utf-8",
    )
    (out / "medrank_tiny.json").write_text(json.dumps({"tiny_test_model": True, "seed": seed}) + "\n")
    return out


_DEMO_PATIENT = ["我头痛三天了，怎么办？", "孩子发烧三十八度五，要去医院吗？", "最近总是失眠，白天没精神。",
                 "皮肤起了红疹，很痒。", "饭后胃胀，偶尔反酸。", "膝盖上楼梯时疼。"]
_DEMO_FILLER = "建议您注意休息多喝水饮食清淡如果症状持续加重请及时就医检查明确病因再对症治疗"


def synthetic_rankings(n: int, k: int = 4, seed: int = 0, marker: str = "安") -> list[dict]:
    """Rankings-export lines with a LEARNABLE preference: more `marker` characters = better answer.

    For tests, benchmarks and the CPU demo. Answer i of a ranking holds k-1-i markers (best first),
    scattered among filler characters; the answers' order in the file is shuffled and `ranks` says the order.
    """
    import random

    rng = random.Random(seed)
    lines = []
    for idx in range(n):
        messages = [{"role": "user", "content": rng.choice(_DEMO_PATIENT)}]
        if rng.random() < 0.3:
            messages = [{"role": "user", "content": rng.choice(_DEMO_PATIENT)},
                        {"role": "assistant", "content": "请问持续多久了？"}] + messages
        answers = []
        for quality in range(k):  # quality 0 = best
            body = [rng.choice(_DEMO_FILLER) for _ in range(rng.randint(12, 24))]
            for _ in range(k - 1 - quality):
                body.insert(rng.randrange(len(body) + 1), marker)
            answers.append("".join(body))
        order = list(range(k))
        rng.shuffle(order)
        lines.append({"id": f"demo-{idx}", "messages": messages,
                      "responses": [answers[q] for q in order], "ranks": [q + 1 for q in order],
                      "meta": {"synthetic": True, "rule": f"more '{marker}' is better"}})
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="medrank-trainer tiny-model",
                                     description="Write a TINY random LLaMA-style model + tokenizer (tests and demos only).")
    parser.add_argument("out_dir", help="directory to create")
    parser.add_argument("--hidden-size", type=int, default=32)
    parser.add_argument("--num-layers", type=int, default=2)
    parser.add_argument("--num-heads", type=int, default=4)
    parser.add_argument("--intermediate-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--demo-rankings", default=None, metavar="FILE",
                        help="also write N synthetic rankings (more '安' = better) to FILE for a CPU demo")
    parser.add_argument("--demo-count", type=int, default=200, help="N for --demo-rankings")
    args = parser.parse_args(argv)
    out = build_tiny_model(args.out_dir, seed=args.seed, hidden_size=args.hidden_size,
                           num_hidden_layers=args.num_layers, num_attention_heads=args.num_heads,
                           intermediate_size=args.intermediate_size)
    print(f"tiny random test/demo model written to {out}")
    if args.demo_rankings:
        with open(args.demo_rankings, "w", encoding="utf-8") as fh:
            for line in synthetic_rankings(args.demo_count, seed=args.seed):
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        print(f"{args.demo_count} synthetic rankings written to {args.demo_rankings}")
    return 0
