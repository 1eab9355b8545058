"""The command line's progress bar: one line on stderr, redrawn in place, only on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalBar:
    """``bar(done, total)`` redraws the line at most ten times a second (a million articles
    must not mean a million writes) and always at the end; ``close()`` ends the line. Nothing is
    drawn when the stream is not a terminal, so logs and pipes stay clean."""

    def __init__(self, label: str = "", stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.label = f"{label} " if label else ""
        self.tty = self.stream.isatty()
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.tty or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        frac = done / total if total else 1.0
        rate = done / max(now - self.start, 1e-6)
        self.stream.write(f"\r{self.label}[{'#' * int(frac * 30):<30}] {done:,}/{total:,} "
                          f"({rate:,.0f}/s) ")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False
