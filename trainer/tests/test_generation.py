"""Batched KV-cache sampling against the no-cache reference loop."""

import pytest
import torch

from medrank_trainer.generation import (
    decode_responses,
    generate,
    generate_no_cache,
    left_pad,
    sample_next_token,
)
from medrank_trainer.tiny import build_tokenizer, tiny_llama_config



@pytest.fixture(scope="module")
def tiny_lm():
    from transformers import LlamaForCausalLM

    tokenizer = build_tokenizer()
    torch.manual_seed(0)
    model = LlamaForCausalLM(tiny_llama_config(vocab_size=len(tokenizer))).eval()
    return model, tokenizer


PROMPTS = ["病人：我头疼三天了，怎么办？\n医生：", "病人：咳嗽\n医生：", "病人：孩子发烧38度，要去医院吗？\n医生："]


def _batch(tokenizer):
    rows = [tokenizer(p, add_special_tokens=False)["input_ids"] for p in PROMPTS]
    return rows, *left_pad(rows, tokenizer.pad_token_id)


def test_left_pad_puts_padding_first():
    ids, mask = left_pad([[5, 6, 7], [8]], pad_token_id=0)
    assert ids.tolist() == [[5, 6, 7], [0, 0, 8]]
    assert mask.tolist() == [[1, 1, 1], [0, 0, 1]]


def test_greedy_kv_cache_equals_no_cache_with_left_padding(tiny_lm):
    model, tokenizer = tiny_lm
    rows, ids, mask = _batch(tokenizer)
    assert len({len(r) for r in rows}) == 3  # really padded
    kw = dict(max_new_tokens=12, eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id, temperature=0)
    cached = generate(model, ids, mask, **kw)
    reference = generate_no_cache(model, ids, mask, **kw)
    assert cached.response_ids.shape[1] > 0
    assert torch.equal(cached.response_ids, reference.response_ids)
    assert torch.equal(cached.response_mask, reference.response_mask)
    # each padded row generates exactly what the prompt generates alone
    for i, row in enumerate(rows):
        solo_ids, solo_mask = left_pad([row], tokenizer.pad_token_id)
        solo = generate(model, solo_ids, solo_mask, **kw)
        width = solo.response_ids.shape[1]
        assert torch.equal(solo.response_ids[0], cached.response_ids[i, :width])


def test_stops_at_eos_and_pads_after_it(tiny_lm):
    model, tokenizer = tiny_lm
    _, ids, mask = _batch(tokenizer)
    kw = dict(max_new_tokens=6, pad_token_id=tokenizer.pad_token_id, temperature=0)
    free = generate(model, ids, mask, eos_token_id=tokenizer.eos_token_id, **kw)
    # declare the second greedy token of row 0 an end token: row 0 must stop right there
    stop_token = int(free.response_ids[0, 1])
    out = generate(model, ids, mask, eos_token_id=[tokenizer.eos_token_id, stop_token], **kw)
    assert out.ended[0]
    length = int(out.response_mask[0].sum())
    assert out.response_ids[0, length - 1] == stop_token
    assert length <= 2
    assert (out.response_ids[0, length:] == tokenizer.pad_token_id).all()
    # rows that never end keep the full budget and are flagged as not ended
    for i in range(3):
        if not out.ended[i]:
            assert int(out.response_mask[i].sum()) == 6


def test_sampling_is_reproducible_with_a_seeded_generator(tiny_lm):
    model, tokenizer = tiny_lm
    _, ids, mask = _batch(tokenizer)
    kw = dict(max_new_tokens=8, eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
              temperature=1.0, top_p=0.9)
    a = generate(model, ids, mask, generator=torch.Generator().manual_seed(3), **kw)
    b = generate(model, ids, mask, generator=torch.Generator().manual_seed(3), **kw)
    c = generate(model, ids, mask, generator=torch.Generator().manual_seed(4), **kw)
    assert torch.equal(a.response_ids, b.response_ids)
    assert not torch.equal(a.response_ids, c.response_ids)
    texts = decode_responses(tokenizer, a)
    assert len(texts) == 3 and all(isinstance(t, str) for t in texts)


def test_top_p_keeps_only_the_nucleus():
    logits = torch.log(torch.tensor([[0.5, 0.3, 0.15, 0.05]]))
    g = torch.Generator().manual_seed(0)
    draws = {int(sample_next_token(logits, 1.0, 0.7, g)) for _ in range(200)}
    assert draws == {0, 1}  # 0.5 + 0.3 covers 0.7; tokens 2 and 3 are cut
    assert {int(sample_next_token(logits, 1.0, 0.01, g)) for _ in range(20)} == {0}
    assert int(sample_next_token(logits, 0.0, 1.0)) == 0  # temperature 0 is greedy


def test_sampling_follows_the_distribution():
    probs = torch.tensor([0.5, 0.3, 0.15, 0.05])
    logits = torch.log(probs).expand(4000, 4)  # 4000 rows drawn at once
    draws = sample_next_token(logits, 1.0, 1.0, torch.Generator().manual_seed(0))
    freq = torch.bincount(draws, minlength=4).float() / 4000
    assert torch.allclose(freq, probs, atol=0.03)
    # temperature 2 flattens: p^(1/2) renormalised
    flat = probs.sqrt() / probs.sqrt().sum()
    draws = sample_next_token(logits, 2.0, 1.0, torch.Generator().manual_seed(1))
    assert torch.allclose(torch.bincount(draws, minlength=4).float() / 4000, flat, atol=0.03)


def test_k_answers_per_prompt_prefill_each_prompt_once_and_match_repeated_prompts(tiny_lm):
    model, tokenizer = tiny_lm
    rows, ids, mask = _batch(tokenizer)
    expand = [0, 0, 0, 1, 2, 2]  # 3 answers to prompt 0, 1 to prompt 1, 2 to prompt 2
    seen = []
    hook = model.model.register_forward_pre_hook(lambda _m, _a, kw: seen.append(tuple(kw["input_ids"].shape)),
                                                 with_kwargs=True)
    kw = dict(max_new_tokens=6, eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
              temperature=1.0, top_p=0.95)
    try:
        once = generate(model, ids, mask, generator=torch.Generator().manual_seed(5), expand=expand, **kw)
    finally:
        hook.remove()
    assert seen[0] == (3, ids.shape[1])  # the prefill read each prompt once, not 6 rows
    assert all(shape == (6, 1) for shape in seen[1:])  # then one token per answer row
    # the same draws as prefilling every repeated prompt
    rep_ids, rep_mask = left_pad([rows[i] for i in expand], tokenizer.pad_token_id)
    repeated = generate(model, rep_ids, rep_mask, generator=torch.Generator().manual_seed(5), **kw)
    assert torch.equal(once.response_ids, repeated.response_ids)
    assert torch.equal(once.prompt_ids, rep_ids) and torch.equal(once.response_mask, repeated.response_mask)
