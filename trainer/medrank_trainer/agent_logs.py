"""The trainer's output as the run's log: lines as a terminal would show them, stamped when produced.

A progress bar (tqdm) rewrites one line with carriage returns and ends it with a
newline only when it closes. Reading the pipe line by line would hold every
update until then and deliver them all at once; instead the pipe is read in
chunks as they arrive and

- "\\n" (or "\\r\\n") ends a line;
- a lone "\\r" rewinds to the start of the line: the text after it replaces the
  line (the one updating progress line, not one line per update);
- a line still open (a bar mid-way) is published too, and its later text is
  published under the same `seq`, so the app updates that line in place.

Each line carries `time`, the unix time its (latest) text was read.
"""

from __future__ import annotations

import codecs
import os
import re
import threading
import time
from collections import deque

MAX_LINE_CHARS = 4000  # a log line longer than this is cut (tracebacks of huge tensors)
READ_CHUNK = 65536
_BREAKS = re.compile(r"(\r\n|\n|\r)")


class RunLog:
    """The log lines of one attempt, numbered by `seq`; `take()` hands over what is new or changed.

    Thread-safe: the stdout and stderr readers and the agent's own notes write here, the
    main thread takes batches to post. A line updated before it was taken is sent once,
    with its latest text; one updated after it was sent is sent again under its seq.
    """

    def __init__(self, clock=time.time):
        self.clock = clock
        self.lock = threading.Lock()
        self.next_seq = 0
        self.open: dict[str, int] = {}  # stream → seq of its line still being written
        self.changed: dict[int, dict] = {}  # seq → latest entry not yet taken (insertion order = seq order)
        self.finished: deque[tuple[str, str]] = deque()  # complete lines not yet seen by `take_finished`

    def _put(self, stream: str, text: str, final: bool) -> None:
        text = text.rstrip()[:MAX_LINE_CHARS]
        with self.lock:
            seq = self.open.get(stream)
            if not text:
                if final:
                    self.open.pop(stream, None)  # a blank line ends an open one without erasing it
                return
            if seq is None:
                seq = self.next_seq
                self.next_seq += 1
            if final:
                self.open.pop(stream, None)
                self.finished.append((stream, text))
            else:
                self.open[stream] = seq
            self.changed[seq] = {"seq": seq, "stream": stream, "line": text, "time": round(self.clock(), 3)}

    def update(self, stream: str, text: str) -> None:
        """The stream's current line now reads `text` (it is not finished yet)."""
        self._put(stream, text, final=False)

    def finish(self, stream: str, text: str) -> None:
        """The stream's current line is complete and reads `text`."""
        self._put(stream, text, final=True)

    def note(self, stream: str, text: str) -> None:
        """A whole line from elsewhere (the agent's own notes)."""
        for part in text.splitlines() or [""]:
            self.finish(stream, part)

    def take(self) -> list[dict]:
        """Entries new or changed since the last take, in seq order."""
        with self.lock:
            batch = list(self.changed.values())
            self.changed.clear()
        return sorted(batch, key=lambda e: e["seq"])

    def take_finished(self) -> list[tuple[str, str]]:
        with self.lock:
            done = list(self.finished)
            self.finished.clear()
        return done


class LineAssembler:
    """Raw bytes of one stream → `RunLog.update` / `RunLog.finish` calls, as a terminal renders them."""

    def __init__(self, stream: str, log: RunLog):
        self.stream = stream
        self.log = log
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.current = ""
        self.rewound = False  # a "\r" was read: the next text replaces the line
        self.dirty = False

    def feed(self, data: bytes) -> None:
        for piece in _BREAKS.split(self.decoder.decode(data)):
            if not piece:
                continue
            if piece in ("\n", "\r\n"):
                self.log.finish(self.stream, self.current)
                self.current, self.rewound, self.dirty = "", False, False
            elif piece == "\r":
                self.rewound = True
            else:
                self.current = piece if self.rewound else self.current + piece
                self.rewound, self.dirty = False, True
        if self.dirty and self.current.strip():
            self.log.update(self.stream, self.current)
            self.dirty = False

    def close(self) -> None:
        self.current += self.decoder.decode(b"", final=True)
        if self.current.strip():
            self.log.finish(self.stream, self.current)
        self.current = ""


class StreamPump(threading.Thread):
    """Reads a subprocess pipe in chunks as they arrive (not by line) into a `RunLog`."""

    def __init__(self, pipe, stream: str, log: RunLog):
        super().__init__(daemon=True)
        self.pipe = pipe
        self.assembler = LineAssembler(stream, log)

    def run(self) -> None:
        fd = self.pipe.fileno()
        try:
            while True:
                try:
                    data = os.read(fd, READ_CHUNK)  # returns as soon as anything is there
                except OSError:  # a pty's master reads EIO once the trainer's side is closed
                    break
                if not data:
                    break
                self.assembler.feed(data)
        finally:
            self.assembler.close()
            self.pipe.close()
