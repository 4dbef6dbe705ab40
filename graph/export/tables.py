"""JSON Lines tables: one record a line, UTF-8, keys in a fixed order."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from graph.export.atomic import atomic_open


def write_jsonl(path: Path, records: Iterable[dict]) -> int:
    n = 0
    with atomic_open(path) as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
    return n
