"""Batched sampling for PPO rollouts and the `sample` subcommand.

`generate` runs a left-padded batch through the model once (prefill) and then
one token at a time against the KV cache; `generate_no_cache` is the textbook
loop that re-reads the whole sequence at every step. The second exists as a
correctness reference (greedy outputs must match) and as the baseline of
`bench/bench_ppo.py`.

Left padding keeps every prompt's last token in the same column, so one
forward pass gives every row's next-token logits. Position ids are computed
from the attention mask (pads do not advance the position), which makes a
padded row produce the same tokens as the same prompt alone.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Sequence

import torch

from .template import pad_sequences


def left_pad(rows: Sequence[Sequence[int]], pad_token_id: int, device=None) -> tuple[torch.Tensor, torch.Tensor]:
    """Token id lists -> (ids [B, P], mask [B, P]), padded on the left."""
    return pad_sequences(rows, pad_token_id, side="left", device=device)


@dataclass
class Generation:
    """Prompts and sampled answers of one batch.

    prompt_ids / prompt_mask: [B, P] left-padded prompts (mask 1 on real tokens).
    response_ids: [B, T] sampled tokens; positions after the end are `pad_token_id`.
    response_mask: [B, T] 1 on the answer's tokens, the EOS token included.
    ended: [B] True where the answer emitted an EOS token within the budget.
    """

    prompt_ids: torch.Tensor
    prompt_mask: torch.Tensor
    response_ids: torch.Tensor
    response_mask: torch.Tensor
    ended: torch.Tensor

    @property
    def sequences(self) -> torch.Tensor:
        return torch.cat([self.prompt_ids, self.response_ids], dim=1)

    @property
    def attention_mask(self) -> torch.Tensor:
        return torch.cat([self.prompt_mask, self.response_mask], dim=1)

    @property
    def num_generated_tokens(self) -> int:
        return int(self.response_mask.sum().item())


def position_ids_from_mask(mask: torch.Tensor) -> torch.Tensor:
    """Positions that skip left padding: 0 at each row's first real token."""
    return (mask.long().cumsum(-1) - 1).clamp(min=0)


def _base_model(model):
    # accelerate / DDP wrap in `.module`; peft keeps the transformers model behind get_base_model().
    while hasattr(model, "module"):
        model = model.module
    if hasattr(model, "get_base_model"):
        model = model.get_base_model()
    return model


def _cache_names(model) -> tuple[str, str]:
    """The keyword for the KV cache going in and the attribute coming out.

    transformers >= 5.2x calls it `cache` (keeping `past_key_values` as a deprecated
    alias that warns); earlier 5.x releases call it `past_key_values`. Asking the
    model's own signature keeps one code path quiet on both.
    """
    params = inspect.signature(_base_model(model).forward).parameters
    return ("cache", "cache") if "cache" in params else ("past_key_values", "past_key_values")


def sample_next_token(
    logits: torch.Tensor,
    temperature: float,
    top_p: float,
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """One token per row from [B, V] logits: greedy when temperature == 0, else
    temperature-scaled nucleus (top-p) sampling."""
    if temperature <= 0:
        return logits.argmax(dim=-1)
    probs = torch.softmax(logits.float() / temperature, dim=-1)
    if top_p < 1.0:
        sorted_probs, sorted_idx = probs.sort(dim=-1, descending=True)
        # Drop a token when the tokens ranked above it already cover top_p; the
        # most likely token is always kept.
        drop = (sorted_probs.cumsum(dim=-1) - sorted_probs) > top_p
        sorted_probs = sorted_probs.masked_fill(drop, 0.0)
        probs = torch.zeros_like(probs).scatter(-1, sorted_idx, sorted_probs)
    # Inverse-CDF draw: one uniform per row and a binary search. Same distribution as
    # torch.multinomial, which on the CPU costs several ms per call on a large vocabulary.
    cdf = probs.cumsum(dim=-1)
    u = torch.rand(probs.shape[0], 1, device=probs.device, generator=generator) * cdf[:, -1:]
    # right=True: the first token whose cumulative mass exceeds u, so a zero-probability
    # token (cut by top-p) can never be drawn.
    return torch.searchsorted(cdf, u, right=True).squeeze(-1).clamp(max=probs.shape[-1] - 1)


def _eos_tensor(eos_token_id, device) -> torch.Tensor:
    ids = [eos_token_id] if isinstance(eos_token_id, int) else list(eos_token_id)
    return torch.tensor(ids, dtype=torch.long, device=device)


@torch.no_grad()
def generate(
    model,
    prompt_ids: torch.Tensor,
    prompt_mask: torch.Tensor,
    *,
    max_new_tokens: int,
    eos_token_id: int | Sequence[int],
    pad_token_id: int,
    temperature: float = 1.0,
    top_p: float = 1.0,
    generator: torch.Generator | None = None,
    expand: torch.Tensor | Sequence[int] | None = None,
) -> Generation:
    """Sample up to `max_new_tokens` per row with a KV cache; stop a row at EOS
    and the batch when every row has stopped.

    `expand`: answer row i continues prompt row `expand[i]` (e.g. [0, 0, 0, 0, 1, 1, 1, 1] for K = 4
    answers to each of 2 prompts). Each prompt is then prefilled ONCE and its KV cache copied to its
    answer rows, instead of prefilling the same prompt K times."""
    cache_in, cache_out = _cache_names(model)
    device = prompt_ids.device
    eos = _eos_tensor(eos_token_id, device)
    out = model(
        input_ids=prompt_ids,
        attention_mask=prompt_mask,
        position_ids=position_ids_from_mask(prompt_mask),
        use_cache=True,
        logits_to_keep=1,
    )
    if expand is not None:
        rows = torch.as_tensor(expand, dtype=torch.long, device=device)
        getattr(out, cache_out).reorder_cache(rows)  # copies each prompt's cache to its answer rows
        out.logits = out.logits[rows]
        prompt_ids, prompt_mask = prompt_ids[rows], prompt_mask[rows]
    batch = prompt_ids.shape[0]
    mask = prompt_mask.clone()
    finished = torch.zeros(batch, dtype=torch.bool, device=device)
    ended = torch.zeros(batch, dtype=torch.bool, device=device)
    tokens, keep = [], []
    next_position = mask.sum(-1, keepdim=True)  # position of the first new token per row
    for _ in range(max_new_tokens):
        token = sample_next_token(out.logits[:, -1, :], temperature, top_p, generator)
        token = torch.where(finished, torch.full_like(token, pad_token_id), token)
        alive = ~finished
        tokens.append(token)
        keep.append(alive)
        is_eos = torch.isin(token, eos) & alive
        ended |= is_eos
        finished |= is_eos
        if bool(finished.all()):
            break
        mask = torch.cat([mask, alive.long().unsqueeze(1)], dim=1)
        out = model(
            input_ids=token.unsqueeze(1),
            attention_mask=mask,
            position_ids=next_position,
            use_cache=True,
            **{cache_in: getattr(out, cache_out)},
        )
        next_position = next_position + 1
    return _pack(prompt_ids, prompt_mask, tokens, keep, ended, pad_token_id)


@torch.no_grad()
def generate_no_cache(
    model,
    prompt_ids: torch.Tensor,
    prompt_mask: torch.Tensor,
    *,
    max_new_tokens: int,
    eos_token_id: int | Sequence[int],
    pad_token_id: int,
    temperature: float = 1.0,
    top_p: float = 1.0,
    generator: torch.Generator | None = None,
) -> Generation:
    """Reference loop: a full forward over the whole sequence for every new token."""
    device = prompt_ids.device
    eos = _eos_tensor(eos_token_id, device)
    batch = prompt_ids.shape[0]
    ids, mask = prompt_ids, prompt_mask
    finished = torch.zeros(batch, dtype=torch.bool, device=device)
    ended = torch.zeros(batch, dtype=torch.bool, device=device)
    tokens, keep = [], []
    for _ in range(max_new_tokens):
        logits = model(
            input_ids=ids, attention_mask=mask, position_ids=position_ids_from_mask(mask), use_cache=False,
            logits_to_keep=1,
        ).logits
        token = sample_next_token(logits[:, -1, :], temperature, top_p, generator)
        token = torch.where(finished, torch.full_like(token, pad_token_id), token)
        alive = ~finished
        tokens.append(token)
        keep.append(alive)
        is_eos = torch.isin(token, eos) & alive
        ended |= is_eos
        finished |= is_eos
        if bool(finished.all()):
            break
        ids = torch.cat([ids, token.unsqueeze(1)], dim=1)
        mask = torch.cat([mask, alive.long().unsqueeze(1)], dim=1)
    return _pack(prompt_ids, prompt_mask, tokens, keep, ended, pad_token_id)


def _pack(prompt_ids, prompt_mask, tokens, keep, ended, pad_token_id) -> Generation:
    if tokens:
        response_ids = torch.stack(tokens, dim=1)
        response_mask = torch.stack(keep, dim=1).long()
    else:
        response_ids = prompt_ids.new_full((prompt_ids.shape[0], 0), pad_token_id)
        response_mask = prompt_mask.new_zeros((prompt_ids.shape[0], 0))
    return Generation(prompt_ids, prompt_mask, response_ids, response_mask, ended)


def stop_token_ids(tokenizer, model) -> list[int]:
    """The tokenizer's EOS plus the model's generation EOS ids (chat models end a turn with their own token)."""
    ids = {tokenizer.eos_token_id}
    gen_eos = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
    if gen_eos is not None:
        ids.update([gen_eos] if isinstance(gen_eos, int) else gen_eos)
    return sorted(i for i in ids if i is not None)


def decode_responses(tokenizer, generation: Generation) -> list[str]:
    """Answer texts without padding and special tokens (EOS included)."""
    texts = []
    for ids, m in zip(generation.response_ids.tolist(), generation.response_mask.tolist()):
        texts.append(tokenizer.decode([t for t, k in zip(ids, m) if k], skip_special_tokens=True).strip())
    return texts
