import pytest

from conftest import ranking_line, write_jsonl
from medrank_trainer.data import (TrainerInputError, read_prompts, read_rankings, split_train_val)


def test_reads_a_valid_export_with_ties_and_variable_k(tmp_path):
    path = write_jsonl(tmp_path / "r.jsonl", [
        ranking_line(),
        ranking_line(id="item-2", responses=["甲", "乙", "丙"], ranks=[1, 1, 2]),
        "",  # blank lines are skipped
        ranking_line(id="item-3", responses=["好", "差"], ranks=None),
    ])
    items = read_rankings(path)
    assert [it.id for it in items] == ["item-1", "item-2", "item-3"]
    assert items[0].meta == {"department": "神经内科"}
    assert len(items[0].pairs) == 6
    # the tie (answers 0 and 1) forms no pair
    assert sorted(items[1].pairs) == [(0, 2), (1, 2)]
    assert items[2].ranks == [1, 2]  # missing ranks: responses are best-first


@pytest.mark.parametrize("line, message", [
    (ranking_line(responses=["只有一个"], ranks=[1]), "field 'responses' has K=1 answers; a ranking needs K >= 2"),
    (ranking_line(responses=["同样", "同样", "不同"], ranks=[1, 2, 3]), "duplicate answer"),
    (ranking_line(ranks=[1, 2, 3]), "field 'ranks' has 3 entries but 'responses' has 4"),
    (ranking_line(responses="not a list"), "field 'responses' must be a list of strings"),
    (ranking_line(messages=[{"role": "assistant", "content": "hi"}]), "must end with the patient's ('user') turn"),
    (ranking_line(messages=[{"role": "doctor", "content": "hi"}]), "messages[0].role"),
    (ranking_line(responses=[f"答{i}" for i in range(9)], ranks=list(range(1, 10))), "at most 8"),
    (ranking_line(ranks=[0, 1, 2, 3]), "ranks >= 1"),
])
def test_bad_lines_name_the_line_and_field(tmp_path, line, message):
    path = write_jsonl(tmp_path / "r.jsonl", [ranking_line(id="ok"), line])
    with pytest.raises(TrainerInputError) as err:
        read_rankings(path)
    text = str(err.value)
    assert f"{path}:2:" in text
    assert message in text


def test_malformed_json_names_the_line(tmp_path):
    path = write_jsonl(tmp_path / "r.jsonl", [ranking_line(), '{"id": "x", "messages": ['])
    with pytest.raises(TrainerInputError, match=r"r\.jsonl:2: not valid JSON"):
        read_rankings(path)


def test_empty_and_missing_files(tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n\n")
    with pytest.raises(TrainerInputError, match="the file is empty"):
        read_rankings(tmp_path / "empty.jsonl")
    with pytest.raises(TrainerInputError, match="file not found"):
        read_rankings(tmp_path / "nope.jsonl")


def test_duplicate_item_ids_are_rejected(tmp_path):
    path = write_jsonl(tmp_path / "r.jsonl", [ranking_line(), ranking_line()])
    with pytest.raises(TrainerInputError, match="already used on line 1"):
        read_rankings(path)


def test_prompts_from_messages_or_rankings_export(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [
        {"id": "p1", "messages": [{"role": "user", "content": "胃胀怎么办"}]},
        ranking_line(id="r1"),
    ])
    prompts = read_prompts(path)
    assert [p.id for p in prompts] == ["p1", "r1"]
    assert prompts[1].messages[-1] == {"role": "user", "content": "没有发烧"}


def test_split_is_deterministic_ten_percent_and_disjoint():
    items = [type("Item", (), {"id": f"item-{i}"})() for i in range(50)]
    train, val = split_train_val(items, 0.1, seed=3)
    assert len(val) == 5 and len(train) == 45
    assert {v.id for v in val}.isdisjoint({t.id for t in train})
    again_train, again_val = split_train_val(list(reversed(items)), 0.1, seed=3)
    assert {v.id for v in again_val} == {v.id for v in val}  # by id, not by position
    _, other = split_train_val(items, 0.1, seed=4)
    assert {v.id for v in other} != {v.id for v in val}
