"""MedRank trainer: reward model, PPO, sampling and the run agent.

Modules are imported lazily by the CLI; import what you need directly, e.g.
`from medrank_trainer.score import load_reward_model`.
"""

__version__ = "0.1.0"

from .data import TrainerInputError  # noqa: F401  (light: no torch import)

__all__ = ["TrainerInputError", "__version__"]
