"""PPO arithmetic where ppo.py uses it: a tiny rollout's advantages and returns, and the first
update's losses, worked out again here with plain Python loops over the rollout's own tensors.

ppo_math's formulas have their own tests (test_ppo_math.py); these catch a wrong call: γ and λ
swapped, the whitening call dropped, whitening that does not divide by the standard deviation,
returns built from the whitened advantages, the KL term or the score put on the wrong token.
The data is chosen so that each of those changes the numbers: a non-zero value head (with
V = 0, GAE depends on γ·λ only and a swap is invisible), a non-zero LoRA adapter (KL ≠ 0),
γ ≠ λ, and advantages whose standard deviation is far from 1.
"""

import math

import pytest
import torch

from medrank_trainer import ppo
from medrank_trainer.data import PromptItem
from medrank_trainer.template import ChatFormat

GAMMA, LAM, BETA, PENALTY = 0.9, 0.6, 0.2, 0.5
SCORES = [8.0, 3.0, 14.0, 5.0]
MESSAGES = ["头疼怎么办", "咳嗽三天了", "发烧了", "肚子疼"]


def _config(model_dir, tmp_path, **overrides):
    values = dict(policy=str(model_dir), prompts=str(tmp_path / "unused.jsonl"), out=str(tmp_path / "run"),
                  batch_size=len(MESSAGES), mini_batch_size=len(MESSAGES), forward_batch_size=3, max_new_tokens=6,
                  gamma=GAMMA, lam=LAM, init_kl_coef=BETA, adaptive_kl=False, missing_eos_penalty=PENALTY,
                  reward_clip=12.0, kl_estimator="k1", temperature=1.0, ppo_epochs=1, learning_rate=0.0,
                  max_grad_norm=0.0, early_stop_kl=0.0, lora_r=4, lora_alpha=8, seed=0)
    values.update(overrides)
    return ppo.PPOConfig(**values)


def _scores(dialogues, answers):
    return SCORES[:len(answers)]


@pytest.fixture()
def policy(tiny_model_dir, tmp_path):
    """The tiny policy with a non-zero adapter (so KL ≠ 0) and value head (so V ≠ 0)."""
    cfg = _config(tiny_model_dir, tmp_path)
    torch.manual_seed(0)
    model, tokenizer = ppo.build_policy(cfg, torch.device("cpu"), torch.float32)
    gen = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for name, p in model.policy.named_parameters():
            if "lora_B" in name:
                p.copy_(torch.randn(p.shape, generator=gen) * 0.3)
        model.value_head.weight.copy_(torch.randn(model.value_head.weight.shape, generator=gen) * 0.5)
        model.value_head.bias.fill_(0.7)
    return model, tokenizer


def _rollout(model, tokenizer, cfg):
    items = [PromptItem(id=str(i), messages=[{"role": "user", "content": m}]) for i, m in enumerate(MESSAGES)]
    return ppo.collect_rollout(model, tokenizer, ChatFormat(tokenizer), items, _scores, BETA, cfg,
                               torch.Generator().manual_seed(3), torch.device("cpu"))


@torch.no_grad()
def _reference_logprobs(model, rollout):
    width = rollout.response_ids.shape[1]
    with model.policy.disable_adapter():
        logits, _ = model(rollout.sequences, rollout.attention_mask, width)
    logp = torch.log_softmax(logits.float(), dim=-1)
    return logp.gather(-1, rollout.response_ids.unsqueeze(-1)).squeeze(-1)


def _by_hand(model, rollout, cfg):
    """Per answer: token rewards, GAE advantages and returns, as lists of floats."""
    ref = _reference_logprobs(model, rollout).tolist()
    logprobs, values = rollout.logprobs.tolist(), rollout.values.tolist()
    lengths = [int(n) for n in rollout.mask.sum(1).tolist()]
    advantages, returns = [], []
    for i, n in enumerate(lengths):
        score = SCORES[i] - (0.0 if bool(rollout.ended[i]) else PENALTY)
        score = max(-cfg.reward_clip, min(cfg.reward_clip, score))
        rewards = [-BETA * (logprobs[i][t] - ref[i][t]) for t in range(n)]
        rewards[n - 1] += score
        adv = [0.0] * n
        running = 0.0
        for t in reversed(range(n)):
            next_value = values[i][t + 1] if t + 1 < n else 0.0
            delta = rewards[t] + GAMMA * next_value - values[i][t]
            running = delta + GAMMA * LAM * running
            adv[t] = running
        advantages.append(adv)
        returns.append([a + v for a, v in zip(adv, values[i][:n])])
    return lengths, advantages, returns


def _whiten(rows):
    flat = [a for row in rows for a in row]
    mean = sum(flat) / len(flat)
    std = math.sqrt(sum((a - mean) ** 2 for a in flat) / (len(flat) - 1))  # sample standard deviation
    return [[(a - mean) / std for a in row] for row in rows], mean, std


def _assert_rows(tensor, rows, lengths, what):
    for i, (row, n) in enumerate(zip(rows, lengths)):
        got = tensor[i, :n].tolist()
        assert got == pytest.approx(row, rel=1e-4, abs=1e-5), f"{what}, answer {i}"
        assert tensor[i, n:].abs().sum().item() == 0.0, f"{what}, answer {i}: padding must stay 0"


def test_rollout_advantages_and_returns_match_a_hand_computation(policy, tiny_model_dir, tmp_path):
    model, tokenizer = policy
    cfg = _config(tiny_model_dir, tmp_path)
    rollout = _rollout(model, tokenizer, cfg)
    lengths, advantages, returns = _by_hand(model, rollout, cfg)
    assert all(n >= 2 for n in lengths), lengths  # multi-token answers: γ and λ both matter
    assert any(abs(v) > 0.1 for row in rollout.values.tolist() for v in row)
    whitened, mean, std = _whiten(advantages)
    # The data can tell whitening from centring and from nothing at all.
    assert abs(std - 1.0) > 0.25 and abs(mean) > 0.25, (mean, std)

    _assert_rows(rollout.returns, returns, lengths, "returns = GAE advantages + values (before whitening)")
    _assert_rows(rollout.advantages, whitened, lengths, "whitened advantages")


def test_without_whitening_the_advantages_are_plain_gae(policy, tiny_model_dir, tmp_path):
    model, tokenizer = policy
    cfg = _config(tiny_model_dir, tmp_path, whiten_advantages=False)
    rollout = _rollout(model, tokenizer, cfg)
    lengths, advantages, returns = _by_hand(model, rollout, cfg)
    _assert_rows(rollout.advantages, advantages, lengths, "GAE advantages")
    _assert_rows(rollout.returns, returns, lengths, "returns")


@pytest.mark.parametrize("whiten", [True, False])
def test_first_update_losses_use_the_rollouts_advantages_and_returns(policy, tiny_model_dir, tmp_path, whiten):
    """One minibatch, one epoch, learning rate 0: the ratio is 1, so the policy loss is −mean(A)
    over answer tokens and the value loss ½·mean((V − R)²) = ½·mean(A_gae²) — with the
    whitened A in the first and the raw GAE A in the second."""
    from accelerate import Accelerator

    model, tokenizer = policy
    cfg = _config(tiny_model_dir, tmp_path, whiten_advantages=whiten)
    rollout = _rollout(model, tokenizer, cfg)
    lengths, advantages, _ = _by_hand(model, rollout, cfg)
    used = _whiten(advantages)[0] if whiten else advantages
    tokens = sum(lengths)
    expected_policy = -sum(a for row in used for a in row) / tokens
    expected_value = 0.5 * sum(a * a for row in advantages for a in row) / tokens

    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=0.0)
    stats = ppo.ppo_update(model, optimizer, Accelerator(cpu=True), rollout, cfg, shuffle_seed=0)

    assert stats["loss/policy"] == pytest.approx(expected_policy, abs=1e-4)
    assert stats["loss/value"] == pytest.approx(expected_value, rel=1e-4)
    assert stats["policy/clipfrac"] == 0.0
