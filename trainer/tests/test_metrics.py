import json
import math

import pytest

from medrank_trainer.metrics import (MetricsWriter, Throughput, kendall_tau, pairwise_accuracy, peak_memory_mb,
                                     ranking_metrics, top1_accuracy)


def test_pairwise_top1_and_kendall_on_known_orders():
    ranks = [1, 2, 3, 4]
    assert pairwise_accuracy([4, 3, 2, 1], ranks) == 1.0
    assert pairwise_accuracy([1, 2, 3, 4], ranks) == 0.0
    assert pairwise_accuracy([4, 3, 1, 2], ranks) == pytest.approx(5 / 6)
    assert kendall_tau([4, 3, 2, 1], ranks) == 1.0
    assert kendall_tau([1, 2, 3, 4], ranks) == -1.0
    assert kendall_tau([4, 3, 1, 2], ranks) == pytest.approx((5 - 1) / 6)
    assert top1_accuracy([0, 9, 1, 2], ranks) == 0.0
    assert top1_accuracy([0, 9, 1, 2], [2, 1, 3, 4]) == 1.0


def test_ties_form_no_pairs_and_count_for_top1():
    assert pairwise_accuracy([1.0, 2.0], [1, 1]) is None
    assert top1_accuracy([1.0, 2.0, 0.0], [1, 1, 2]) == 1.0  # either tied best answer counts


def test_a_tie_for_the_model_top_score_is_a_top1_miss():
    # A collapsed (constant) reward model must not score top-1 = 1.0 because exports list the best first.
    assert top1_accuracy([0.0, 0.0, 0.0, 0.0], [1, 2, 3, 4]) == 0.0
    assert top1_accuracy([2.0, 2.0, 0.0], [1, 2, 3]) == 0.0
    m = ranking_metrics([([0.0] * 4, [1, 2, 3, 4])] * 3)
    assert m["reward/top1_accuracy"] == 0.0 and m["reward/accuracy"] == 0.0
    # tau-b with a human tie: (C - D) / sqrt((n0 - n1)(n0 - n2)) = 2 / sqrt(3 * 2)
    assert kendall_tau([3.0, 2.0, 1.0], [1, 1, 2]) == pytest.approx(2 / math.sqrt(6))


def test_ranking_metrics_pools_pairs_and_reports_margin():
    m = ranking_metrics([([2.0, 1.0], [1, 2]), ([0.0, 1.0, 2.0], [1, 2, 3])])
    assert m["reward/accuracy"] == pytest.approx(1 / 4)
    assert m["reward/top1_accuracy"] == pytest.approx(0.5)
    assert m["reward/margin"] == pytest.approx((1 - 1 - 2 - 1) / 4)
    assert m["reward/mean"] == pytest.approx(1.2)


def test_metrics_writer_lines_carry_step_total_split_time(tmp_path):
    w = MetricsWriter(tmp_path / "m.jsonl", total_steps=10)
    w.write("train", 1, **{"loss/rm": 0.5, "reward/accuracy": float("nan")})
    # flushed: a reader (the app tails the file) sees the line before close()
    line = json.loads((tmp_path / "m.jsonl").read_text().splitlines()[0])
    assert {"step": 1, "total_steps": 10, "split": "train"}.items() <= line.items()
    assert isinstance(line["time"], float) and line["reward/accuracy"] is None
    with pytest.raises(ValueError):
        w.write("test", 2)
    w.close()


def test_memory_and_throughput_helpers():
    assert peak_memory_mb("cpu") > 10
    t = Throughput()
    t.add(1000)
    assert t.rate() > 0
