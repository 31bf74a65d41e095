"""`medrank-trainer <command> …` — one subcommand per module, imported only when used.

    rm          train a reward model on the final-rankings export       (reward_model.py)
    score       score (messages, answer) pairs with a trained RM         (score.py)
    export-onnx export a trained RM as ONNX + tokenizer + manifest       (export_onnx.py)
    ppo         optimise the policy with PPO against an RM               (ppo.py)
    sample      sample K candidate answers per turn                      (sample.py)
    generate    one answer per evaluation prompt, decoding pinned        (generate_answers.py)
    agent       claim runs from the MedRank app and execute them         (agent.py)
    tiny-model  write a tiny random model for tests and demos            (tiny.py)

Input problems (`TrainerInputError`) print one line and exit with status 2,
without a traceback. Works under `torchrun` / `accelerate launch`:
`torchrun --nproc_per_node 2 -m medrank_trainer.cli rm …`.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "rm": ("medrank_trainer.reward_model", "train a reward model on the final-rankings export"),
    "score": ("medrank_trainer.score", "score (messages, answer) pairs with a trained reward model"),
    "export-onnx": ("medrank_trainer.export_onnx", "export a trained reward model as ONNX + tokenizer + manifest"),
    "ppo": ("medrank_trainer.ppo", "optimise the policy with PPO against a reward model"),
    "sample": ("medrank_trainer.sample", "sample K candidate answers per turn"),
    "generate": ("medrank_trainer.generate_answers", "one answer per evaluation prompt, decoding pinned and recorded"),
    "agent": ("medrank_trainer.agent", "claim runs from the MedRank app and execute them"),
    "tiny-model": ("medrank_trainer.tiny", "write a TINY random model + tokenizer (tests and demos only)"),
}


def _usage() -> str:
    width = max(len(c) for c in COMMANDS)
    lines = ["usage: medrank-trainer <command> [options]   (medrank-trainer <command> --help)", "", "commands:"]
    lines += [f"  {name.ljust(width)}  {text}" for name, (_, text) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(_usage())
        return 0 if argv else 2
    if argv[0] in ("-V", "--version"):
        from . import __version__

        print(__version__)
        return 0
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"medrank-trainer: unknown command {command!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    from .data import TrainerInputError

    try:
        module = importlib.import_module(COMMANDS[command][0])
        code = module.main(rest)
    except TrainerInputError as exc:
        print(f"medrank-trainer {command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"medrank-trainer {command}: interrupted", file=sys.stderr)
        return 130
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
