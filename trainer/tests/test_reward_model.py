import math

import pytest
import torch

from medrank_trainer.modeling import load_backbone
from medrank_trainer.reward_model import RewardModel, collate, encode_rankings, last_token_index, ranking_loss
from medrank_trainer.data import RankingItem
from medrank_trainer.template import ChatFormat, pad_sequences


def brute_force_loss(rewards, rankings, margin=0.0, center=0.0):
    """Textbook reference: for each ranking, average −log σ(r_h − r_l − m) over pairs h ranked above l."""
    total, offset, used = 0.0, 0, 0
    for ranks in rankings:
        r = rewards[offset:offset + len(ranks)]
        terms = [-math.log(1 / (1 + math.exp(-(r[h] - r[l] - margin))))
                 for h in range(len(ranks)) for l in range(len(ranks)) if ranks[h] < ranks[l]]
        if terms:
            used += 1
            total += sum(terms) / len(terms) + center * (sum(r) / len(r)) ** 2
        offset += len(ranks)
    return total / used


RANKINGS = [[1, 2, 3, 4], [2, 1, 1, 3], [1, 2], [3, 1, 2, 4, 5, 5, 6, 7], [1, 1, 2]]


@pytest.mark.parametrize("margin, center", [(0.0, 0.0), (0.5, 0.0), (0.0, 0.1), (0.3, 0.2)])
def test_loss_equals_brute_force_with_ties_and_variable_k(margin, center):
    gen = torch.Generator().manual_seed(0)
    rewards = torch.randn(sum(len(r) for r in RANKINGS), generator=gen, dtype=torch.float64)
    got = ranking_loss(rewards, RANKINGS, margin=margin, center_coef=center).item()
    want = brute_force_loss(rewards.tolist(), RANKINGS, margin, center)
    assert got == pytest.approx(want, rel=1e-5)


def test_loss_of_k2_is_the_pairwise_loss_and_skips_all_tied_rankings():
    rewards = torch.tensor([2.0, 0.5, 1.0, 1.0])
    loss = ranking_loss(rewards, [[1, 2], [1, 1]])
    assert loss.item() == pytest.approx(-math.log(torch.sigmoid(torch.tensor(1.5)).item()), rel=1e-6)


def test_loss_of_an_all_tied_batch_is_zero_not_nan():
    rewards = torch.tensor([0.3, -1.2, 0.7, 2.0, 1.0], requires_grad=True)
    loss = ranking_loss(rewards, [[1, 1, 1], [2, 2]], center_coef=0.0)
    assert loss.item() == 0.0
    loss.backward()  # a no-op step, not NaN gradients
    assert torch.equal(rewards.grad, torch.zeros(5))


def test_loss_rejects_mismatched_sizes():
    with pytest.raises(ValueError):
        ranking_loss(torch.zeros(3), [[1, 2], [1, 2]])


def test_last_token_index_under_right_and_left_padding():
    mask = torch.tensor([[1, 1, 1, 0, 0], [0, 0, 1, 1, 1], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]])
    assert last_token_index(mask).tolist() == [2, 4, 4, 0]


@pytest.fixture(scope="module")
def reward_model(tiny_model_dir):
    torch.manual_seed(0)
    return RewardModel(load_backbone(tiny_model_dir, device="cpu"), 32).eval()


def test_each_answer_is_forwarded_once_per_ranking(reward_model, tokenizer):
    items = [RankingItem("a", [{"role": "user", "content": "头痛"}], ["甲", "乙", "丙", "丁"], [1, 2, 3, 4]),
             RankingItem("b", [{"role": "user", "content": "发烧"}], ["好", "差", "中"], [1, 3, 2])]
    enc = encode_rankings(items, ChatFormat(tokenizer), 64)
    rows_seen = []
    handle = reward_model.backbone.get_input_embeddings().register_forward_hook(
        lambda mod, inp, out: rows_seen.append(inp[0].shape[0]))
    try:
        ids, mask, ranks = collate(enc, tokenizer.pad_token_id, "right", "cpu")
        rewards = reward_model(ids, mask)
        loss = ranking_loss(rewards, ranks)
        loss.backward()
    finally:
        handle.remove()
    assert rows_seen == [7]  # one forward, 4 + 3 rows: all C(4,2)+C(3,2) = 9 pairs come from it
    assert rewards.shape == (7,)


def test_score_is_read_at_the_last_real_token_under_any_padding(reward_model, tokenizer):
    chat = ChatFormat(tokenizer)
    msgs = [{"role": "user", "content": "孩子咳嗽一周"}]
    rows = [chat.encode_pair(msgs, ans, 128).input_ids for ans in ["建议查血常规。", "多喝水", "需要拍胸片看看是否有肺炎"]]
    with torch.no_grad():
        alone = torch.cat([reward_model(torch.tensor([r]), torch.ones(1, len(r), dtype=torch.long)) for r in rows])
        results = {}
        for side in ("right", "left"):
            for pad_id in (tokenizer.pad_token_id, tokenizer.eos_token_id):  # pad == EOS must still work
                ids, mask = pad_sequences(rows, pad_id, side=side)
                results[(side, pad_id)] = reward_model(ids, mask)
    for key, value in results.items():
        torch.testing.assert_close(value, alone, atol=1e-5, rtol=1e-5, msg=f"padding {key}")
    # the readout really depends on the answer: different answers, different scores
    assert alone.unique().numel() == 3


def _tiny_backbone(arch: str, attn: str):
    from transformers import AutoModel, LlamaConfig, Qwen2Config

    common = dict(vocab_size=120, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                  num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256)
    config = (Qwen2Config(**common) if arch == "qwen2" else LlamaConfig(**common))
    config._attn_implementation = attn
    torch.manual_seed(0)
    return AutoModel.from_config(config, attn_implementation=attn).eval()


def _encoded(prompt_lens, answer_lens, seed=0):
    from medrank_trainer.reward_model import EncodedRanking
    from medrank_trainer.template import EncodedPair

    gen = torch.Generator().manual_seed(seed)
    out = []
    for p, lens in zip(prompt_lens, answer_lens):
        prompt = torch.randint(3, 120, (p,), generator=gen).tolist()
        answers = [EncodedPair(prompt + torch.randint(3, 120, (n,), generator=gen).tolist(), p, False, False)
                   for n in lens]
        ranks = list(range(1, len(lens) + 1))
        item = RankingItem(id=str(len(out)), messages=[], responses=[str(i) for i in range(len(lens))], ranks=ranks)
        out.append(EncodedRanking(item, answers))
    return out


@pytest.mark.parametrize("arch", ["llama", "qwen2"])
@pytest.mark.parametrize("attn", ["sdpa", "eager"])
def test_packed_rankings_score_exactly_as_one_row_per_answer(arch, attn):
    """Prompt forwarded once + K answers under the block mask == K separate (prompt, answer) rows."""
    from conftest import FP32
    from medrank_trainer.reward_model import forward_rankings, pack_rankings

    model = RewardModel(_tiny_backbone(arch, attn), 32).eval()
    batch = _encoded([17, 5, 30], [[4, 9, 1, 6], [3, 12], [8, 2, 5]])
    packed = pack_rankings(batch)
    # the prompt of each ranking appears once: 17 + 5 + 30 prompt tokens, not 4·17 + 2·5 + 3·30
    assert packed.tokens == 17 + 20 + 5 + 15 + 30 + 15
    assert packed.position_ids[0, 17:21].tolist() == [17, 18, 19, 20]  # answer 1 starts after the prompt
    assert packed.position_ids[0, 21:30].tolist() == list(range(17, 26))  # answer 2 restarts there too
    with torch.no_grad():
        packed_scores, _ = forward_rankings(model, batch, "prompt", 0, "right", "cpu")
        unpacked, _ = forward_rankings(model, batch, "none", 0, "right", "cpu")
        ids, mask, _ = collate(batch, 0, "left", "cpu")
        left = model(ids, mask)
    assert packed_scores.shape == (9,)
    torch.testing.assert_close(packed_scores, unpacked, **FP32)
    torch.testing.assert_close(packed_scores, left, **FP32)
    # several rows (a row budget of 50 tokens): padding, row offsets, same scores
    rows = pack_rankings(batch, row_tokens=50)
    assert rows.input_ids.shape[0] == 3 and rows.tokens == packed.tokens
    with torch.no_grad():
        torch.testing.assert_close(model.forward_packed(rows), unpacked, **FP32)
    # the mask has teeth: letting answers see each other changes the scores
    broken = pack_rankings(batch)
    broken.part = torch.zeros_like(broken.part)
    with torch.no_grad():
        assert not torch.allclose(model.forward_packed(broken), packed_scores, atol=1e-3)


def test_packed_gradients_match_one_row_per_answer():
    from conftest import FP32
    from medrank_trainer.reward_model import forward_rankings

    batch = _encoded([11, 6], [[3, 7, 2, 5], [4, 4, 9]], seed=3)
    grads = []
    for packing in ("prompt", "none"):
        model = RewardModel(_tiny_backbone("llama", "sdpa"), 32)
        rewards, _ = forward_rankings(model, batch, packing, 0, "right", "cpu")
        ranking_loss(rewards, [e.item.ranks for e in batch]).backward()
        grads.append(torch.cat([p.grad.flatten() for p in model.parameters() if p.grad is not None]))
    torch.testing.assert_close(grads[0], grads[1], **FP32)


def test_config_refuses_fp16_training_and_flash_attention_with_a_shared_prompt():
    from medrank_trainer.data import TrainerInputError
    from medrank_trainer.reward_model import RMConfig

    with pytest.raises(TrainerInputError, match="loss scaling"):
        RMConfig(model="m", data="d", out="o", dtype="fp16").validate()
    with pytest.raises(TrainerInputError, match="flash_attention_2"):
        RMConfig(model="m", data="d", out="o", attn_implementation="flash_attention_2").validate()
    RMConfig(model="m", data="d", out="o", dtype="bf16", attn_implementation="eager", packing="none").validate()
