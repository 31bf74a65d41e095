"""Uploading an exported reward model folder (`export-onnx`) to the app, for the agent (stdlib only).

    POST …/runs/{id}/reward-model                 {"manifest", "files"} → {"id", "status", "files": [… "received"]}
    PUT  …/runs/{id}/reward-model/files/{name}?offset=N   raw bytes, appended when N == received

Every file is sent in chunks from the byte the app says it holds (`received`), so an
upload cut by a network error, an app restart or an agent restart goes on where it
stopped, never from 0. After a failed request the agent waits (exponential back-off)
and asks again where the app stands (a repeated POST keeps the progress of unchanged
files); a 409 carrying `received` is answered by continuing from there; a 422 (sha256
mismatch: the app reset that file) sends the file once more from 0. The app checks each
file's sha256 and marks the model READY when all are in.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable

from . import __version__
from .agent import ApiClient, ApiError, AppUnavailable, Backoff, LeaseLost, Unauthorized

MANIFEST_FILE = "manifest.json"
DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024  # the app takes at most 64 MiB per request


class UploadFailed(Exception):
    """The upload cannot finish (refused, or too many failures in a row): the reason, for the run's log."""


class RewardModelUpload:
    def __init__(self, api: ApiClient, run_path: str, attempt: int, folder: Path, stop: threading.Event,
                 say: Callable[[str], None], chunk_bytes: int = DEFAULT_CHUNK_BYTES, max_failures: int = 8,
                 backoff: Backoff | None = None):
        self.api = api
        self.base = run_path + "/reward-model"  # /api/agent/runs/{id}/reward-model
        self.attempt = attempt
        self.folder = Path(folder)
        self.stop = stop
        self.say = say
        self.chunk_bytes = max(1, chunk_bytes)
        self.max_failures = max_failures
        self.backoff = backoff or Backoff(1.0, 60.0)
        self.manifest = json.loads((self.folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        self.files = [{"name": f["name"], "bytes": int(f["bytes"]), "sha256": f["sha256"]} for f in self.manifest["files"]]
        self.failures = 0
        self.bytes_sent = 0
        for f in self.files:
            size = (self.folder / f["name"]).stat().st_size
            if size != f["bytes"]:
                raise UploadFailed(f"{f['name']}: {size} bytes on disk, the manifest says {f['bytes']}")

    # ---------------------------------------------------------------- requests
    def _failed(self, why: str) -> None:
        """Count a failure in a row and wait before the next try; give up after `max_failures`."""
        self.failures += 1
        if self.failures > self.max_failures:
            raise UploadFailed(f"gave up after {self.max_failures} failed tries in a row ({why})")
        delay = self.backoff.next()
        self.say(f"reward model upload: {why}; retrying in {delay:.1f}s")
        if self.stop.wait(delay):
            raise UploadFailed(f"the agent is stopping ({why})")

    def announce(self) -> dict:
        """POST the manifest; the answer says how many bytes of each file the app already holds."""
        body = {"attempt": self.attempt, "manifest": self.manifest, "files": self.files}
        while True:
            try:
                answer = self.api.request("POST", self.base, body)
                break
            except AppUnavailable as exc:
                self._failed(str(exc))
            except ApiError as exc:
                raise UploadFailed(f"the app refused the model: {exc}") from None
        self.received = {f["name"]: int(f.get("received", 0)) for f in answer.get("files", [])}
        return answer

    def where(self, name: str) -> int:
        """Bytes of `name` the app holds now (a fresh announce; a 409 there = the run is no longer ours)."""
        self.announce()
        return self.received.get(name, 0)

    def _put(self, name: str, offset: int, data: bytes) -> tuple[int, dict]:
        """(HTTP status, JSON body) of one PUT; network errors raise AppUnavailable."""
        url = f"{self.api.base}{self.base}/files/{urllib.parse.quote(name, safe='')}?offset={offset}"
        req = urllib.request.Request(url, data=data, method="PUT")
        req.add_header("Authorization", f"Bearer {self.api.token}")
        req.add_header("User-Agent", f"medrank-agent/{__version__}")
        req.add_header("Content-Type", "application/octet-stream")
        try:
            with urllib.request.urlopen(req, timeout=max(self.api.timeout, 120)) as resp:
                status, payload = resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            status, payload = exc.code, exc.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
            raise AppUnavailable(f"{self.api.base} unreachable: {getattr(exc, 'reason', exc)}") from None
        try:
            body = json.loads(payload.decode("utf-8")) if payload else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            body = {}
        return status, body if isinstance(body, dict) else {}

    # ---------------------------------------------------------------- the upload
    def run(self) -> dict:
        """Send what the app lacks; returns the final announce answer (status READY). Raises UploadFailed,
        LeaseLost (the run is no longer this agent's) or Unauthorized."""
        answer = self.announce()
        status = answer.get("status")
        for f in self.files:
            status = self.send_file(f) or status
        if status != "READY":
            answer = self.announce()  # every file is in: the app's own view of the model
            status = answer.get("status")
        if status != "READY":
            raise UploadFailed(f"every file was sent, but the app reports the model {status}")
        return {**answer, "status": status}

    def send_file(self, f: dict) -> str | None:
        name, size = f["name"], f["bytes"]
        offset, status, resets = self.received.get(name, 0), None, 0
        if 0 < offset < size:
            self.say(f"reward model upload: {name} resumes at byte {offset} of {size}")
        with (self.folder / name).open("rb") as fh:
            while offset < size:
                fh.seek(offset)
                chunk = fh.read(min(self.chunk_bytes, size - offset))
                try:
                    code, body = self._put(name, offset, chunk)
                except AppUnavailable as exc:
                    self._failed(f"{name} at byte {offset}: {exc}")
                    offset = self.where(name)  # where the app stands now
                    continue
                error = body.get("error") if isinstance(body.get("error"), dict) else {}
                details = error.get("details") if isinstance(error.get("details"), dict) else {}
                message = error.get("message") or f"HTTP {code}"
                there = details.get("received")
                if code == 200:
                    self.bytes_sent += len(chunk)
                    offset, status = int(body["received"]), body.get("status")
                    self.failures = 0
                    self.backoff.reset()
                elif code == 409 and isinstance(there, int):
                    # The app holds a different number of bytes (an earlier request landed after all): go on from there.
                    self.say(f"reward model upload: {name}: the app holds {there} bytes, continuing from there")
                    offset = there
                elif code == 422 and there == 0:
                    resets += 1
                    if resets > 1:
                        raise UploadFailed(f"{name}: refused twice after a full upload ({message})")
                    self.say(f"reward model upload: {name}: {message}; sending it again")
                    offset = 0
                elif code in (401, 403):
                    raise Unauthorized(message)
                elif code in (400, 409) or code == 429 or code >= 500:
                    # A request cut short (400 with received), another request still writing (409), the app
                    # down: wait, then ask where the app stands (a 409 there means the run is no longer ours).
                    self._failed(f"{name} at byte {offset}: {message}")
                    offset = there if isinstance(there, int) else self.where(name)
                else:
                    raise UploadFailed(f"{name}: HTTP {code}: {message}")
        return status


def upload_reward_model(api: ApiClient, run_path: str, attempt: int, folder: Path, stop: threading.Event,
                        say: Callable[[str], None], **options) -> tuple[dict, int]:
    """Upload `folder`; returns (the app's answer, bytes sent). Raises UploadFailed / LeaseLost / Unauthorized."""
    upload = RewardModelUpload(api, run_path, attempt, folder, stop, say, **options)
    return upload.run(), upload.bytes_sent


__all__ = ["RewardModelUpload", "UploadFailed", "upload_reward_model", "LeaseLost", "Unauthorized"]
