"""The agent against a small in-memory fake of the app's agent API (stdlib http.server in a thread).

The trainer is replaced by a short Python script that behaves like one (writes
metrics.jsonl line by line, a summary, exits 0; or fails; or runs until it is
terminated), so these tests need no torch and take seconds.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from medrank_trainer.agent import (
    Agent,
    AgentConfig,
    ApiClient,
    AppUnavailable,
    Backoff,
    FileTail,
    RunPaths,
    trainer_command,
    trainer_config,
)
from medrank_trainer.agent_logs import LineAssembler, RunLog

FAKE_TRAINER = r'''
import json, sys, time, pathlib, argparse
p = argparse.ArgumentParser()
p.add_argument("--out"); p.add_argument("--steps", type=int); p.add_argument("--mode", default="ok")
p.add_argument("--config")
a = p.parse_args()
out = pathlib.Path(a.out); out.mkdir(parents=True, exist_ok=True)
cfg = json.loads(pathlib.Path(a.config).read_text())
print("loaded config", json.dumps(cfg, sort_keys=True), flush=True)
with (out / "metrics.jsonl").open("a") as fh:
    step = 0
    while a.mode == "forever" or step < a.steps:
        step += 1
        fh.write(json.dumps({"step": step, "total_steps": a.steps, "split": "train", "time": time.time(),
                             "loss/rm": 1.0 / step}) + "\n"); fh.flush()
        time.sleep(0.05)
if a.mode == "crash":
    print("medrank-trainer rm: error: data.jsonl:3: field 'responses' must be a list of strings", file=sys.stderr)
    sys.exit(2)
(out / "summary.json").write_text(json.dumps({"total_steps": a.steps, "best_step": a.steps}))
(out / "best").mkdir(exist_ok=True); (out / "best" / "head.pt").write_bytes(b"x" * 10)
print("done", flush=True)
'''

INPUT = b'{"id": "i1", "messages": [{"role": "user", "content": "\xe5\xa4\xb4\xe7\x97\x9b"}], "responses": ["a", "b"]}\n'


class FakeApp:
    """Just enough of the agent API: one queued run, a lease, recorded posts."""

    def __init__(self, run: dict | None = None):
        self.lock = threading.Lock()
        self.queue: list[dict] = [run] if run else []
        self.metrics: dict[tuple[int, int], dict] = {}  # (attempt, seq) → line: re-sends are no-ops
        self.logs: dict[tuple[int, int], dict] = {}
        self.log_posts: list[list[dict]] = []  # every logs batch as it arrived
        self.samples: dict[tuple[int, int], dict] = {}
        self.heartbeats = 0
        self.cancel_after_metrics: int | None = None
        self.lose_lease_after_heartbeats: int | None = None
        self.unavailable_claims = 0  # answer 503 to the first N claims
        self.claims = 0
        self.ended = threading.Event()
        self.final: dict | None = None  # {"how": "complete"|"fail"|"release", body}
        self.results: list[dict] = []
        self.token = "mra_test"
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        app = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status: int, body: dict | bytes):
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _auth(self) -> bool:
                if self.headers.get("Authorization") != f"Bearer {app.token}":
                    self._send(401, {"error": {"code": "UNAUTHORIZED", "message": "unknown or revoked agent token"}})
                    return False
                return True

            def do_GET(self):
                if not self._auth():
                    return
                if self.path.endswith("/input"):
                    self._send(200, INPUT)
                else:
                    self._send(404, {"error": {"message": "not found"}})

            def do_POST(self):
                if not self._auth():
                    return
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with app.lock:
                    status, answer = app.handle(self.path, body)
                self._send(status, answer)

        return Handler

    def handle(self, path: str, body: dict):
        if path == "/api/agent/claim":
            self.claims += 1
            if self.claims <= self.unavailable_claims:
                return 503, {"error": {"message": "database starting"}}
            if not self.queue:
                return 200, {"run": None}
            run = self.queue.pop(0)
            self.current = run
            return 200, {"run": run}
        op = path.rsplit("/", 1)[-1]
        if self.final is not None:
            return 409, {"error": {"message": "run already ended"}}
        if op == "heartbeat":
            self.heartbeats += 1
            if self.lose_lease_after_heartbeats is not None and self.heartbeats > self.lose_lease_after_heartbeats:
                return 409, {"error": {"message": "attempt 1 is not held by this agent (run is QUEUED)"}}
            cancel = self.cancel_after_metrics is not None and len(self.metrics) >= self.cancel_after_metrics
            return 200, {"cancelRequested": cancel}
        if op == "metrics":
            for line in body["lines"]:
                self.metrics[(body["attempt"], line["seq"])] = line["data"]
            return 200, {"accepted": len(body["lines"])}
        if op == "samples":
            for line in body["lines"]:
                self.samples[(body["attempt"], line["seq"])] = line["data"]
            return 200, {"accepted": len(body["lines"])}
        if op == "logs":
            self.log_posts.append(body["lines"])
            for line in body["lines"]:
                self.logs[(body["attempt"], line["seq"])] = line
            return 200, {"accepted": len(body["lines"])}
        if op == "results":
            self.results.extend(body["records"])
            return 200, {"attached": len(body["records"])}
        if op in ("complete", "fail", "release"):
            self.final = {"how": op, **body}
            self.ended.set()
            return 200, {"status": op}
        return 404, {"error": {"message": f"no route {path}"}}

    def log_text(self) -> str:
        return "\n".join(v["line"] for _, v in sorted(self.logs.items()))


def make_run(**over) -> dict:
    run = {
        "id": "run1", "kind": "RM", "name": "rm tiny", "attempt": 1, "modelPath": "/models/tiny",
        "config": {"max_steps": 5, "learning_rate": 1e-4}, "inputHash": hashlib.sha256(INPUT).hexdigest(),
        "resume": False, "parent": None, "k": None,
    }
    run.update(over)
    return run


def fake_builder(script: Path, steps: int = 5, mode: str = "ok"):
    def build(run, paths: RunPaths, cfg):
        return [sys.executable, str(script), "--out", str(paths.out), "--steps", str(steps), "--mode", mode,
                "--config", str(paths.config)]
    return build


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "fake_trainer.py"
    path.write_text(FAKE_TRAINER)
    return path


def agent_for(app: FakeApp, tmp_path: Path, builder, **over) -> Agent:
    cfg = AgentConfig(url=app.url, token=app.token, workdir=tmp_path / "work", poll_interval=0.05, max_backoff=0.2,
                      lease_seconds=10, heartbeat_interval=0.1, flush_interval=0.05, once=True,
                      command_builder=builder, terminate_grace=5.0)
    for k, v in over.items():
        setattr(cfg, k, v)
    return Agent(cfg, out=sys.stderr)


def run_agent(agent: Agent, app: FakeApp, timeout: float = 30.0) -> int:
    result: dict = {}
    t = threading.Thread(target=lambda: result.setdefault("rc", agent.run_forever()), daemon=True)
    t.start()
    app.ended.wait(timeout)
    t.join(timeout)
    agent.stop_hard.set()
    assert not t.is_alive(), "the agent did not finish"
    return result["rc"]


def test_claim_train_stream_and_complete(tmp_path, script):
    with FakeApp(make_run()) as app:
        rc = run_agent(agent_for(app, tmp_path, fake_builder(script, steps=5)), app)
    assert rc == 0
    assert app.final["how"] == "complete"
    # every metrics line arrived once, in order, with the trainer's fields
    steps = [app.metrics[(1, seq)]["step"] for seq in range(5)]
    assert steps == [1, 2, 3, 4, 5]
    assert app.metrics[(1, 4)]["loss/rm"] == pytest.approx(0.2)
    assert app.final["summary"] == {"total_steps": 5, "best_step": 5}
    paths = {Path(a["path"]).name: a["bytes"] for a in app.final["artifacts"]}
    assert paths["head.pt"] == 10 and "metrics.jsonl" in paths
    # the run's hyperparameters reached the trainer as its --config file
    assert '"learning_rate": 0.0001, "max_steps": 5' in app.log_text()
    # the input was downloaded and checked
    assert (tmp_path / "work" / "runs" / "run1" / "input.jsonl").read_bytes() == INPUT


def test_trainer_error_fails_the_run_with_its_message(tmp_path, script):
    with FakeApp(make_run()) as app:
        run_agent(agent_for(app, tmp_path, fake_builder(script, steps=2, mode="crash")), app)
    assert app.final["how"] == "fail"
    assert app.final["reason"].startswith("trainer exited with code 2: medrank-trainer rm: error: data.jsonl:3")


def test_input_hash_mismatch_fails_before_training(tmp_path, script):
    with FakeApp(make_run(inputHash="0" * 64)) as app:
        run_agent(agent_for(app, tmp_path, fake_builder(script)), app)
    assert app.final["how"] == "fail"
    assert "does not match the pinned" in app.final["reason"]
    assert not app.metrics


def test_cancel_from_heartbeat_terminates_the_trainer(tmp_path, script):
    with FakeApp(make_run()) as app:
        app.cancel_after_metrics = 2
        run_agent(agent_for(app, tmp_path, fake_builder(script, mode="forever")), app)
    assert app.final["how"] == "fail"  # the app turns a fail after a cancel request into CANCELLED
    assert "cancelled" in app.final["reason"]
    assert "cancel requested: terminating the trainer" in app.log_text()


def test_lost_lease_stops_the_trainer_and_reports_nothing(tmp_path, script):
    with FakeApp(make_run()) as app:
        app.lose_lease_after_heartbeats = 2
        agent = agent_for(app, tmp_path, fake_builder(script, mode="forever"))
        done = threading.Event()
        t = threading.Thread(target=lambda: (agent.run_forever(), done.set()), daemon=True)
        t.start()
        assert done.wait(30), "the agent kept training after losing its lease"
    assert app.final is None


def test_retries_with_backoff_while_the_app_is_down(tmp_path, script):
    with FakeApp(make_run()) as app:
        app.unavailable_claims = 3
        rc = run_agent(agent_for(app, tmp_path, fake_builder(script, steps=2)), app)
    assert rc == 0
    assert app.claims == 4
    assert app.final["how"] == "complete"


def test_revoked_token_stops_the_agent(tmp_path, script):
    with FakeApp(make_run()) as app:
        agent = agent_for(app, tmp_path, fake_builder(script))
        agent.api.token = "mra_revoked"
        assert agent.run_forever() == 3


def test_token_revoked_mid_run_stops_trainer_and_agent(tmp_path, script):
    with FakeApp(make_run()) as app:
        agent = agent_for(app, tmp_path, fake_builder(script, mode="forever"), once=False)
        result: dict = {}
        t = threading.Thread(target=lambda: result.setdefault("rc", agent.run_forever()), daemon=True)
        t.start()
        for _ in range(600):  # until the trainer is running (at most 30 s)
            if app.metrics:
                break
            app.ended.wait(0.05)
        assert app.metrics, "the trainer never reported a metric"
        app.token = "mra_rotated"  # every call is refused from now on
        t.join(30)
    assert not t.is_alive() and result["rc"] == 3
    assert app.final is None


def test_client_retries_until_the_app_listens(tmp_path):
    """Connection refused → AppUnavailable → back-off, then success once a server is up on that port."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    client = ApiClient(f"http://127.0.0.1:{port}", "mra_test", timeout=2)
    with pytest.raises(AppUnavailable):
        client.request("POST", "/api/agent/claim", {})
    retries: list[float] = []
    app_holder: dict = {}

    def on_retry(_err, delay):
        retries.append(delay)
        if len(retries) == 2:  # the app comes back on the same port
            app = FakeApp()
            app.server.server_close()
            app.server = ThreadingHTTPServer(("127.0.0.1", port), app._handler())
            app.thread = threading.Thread(target=app.server.serve_forever, daemon=True)
            app.thread.start()
            app_holder["app"] = app

    answer = client.call("POST", "/api/agent/claim", {}, threading.Event(), Backoff(0.05, 0.2), on_retry=on_retry)
    app_holder["app"].__exit__(None, None, None)
    assert answer == {"run": None}
    assert len(retries) == 2 and retries[1] > retries[0] * 1.2  # the wait grew


def test_backoff_grows_to_its_cap_and_resets():
    b = Backoff(1.0, 8.0)
    delays = [b.next() for _ in range(6)]
    assert 0.8 <= delays[0] <= 1.2 and 6.4 <= delays[-1] <= 9.6
    b.reset()
    assert b.next() <= 1.2


def test_file_tail_reads_whole_lines_and_restarts_when_the_file_shrinks(tmp_path):
    path = tmp_path / "metrics.jsonl"
    tail = FileTail(path)
    assert tail.read_lines() == []
    path.write_text('{"step": 1}\n{"step": 2')
    assert tail.read_lines() == ['{"step": 1}']
    with path.open("a") as fh:
        fh.write("}\n")
    assert tail.read_lines() == ['{"step": 2}']
    path.write_text('{"step": 1}\n')  # a resumed trainer cut the file back to its checkpoint
    assert tail.read_lines() == ['{"step": 1}']


def test_trainer_commands(tmp_path):
    cfg = AgentConfig(url="http://x", token="t", workdir=tmp_path, python="/venv/bin/python")
    paths = RunPaths(tmp_path / "runs" / "r1")
    rm = trainer_command(make_run(), paths, cfg)
    assert rm[:3] == ["/venv/bin/python", "-m", "medrank_trainer.cli"]
    assert rm[3] == "rm" and rm[rm.index("--model") + 1] == "/models/tiny"
    assert rm[rm.index("--data") + 1] == str(paths.input) and "--resume" not in rm

    # a requeued attempt resumes only when this host holds a complete checkpoint
    ckpt = paths.out / "checkpoints" / "step-000002"
    ckpt.mkdir(parents=True)
    assert "--resume" not in trainer_command(make_run(resume=True), paths, cfg)
    (ckpt / "COMPLETE").write_text("1")
    assert "--resume" in trainer_command(make_run(resume=True), paths, cfg)

    ppo = trainer_command(make_run(kind="PPO", parent={"id": "rm1", "outputDir": "/runs/rm1/out"}), paths, cfg)
    assert ppo[3] == "ppo" and ppo[ppo.index("--reward-model") + 1] == "/runs/rm1/out"
    assert ppo[ppo.index("--policy") + 1] == "/models/tiny"

    sample = trainer_command(make_run(kind="SAMPLE", k=4, resume=True, parent={"id": "ppo1", "outputDir": "/runs/ppo1/out"}), paths, cfg)
    assert sample[3] == "sample" and sample[sample.index("--out") + 1] == str(paths.candidates)
    assert sample[sample.index("--k") + 1] == "4" and sample[sample.index("--adapter") + 1] == "/runs/ppo1/out"
    assert "--resume" not in sample
    assert trainer_config(make_run(kind="SAMPLE", config={"k": 4}))["source"] == "model:tiny@run1"

    cfg.gpus = 4
    multi = trainer_command(make_run(), paths, cfg)
    assert Path(multi[0]).name == "torchrun" and "--nproc_per_node=4" in multi and multi[3:5] == ["-m", "medrank_trainer.cli"]
    cfg.launcher = "accelerate"
    acc = trainer_command(make_run(), paths, cfg)
    assert acc[1] == "launch" and "--num_processes=4" in acc


# ------------------------------------------------------------------ the trainer's output as log lines

class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_carriage_returns_update_one_line_in_place():
    clock = Clock()
    log = RunLog(clock=clock)
    out = LineAssembler("stderr", log)
    out.feed(b"loading model\n")
    out.feed(b"\rppo:  10%|#         | 1/10")
    first = log.take()
    assert [(e["seq"], e["line"]) for e in first] == [(0, "loading model"), (1, "ppo:  10%|#         | 1/10")]
    clock.now = 1005.0
    out.feed(b"\rppo:  20%|##        | 2/10\rppo:  30%|###       | 3/10   ")
    update = log.take()
    # the bar is still seq 1: the newest text replaces it, stamped when it was read
    assert update == [{"seq": 1, "stream": "stderr", "line": "ppo:  30%|###       | 3/10", "time": 1005.0}]
    clock.now = 1010.0
    out.feed(b"\rppo: 100%|##########| 10/10\n")
    out.feed(b"done\r\n")
    assert [(e["seq"], e["line"], e["time"]) for e in log.take()] == [
        (1, "ppo: 100%|##########| 10/10", 1010.0), (2, "done", 1010.0)]
    assert log.take() == []  # nothing changed since
    # complete lines (for the failure reason and the sampler's summary) come once each, bar included once
    assert [line for _, line in log.take_finished()] == ["loading model", "ppo: 100%|##########| 10/10", "done"]


def test_lines_split_across_chunks_and_utf8_are_rejoined():
    log = RunLog(clock=Clock())
    out = LineAssembler("stdout", log)
    text = "验证集准确率 0.62\n".encode()
    out.feed(text[:4])  # cut inside a Chinese character
    out.feed(text[4:])
    out.feed(b"no newline at the end")
    out.close()
    assert [e["line"] for e in log.take()] == ["验证集准确率 0.62", "no newline at the end"]


def test_stdout_and_stderr_bars_do_not_overwrite_each_other():
    log = RunLog(clock=Clock())
    out, err = LineAssembler("stdout", log), LineAssembler("stderr", log)
    err.feed(b"\rbar 1/3")
    out.feed(b"a plain line\n")
    err.feed(b"\rbar 2/3")
    lines = {e["seq"]: (e["stream"], e["line"]) for e in log.take()}
    assert lines == {0: ("stderr", "bar 2/3"), 1: ("stdout", "a plain line")}


PROGRESS_TRAINER = r"""
import sys, time, pathlib, argparse
p = argparse.ArgumentParser(); p.add_argument("--out"); p.add_argument("--config")
a = p.parse_args()
pathlib.Path(a.out).mkdir(parents=True, exist_ok=True)
print("starting", flush=True)
# like the real trainer (tqdm), the bar is drawn only on a terminal: the agent gives stderr one
for i in range(1, 6):
    if sys.stderr.isatty():
        sys.stderr.write(f"\rppo: {i * 20:3d}%| {i}/5"); sys.stderr.flush()
    time.sleep(0.4)
sys.stderr.write("\n"); sys.stderr.flush()
print("done", flush=True)
"""


def test_progress_reaches_the_app_while_the_trainer_runs(tmp_path):
    script = tmp_path / "progress_trainer.py"
    script.write_text(PROGRESS_TRAINER)

    def build(run, paths, cfg):
        return [sys.executable, str(script), "--out", str(paths.out), "--config", str(paths.config)]

    with FakeApp(make_run()) as app:
        run_agent(agent_for(app, tmp_path, build), app)
    assert app.final["how"] == "complete"
    progress = [(line["seq"], line["line"], line["time"]) for batch in app.log_posts for line in batch
                if line["line"].startswith("ppo:")]
    seqs = {seq for seq, _, _ in progress}
    assert len(seqs) == 1, "the bar must be one line updated in place"
    # it arrived in several posts while it moved (not all at once when the trainer exited) …
    texts = [text for _, text, _ in progress]
    assert len(set(texts)) >= 3 and texts[-1] == "ppo: 100%| 5/5"
    # … stamped when each update was produced: ~0.4 s apart, ~1.6 s from first to last
    times = [t for _, _, t in progress]
    assert times == sorted(times) and times[-1] - times[0] >= 1.0
    # stdout and stderr are two pipes: the order between them is the scheduler's, within each it is the trainer's
    final = [(v["stream"], v["line"]) for _, v in sorted(app.logs.items()) if v["stream"] != "agent"]
    assert [line for stream, line in final if stream == "stdout"] == ["starting", "done"]
    assert [line for stream, line in final if stream == "stderr"] == ["ppo: 100%| 5/5"]


def test_ppo_samples_are_posted_as_the_trainer_writes_them(tmp_path):
    script = tmp_path / "sampling_trainer.py"
    script.write_text(r"""
import json, pathlib, argparse
p = argparse.ArgumentParser(); p.add_argument("--out"); p.add_argument("--config")
a = p.parse_args()
out = pathlib.Path(a.out); out.mkdir(parents=True, exist_ok=True)
with (out / "samples.jsonl").open("w") as fh:
    for step in (1, 2):
        fh.write(json.dumps({"step": step, "split": "train", "item_id": "i1", "messages": [{"role": "user", "content": "头痛"}],
                             "answer": f"answer {step}", "score": 0.5, "reward": 0.4, "kl": 0.1}) + "\n")
""")

    def build(run, paths, cfg):
        return [sys.executable, str(script), "--out", str(paths.out), "--config", str(paths.config)]

    with FakeApp(make_run(kind="PPO")) as app:
        run_agent(agent_for(app, tmp_path, build), app)
    assert [app.samples[(1, seq)]["answer"] for seq in range(2)] == ["answer 1", "answer 2"]


def test_nul_characters_in_trainer_output_are_not_sent(tmp_path):
    """PostgreSQL cannot store NUL: a trainer that prints one must still get its real failure reason reported."""
    crash = [sys.executable, "-c", "import sys; sys.stderr.write('medrank-trainer rm: error: bad\\x00byte in data.jsonl\\n'); sys.exit(2)"]
    with FakeApp(make_run()) as app:
        run_agent(agent_for(app, tmp_path, lambda run, paths, cfg: crash), app)
    assert app.final["how"] == "fail"
    assert app.final["reason"] == "trainer exited with code 2: medrank-trainer rm: error: badbyte in data.jsonl"
    assert "badbyte in data.jsonl" in app.log_text() and "\x00" not in app.log_text()
