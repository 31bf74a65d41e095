import copy

import pytest

from medrank_trainer.template import DEFAULT_SYSTEM_PROMPT, ChatFormat, pad_sequences

MESSAGES = [{"role": "user", "content": "我头痛"}, {"role": "assistant", "content": "多久了？"},
            {"role": "user", "content": "三天了"}]


def test_default_template_renders_patient_and_doctor_turns(tokenizer):
    chat = ChatFormat(tokenizer)
    assert not chat.uses_tokenizer_template
    prompt = chat.render_prompt(MESSAGES)
    assert prompt == f"<s>{DEFAULT_SYSTEM_PROMPT}\n病人：我头痛\n医生：多久了？</s>\n病人：三天了\n医生："
    assert chat.render_answer("请休息。", MESSAGES) == "请休息。</s>"
    # a leading system message replaces the default one
    custom = chat.render_prompt([{"role": "system", "content": "你是儿科医生。"}] + MESSAGES)
    assert custom.startswith("<s>你是儿科医生。\n") and DEFAULT_SYSTEM_PROMPT not in custom


def test_encode_pair_without_truncation_ends_with_eos(tokenizer):
    chat = ChatFormat(tokenizer)
    enc = chat.encode_pair(MESSAGES, "请休息。", max_length=512)
    assert not enc.truncated
    assert enc.input_ids[-1] == tokenizer.eos_token_id
    assert tokenizer.decode(enc.input_ids[enc.prompt_len:]) == "请休息。</s>"
    assert enc.input_ids[0] == tokenizer.bos_token_id


def test_long_dialogue_keeps_its_end_bos_and_the_whole_answer(tokenizer):
    chat = ChatFormat(tokenizer)
    history = [{"role": "user", "content": "开头的话" * 30}, {"role": "assistant", "content": "嗯"},
               {"role": "user", "content": "最后的问题是什么"}]
    answer = "这是完整的回答。"
    enc = chat.encode_pair(history, answer, max_length=64)
    assert len(enc.input_ids) == 64
    assert enc.prompt_truncated and not enc.answer_truncated
    text = tokenizer.decode(enc.input_ids)
    assert text.startswith("<s>") and "最后的问题是什么\n医生：" in text and text.endswith(answer + "</s>")


def test_over_long_answer_is_cut_and_reported(tokenizer):
    chat = ChatFormat(tokenizer)
    enc = chat.encode_pair(MESSAGES, "很长的回答" * 40, max_length=64)
    assert enc.answer_truncated and len(enc.input_ids) == 64
    assert enc.prompt_len >= 64 // 4  # the prompt keeps at least a quarter of the window
    assert enc.input_ids[-1] == tokenizer.eos_token_id  # still read at the end-of-answer token


def test_encode_prompt_for_generation_keeps_the_end(tokenizer):
    chat = ChatFormat(tokenizer)
    ids = chat.encode_prompt(MESSAGES, max_prompt_tokens=12)
    assert len(ids) == 12 and ids[0] == tokenizer.bos_token_id
    assert tokenizer.decode(ids).endswith("三天了\n医生：")
    assert chat.encode_prompt(MESSAGES, 10_000) == chat.encode_pair(MESSAGES, "x", 10_000).input_ids[:-2]


def test_tokenizer_chat_template_is_used_when_present(tokenizer):
    tok = copy.deepcopy(tokenizer)
    tok.chat_template = ("{% for m in messages %}<|{{ m.role }}|>{{ m.content }}</s>{% endfor %}"
                         "{% if add_generation_prompt %}<|assistant|>{% endif %}")
    chat = ChatFormat(tok)
    assert chat.uses_tokenizer_template
    assert chat.render_prompt(MESSAGES[-1:]).endswith("<|user|>三天了</s><|assistant|>")
    assert chat.render_answer("好的", MESSAGES[-1:]) == "好的</s>"
    assert not ChatFormat(tok, use_tokenizer_template=False).uses_tokenizer_template


@pytest.mark.parametrize("side", ["left", "right"])
def test_pad_sequences(side):
    ids, mask = pad_sequences([[5, 6, 7], [8]], pad_token_id=0, side=side)
    assert mask.sum(1).tolist() == [3, 1]
    assert ids[1].tolist() == ([8, 0, 0] if side == "right" else [0, 0, 8])


# A chat template in the style of Qwen3 (written for this test): an assistant turn after the last
# patient message carries a think block, empty when there is no reasoning; `enable_thinking=False`
# puts the empty block into the generation prompt instead.
QWEN3_STYLE_TEMPLATE = (
    "{%- set nl = '\\n' -%}"
    "{%- for m in messages -%}"
    "{%- if m.role == 'assistant' -%}"
    "{%- set content = m.content.split('</think>')[-1].lstrip(nl) -%}"
    "{{ '<|im_start|>assistant' + nl }}"
    "{%- if loop.last -%}{{ '<think>' + nl + nl + '</think>' + nl + nl }}{%- endif -%}"
    "{{ content + '<|im_end|>' + nl }}"
    "{%- else -%}{{ '<|im_start|>' + m.role + nl + m.content + '<|im_end|>' + nl }}{%- endif -%}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{ '<|im_start|>assistant' + nl }}"
    "{%- if enable_thinking is defined and enable_thinking is false -%}"
    "{{ '<think>' + nl + nl + '</think>' + nl + nl }}{%- endif -%}"
    "{%- endif -%}"
)


@pytest.fixture()
def qwen3_style(tiny_model_dir):
    from medrank_trainer.modeling import load_tokenizer

    tok = load_tokenizer(tiny_model_dir)
    tok.chat_template = QWEN3_STYLE_TEMPLATE
    return tok


def test_reasoning_template_runs_in_non_thinking_mode_and_the_answer_has_no_think_block(qwen3_style, tiny_model_dir):
    import torch

    from medrank_trainer.modeling import load_backbone
    from medrank_trainer.reward_model import RewardModel

    chat = ChatFormat(qwen3_style)
    assert chat.uses_tokenizer_template and chat.describe()["reasoning"]
    # the (empty) think block belongs to the prompt the policy continues from …
    assert chat.render_prompt(MESSAGES).endswith("<|im_start|>assistant\n<think>\n\n</think>\n\n")
    # … so the answer the RM scores is exactly the text the policy writes after it
    assert chat.render_answer("请休息。", MESSAGES) == "请休息。<|im_end|>"
    thinking = "<think>\n病人头痛三天，先问伴随症状。\n</think>\n\n请休息。"
    assert chat.render_answer(thinking, MESSAGES) == "请休息。<|im_end|>"
    enc = chat.encode_pair(MESSAGES, "请休息。", max_length=512)
    assert enc.input_ids[:enc.prompt_len] == chat.encode_prompt(MESSAGES, 512)
    assert qwen3_style.decode(enc.input_ids[enc.prompt_len:]) == "请休息。<|im_end|>"
    # a tiny RM scores an answer with a reasoning block as the same answer without it
    torch.manual_seed(0)
    rm = RewardModel(load_backbone(tiny_model_dir, dtype=torch.float32, device="cpu"), 32).eval()
    rows = [chat.encode_pair(MESSAGES, a, 512).input_ids for a in ("请休息。", thinking)]
    assert rows[0] == rows[1]
    with torch.no_grad():
        scores = rm(torch.tensor(rows), torch.ones(2, len(rows[0]), dtype=torch.long))
    assert scores[0].item() == pytest.approx(scores[1].item(), rel=1e-5)


def test_a_reasoning_template_that_cannot_be_cut_cleanly_is_refused(qwen3_style):
    from medrank_trainer.data import TrainerInputError

    # ignores enable_thinking: the think block would land in the answer the RM scores
    qwen3_style.chat_template = QWEN3_STYLE_TEMPLATE.replace("enable_thinking is defined and enable_thinking is false",
                                                             "false")
    with pytest.raises(TrainerInputError, match="reasoning"):
        ChatFormat(qwen3_style)
