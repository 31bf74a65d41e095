"""Rendering a doctor–patient dialogue into tokens, for the RM, PPO and sampling alike.

Two sources of formatting, decided once per tokenizer:

1. the tokenizer's own `chat_template` (chat models: Qwen, LLaMA-Instruct, …);
2. otherwise MedRank's default template (base models, the tiny test model):

       <bos>{system}\\n
       病人：{patient turn}\\n
       医生：{doctor turn}<eos>\\n
       …
       病人：{patient's current message}\\n
       医生：{answer}<eos>

   `user` is the patient (病人), `assistant` the doctor (医生). A leading
   `system` message replaces DEFAULT_SYSTEM_PROMPT. The answer ends with EOS,
   so the reward is read at the same kind of token for every answer.

Truncation keeps what matters for a reward: the WHOLE answer when it fits in
`max_length - max_length // 4` tokens (the rest goes to the prompt), and the
END of the dialogue (the patient's latest message) rather than its start. Every
truncation is reported in `EncodedPair` so the caller can count and list it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import torch

from .data import TrainerInputError

DEFAULT_SYSTEM_PROMPT = "以下是病人与医生的对话。医生的回答准确、安全、专业，语气亲切。"
ROLE_LABELS = {"user": "病人", "assistant": "医生"}


# Reasoning ("thinking") blocks of chat models such as Qwen3: `<think>…</think>` before the answer.
THINK_OPEN, THINK_CLOSE = "<think>", "</think>"
_LEADING_THINK = re.compile(r"^\s*<think>.*?</think>\s*", re.DOTALL)


def strip_reasoning(answer: str) -> str:
    """The answer without a leading `<think>…</think>` block (a doctor's answer is what the patient reads)."""
    return _LEADING_THINK.sub("", answer, count=1)


@dataclass
class EncodedPair:
    input_ids: list[int]
    prompt_len: int  # tokens of the (possibly truncated) prompt; the answer starts here
    prompt_truncated: bool
    answer_truncated: bool

    @property
    def truncated(self) -> bool:
        return self.prompt_truncated or self.answer_truncated


class ChatFormat:
    """How messages and answers become token ids for one tokenizer."""

    def __init__(self, tokenizer, system_prompt: str | None = None, use_tokenizer_template: bool | None = None):
        self.tokenizer = tokenizer
        self.system_prompt = DEFAULT_SYSTEM_PROMPT if system_prompt is None else system_prompt
        template = getattr(tokenizer, "chat_template", None)
        has_template = bool(template)
        self.uses_tokenizer_template = has_template if use_tokenizer_template is None else (use_tokenizer_template and has_template)
        if tokenizer.eos_token is None:
            raise ValueError("the tokenizer has no EOS token; MedRank needs one to mark the end of an answer")
        # Templates with reasoning blocks (Qwen3 style) are run in non-thinking mode: the prompt ends with
        # the template's (empty) think block and the answer is the text after it, so the RM, PPO and
        # sampling all see the same answer text. See _check_reasoning_template.
        self.reasoning_template = self.uses_tokenizer_template and isinstance(template, str) and THINK_OPEN in template
        self._template_kwargs = {"enable_thinking": False} if self.reasoning_template else {}
        if self.reasoning_template:
            self._check_reasoning_template()

    def _check_reasoning_template(self) -> None:
        """Refuse a reasoning template whose answer cannot be cut cleanly from its prompt."""
        probe = [{"role": "user", "content": "你好"}]
        prompt = self._apply(self._with_system(probe), add_generation_prompt=True)
        full = self._apply(self._with_system(probe) + [{"role": "assistant", "content": "答"}])
        if not full.startswith(prompt) or THINK_OPEN in full[len(prompt):]:
            raise TrainerInputError(
                "the tokenizer's chat template writes reasoning (<think>) blocks, and with enable_thinking=False "
                "its answer does not follow its generation prompt as plain text; the reward model and PPO would "
                "score different text. Use --chat-template default, or a template whose non-thinking mode puts "
                "the think block in the prompt")

    def _apply(self, msgs: list[dict], add_generation_prompt: bool = False) -> str:
        return self.tokenizer.apply_chat_template(msgs, tokenize=False, add_generation_prompt=add_generation_prompt,
                                                  **self._template_kwargs)

    # ---------------------------------------------------------------- text
    def _with_system(self, messages: Sequence[dict]) -> list[dict]:
        msgs = [dict(role=m["role"], content=m["content"]) for m in messages]
        if self.system_prompt and (not msgs or msgs[0]["role"] != "system"):
            msgs.insert(0, {"role": "system", "content": self.system_prompt})
        return msgs

    def render_prompt(self, messages: Sequence[dict]) -> str:
        msgs = self._with_system(messages)
        if self.uses_tokenizer_template:
            return self._apply(msgs, add_generation_prompt=True)
        tok = self.tokenizer
        parts = [tok.bos_token or ""]
        for m in msgs:
            if m["role"] == "system":
                parts.append(m["content"] + "\n")
            elif m["role"] == "user":
                parts.append(f"{ROLE_LABELS['user']}：{m['content']}\n")
            else:
                parts.append(f"{ROLE_LABELS['assistant']}：{m['content']}{tok.eos_token}\n")
        parts.append(f"{ROLE_LABELS['assistant']}：")
        return "".join(parts)

    def render_answer(self, answer: str, messages: Sequence[dict] | None = None) -> str:
        """The answer as it follows `render_prompt(messages)`, with its end-of-turn marker.
        A leading reasoning block (`<think>…</think>`) is not part of the answer and is dropped."""
        answer = strip_reasoning(answer)
        if self.uses_tokenizer_template and messages is not None:
            msgs = self._with_system(messages)
            prompt = self._apply(msgs, add_generation_prompt=True)
            full = self._apply(msgs + [{"role": "assistant", "content": answer}])
            if full.startswith(prompt):
                # Trailing newline after the end-of-turn token adds nothing to read a reward at.
                return full[len(prompt):].rstrip("\n")
        return answer + self.answer_suffix

    @property
    def answer_suffix(self) -> str:
        return self.tokenizer.eos_token

    def describe(self) -> dict:
        return {
            "template": "tokenizer" if self.uses_tokenizer_template else "medrank-default",
            "system_prompt": self.system_prompt,
            "role_labels": None if self.uses_tokenizer_template else ROLE_LABELS,
            "reasoning": "non-thinking mode; <think> blocks stripped from answers" if self.reasoning_template else None,
        }

    # ---------------------------------------------------------------- ids
    def _encode(self, text: str) -> list[int]:
        return list(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def _keep_end(self, ids: list[int], budget: int) -> list[int]:
        """Keep the last `budget` tokens, and a leading BOS if the prompt started with one."""
        if len(ids) <= budget:
            return ids
        if budget <= 0:
            return []
        bos = self.tokenizer.bos_token_id
        if bos is not None and ids and ids[0] == bos and budget > 1:
            return [bos] + ids[len(ids) - (budget - 1):]
        return ids[len(ids) - budget:]

    def encode_prompt(self, messages: Sequence[dict], max_prompt_tokens: int) -> list[int]:
        """Prompt ids for generation, ending with the doctor's turn opener; keeps the END of the dialogue."""
        return self._keep_end(self._encode(self.render_prompt(messages)), max_prompt_tokens)

    def prompt_length(self, messages: Sequence[dict]) -> int:
        return len(self._encode(self.render_prompt(messages)))

    def encode_pair(self, messages: Sequence[dict], answer: str, max_length: int) -> EncodedPair:
        prompt = self._encode(self.render_prompt(messages))
        ans = self._encode(self.render_answer(answer, messages))
        if len(prompt) + len(ans) <= max_length:
            return EncodedPair(prompt + ans, len(prompt), False, False)
        # The prompt keeps at least a quarter of the window (its end: the patient's latest message).
        prompt_floor = min(len(prompt), max(1, max_length // 4))
        answer_truncated = len(ans) > max_length - prompt_floor
        if answer_truncated:
            budget = max_length - prompt_floor
            # Keep the beginning of the answer and its end-of-turn token (last id).
            ans = ans[: max(budget - 1, 0)] + ans[-1:]
        kept = self._keep_end(prompt, max_length - len(ans))
        return EncodedPair(kept + ans, len(kept), len(kept) < len(prompt), answer_truncated)


def pad_sequences(rows: Sequence[Sequence[int]], pad_token_id: int, side: str = "right",
                  device=None) -> tuple[torch.Tensor, torch.Tensor]:
    """Token id lists -> (input_ids [B, T], attention_mask [B, T]) padded on `side`."""
    if side not in ("left", "right"):
        raise ValueError("side must be 'left' or 'right'")
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_token_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        n = len(row)
        if n == 0:
            continue
        sl = slice(0, n) if side == "right" else slice(width - n, width)
        ids[i, sl] = torch.tensor(list(row), dtype=torch.long)
        mask[i, sl] = 1
    return ids.to(device), mask.to(device)
