"""Append-only feedback log (`<store_dir>/feedback.jsonl`), safe under concurrent votes."""

from __future__ import annotations

import fcntl
import json
import threading
from pathlib import Path
from typing import Any


class FeedbackLog:
    """One JSON object per line. Each vote is a single `write()` of a whole line, made under a
    thread lock (votes from this process) and an exclusive `flock` (other processes), on a file
    opened in append mode — so concurrent votes never interleave or overwrite each other."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def append(self, record: dict[str, Any]) -> None:
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.path, "ab", buffering=0) as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                f.write(line)
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def read(self) -> list[dict[str, Any]]:
        """Every record so far (for tests and inspection)."""
        if not self.path.exists():
            return []
        with open(self.path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
