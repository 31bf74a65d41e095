"""Loading models and tokenizers from a LOCAL directory, plus the dtype / LoRA / memory policies.

Policies (shared by RM, PPO and sampling):
- models come from a local Hugging Face directory only (no hub look-ups);
- dtype: bf16 on CUDA when the card supports it, fp32 on CPU;
- pad token: the model's own, else EOS (the attention mask, not the ids, marks padding);
- LoRA on every linear layer of the transformer by default (`target_modules="all-linear"`).
"""

from __future__ import annotations

from pathlib import Path

import torch

from .data import TrainerInputError

_WEIGHT_PATTERNS = ("*.safetensors", "*.bin", "*.safetensors.index.json", "*.bin.index.json")


def check_model_dir(path: str | Path, need_weights: bool = True) -> Path:
    """Return the directory as a Path, or raise TrainerInputError saying what is missing."""
    p = Path(path)
    if not p.exists():
        raise TrainerInputError(f"model directory not found: {p}")
    if not p.is_dir():
        raise TrainerInputError(f"not a directory: {p} (expected a local Hugging Face model directory)")
    if not (p / "config.json").is_file():
        raise TrainerInputError(f"{p} is not a model directory: config.json is missing")
    if need_weights and not any(any(p.glob(pat)) for pat in _WEIGHT_PATTERNS):
        raise TrainerInputError(f"{p} has no model weights (*.safetensors or *.bin)")
    return p


def _transformers_version() -> tuple[int, int]:
    import transformers

    major, minor = transformers.__version__.split(".")[:2]
    return int(major), int("".join(ch for ch in minor if ch.isdigit()) or 0)


def dtype_kwarg(dtype: torch.dtype) -> dict:
    """`from_pretrained`/`from_config` keyword for the dtype: `dtype` since transformers 4.56, `torch_dtype` before."""
    return {"dtype": dtype} if _transformers_version() >= (4, 56) else {"torch_dtype": dtype}


def resolve_device(device: str | torch.device | None = None) -> torch.device:
    if device is None:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


def default_dtype(device: str | torch.device | None = None) -> torch.dtype:
    dev = resolve_device(device)
    if dev.type == "cuda" and torch.cuda.is_bf16_supported():
        return torch.bfloat16
    return torch.float32


def parse_dtype(name: str | torch.dtype | None) -> torch.dtype | None:
    if name is None or isinstance(name, torch.dtype):
        return name
    table = {"auto": None, "bf16": torch.bfloat16, "bfloat16": torch.bfloat16, "fp16": torch.float16,
             "float16": torch.float16, "fp32": torch.float32, "float32": torch.float32}
    if name not in table:
        raise TrainerInputError(f"unknown dtype {name!r}; use one of {sorted(table)}")
    return table[name]


def load_tokenizer(model_dir: str | Path, padding_side: str = "right", require_config: bool = True):
    """Tokenizer from a local directory; `require_config=False` for directories holding only a tokenizer."""
    from transformers import AutoTokenizer

    p = check_model_dir(model_dir, need_weights=False) if require_config else Path(model_dir)
    try:
        tok = AutoTokenizer.from_pretrained(str(p), local_files_only=True)
    except (OSError, ValueError) as exc:
        raise TrainerInputError(f"{p}: cannot load a tokenizer ({exc})") from None
    if tok.eos_token is None:
        raise TrainerInputError(f"{p}: the tokenizer has no EOS token")
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token  # safe: padding is read from the attention mask
    tok.padding_side = padding_side
    return tok


def apply_dropout(config, p: float | None) -> None:
    """Set every dropout probability the architecture's config exposes (LLaMA/Qwen: attention_dropout)."""
    if p is None:
        return
    for name in ("attention_dropout", "hidden_dropout", "dropout", "resid_pdrop", "embd_pdrop", "attn_pdrop",
                 "hidden_dropout_prob", "attention_probs_dropout_prob"):
        if hasattr(config, name):
            setattr(config, name, p)


def enable_gradient_checkpointing(model) -> None:
    # Non-reentrant checkpointing works with frozen inputs (LoRA) and DDP without extra hooks.
    # Newer transformers renamed the method (the old name warns); older ones only have the old name.
    kwargs = {"use_reentrant": False}
    if hasattr(model, "activation_checkpointing_enable"):
        model.activation_checkpointing_enable(activation_checkpointing_kwargs=kwargs)
    else:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs=kwargs)
    if hasattr(model, "config"):
        model.config.use_cache = False


def _load(auto_cls, model_dir, dtype, device, dropout, gradient_checkpointing, attn_implementation=None):
    from transformers import AutoConfig

    p = check_model_dir(model_dir)
    dev = resolve_device(device)
    dtype = dtype or default_dtype(dev)
    extra = {"attn_implementation": attn_implementation} if attn_implementation else {}
    try:
        config = AutoConfig.from_pretrained(str(p), local_files_only=True)
        apply_dropout(config, dropout)
        model = auto_cls.from_pretrained(str(p), config=config, local_files_only=True, **dtype_kwarg(dtype), **extra)
    except (OSError, ValueError, KeyError) as exc:
        raise TrainerInputError(f"{p}: cannot load the model ({exc})") from None
    if gradient_checkpointing:
        enable_gradient_checkpointing(model)
    return model.to(dev)


def load_causal_lm(model_dir, dtype=None, device=None, dropout=None, gradient_checkpointing=False):
    """`AutoModelForCausalLM` from a local directory (policy, reference, sampling)."""
    from transformers import AutoModelForCausalLM

    return _load(AutoModelForCausalLM, model_dir, dtype, device, dropout, gradient_checkpointing)


def load_backbone(model_dir, dtype=None, device=None, dropout=None, gradient_checkpointing=False,
                  attn_implementation=None):
    """`AutoModel` (the transformer without its LM head) from a local causal-LM directory (reward model).
    `attn_implementation`: "sdpa", "eager", "flash_attention_2" (None = transformers' default)."""
    from transformers import AutoModel

    return _load(AutoModel, model_dir, dtype, device, dropout, gradient_checkpointing, attn_implementation)


def lora_config(r: int = 16, alpha: int = 32, dropout: float = 0.05, target_modules="all-linear",
                task_type=None, modules_to_save=None):
    from peft import LoraConfig

    if isinstance(target_modules, (list, tuple)) and len(target_modules) == 1:
        target_modules = target_modules[0]
    return LoraConfig(r=r, lora_alpha=alpha, lora_dropout=dropout, target_modules=target_modules,
                      task_type=task_type, modules_to_save=modules_to_save, bias="none")


def count_parameters(model) -> tuple[int, int]:
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    return trainable, total


def hidden_size_of(config) -> int:
    for name in ("hidden_size", "n_embd", "d_model", "dim"):
        if getattr(config, name, None):
            return int(getattr(config, name))
    text = getattr(config, "text_config", None)
    if text is not None:
        return hidden_size_of(text)
    raise TrainerInputError("cannot find the hidden size in the model config")
