"""Integrity checks of graph/data/companies.tsv and companies_dropped.txt (tools/make_companies.py)."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "graph" / "data"
HEADER = ["name", "aliases", "kind", "region"]
KINDS = {"listed", "group", "brand", "bank", "foreign"}
MAX_FREQ = 1000  # a jieba word this frequent is a common word, never an alias

# Short form -> the row name it must belong to (checked by hand).
EXPECTED = {
    "长安汽车": "重庆长安汽车股份有限公司",
    "赛力斯": "赛力斯集团股份有限公司",
    "小康股份": "赛力斯集团股份有限公司",
    "力帆": "重庆千里科技股份有限公司",
    "宗申": "宗申产业集团有限公司",
    "宗申动力": "重庆宗申动力机械股份有限公司",
    "隆鑫": "隆鑫通用动力股份有限公司",
    "重庆啤酒": "重庆啤酒股份有限公司",
    "涪陵榨菜": "重庆市涪陵榨菜集团股份有限公司",
    "太极集团": "重庆太极实业（集团）股份有限公司",
    "西南证券": "西南证券股份有限公司",
    "重庆银行": "重庆银行股份有限公司",
    "三峰环境": "重庆三峰环境集团股份有限公司",
    "智飞生物": "重庆智飞生物制品股份有限公司",
    "宁德时代": "宁德时代新能源科技股份有限公司",
    "CATL": "宁德时代新能源科技股份有限公司",
    "华夏银行": "华夏银行股份有限公司",
    "工行": "中国工商银行股份有限公司",
    "比亚迪": "比亚迪股份有限公司",
    "吉利汽车": "浙江吉利控股集团有限公司",
}
# Names that must be rows (foreign brands by their Chinese names, platforms).
EXPECTED_NAMES = {"可口可乐", "皮尔卡丹", "宝马", "星巴克", "美团", "小米集团", "华为技术有限公司"}
# Forms that must never be aliases or names: common words and places.
NEVER = {
    "长安",
    "华夏",
    "中国",
    "重庆",
    "小康",
    "太极",
    "平安",
    "移动",
    "长城",
    "理想",
    "统一",
    "民生",
    "光明",
}


def comment_lines(name: str) -> list[str]:
    """The ``#`` lines of a data file."""
    return [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines() if ln.startswith("#")]


def read_tsv(name: str, header: list[str]) -> list[dict[str, str]]:
    """Rows of a ``#``-commented TSV file, checking the header row and the column count."""
    lines = [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    assert lines[0].split("\t") == header
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        assert len(cells) == len(header), ln
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def aliases(row: dict[str, str]) -> list[str]:
    """The row's comma-separated aliases."""
    return [a for a in row["aliases"].split(",") if a]


@pytest.fixture(scope="module")
def companies() -> list[dict[str, str]]:
    return read_tsv("companies.tsv", HEADER)


@pytest.fixture(scope="module")
def districts() -> list[dict[str, str]]:
    return read_tsv("districts.tsv", ["name", "level", "parent", "aliases"])


@pytest.fixture(scope="module")
def place_names(districts: list[dict[str, str]]) -> set[str]:
    return {form for r in districts for form in [r["name"], *aliases(r)]}


@pytest.fixture(scope="module")
def jieba_freq() -> dict[str, int]:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("jieba is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    freq = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            freq[parts[0]] = int(parts[1])
    return freq


def test_header_names_the_sources() -> None:
    head = "\n".join(comment_lines("companies.tsv"))
    assert "hand-compiled" in head
    assert "PyPI package matchina" in head and "licence MIT" in head and "entities.db" in head
    assert "sha256" in head


def test_kinds_and_counts(companies: list[dict[str, str]]) -> None:
    counts = Counter(r["kind"] for r in companies)
    assert set(counts) == KINDS
    assert 4000 <= len(companies) <= 7000
    assert counts["foreign"] >= 100 and counts["bank"] >= 100 and counts["group"] >= 100
    assert counts["brand"] >= 80 and counts["listed"] >= 3000
    head = "\n".join(comment_lines("companies.tsv"))
    assert f"{len(companies)} in all" in head


def test_no_duplicate_names(companies: list[dict[str, str]]) -> None:
    names = Counter(r["name"] for r in companies)
    assert [n for n, c in names.items() if c > 1] == []
    assert all(r["name"].strip() == r["name"] and r["name"] for r in companies)


def test_aliases_are_clean(companies: list[dict[str, str]]) -> None:
    names = {r["name"] for r in companies}
    owners: Counter[str] = Counter()
    for r in companies:
        al = aliases(r)
        assert len(al) == len(set(al)), r
        for a in al:
            assert a.strip() == a and "\t" not in a, r
            assert len(a) >= 2, r
            assert not (a.isascii() and len(a) < 3), r
            assert a != r["name"] and a not in names, r
            owners[a] += 1
    assert [a for a, n in owners.items() if n > 1] == []  # no alias names two rows


def test_no_place_names(companies: list[dict[str, str]], place_names: set[str]) -> None:
    bad = [(r["name"], f) for r in companies for f in [r["name"], *aliases(r)] if f in place_names]
    assert bad == []


def test_no_frequent_words(companies: list[dict[str, str]], jieba_freq: dict[str, int]) -> None:
    bad = [
        (r["name"], f)
        for r in companies
        for f in [r["name"], *aliases(r)]
        if jieba_freq.get(f, 0) >= MAX_FREQ
    ]
    assert bad == []


def test_never_forms(companies: list[dict[str, str]]) -> None:
    forms = {f for r in companies for f in [r["name"], *aliases(r)]}
    assert forms & NEVER == set()


def test_regions(companies: list[dict[str, str]], districts: list[dict[str, str]]) -> None:
    provinces = {r["name"] for r in districts if r["level"] == "province"}
    for r in companies:
        if r["kind"] == "foreign":
            assert r["region"] not in provinces, r
        else:
            assert r["region"] == "" or r["region"] in provinces, r
    by_name = {r["name"]: r for r in companies}
    assert by_name["重庆长安汽车股份有限公司"]["region"] == "重庆市"
    assert by_name["宝马"]["region"] == "德国"


def test_expected_entries(companies: list[dict[str, str]]) -> None:
    owner = {a: r["name"] for r in companies for a in aliases(r)}
    for form, name in EXPECTED.items():
        assert owner.get(form) == name, form
    names = {r["name"] for r in companies}
    assert names >= EXPECTED_NAMES
    by_name = {r["name"]: r for r in companies}
    assert by_name["可口可乐"]["kind"] == "foreign"
    assert by_name["重庆银行股份有限公司"]["kind"] == "bank"
    assert by_name["中国第一汽车集团有限公司"]["kind"] == "group"


def test_dropped_file(companies: list[dict[str, str]]) -> None:
    lines = (DATA / "companies_dropped.txt").read_text(encoding="utf-8").splitlines()
    entries = [ln.split("\t") for ln in lines if ln and not ln.startswith("#")]  # no header row
    assert all(len(e) == 3 and all(e) for e in entries), [e for e in entries if len(e) != 3]
    by_name = {r["name"]: set(aliases(r)) for r in companies}
    for form, row, _reason in entries:
        if row in by_name:
            assert form not in by_name[row], (form, row)
    reasons = {(form, row): reason for form, row, reason in entries}
    assert reasons[("长安", "重庆长安汽车股份有限公司")].startswith("jieba")
    assert reasons[("华夏", "华夏银行股份有限公司")].startswith("jieba")
    assert reasons[("小康", "赛力斯集团股份有限公司")].startswith("hand")
    assert {"hand", "jieba", "place", "ambiguous"} <= {e[2].split(":")[0] for e in entries}
