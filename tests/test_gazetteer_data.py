"""Integrity checks of the gazetteer data files in graph/data (made by tools/make_gazetteer.py and
tools/make_world.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "graph" / "data"
LEVELS = {"province", "city", "county"}
ZONE_KINDS = {"new_area", "high_tech_zone", "economic_zone", "science_city", "bonded_zone", "industrial_park"}

CHONGQING = {
    # 26 districts
    "万州区", "涪陵区", "渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区",
    "綦江区", "大足区", "渝北区", "巴南区", "黔江区", "长寿区", "江津区", "合川区", "永川区", "南川区",
    "璧山区", "铜梁区", "潼南区", "荣昌区", "开州区", "梁平区", "武隆区",
    # 12 counties
    "城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县", "巫山县", "巫溪县",
    "石柱土家族自治县", "秀山土家族苗族自治县", "酉阳土家族苗族自治县", "彭水苗族土家族自治县",
}  # fmt: skip
# Everyday short forms checked by hand (each must be among the row's aliases).
CHONGQING_ALIASES = {
    "涪陵区": {"涪陵"},
    "沙坪坝区": {"沙坪坝", "沙区"},
    "九龙坡区": {"九龙坡"},
    "大渡口区": {"大渡口"},
    "江北区": {"江北"},
    "渝中区": {"渝中"},
    "南岸区": {"南岸"},
    "开州区": {"开州"},
    "石柱土家族自治县": {"石柱"},
    "秀山土家族苗族自治县": {"秀山"},
    "酉阳土家族苗族自治县": {"酉阳"},
    "彭水苗族土家族自治县": {"彭水"},
}


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


def read_list(name: str) -> list[str]:
    """Entries of a one-per-line file, without ``#`` comments and blank lines."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [e for e in (ln.split("#", 1)[0].strip() for ln in text.splitlines()) if e]


def aliases(row: dict[str, str]) -> list[str]:
    """The row's comma-separated aliases."""
    return [a for a in row["aliases"].split(",") if a]


@pytest.fixture(scope="module")
def districts() -> list[dict[str, str]]:
    return read_tsv("districts.tsv", ["name", "level", "parent", "aliases"])


@pytest.fixture(scope="module")
def zones() -> list[dict[str, str]]:
    return read_tsv("zones.tsv", ["name", "kind", "district", "aliases"])


@pytest.fixture(scope="module")
def stopwords() -> list[str]:
    return read_list("district_stopwords.txt")


def test_districts_levels_and_counts(districts: list[dict[str, str]]) -> None:
    counts = Counter(r["level"] for r in districts)
    assert set(counts) == LEVELS
    assert counts["province"] == 34
    assert 330 <= counts["city"] <= 345
    assert 2800 <= counts["county"] <= 2950


def test_districts_no_duplicate_rows(districts: list[dict[str, str]]) -> None:
    keys = Counter((r["name"], r["parent"]) for r in districts)
    assert [k for k, n in keys.items() if n > 1] == []


def test_districts_parents_exist(districts: list[dict[str, str]]) -> None:
    provinces = {r["name"] for r in districts if r["level"] == "province"}
    cities = {r["name"] for r in districts if r["level"] == "city"}
    for r in districts:
        if r["level"] == "province":
            assert r["parent"] == "", r
        elif r["level"] == "city":
            assert r["parent"] in provinces, r
        else:  # municipalities' districts and province-administered counties hang from the province
            assert r["parent"] in cities or r["parent"] in provinces, r


def test_chongqing_has_its_38_districts_and_counties(districts: list[dict[str, str]]) -> None:
    rows = [r for r in districts if r["parent"] == "重庆市"]
    assert {r["name"] for r in rows} == CHONGQING
    assert all(r["level"] == "county" for r in rows)
    assert sum(r["name"].endswith("区") for r in rows) == 26
    assert sum(r["name"].endswith("县") for r in rows) == 12
    assert [r["name"] for r in districts if r["name"] == "重庆市"] == ["重庆市"]
    assert not any(r["name"] == "两江新区" for r in districts)  # a zone, not a district


def test_chongqing_aliases(districts: list[dict[str, str]]) -> None:
    by_name = {r["name"]: set(aliases(r)) for r in districts if r["parent"] == "重庆市"}
    for name, expected in CHONGQING_ALIASES.items():
        assert expected <= by_name[name], name
    assert all(by_name[n] for n in CHONGQING - {"忠县"})  # 忠县 has no short form but itself
    province = {r["name"]: aliases(r) for r in districts if r["level"] == "province"}
    assert province["重庆市"] == ["重庆"]
    assert province["广西壮族自治区"] == ["广西"]


def test_aliases_are_clean(districts: list[dict[str, str]], stopwords: list[str]) -> None:
    stop = set(stopwords)
    for r in districts:
        al = aliases(r)
        assert len(al) == len(set(al)), r
        for a in al:
            assert len(a) >= 2, r
            assert a != r["name"], r
            assert a not in stop, r
            assert a.strip() == a and "\t" not in a, r


def test_stopwords_file(stopwords: list[str]) -> None:
    assert len(stopwords) == len(set(stopwords))
    assert all(len(w) >= 2 and " " not in w for w in stopwords)
    assert {"合作", "城区", "新区", "和平", "长安", "白云"} <= set(stopwords)


def test_zones(zones: list[dict[str, str]], districts: list[dict[str, str]], stopwords: list[str]) -> None:
    names = [z["name"] for z in zones]
    assert len(names) == len(set(names))
    county_names = {r["name"] for r in districts if r["level"] == "county"}
    stop = set(stopwords)
    for z in zones:
        assert z["kind"] in ZONE_KINDS, z
        assert z["district"] == "" or z["district"] in county_names, z
        assert all(len(a) >= 2 and a not in stop and a != z["name"] for a in aliases(z)), z
    by_name = {z["name"]: z for z in zones}
    assert by_name["两江新区"]["kind"] == "new_area"
    assert "西部科学城" in aliases(by_name["西部(重庆)科学城"])
    assert sum(z["kind"] == "new_area" and z["name"] != "川渝高竹新区" for z in zones) == 19


def test_world(districts: list[dict[str, str]], zones: list[dict[str, str]]) -> None:
    rows = read_tsv("world.tsv", ["name", "level", "parent", "aliases"])
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    countries = {r["name"] for r in rows if r["level"] == "country"}
    assert all(r["level"] in ("country", "city") for r in rows)
    assert all(r["parent"] in countries for r in rows if r["level"] == "city")
    china = (
        {r["name"] for r in districts}
        | {a for r in districts for a in aliases(r)}
        | {z["name"] for z in zones}
    )
    assert not china & set(names)  # (China's places are China's: 黑山)
    assert {"德国", "匈牙利", "新加坡", "日本", "美国", "哈萨克斯坦"} <= countries
    assert {"中国", "加纳", "约旦"}.isdisjoint(names)  # (China's own; words jieba reads otherwise)
    assert "布达佩斯" in names and "华沙" in names


def test_surnames() -> None:
    names = read_list("surnames.txt")
    assert 400 <= len(names) <= 600
    assert len(names) == len(set(names))
    assert all(1 <= len(n) <= 2 for n in names)
    assert {"王", "李", "张", "刘", "陈", "肖", "付", "欧阳", "司马", "诸葛"} <= set(names)
