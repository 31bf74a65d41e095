"""`medrank-trainer agent`: claim runs from the MedRank app and execute them on this host.

    medrank-trainer agent --url http://app:3000 --token mra_… --workdir /data/medrank-agent [--gpus 4]

The loop, top to bottom:

1. claim — `POST /api/agent/claim` gives one queued run (or none) and a lease;
   nothing to do → wait `--poll-interval`; the app unreachable → retry with
   exponential back-off (the agent outlives app restarts).
2. prepare — download the run's input JSONL (its pinned snapshot, or the
   prompts of the items to sample for), check its sha256, write the run's
   hyperparameters as the trainer's `--config` file.
3. train — the trainer runs as a SUBPROCESS (`python -m medrank_trainer.cli rm …`,
   or under `torchrun` / `accelerate launch` with several GPUs), in its own
   process group, and dies with the agent (PR_SET_PDEATHSIG) so an orphan never
   writes into a run that was requeued.
4. watch — a heartbeat thread extends the lease; its answer carries the admin's
   cancel request (→ terminate the trainer, report CANCELLED); a 409 means the
   lease was lost (→ terminate, report nothing). The main thread tails
   metrics.jsonl (and a PPO run's samples.jsonl) and posts what is new every
   `--flush-interval`; the trainer's stdout/stderr are read in chunks as they come
   (agent_logs.py: a progress bar is one line updated in place, each line stamped
   when produced). Each line carries (attempt, seq), so a batch re-sent after a
   network error is a no-op and an updated line replaces its earlier text.
5. report — sampling runs post their candidates; a successful RM run is exported
   (`export-onnx`, fp32 + int8, into <run>/onnx) and uploaded to the app in
   resumable chunks (rm_upload.py) — a failed export or upload is a line in the
   run's log, the run still completes; then `complete` with the summary and the
   artifacts (paths and sizes on this host), or `fail` with the reason (the
   trainer's last error line).

Nothing is lost when something dies: if the agent is killed, its lease lapses
and the app requeues the run (bounded attempts); the next attempt on this host
resumes from the run directory's last complete checkpoint (`--resume`).
The agent talks HTTP with the standard library only: it imports no torch.
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__
from .agent_logs import RunLog, StreamPump

KINDS = ("RM", "PPO", "SAMPLE", "GENERATE")
TRAINER_COMMAND = {"RM": "rm", "PPO": "ppo", "SAMPLE": "sample", "GENERATE": "generate"}
MAX_BATCH = 500  # lines per metrics/logs post
RESULTS_BATCH = 100  # candidate records per results post
ANSWERS_BATCH = 200  # GENERATE answers per post (the app's limit: MAX_ANSWERS_PER_POST)
MAX_ARTIFACTS = 2000


# ============================================================== errors

class AppUnavailable(Exception):
    """The app did not answer (connection refused, timeout, 5xx, 429): retry later."""


class Unauthorized(Exception):
    """401/403: the token is wrong or was revoked. The agent stops."""


class LeaseLost(Exception):
    """409: this agent no longer holds the run (lapsed and requeued, cancelled, or ended)."""


class ApiError(Exception):
    """Any other 4xx: the request itself is wrong; retrying will not help."""

    def __init__(self, status: int, message: str):
        super().__init__(f"HTTP {status}: {message}")
        self.status = status


# ============================================================== config

@dataclass
class AgentConfig:
    url: str
    token: str
    workdir: Path
    gpus: int = 0
    launcher: str = "auto"  # auto | python | torchrun | accelerate
    kinds: tuple[str, ...] = KINDS
    poll_interval: float = 5.0
    max_backoff: float = 60.0
    lease_seconds: int = 60
    heartbeat_interval: float | None = None  # default: lease / 4
    flush_interval: float = 1.0
    once: bool = False  # exit after one run (tests, cron)
    python: str = sys.executable
    models: list[str] = field(default_factory=list)  # model dirs on this host, shown in the launch form
    terminate_grace: float = 15.0  # seconds between SIGTERM and SIGKILL for the trainer
    export_rm: bool = True  # export (ONNX, fp32 + int8) and upload the model of a successful RM run
    upload_chunk_bytes: int = 16 * 1024 * 1024  # bytes per PUT of the upload (the app takes <= 64 MiB)
    upload_max_failures: int = 8  # failed upload requests in a row before giving up
    # Tests replace export-onnx with a small script: (run, paths) -> argv.
    export_builder: Callable[[dict, "RunPaths", "AgentConfig"], list[str]] | None = None
    # Tests replace the trainer with a small script: (run, paths) -> argv.
    command_builder: Callable[[dict, "RunPaths", "AgentConfig"], list[str]] | None = None

    @property
    def heartbeat_every(self) -> float:
        return self.heartbeat_interval if self.heartbeat_interval else max(1.0, self.lease_seconds / 4)


# ============================================================== HTTP

class Backoff:
    """Exponential back-off with jitter: initial, ×2 per failure, capped; reset on success."""

    def __init__(self, initial: float, maximum: float):
        self.initial = max(0.01, initial)
        self.maximum = max(self.initial, maximum)
        self.current = self.initial

    def next(self) -> float:
        delay = self.current
        self.current = min(self.maximum, self.current * 2)
        return delay * random.uniform(0.8, 1.2)

    def reset(self) -> None:
        self.current = self.initial


class ApiClient:
    def __init__(self, url: str, token: str, timeout: float = 30.0):
        self.base = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def request(self, method: str, path: str, body: dict | None = None, raw: bool = False):
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", f"Bearer {self.token}")
        req.add_header("User-Agent", f"medrank-agent/{__version__}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                payload = resp.read()
                headers = dict(resp.headers.items())
        except urllib.error.HTTPError as exc:
            message = _error_message(exc)
            if exc.code in (401, 403):
                raise Unauthorized(message) from None
            if exc.code == 409:
                raise LeaseLost(message) from None
            if exc.code == 429 or exc.code >= 500:
                raise AppUnavailable(f"HTTP {exc.code}: {message}") from None
            raise ApiError(exc.code, message) from None
        except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise AppUnavailable(f"{self.base} unreachable: {reason}") from None
        if raw:
            return payload, headers
        if not payload:
            return {}
        return json.loads(payload.decode("utf-8"))

    def call(self, method: str, path: str, body: dict | None, stop: threading.Event, backoff: Backoff,
             on_retry: Callable[[str, float], None] | None = None, raw: bool = False):
        """`request`, retried with back-off while the app is unavailable; gives up only when `stop` is set."""
        while True:
            try:
                result = self.request(method, path, body, raw=raw)
                backoff.reset()
                return result
            except AppUnavailable as exc:
                delay = backoff.next()
                if on_retry:
                    on_retry(str(exc), delay)
                if stop.wait(delay):
                    raise


def _error_message(exc: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(exc.read().decode("utf-8"))
        return str(body.get("error", {}).get("message") or body)
    except Exception:  # noqa: BLE001 — a proxy's HTML error page, say
        return exc.reason if isinstance(exc.reason, str) else f"HTTP {exc.code}"


# ============================================================== the run directory on this host

@dataclass
class RunPaths:
    root: Path  # <workdir>/runs/<run id>

    input = property(lambda self: self.root / "input.jsonl")
    config = property(lambda self: self.root / "trainer-config.json")
    out = property(lambda self: self.root / "out")  # the trainer's run directory (--out)
    onnx = property(lambda self: self.root / "out" / "onnx")  # an RM run's export-onnx folder
    metrics = property(lambda self: self.root / "out" / "metrics.jsonl")
    summary = property(lambda self: self.root / "out" / "summary.json")
    candidates = property(lambda self: self.root / "out" / "candidates.jsonl")
    samples = property(lambda self: self.root / "out" / "samples.jsonl")  # PPO: prompt / answer / reward per step
    answers = property(lambda self: self.root / "out" / "answers.jsonl")  # GENERATE: one answer per prompt

    def has_checkpoint(self) -> bool:
        """A complete checkpoint (the trainer writes its COMPLETE marker last) that `--resume` can use."""
        ckpts = self.out / "checkpoints"
        return ckpts.is_dir() and any((d / "COMPLETE").is_file() for d in ckpts.iterdir() if d.is_dir())


def trainer_command(run: dict, paths: RunPaths, cfg: AgentConfig) -> list[str]:
    """The argv of the trainer subprocess for one run (hyperparameters go through --config)."""
    kind = run["kind"]
    parent_dir = (run.get("parent") or {}).get("outputDir")
    if kind == "RM":
        args = ["rm", "--config", str(paths.config), "--model", run["modelPath"], "--data", str(paths.input),
                "--out", str(paths.out)]
    elif kind == "PPO":
        if not parent_dir:
            raise ApiError(422, "the PPO run's reward-model run reported no output directory")
        args = ["ppo", "--config", str(paths.config), "--policy", run["modelPath"], "--reward-model", parent_dir,
                "--prompts", str(paths.input), "--out", str(paths.out)]
    elif kind == "SAMPLE":
        # The sampler writes one candidates file (no checkpoints): a requeued attempt simply samples again.
        # (the candidate source label travels in the --config file: see candidate_source)
        args = ["sample", "--config", str(paths.config), "--policy", run["modelPath"], "--prompts", str(paths.input),
                "--out", str(paths.candidates)]
        if run.get("k"):
            args += ["--k", str(run["k"])]
        if parent_dir:
            args += ["--adapter", parent_dir]  # sampling from a PPO policy: its LoRA adapter
        return _launcher(kind, cfg) + args
    elif kind == "GENERATE":
        # One answer per evaluation prompt into out/answers.jsonl (+ summary.json with the decoding);
        # no checkpoints: a requeued attempt answers again (the app keeps the first answer per prompt).
        args = ["generate", "--config", str(paths.config), "--policy", run["modelPath"], "--prompts", str(paths.input),
                "--out", str(paths.out)]
        if parent_dir:
            args += ["--adapter", parent_dir]  # a PPO run's policy: its LoRA adapter on the base model
        return _launcher(kind, cfg) + args
    else:
        raise ApiError(422, f"unknown run kind {kind!r}")
    if run.get("resume") and paths.has_checkpoint():
        args.append("--resume")
    return _launcher(kind, cfg) + args


def export_command(run: dict, paths: RunPaths, cfg: AgentConfig) -> list[str]:
    """The argv of `export-onnx` for a finished RM run (fp32 + int8, into <run>/onnx)."""
    args = [cfg.python, "-m", "medrank_trainer.cli", "export-onnx", str(paths.out), "--out", str(paths.onnx), "--int8",
            "--run-id", run["id"]]
    if run.get("snapshotId"):
        args += ["--snapshot-id", str(run["snapshotId"])]
    return args


def candidate_source(run: dict) -> str:
    """Provenance of sampled candidates, as the app shows it: model:<policy dir>@<run id>."""
    return f"model:{Path(run['modelPath']).name}@{run['id']}"


def trainer_config(run: dict) -> dict:
    """The run's hyperparameters as the trainer's --config file (plus what only the agent knows)."""
    config = dict(run.get("config") or {})
    if run["kind"] == "GENERATE":
        # the app's {evalSystemId, decoding: {...}}: the trainer reads the decoding settings as its flags
        return dict(config.get("decoding") or {})
    if run["kind"] == "SAMPLE":
        # In the file rather than as a --source flag: the sampler reads its flags and file together.
        config.setdefault("source", candidate_source(run))
    return config


def _launcher(kind: str, cfg: AgentConfig) -> list[str]:
    launcher = cfg.launcher
    if launcher == "auto":
        launcher = "torchrun" if cfg.gpus > 1 and kind not in ("SAMPLE", "GENERATE") else "python"
    if launcher == "torchrun" and cfg.gpus > 1:
        exe = shutil.which("torchrun") or str(Path(cfg.python).with_name("torchrun"))
        return [exe, "--standalone", f"--nproc_per_node={cfg.gpus}", "-m", "medrank_trainer.cli"]
    if launcher == "accelerate" and cfg.gpus > 1:
        exe = shutil.which("accelerate") or str(Path(cfg.python).with_name("accelerate"))
        return [exe, "launch", "--multi_gpu", f"--num_processes={cfg.gpus}", "-m", "medrank_trainer.cli"]
    return [cfg.python, "-m", "medrank_trainer.cli"]


def _open_pty() -> tuple[int | None, int | None]:
    """(master, slave) of a pseudo-terminal 160 columns wide, or (None, None) where there is none."""
    try:
        import fcntl
        import pty
        import struct
        import termios

        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
        return master, slave
    except (ImportError, OSError):
        return None, None


def _die_with_parent() -> None:
    """Linux: the trainer gets SIGTERM when the agent dies, even by SIGKILL (no orphan keeps training)."""
    os.setsid()
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


# ============================================================== tailing

class FileTail:
    """Complete lines appended to a file since the last read; starts over if the file shrinks
    (a resumed trainer rewrites metrics.jsonl up to its checkpoint)."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0
        self.partial = b""

    def read_lines(self) -> list[str]:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return []
        if size < self.offset:
            self.offset, self.partial = 0, b""
        if size == self.offset:
            return []
        with self.path.open("rb") as fh:
            fh.seek(self.offset)
            chunk = fh.read(size - self.offset)
        self.offset += len(chunk)
        data = self.partial + chunk
        *lines, self.partial = data.split(b"\n")
        return [line.decode("utf-8", errors="replace") for line in lines if line.strip()]


# ============================================================== one run

class RunExecution:
    """One claimed attempt of one run, from download to complete/fail."""

    def __init__(self, agent: "Agent", run: dict):
        self.agent = agent
        self.api = agent.api
        self.cfg = agent.cfg
        self.run = run
        self.run_id = run["id"]
        self.attempt = int(run["attempt"])
        self.paths = RunPaths(self.cfg.workdir / "runs" / self.run_id)
        self.base = f"/api/agent/runs/{urllib.parse.quote(self.run_id)}"
        self.cancel = threading.Event()  # the admin asked to cancel
        self.lost = threading.Event()  # the lease is gone: stop without reporting
        self.done = threading.Event()  # the trainer exited
        self.log = RunLog()
        self.metric_seq = 0
        self.sample_seq = 0
        # seq → line, in seq order; a log line updated before it was posted is posted once, with its latest text
        self.unsent: dict[str, dict[int, dict]] = {"metrics": {}, "samples": {}, "logs": {}}
        self.last_step = 0
        self.recent: deque[tuple[str, str]] = deque(maxlen=40)  # for the failure reason
        self.stdout_summary: dict | None = None  # the sampler prints its summary as one JSON line
        self.proc: subprocess.Popen | None = None
        self.metrics_tail = FileTail(self.paths.metrics)
        self.samples_tail = FileTail(self.paths.samples)

    # ---------------------------------------------------------- helpers
    def note(self, message: str) -> None:
        """An agent line in the run's log (and on the agent's own stderr)."""
        self.agent.say(f"run {self.run_id}: {message}")
        self.log.note("agent", message)

    def post(self, path: str, body: dict, persistent: bool = True):
        """POST about this run; with `persistent`, retried through app outages until the lease is lost."""
        body = _storable({"attempt": self.attempt, **body})
        if not persistent:
            return self.api.request("POST", self.base + path, body)
        return self.api.call("POST", self.base + path, body, self.agent.stop_hard, Backoff(1.0, self.cfg.max_backoff),
                             on_retry=lambda err, d: self.agent.say(f"run {self.run_id}: {err}; retrying in {d:.0f}s"))

    # ---------------------------------------------------------- the attempt
    def execute(self) -> None:
        self.note(f"claimed by {socket.gethostname()} (attempt {self.attempt}), kind {self.run['kind']}")
        try:
            self.prepare()
            argv = (self.cfg.command_builder or trainer_command)(self.run, self.paths, self.cfg)
        except LeaseLost as exc:
            self.agent.say(f"run {self.run_id}: lease lost while preparing ({exc})")
            return
        except (ApiError, OSError, ValueError) as exc:
            self.finish_failed(f"preparing the run failed: {exc}")
            return
        heartbeat = threading.Thread(target=self.heartbeat_loop, daemon=True)
        heartbeat.start()
        try:
            rc = self.train(argv)
            if rc == 0 and self.run["kind"] == "RM" and self.cfg.export_rm and not self.interrupted():
                self.publish_reward_model()  # while the heartbeat still holds the lease
        finally:
            self.done.set()
            heartbeat.join(timeout=self.cfg.heartbeat_every + 5)
        self.report(rc)

    def prepare(self) -> None:
        self.paths.root.mkdir(parents=True, exist_ok=True)
        resuming = bool(self.run.get("resume")) and self.paths.has_checkpoint()
        if resuming:
            self.note("a complete checkpoint from an earlier attempt is here: resuming (--resume)")
        elif self.paths.out.exists():
            # An earlier attempt left no usable checkpoint: start clean rather than mix two runs' files.
            shutil.rmtree(self.paths.out)
        payload, headers = self.api.call("GET", self.base + "/input", None, self.agent.stop_hard,
                                         Backoff(1.0, self.cfg.max_backoff), raw=True)
        digest = hashlib.sha256(payload).hexdigest()
        expected = self.run.get("inputHash")
        if expected and digest != expected:
            raise ApiError(422, f"input JSONL sha256 {digest[:12]}… does not match the pinned {expected[:12]}…")
        self.paths.input.write_bytes(payload)
        lines = sum(1 for line in payload.splitlines() if line.strip())
        self.note(f"downloaded input: {lines} lines, sha256 {digest[:12]}…")
        config = trainer_config(self.run)
        self.paths.config.write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        # Metrics of the previous attempt are re-read from 0 (seq restarts with the attempt): duplicates are harmless.

    def interrupted(self) -> bool:
        return self.cancel.is_set() or self.lost.is_set() or self.agent.stopping.is_set()

    def train(self, argv: list[str], what: str = "trainer") -> int:
        self.note("starting: " + " ".join(argv))
        # Progress bars stay on (the log shows them as one updating line), redrawn at most once a second.
        env = dict(os.environ, PYTHONUNBUFFERED="1", TQDM_MININTERVAL="1", PYTHONIOENCODING="utf-8")
        # stderr is a terminal (a pty) where there is one: the trainer draws its progress bars only on a
        # terminal, and a terminal's carriage returns are what agent_logs.py turns into one updating line.
        err_master, err_slave = _open_pty()
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err_slave if err_slave is not None else subprocess.PIPE,
                                     env=env, cwd=str(self.paths.root),
                                     preexec_fn=_die_with_parent if os.name == "posix" else None)
        if err_slave is not None:
            os.close(err_slave)  # the trainer holds it now; EOF on the master when the trainer's side closes
        stderr = os.fdopen(err_master, "rb", buffering=0) if err_master is not None else self.proc.stderr
        pumps = [StreamPump(self.proc.stdout, "stdout", self.log), StreamPump(stderr, "stderr", self.log)]
        for p in pumps:
            p.start()
        terminated_at: float | None = None
        while True:
            rc = self.proc.poll()
            if rc is not None:
                break
            if (self.cancel.is_set() or self.lost.is_set() or self.agent.stopping.is_set()) and terminated_at is None:
                why = "cancel requested" if self.cancel.is_set() else "lease lost" if self.lost.is_set() else "agent stopping"
                self.note(f"{why}: terminating the {what}")
                self._signal(signal.SIGTERM)
                terminated_at = time.monotonic()
            if terminated_at is not None and time.monotonic() - terminated_at > self.cfg.terminate_grace:
                self._signal(signal.SIGKILL)
            self.flush(final=False)
            self.agent.stop_hard.wait(self.cfg.flush_interval)
        for p in pumps:
            p.join(timeout=5)
        self.note(f"{what} exited with code {rc}")
        return rc

    def publish_reward_model(self) -> None:
        """Export the RM (ONNX fp32 + int8) and upload it. Never fails the run: the RM run itself succeeded,
        so a failed export or upload is one line in the run's log and the run completes without a model."""
        from .rm_upload import UploadFailed, upload_reward_model

        if not any((self.paths.out / name / "reward_model.json").is_file() for name in ("best", "last")):
            self.note("reward model not uploaded: the run directory holds no best/ or last/ export")
            return
        rc = self.train((self.cfg.export_builder or export_command)(self.run, self.paths, self.cfg), what="export-onnx")
        if rc != 0:
            if self.agent.stopping.is_set() and not (self.lost.is_set() or self.cancel.is_set()):
                self.note("reward model not uploaded: the agent was stopped during the export")
            elif not self.interrupted():
                self.collect()
                errors = [line for stream, line in self.recent if stream == "stderr" and "error" in line.lower()]
                self.note(f"reward model not uploaded: export-onnx exited with code {rc}"
                          + (f": {errors[-1]}" if errors else ""))
            return
        try:
            answer, sent = upload_reward_model(
                self.api, self.base, self.attempt, self.paths.onnx, self.agent.stop_hard, self.note,
                chunk_bytes=self.cfg.upload_chunk_bytes, max_failures=self.cfg.upload_max_failures,
                backoff=Backoff(1.0, self.cfg.max_backoff))
            self.note(f"reward model uploaded: {answer.get('id')} {answer.get('status')} "
                      f"({len(answer.get('files', []))} files, {sent / 1e6:.1f} MB sent)")
        except (UploadFailed, OSError, ValueError, KeyError) as exc:
            self.note(f"reward model not uploaded: {exc}")
        except LeaseLost as exc:
            self.agent.say(f"run {self.run_id}: lease lost while uploading the reward model ({exc})")
            self.lost.set()
        except Unauthorized as exc:
            self.token_refused(exc)

    def _signal(self, sig: int) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, sig)  # the whole group: torchrun's workers too
            except (ProcessLookupError, PermissionError):
                self.proc.send_signal(sig)

    # ---------------------------------------------------------- streaming
    def collect(self) -> None:
        for line in self.metrics_tail.read_lines():
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by a crash
            if not isinstance(data, dict):
                continue
            if data.get("split", "train") == "train" and isinstance(data.get("step"), int):
                self.last_step = max(self.last_step, data["step"])
            self.unsent["metrics"][self.metric_seq] = {"seq": self.metric_seq, "data": data}
            self.metric_seq += 1
        for line in self.samples_tail.read_lines():
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(data, dict):
                self.unsent["samples"][self.sample_seq] = {"seq": self.sample_seq, "data": data}
                self.sample_seq += 1
        for stream, text in self.log.take_finished():
            self.recent.append((stream, text))
            if stream == "stdout" and text.startswith("{"):
                try:
                    value = json.loads(text)
                    if isinstance(value, dict):
                        self.stdout_summary = value
                except json.JSONDecodeError:
                    pass
        for entry in self.log.take():
            self.unsent["logs"][entry["seq"]] = entry

    def flush(self, final: bool) -> None:
        """Post what is new. During the run a failed post just waits for the next tick; at the end it is retried."""
        self.collect()
        if self.lost.is_set():
            return
        for kind, buf in self.unsent.items():
            while buf:
                batch = list(buf.values())[:MAX_BATCH]
                try:
                    if final:
                        self.post("/" + kind, {"lines": batch})
                    else:
                        self.post("/" + kind, {"lines": batch}, persistent=False)
                except AppUnavailable:
                    return  # kept; the next tick retries the same seq numbers
                except LeaseLost:
                    self.lost.set()
                    return
                except Unauthorized as exc:
                    self.token_refused(exc)
                    return
                except ApiError as exc:
                    self.agent.say(f"run {self.run_id}: {kind} batch refused ({exc}); dropped")
                for line in batch:
                    del buf[line["seq"]]

    def heartbeat_loop(self) -> None:
        while not self.done.wait(self.cfg.heartbeat_every):
            try:
                answer = self.post("/heartbeat", {"step": self.last_step}, persistent=False)
            except AppUnavailable as exc:
                self.agent.say(f"run {self.run_id}: heartbeat failed ({exc}); the trainer keeps going")
                continue
            except LeaseLost as exc:
                self.agent.say(f"run {self.run_id}: lease lost ({exc})")
                self.lost.set()
                return
            except Unauthorized as exc:
                self.token_refused(exc)
                return
            except ApiError as exc:
                self.agent.say(f"run {self.run_id}: heartbeat refused ({exc})")
                continue
            if answer.get("cancelRequested") and not self.cancel.is_set():
                self.cancel.set()

    # ---------------------------------------------------------- the end
    def report(self, rc: int) -> None:
        try:
            self.flush(final=True)
            if self.lost.is_set():
                self.agent.say(f"run {self.run_id}: lease lost; nothing reported")
                return
            if self.cancel.is_set():
                self.post("/fail", {"reason": "cancelled by an admin; trainer terminated"})
                return
            if self.agent.stopping.is_set() and rc != 0:
                self.post("/release", {"reason": "the agent was stopped"})
                return
            if rc != 0:
                self.finish_failed(self.failure_reason(rc))
                return
            if self.run["kind"] == "SAMPLE":
                self.post_results()
            if self.run["kind"] == "GENERATE":
                self.post_answers()
            summary = _read_json(self.paths.summary) or self.stdout_summary
            artifacts = list_artifacts(self.paths.out)
            self.post("/complete", {"summary": summary, "outputDir": str(self.paths.out.resolve()), "artifacts": artifacts})
            self.agent.say(f"run {self.run_id}: completed ({len(artifacts)} artifacts)")
        except LeaseLost as exc:
            self.agent.say(f"run {self.run_id}: lease lost while reporting ({exc})")
        except AppUnavailable:
            self.agent.say(f"run {self.run_id}: agent stopped before the app answered; the lease will lapse")
        except Unauthorized as exc:
            self.token_refused(exc)
        except ApiError as exc:  # the app refused the results or answers: the run fails with its reason
            self.finish_failed(f"reporting the run's output failed: {exc}")

    def token_refused(self, exc: Exception) -> None:
        """The token was revoked mid-run: stop the trainer and the agent; the run's lease lapses into a requeue."""
        self.agent.say(f"run {self.run_id}: the app refused the agent token ({exc}): stopping")
        self.agent.token_refused = True
        self.lost.set()
        self.agent.stopping.set()

    def finish_failed(self, reason: str) -> None:
        self.note(f"failed: {reason}")
        try:
            self.flush(final=True)
            self.post("/fail", {"reason": reason[:2000]})
        except (LeaseLost, Unauthorized):
            pass

    def failure_reason(self, rc: int) -> str:
        """The trainer's own error line beats a bare exit code."""
        if rc < 0:
            return f"trainer killed by signal {-rc}"
        self.collect()
        recent = [line for stream, line in self.recent if stream == "stderr"]
        tail = next((line for line in reversed(recent) if "error" in line.lower()), recent[-1] if recent else "")
        return f"trainer exited with code {rc}" + (f": {tail}" if tail else "")

    def post_results(self) -> None:
        if not self.paths.candidates.is_file():
            raise ApiError(422, f"the sampler wrote no {self.paths.candidates.name}")
        records = [json.loads(line) for line in self.paths.candidates.read_text(encoding="utf-8").splitlines() if line.strip()]
        attached = 0
        for start in range(0, len(records), RESULTS_BATCH):
            answer = self.post("/results", {"batch": start // RESULTS_BATCH, "records": records[start:start + RESULTS_BATCH]})
            attached += int(answer.get("attached", 0))
        self.note(f"posted {len(records)} candidate records ({attached} items filled)")

    def post_answers(self) -> None:
        """A GENERATE run's answers, in batches, with the decoding and model the trainer recorded.
        The app keeps one answer per prompt, so a batch re-sent after an error is a no-op."""
        if not self.paths.answers.is_file():
            raise ApiError(422, f"the generator wrote no {self.paths.answers.name}")
        lines = [json.loads(line) for line in self.paths.answers.read_text(encoding="utf-8").splitlines() if line.strip()]
        summary = _read_json(self.paths.summary) or {}
        extra = {k: summary[k] for k in ("decoding", "model") if isinstance(summary.get(k), dict)}
        accepted = 0
        for start in range(0, len(lines), ANSWERS_BATCH):
            batch = [{"prompt_id": a["prompt_id"], "answer": a["answer"]} for a in lines[start:start + ANSWERS_BATCH]]
            answer = self.post("/answers", {"answers": batch, **extra})
            accepted += int(answer.get("accepted", 0))
        self.note(f"posted {len(lines)} answers ({accepted} new)")


def _storable(value):
    """`value` with every string made storable by the app's database: NUL characters (a trainer's
    stderr may carry them) removed, lone surrogates (a JSON file's "\\ud800") replaced by U+FFFD.
    The app would clean them too; sending them clean keeps older servers from refusing a report."""
    if isinstance(value, str):
        value = value.replace("\x00", "")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            value = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in value)
        return value
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_storable(v) for v in value]
    return value


def _read_json(path: Path) -> dict | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
        return value if isinstance(value, dict) else None
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def list_artifacts(out: Path) -> list[dict]:
    """Files the run left on this host (absolute paths, sizes), exported models first."""
    if not out.is_dir():
        return []
    files = [p for p in out.rglob("*") if p.is_file()]
    files.sort(key=lambda p: (p.relative_to(out).parts[0] == "checkpoints", str(p)))
    return [{"path": str(p.resolve()), "bytes": p.stat().st_size} for p in files[:MAX_ARTIFACTS]]


# ============================================================== the agent

class Agent:
    def __init__(self, cfg: AgentConfig, out=sys.stderr):
        self.cfg = cfg
        self.api = ApiClient(cfg.url, cfg.token)
        self.out = out
        self.stopping = threading.Event()  # finish gracefully: stop the trainer, give the run back
        self.stop_hard = threading.Event()  # give up retries too (second signal, or tests)
        self.token_refused = False
        self.host = host_info(cfg)

    def say(self, message: str) -> None:
        print(f"[medrank-agent {time.strftime('%H:%M:%S')}] {message}", file=self.out, flush=True)

    def claim(self) -> dict | None:
        body = {"kinds": list(self.cfg.kinds), "leaseSeconds": self.cfg.lease_seconds, "host": self.host}
        answer = self.api.request("POST", "/api/agent/claim", body)
        return answer.get("run")

    def run_forever(self) -> int:
        self.cfg.workdir.mkdir(parents=True, exist_ok=True)
        self.say(f"polling {self.cfg.url} for {', '.join(self.cfg.kinds)} runs (workdir {self.cfg.workdir}, "
                 f"{self.cfg.gpus} GPU{'s' if self.cfg.gpus != 1 else ''})")
        backoff = Backoff(self.cfg.poll_interval, self.cfg.max_backoff)
        down_since: float | None = None
        while not self.stopping.is_set():
            try:
                run = self.claim()
            except AppUnavailable as exc:
                delay = backoff.next()
                if down_since is None:
                    down_since = time.monotonic()
                self.say(f"{exc}; retrying in {delay:.1f}s")
                self.stopping.wait(delay)
                continue
            except Unauthorized as exc:
                self.say(f"the app refused the agent token ({exc}): stopping")
                return 3
            except ApiError as exc:
                self.say(f"claim refused: {exc}; retrying in {self.cfg.max_backoff:.0f}s")
                self.stopping.wait(self.cfg.max_backoff)
                continue
            if down_since is not None:
                self.say(f"the app answers again (after {time.monotonic() - down_since:.0f}s)")
                down_since = None
            backoff.reset()
            if run is None:
                self.stopping.wait(self.cfg.poll_interval)
                continue
            RunExecution(self, run).execute()
            if self.token_refused:
                return 3
            if self.cfg.once:
                return 0
        return 3 if self.token_refused else 0

    def install_signal_handlers(self) -> None:
        def handler(signum, _frame):
            if self.stopping.is_set():
                self.stop_hard.set()  # second Ctrl-C: stop retrying too
            self.say(f"signal {signum}: stopping (the current run is given back to the queue)")
            self.stopping.set()

        signal.signal(signal.SIGINT, handler)
        signal.signal(signal.SIGTERM, handler)


def detect_gpus() -> list[str]:
    """GPU names from nvidia-smi (no torch import: the agent stays light)."""
    exe = shutil.which("nvidia-smi")
    if not exe:
        return []
    try:
        out = subprocess.run([exe, "-L"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split(":", 1)[1].split("(UUID")[0].strip() for line in out.splitlines() if line.startswith("GPU ")]


def host_info(cfg: AgentConfig) -> dict:
    names = detect_gpus()
    return {
        "hostname": socket.gethostname(),
        "gpus": cfg.gpus,
        "gpuNames": names,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "agentVersion": __version__,
        "models": cfg.models,
        # the app shows the agent offline after a few missed contacts at these intervals
        "pollSeconds": cfg.poll_interval,
        "heartbeatSeconds": cfg.heartbeat_every,
    }


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="medrank-trainer agent",
                                description="Claim runs from the MedRank app and execute them on this host.")
    p.add_argument("--url", required=True, help="the app's base URL, e.g. http://medrank.internal:3000")
    p.add_argument("--token", default=None,
                   help="agent token (mra_…); default: $MEDRANK_AGENT_TOKEN (keeps it out of `ps`)")
    p.add_argument("--workdir", required=True, help="where run directories are kept (resume needs the same one)")
    p.add_argument("--gpus", type=int, default=0, help="GPUs to train on; >1 launches the trainer with torchrun")
    p.add_argument("--launcher", default="auto", choices=["auto", "python", "torchrun", "accelerate"],
                   help="how to start a multi-GPU trainer (auto: torchrun when --gpus > 1)")
    p.add_argument("--kinds", default=",".join(KINDS), help="run kinds this host takes, e.g. RM,PPO")
    p.add_argument("--poll-interval", type=float, default=5.0, help="seconds between claims when the queue is empty")
    p.add_argument("--max-backoff", type=float, default=60.0, help="longest wait between retries while the app is down")
    p.add_argument("--lease-seconds", type=int, default=60, help="lease asked for; heartbeats come every quarter of it")
    p.add_argument("--heartbeat-interval", type=float, default=None, help="seconds between heartbeats (default lease/4)")
    p.add_argument("--models", default="", help="comma-separated model directories on this host (suggested in the launch form)")
    p.add_argument("--python", default=sys.executable, help="python that runs the trainer")
    p.add_argument("--once", action="store_true", help="exit after one run")
    p.add_argument("--no-rm-export", action="store_true",
                   help="do not export (ONNX) and upload the model of a finished RM run")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    token = args.token or os.environ.get("MEDRANK_AGENT_TOKEN", "")
    if not token:
        print("medrank-trainer agent: error: pass --token or set MEDRANK_AGENT_TOKEN", file=sys.stderr)
        return 2
    kinds = tuple(k.strip().upper() for k in args.kinds.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        print(f"medrank-trainer agent: error: --kinds must be among {', '.join(KINDS)}", file=sys.stderr)
        return 2
    cfg = AgentConfig(
        url=args.url, token=token, workdir=Path(args.workdir).resolve(), gpus=args.gpus, launcher=args.launcher,
        kinds=kinds, poll_interval=args.poll_interval, max_backoff=args.max_backoff,
        lease_seconds=args.lease_seconds, heartbeat_interval=args.heartbeat_interval,
        models=[m.strip() for m in args.models.split(",") if m.strip()], python=args.python, once=args.once,
        export_rm=not args.no_rm_export,
    )
    agent = Agent(cfg)
    agent.install_signal_handlers()
    return agent.run_forever()
