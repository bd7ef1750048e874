"""Progress on stderr: a rich bar on a terminal, plain periodic lines otherwise.

Corpus mode reports pairs done; every command reports the first-run build of the dictionary
index (10-40 s during which a silent terminal looks hung). Lines go to stderr so that stdout
stays the command's output; in a log file (no TTY) a line every few seconds replaces the bar.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

__all__ = ["Progress", "prepare_dictionary"]


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    """done/total, rate, ETA and errors so far; a context manager.

    *tty* None decides by the stream. *every* is the interval of the plain lines in seconds.
    With *percent*, done/total is shown as a percentage with the time elapsed (a build whose
    steps are work units, not things the user counts).
    """

    def __init__(
        self,
        label: str,
        total: int,
        *,
        unit: str = "pairs",
        stream: IO[str] | None = None,
        tty: bool | None = None,
        every: float = 5.0,
        errors: bool = True,
        percent: bool = False,
    ) -> None:
        self.label, self.total, self.unit, self.every = label, total, unit, every
        self.percent = percent
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.show_errors = errors
        self.done = self.failed = 0
        self.note = ""
        self._start = self._last = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.tty:
            from rich import progress as rp
            from rich.console import Console

            columns: list[Any] = [rp.TextColumn("{task.description}"), rp.BarColumn()]
            if self.percent:
                columns += [rp.TaskProgressColumn(), rp.TimeElapsedColumn()]
            else:
                columns += [
                    rp.MofNCompleteColumn(),
                    rp.TextColumn("{task.fields[rate]}"),
                    rp.TextColumn("ETA"),
                    rp.TimeRemainingColumn(),
                ]
            if self.show_errors:
                columns.append(rp.TextColumn("{task.fields[errors]} errors"))
            self._bar = rp.Progress(*columns, console=Console(file=self.stream), transient=False)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, rate="", errors=0)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._start

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self._start
        return self.done / elapsed if elapsed > 0 else 0.0

    def advance(self, n: int = 1, *, error: bool = False, note: str = "") -> None:
        self.done += n
        self.failed += int(error)
        self.note = note or self.note
        self._show()

    def update(self, done: int, *, total: int | None = None, note: str = "") -> None:
        self.done, self.total = done, self.total if total is None else total
        self.note = note or self.note
        self._show(force=bool(note))

    def _show(self, force: bool = False) -> None:
        if self._bar is not None:
            label = f"{self.label}: {self.note}" if self.note else self.label
            rate = f"{self.rate:.1f} {self.unit}/s" if self.show_errors else ""
            done, total, failed = self.done, self.total, self.failed
            self._bar.update(
                self._task, completed=done, total=total, description=label, rate=rate, errors=failed
            )
            return
        now = time.monotonic()
        if force or now - self._last >= self.every or self.done >= self.total:
            self._last = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        if self.percent:
            share = 100 * self.done // self.total if self.total else 100
            parts = [f"align: {self.label}: {share}%"]
        else:
            parts = [f"align: {self.label}: {self.done}/{self.total} {self.unit}"]
        if self.note:
            parts[0] += f" ({self.note})"
        if self.show_errors:
            rate = self.rate
            left = (self.total - self.done) / rate if rate > 0 else 0.0
            parts.append(f"{rate:.1f}/s")
            if self.done < self.total and rate > 0:
                parts.append(f"ETA {_duration(left)}")
            parts.append(f"{self.failed} errors")
        return ", ".join(parts)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def prepare_dictionary(stream: IO[str] | None = None, tty: bool | None = None) -> bool:
    """Build the dictionary index now if it is missing (first run), showing each step.

    On stderr: what is built, the percentage done (with the step under way), and at the end
    how long it took and where it is kept. Returns whether anything was built. Without this
    the first command would build the same files silently on first use; the files and their
    contents are the same either way.
    """
    from .lexicon.dictionary import build_indexes, cache_dir, missing_indexes

    missing = missing_indexes()
    if not missing:
        return False
    out = stream if stream is not None else sys.stderr
    label = "building the dictionary index (first run only)"
    bar = Progress(label, 100, unit="%", stream=out, tty=tty, errors=False, percent=True)
    with bar:
        build_indexes(lambda step, done, total: bar.update(done, total=total, note=step))
    out.write(
        f"align: built the dictionary index in {bar.elapsed:.1f} s "
        f"(kept in {cache_dir()}; later runs start at once)\n"
    )
    out.flush()
    return True
