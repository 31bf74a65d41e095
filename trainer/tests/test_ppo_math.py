"""PPO arithmetic against hand computations on small arrays."""

import math

import pytest
import torch

from medrank_trainer import ppo_math as pm


def t(x):
    return torch.tensor(x, dtype=torch.float64)


def test_gae_matches_hand_computation_and_stops_at_the_answer_end():
    gamma, lam = 0.9, 0.8
    rewards = t([[0.1, -0.2, 1.0, 5.0]])  # last entry is padding: must not leak in
    values = t([[0.5, 0.4, 0.3, 9.0]])
    mask = t([[1, 1, 1, 0]])
    adv, ret = pm.gae(rewards, values, mask, gamma, lam)
    # by hand, backwards from the last real token (value after it is 0)
    d2 = 1.0 + gamma * 0.0 - 0.3
    d1 = -0.2 + gamma * 0.3 - 0.4
    d0 = 0.1 + gamma * 0.4 - 0.5
    a2 = d2
    a1 = d1 + gamma * lam * a2
    a0 = d0 + gamma * lam * a1
    assert torch.allclose(adv, t([[a0, a1, a2, 0.0]]))
    assert torch.allclose(ret, t([[a0 + 0.5, a1 + 0.4, a2 + 0.3, 0.0]]))


def test_gae_with_gamma_lambda_one_is_reward_to_go_minus_value():
    rewards = t([[1.0, 2.0, 3.0], [4.0, 0.0, 0.0]])
    values = t([[0.5, 0.5, 0.5], [1.0, 7.0, 7.0]])
    mask = t([[1, 1, 1], [1, 0, 0]])
    adv, ret = pm.gae(rewards, values, mask, 1.0, 1.0)
    assert torch.allclose(ret, t([[6.0, 5.0, 3.0], [4.0, 0.0, 0.0]]))
    assert torch.allclose(adv, t([[5.5, 4.5, 2.5], [3.0, 0.0, 0.0]]))


def test_token_rewards_put_the_score_on_the_last_real_token():
    kl = t([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    mask = t([[1, 1, 1], [1, 1, 0]])
    rewards = pm.token_rewards(t([2.0, -1.0]), kl, mask, kl_coef=0.5)
    assert torch.allclose(rewards, t([[-0.05, -0.1, -0.15 + 2.0], [-0.2, -0.25 - 1.0, 0.0]]))


def test_shape_scores_penalises_unended_answers_then_clips():
    scores = pm.shape_scores(t([1.0, 1.0, 20.0, -20.0]), torch.tensor([True, False, True, True]), 1.5, clip=5.0)
    assert torch.allclose(scores, t([1.0, -0.5, 5.0, -5.0]))


def test_kl_estimators():
    logp, ref = t([[-1.0, -2.0]]), t([[-1.5, -1.0]])
    assert torch.allclose(pm.kl_per_token(logp, ref, "k1"), t([[0.5, -1.0]]))
    # k3 = (r - 1) - log r, r = exp(ref - logp)
    r = [math.exp(-0.5), math.exp(1.0)]
    expected = [(r[0] - 1) - math.log(r[0]), (r[1] - 1) - math.log(r[1])]
    k3 = pm.kl_per_token(logp, ref, "k3")
    assert torch.allclose(k3, t([expected]))
    assert (k3 >= 0).all()
    with pytest.raises(ValueError):
        pm.kl_per_token(logp, ref, "k2x")


def test_whitening_uses_only_masked_entries():
    x = t([[1.0, 2.0, 3.0, 100.0]])
    mask = t([[1, 1, 1, 0]])
    w = pm.masked_whiten(x, mask)
    std = math.sqrt(((1 - 2) ** 2 + 0 + (3 - 2) ** 2) / 2)  # unbiased over 3 values
    assert torch.allclose(w, t([[-1 / std, 0.0, 1 / std, 0.0]]), atol=1e-6)
    kept = pm.masked_whiten(x, mask, shift_mean=False)
    assert torch.allclose(kept, t([[2 - 1 / std, 2.0, 2 + 1 / std, 0.0]]), atol=1e-6)


def test_clipped_policy_loss_by_hand():
    old = t([[0.0, 0.0, 0.0]])
    new = t([[math.log(1.5), math.log(0.5), math.log(1.1)]])
    adv = t([[1.0, 1.0, -2.0]])
    mask = t([[1, 1, 1]])
    loss, clipfrac, approxkl = pm.policy_loss(new, old, adv, mask, clip_range=0.2)
    # token 0: max(-1.5, -1.2) = -1.2 (clipped); token 1: max(-0.5, -0.8) = -0.5;
    # token 2: max(2.2, 2.2) = 2.2
    assert loss.item() == pytest.approx((-1.2 - 0.5 + 2.2) / 3)
    assert clipfrac.item() == pytest.approx(1 / 3)
    expected_kl = 0.5 * (math.log(1.5) ** 2 + math.log(0.5) ** 2 + math.log(1.1) ** 2) / 3
    assert approxkl.item() == pytest.approx(expected_kl)


def test_clipped_value_loss_by_hand():
    values, old, returns = t([[1.0, 0.0]]), t([[0.0, 0.0]]), t([[2.0, 1.0]])
    loss, clipfrac = pm.value_loss(values, old, returns, t([[1, 1]]), clip_range_value=0.5)
    # token 0: unclipped (1-2)^2 = 1, clipped (0.5-2)^2 = 2.25 -> 2.25; token 1: both 1
    assert loss.item() == pytest.approx(0.5 * (2.25 + 1.0) / 2)
    assert clipfrac.item() == pytest.approx(0.5)


def test_logprobs_and_entropy_from_logits():
    logits = torch.log(t([[[0.5, 0.25, 0.25]]]))
    assert pm.logprobs_from_logits(logits, torch.tensor([[1]])).item() == pytest.approx(math.log(0.25))
    expected = -(0.5 * math.log(0.5) + 2 * 0.25 * math.log(0.25))
    assert pm.entropy_from_logits(logits).item() == pytest.approx(expected)


def test_explained_variance():
    returns, mask = t([[1.0, 2.0, 3.0]]), t([[1, 1, 1]])
    assert pm.explained_variance(returns, returns, mask) == pytest.approx(1.0)
    assert pm.explained_variance(t([[2.0, 2.0, 2.0]]), returns, mask) == pytest.approx(0.0)


def test_adaptive_kl_controller_matches_the_reference_formulation_step_by_step():
    # Reference (Ziegler et al. 2019 §2.2, lm-human-preferences): e = clip(KL/target − 1, ±0.2),
    # β ← β(1 + e·n/horizon), KL per answer (nats), n answers per step.
    beta, ctl = 0.05, pm.AdaptiveKLController(0.05, target=6.0, horizon=160)
    for kl in [12.0, 12.0, 0.0, 6.0, 6.6, 30.0]:
        e = max(-0.2, min(0.2, kl / 6.0 - 1))
        beta = beta * (1 + e * 16 / 160)
        ctl.update(kl, n_steps=16)
        assert ctl.value == pytest.approx(beta, rel=1e-12)
    # KL at twice the target for 80 steps of 16 answers with the default horizon: β grows ~4.6×
    # (the old default horizon of 10,000 answers moved it by 2.6% in the same run).
    ctl = pm.AdaptiveKLController(0.05, target=6.0, horizon=160)
    for _ in range(80):
        ctl.update(12.0, n_steps=16)
    assert ctl.value == pytest.approx(0.05 * 1.02 ** 80) and ctl.value > 0.2
    with pytest.raises(ValueError):
        pm.AdaptiveKLController(0.05, target=0.0, horizon=160)


def test_adaptive_kl_controller_follows_ziegler():
    ctl = pm.AdaptiveKLController(0.1, target=6.0, horizon=10000)
    ctl.update(current_kl=12.0, n_steps=100)  # error clipped to +0.2
    assert ctl.value == pytest.approx(0.1 * (1 + 0.2 * 100 / 10000))
    ctl = pm.AdaptiveKLController(0.1, target=6.0, horizon=10000)
    ctl.update(current_kl=5.4, n_steps=100)  # error -0.1
    assert ctl.value == pytest.approx(0.1 * (1 - 0.1 * 100 / 10000))
    fixed = pm.FixedKLController(0.1)
    fixed.update(100.0, 100)
    assert fixed.value == 0.1


@pytest.mark.parametrize("chunk", [1, 5, 512])
@pytest.mark.parametrize("temperature", [1.0, 0.7])
def test_chunked_logprobs_and_entropy_equal_the_full_vocabulary_computation(chunk, temperature):
    torch.manual_seed(0)
    head = torch.nn.Linear(16, 50, bias=False)
    hidden = torch.randn(3, 7, 16, requires_grad=True)
    labels = torch.randint(0, 50, (3, 7))
    lp, ent = pm.chosen_logprobs_and_entropy(hidden, head, labels, temperature, chunk_tokens=chunk)
    (lp.sum() + 0.5 * ent.sum()).backward()
    got_grads = hidden.grad.clone(), head.weight.grad.clone()

    hidden.grad, head.weight.grad = None, None
    logits = head(hidden).double() / temperature  # reference: every logit at once, float64
    ref_lp = pm.logprobs_from_logits(logits, labels)
    ref_ent = pm.entropy_from_logits(logits)
    (ref_lp.sum() + 0.5 * ref_ent.sum()).backward()
    torch.testing.assert_close(lp.double(), ref_lp.double(), rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(ent.double(), ref_ent.double(), rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(got_grads[0], hidden.grad, rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(got_grads[1], head.weight.grad, rtol=1e-4, atol=1e-5)
