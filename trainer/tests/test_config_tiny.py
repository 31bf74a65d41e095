import json
from dataclasses import dataclass, field

import pytest

from medrank_trainer.config import load_config, parse_config, save_config
from medrank_trainer.data import TrainerInputError


@dataclass
class DemoConfig:
    model: str = field(default="", metadata={"help": "model directory"})
    lr: float = field(default=1e-4, metadata={"help": "learning rate"})
    steps: int = field(default=10, metadata={"help": "steps"})
    lora: bool = field(default=True, metadata={"help": "use LoRA"})
    targets: list[str] = field(default_factory=lambda: ["all-linear"], metadata={"help": "LoRA targets"})


def test_flags_bools_lists_and_config_file(tmp_path):
    cfg = parse_config(DemoConfig, ["--lr", "3e-5", "--no-lora", "--targets", "q_proj, v_proj"])
    assert cfg == DemoConfig(lr=3e-5, lora=False, targets=["q_proj", "v_proj"])
    save_config(cfg, tmp_path / "c.json")
    assert json.loads((tmp_path / "c.json").read_text())["targets"] == ["q_proj", "v_proj"]
    # --config loads the file, flags still win
    cfg2 = parse_config(DemoConfig, ["--config", str(tmp_path / "c.json"), "--steps", "7"])
    assert (cfg2.lr, cfg2.lora, cfg2.steps) == (3e-5, False, 7)
    # snake_case spelling works too
    assert parse_config(DemoConfig, ["--model", "m"]).model == "m"


def test_unknown_config_keys_are_errors(tmp_path):
    with pytest.raises(TrainerInputError, match="unknown config field"):
        load_config(DemoConfig, {"lr": 1.0, "learnig_rate": 2.0})


def test_help_lists_field_docs(capsys):
    with pytest.raises(SystemExit):
        parse_config(DemoConfig, ["--help"])
    out = capsys.readouterr().out
    assert "learning rate" in out and "--no-lora" in out


def test_tiny_tokenizer_round_trips_chinese_and_has_special_tokens(tokenizer):
    text = "病人：我头痛 3 天了，体温37.5℃，怎么办？\n医生：请问有没有恶心、呕吐？"
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    assert tokenizer.unk_token_id not in ids
    assert len(ids) == len(text)  # one token per character
    assert tokenizer.decode(ids) == text
    assert {tokenizer.pad_token_id, tokenizer.bos_token_id, tokenizer.eos_token_id} == {0, 1, 2}
    # special tokens written in text are recognised as one token
    assert tokenizer("好</s>", add_special_tokens=False)["input_ids"][-1] == tokenizer.eos_token_id


def test_tiny_model_dir_is_a_loadable_labelled_model(tiny_model_dir):
    from medrank_trainer.modeling import load_causal_lm

    model = load_causal_lm(tiny_model_dir, device="cpu")
    assert model.config.hidden_size == 32 and model.config.num_hidden_layers == 2
    assert "test/demo model" in (tiny_model_dir / "README.md").read_text()


def test_a_field_named_source_can_be_overridden(tmp_path):
    # load_config's own parameters must not shadow config fields (sample has a `source` field)
    import dataclasses

    from medrank_trainer.config import load_config

    @dataclasses.dataclass
    class WithSource:
        source: str = "a"
        k: int = 4

    path = tmp_path / "c.json"
    path.write_text('{"k": 3}', encoding="utf-8")
    cfg = load_config(WithSource, path, source="model:x")
    assert (cfg.source, cfg.k) == ("model:x", 3)
