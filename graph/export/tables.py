"""JSON Lines tables: one record a line, UTF-8, keys in a fixed order."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from graph.export.atomic import atomic_open

_ESCAPE = re.compile("[\ud800-\udfff\x85\u2028\u2029]")


def json_line(record: dict) -> str:
    """One record as one line of JSON that any UTF-8 reader can take.

    ``ensure_ascii=False`` keeps Chinese readable, but it also writes a lone surrogate (which no
    decoder yields, yet a caller can put in a string) as itself, and UTF-8 cannot encode that:
    the write would fail halfway. Those are written as ``\\udXXX`` escapes instead, which JSON
    allows and which read back as the same string. So are U+2028, U+2029 and U+0085: legal in
    JSON, but line breaks to ``str.splitlines`` and some editors, which would cut a record in two.
    Control characters are always escaped by ``json.dumps``.

    >>> json_line({"name": "a\\ud800b\\x01"})
    '{"name":"a\\\\ud800b\\\\u0001"}'
    """
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def write_jsonl(path: Path, records: Iterable[dict]) -> int:
    """Write ``records`` one a line, atomically; returns how many were written."""
    n = 0
    with atomic_open(path) as f:
        for r in records:
            f.write(json_line(r) + "\n")
            n += 1
    return n
