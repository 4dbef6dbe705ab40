"""Relations between entities, each with the sentences that support it.

``holds_role_at`` comes from a title and the organisation it names (公司董事长何鹏); every other
pair of entities in one sentence is ``co_mentioned``. Undirected relations are stored once, with
the smaller id as ``source``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from graph.articles import Article
from graph.link import Entity
from graph.normalize import sentences

MAX_EVIDENCE = 20


@dataclass
class Relation:
    source: str
    target: str
    type: str
    weight: int = 0
    evidence: list[dict] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    _seen: set = field(default_factory=set, repr=False)

    def support(self, article: str, sentence: str, start: int) -> None:
        if (article, start) in self._seen:
            return
        self._seen.add((article, start))
        self.weight += 1
        if len(self.evidence) < MAX_EVIDENCE:
            self.evidence.append({"article": article, "sentence": sentence})

    def to_json(self) -> dict:
        d = {"source": self.source, "target": self.target, "type": self.type, "weight": self.weight}
        if self.roles:
            d["role"] = "、".join(self.roles)
        d["evidence"] = self.evidence
        return d


def extract_relations(articles: list[Article], entities: list[Entity]) -> list[Relation]:
    """All relations, ordered by (type, source, target)."""
    where: dict[tuple[str, int, int], str] = {}
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            where[(m.article, m.start, m.end)] = e.id
            by_article[m.article].append((m.start, m.end, e.id))
    rels: dict[tuple[str, str, str], Relation] = {}

    def rel(s: str, t: str, typ: str) -> Relation:
        return rels.setdefault((s, t, typ), Relation(s, t, typ))

    for art in articles:
        spans = sentences(art.text)
        ments = sorted(by_article.get(art.id, []))
        for s0, s1 in spans:
            ids = sorted({eid for a, b, eid in ments if s0 <= a and b <= s1})
            text = art.text[s0:s1]
            for a, b in combinations(ids, 2):
                rel(a, b, "co_mentioned").support(art.id, text, s0)
        for e in entities:
            if e.type != "person":
                continue
            for m in e.mentions:
                if m.article != art.id or m.org_start is None:
                    continue
                org = where.get((art.id, m.org_start, m.org_end))
                if not org or org == e.id:
                    continue
                sent = next(((a, b) for a, b in spans if a <= m.start < b), (m.start, m.end))
                r = rel(e.id, org, "holds_role_at")
                r.support(art.id, art.text[sent[0] : sent[1]], sent[0])
                if m.role and m.role not in r.roles:
                    r.roles.append(m.role)
    return [rels[k] for k in sorted(rels)]
