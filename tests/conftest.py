from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def seed_pages() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    if not GOLD.exists():
        pytest.skip("development gold (../shared/gold) not present")
    return {
        p.name[: -len(".gold.json")]: json.loads(p.read_text(encoding="utf-8"))
        for p in GOLD.glob("*.gold.json")
    }
