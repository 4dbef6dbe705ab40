"""Score the relations of a build against the development gold: precision and recall per type.

    python tools/score_relations.py                      # out/ against ../shared/gold
    python tools/score_relations.py --out o --gold g --show 20

Gold (``relations`` in ``DOC.gold.json``): ``head``, ``type``, ``tail``, ``evidence``, ``required``,
optional ``head_accept``/``tail_accept``/``type_accept``. ``signed_with``, ``partner_of`` (and
``co_mentioned``) are symmetric. A predicted relation belongs to a gold document when one of its
evidence sentences comes from an article of that document.

- **recall** = required gold relations found / required gold relations;
- **reachable** = required gold relations whose head and tail are both entities named in that
  document — what the relation step could have found given the extractor's entities;
- **precision** = predicted relations (of the gold's types, in gold documents) that match any gold
  relation, required or not / predicted relations.

Entities are matched by name and aliases as the shared scorer does (``norm``; exact, or one name
containing the other with at least half its length). The last line is the shared scorer's
``roles``: the share of gold people linked to their organisation.

The gold measures; nothing in it is used by the package.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SYMMETRIC = {"signed_with", "partner_of", "co_mentioned"}


def _shared_scorer():
    """The shared scorer module (``../shared/eval/score.py``): its ``norm`` and its roles figure."""
    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(out: Path, gold_dir: Path) -> dict:
    sc = _shared_scorer()
    norm, lenient_eq = sc.norm, sc.lenient_eq
    ents = {e["id"]: e for e in _jsonl(out / "entities.jsonl")}
    rels = _jsonl(out / "relations.jsonl")
    names = {i: {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])} for i, e in ents.items()}

    def same(surface_set: set[str], eid: str) -> bool:
        return any(s in names[eid] or any(lenient_eq(s, n) for n in names[eid]) for s in surface_set)

    rows: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    misses, wrong = [], []
    golds = {
        p.name[: -len(".gold.json")]: json.loads(p.read_text(encoding="utf-8")).get("relations", [])
        for p in sorted(gold_dir.glob("*.gold.json"))
    }
    types = {t for gold in golds.values() for g in gold for t in [g["type"], *g.get("type_accept", [])]}
    for doc, gold in golds.items():
        if not gold:
            continue
        in_doc = {i for i, e in ents.items() if any(m.get("doc") == doc for m in e.get("mentions", []))}
        preds = [r for r in rels if any(ev["article"].split("#")[0] == doc for ev in r.get("evidence", []))]

        def matches(g: dict, r: dict) -> bool:
            if r["type"] not in {g["type"], *g.get("type_accept", [])}:
                return False
            heads = {norm(g["head"])} | {norm(x) for x in g.get("head_accept", [])}
            tails = {norm(g["tail"])} | {norm(x) for x in g.get("tail_accept", [])}
            s, t = r["source"], r["target"]
            if same(heads, s) and same(tails, t):
                return True
            return r["type"] in SYMMETRIC and same(heads, t) and same(tails, s)

        for g in gold:
            if not g.get("required"):
                continue
            row = rows[g["type"]]
            row["gold"] += 1
            heads = {norm(g["head"])} | {norm(x) for x in g.get("head_accept", [])}
            tails = {norm(g["tail"])} | {norm(x) for x in g.get("tail_accept", [])}
            if any(same(heads, i) for i in in_doc) and any(same(tails, i) for i in in_doc):
                row["reachable"] += 1
            if any(matches(g, r) for r in preds):
                row["found"] += 1
            else:
                misses.append(f"{doc[:3]} {g['head']} -{g['type']}-> {g['tail']}")
        for r in preds:
            if r["type"] not in types or r["type"] == "co_mentioned":
                continue
            row = rows[r["type"]]
            row["pred"] += 1
            if any(matches(g, r) for g in gold):
                row["correct"] += 1
            else:
                head, tail = ents[r["source"]]["name"], ents[r["target"]]["name"]
                wrong.append(f"{doc[:3]} {head} -{r['type']}-> {tail}")
    roles = sc.score(out, gold_dir, list(sc.CORE))["roles"]
    return {"types": rows, "misses": misses, "wrong": wrong, "roles": roles}


def _row(name: str, c: collections.Counter) -> str:
    p = c["correct"] / c["pred"] if c["pred"] else 0.0
    r = c["found"] / c["gold"] if c["gold"] else 0.0
    counts = f"{c['gold']:>5}{c['reachable']:>6}{c['found']:>6}{c['pred']:>6}{c['correct']:>6}"
    return f"{name:<15}{counts}  {p:.2f}  {r:.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "out")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--show", type=int, default=0, help="list up to N missed and N wrong relations")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    if not a.gold.exists():
        print(f"no gold at {a.gold}", file=sys.stderr)
        return 1
    rep = score(a.out, a.gold)
    if a.json:
        print(json.dumps(rep, ensure_ascii=False, indent=1, default=dict))
        return 0
    print(f"{'type':<15}{'gold':>5}{'reach':>6}{'found':>6}{'pred':>6}{'right':>6}   P      R")
    total: collections.Counter = collections.Counter()
    for t in sorted(rep["types"]):
        total.update(rep["types"][t])
        print(_row(t, rep["types"][t]))
    print(_row("all", total))
    ro = rep["roles"]
    print(f"roles          {ro['found']}/{ro['gold']} gold people linked to their organisation ", end="")
    print(f"({ro['recall']:.2f})")
    if a.show:
        for m in rep["misses"][: a.show]:
            print("    miss ", m)
        for w in rep["wrong"][: a.show]:
            print("    wrong", w)
        for m in ro["misses"][: a.show]:
            print("    role ", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
