"""Build ``graph/data/districts.tsv`` (and ``surnames.txt``) from data shipped in the ``jionlp`` wheel.

Source: the PyPI package ``jionlp`` (Apache-2.0) ships ``jionlp/dictionary/china_location.zip``, a zip
holding ``china_location.txt``: a tab-indented tree (province / prefecture / county / town / village)
whose first three levels read ``name<TAB>code<TAB>short form``.  The script reads it straight from the
wheel (jionlp is never imported or installed), so the files can be regenerated offline::

    pip download --no-deps jionlp==1.5.31 -d /tmp/jio
    python tools/make_gazetteer.py /tmp/jio/jionlp-1.5.31-py2.py3-none-any.whl

The argument may also be the extracted ``china_location.zip`` or ``china_location.txt`` (then pass
``--version``; surnames.txt is only written from the wheel, from ``jionlp/rule/rule_pattern.py``).

Rows: every province-, prefecture- and county-level division with a statistical code.  Statistical
"functional zones" (development zones, industrial parks, management areas: codes ending 71-79, plus
a few listed below) are left out - the Chongqing ones are in the hand-made ``zones.tsv``.  Hong Kong's
18 districts and Taiwan's municipalities, counties and provincial cities are kept; Taiwan's districts
(incomplete in the source) and Macau's parishes are not.

Aliases: the rule forms of ``rule_short_forms`` (suffix and ethnic names stripped), the source's own
short form, and a few hand extras; filtered by ``assign_aliases`` and by
``graph/data/district_stopwords.txt``.  ``--suggest-stopwords`` lists the aliases still worth a review
(jieba's dictionary, optionally NER corpora via ``--bio``) and writes nothing.
"""

from __future__ import annotations

import argparse
import ast
import email.parser
import hashlib
import importlib.util
import io
import re
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "graph" / "data"
LOCATION_MEMBER = "jionlp/dictionary/china_location.zip"
LOCATION_TXT = "china_location.txt"
SURNAME_MEMBER = "jionlp/rule/rule_pattern.py"
# Common modern surnames that the 百家姓 lacks (regional ones included: 苟, 庹, 漆, 蹇 in Chongqing/Sichuan;
# 覃, 冼, 邝, 麦, 禤 in the south; 迟, 隋, 战, 綦, 衣 in Shandong; 买, 拜, 喇, 冶 among the Hui).
BAIJIAXING_MISSING = "席"
"""Surnames of the 百家姓 that jionlp's list leaves out (阮蓝闵席季麻: 席 is between 闵 and 季)."""
MODERN_SURNAMES = (
    "肖付兰代母苟粟庹漆蹇但税敬麦冼邝区植禤覃仝揭谌邸矫买拜者普迟初战展隋綦栗续原雒衣丛苑练丘粘官淦尧"
    "智芦冶贠喇门亓修郄楼"
)
LEVELS = ("province", "city", "county")
# Its rows come first, so that a reader keying rows by name alone keeps 重庆市江北区, not 宁波市江北区.
FOCUS_PROVINCE = "重庆市"

# Placeholders and non-administrative units in the source tree.
PLACEHOLDERS = {"省直辖行政区划", "市直辖行政区划"}
MUNICIPALITY_LIKE = {"北京市", "天津市", "上海市", "重庆市", "香港", "澳门"}
EXCLUDED_NAMES = {
    "天府新区",  # a national new area spread over Chengdu and Meishan, not a division
    "成都高新技术产业开发区",
    "兰州新区",
    "镇江新区",
    "北戴河新区",
    "沧州渤海新区",
    "衡水滨湖新区",
    "邯郸冀南新区",
}
# Stale or duplicated rows in the source: (name, parent city or province as in the source tree).
EXCLUDED_ROWS = {
    ("澄江县", "玉溪市"),  # became 澄江市 in 2019; the source has both
    ("金门县", "省直辖行政区划"),  # Taiwan's copy of 泉州市金门县 (350527)
}
FUNCTIONAL_SUFFIXES = ("开发区", "园区", "产业园", "管理区", "管委会", "新城")
# Typos in the source: wrong -> right.
CORRECTIONS = {"苗粟县": "苗栗县", "奎青区": "葵青区"}
# Source short forms that are wrong or not in everyday use.
BAD_SOURCE_ALIASES = {
    ("九龙城区", "九龙"),  # 九龙 is the whole peninsula, not the district
    ("和布克赛尔蒙古自治县", "和布"),
    ("鄂伦春自治旗", "鄂伦春"),  # the ethnic group's name
    ("鄂温克族自治旗", "鄂温克"),
    ("六枝特区", "六枝特"),
    ("井陉矿区", "井陉矿"),
    ("鹰手营子矿区", "鹰手营子矿"),
    ("苗栗县", "苗粟"),  # typo in the source
    ("葵青区", "奎青"),  # typo in the source
}
# Rule forms that are wrong: full name -> the forms to use instead.
RULE_OVERRIDES: dict[str, tuple[str, ...]] = {"神农架林区": ("神农架",)}
# Everyday short forms that no rule yields (checked by hand).
EXTRA_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("沙坪坝区", "重庆市"): ("沙区",),
    ("鄂伦春自治旗", "呼伦贝尔市"): ("鄂伦春旗",),
    ("鄂温克族自治旗", "呼伦贝尔市"): ("鄂温克旗",),
    ("中沙群岛的岛礁及其海域", "三沙市"): ("中沙群岛",),
}

# The 56 ethnic groups, without 族.
ETHNIC_GROUPS = (  # noqa: SIM905 - a word list reads better as one string
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
    "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 "
    "鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 汉"
).split()
# Ethnic names as they occur inside division names: "X族", "各族", and a few written without 族.
ETHNIC_TOKENS = sorted(
    {g + "族" for g in ETHNIC_GROUPS}
    | {"各族", "蒙古", "哈萨克", "柯尔克孜", "锡伯", "塔吉克", "维吾尔", "鄂伦春"},
    key=len,
    reverse=True,
)
# Suffix -> extra everyday form built from the stem ("恩施" -> "恩施州").
AUTONOMOUS = {"自治州": "州", "自治县": "县", "自治旗": "旗", "自治区": ""}
PLAIN_SUFFIXES = ("特别行政区", "地区", "特区", "新区", "矿区", "盟", "省", "市", "县", "区", "旗")
BANNER_NO_SHORT = re.compile(r"(左|右|中|前|后|联合|翼)$|^(正|镶)")


@dataclass
class Division:
    """One row of districts.tsv."""

    name: str
    level: str
    parent: str
    source_alias: str = ""
    aliases: list[str] = field(default_factory=list)
    province: str = ""


@dataclass
class Source:
    """The location tree text and where it came from."""

    text: str
    package: str
    version: str
    licence: str
    member: str
    sha256: str = ""


def read_source(path: Path, version: str | None) -> Source:
    """Read ``china_location.txt`` from a jionlp wheel, its inner zip, or the plain text file."""
    package, licence = "jionlp", "Apache-2.0"
    member = f"{LOCATION_MEMBER} -> {LOCATION_TXT}"
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            inner = wheel.read(LOCATION_MEMBER)
            meta_name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
            meta = email.parser.Parser().parsestr(wheel.read(meta_name).decode("utf-8"), headersonly=True)
        package, version = meta["Name"], meta["Version"]
        licence = meta.get("License-Expression") or meta.get("License") or licence
        with zipfile.ZipFile(io.BytesIO(inner)) as loc:
            text = loc.read(LOCATION_TXT).decode("utf-8")
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path) as loc:
            text = loc.read(LOCATION_TXT).decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        member = f"{LOCATION_MEMBER} -> {path.name}"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Source(text, package, version or "unknown", licence, member, f"{path.name} sha256 {digest}")


def is_functional(name: str, code: str) -> bool:
    """True for statistical functional zones (development zones, parks, ...) that are not divisions."""
    return (
        name in EXCLUDED_NAMES
        or name.endswith(FUNCTIONAL_SUFFIXES)
        or (len(code) == 6 and code[4] == "7" and code != "820000")
    )


def parse_tree(text: str) -> list[Division]:
    """Turn the first three levels of the tab-indented tree into divisions with full-name parents."""
    rows: list[Division] = []
    province = city = ""
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2 or not line.strip():
            continue
        parts = line.strip("\t").split("\t")
        name = CORRECTIONS.get(parts[0], parts[0])
        code = parts[1] if len(parts) > 1 else ""
        alias = parts[2] if len(parts) > 2 else ""
        if depth == 0:
            province, city = name, ""
            rows.append(Division(name, "province", "", alias, province=name))
        elif depth == 1:
            city = name
            if name in PLACEHOLDERS or name in MUNICIPALITY_LIKE:
                continue
            rows.append(Division(name, "city", province, alias, province=province))
        else:
            if (name, city) in EXCLUDED_ROWS:
                continue
            if not code or name in PLACEHOLDERS or is_functional(name, code):
                continue  # no code: Taiwan's districts; placeholders; functional zones
            if province == "澳门特别行政区":
                continue  # parishes, not administrative divisions
            parent = province if city in PLACEHOLDERS or city in MUNICIPALITY_LIKE else city
            rows.append(Division(name, "county", parent, alias, province=province))
    return sorted(rows, key=lambda r: r.province != FOCUS_PROVINCE)  # stable: source order otherwise


def strip_ethnic(stem: str) -> str:
    """Remove trailing ethnic names ("彭水苗族土家族" -> "彭水"); keeps at least two characters."""
    changed = True
    while changed:
        changed = False
        for token in ETHNIC_TOKENS:
            if stem.endswith(token) and len(stem) - len(token) >= 2:
                stem, changed = stem[: -len(token)], True
                break
    return stem


def rule_short_forms(name: str) -> list[str]:
    """Short forms by rule: strip the administrative suffix, then ethnic names for autonomous units."""
    if name in RULE_OVERRIDES:
        return list(RULE_OVERRIDES[name])
    for suffix, extra in AUTONOMOUS.items():
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            short = strip_ethnic(stem)
            if short.endswith("翼"):
                return []  # "喀喇沁左翼": only the source's "喀左" is used
            if any(short == t for t in ETHNIC_TOKENS):  # "东乡族自治县": only "东乡县" is a place name
                return [short.removesuffix("族") + extra] if extra else []
            return [short, short + extra] if extra else [short]
    for suffix in PLAIN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = strip_ethnic(name[: -len(suffix)])  # "顺河回族区" -> "顺河"
            if suffix == "旗" and BANNER_NO_SHORT.search(stem):
                return []  # "土默特左", "正蓝": not words of their own
            return [stem]
    return []


def read_word_list(path: Path) -> set[str]:
    """Read a one-entry-per-line file, ignoring ``#`` comments and blank lines."""
    if not path.exists():
        return set()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def assign_aliases(rows: list[Division], stopwords: set[str]) -> None:
    """Fill ``aliases``: rule forms + the source's short form + hand extras, then filter.

    Dropped: one-character forms, the full name itself or another row's full name, stopwords, and a
    form that also belongs to a division of a higher level (``吉林`` stays with 吉林省, not 吉林市;
    ``本溪`` with 本溪市, not 本溪满族自治县).  Among divisions of the same level, a division whose
    name is the form plus one suffix character wins (``井陉`` -> 井陉县, not 井陉矿区); when several
    qualify, the form is kept on each (``江北``: 重庆市江北区 and 宁波市江北区).
    """
    candidates: dict[int, list[str]] = {}
    for i, row in enumerate(rows):
        forms = rule_short_forms(row.name)
        for alias in row.source_alias.split("/"):
            if (row.name, alias) in BAD_SOURCE_ALIASES or (
                alias not in forms and re.fullmatch(r".[州县旗]", alias)
            ):
                continue  # "克州", "莫旗", "塔县": one-character stems
            forms.append(alias)
        forms.extend(EXTRA_ALIASES.get((row.name, row.parent), ()))
        seen: list[str] = []
        for form in forms:
            if len(form) >= 2 and form != row.name and form not in stopwords and form not in seen:
                seen.append(form)
        candidates[i] = seen
    owners: dict[str, list[int]] = defaultdict(list)
    for i, forms in candidates.items():
        for form in forms:
            owners[form].append(i)
    full_names = {row.name for row in rows}
    keep: dict[str, set[int]] = {}
    for form, idx in owners.items():
        top = min(LEVELS.index(rows[i].level) for i in idx)
        idx = [i for i in idx if LEVELS.index(rows[i].level) == top]
        canonical = [i for i in idx if is_canonical(form, rows[i].name)]
        keep[form] = set(canonical or idx)
    for i, row in enumerate(rows):
        row.aliases = [f for f in candidates[i] if i in keep[f] and f not in full_names]


def is_canonical(form: str, name: str) -> bool:
    """True when ``name`` is ``form`` plus a one-character administrative suffix (井陉 -> 井陉县)."""
    return len(name) == len(form) + 1 and name.startswith(form) and name[-1] in "省市县区州盟旗"


def write_tsv(rows: list[Division], source: Source, out: Path) -> None:
    """Write districts.tsv with a provenance header."""
    counts = {lv: sum(r.level == lv for r in rows) for lv in LEVELS}
    head = [
        "# China's province-, prefecture- and county-level divisions, with everyday short forms.",
        f"# Source: PyPI package {source.package} {source.version}, file {source.member}",
        f"#   (licence: {source.licence}; the table follows the national statistical division codes).",
        f"#   read from {source.sha256}",
        "# Generated by tools/make_gazetteer.py - do not edit by hand; rerun the script instead.",
        "# parent: full name of the parent division (empty for provinces; 重庆市 for its districts).",
        "# aliases: comma-separated short forms; see the script and district_stopwords.txt for the rules.",
        f"# Order: {FOCUS_PROVINCE} first (names repeat: 江北区, 朝阳区 ...), then as in the source.",
        f"# rows: {counts['province']} province, {counts['city']} city, {counts['county']} county.",
        "name\tlevel\tparent\taliases",
    ]
    body = [f"{r.name}\t{r.level}\t{r.parent}\t{','.join(r.aliases)}" for r in rows]
    out.write_text("\n".join(head + body) + "\n", encoding="utf-8")


def read_surnames(wheel_path: Path) -> tuple[list[str], list[str]]:
    """Single and compound surnames of the 百家姓 as jionlp's ``rule_pattern.py`` spells them out.

    The module assigns ``SINGLE_CHINESE_FAMILY_NAME`` twice (the full 百家姓, then a reduced list);
    the first assignment is used.
    """
    with zipfile.ZipFile(wheel_path) as wheel:
        tree = ast.parse(wheel.read(SURNAME_MEMBER).decode("utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("SINGLE_CHINESE_FAMILY_NAME", "TWO_CHAR_CHINESE_FAMILY_NAME") and name not in found:
                found[name] = ast.literal_eval(node.value)
    return list(found["SINGLE_CHINESE_FAMILY_NAME"]), found["TWO_CHAR_CHINESE_FAMILY_NAME"].split("|")


def write_surnames(source: Source, wheel_path: Path, out: Path) -> None:
    """Write surnames.txt: the 百家姓 (single, then compound; with BAIJIAXING_MISSING) and MODERN_SURNAMES."""
    single, double = read_surnames(wheel_path)
    single += [c for c in BAIJIAXING_MISSING if c not in single]
    modern = [c for c in MODERN_SURNAMES if c not in single]
    head = [
        "# Chinese surnames, one per line: the 百家姓 (Hundred Family Surnames, Song dynasty) -",
        f"#   {len(single)} single and {len(double)} compound, e.g. 欧阳, 司马 - as listed in",
        f"#   {SURNAME_MEMBER} of PyPI package {source.package} {source.version}",
        f"#   (licence: {source.licence}), with {BAIJIAXING_MISSING}, which that list leaves out,",
        f"# plus {len(modern)} common modern surnames the 百家姓 lacks (肖, 付, 兰, 代, 覃, 苟, 庹 ...),",
        "#   added by hand in tools/make_gazetteer.py (MODERN_SURNAMES).",
        "# Meant to cover >= 99% of the population (not measured here).  Generated - do not edit by hand.",
    ]
    out.write_text("\n".join(head + single + double + modern) + "\n", encoding="utf-8")


def jieba_dict_path() -> Path | None:
    """Locate jieba's dict.txt without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.exists() else None


def read_bio(path: Path) -> tuple[str, list[bool]]:
    """Read a ``CHAR TAG`` per line NER corpus; return its text and, per character, "inside LOC/ORG"."""
    chars: list[str] = []
    placey: list[bool] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        char, _, tag = line.partition(" ")
        chars.append(char or "\n")
        placey.append(tag.endswith(("LOC", "ORG")))
    return "".join(chars), placey


def suggest_stopwords(rows: list[Division], dict_path: Path, min_freq: int, corpora: list[Path]) -> list[str]:
    """List short forms to review for district_stopwords.txt, one per line with the evidence.

    ``jieba``: jieba's dictionary has the form as a word tagged other than ``ns`` with frequency
    >= min_freq, or as any word with frequency >= 20 * min_freq.  ``corpus``: in the NER corpora the
    form occurs >= 3 times outside LOC/ORG entities, and that is >= 60% of its occurrences (so it is
    mostly an ordinary word or a piece of one: 和政 in 党和政府, 市中 in 市中心).
    """
    freq: dict[str, tuple[int, str]] = {}
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            freq[parts[0]] = (int(parts[1]), parts[2])
    texts = [read_bio(path) for path in corpora]
    out = []
    for row in rows:
        for form in row.aliases:
            f, tag = freq.get(form, (0, ""))
            reasons = []
            if f >= min_freq and (tag != "ns" or f >= 20 * min_freq):
                reasons.append(f"jieba:{f}/{tag}")
            hits = outside = 0
            for text, placey in texts:
                start = text.find(form)
                while start >= 0:
                    hits += 1
                    outside += not any(placey[start : start + len(form)])
                    start = text.find(form, start + 1)
            if outside >= 3 and outside >= 0.6 * hits:
                reasons.append(f"corpus:{outside}/{hits}")
            if reasons:
                out.append(f"{form}\t{' '.join(reasons)}\t{row.parent}{row.name}")
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="jionlp wheel, china_location.zip or china_location.txt")
    ap.add_argument("--version", help="source version when not reading the wheel")
    ap.add_argument("--out", type=Path, default=DATA / "districts.tsv")
    ap.add_argument("--stopwords", type=Path, default=DATA / "district_stopwords.txt")
    ap.add_argument("--surnames", type=Path, default=DATA / "surnames.txt", help="(wheel only)")
    ap.add_argument("--suggest-stopwords", action="store_true", help="list risky short forms and exit")
    ap.add_argument("--jieba-dict", type=Path, help="jieba dict.txt (default: the installed jieba's)")
    ap.add_argument("--min-freq", type=int, default=50, help="jieba frequency for --suggest-stopwords")
    ap.add_argument(
        "--bio", type=Path, action="append", default=[], help="NER corpus (CHAR TAG lines) for suggestions"
    )
    args = ap.parse_args(argv)

    source = read_source(args.source, args.version)
    rows = parse_tree(source.text)
    assign_aliases(rows, read_word_list(args.stopwords))
    if args.suggest_stopwords:
        dict_path = args.jieba_dict or jieba_dict_path()
        if dict_path is None:
            ap.error("jieba's dict.txt not found: pass --jieba-dict")
        print("\n".join(suggest_stopwords(rows, dict_path, args.min_freq, args.bio)))
        return 0
    write_tsv(rows, source, args.out)
    if args.source.suffix == ".whl":
        write_surnames(source, args.source, args.surnames)
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
