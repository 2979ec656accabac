"""Progress of a long stage: documents done / total, rate and stage, for people watching a backlog.

On a terminal one line on stderr is rewritten in place (`\\r`); anywhere else (a log file, a
pipe, the Dagster UI's captured output) plain lines are written, at most one per `every`
seconds plus the last one. No Dagster import: assets pass an optional `log` callable (their
`context.log.info`) to have the same lines in the run's event log.

    with progress.Progress("extract", total=len(docs), log=context.log.info) as bar:
        parallel.extract_in_batches(docs, on_progress=bar.update)

`PLENARY_PROGRESS=0` silences stderr (the `log` callable still gets the plain lines);
`PLENARY_PROGRESS=1` forces the single updating line even when stderr is not a terminal.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

# A plain line at most this often when not on a terminal; the terminal line at most 10 times a second.
LOG_EVERY_SECONDS = 10.0
TTY_EVERY_SECONDS = 0.1
# Stages shorter than this print nothing (a small refresh stays quiet); the `log` callable still
# gets the final line.
QUIET_BELOW_SECONDS = 1.0


def _mode(stream: TextIO) -> str:
    setting = os.environ.get("PLENARY_PROGRESS", "").strip().lower()
    if setting in ("0", "off", "false", "no"):
        return "off"
    if setting in ("1", "tty", "on", "true", "yes"):
        return "tty"
    try:
        return "tty" if stream.isatty() else "lines"
    except (AttributeError, ValueError):
        return "lines"


def format_line(stage: str, done: int, total: int, seconds: float, unit: str = "documents") -> str:
    """`extract: 2,500/10,000 documents (25%), 412/s, about 18 s left` (rate and time when known)."""
    parts = [f"{stage}: {done:,}/{total:,} {unit}"]
    if total:
        parts[0] += f" ({done / total:.0%})"
    if seconds > 0 and done:
        rate = done / seconds
        parts.append(f"{rate:,.0f}/s")
        if total > done:
            parts.append(f"about {_duration((total - done) / rate)} left")
        else:
            parts.append(f"in {_duration(seconds)}")
    return ", ".join(parts)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Progress:
    """Reports `update(done, total)` calls for one stage; `finish()` (or leaving the `with`) ends it."""

    def __init__(
        self,
        stage: str,
        total: int = 0,
        *,
        unit: str = "documents",
        log: Callable[[str], object] | None = None,
        stream: TextIO | None = None,
        every: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.stage, self.total, self.unit, self.log = stage, total, unit, log
        self.stream = stream if stream is not None else sys.stderr
        self.mode = _mode(self.stream)
        self.every = every if every is not None else (TTY_EVERY_SECONDS if self.mode == "tty" else LOG_EVERY_SECONDS)
        self.clock = clock
        self.started = clock()
        self.done = 0
        self._last_shown = self.started
        self._last_logged = self.started
        self._width = 0
        self._finished = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.finish()

    def update(self, done: int, total: int | None = None) -> None:
        """`done` so far out of `total` (keeps the last total when not given)."""
        self.done = done
        if total is not None:
            self.total = total
        now = self.clock()
        if now - self.started < QUIET_BELOW_SECONDS:
            return
        if self.mode == "tty" and now - self._last_shown >= self.every:
            self._last_shown = now
            self._rewrite(self.line(now))
        if now - self._last_logged >= (LOG_EVERY_SECONDS if self.mode == "tty" else self.every):
            self._last_logged = now
            self._plain(self.line(now), to_stream=self.mode == "lines")

    def advance(self, count: int = 1) -> None:
        self.update(self.done + count)

    def line(self, now: float | None = None) -> str:
        return format_line(self.stage, self.done, self.total, (self.clock() if now is None else now) - self.started, self.unit)

    def finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        now = self.clock()
        line = self.line(now)
        shown = now - self.started >= QUIET_BELOW_SECONDS
        if self.mode == "tty" and shown:
            self._rewrite(line)
            self._write("\n")
        self._plain(line, to_stream=self.mode == "lines" and shown)

    def _rewrite(self, line: str) -> None:
        pad = max(0, self._width - len(line))
        self._width = len(line)
        self._write("\r" + line + " " * pad)

    def _plain(self, line: str, to_stream: bool) -> None:
        if to_stream:
            self._write(f"plenary {time.strftime('%H:%M:%S')} {line}\n")
        if self.log is not None:
            self.log(line)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            pass  # a closed or broken stream never fails the pipeline
