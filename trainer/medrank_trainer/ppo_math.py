"""The arithmetic of PPO for language models, kept free of models and I/O so the
tests can hold each formula against a hand computation.

Shapes: B answers, T answer tokens. `mask` is 1 on an answer's real tokens
(EOS included) and 0 on the padding after it; every reduction below is masked.
"""

from __future__ import annotations

import torch


def masked_sum(x: torch.Tensor, mask: torch.Tensor, dim=None) -> torch.Tensor:
    return (x * mask).sum() if dim is None else (x * mask).sum(dim)


def masked_mean(x: torch.Tensor, mask: torch.Tensor, dim=None) -> torch.Tensor:
    mask = mask.to(x.dtype)
    if dim is None:
        return (x * mask).sum() / mask.sum().clamp(min=1.0)
    return (x * mask).sum(dim) / mask.sum(dim).clamp(min=1.0)


def masked_var(x: torch.Tensor, mask: torch.Tensor, unbiased: bool = True) -> torch.Tensor:
    mask = mask.to(x.dtype)
    mean = masked_mean(x, mask)
    var = masked_mean((x - mean) ** 2, mask)
    n = mask.sum()
    if unbiased and n > 1:
        var = var * n / (n - 1)
    return var


def masked_whiten(x: torch.Tensor, mask: torch.Tensor, shift_mean: bool = True, eps: float = 1e-8) -> torch.Tensor:
    """(x - mean) / std over the masked entries. With shift_mean=False the mean is
    put back (used for rewards, whose sign carries meaning)."""
    mean, var = masked_mean(x, mask), masked_var(x, mask)
    whitened = (x - mean) * torch.rsqrt(var + eps)
    if not shift_mean:
        whitened = whitened + mean
    return whitened * mask.to(x.dtype)


def logprobs_from_logits(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """log p(label) per position: [B, T, V], [B, T] -> [B, T] (computed in fp32)."""
    logp = torch.log_softmax(logits.float(), dim=-1)
    return logp.gather(-1, labels.unsqueeze(-1)).squeeze(-1)


def entropy_from_logits(logits: torch.Tensor) -> torch.Tensor:
    """Entropy of the next-token distribution per position: [B, T, V] -> [B, T]."""
    logits = logits.float()
    logp = torch.log_softmax(logits, dim=-1)
    return -(logp.exp() * logp).sum(-1)


#: logits materialised at once by `chosen_logprobs_and_entropy` (per chunk of positions)
CHUNK_LOGITS = 2**24


def chosen_logprobs_and_entropy(
    hidden: torch.Tensor,
    lm_head: torch.nn.Module,
    labels: torch.Tensor,
    temperature: float = 1.0,
    chunk_tokens: int | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """log p(label) and the entropy per position from the last hidden states: [B, T, H] -> [B, T], [B, T].

    The same numbers as `logprobs_from_logits` / `entropy_from_logits` on `lm_head(hidden) / temperature`,
    but the [B, T, V] logits never exist at once: `chunk_tokens` positions at a time go through the LM
    head, are upcast to fp32 and give, from ONE logsumexp, both

        log p(y) = z_y − lse(z)        H = lse(z) − Σ_v softmax(z)_v · z_v

    With gradients on, each chunk is recomputed in the backward pass (activation checkpointing), so
    the backward keeps only the hidden states, not a chunk of vocabulary-wide fp32 tensors per chunk.
    On a 151,936-token vocabulary that is the difference between a few GB and ~a chunk's worth.
    `chunk_tokens` defaults to ~16M logits per chunk (64 MB in fp32): 110 positions at Qwen's vocabulary.
    """
    from torch.utils.checkpoint import checkpoint

    def chunk_stats(h: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        z = lm_head(h).float()
        if temperature != 1.0:
            z = z / temperature
        lse = torch.logsumexp(z, dim=-1)
        chosen = z.gather(-1, y.unsqueeze(-1)).squeeze(-1) - lse
        entropy = lse - (torch.softmax(z, dim=-1) * z).sum(-1)
        return chosen, entropy

    b, t, h = hidden.shape
    if chunk_tokens is None:
        chunk_tokens = max(1, CHUNK_LOGITS // lm_head.weight.shape[0])
    flat_h, flat_y = hidden.reshape(b * t, h), labels.reshape(b * t)
    grad = torch.is_grad_enabled() and (hidden.requires_grad or any(p.requires_grad for p in lm_head.parameters()))
    chosen, entropy = [], []
    for i in range(0, b * t, chunk_tokens):
        args = (flat_h[i:i + chunk_tokens], flat_y[i:i + chunk_tokens])
        c, e = checkpoint(chunk_stats, *args, use_reentrant=False) if grad else chunk_stats(*args)
        chosen.append(c)
        entropy.append(e)
    if not chosen:
        empty = hidden.new_zeros((b, t), dtype=torch.float32)
        return empty, empty
    return torch.cat(chosen).reshape(b, t), torch.cat(entropy).reshape(b, t)


def kl_per_token(logprobs: torch.Tensor, ref_logprobs: torch.Tensor, estimator: str = "k1") -> torch.Tensor:
    """Per-token estimate of KL(policy || reference) from tokens sampled by the policy.

    k1 = log π(a) − log π_ref(a): unbiased, can be negative on one sample.
    k3 = (r − 1) − log r with r = π_ref(a)/π(a): unbiased too, never negative, lower variance
    (Schulman, "Approximating KL divergence", 2020).
    """
    log_ratio = logprobs - ref_logprobs
    if estimator == "k1":
        return log_ratio
    if estimator == "k3":
        return torch.expm1(-log_ratio) + log_ratio
    raise ValueError(f"unknown KL estimator {estimator!r} (use 'k1' or 'k3')")


def token_rewards(
    scores: torch.Tensor, kl: torch.Tensor, mask: torch.Tensor, kl_coef: float
) -> torch.Tensor:
    """Reward per token: −β·KL on every answer token, plus the answer's score on its
    last token (the EOS, or the last token sampled when the answer never ended)."""
    rewards = -kl_coef * kl * mask
    last = (mask.sum(-1).long() - 1).clamp(min=0)
    rows = torch.arange(rewards.shape[0], device=rewards.device)
    rewards[rows, last] += scores.to(rewards.dtype)
    return rewards


def shape_scores(
    scores: torch.Tensor, ended: torch.Tensor, missing_eos_penalty: float, clip: float | None
) -> torch.Tensor:
    """Subtract a penalty from answers that never emitted EOS, then clip to ±clip."""
    scores = scores - missing_eos_penalty * (~ended).to(scores.dtype)
    if clip is not None and clip > 0:
        scores = scores.clamp(-clip, clip)
    return scores


def gae(
    rewards: torch.Tensor, values: torch.Tensor, mask: torch.Tensor, gamma: float, lam: float
) -> tuple[torch.Tensor, torch.Tensor]:
    """Generalised advantage estimation (Schulman et al. 2016) along each answer.

    δ_t = r_t + γ·V_{t+1} − V_t, A_t = δ_t + γλ·A_{t+1}; the value after the last
    answer token is 0 (the episode ends there). Returns (advantages, returns = A + V).
    """
    mask = mask.to(values.dtype)
    values = values * mask
    rewards = rewards * mask
    steps = rewards.shape[-1]
    advantages = torch.zeros_like(rewards)
    last = torch.zeros_like(rewards[:, 0])
    for t in reversed(range(steps)):
        next_value = values[:, t + 1] if t + 1 < steps else torch.zeros_like(last)
        delta = rewards[:, t] + gamma * next_value - values[:, t]
        last = (delta + gamma * lam * last) * mask[:, t]
        advantages[:, t] = last
    return advantages, (advantages + values) * mask


def policy_loss(
    logprobs: torch.Tensor,
    old_logprobs: torch.Tensor,
    advantages: torch.Tensor,
    mask: torch.Tensor,
    clip_range: float,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Clipped surrogate: mean over tokens of max(−A·ρ, −A·clip(ρ, 1±ε)).

    Returns (loss, clip fraction, approx-KL) with approx-KL = ½·E[(log ρ)²]
    (the estimate trl and OpenAI's lm-human-preferences report).
    """
    log_ratio = logprobs - old_logprobs
    ratio = torch.exp(log_ratio)
    unclipped = -advantages * ratio
    clipped = -advantages * torch.clamp(ratio, 1.0 - clip_range, 1.0 + clip_range)
    loss = masked_mean(torch.maximum(unclipped, clipped), mask)
    clipfrac = masked_mean((clipped > unclipped).to(logprobs.dtype), mask)
    approxkl = 0.5 * masked_mean(log_ratio**2, mask)
    return loss, clipfrac.detach(), approxkl.detach()


def value_loss(
    values: torch.Tensor,
    old_values: torch.Tensor,
    returns: torch.Tensor,
    mask: torch.Tensor,
    clip_range_value: float,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Clipped value loss: ½·mean(max((V − R)², (clip(V, V_old ± ε) − R)²)).
    Returns (loss, fraction of tokens where the clipped term was the larger)."""
    clipped_values = old_values + torch.clamp(values - old_values, -clip_range_value, clip_range_value)
    unclipped = (values - returns) ** 2
    clipped = (clipped_values - returns) ** 2
    loss = 0.5 * masked_mean(torch.maximum(unclipped, clipped), mask)
    clipfrac = masked_mean((clipped > unclipped).to(values.dtype), mask)
    return loss, clipfrac.detach()


def explained_variance(values: torch.Tensor, returns: torch.Tensor, mask: torch.Tensor) -> float:
    """1 − Var[R − V] / Var[R]: 1 is a perfect critic, 0 no better than a constant."""
    var_returns = masked_var(returns, mask)
    if var_returns <= 0:
        return float("nan")
    return float(1.0 - masked_var(returns - values, mask) / var_returns)


class FixedKLController:
    """β stays where it was set."""

    def __init__(self, kl_coef: float):
        self.value = kl_coef

    def update(self, current_kl: float, n_steps: int) -> None:
        pass


class AdaptiveKLController:
    """Ziegler et al. 2019 ("Fine-Tuning Language Models from Human Preferences", §2.2):

        e_t = clip(KL_t / KL_target − 1, −0.2, 0.2),    β_{t+1} = β_t · (1 + K_β · e_t)

    with K_β = n_t / horizon as in their released code (lm-human-preferences): n_t answers were
    scored since the last update, and `horizon` is counted in answers too. Units: KL_t is the KL
    of one whole answer (the sum of its per-token KL, nats, averaged over the step's answers) —
    the same unit as `KL_target` (6 nats per answer in the paper) — not a per-token mean.
    The gain per step grows with the batch: their 512 answers per step against a horizon of
    10,000 make K_β ≈ 0.05; the paper quotes K_β = 0.1.
    """

    def __init__(self, init_kl_coef: float, target: float, horizon: float):
        if target <= 0 or horizon <= 0:
            raise ValueError("the adaptive KL controller needs target > 0 and horizon > 0")
        self.value = init_kl_coef
        self.target = target
        self.horizon = horizon

    def update(self, current_kl: float, n_steps: int) -> None:
        error = min(max(current_kl / self.target - 1.0, -0.2), 0.2)
        self.value *= 1.0 + error * n_steps / self.horizon
