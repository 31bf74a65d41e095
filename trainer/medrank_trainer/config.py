"""Dataclass configs -> argparse, and back to JSON.

A config is a plain dataclass whose fields carry a help string:

    @dataclass
    class MyConfig:
        lr: float = field(default=1e-5, metadata={"help": "peak learning rate"})

`parse_config(MyConfig, argv)` builds the parser (`--lr 3e-5`), bools become
`--flag / --no-flag`, `list[str]` fields take comma-separated values, and
`--config run.json` loads values from a JSON file first (flags still win).
The run directory stores the resolved config as JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from .data import TrainerInputError

C = TypeVar("C")


def _field_type(cls, f: dataclasses.Field):
    hints = typing.get_type_hints(cls)
    tp = hints.get(f.name, f.type)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    optional = False
    if origin in (typing.Union, getattr(types, "UnionType", typing.Union)) and type(None) in args:
        optional = True
        rest = [a for a in args if a is not type(None)]
        tp = rest[0] if len(rest) == 1 else str
    return tp, optional


def _parse_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _default_of(f: dataclasses.Field):
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
        return f.default_factory()  # type: ignore[misc]
    return None


def add_dataclass_arguments(parser: argparse.ArgumentParser, cls) -> argparse.ArgumentParser:
    """Add one `--field` per dataclass field. Defaults are left to the dataclass (argparse default = SUPPRESS)."""
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        tp, optional = _field_type(cls, f)
        name = "--" + f.name.replace("_", "-")
        alias = "--" + f.name
        names = [name] if alias == name else [name, alias]
        default = _default_of(f)
        help_text = f.metadata.get("help", "")
        help_text = f"{help_text} (default: {default!r})" if help_text else f"default: {default!r}"
        kwargs: dict[str, Any] = {"dest": f.name, "default": argparse.SUPPRESS, "help": help_text}
        if "choices" in f.metadata:
            kwargs["choices"] = f.metadata["choices"]
        if tp is bool:
            parser.add_argument(*names, action=argparse.BooleanOptionalAction, **kwargs)
        elif typing.get_origin(tp) in (list, tuple):
            parser.add_argument(*names, type=_parse_list, metavar="A,B,…", **kwargs)
        elif tp in (int, float, str):
            parser.add_argument(*names, type=tp, **kwargs)
        else:
            parser.add_argument(*names, type=str, **kwargs)
    return parser


def config_to_dict(cfg) -> dict:
    return dataclasses.asdict(cfg)


def load_config(cls: type[C], source: str | Path | dict, /, **overrides) -> C:
    """Build a config from a JSON file or dict; unknown keys are an error (they are usually typos)."""
    if isinstance(source, dict):
        data = dict(source)
    else:
        path = Path(source)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise TrainerInputError(f"{path}: config file not found") from None
        except json.JSONDecodeError as exc:
            raise TrainerInputError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
        if not isinstance(data, dict):
            raise TrainerInputError(f"{path}: a config must be a JSON object")
    data.update(overrides)
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(data) - names)
    if unknown:
        raise TrainerInputError(f"unknown config field(s): {', '.join(unknown)}")
    return _construct(cls, data)


def _construct(cls: type[C], data: dict) -> C:
    try:
        cfg = cls(**data)
    except TypeError as exc:
        raise TrainerInputError(f"config: {exc}") from None
    check = getattr(cfg, "validate", None)
    if callable(check):
        check()
    return cfg


def save_config(cfg, path: str | Path) -> None:
    Path(path).write_text(json.dumps(config_to_dict(cfg), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build_parser(cls, prog: str | None = None, description: str = "") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description,
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--config", default=None, help="JSON file with config values; flags override it")
    add_dataclass_arguments(parser, cls)
    return parser


def parse_explicit(cls, argv: list[str] | None, prog: str | None = None, description: str = "") -> tuple[str | None, dict]:
    """argv -> (the `--config` file or None, the fields given explicitly on the command line)."""
    parser = build_parser(cls, prog=prog, description=description)
    ns = vars(parser.parse_args(argv))
    return ns.pop("config", None), ns


def parse_config(cls: type[C], argv: list[str] | None, prog: str | None = None, description: str = "") -> C:
    """argv -> config instance (validated when the dataclass has a `validate()` method)."""
    config_file, explicit = parse_explicit(cls, argv, prog=prog, description=description)
    if config_file:
        return load_config(cls, config_file, **explicit)
    return _construct(cls, explicit)


def parse_resumable(cls: type[C], argv: list[str] | None, prog: str, description: str = "") -> C:
    """Flags -> config for a command that can resume. With `--resume --out DIR` the config stored
    in DIR is the base and only the flags given explicitly override it, so `--resume --out DIR`
    alone continues a run; otherwise a `--config` file (if any) is the base."""
    config_file, explicit = parse_explicit(cls, argv, prog=prog, description=description)
    stored = Path(explicit.get("out", "")) / "config.json"
    if explicit.get("resume") and explicit.get("out") and stored.is_file():
        return load_config(cls, json.loads(stored.read_text(encoding="utf-8")), **explicit)
    return load_config(cls, config_file or {}, **explicit)

