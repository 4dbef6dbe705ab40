"""The linker: mentions that name the same thing become one entity.

This first linker merges mentions of one type whose *normalised key* is equal: the surface with
white space and bracket forms folded, and for places the full name the gazetteer gives a short
form (涪陵 → 涪陵区) when that reading is unique. Every merge records the rule that made it, so
``entities.jsonl`` can say why two surfaces are one node.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph.extract.lexicon import gazetteer
from graph.mentions import Mention

_FOLD = str.maketrans("()[]", "（）【】")
_WS = re.compile(r"\s+")


def fold(surface: str) -> str:
    """The form two surfaces must share to be the same name: no spaces, one bracket style."""
    return _WS.sub("", surface).translate(_FOLD)


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str]
    mentions: list[Mention]
    merged: list[dict] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return sorted({m.article for m in self.mentions})

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": self.aliases,
            "mention_count": len(self.mentions),
            "article_count": len(self.articles),
            "mentions": [
                {k: v for k, v in m.to_json().items() if k not in ("type", "org_start", "org_end")}
                for m in self.mentions
            ],
            "merged": self.merged,
        }


def key_of(m: Mention) -> tuple[str, str, str]:
    """``(type, key, rule)``: mentions with equal type and key are one entity."""
    surface = fold(m.surface)
    if m.type == "district":
        full = gazetteer().full_names(surface)
        if len(full) == 1 and full[0] != surface:
            return m.type, full[0], "gazetteer short form"
    return m.type, surface, "same name"


def entity_id(type_: str, name: str) -> str:
    """Stable across builds and machines: derived from type and canonical name only."""
    return (
        f"{type_}:{name}"
        if len(name) <= 40
        else f"{type_}:{name[:32]}~{hashlib.sha1(name.encode()).hexdigest()[:8]}"
    )


def link(mentions: list[Mention]) -> list[Entity]:
    """Group mentions into entities, ordered by type and name (deterministic ids and order).

    >>> from graph.mentions import Mention
    >>> ms = [Mention("d", "d#1", "district", s, 0, len(s), 0, len(s), "t") for s in ("涪陵", "涪陵区")]
    >>> [(e.name, e.aliases) for e in link(ms)]
    [('涪陵区', ['涪陵', '涪陵区'])]
    """
    groups: dict[tuple[str, str], list[tuple[Mention, str]]] = defaultdict(list)
    for m in mentions:
        t, key, rule = key_of(m)
        groups[(t, key)].append((m, rule))
    entities = []
    for (t, key), members in sorted(groups.items()):
        ms = sorted((m for m, _ in members), key=lambda m: (m.doc, m.article, m.start))
        surfaces = Counter(fold(m.surface) for m in ms)
        name = (
            key
            if key in surfaces or t == "district"
            else max(surfaces, key=lambda s: (len(s), surfaces[s], s))
        )
        merged = [
            {"surface": s, "rule": rule, "score": 1.0}
            for s, rule in sorted({(fold(m.surface), rule) for m, rule in members})
            if s != name
        ]
        entities.append(Entity(entity_id(t, name), t, name, sorted(set(surfaces) | {name}), ms, merged))
    return entities
