"""`medrank-trainer sample`: K distinct candidates per turn in the app's import format."""

import json

import pytest
import torch

from medrank_trainer import sample
from medrank_trainer.rundir import RunDir
from medrank_trainer.tiny import build_tiny_model



def test_near_duplicates_by_normalised_text_and_ngram_jaccard():
    assert sample.normalize_text(" 多喝水，注意休息！ ") == "多喝水注意休息"
    assert sample.is_near_duplicate("多喝水，注意休息。", "多喝水 注意休息", 0.8, 3)  # equal once normalised
    assert sample.is_near_duplicate("ABC", "abc", 0.8, 3)
    a = "建议您多喝温水，注意休息，如果发烧超过三天请及时就医"
    b = "建议您多喝温水，注意休息，如果发烧超过三天请及时去医院"
    assert sample.is_near_duplicate(a, b, 0.7, 3)
    assert not sample.is_near_duplicate(a, b, 0.95, 3)
    assert not sample.is_near_duplicate(a, "可能是感冒，先观察一下体温变化", 0.5, 3)
    assert sample.jaccard({"ab", "bc"}, {"bc", "cd"}) == pytest.approx(1 / 3)


def test_sample_distinct_redraws_duplicates_and_empty_answers_up_to_the_limit():
    scripted = {0: iter(["好", "好!", "", "多喝水", "休息", "看医生"]), 1: iter(["甲"] * 50)}
    calls = []

    def draw(indices):
        calls.append(list(indices))
        return [next(scripted[i]) for i in indices]

    answers, redrawn = sample.sample_distinct(2, draw, 3, max_redraws=2,
                                              duplicate=lambda a, b: sample.is_near_duplicate(a, b, 0.8, 2))
    # prompt 0: 好 kept, "好!" duplicate, "" empty -> redraw 2: 多喝水, 休息
    assert answers[0] == ["好", "多喝水", "休息"]
    # prompt 1 only ever says the same thing: one answer after 1 + 2 rounds
    assert answers[1] == ["甲"]
    assert calls == [[0, 0, 0, 1, 1, 1], [0, 0, 1, 1], [1, 1]]
    assert redrawn == 4 + 2


@pytest.fixture(scope="module")
def tiny_policy(tmp_path_factory):
    return build_tiny_model(tmp_path_factory.mktemp("sample") / "tiny-sft")


@pytest.fixture()
def prompts_file(tmp_path):
    lines = [
        {"item_id": "item-1", "messages": [{"role": "user", "content": "我头疼三天了"}]},
        {"dialogue_id": "d-7", "turn": 1, "messages": [
            {"role": "user", "content": "孩子发烧"}, {"role": "assistant", "content": "多少度？"},
            {"role": "user", "content": "38度5"}]},
        {"id": "item-9", "messages": [{"role": "user", "content": "咳嗽怎么办"}],
         "responses": ["多喝水", "去医院"], "meta": {"dialogue_id": "d-9", "turn": 0}},  # rankings export line
        {"messages": [{"role": "user", "content": "失眠"}]},
    ]
    path = tmp_path / "prompts.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


def _run(tiny_policy, prompts_file, out, *extra):
    argv = ["--policy", str(tiny_policy), "--prompts", str(prompts_file), "--out", str(out), "--k", "4",
            "--temperature", "1.0", "--max-new-tokens", "8", "--seed", "0", "--batch-size", "2", *extra]
    assert sample.main(argv) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_sample_writes_k_distinct_candidates_in_the_import_format(tiny_policy, prompts_file, tmp_path, capsys):
    rows = _run(tiny_policy, prompts_file, tmp_path / "candidates.jsonl")
    summary = json.loads(capsys.readouterr().out.splitlines()[0])
    assert summary["prompts"] == 4 and summary["short_turns"] == 0
    assert rows[0].keys() == {"item_id", "candidates"} and rows[0]["item_id"] == "item-1"
    assert rows[1].keys() == {"dialogue_id", "turn", "messages", "candidates"}
    assert (rows[1]["dialogue_id"], rows[1]["turn"], len(rows[1]["messages"])) == ("d-7", 1, 3)
    assert rows[2]["item_id"] == "item-9"  # the export's id is the item id
    # a bare {"messages"} line is a new turn numbered as the app numbers it: from 0 (turn t = 2t + 1 messages)
    assert rows[3]["dialogue_id"] == "line-4" and rows[3]["turn"] == 0
    for row in rows:
        texts = [c["text"] for c in row["candidates"]]
        assert len(texts) == 4 and all(t.strip() for t in texts)
        assert len({sample.normalize_text(t) for t in texts}) == 4
        assert {c["source"] for c in row["candidates"]} == {"model:tiny-sft@tiny-sft"}
    # same seed, same candidates
    assert _run(tiny_policy, prompts_file, tmp_path / "again.jsonl") == rows


def test_sample_with_a_ppo_adapter_uses_it(tiny_policy, prompts_file, tmp_path):
    from peft import get_peft_model

    from medrank_trainer.modeling import load_causal_lm, lora_config

    model = get_peft_model(load_causal_lm(tiny_policy), lora_config(r=4, dropout=0.0))
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.normal_(0, 1.0)
    run = RunDir(tmp_path / "ppo-7")
    ckpt = run.checkpoint_path(20)
    model.save_pretrained(str(ckpt))
    run.mark_complete(ckpt)

    base = _run(tiny_policy, prompts_file, tmp_path / "base.jsonl")
    tuned = _run(tiny_policy, prompts_file, tmp_path / "tuned.jsonl", "--adapter", str(run.path))
    assert {c["source"] for c in tuned[0]["candidates"]} == {"model:tiny-sft@ppo-7/step-000020"}
    assert [c["text"] for c in tuned[0]["candidates"]] != [c["text"] for c in base[0]["candidates"]]
    assert all(len(r["candidates"]) == 4 for r in tuned)


def test_sample_rejects_a_directory_without_an_adapter(tiny_policy, prompts_file, tmp_path):
    from medrank_trainer.data import TrainerInputError

    with pytest.raises(TrainerInputError, match="no LoRA adapter"):
        _run(tiny_policy, prompts_file, tmp_path / "x.jsonl", "--adapter", str(tmp_path))


def test_sample_numbers_bare_turns_from_zero_and_refuses_a_turn_that_disagrees(tiny_policy, tmp_path):
    from medrank_trainer.data import TrainerInputError

    three = [{"role": "user", "content": "孩子发烧"}, {"role": "assistant", "content": "多少度？"},
             {"role": "user", "content": "38度5"}]
    bare = tmp_path / "bare.jsonl"
    bare.write_text(json.dumps({"id": "d-1", "messages": [{"role": "system", "content": "你是医生"}, *three]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    row = _run(tiny_policy, bare, tmp_path / "bare-out.jsonl")[0]
    # the app's rule: turn t holds 2t + 1 messages, patient first; the system prompt is not part of the turn
    assert row["turn"] == 1 and row["messages"] == three and row["dialogue_id"] == "d-1"

    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(json.dumps({"dialogue_id": "d-2", "turn": 2, "messages": three}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    with pytest.raises(TrainerInputError, match=r"record 1: field 'turn' is 2 but the messages make turn 1"):
        _run(tiny_policy, wrong, tmp_path / "wrong-out.jsonl")
