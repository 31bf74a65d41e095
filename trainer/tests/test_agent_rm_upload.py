"""The agent exports a finished RM run and uploads it (rm_upload.py) to a fake of the app's upload routes:
the upload happens, resumes from the app's `received` after a cut request, answers a 409, and a failed
export or upload never fails the run."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from test_agent import FakeApp, agent_for, make_run, run_agent
from medrank_trainer.agent import RunPaths, export_command, AgentConfig

FAKE_RM_TRAINER = r'''
import json, pathlib, argparse
p = argparse.ArgumentParser(); p.add_argument("--out"); p.add_argument("--config")
a = p.parse_args()
out = pathlib.Path(a.out); (out / "best").mkdir(parents=True, exist_ok=True)
(out / "best" / "reward_model.json").write_text(json.dumps({"format": "medrank-reward-model"}))
(out / "summary.json").write_text(json.dumps({"total_steps": 3, "best_step": 3}))
'''

# Stands in for `export-onnx` (the real one is tested in test_export_onnx.py): a folder of files + manifest.
FAKE_EXPORT = r'''
import hashlib, json, os, pathlib, random, sys
run_dir, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
if os.environ.get("FAKE_EXPORT_FAIL"):
    print("medrank-trainer export-onnx: error: the ONNX model differs from PyTorch by 0.3 (> 0.0001)", file=sys.stderr)
    sys.exit(2)
out.mkdir(parents=True, exist_ok=True)
rng = random.Random(7)
(out / "model.onnx").write_bytes(bytes(rng.randrange(256) for _ in range(300_000)))
(out / "model.int8.onnx").write_bytes(bytes(rng.randrange(256) for _ in range(90_001)))
(out / "tokenizer.json").write_text(json.dumps({"model": {"vocab": {"安": 5}}}))
files = [{"name": p.name, "bytes": p.stat().st_size, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
         for p in sorted(out.iterdir())]
(out / "manifest.json").write_text(json.dumps({"format": "medrank-reward-model", "version": 1,
    "source": {"run_id": sys.argv[3]}, "variants": {"fp32": {"file": "model.onnx"}}, "files": files}))
print("exported", flush=True)
'''


class UploadApp(FakeApp):
    """FakeApp + the reward-model routes (announce, chunked PUT), with ways to break requests."""

    def __init__(self, run):
        super().__init__(run)
        self.model: dict | None = None  # name → {"bytes", "sha256", "data": bytearray}
        self.puts: list[tuple[str, int, int]] = []  # (name, offset, body bytes) of every PUT as it arrived
        self.answers: list[tuple[str, int]] = []  # (name, status) answered
        self.announces = 0
        self.cut_put_of: dict[str, int] = {}  # name → n: the n-th PUT of it keeps half its body, then the line drops
        self.refuse_announce: tuple[int, dict] | None = None
        self.corrupt_once: set[str] = set()  # names whose first complete upload is stored with a wrong byte

    def _handler(self):
        base, app = super()._handler(), self

        class Handler(base):
            def do_POST(self):
                if self.path.endswith("/reward-model"):
                    if not self._auth():
                        return
                    body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                    with app.lock:
                        status, answer = app.announce(body)
                    return self._send(status, answer)
                return super().do_POST()

            def do_PUT(self):
                if not self._auth():
                    return
                url = urlparse(self.path)
                name = unquote(url.path.rsplit("/", 1)[-1])
                offset = int(parse_qs(url.query)["offset"][0])
                data = self.rfile.read(int(self.headers["Content-Length"]))
                with app.lock:
                    app.puts.append((name, offset, len(data)))
                    nth = sum(1 for n, _, _ in app.puts if n == name)
                    if app.cut_put_of.get(name) == nth and app.model[name]["received"] == offset:
                        # the request landed partly, then the connection died before any answer
                        app.model[name]["data"] += data[: len(data) // 2]
                        app.model[name]["received"] += len(data) // 2
                        self.close_connection = True  # no answer: the agent sees the connection drop
                        return
                    status, answer = app.receive(name, offset, data)
                    app.answers.append((name, status))
                self._send(status, answer)

        return Handler

    def announce(self, body: dict):
        self.announces += 1
        if self.final is not None:
            return 409, {"error": {"code": "CONFLICT", "message": "run run1 is not running on this agent"}}
        if self.refuse_announce:
            return self.refuse_announce
        if self.model is None:
            self.model = {}
        for f in body["files"]:
            old = self.model.get(f["name"])
            if not old or old["sha256"] != f["sha256"] or old["bytes"] != f["bytes"]:
                self.model[f["name"]] = {"bytes": f["bytes"], "sha256": f["sha256"], "data": bytearray(), "received": 0}
        self.manifest = body["manifest"]
        return 200, {"id": "rm1", "status": self.status(), "files": [
            {"name": n, "bytes": f["bytes"], "sha256": f["sha256"], "received": f["received"]} for n, f in self.model.items()]}

    def status(self) -> str:
        done = all(f["received"] == f["bytes"] for f in self.model.values())
        return "READY" if done else "UPLOADING"

    def receive(self, name: str, offset: int, data: bytes):
        f = self.model[name]
        if offset != f["received"]:
            return 409, {"error": {"code": "CONFLICT", "message": f"{name}: offset {offset} is not where the upload "
                                                                  f"stands ({f['received']} bytes received)",
                                   "details": {"received": f["received"]}}}
        f["data"] += data
        f["received"] += len(data)
        if f["received"] == f["bytes"]:
            if name in self.corrupt_once:
                self.corrupt_once.discard(name)
                f["data"][0] ^= 0xFF
            if hashlib.sha256(f["data"]).hexdigest() != f["sha256"]:
                f["data"], f["received"] = bytearray(), 0
                return 422, {"error": {"code": "VALIDATION", "message": f"{name}: sha256 does not match; the file was reset",
                                       "details": {"received": 0, "file": name}}}
        return 200, {"received": f["received"], "status": self.status()}


def builders(tmp_path: Path):
    trainer, export = tmp_path / "fake_rm_trainer.py", tmp_path / "fake_export.py"
    trainer.write_text(FAKE_RM_TRAINER)
    export.write_text(FAKE_EXPORT)

    def train(run, paths: RunPaths, cfg):
        return [sys.executable, str(trainer), "--out", str(paths.out), "--config", str(paths.config)]

    def exp(run, paths: RunPaths, cfg):
        return [sys.executable, str(export), str(paths.out), str(paths.onnx), run["id"]]

    return train, exp


def upload_agent(app, tmp_path, **over):
    train, exp = builders(tmp_path)
    return agent_for(app, tmp_path, train, export_builder=exp, upload_chunk_bytes=64 * 1024, **over)


def exported_file(tmp_path: Path, name: str) -> bytes:
    return (tmp_path / "work" / "runs" / "run1" / "out" / "onnx" / name).read_bytes()


def test_a_finished_rm_run_uploads_its_exported_model_then_completes(tmp_path):
    with UploadApp(make_run()) as app:
        assert run_agent(upload_agent(app, tmp_path), app) == 0
    assert app.final["how"] == "complete"
    for name in ("model.onnx", "model.int8.onnx", "tokenizer.json"):
        assert bytes(app.model[name]["data"]) == exported_file(tmp_path, name), name
    assert app.status() == "READY" and app.manifest["source"] == {"run_id": "run1"}
    # chunked: model.onnx (300 000 bytes) went in 5 PUTs of at most 64 KiB, each at the byte the app held
    onnx_puts = [(offset, size) for name, offset, size in app.puts if name == "model.onnx"]
    assert [o for o, _ in onnx_puts] == [0, 65536, 131072, 196608, 262144] and max(s for _, s in onnx_puts) == 65536
    log = app.log_text()
    assert "reward model uploaded: rm1 READY (3 files, 0.4 MB sent)" in log


def test_a_request_cut_mid_file_resumes_from_the_apps_received_not_from_zero(tmp_path):
    with UploadApp(make_run()) as app:
        app.cut_put_of = {"model.onnx": 3}  # the 3rd chunk lands half, then the connection drops
        assert run_agent(upload_agent(app, tmp_path, max_backoff=0.05), app) == 0
    assert app.final["how"] == "complete"
    assert bytes(app.model["model.onnx"]["data"]) == exported_file(tmp_path, "model.onnx")
    offsets = [offset for name, offset, _ in app.puts if name == "model.onnx"]
    # 0, 64K, 128K (cut after 32K landed), then on from 128K + 32K — never from 0 again
    assert offsets[:4] == [0, 65536, 131072, 131072 + 32768]
    assert offsets.count(0) == 1 and offsets == sorted(offsets)
    assert app.announces == 2  # after the failure the agent asked the app where it stands
    assert "retrying in" in app.log_text()


def test_a_409_with_received_continues_from_there(tmp_path):
    """The app already holds more than the agent thinks (an earlier request landed after all): no byte is sent twice."""
    with UploadApp(make_run()) as app:
        original = app.announce

        def stale_announce(body):
            status, answer = original(body)
            if app.announces == 1:  # the app holds the first 100 000 bytes of model.onnx from an earlier attempt …
                data = exported_file(tmp_path, "model.onnx")
                app.model["model.onnx"].update(data=bytearray(data[:100_000]), received=100_000)
                # … but this answer says 40 000 (it was written before those bytes landed)
                answer = json.loads(json.dumps(answer))
                for f in answer["files"]:
                    if f["name"] == "model.onnx":
                        f["received"] = 40_000
            return status, answer

        app.announce = stale_announce
        assert run_agent(upload_agent(app, tmp_path), app) == 0
    assert ("model.onnx", 409) in app.answers
    offsets = [offset for name, offset, _ in app.puts if name == "model.onnx"]
    assert offsets[:2] == [40_000, 100_000]
    assert "retrying in" not in app.log_text()  # not a failure: no waiting, no second announce
    assert app.announces == 1
    assert bytes(app.model["model.onnx"]["data"]) == exported_file(tmp_path, "model.onnx")
    assert app.final["how"] == "complete" and app.status() == "READY"


def test_an_upload_interrupted_in_an_earlier_attempt_starts_at_the_received_byte(tmp_path):
    with UploadApp(make_run()) as app:
        original = app.announce

        def resumed(body):
            status, answer = original(body)
            if app.announces == 1:
                data = exported_file(tmp_path, "model.onnx")
                app.model["model.onnx"].update(data=bytearray(data[:150_000]), received=150_000)
                status, answer = original(body)  # same files: the app keeps that progress
            return status, answer

        app.announce = resumed
        assert run_agent(upload_agent(app, tmp_path), app) == 0
    offsets = [offset for name, offset, _ in app.puts if name == "model.onnx"]
    assert offsets[0] == 150_000 and sum(size for name, _, size in app.puts if name == "model.onnx") == 150_000
    assert "model.onnx resumes at byte 150000 of 300000" in app.log_text()


def test_a_hash_mismatch_sends_the_file_again(tmp_path):
    with UploadApp(make_run()) as app:
        app.corrupt_once = {"model.int8.onnx"}
        assert run_agent(upload_agent(app, tmp_path), app) == 0
    assert ("model.int8.onnx", 422) in app.answers
    assert [o for n, o, _ in app.puts if n == "model.int8.onnx"].count(0) == 2
    assert app.status() == "READY" and app.final["how"] == "complete"


def test_a_lost_lease_during_the_upload_reports_nothing(tmp_path):
    with UploadApp(make_run()) as app:
        original = app.receive

        def lose_lease(name, offset, data):
            if offset >= 131072:
                app.final = {"how": "requeued"}  # the app requeued the run: every call is refused now
                return 409, {"error": {"code": "CONFLICT", "message": "run run1 is not running on this agent"}}
            return original(name, offset, data)

        app.receive = lose_lease
        agent = upload_agent(app, tmp_path, max_backoff=0.05)
        app.ended.set()  # run_agent waits for the agent thread itself
        assert run_agent(agent, app) == 0
    assert app.final == {"how": "requeued"}  # no complete / fail was posted
    assert app.model["model.onnx"]["received"] == 131072


@pytest.mark.parametrize("case", ["export fails", "app refuses"])
def test_a_failed_export_or_upload_is_logged_and_the_run_still_completes(tmp_path, monkeypatch, case):
    with UploadApp(make_run()) as app:
        if case == "export fails":
            monkeypatch.setenv("FAKE_EXPORT_FAIL", "1")
        else:
            app.refuse_announce = (413, {"error": {"code": "PAYLOAD_TOO_LARGE",
                                                   "message": "the model's files hold 390001 bytes, more than the 1000 allowed"}})
        assert run_agent(upload_agent(app, tmp_path), app) == 0
    assert app.final["how"] == "complete"
    log = app.log_text()
    if case == "export fails":
        assert ("reward model not uploaded: export-onnx exited with code 2: medrank-trainer export-onnx: error: "
                "the ONNX model differs from PyTorch by 0.3") in log
        assert app.model is None
    else:
        assert "reward model not uploaded: the app refused the model: HTTP 413: the model's files hold 390001 bytes" in log
        assert not app.puts


def test_export_command_for_an_rm_run(tmp_path):
    cfg = AgentConfig(url="http://x", token="t", workdir=tmp_path, python="/venv/bin/python")
    paths = RunPaths(tmp_path / "runs" / "r1")
    argv = export_command(make_run(id="r1", snapshotId="snap1"), paths, cfg)
    assert argv[:4] == ["/venv/bin/python", "-m", "medrank_trainer.cli", "export-onnx"]
    assert argv[4] == str(paths.out) and argv[argv.index("--out") + 1] == str(paths.out / "onnx")
    assert "--int8" in argv and argv[argv.index("--run-id") + 1] == "r1"
    assert argv[argv.index("--snapshot-id") + 1] == "snap1"
