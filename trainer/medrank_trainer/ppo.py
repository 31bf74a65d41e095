"""PPO of the doctor policy against a frozen MedRank reward model (`medrank-trainer ppo`).

One step, top to bottom (Ziegler et al. 2019; Ouyang et al. 2022; Zhongjing §3.3):

1. rollout  — take `batch_size` prompts, sample one answer each from the policy
              (batched, KV cache; temperature / top-p; stop at EOS);
2. scoring  — the reward model scores (dialogue, answer), normalised with the
              mean/std it saved on its validation set; an answer that never
              ended loses `missing_eos_penalty`; the score is clipped;
3. rewards  — per answer token r_t = −β·KL_t, plus the score on the last token,
              where KL_t compares the policy with the reference (k1 or k3);
              β fixed or adapted towards `kl_target` (Ziegler's controller);
4. advantages — GAE(γ, λ) over the answer tokens, whitened over the batch;
5. update   — `ppo_epochs` passes over shuffled minibatches with the clipped
              policy loss + `vf_coef` × clipped value loss; a pass stops early
              when approx-KL to the rollout policy exceeds `early_stop_kl`.

Models. The policy is the SFT model with a LoRA adapter. The reference policy
is the same module with the adapter switched off (peft `disable_adapter()`),
so no second copy of the weights sits in memory; as LoRA's B matrices start at
zero, the KL is exactly 0 before the first update. The value head is a scalar
linear layer on the policy's last hidden state, sharing the LoRA backbone: one
forward pass yields logits and values, and a 7B policy needs no second
7B critic on the card. The price — value-loss gradients also move the shared
adapter — is held down by `vf_coef` (0.1 by default) and value clipping. The
head is zero-initialised (V = 0 at first) and kept in fp32. The reward model
is frozen and never sees gradients.

Same code on CPU, one GPU or several (`accelerate launch`): each process
samples its own share of the prompts, DDP averages gradients, the main
process writes the run directory. Metrics go to `metrics.jsonl` (one line per
step, with step / total_steps / split / time), a few answers every
`sample_every` steps to `samples.jsonl`.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import torch
from torch import nn

from . import ppo_math as pm
from .config import parse_resumable
from .data import PromptItem, TrainerInputError, read_prompts
from .generation import decode_responses, generate, left_pad, position_ids_from_mask, stop_token_ids
from .metrics import MetricsWriter, peak_memory_mb, reset_peak_memory
from .modeling import (count_parameters, default_dtype, hidden_size_of, load_causal_lm, load_tokenizer,
                       lora_config, parse_dtype)
from .rundir import RunDir
from .template import ChatFormat

# (dialogues, answers) -> one score per answer. The CLI scores with the RM run;
# tests plug in rules.
RewardFn = Callable[[list[list[dict]], list[str]], Sequence[float]]

VALUE_HEAD_FILE = "value_head.safetensors"
STATE_FILE = "trainer_state.json"


@dataclass
class PPOConfig:
    # ---- inputs and outputs
    policy: str = field(default="", metadata={"help": "SFT policy: a local Hugging Face causal-LM directory"})
    reward_model: str = field(default="", metadata={"help": "reward-model run directory written by `medrank-trainer rm`"})
    prompts: str = field(default="", metadata={"help": "prompts JSONL: the rankings export (only `messages` is used) or {\"messages\": [...]} lines ending with the patient's turn"})
    out: str = field(default="", metadata={"help": "run directory to write (config, metrics, checkpoints, summary)"})
    resume: bool = field(default=False, metadata={"help": "continue from the latest complete checkpoint in --out"})
    seed: int = field(default=0, metadata={"help": "seed for LoRA init, prompt order, sampling and minibatches"})
    # ---- rollout
    total_steps: int = field(default=200, metadata={"help": "PPO steps; one step = one rollout batch and its update"})
    batch_size: int = field(default=16, metadata={"help": "prompts (answers) per step, per process"})
    max_prompt_tokens: int = field(default=512, metadata={"help": "prompt budget; longer dialogues keep their end"})
    max_new_tokens: int = field(default=128, metadata={"help": "answer budget; an answer without EOS by then is penalised"})
    temperature: float = field(default=1.0, metadata={"help": "sampling temperature (also applied to the log-probs PPO optimises)"})
    top_p: float = field(default=1.0, metadata={"help": "nucleus sampling mass (1 = off)"})
    # ---- reward
    kl_estimator: str = field(default="k1", metadata={"help": "per-token KL estimate: k1 = log π − log π_ref, k3 = (r−1) − log r", "choices": ["k1", "k3"]})
    init_kl_coef: float = field(default=0.05, metadata={"help": "β, the KL penalty coefficient (start value when adaptive)"})
    adaptive_kl: bool = field(default=True, metadata={"help": "adapt β towards kl_target (Ziegler et al.); --no-adaptive-kl keeps it fixed"})
    kl_target: float = field(default=6.0, metadata={"help": "target KL per answer (nats) of the adaptive controller"})
    kl_horizon: float = field(default=160.0, metadata={"help": "horizon (answers) of the adaptive controller: β moves by up to ±0.2·n/horizon per step of n answers (160 with 16 answers per step: K_β = 0.1, Ziegler et al.)"})
    missing_eos_penalty: float = field(default=1.0, metadata={"help": "subtracted from the score of answers with no EOS within max_new_tokens"})
    reward_clip: float = field(default=10.0, metadata={"help": "scores are clipped to ±this after the penalty (0 = off)"})
    # ---- advantages and update
    gamma: float = field(default=1.0, metadata={"help": "discount γ over answer tokens"})
    lam: float = field(default=0.95, metadata={"help": "GAE λ"})
    whiten_advantages: bool = field(default=True, metadata={"help": "normalise advantages to mean 0, std 1 over the batch"})
    ppo_epochs: int = field(default=4, metadata={"help": "passes over each rollout batch"})
    mini_batch_size: int = field(default=4, metadata={"help": "answers per optimizer step, per process"})
    forward_batch_size: int = field(default=8, metadata={"help": "answers per no-grad forward pass during the rollout"})
    learning_rate: float = field(default=1e-5, metadata={"help": "AdamW learning rate (LoRA and value head)"})
    weight_decay: float = field(default=0.0, metadata={"help": "AdamW weight decay"})
    max_grad_norm: float = field(default=1.0, metadata={"help": "gradient clipping norm (0 = off)"})
    clip_range: float = field(default=0.2, metadata={"help": "PPO ratio clip ε"})
    clip_range_value: float = field(default=0.2, metadata={"help": "value clip around the rollout values"})
    vf_coef: float = field(default=0.1, metadata={"help": "weight of the value loss"})
    entropy_coef: float = field(default=0.0, metadata={"help": "weight of an entropy bonus (0 = none)"})
    early_stop_kl: float = field(default=0.1, metadata={"help": "stop a step's update when the minibatch approx-KL exceeds this (0 = never)"})
    # ---- model
    lora_r: int = field(default=16, metadata={"help": "LoRA rank"})
    lora_alpha: int = field(default=32, metadata={"help": "LoRA alpha"})
    lora_target_modules: list[str] = field(default_factory=lambda: ["all-linear"], metadata={"help": "LoRA target modules (comma separated) or all-linear"})
    dtype: str = field(default="auto", metadata={"help": "model dtype: auto (bf16 on CUDA, fp32 on CPU), bf16, fp32 (fp16 is refused: it needs loss scaling)"})
    gradient_checkpointing: bool = field(default=False, metadata={"help": "trade compute for memory in the update"})
    rm_batch_size: int = field(default=16, metadata={"help": "answers per reward-model forward pass"})
    rm_base_model: str | None = field(default=None, metadata={"help": "override the base-model directory stored in the RM run"})
    cpu: bool = field(default=False, metadata={"help": "run on the CPU even when a GPU is present"})
    # ---- bookkeeping
    sample_every: int = field(default=10, metadata={"help": "write a few prompt/answer/reward samples every N steps (0 = never)"})
    num_samples: int = field(default=3, metadata={"help": "samples written each time"})
    save_every: int = field(default=50, metadata={"help": "checkpoint every N steps (and at the end)"})
    keep_checkpoints: int = field(default=2, metadata={"help": "complete checkpoints to keep"})
    merge: bool = field(default=False, metadata={"help": "also write the policy with the adapter merged in (<out>/merged)"})

    def validate(self) -> None:
        for name in ("policy", "prompts", "out"):
            if not getattr(self, name):
                raise TrainerInputError(f"--{name} is required")
        positive = ("total_steps", "batch_size", "max_prompt_tokens", "max_new_tokens", "ppo_epochs",
                    "mini_batch_size", "forward_batch_size", "lora_r", "rm_batch_size", "save_every")
        for name in positive:
            if getattr(self, name) <= 0:
                raise TrainerInputError(f"{name} must be > 0, got {getattr(self, name)}")
        if self.mini_batch_size > self.batch_size:
            raise TrainerInputError("mini_batch_size must not exceed batch_size")
        if not 0.0 < self.top_p <= 1.0:
            raise TrainerInputError("top_p must be in (0, 1]")
        if self.temperature <= 0:
            raise TrainerInputError("temperature must be > 0 for PPO (it samples from the policy)")
        if self.adaptive_kl and (self.kl_target <= 0 or self.kl_horizon <= 0):
            raise TrainerInputError("kl_target and kl_horizon must be > 0 for the adaptive KL controller")
        if self.kl_estimator not in ("k1", "k3"):
            raise TrainerInputError("kl_estimator must be k1 or k3")
        if parse_dtype(self.dtype) == torch.float16:
            raise TrainerInputError("--dtype fp16 is not supported for training: it needs loss scaling that this "
                                    "trainer does not do; use bf16 (same memory, fp32's range) or fp32")


# ---------------------------------------------------------------- the policy and its value head

class PolicyWithValue(nn.Module):
    """The LoRA policy plus a scalar value head on its last hidden state (see the module docstring)."""

    def __init__(self, policy: nn.Module, hidden_size: int):
        super().__init__()
        self.policy = policy
        self.value_head = nn.Linear(hidden_size, 1, dtype=torch.float32)
        nn.init.zeros_(self.value_head.weight)
        nn.init.zeros_(self.value_head.bias)

    def forward(self, input_ids, attention_mask, response_length: int, labels=None, temperature: float = 1.0,
                chunk_tokens: int | None = None):
        """Without `labels`: logits [B, T, V] predicting the T answer tokens at the end of each row, and
        values [B, T] of the states those tokens are drawn from.

        With `labels` (the T answer tokens): (log-probs [B, T], entropy [B, T], values [B, T]) at
        `temperature`, computed chunk by chunk from the hidden states (`chosen_logprobs_and_entropy`):
        no [B, T, V] logits, no full-vocabulary fp32 copy. What rollouts and updates use."""
        if labels is not None:
            return self._token_stats(input_ids, attention_mask, response_length, labels, temperature, chunk_tokens)
        out = self.policy(
            input_ids=input_ids,
            attention_mask=attention_mask,
            position_ids=position_ids_from_mask(attention_mask),
            output_hidden_states=True,
            use_cache=False,
            logits_to_keep=response_length + 1,  # only the answer's logits: the prompt's are never used
        )
        logits = out.logits[:, -response_length - 1:-1]
        hidden = out.hidden_states[-1][:, -response_length - 1:-1]
        values = self.value_head(hidden.float()).squeeze(-1)
        return logits, values

    def _token_stats(self, input_ids, attention_mask, response_length, labels, temperature, chunk_tokens):
        # The decoder (inside peft's LoRA layers, and its adapter switch) without the LM head: the head
        # is applied chunk by chunk below.
        causal_lm = self.policy.get_base_model() if hasattr(self.policy, "get_base_model") else self.policy
        out = causal_lm.get_decoder()(input_ids=input_ids, attention_mask=attention_mask,
                                      position_ids=position_ids_from_mask(attention_mask), use_cache=False)
        hidden = out.last_hidden_state[:, -response_length - 1:-1]
        logprobs, entropy = pm.chosen_logprobs_and_entropy(hidden, causal_lm.get_output_embeddings(), labels,
                                                           temperature, chunk_tokens)
        values = self.value_head(hidden.float()).squeeze(-1)
        return logprobs, entropy, values


def build_policy(cfg: PPOConfig, device, dtype) -> tuple[PolicyWithValue, object]:
    from peft import get_peft_model

    tokenizer = load_tokenizer(cfg.policy, padding_side="left")
    # Dropout off: PPO's ratio compares the same policy at rollout and update time.
    base = load_causal_lm(cfg.policy, dtype=dtype, device=device, dropout=0.0,
                          gradient_checkpointing=cfg.gradient_checkpointing)
    if getattr(base.config, "final_logit_softcapping", None) or getattr(base.config, "logit_scale", None):
        # The chunked log-prob pass applies the LM head alone (LLaMA / Qwen / Mistral style).
        raise TrainerInputError(f"{cfg.policy}: the model scales or soft-caps its logits after the LM head; "
                                f"PPO's chunked log-probabilities do not support that architecture")
    lora = lora_config(r=cfg.lora_r, alpha=cfg.lora_alpha, dropout=0.0,
                       target_modules=cfg.lora_target_modules, task_type="CAUSAL_LM")
    policy = get_peft_model(base, lora)
    model = PolicyWithValue(policy, hidden_size_of(base.config)).to(device)
    return model, tokenizer


def reward_model_fn(cfg: PPOConfig, device) -> RewardFn:
    """The RM run as a reward: normalised scores with the statistics it saved."""
    from .score import load_reward_model

    scorer = load_reward_model(cfg.reward_model, device=device, base_model=cfg.rm_base_model)
    scorer.check_normalizable()  # a collapsed RM is refused before any rollout, with the reason
    scorer.model.requires_grad_(False)

    def score(dialogues, answers):
        return scorer.score(list(zip(dialogues, answers)), normalize=True, batch_size=cfg.rm_batch_size)

    return score


# ---------------------------------------------------------------- prompts

@lru_cache(maxsize=4)
def _epoch_order(n: int, seed: int, epoch: int) -> tuple[int, ...]:
    return tuple(torch.randperm(n, generator=torch.Generator().manual_seed(seed * 100_003 + epoch)).tolist())


def prompt_indices(n: int, step: int, batch_size: int, seed: int, rank: int = 0, world: int = 1) -> list[int]:
    """The prompts of one step for one process: a fresh shuffle every epoch, processes take
    disjoint shares. A function of the step alone, so `--resume` continues the same stream."""
    share = len(range(rank, n, world))
    out = []
    for k in range(step * batch_size, (step + 1) * batch_size):
        epoch, pos = divmod(k, share)
        out.append(_epoch_order(n, seed, epoch)[rank::world][pos])
    return out


# ---------------------------------------------------------------- rollout

@dataclass
class Rollout:
    prompt_ids: torch.Tensor
    prompt_mask: torch.Tensor
    response_ids: torch.Tensor
    mask: torch.Tensor  # [B, T] float, 1 on answer tokens
    ended: torch.Tensor
    logprobs: torch.Tensor
    values: torch.Tensor
    advantages: torch.Tensor
    returns: torch.Tensor
    stats: dict
    samples: list[dict]

    @property
    def sequences(self):
        return torch.cat([self.prompt_ids, self.response_ids], 1)

    @property
    def attention_mask(self):
        return torch.cat([self.prompt_mask, self.mask.long()], 1)


def _clock(device) -> float:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return time.perf_counter()


@torch.no_grad()
def collect_rollout(model: PolicyWithValue, tokenizer, chat: ChatFormat, items: list[PromptItem],
                    reward_fn: RewardFn, kl_coef: float, cfg: PPOConfig, generator, device) -> Rollout:
    model.eval()
    t0 = _clock(device)
    rows = [chat.encode_prompt(it.messages, cfg.max_prompt_tokens) for it in items]
    prompt_ids, prompt_mask = left_pad(rows, tokenizer.pad_token_id, device)
    gen = generate(model.policy, prompt_ids, prompt_mask, max_new_tokens=cfg.max_new_tokens,
                   eos_token_id=stop_token_ids(tokenizer, model.policy), pad_token_id=tokenizer.pad_token_id,
                   temperature=cfg.temperature, top_p=cfg.top_p, generator=generator)
    t1 = _clock(device)
    answers = decode_responses(tokenizer, gen)
    raw_scores = torch.as_tensor(reward_fn([it.messages for it in items], answers), dtype=torch.float32)
    raw_scores = raw_scores.reshape(-1).to(device)
    t2 = _clock(device)

    # Log-probs, values and reference log-probs of the sampled answers, in forward-sized chunks.
    seqs, attn, width = gen.sequences, gen.attention_mask, gen.response_ids.shape[1]
    logprobs, ref_logprobs, values, entropy = [], [], [], []
    for i in range(0, len(items), cfg.forward_batch_size):
        sl = slice(i, i + cfg.forward_batch_size)
        labels = gen.response_ids[sl]
        # Chosen-token log-probs and entropy from one chunked pass (no [B, T, V] fp32 copies).
        lp, ent, v = model(seqs[sl], attn[sl], width, labels=labels, temperature=cfg.temperature)
        logprobs.append(lp)
        entropy.append(ent)
        values.append(v)
        with model.policy.disable_adapter():
            ref_lp, _, _ = model(seqs[sl], attn[sl], width, labels=labels, temperature=cfg.temperature)
        ref_logprobs.append(ref_lp)
    logprobs, ref_logprobs = torch.cat(logprobs), torch.cat(ref_logprobs)
    values, entropy = torch.cat(values), torch.cat(entropy)

    mask = gen.response_mask.float()
    scores = pm.shape_scores(raw_scores, gen.ended, cfg.missing_eos_penalty, cfg.reward_clip)
    kl = pm.kl_per_token(logprobs, ref_logprobs, cfg.kl_estimator) * mask
    rewards = pm.token_rewards(scores, kl, mask, kl_coef)
    advantages, returns = pm.gae(rewards, values, mask, cfg.gamma, cfg.lam)
    if cfg.whiten_advantages:
        advantages = pm.masked_whiten(advantages, mask)
    lengths = mask.sum(1)
    stats = {
        "objective/score": raw_scores.mean(),
        "objective/reward": rewards.sum(1).mean(),  # score after penalty and clipping − β·KL
        "objective/kl": kl.sum(1).mean(),
        "objective/entropy": pm.masked_mean(entropy, mask),
        "rollout/answer_tokens": lengths.mean(),
        "rollout/ended_fraction": gen.ended.float().mean(),
        "value/explained_variance": torch.tensor(pm.explained_variance(values, returns, mask)),
        "timing/generation_s": torch.tensor(t1 - t0),
        "timing/scoring_s": torch.tensor(t2 - t1),
        "perf/generated_tokens": lengths.sum(),
    }
    answer_rewards = rewards.sum(1).tolist()
    samples = [{"item_id": it.id, "messages": it.messages, "answer": a, "score": s, "reward": r,
                "kl": k, "ended": e}
               for it, a, s, r, k, e in zip(items, answers, raw_scores.tolist(), answer_rewards,
                                            kl.sum(1).tolist(), gen.ended.tolist())]
    return Rollout(prompt_ids, prompt_mask, gen.response_ids, mask, gen.ended, logprobs, values,
                   advantages, returns, stats, samples)


# ---------------------------------------------------------------- update

def ppo_update(model, optimizer, accelerator, rollout: Rollout, cfg: PPOConfig, shuffle_seed: int) -> dict:
    """`ppo_epochs` passes of clipped PPO over minibatches of the rollout; stops when approx-KL runs away."""
    model.train()
    seqs, attn, width = rollout.sequences, rollout.attention_mask, rollout.response_ids.shape[1]
    batch = seqs.shape[0]
    shuffle = torch.Generator().manual_seed(shuffle_seed)
    totals = {"loss/policy": 0.0, "loss/value": 0.0, "policy/clipfrac": 0.0, "policy/approxkl": 0.0,
              "value/clipfrac": 0.0, "policy/entropy": 0.0}
    n_minibatches, stopped, epochs_done = 0, False, 0
    for _ in range(cfg.ppo_epochs):
        order = torch.randperm(batch, generator=shuffle).tolist()
        for start in range(0, batch, cfg.mini_batch_size):
            idx = torch.tensor(order[start:start + cfg.mini_batch_size], device=seqs.device)
            mask = rollout.mask[idx]
            logprobs, token_entropy, values = model(seqs[idx], attn[idx], width, labels=rollout.response_ids[idx],
                                                    temperature=cfg.temperature)
            pg_loss, clipfrac, approxkl = pm.policy_loss(logprobs, rollout.logprobs[idx], rollout.advantages[idx],
                                                         mask, cfg.clip_range)
            vf_loss, vf_clipfrac = pm.value_loss(values, rollout.values[idx], rollout.returns[idx], mask,
                                                 cfg.clip_range_value)
            entropy = pm.masked_mean(token_entropy, mask)
            loss = pg_loss + cfg.vf_coef * vf_loss - cfg.entropy_coef * entropy
            accelerator.backward(loss)
            if cfg.max_grad_norm > 0:
                accelerator.clip_grad_norm_(model.parameters(), cfg.max_grad_norm)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)

            for key, value in (("loss/policy", pg_loss), ("loss/value", vf_loss), ("policy/clipfrac", clipfrac),
                               ("policy/approxkl", approxkl), ("value/clipfrac", vf_clipfrac),
                               ("policy/entropy", entropy)):
                totals[key] += float(value.detach())
            n_minibatches += 1
            # Every process must agree to stop, or DDP would wait forever for the others.
            global_kl = float(accelerator.reduce(approxkl.detach().reshape(1), reduction="mean"))
            if cfg.early_stop_kl > 0 and global_kl > cfg.early_stop_kl:
                stopped = True
                break
        epochs_done += 1
        if stopped:
            break
    stats = {k: v / max(n_minibatches, 1) for k, v in totals.items()}
    stats["policy/early_stopped"] = float(stopped)
    stats["policy/epochs"] = float(epochs_done)
    return stats


# ---------------------------------------------------------------- checkpoints

def save_checkpoint(run: RunDir, model: PolicyWithValue, optimizer, step: int, kl_coef: float, cfg: PPOConfig,
                    chat: ChatFormat) -> Path:
    from safetensors.torch import save_file

    ckpt = run.checkpoint_path(step)
    ckpt.mkdir(parents=True, exist_ok=True)
    model.policy.save_pretrained(str(ckpt), safe_serialization=True)  # adapter_model.safetensors + config
    save_file({k: v.detach().cpu().contiguous() for k, v in model.value_head.state_dict().items()},
              str(ckpt / VALUE_HEAD_FILE))
    torch.save(optimizer.state_dict(), ckpt / "optimizer.pt")
    state = {"step": step, "kl_coef": kl_coef, "policy": cfg.policy, "reward_model": cfg.reward_model,
             "chat_format": chat.describe()}
    (ckpt / STATE_FILE).write_text(json.dumps(state, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    run.mark_complete(ckpt)
    run.prune_checkpoints(cfg.keep_checkpoints)
    return ckpt


def load_checkpoint(ckpt: Path, model: PolicyWithValue, optimizer) -> dict:
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    set_peft_model_state_dict(model.policy, load_file(str(ckpt / "adapter_model.safetensors")))
    model.value_head.load_state_dict(load_file(str(ckpt / VALUE_HEAD_FILE)))
    optimizer.load_state_dict(torch.load(ckpt / "optimizer.pt", map_location="cpu", weights_only=True))
    return json.loads((ckpt / STATE_FILE).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the loop

def train(cfg: PPOConfig, reward_fn: RewardFn | None = None) -> dict:
    """Run PPO as configured; `reward_fn` replaces the RM run (tests, rule-based rewards)."""
    from accelerate import Accelerator
    from accelerate.utils import set_seed
    from tqdm.auto import tqdm

    cfg.validate()
    if reward_fn is None and not cfg.reward_model:
        raise TrainerInputError("--reward-model is required (a run directory of `medrank-trainer rm`)")
    accelerator = Accelerator(cpu=cfg.cpu)
    device, main_process = accelerator.device, accelerator.is_main_process
    rank, world = accelerator.process_index, accelerator.num_processes
    items = read_prompts(cfg.prompts)
    if len(items) < world:
        raise TrainerInputError(f"{cfg.prompts}: {len(items)} prompts for {world} processes")

    run = RunDir(cfg.out, create=main_process)
    ckpt = run.latest_checkpoint() if cfg.resume else None
    if cfg.resume and ckpt is None and main_process:
        run.log("--resume: no complete checkpoint found, starting from step 0")
    set_seed(cfg.seed)
    dtype = parse_dtype(cfg.dtype) or default_dtype(device)
    model, tokenizer = build_policy(cfg, device, dtype)
    chat = ChatFormat(tokenizer)
    if reward_fn is None:
        reward_fn = reward_model_fn(cfg, device)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=cfg.learning_rate,
                                  weight_decay=cfg.weight_decay)
    kl_ctl = (pm.AdaptiveKLController(cfg.init_kl_coef, cfg.kl_target, cfg.kl_horizon) if cfg.adaptive_kl
              else pm.FixedKLController(cfg.init_kl_coef))
    start_step = 0
    if ckpt is not None:
        state = load_checkpoint(ckpt, model, optimizer)
        start_step, kl_ctl.value = int(state["step"]), float(state["kl_coef"])
    model, optimizer = accelerator.prepare(model, optimizer)
    unwrapped = accelerator.unwrap_model(model)

    if main_process:
        run.save_config(cfg)
        # A fresh run starts an empty file; a resumed one drops the steps it is about to redo.
        run.truncate_metrics(after_step=start_step)
        if start_step:
            run.log(f"resumed from {ckpt.name}")
        trainable, total = count_parameters(unwrapped)
        run.log(f"ppo: {len(items)} prompts, {world} process(es) on {device}, {dtype}, "
                f"trainable {trainable:,} of {total:,} parameters")
    metrics = MetricsWriter(run.metrics_path, cfg.total_steps, enabled=main_process)
    samples_log = MetricsWriter(run.path / "samples.jsonl", cfg.total_steps, enabled=main_process,
                                append=start_step > 0)
    generator = torch.Generator(device=device)
    first, last = {}, {}
    t_start = time.time()

    # A bar only on a terminal: in a log file (the agent captures stderr) it is noise.
    progress = tqdm(range(start_step, cfg.total_steps), initial=start_step, total=cfg.total_steps, desc="ppo",
                    disable=not (main_process and sys.stderr.isatty()), dynamic_ncols=True)
    for step in progress:
        reset_peak_memory(device)
        # Seeded per (step, process): a resumed run samples what the uninterrupted one would have.
        generator.manual_seed(cfg.seed * 1_000_003 + step * 1_009 + rank)
        batch = [items[i] for i in prompt_indices(len(items), step, cfg.batch_size, cfg.seed, rank, world)]
        kl_coef = kl_ctl.value
        rollout = collect_rollout(unwrapped, tokenizer, chat, batch, reward_fn, kl_coef, cfg, generator, device)
        t0 = _clock(device)
        update = ppo_update(model, optimizer, accelerator, rollout, cfg, shuffle_seed=cfg.seed * 7_919 + step)
        training_s = _clock(device) - t0

        # Means over processes (sums for token counts), then the KL controller sees the global KL.
        rollout_stats = {k: float(accelerator.reduce(v.detach().float().reshape(1).to(device),
                                                     reduction="sum" if k == "perf/generated_tokens" else "mean"))
                         for k, v in rollout.stats.items()}
        kl_ctl.update(rollout_stats["objective/kl"], n_steps=cfg.batch_size * world)
        tokens = rollout_stats.pop("perf/generated_tokens")
        values = {**rollout_stats, **update, "objective/kl_coef": kl_coef, "timing/training_s": training_s}
        values["timing/step_s"] = values["timing/generation_s"] + values["timing/scoring_s"] + training_s
        values["perf/generated_tokens_per_s"] = tokens / max(values["timing/generation_s"], 1e-9)
        values["perf/peak_memory_mb"] = peak_memory_mb(device)
        last = metrics.write("train", step + 1, **values)
        first = first or last
        progress.set_postfix(score=f"{values['objective/score']:.3f}", kl=f"{values['objective/kl']:.2f}",
                             refresh=False)

        if main_process and cfg.sample_every and (step == start_step or (step + 1) % cfg.sample_every == 0):
            for s in rollout.samples[:cfg.num_samples]:
                samples_log.write("train", step + 1, **s)
        if (step + 1) % cfg.save_every == 0 or step + 1 == cfg.total_steps:
            accelerator.wait_for_everyone()
            if main_process:
                save_checkpoint(run, unwrapped, optimizer, step + 1, kl_ctl.value, cfg, chat)

    accelerator.wait_for_everyone()
    summary = {}
    if main_process:
        if cfg.merge:
            merged_dir = run.path / "merged"
            unwrapped.policy.merge_and_unload().save_pretrained(str(merged_dir), safe_serialization=True)
            tokenizer.save_pretrained(str(merged_dir))
        final = run.latest_checkpoint()
        summary = {
            "kind": "ppo",
            "steps": cfg.total_steps,
            "resumed_from_step": start_step,
            "final_metrics": {k: v for k, v in last.items() if "/" in k},
            "first_step_metrics": {k: v for k, v in first.items() if k.startswith("objective/")},
            "final_checkpoint": str(final.relative_to(run.path)) if final else None,
            "merged": "merged" if cfg.merge else None,
            "wall_s": round(time.time() - t_start, 3),
        }
        run.write_summary(summary)
        run.log(f"ppo done: {json.dumps(summary['final_metrics'], ensure_ascii=False)}")
    metrics.close()
    samples_log.close()
    return summary


def parse_args(argv: list[str] | None) -> PPOConfig:
    return parse_resumable(PPOConfig, argv, prog="medrank-trainer ppo",
                           description="PPO of a LoRA policy against a MedRank reward-model run.")


def main(argv: list[str] | None = None) -> int:
    train(parse_args(argv))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
