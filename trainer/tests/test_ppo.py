"""PPO end to end on tiny models: KL at the start, learning, reproducibility, the CLI with an RM run, resume."""

import json
import math

import pytest
import torch

from medrank_trainer import ppo
from medrank_trainer.data import PromptItem
from medrank_trainer.template import ChatFormat
from medrank_trainer.tiny import BOS, EOS, PAD, SPECIAL_TOKENS, UNK, build_tiny_model, tiny_llama_config

PATIENT_MESSAGES = ["头疼怎么办", "咳嗽三天了", "发烧了", "肚子疼", "失眠", "皮肤痒", "牙疼", "腰疼"]
REQUIRED_KEYS = [
    "objective/reward", "objective/score", "objective/kl", "objective/entropy", "objective/kl_coef",
    "policy/clipfrac", "policy/approxkl", "loss/policy", "loss/value", "value/explained_variance",
    "timing/generation_s", "timing/scoring_s", "timing/training_s", "perf/generated_tokens_per_s",
]



def _small_vocab_tokenizer(chars):
    """Like tiny.build_tokenizer (one token per character) but over a few dozen characters, so a
    random policy samples the rewarded characters often enough to learn within a few CPU steps."""
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {t: i for i, t in enumerate(SPECIAL_TOKENS)}
    for ch in chars:
        vocab.setdefault(ch, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token=UNK))
    tok.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    tok.decoder = decoders.Fuse()
    tok.add_special_tokens(SPECIAL_TOKENS)
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=BOS, eos_token=EOS, pad_token=PAD, unk_token=UNK)


def _write_prompts(path, n=len(PATIENT_MESSAGES)):
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(PATIENT_MESSAGES[:n]):
            fh.write(json.dumps({"id": f"p{i}", "messages": [{"role": "user", "content": text}]}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def small_policy(tmp_path_factory):
    from transformers import LlamaForCausalLM

    root = tmp_path_factory.mktemp("ppo")
    chars = "0123456789病人医生：\n" + "".join(sorted(set("".join(PATIENT_MESSAGES)))) + "好的请多喝水休息"
    tokenizer = _small_vocab_tokenizer(chars)
    torch.manual_seed(0)
    # A larger init scale than a real model: logits of a 32-wide random model are otherwise
    # too flat for LoRA on the attention/MLP layers to move them within a few steps.
    model = LlamaForCausalLM(tiny_llama_config(vocab_size=len(tokenizer), initializer_range=0.2))
    model.save_pretrained(root / "policy")
    tokenizer.save_pretrained(root / "policy")
    return root / "policy", _write_prompts(root / "prompts.jsonl")


def digit_share(dialogues, answers):
    """Rule-based reward: the share of an answer's characters that are digits."""
    return [sum(c.isdigit() for c in a) / max(len(a), 1) for a in answers]


def _config(small_policy, out, **overrides):
    policy, prompts = small_policy
    values = dict(policy=str(policy), prompts=str(prompts), out=str(out), total_steps=12, batch_size=16,
                  mini_batch_size=8, ppo_epochs=2, max_new_tokens=8, learning_rate=5e-3, lora_r=8, lora_alpha=16,
                  missing_eos_penalty=0.0, save_every=100, sample_every=5, seed=0)
    values.update(overrides)
    return ppo.PPOConfig(**values)


def _metrics(run_dir):
    return [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text(encoding="utf-8").splitlines()]


def test_kl_to_reference_is_exactly_zero_before_the_first_update(small_policy, tmp_path):
    cfg = _config(small_policy, tmp_path / "run", batch_size=8)
    torch.manual_seed(0)
    model, tokenizer = ppo.build_policy(cfg, torch.device("cpu"), torch.float32)
    chat = ChatFormat(tokenizer)
    items = [PromptItem(id=str(i), messages=[{"role": "user", "content": m}]) for i, m in enumerate(PATIENT_MESSAGES)]

    def rollout(estimator):
        cfg.kl_estimator = estimator
        return ppo.collect_rollout(model, tokenizer, chat, items, digit_share, 0.1, cfg,
                                   torch.Generator().manual_seed(0), torch.device("cpu"))

    for estimator in ("k1", "k3"):
        r = rollout(estimator)
        assert r.mask.sum() > 0
        assert r.stats["objective/kl"].item() == 0.0
    # the check has teeth: once the adapter is non-zero the reference differs
    with torch.no_grad():
        for name, p in model.policy.named_parameters():
            if "lora_B" in name:
                p.normal_(0, 0.5)
    assert rollout("k3").stats["objective/kl"].item() > 0.0


def test_ppo_raises_a_rule_reward_with_bounded_kl_and_reproducible_first_step(small_policy, tmp_path):
    summary = ppo.train(_config(small_policy, tmp_path / "a"), reward_fn=digit_share)
    rows = _metrics(tmp_path / "a")
    assert [r["step"] for r in rows] == list(range(1, 13))
    scores = [r["objective/score"] for r in rows]
    assert sum(scores[-4:]) / 4 > scores[0] + 0.25, scores  # a random policy writes ~20% digits
    assert rows[0]["objective/kl"] == 0.0
    assert max(r["objective/kl"] for r in rows) < 15.0  # nats per answer: the policy stayed near the reference
    assert all(math.isfinite(r["loss/policy"]) and math.isfinite(r["loss/value"]) for r in rows)
    assert summary["final_metrics"]["objective/score"] == rows[-1]["objective/score"]

    ppo.train(_config(small_policy, tmp_path / "b", total_steps=1), reward_fn=digit_share)
    first_a, first_b = rows[0], _metrics(tmp_path / "b")[0]
    deterministic = [k for k in first_a if "/" in k and not k.startswith(("timing/", "perf/"))]
    assert len(deterministic) > 10
    assert {k: first_a[k] for k in deterministic} == {k: first_b[k] for k in deterministic}


@pytest.fixture(scope="module")
def rm_run(tmp_path_factory):
    """A tiny reward-model run written by `medrank-trainer rm` (random weights, a few steps)."""
    from medrank_trainer import reward_model

    root = tmp_path_factory.mktemp("rm")
    base = build_tiny_model(root / "base")
    with (root / "rankings.jsonl").open("w", encoding="utf-8") as fh:
        for i, text in enumerate(PATIENT_MESSAGES):
            fh.write(json.dumps({"id": f"r{i}", "messages": [{"role": "user", "content": text}],
                                 "responses": ["多喝水，注意休息。", "去医院。", "不知道"]}, ensure_ascii=False) + "\n")
    reward_model.main(["--model", str(base), "--data", str(root / "rankings.jsonl"), "--out", str(root / "run"),
                       "--max-steps", "2", "--eval-every", "2", "--save-every", "2", "--lora-r", "4",
                       "--max-length", "64", "--no-progress"])
    return root / "run"


def test_cli_with_a_reward_model_run_writes_a_resumable_run_directory(small_policy, rm_run, tmp_path):
    policy, prompts = small_policy
    out = tmp_path / "ppo-run"
    flags = ["--policy", str(policy), "--reward-model", str(rm_run), "--prompts", str(prompts), "--out", str(out),
             "--batch-size", "4", "--mini-batch-size", "2", "--ppo-epochs", "1", "--max-new-tokens", "6",
             "--lora-r", "4", "--save-every", "1", "--sample-every", "1", "--num-samples", "2"]
    assert ppo.main(flags + ["--total-steps", "2"]) == 0

    rows = _metrics(out)
    assert [r["step"] for r in rows] == [1, 2]
    for r in rows:
        assert r["total_steps"] == 2 and r["split"] == "train" and isinstance(r["time"], float)
        assert all(k in r for k in REQUIRED_KEYS), sorted(set(REQUIRED_KEYS) - set(r))
    samples = [json.loads(line) for line in (out / "samples.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(samples) == 4 and {"step", "split", "time", "answer", "score", "messages"} <= set(samples[0])
    ckpt = out / "checkpoints" / "step-000002"
    for name in ("adapter_model.safetensors", "adapter_config.json", "value_head.safetensors", "trainer_state.json"):
        assert (ckpt / name).is_file(), name
    assert json.loads((out / "config.json").read_text())["reward_model"] == str(rm_run)

    # --resume alone continues with the stored config; a flag given again overrides it
    assert ppo.main(["--out", str(out), "--resume", "--total-steps", "3", "--merge"]) == 0
    rows = _metrics(out)
    assert [r["step"] for r in rows] == [1, 2, 3]
    assert all(r["total_steps"] == 3 for r in rows[2:])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["resumed_from_step"] == 2 and summary["final_checkpoint"] == "checkpoints/step-000003"

    from transformers import AutoModelForCausalLM

    merged = AutoModelForCausalLM.from_pretrained(out / "merged")
    assert merged.config.vocab_size > 0 and any((out / "merged").glob("*.safetensors"))


def test_resumed_run_matches_an_uninterrupted_one(small_policy, tmp_path):
    whole = _config(small_policy, tmp_path / "whole", total_steps=3, batch_size=8, mini_batch_size=4)
    ppo.train(whole, reward_fn=digit_share)
    first = _config(small_policy, tmp_path / "parts", total_steps=2, batch_size=8, mini_batch_size=4, save_every=1)
    ppo.train(first, reward_fn=digit_share)
    rest = _config(small_policy, tmp_path / "parts", total_steps=3, batch_size=8, mini_batch_size=4, resume=True)
    ppo.train(rest, reward_fn=digit_share)
    a, b = _metrics(tmp_path / "whole")[-1], _metrics(tmp_path / "parts")[-1]
    keys = [k for k in a if k.startswith(("objective/", "loss/", "policy/"))]
    assert a["step"] == b["step"] == 3
    assert {k: a[k] for k in keys} == pytest.approx({k: b[k] for k in keys}, rel=1e-5, abs=1e-7)


def test_kl_well_above_target_raises_beta_within_the_run_and_logs_carry_no_progress_bar(small_policy, tmp_path,
                                                                                      capsys):
    # Default horizon; the target is far below what a few updates at this learning rate produce.
    cfg = _config(small_policy, tmp_path / "kl", total_steps=6, kl_estimator="k3", kl_target=0.01,
                  init_kl_coef=0.05)
    assert cfg.kl_horizon == ppo.PPOConfig().kl_horizon
    ppo.train(cfg, reward_fn=digit_share)
    rows = _metrics(tmp_path / "kl")
    betas = [r["objective/kl_coef"] for r in rows]
    assert rows[0]["objective/kl"] == 0.0 and all(r["objective/kl"] > 0.1 for r in rows[1:])  # ≥ 10× the target
    assert betas[0] == 0.05
    assert betas[-1] > 1.05 * betas[0], betas  # measurably higher within six steps
    assert all(b2 > b1 for b1, b2 in zip(betas[1:], betas[2:])), betas  # rising every step KL is above target
    # stderr is not a terminal here (as under the agent): no progress bar drawn into the log
    assert "ppo:" not in capsys.readouterr().err
