"""``python -m graph explain NAME``: why an entity is what it is — its aliases and each merge."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from graph.link import fold


def find(out: Path, name: str) -> list[dict]:
    """Entities with ``name`` as their name or one of their aliases (folded as the linker folds)."""
    key = fold(name)
    found = []
    with (out / "entities.jsonl").open(encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            if key == fold(e["name"]) or key in {fold(a) for a in e.get("aliases", [])}:
                found.append(e)
    return found


def describe(e: dict) -> str:
    docs = Counter(m["doc"] for m in e["mentions"])
    lines = [
        f"{e['name']}  [{e['type']}]  id {e['id']}",
        f"  aliases: {'、'.join(e['aliases'])}",
        f"  {len(e['mentions'])} mentions in {len({m['article'] for m in e['mentions']})} articles: "
        + ", ".join(f"{d} ×{n}" for d, n in sorted(docs.items())),
    ]
    if e.get("merged"):
        lines.append("  merged:")
        for m in e["merged"]:
            lines.append(f"    {m['surface']}  ← {m['rule']} (score {m['score']})")
    else:
        lines.append("  merged: nothing (one name only)")
    return "\n".join(lines)


def main(name: str, out: Path) -> int:
    if not (out / "entities.jsonl").exists():
        print(f"error: {out / 'entities.jsonl'} not found: run `python -m graph build` first")
        return 1
    found = find(out, name)
    if not found:
        print(f"no entity is called {name!r} in {out}")
        return 1
    print("\n\n".join(describe(e) for e in found))
    return 0
