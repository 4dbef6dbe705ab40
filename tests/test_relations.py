"""Relations on sentences written for the test (mentions given, not extracted), then on the seed pages
against the development gold."""

from __future__ import annotations

import dataclasses
import json
import re
import sys

import pytest

from graph.articles import Article
from graph.link import Entity
from graph.mentions import Mention
from graph.relations import (
    RULES_FILE,
    Ref,
    RelationList,
    attribute_records,
    directed_types,
    extract_relations,
    load_rules,
    resolve_anaphora,
    write_attributes,
)

from .conftest import GOLD, ROOT, SEEDS


def make_article(text: str, aid: str = "p#1") -> Article:
    return Article(
        aid,
        aid.split("#")[0],
        1,
        "article",
        "标题",
        None,
        None,
        [],
        text,
        list(range(len(text))),
        0,
        [],
        (0, 1),
    )


def make_entities(
    text: str,
    names: dict[str, tuple[str, list[str]]],
    aid: str = "p#1",
    people: dict[str, tuple[str, str | None]] | None = None,
) -> list[Entity]:
    """One entity per name in ``names`` (name → (type, other aliases)), mentioned wherever one of its
    surfaces is written (longest first, not overlapping); ``people`` (name → (role, organisation
    surface)) adds titled person mentions with the organisation's span, as the extractor sets them."""
    surfaces = sorted(((s, n) for n, (_, al) in names.items() for s in {n, *al}), key=lambda x: -len(x[0]))
    taken: list[tuple[int, int]] = []
    found: dict[str, list[Mention]] = {n: [] for n in names}
    for s, n in surfaces:
        for m in re.finditer(re.escape(s), text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found[n].append(Mention("p", aid, names[n][0], s, m.start(), m.end(), m.start(), m.end(), "t"))
    ents = [
        Entity(f"{t}:{n}", t, n, sorted({n, *al}), sorted(found[n], key=lambda m: m.start))
        for n, (t, al) in names.items()
    ]
    for name, (role, org) in (people or {}).items():
        ms = []
        for m in re.finditer(re.escape(name), text):
            o = None
            if org is not None:
                o = text.rfind(org, 0, m.start())
            ms.append(
                Mention(
                    "p",
                    aid,
                    "person",
                    name,
                    m.start(),
                    m.end(),
                    m.start(),
                    m.end(),
                    "t",
                    role=role,
                    org_start=o if o is not None and o >= 0 else None,
                    org_end=o + len(org) if o is not None and o >= 0 else None,
                )
            )
        ents.append(Entity(f"person:{name}", "person", name, [name], ms))
    return ents


def rels(text: str, names: dict, people: dict | None = None) -> RelationList:
    return extract_relations([make_article(text)], make_entities(text, names, people=people))


def typed(rs) -> set[tuple[str, str, str]]:
    return {
        (r.source.split(":", 1)[1], r.type, r.target.split(":", 1)[1]) for r in rs if r.type != "co_mentioned"
    }


def named(**by_type: list[str]) -> dict[str, tuple[str, list[str]]]:
    """The ``names`` of :func:`rels` for names without other aliases, by type."""
    return {n: (t, []) for t, ns in by_type.items() for n in ns}


# ---------------------------------------------------------------- patterns


def test_located_in_from_the_usual_phrases():
    text = (
        "总部位于杭州的卡涑科技，是一家高新技术企业。去年8月4日，卡涑科技落户涪陵高新区。"
        "位于白涛新材料科技城的建峰集团是老牌企业。"
    )
    got = typed(
        rels(
            text,
            {
                "卡涑科技": ("company", []),
                "杭州": ("district", []),
                "涪陵高新区": ("district", []),
                "白涛新材料科技城": ("park", []),
                "建峰集团": ("company", []),
            },
        )
    )
    assert ("卡涑科技", "located_in", "杭州") in got
    assert ("卡涑科技", "located_in", "涪陵高新区") in got
    assert ("建峰集团", "located_in", "白涛新材料科技城") in got


def test_addresses_nest_and_only_the_right_way_round():
    got = typed(
        rels(
            "重庆市大足区三驱镇新民村5组的村民说。",
            {"重庆市": ("district", []), "大足区": ("district", []), "三驱镇": ("district", [])},
        )
    )
    assert got == {("大足区", "located_in", "重庆市"), ("三驱镇", "located_in", "大足区")}


def test_where_a_thing_is_said_to_lie_start_or_come_from():
    text = (
        "綦万城际铁路起于綦江区古南街道。蒲河特大桥位于綦江区三角镇。在大足高新区的重庆锐铂五金制品有限公司"
        "生产车间，工人正忙。重庆陶然新材料有限公司是荣昌高新区引进的企业。华峰集团考察了位于涪陵区的万凯新材。"
    )
    names = {
        "綦万城际铁路": ("project", []),
        "蒲河特大桥": ("project", []),
        "古南街道": ("district", []),
        "三角镇": ("district", []),
        "綦江区": ("district", []),
        "大足高新区": ("district", []),
        "重庆锐铂五金制品有限公司": ("company", []),
        "重庆陶然新材料有限公司": ("company", []),
        "荣昌高新区": ("district", []),
        "华峰集团": ("company", []),
        "涪陵区": ("district", []),
        "万凯新材": ("company", []),
    }
    got = {(a, b) for a, t, b in typed(rels(text, names)) if t == "located_in" and names[a][0] != "district"}
    assert got == {
        ("綦万城际铁路", "古南街道"),
        ("蒲河特大桥", "三角镇"),
        ("重庆锐铂五金制品有限公司", "大足高新区"),
        ("重庆陶然新材料有限公司", "荣昌高新区"),
        ("万凯新材", "涪陵区"),
    }


def test_the_place_of_a_company_written_after_with_or_for_and_where_it_is_registered():
    text = (
        "合作社还与巫溪县的重庆宁河源农业科技有限公司签订协议。绿氢直接供应给新田产业园内的重庆嘉源化工有限公司。"
        "据了解，华锶半导体成立于2021年，注册地位于西永综合保税区。"
        "卓浩科技与璧芯科技合作，璧芯科技成立于2019年，总部位于璧山高新区。"
    )
    names = named(
        company=["重庆宁河源农业科技有限公司", "重庆嘉源化工有限公司", "华锶半导体", "卓浩科技", "璧芯科技"],
        district=["巫溪县", "西永综合保税区", "璧山高新区"],
        park=["新田产业园"],
    )
    got = {(a, b) for a, t, b in typed(rels(text, names)) if t == "located_in"}
    assert got == {
        ("重庆宁河源农业科技有限公司", "巫溪县"),
        ("重庆嘉源化工有限公司", "新田产业园"),
        ("华锶半导体", "西永综合保税区"),
        ("璧芯科技", "璧山高新区"),
    }


def test_what_a_group_owns_who_runs_a_work_and_where_a_builder_builds_it():
    text = (
        "武陵山文旅集团是区属国有文旅企业，旗下有天坑景区公司、白马山景区公司等6家子公司。"
        "瑞宸新材目前拥有两家全资子公司：一家是位于遂宁市的四川瑞宸公司。"
        "污水处理厂三期扩建工程通水运行，建设运营单位为大足水务集团。"
        "推进华骏重卡生产基地项目，由华骏汽车在双桥经开区建设，总投资23亿元。"
        # (not a company a sentence names in passing before another's)
        "区政府与华骏汽车座谈，旗下有多家企业参加。"
    )
    groups = ["武陵山文旅集团", "天坑景区公司", "白马山景区公司", "瑞宸新材", "四川瑞宸公司"]
    names = named(
        company=[*groups, "大足水务集团", "华骏汽车"],
        project=["污水处理厂三期扩建工程", "华骏重卡生产基地项目"],
        district=["遂宁市", "双桥经开区"],
        government=["区政府"],
    )
    got = typed(rels(text, names))
    assert {(a, b) for a, t, b in got if t == "subsidiary_of"} == {
        ("天坑景区公司", "武陵山文旅集团"),
        ("白马山景区公司", "武陵山文旅集团"),
        ("四川瑞宸公司", "瑞宸新材"),
    }
    assert ("大足水务集团", "operates", "污水处理厂三期扩建工程") in got
    assert ("华骏重卡生产基地项目", "located_in", "双桥经开区") in got


def test_the_short_name_given_in_brackets_stands_between_no_two_parties():
    text = (
        "重庆渝新陆港集团有限公司（以下简称陆港集团）与广西桂海通物流集团有限公司（以下简称桂海通集团）"
        "在沙坪坝区签署合作协议。"
    )
    names = {
        "重庆渝新陆港集团有限公司": ("company", ["陆港集团"]),
        "广西桂海通物流集团有限公司": ("company", ["桂海通集团"]),
        "沙坪坝区": ("district", []),
    }
    got = {frozenset((a, b)) for a, t, b in typed(rels(text, names)) if t == "signed_with"}
    assert got == {frozenset(("重庆渝新陆港集团有限公司", "广西桂海通物流集团有限公司"))}


def test_who_builds_a_project_together_and_who_supplies_whom():
    text = (
        "武陵山文旅集团与悦途酒店集团签约共建白马山度假酒店项目。"
        "园区内，巴蜀刀具、鼎丰锁业等企业与锐驰五金形成了上下游配套关系。"
        "区政府与锐驰五金签约共建产业园。"
    )
    names = named(
        company=["武陵山文旅集团", "悦途酒店集团", "巴蜀刀具", "鼎丰锁业", "锐驰五金"],
        project=["白马山度假酒店项目"],
        government=["区政府"],
    )
    got = typed(rels(text, names))
    assert {(a, b) for a, t, b in got if t == "invests_in"} == {
        ("武陵山文旅集团", "白马山度假酒店项目"),
        ("悦途酒店集团", "白马山度假酒店项目"),
    }
    assert {frozenset((a, b)) for a, t, b in got if t == "partner_of"} == {
        frozenset(("巴蜀刀具", "锐驰五金")),
        frozenset(("鼎丰锁业", "锐驰五金")),
    }


def test_a_supplier_of_the_makers_its_products_go_into_and_the_subsidiaries_after_a_colon():
    text = (
        "如今，峰岚半导体已有员工680人，产品配套比亚迪、阳光电源等企业。"
        "为沙磁压铸供应铝合金材料的澜沧轻合金也在园区内。"
        "华峰集团与卓浩科技签约，产品配套长安汽车。"
        "夔州产投集团旗下设立了两家全资子公司：夔橙农业负责鲜果收购，夔门冷链负责冷链物流。"
    )
    makers = [
        "峰岚半导体",
        "比亚迪",
        "阳光电源",
        "沙磁压铸",
        "澜沧轻合金",
        "华峰集团",
        "卓浩科技",
        "长安汽车",
    ]
    names = named(company=[*makers, "夔州产投集团", "夔橙农业", "夔门冷链"])
    got = typed(rels(text, names))
    partners = {frozenset((a, b)) for a, t, b in got if t == "partner_of"}
    assert {frozenset(("峰岚半导体", "比亚迪")), frozenset(("峰岚半导体", "阳光电源"))} <= partners
    assert frozenset(("沙磁压铸", "澜沧轻合金")) in partners
    # (the company named last before 配套 supplies; not the one before it in the sentence)
    assert (
        frozenset(("卓浩科技", "长安汽车")) in partners
        and frozenset(("华峰集团", "长安汽车")) not in partners
    )
    assert {(a, b) for a, t, b in got if t == "subsidiary_of"} == {
        ("夔橙农业", "夔州产投集团"),
        ("夔门冷链", "夔州产投集团"),
    }


def test_what_opens_somewhere_is_located_there():
    names = named(
        project=["青山湾煤矿遗址文旅综合体项目", "博屹生物产业化基地项目"],
        district=["万盛经开区", "南桐镇", "巴南区", "木洞镇"],
        park=["重庆国际生物城"],
    )
    text = (
        "青山湾煤矿遗址文旅综合体项目在万盛经开区南桐镇开园迎客。"
        "博屹生物产业化基地项目在位于巴南区木洞镇的重庆国际生物城正式投产。"
    )
    got = typed(rels(text, names))
    assert ("青山湾煤矿遗址文旅综合体项目", "located_in", "南桐镇") in got
    assert ("博屹生物产业化基地项目", "located_in", "重庆国际生物城") in got
    # (not where it opens something: a branch, a store)
    names = named(company=["重庆银行", "重百"], district=["两江新区", "江津区"])
    text = "重庆银行在两江新区开业的首家科技支行，当天即授信。重百在江津区开业第12家超市门店。"
    assert not {x for x in typed(rels(text, names)) if x[1] == "located_in"}


def test_a_list_of_projects_is_located_where_it_breaks_ground():
    text = "今年还有甲乙动力电池项目、丙丁零部件研发制造项目等一批重点项目在涪陵落地开工。"
    got = typed(
        rels(
            text,
            {
                "甲乙动力电池项目": ("project", []),
                "丙丁零部件研发制造项目": ("project", []),
                "涪陵": ("district", []),
            },
        )
    )
    assert got == {
        ("甲乙动力电池项目", "located_in", "涪陵"),
        ("丙丁零部件研发制造项目", "located_in", "涪陵"),
    }


def test_partners_listed_after_the_trigger_and_the_company_an_anaphor_names():
    text = "总部位于杭州的卡涑科技，是一家企业。公司成立不到3年，合作伙伴有宁德时代、长安汽车等行业巨头。"
    rs = rels(
        text,
        {
            "卡涑科技": ("company", []),
            "杭州": ("district", []),
            "宁德时代": ("company", []),
            "长安汽车": ("company", []),
        },
    )
    partners = {frozenset((a, b)) for a, t, b in typed(rs) if t == "partner_of"}
    assert partners == {frozenset(("卡涑科技", "宁德时代")), frozenset(("卡涑科技", "长安汽车"))}
    for r in rs:  # symmetric: stored once, the smaller id first
        if r.type in ("partner_of", "co_mentioned"):
            assert r.source < r.target


def test_founders_together_are_each_others_partners_and_a_supplier_of_the_makers_it_supplies():
    text = (
        "该基金由巫溪城投公司、三峡银行巫溪支行和渝乡基金公司共同发起设立渝乡振兴公司。"
        "驰远汽车电子项目落户凤凰湖产业园，将为长安汽车、赛力斯等整车企业配套生产控制器。"
        "区政府为明达齿轮、青峰变速器等企业配套建设道路。"
    )
    founders = ["巫溪城投公司", "三峡银行巫溪支行", "渝乡基金公司", "渝乡振兴公司"]
    makers = ["驰远汽车电子", "长安汽车", "赛力斯", "明达齿轮", "青峰变速器"]
    names = named(company=[*founders, *makers], government=["区政府"], park=["凤凰湖产业园"])
    got = {frozenset((a, b)) for a, t, b in typed(rels(text, names)) if t == "partner_of"}
    assert got == {
        frozenset(("巫溪城投公司", "三峡银行巫溪支行")),
        frozenset(("巫溪城投公司", "渝乡基金公司")),
        frozenset(("三峡银行巫溪支行", "渝乡基金公司")),
        frozenset(("驰远汽车电子", "长安汽车")),
        frozenset(("驰远汽车电子", "赛力斯")),
    }


def test_an_anaphor_skips_the_companies_of_a_list():
    """公司 after "合作伙伴有宁德时代、长安汽车" is the company the article is about, not 长安汽车."""
    text = (
        "卡涑科技落户涪陵。合作伙伴有宁德时代、长安汽车等行业巨头。“我们很早就看好西南。”公司董事长何鹏说。"
    )
    ents = make_entities(
        text,
        {
            "卡涑科技": ("company", []),
            "涪陵": ("district", []),
            "宁德时代": ("company", []),
            "长安汽车": ("company", []),
        },
        people={"何鹏": ("董事长", "长安汽车")},
    )  # an extractor that guessed wrong
    got = typed(extract_relations([make_article(text)], ents))
    assert ("何鹏", "holds_role_at", "卡涑科技") in got
    assert ("何鹏", "holds_role_at", "长安汽车") not in got


def test_a_project_named_with_its_builder_is_operated_by_it_where_it_is_written():
    text = "重庆瑞康医药化工有限公司原料药扩能项目开工。"
    company = make_entities(text, {"重庆瑞康医药化工有限公司": ("company", [])})
    s0 = text.index("原料药")
    full = "重庆瑞康医药化工有限公司原料药扩能项目"
    mention = Mention("p", "p#1", "project", "原料药扩能项目", s0, s0 + 7, s0, s0 + 7, "t", ref=full)
    project = Entity(f"project:{full}", "project", full, ["原料药扩能项目", full], [mention])
    got = extract_relations([make_article(text)], [*company, project])
    (r,) = [r for r in got if r.type == "operates"]
    assert (r.source, r.target) == ("company:重庆瑞康医药化工有限公司", project.id)
    assert [e["sentence"] for e in r.evidence] == [text]


def test_the_place_where_two_sign_is_no_party():
    text = "永川区人民政府与深圳市博衡精密制造股份有限公司在重庆签约。"
    names = {
        "永川区人民政府": ("government", []),
        "深圳市博衡精密制造股份有限公司": ("company", []),
        "重庆": ("district", []),
    }
    assert {t for t in typed(rels(text, names)) if t[1] == "signed_with"} == {
        ("深圳市博衡精密制造股份有限公司", "signed_with", "永川区人民政府")
    }


def test_places_listed_after_their_province_are_each_in_it():
    text = "项目连接四川省邻水县、达川区、大竹县，也连接重庆市长寿区、成都市。重庆市、成都市携手。"
    places = ("四川省", "邻水县", "达川区", "大竹县", "重庆市", "长寿区", "成都市")
    got = {t for t in typed(rels(text, {n: ("district", []) for n in places})) if t[1] == "located_in"}
    # 成都市, listed after 长寿区, is in 四川省 (the gazetteer says so), not in 重庆市
    assert got == {(n, "located_in", "四川省") for n in ("邻水县", "达川区", "大竹县")} | {
        ("长寿区", "located_in", "重庆市")
    }


def test_a_districts_own_leaders_written_without_its_name_hold_their_role_there():
    """区委书记韦家宏 in an article about 璧山区 leads 璧山区 (its zone, 璧山高新区, has no 区委); after
    长寿区 and its 区委 are named, 区长 is of 长寿区 (a 区长 holds no post in the 区委); a 县 title is
    no 区's."""
    text = (
        "璧山区项目签约仪式在璧山高新区举行，区委书记韦家宏出席。"
        "长寿区项目开工，长寿区委书记罗成栋宣布开工，区长谢婉清致辞，副县长刘洋出席。"
    )
    got = rels(
        text,
        {
            "璧山区": ("district", []),
            "璧山高新区": ("district", []),
            "长寿区": ("district", []),
            "长寿区委": ("government", []),
        },
        people={
            "韦家宏": ("区委书记", None),
            "罗成栋": ("区委书记", "长寿区委"),
            "谢婉清": ("区长", None),
            "刘洋": ("副县长", None),
        },
    )
    assert {t for t in typed(got) if t[1] == "holds_role_at"} == {
        ("韦家宏", "holds_role_at", "璧山区"),
        ("罗成栋", "holds_role_at", "长寿区委"),
        ("谢婉清", "holds_role_at", "长寿区"),
    }


def test_a_district_heads_post_is_the_districts_where_only_its_committee_is_named():
    """孟凡宇 is 区委副书记 at the committee and 区长 of the district: a relation to each."""
    text = "铜梁区推进新材料产业发展。铜梁区委副书记、区长孟凡宇，副区长杜晓燕陪同调研，区委常委李四参加。"
    got = rels(
        text,
        {"铜梁区": ("district", []), "铜梁区委": ("government", [])},
        people={
            "孟凡宇": ("区委副书记、区长", "铜梁区委"),
            "杜晓燕": ("副区长", None),
            "李四": ("区委常委", None),
        },
    )
    assert {t for t in typed(got) if t[1] == "holds_role_at"} == {
        ("孟凡宇", "holds_role_at", "铜梁区委"),
        ("孟凡宇", "holds_role_at", "铜梁区"),
        ("杜晓燕", "holds_role_at", "铜梁区"),
        ("李四", "holds_role_at", "铜梁区委"),
    }


def test_a_run_of_titles_is_read_by_its_last():
    """党委委员、副总经理 is a position at the company before it; 居民代表、志愿者 is none."""
    text = "重庆湘渝盐化有限责任公司党委委员、副总经理孙广宇说，万州区居民代表、志愿者张明说。"
    got = rels(
        text,
        {"重庆湘渝盐化有限责任公司": ("company", []), "万州区": ("district", [])},
        people={
            "孙广宇": ("党委委员、副总经理", "重庆湘渝盐化有限责任公司"),
            "张明": ("居民代表、志愿者", "万州区"),
        },
    )
    roles = {(r.source, r.target): r.to_json()["role"] for r in got if r.type == "holds_role_at"}
    assert roles == {("person:孙广宇", "company:重庆湘渝盐化有限责任公司"): "党委委员、副总经理"}


def test_a_cooperative_is_what_a_later_cooperative_word_means_not_another_company():
    company = "重庆荣牧农业发展有限公司"
    text = f"荣牧合作社与{company}合作。合作社成立之初，就与{company}签订了产销协议。"
    names = {"荣牧合作社": ("company", []), company: ("company", [])}
    ents = make_entities(text, names)
    refs = [Ref(m.start, m.end, e.id, e.type) for e in ents for m in e.mentions]
    got = {(text[r.start : r.end], r.entity) for r in resolve_anaphora(text, refs, {e.id: e for e in ents})}
    assert got == {("合作社", "company:荣牧合作社")}


def test_resolve_anaphora_district_and_project_words():
    text = "涪陵区建成重庆卡涑项目。该项目总投资约10亿元。该区还将扩大投资。"
    ents = make_entities(text, {"涪陵区": ("district", []), "重庆卡涑项目": ("project", [])})
    refs = [Ref(m.start, m.end, e.id, e.type) for e in ents for m in e.mentions]
    got = {(text[r.start : r.end], r.entity) for r in resolve_anaphora(text, refs, {e.id: e for e in ents})}
    assert got == {("该项目", "project:重庆卡涑项目"), ("该区", "district:涪陵区")}


def test_bare_company_word_inside_a_phrase_is_not_an_anaphor():
    text = "卡涑科技落户涪陵。这里的配套企业很多，企业家们都来了。"
    ents = make_entities(text, {"卡涑科技": ("company", []), "涪陵": ("district", [])})
    refs = [Ref(m.start, m.end, e.id, e.type) for e in ents for m in e.mentions]
    words = {text[r.start : r.end] for r in resolve_anaphora(text, refs, {e.id: e for e in ents})}
    assert words == {"这里"}


def test_both_parties_sign_and_a_signing_is_not_also_a_partnership():
    text = (
        "卡涑科技考察了川渝多个区县。经与涪陵高新区多次接洽，双方决定签订协议。"
        "华峰集团再次与涪陵签订战略合作协议。"
    )
    got = typed(
        rels(
            text,
            {
                "卡涑科技": ("company", []),
                "涪陵高新区": ("district", []),
                "华峰集团": ("company", []),
                "涪陵": ("district", []),
            },
        )
    )
    pairs = {(frozenset((a, b)), t) for a, t, b in got}
    assert (frozenset(("卡涑科技", "涪陵高新区")), "signed_with") in pairs
    assert (frozenset(("华峰集团", "涪陵")), "signed_with") in pairs
    assert not any(t == "partner_of" for _, t in pairs)


def test_one_signs_with_each_of_a_list_and_the_listed_do_not_sign_with_each_other():
    names = ("重庆高晟包装科技有限公司", "重庆德丰竹业有限公司", "重庆国瑞医药有限公司")
    text = f"梁平区人民政府与{'、'.join(names)}分别签订战略合作协议。"
    got = typed(rels(text, {"梁平区人民政府": ("government", [])} | {n: ("company", []) for n in names}))
    assert {(frozenset((a, b)), t) for a, t, b in got} == {
        (frozenset(("梁平区人民政府", n)), "signed_with") for n in names
    }


def test_places_sign_with_each_other_not_with_the_province_or_city_before_them():
    text = "重庆市綦江区与贵州省桐梓县签署了《渝黔合作先行示范区建设合作协议》。"
    names = {n: ("district", []) for n in ("重庆市", "綦江区", "贵州省", "桐梓县")}
    got = {(frozenset((a, b)), t) for a, t, b in typed(rels(text, names)) if t != "located_in"}
    assert got == {(frozenset(("綦江区", "桐梓县")), "signed_with")}


def test_invests_in_and_a_project_written_without_its_brand():
    text = "华峰集团将新增投资287亿元打造新材料一体化项目。除华峰新材料一体化项目外，还有别的项目。"
    rs = rels(text, {"华峰集团": ("company", ["华峰"]), "华峰新材料一体化项目": ("project", [])})
    got = typed(rs)
    assert ("华峰集团", "invests_in", "华峰新材料一体化项目") in got
    assert rs.attributes["project:华峰新材料一体化项目"].investment_cny == 287e8


def test_a_project_built_by_a_company_written_after_it():
    text = "丰都至忠县高速公路扩能工程昨日开工，项目由某某交通建设集团有限公司投资建设。"
    names = {"丰都至忠县高速公路扩能工程": ("project", []), "某某交通建设集团有限公司": ("company", [])}
    assert ("某某交通建设集团有限公司", "operates", "丰都至忠县高速公路扩能工程") in typed(rels(text, names))
    # a company that only takes part in the ceremony builds nothing
    text = "丰都至忠县高速公路扩能工程昨日开工，某某交通建设集团有限公司等单位参加了仪式。"
    assert not typed(rels(text, names))


def test_the_owner_written_after_a_list_of_projects_is_the_last_ones_and_a_builder_of_another_none():
    text = (
        "渝嘉物流园项目昨日开工，由重庆恒川建设集团有限公司承建的鑫源大道项目同时开工。"
        "渝嘉物流园项目、鑫源大道项目总投资10亿元，业主为重庆渝嘉投资集团有限公司。"
    )
    names = {
        "渝嘉物流园项目": ("project", []),
        "鑫源大道项目": ("project", []),
        "重庆恒川建设集团有限公司": ("company", []),
        "重庆渝嘉投资集团有限公司": ("company", []),
    }
    assert {t for t in typed(rels(text, names)) if t[1] == "operates"} == {
        ("重庆恒川建设集团有限公司", "operates", "鑫源大道项目"),
        ("重庆渝嘉投资集团有限公司", "operates", "鑫源大道项目"),
    }


def test_a_projects_owner_and_builder_written_after_it():
    text = (
        "西南智能装备制造基地项目总投资15亿元，业主为四川蓉欧智造集团有限公司，今年开工。"
        "綦万城际铁路总投资约78亿元，由重庆綦万城际铁路有限公司负责建设管理，"
        "重庆渝南路桥建设集团有限公司承担施工总承包。"
    )
    names = {
        "西南智能装备制造基地项目": ("project", []),
        "四川蓉欧智造集团有限公司": ("company", []),
        "綦万城际铁路": ("project", []),
        "重庆綦万城际铁路有限公司": ("company", []),
        "重庆渝南路桥建设集团有限公司": ("company", []),
    }
    assert {t for t in typed(rels(text, names)) if t[1] == "operates"} == {
        ("四川蓉欧智造集团有限公司", "operates", "西南智能装备制造基地项目"),
        ("重庆綦万城际铁路有限公司", "operates", "綦万城际铁路"),
        ("重庆渝南路桥建设集团有限公司", "operates", "綦万城际铁路"),
    }


def test_where_a_company_is_from_the_place_a_clause_is_set_in_and_lists_that_move_in():
    text = (
        "在荣昌兽药科技城，重庆荣牧饲料有限公司的生产车间里一片忙碌。在深圳，华峰集团与华为签署协议。"
        "重庆华岳电机有限公司、重庆华岳模具有限公司等12家企业入驻铜梁高新区。"
    )
    names = {
        "荣昌兽药科技城": ("park", []),
        "重庆荣牧饲料有限公司": ("company", []),
        "重庆华岳电机有限公司": ("company", []),
        "重庆华岳模具有限公司": ("company", []),
        "铜梁高新区": ("district", []),
        "深圳": ("district", []),
        "华峰集团": ("company", []),
        "华为": ("company", []),
    }
    assert {t for t in typed(rels(text, names)) if t[1] == "located_in"} == {
        ("重庆荣牧饲料有限公司", "located_in", "荣昌兽药科技城"),
        ("重庆华岳电机有限公司", "located_in", "铜梁高新区"),
        ("重庆华岳模具有限公司", "located_in", "铜梁高新区"),
    }


def test_the_party_that_signs_is_the_one_right_before_with_and_a_project_where_a_clause_is_set():
    text = (
        "梁平区合兴街道的重庆梁山柚果业专业合作社与盒马鲜生签订供货协议。"
        "在长寿经开区，重庆长寿瑞丰化工有限公司年产20万吨可降解材料项目建设正酣。"
    )
    names = {
        "梁平区": ("district", []),
        "合兴街道": ("district", []),
        "重庆梁山柚果业专业合作社": ("company", []),
        "盒马鲜生": ("company", []),
        "长寿经开区": ("district", []),
        "重庆长寿瑞丰化工有限公司": ("company", []),
        "年产20万吨可降解材料项目": ("project", []),
    }
    got = {t for t in typed(rels(text, names)) if t[1] == "signed_with" or names[t[0]][0] == "project"}
    assert got == {
        ("盒马鲜生", "signed_with", "重庆梁山柚果业专业合作社"),
        ("年产20万吨可降解材料项目", "located_in", "长寿经开区"),
    }


def test_a_zone_named_after_its_county_is_in_it():
    text = "大足高新区位于大足区西部。涪陵国家高新区发展迅速，涪陵区支持。"
    names = {n: ("district", []) for n in ("大足高新区", "大足区", "涪陵国家高新区", "涪陵区")}
    got = {(a, b) for a, t, b in typed(rels(text, names)) if t == "located_in"}
    assert {("大足高新区", "大足区"), ("涪陵国家高新区", "涪陵区")} <= got


def test_operates_and_subsidiary_of_from_names_say_their_rule():
    text = (
        "重庆卡涑高性能复合材料零部件研发及制造项目开工。杭州卡涑科技与重庆卡涑同日签约。"
        "重庆华峰化工有限公司和华峰集团都在涪陵。"
    )
    rs = rels(
        text,
        {
            "重庆卡涑高性能复合材料零部件研发及制造项目": ("project", []),
            "杭州卡涑科技": ("company", ["卡涑科技"]),
            "重庆卡涑": ("company", []),
            "重庆华峰化工有限公司": ("company", []),
            "华峰集团": ("company", []),
            "涪陵": ("district", []),
        },
    )
    got = typed(rs)
    assert ("重庆卡涑", "operates", "重庆卡涑高性能复合材料零部件研发及制造项目") in got
    assert ("重庆卡涑", "subsidiary_of", "杭州卡涑科技") in got
    assert ("重庆华峰化工有限公司", "subsidiary_of", "华峰集团") in got
    assert ("华峰集团", "subsidiary_of", "重庆华峰化工有限公司") not in got
    for r in rs:
        if r.type in ("operates", "subsidiary_of"):
            assert all(ev["rule"].startswith("name:") for ev in r.evidence), r


def test_a_project_or_park_named_after_a_town_the_articles_name_is_there():
    text = "宝顶镇100兆瓦农光互补光伏电站项目全容量并网。宝顶镇是大足的重镇。龙岗镇物流园由华峰集团投资。"
    names = named(
        project=["宝顶镇100兆瓦农光互补光伏电站项目"],
        park=["龙岗镇物流园"],
        district=["宝顶镇"],
        company=["华峰集团"],
    )
    got = {(a, b) for a, t, b in typed(rels(text, names)) if t == "located_in"}
    # (龙岗镇 is no place the articles name: no relation from the name alone)
    assert got == {("宝顶镇100兆瓦农光互补光伏电站项目", "宝顶镇")}


def test_co_mentioned_only_where_no_other_relation_and_weights_count_sentences():
    text = "位于涪陵区的华峰产业园很大。华峰产业园和涪陵区都在长江边。华峰产业园和涪陵区又一次上了新闻。"
    rs = rels(text, {"涪陵区": ("district", []), "华峰产业园": ("park", [])})
    by_type = {r.type: r for r in rs}
    assert by_type["located_in"].weight == 1
    assert by_type["located_in"].evidence == [
        {"article": "p#1", "sentence": "位于涪陵区的华峰产业园很大。", "rule": "位于X的Y"}
    ]
    assert by_type["co_mentioned"].weight == 2
    assert {ev["sentence"] for ev in by_type["co_mentioned"].evidence} == {
        "华峰产业园和涪陵区都在长江边。",
        "华峰产业园和涪陵区又一次上了新闻。",
    }


def test_titles_without_an_organisation_take_the_one_before_their_run_of_titles():
    text = "重庆湘渝盐化有限责任公司党委委员、副总经理孙广宇告诉记者。重庆日报记者 左黎韵"
    got = typed(
        rels(
            text,
            {"重庆湘渝盐化有限责任公司": ("company", []), "重庆": ("district", [])},
            people={"孙广宇": ("副总经理", None), "左黎韵": ("记者", None)},
        )
    )
    assert ("孙广宇", "holds_role_at", "重庆湘渝盐化有限责任公司") in got
    assert not any(a == "左黎韵" and t == "holds_role_at" for a, t, _ in got)


def test_project_facts_from_sentences_naming_one_project(tmp_path):
    text = (
        "重庆卡涑复合材料零部件研发及制造项目，是核心配套项目。2022年12月30日，项目首件产品下线。"
        "年内，该项目将全部投产，可年产50万件零部件。二期项目总投资约10亿元。"
    )
    rs = rels(text, {"重庆卡涑复合材料零部件研发及制造项目": ("project", [])})
    f = rs.attributes["project:重庆卡涑复合材料零部件研发及制造项目"]
    assert f.capacity == ["年产50万件"]
    assert f.investment == ["总投资约10亿元"] and f.investment_cny == 1e9
    assert "2022年12月30日 下线" in f.dates
    assert all(ev["sentence"] in text for ev in f.evidence)
    path = tmp_path / "attributes.jsonl"
    assert write_attributes(path, rs) == 1
    (rec,) = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert rec == attribute_records(rs)[0] and rec["investment_cny"] == 1e9


def test_rules_file_is_checked_when_loaded(tmp_path):
    assert load_rules().patterns
    bad = tmp_path / "relations.toml"
    text = RULES_FILE.read_text(encoding="utf-8").replace("{head:thing}", "{head:nosuchclass}", 1)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="unknown class"):
        load_rules(bad)
    # a fragment of [words] written in a pattern, a name there is not, one holding a head
    assert "{borrower_end}" in RULES_FILE.read_text(encoding="utf-8")
    text = RULES_FILE.read_text(encoding="utf-8").replace("{borrower_end}", "{no_such_words}", 1)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="unknown word"):
        load_rules(bad)
    text = RULES_FILE.read_text(encoding="utf-8").replace('owner = "', 'owner = "{head:company}', 1)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"words\.owner"):
        load_rules(bad)
    text = RULES_FILE.read_text(encoding="utf-8").replace('owner = "', 'owner = "{no_such_words}', 1)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"words\.owner"):
        load_rules(bad)
    # an anaphor pointing back to what is neither a type nor a kind (a typo: "brach")
    assert 'refers = ["branch"]' in RULES_FILE.read_text(encoding="utf-8")
    text = RULES_FILE.read_text(encoding="utf-8").replace('refers = ["branch"]', 'refers = ["brach"]', 1)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown.*brach"):
        load_rules(bad)


# ---------------------------------------------------------------- the seed pages against the gold


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    """The seeds built in-process (extractor, linker, relations) into entities/relations.jsonl."""
    from graph.articles import doc_name, split_page
    from graph.extract.pipeline import extract
    from graph.link import link

    arts = []
    for p in sorted(SEEDS.glob("*.txt")):
        arts += split_page(p.read_text(encoding="utf-8"), doc_name(p), str(p))
    mentions = [m for ms in extract(arts).values() for m in ms]
    ents = link(mentions, {a.id: a.text for a in arts})
    rs = extract_relations(arts, ents)
    out = tmp_path_factory.mktemp("rel")
    (out / "entities.jsonl").write_text(
        "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in ents), encoding="utf-8"
    )
    (out / "relations.jsonl").write_text(
        "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in rs), encoding="utf-8"
    )
    return out, rs


def test_every_relation_has_evidence_from_its_articles(seeds_out):
    _, rs = seeds_out
    assert rs
    for r in rs:
        assert r.weight >= len(r.evidence) >= 1
        for ev in r.evidence:
            assert ev["article"] and ev["sentence"]
        if r.type != "co_mentioned" and r.type != "holds_role_at":
            assert all(ev.get("rule") for ev in r.evidence)


def test_seeds_against_the_gold(seeds_out):
    if not GOLD.exists() or not (GOLD.parent / "eval" / "score.py").exists():
        pytest.skip("development gold or shared scorer (../shared) not present")
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from score_relations import score
    finally:
        sys.path.pop(0)
    out, _ = seeds_out
    rep = score(out, GOLD)
    c = {
        k: sum(t[k] for t in rep["types"].values()) for k in ("gold", "reachable", "found", "pred", "correct")
    }
    assert c["gold"] == 42
    # what the relation step can find with the extractor's entities, it finds
    assert c["found"] >= 0.85 * c["reachable"], rep["misses"]
    assert c["correct"] >= 0.75 * c["pred"], rep["wrong"]
    assert rep["roles"]["recall"] >= 0.9, rep["roles"]["misses"]


def test_articles_read_in_several_processes_give_the_same_relations(seeds_extracted, monkeypatch):
    import graph.parallel
    from graph.link import link
    from graph.relations import attribute_records

    monkeypatch.setattr(graph.parallel, "_memory", lambda: (10**8, 10**11))  # forked, whatever the memory
    arts = seeds_extracted.articles
    ents = link(seeds_extracted.mentions, seeds_extracted.texts)
    one, two = extract_relations(arts, ents, jobs=1), extract_relations(arts, ents, jobs=2)
    assert len(one) > 100 and one.attributes
    assert [r.to_json() for r in one] == [r.to_json() for r in two]
    assert attribute_records(one) == attribute_records(two)


class _Store:
    """A reading store in memory, counting what it is asked for."""

    def __init__(self) -> None:
        self.rows: dict[str, bytes] = {}

    def get_readings(self, keys: list[str]) -> dict[str, bytes]:
        return {k: self.rows[k] for k in keys if k in self.rows}

    def put_readings(self, readings: dict[str, bytes]) -> None:
        self.rows.update(readings)


def _everything(rl: RelationList) -> tuple[list, dict]:
    return [r.to_json() for r in rl], {k: f.to_json() for k, f in rl.attributes.items()}


def test_what_an_article_says_is_kept_and_read_again_only_when_what_it_reads_changes(monkeypatch):
    import graph.relations

    read: list[str] = []
    real = graph.relations._read_article
    monkeypatch.setattr(
        graph.relations, "_read_article", lambda art, corpus: read.append(art.id) or real(art, corpus)
    )
    texts = {
        "a#1": "渝拓聚氨酯一体化项目落户涪陵区，总投资10亿元。公司将打造聚氨酯一体化项目。",
        "b#1": "卓浩科技与涪陵区签约。该区董事长何鹏出席。",
    }
    names = {
        "a#1": {"渝拓聚氨酯一体化项目": ("project", []), "涪陵区": ("district", [])},
        "b#1": {"卓浩科技": ("company", []), "涪陵区": ("district", [])},
    }

    def corpus(extra: dict[str, dict] | None = None) -> tuple[list[Article], list[Entity]]:
        arts, by_id = [], {}
        for aid, text in texts.items():
            arts.append(make_article(text, aid))
            for e in make_entities(text, names[aid] | (extra or {}).get(aid, {}), aid):
                if e.id in by_id:
                    by_id[e.id].mentions += e.mentions
                    by_id[e.id].aliases = sorted({*by_id[e.id].aliases, *e.aliases})
                else:
                    by_id[e.id] = e
        return arts, sorted(by_id.values(), key=lambda e: e.id)

    store = _Store()
    arts, ents = corpus()
    first = extract_relations(arts, ents, store=store)
    assert sorted(read) == ["a#1", "b#1"] and _everything(first) == _everything(extract_relations(arts, ents))

    read.clear()
    assert _everything(extract_relations(arts, ents, store=store)) == _everything(first)
    assert read == []  # nothing changed: nothing read

    # a company named 渝拓 somewhere else: the project of a#1 begins with it, so a#1 reads anew
    texts["c#1"] = "渝拓集团在重庆。"
    names["c#1"] = {"渝拓": ("company", ["渝拓集团"])}
    read.clear()
    arts, ents = corpus()
    got = extract_relations(arts, ents, store=store)
    assert sorted(read) == ["a#1", "c#1"]
    assert _everything(got) == _everything(extract_relations(arts, ents))
    assert _everything(got) != _everything(first)  # (the short form now counts: the test sees it)

    # the same text, its company now another entity (linked under another name): b#1 alone reads anew
    names["b#1"] = {"卓浩": ("company", ["卓浩科技"]), "涪陵区": ("district", [])}
    read.clear()
    arts, ents = corpus()
    got = extract_relations(arts, ents, store=store)
    assert read == ["b#1"] and _everything(got) == _everything(extract_relations(arts, ents))


def test_a_reading_comes_back_from_its_bytes_as_it_was():
    from graph.relations import _Reading

    r = _Reading(
        [("company:甲", "district:乙", "located_in", 0, 9, "X位于Y", None, False)],
        [(("company:甲", "甲"), 0, 9)],
        [("project:丙", 0, 9, [("investment", "10亿元", 1e9), ("dates", "2024年", None)])],
    )
    back = _Reading.decode(r.encode())
    assert [tuple(s) for s in back.supports] == r.supports and back.named == r.named
    assert [(p, a, b, [tuple(f) for f in fs]) for p, a, b, fs in back.facts] == r.facts


def test_a_subsidiary_is_read_from_what_the_text_calls_it():
    text = (
        "渝峡港航集团有限公司的全资子公司重庆峡港物流有限公司开通航线。"
        "重庆川星索道有限公司是川星旅游集团有限公司的控股子公司。"
        "川星旅游集团有限公司旗下的重庆川星酒店有限公司开业。"
        "渝峡港航集团有限公司还参股重庆江畔码头有限公司。"
    )
    names = {
        n: ("company", [])
        for n in (
            "渝峡港航集团有限公司",
            "重庆峡港物流有限公司",
            "重庆川星索道有限公司",
            "川星旅游集团有限公司",
            "重庆川星酒店有限公司",
            "重庆江畔码头有限公司",
        )
    }
    got = typed(rels(text, names))
    assert {
        ("重庆峡港物流有限公司", "subsidiary_of", "渝峡港航集团有限公司"),
        ("重庆川星索道有限公司", "subsidiary_of", "川星旅游集团有限公司"),
        ("重庆川星酒店有限公司", "subsidiary_of", "川星旅游集团有限公司"),
        ("渝峡港航集团有限公司", "invests_in", "重庆江畔码头有限公司"),
    } <= got
    # the parent is never its subsidiary's subsidiary, and a stake is no subsidiary
    assert not {(a, t, b) for a, t, b in got if t == "subsidiary_of" and a.startswith(("渝峡", "川星"))}
    assert ("重庆江畔码头有限公司", "subsidiary_of", "渝峡港航集团有限公司") not in got


def test_jituan_refers_to_the_group_and_a_place_before_de_is_no_partner():
    text = (
        "川星旅游集团有限公司在武隆发展。重庆江畔码头有限公司也来了，集团投资重庆川星酒店有限公司。"
        "位于龙水镇的重庆龙锻有限公司与重庆渝铝有限公司合作，共建产业园。"
    )
    names = {
        "川星旅游集团有限公司": ("company", []),
        "重庆江畔码头有限公司": ("company", []),
        "重庆川星酒店有限公司": ("company", []),
        "龙水镇": ("district", []),
        "重庆龙锻有限公司": ("company", []),
        "重庆渝铝有限公司": ("company", []),
    }
    got = typed(rels(text, names))
    assert ("川星旅游集团有限公司", "invests_in", "重庆川星酒店有限公司") in got
    assert ("重庆江畔码头有限公司", "invests_in", "重庆川星酒店有限公司") not in got
    partners = {frozenset((a, b)) for a, t, b in got if t == "partner_of"}
    assert partners == {frozenset(("重庆龙锻有限公司", "重庆渝铝有限公司"))}


def test_jituan_without_a_group_named_is_the_company_and_a_companys_team_partners():
    text = (
        "重庆机电有限公司召开会议。集团将投资重庆锐锋科技有限公司。"
        "重庆长安汽车股份有限公司的研发团队与华为技术有限公司合作开发。"
    )
    names = {
        n: ("company", [])
        for n in ("重庆机电有限公司", "重庆锐锋科技有限公司", "重庆长安汽车股份有限公司", "华为技术有限公司")
    }
    got = typed(rels(text, names))
    assert ("重庆机电有限公司", "invests_in", "重庆锐锋科技有限公司") in got
    partners = {frozenset((a, b)) for a, t, b in got if t == "partner_of"}
    assert frozenset(("重庆长安汽车股份有限公司", "华为技术有限公司")) in partners


def test_where_and_by_whom_a_project_is_built_and_the_latter_it_names():
    text = (
        "重庆荣牧畜牧科技有限公司在荣昌高新区投资建设的年产20万吨生猪饲料项目投产。"
        "吴县长察看了重庆秀茶农业开发有限公司年产3000吨茶叶精深加工项目。"
        "彭水县人民政府与重庆乌江新能源开发有限公司签约，后者将投资4.5亿元在郁山镇建设100兆瓦光伏发电项目。"
    )
    names = named(
        company=["重庆荣牧畜牧科技有限公司", "重庆秀茶农业开发有限公司", "重庆乌江新能源开发有限公司"],
        district=["荣昌高新区", "郁山镇"],
        project=["年产20万吨生猪饲料项目", "年产3000吨茶叶精深加工项目", "100兆瓦光伏发电项目"],
        government=["彭水县人民政府"],
    )
    got = typed(rels(text, names))
    assert {
        ("重庆荣牧畜牧科技有限公司", "operates", "年产20万吨生猪饲料项目"),
        ("年产20万吨生猪饲料项目", "located_in", "荣昌高新区"),
        ("重庆秀茶农业开发有限公司", "operates", "年产3000吨茶叶精深加工项目"),
        ("重庆乌江新能源开发有限公司", "operates", "100兆瓦光伏发电项目"),
        ("100兆瓦光伏发电项目", "located_in", "郁山镇"),
    } <= got
    # 后者 is the last organisation of its sentence, whatever its kind: here the county's government
    text = (
        "重庆乌江新能源开发有限公司与彭水县人民政府签约，后者将投资4.5亿元在郁山镇建设100兆瓦光伏发电项目。"
    )
    got = typed(rels(text, names))
    assert ("100兆瓦光伏发电项目", "located_in", "郁山镇") in got
    assert not {(a, t, b) for a, t, b in got if t == "operates"}


def test_a_subsidiary_set_up_somewhere_and_a_joint_venture_of_two():
    text = (
        "石柱县红川调味品有限公司是重庆红川食品集团股份有限公司在石柱设立的全资子公司。"
        "锂宸新能源还与宜宾蜀锂材料有限公司签署协议，双方合资成立重庆宸蜀电池材料有限公司。"
    )
    names = named(
        company=[
            "石柱县红川调味品有限公司",
            "重庆红川食品集团股份有限公司",
            "锂宸新能源",
            "宜宾蜀锂材料有限公司",
            "重庆宸蜀电池材料有限公司",
        ],
        district=["石柱"],
    )
    got = typed(rels(text, names))
    assert {
        ("石柱县红川调味品有限公司", "subsidiary_of", "重庆红川食品集团股份有限公司"),
        ("锂宸新能源", "invests_in", "重庆宸蜀电池材料有限公司"),
        ("宜宾蜀锂材料有限公司", "invests_in", "重庆宸蜀电池材料有限公司"),
    } <= got
    assert not {(a, t, b) for a, t, b in got if t == "subsidiary_of" and a != "石柱县红川调味品有限公司"}
    # partners who signed something else, before two others set one up, are none of its investors
    text = (
        "甲乙科技有限公司与丙丁材料有限公司签署协议，戊己集团与庚辛化工有限公司合资成立壬癸新材料有限公司。"
    )
    names = named(
        company=["甲乙科技有限公司", "丙丁材料有限公司", "戊己集团", "庚辛化工有限公司", "壬癸新材料有限公司"]
    )
    got = {t for t in typed(rels(text, names)) if t[1] == "invests_in"}
    assert got == {
        ("戊己集团", "invests_in", "壬癸新材料有限公司"),
        ("庚辛化工有限公司", "invests_in", "壬癸新材料有限公司"),
    }


def test_who_invests_in_a_project_or_company_written_after_them():
    text = (
        "由重庆渝江多式联运有限责任公司与重庆江津综保建设开发有限公司共同投资的保税物流中心扩建项目年底投用。"
        "江津珞璜港三期工程开港运营，该项目由重庆渝江港口物流股份有限公司投资38亿元建设。"
        "由台湾恒泰电子集团投资的重庆恒泰精密电子有限公司投产。"
    )
    names = named(
        company=[
            "重庆渝江多式联运有限责任公司",
            "重庆江津综保建设开发有限公司",
            "重庆渝江港口物流股份有限公司",
            "台湾恒泰电子集团",
            "重庆恒泰精密电子有限公司",
        ],
        project=["保税物流中心扩建项目", "江津珞璜港三期工程"],
    )
    got = {t for t in typed(rels(text, names)) if t[1] in ("operates", "invests_in")}
    assert got == {
        ("重庆渝江多式联运有限责任公司", "operates", "保税物流中心扩建项目"),
        ("重庆江津综保建设开发有限公司", "operates", "保税物流中心扩建项目"),
        ("重庆渝江港口物流股份有限公司", "operates", "江津珞璜港三期工程"),
        ("台湾恒泰电子集团", "invests_in", "重庆恒泰精密电子有限公司"),
    }


def test_a_subsidiary_named_after_its_parent_in_the_sentence_and_who_set_up_a_company():
    text = (
        "项目由重庆渝通交通建设集团有限公司投资，其全资子公司重庆渝通璧山高速公路有限公司负责建设。"
        "浙江甬盛新材料股份有限公司将在渝北注册设立重庆甬盛新材料科技有限公司。"
        "重庆璧永铁路建设有限公司由重庆铁路发展投资集团有限公司联合璧山的国有平台出资组建。"
    )
    names = named(
        company=[
            "重庆渝通交通建设集团有限公司",
            "重庆渝通璧山高速公路有限公司",
            "浙江甬盛新材料股份有限公司",
            "重庆甬盛新材料科技有限公司",
            "重庆璧永铁路建设有限公司",
            "重庆铁路发展投资集团有限公司",
        ],
        district=["渝北", "璧山"],
    )
    got = {t for t in typed(rels(text, names)) if t[1] in ("subsidiary_of", "invests_in")}
    assert got == {
        ("重庆渝通璧山高速公路有限公司", "subsidiary_of", "重庆渝通交通建设集团有限公司"),
        ("重庆甬盛新材料科技有限公司", "subsidiary_of", "浙江甬盛新材料股份有限公司"),
        ("重庆铁路发展投资集团有限公司", "invests_in", "重庆璧永铁路建设有限公司"),
    }


def test_a_unit_the_text_says_belongs_to_a_group_is_its_subsidiary():
    text = "重庆港务物流集团有限公司所属重庆果园港埠有限公司今年增长12%。"
    names = {n: ("company", []) for n in ("重庆港务物流集团有限公司", "重庆果园港埠有限公司")}
    assert ("重庆果园港埠有限公司", "subsidiary_of", "重庆港务物流集团有限公司") in typed(rels(text, names))


def test_titles_joined_by_jian_are_two_roles():
    text = "重庆汇达柠檬科技有限公司董事长兼总经理赵华平介绍。"
    names = {"重庆汇达柠檬科技有限公司": ("company", [])}
    people = {"赵华平": ("董事长兼总经理", "重庆汇达柠檬科技有限公司")}
    (r,) = [r for r in rels(text, names, people) if r.type == "holds_role_at"]
    assert r.roles == ["董事长", "总经理"]


def test_a_park_the_text_locates_after_a_comma_or_before_its_cost_and_the_firms_it_draws():
    text = (
        "在沙坪坝区土主街道，总投资25亿元的团结村智慧物流园正在建设。"
        "团结村智慧物流园已吸引京东物流、顺丰速运等32家企业签约入驻。"
        "珞璜国际冷链物流基地项目，位于江津区珞璜镇，总投资18亿元。"
        "重庆公路物流基地由重庆南彭物流园开发建设有限公司负责开发运营。"
    )
    names = named(
        district=["沙坪坝区", "土主街道", "江津区", "珞璜镇"],
        park=["团结村智慧物流园", "重庆公路物流基地"],
        company=["京东物流", "顺丰速运", "重庆南彭物流园开发建设有限公司"],
        project=["珞璜国际冷链物流基地项目"],
    )
    got = typed(rels(text, names))
    assert {
        ("团结村智慧物流园", "located_in", "土主街道"),
        ("京东物流", "located_in", "团结村智慧物流园"),
        ("顺丰速运", "located_in", "团结村智慧物流园"),
        ("珞璜国际冷链物流基地项目", "located_in", "珞璜镇"),
        ("重庆南彭物流园开发建设有限公司", "operates", "重庆公路物流基地"),
    } <= got


def test_two_builders_of_one_project_and_two_partners_running_a_line():
    text = (
        "年产3000吨茶叶精深加工项目总投资2.6亿元，由秀茶农业与湖南古丈茶业集团有限公司共同投资建设。"
        "航线由重庆两江港航发展有限公司与江苏太仓润港集装箱码头有限公司联合运营。"
    )
    names = {
        "年产3000吨茶叶精深加工项目": ("project", []),
        "重庆秀茶农业开发有限公司": ("company", ["秀茶农业"]),
        "湖南古丈茶业集团有限公司": ("company", []),
        "重庆两江港航发展有限公司": ("company", []),
        "江苏太仓润港集装箱码头有限公司": ("company", []),
    }
    got = typed(rels(text, names))
    assert {
        ("重庆秀茶农业开发有限公司", "operates", "年产3000吨茶叶精深加工项目"),
        ("湖南古丈茶业集团有限公司", "operates", "年产3000吨茶叶精深加工项目"),
    } <= got
    partners = {frozenset((a, b)) for a, t, b in got if t == "partner_of"}
    assert frozenset(("重庆两江港航发展有限公司", "江苏太仓润港集装箱码头有限公司")) in partners


def test_yuanqu_after_zai_is_the_park_named_before():
    text = "遂潼川渝合作产业园规划面积52平方公里。重庆锂源新能材料有限公司将在园区建设年产5万吨正极材料项目。"
    names = named(
        park=["遂潼川渝合作产业园"], company=["重庆锂源新能材料有限公司"], project=["年产5万吨正极材料项目"]
    )
    got = typed(rels(text, names))
    assert ("年产5万吨正极材料项目", "located_in", "遂潼川渝合作产业园") in got
    assert ("重庆锂源新能材料有限公司", "operates", "年产5万吨正极材料项目") in got


def test_a_logistics_park_named_by_its_kind_is_the_park_named_before():
    text = "团结村智慧物流园正在建设。物流园由重庆渝贸陆港物流集团有限公司与沙坪坝区政府共同打造。"
    names = named(
        park=["团结村智慧物流园"], company=["重庆渝贸陆港物流集团有限公司"], government=["沙坪坝区政府"]
    )
    assert ("重庆渝贸陆港物流集团有限公司", "operates", "团结村智慧物流园") in typed(rels(text, names))


def test_the_latter_is_never_named_in_an_earlier_sentence():
    text = "重庆捷力轮毂制造有限公司今年扩产。全县有两个园区，前者以汽配为主，后者位于江津区珞璜镇。"
    names = named(company=["重庆捷力轮毂制造有限公司"], district=["江津区", "珞璜镇"])
    assert ("重庆捷力轮毂制造有限公司", "located_in", "珞璜镇") not in typed(rels(text, names))


def test_a_park_before_by_whom_a_project_in_it_is_built_is_not_run_by_them():
    text = "年产5万吨正极材料项目位于遂潼川渝合作产业园，由重庆锂源新能材料有限公司投资建设。"
    names = named(
        project=["年产5万吨正极材料项目"], park=["遂潼川渝合作产业园"], company=["重庆锂源新能材料有限公司"]
    )
    got = typed(rels(text, names))
    assert ("重庆锂源新能材料有限公司", "operates", "年产5万吨正极材料项目") in got
    assert ("重庆锂源新能材料有限公司", "operates", "遂潼川渝合作产业园") not in got


def test_what_only_looks_like_building_or_partnering_relates_nothing():
    text = (
        "国家开发银行重庆市分行在江津区投放贷款支持建设珞璜国际冷链物流基地项目。"
        "记者走访了重庆捷力轮毂制造有限公司，位于两江新区的重庆长安汽车股份有限公司也在加紧生产。"
        "中交第二航务工程局有限公司白居寺长江大桥项目经理部负责人介绍了进度。"
        "重庆捷力轮毂制造有限公司与重庆长安汽车股份有限公司的代表出席了联合国气候大会。"
    )
    names = named(
        company=[
            "国家开发银行重庆市分行",
            "重庆捷力轮毂制造有限公司",
            "重庆长安汽车股份有限公司",
            "中交第二航务工程局有限公司",
        ],
        district=["江津区", "两江新区"],
        project=["珞璜国际冷链物流基地项目", "白居寺长江大桥"],
    )
    got = typed(rels(text, names))
    assert not {(a, t, b) for a, t, b in got if t in ("operates", "partner_of")}
    assert ("重庆捷力轮毂制造有限公司", "located_in", "两江新区") not in got
    assert ("重庆长安汽车股份有限公司", "located_in", "两江新区") in got


def test_a_parent_is_not_where_it_sets_up_a_company_nor_a_place_whose_villages_sign():
    text = (
        "项目将由浙江普泽药业集团股份有限公司在綦江新设立的全资子公司重庆普泽制药有限公司负责建设。"
        "该公司由重庆铁路发展投资集团有限公司联合璧山、永川两区的国有平台出资组建。"
        "重庆綦香园食品有限公司已与三江街道的12个村签订订单。重庆卡涞科技有限公司在涪陵区成立。"
    )
    names = named(
        company=[
            "浙江普泽药业集团股份有限公司",
            "重庆普泽制药有限公司",
            "重庆铁路发展投资集团有限公司",
            "重庆綦香园食品有限公司",
            "重庆卡涞科技有限公司",
        ],
        district=["綦江", "璧山", "永川", "三江街道", "涪陵区"],
    )
    got = typed(rels(text, names))
    assert ("浙江普泽药业集团股份有限公司", "located_in", "綦江") not in got
    assert not {(a, t, b) for a, t, b in got if t == "partner_of"}
    assert ("重庆綦香园食品有限公司", "signed_with", "三江街道") not in got
    assert ("重庆卡涞科技有限公司", "located_in", "涪陵区") in got


def test_a_banks_branch_its_loans_and_a_groups_units():
    text = (
        "中国农业银行合川支行向重庆合川城乡建设开发集团有限公司发放首笔贷款6亿元。"
        "中国农业银行重庆市分行与重庆合川国有资本投资运营集团有限公司签约。"
        "中国农业银行重庆市分行营业部和中国农业银行都表示支持。"
        "集团下设重庆钓鱼城文旅发展有限公司、重庆合川产业投资发展有限公司两家子公司。"
    )
    branches = {
        "中国农业银行合川支行": "合川区|支行",
        "中国农业银行重庆市分行": "重庆市|分行",
        "中国农业银行重庆市分行营业部": "重庆市|营业部",
        "中国农业银行": "",
    }
    names = named(
        company=[
            *branches,
            "重庆合川城乡建设开发集团有限公司",
            "重庆合川国有资本投资运营集团有限公司",
            "重庆钓鱼城文旅发展有限公司",
            "重庆合川产业投资发展有限公司",
        ]
    )
    ents = make_entities(text, names)
    for e in ents:  # (the known-company table's entry of each branch, as the extractor sets it)
        if e.name in branches:
            kb = "|".join(filter(None, ("中国农业银行股份有限公司", branches[e.name])))
            e.mentions = [dataclasses.replace(m, kb=kb) for m in e.mentions]
    got = typed(extract_relations([make_article(text)], ents))
    parents = {(a, b) for a, t, b in got if t == "subsidiary_of" and a.startswith("中国农业银行")}
    assert parents == {  # (the nearest branch above each, and only that)
        ("中国农业银行合川支行", "中国农业银行重庆市分行"),
        ("中国农业银行重庆市分行营业部", "中国农业银行重庆市分行"),
        ("中国农业银行重庆市分行", "中国农业银行"),
    }
    assert ("中国农业银行合川支行", "invests_in", "重庆合川城乡建设开发集团有限公司") in got  # (a loan)
    for unit in ("重庆钓鱼城文旅发展有限公司", "重庆合川产业投资发展有限公司"):
        assert (unit, "subsidiary_of", "重庆合川国有资本投资运营集团有限公司") in got


def test_a_deputy_secretary_and_head_of_a_district_holds_a_role_at_the_district_too():
    text = "潼南区政府召开会议。区委副书记、区长龚晓川出席。"
    names = named(government=["潼南区政府"], district=["潼南区"])
    got = typed(rels(text, names, people={"龚晓川": ("区委副书记、区长", "潼南区政府")}))
    assert {("龚晓川", "holds_role_at", "潼南区政府"), ("龚晓川", "holds_role_at", "潼南区")} <= got


def test_partners_are_bodies_and_what_a_place_or_parent_only_hosts_is_not_theirs():
    text = (
        "这是长安汽车股份有限公司携手华为技术有限公司的又一成果。"
        "重庆铁路发展投资集团有限公司联合璧山区、永川区等地的国有平台出资。"
        "重庆綦香园食品有限公司已与三江街道下辖的12个村签订订单。"
        "重庆普泽集团有限公司在綦江区成立了两家子公司。"
    )
    names = named(
        company=[
            "长安汽车股份有限公司",
            "华为技术有限公司",
            "重庆铁路发展投资集团有限公司",
            "重庆綦香园食品有限公司",
            "重庆普泽集团有限公司",
        ],
        district=["璧山区", "永川区", "三江街道", "綦江区"],
    )
    got = typed(rels(text, names))
    assert {(a, b) for a, t, b in got if t == "partner_of"} in (
        {("长安汽车股份有限公司", "华为技术有限公司")},
        {("华为技术有限公司", "长安汽车股份有限公司")},
    )
    assert ("重庆綦香园食品有限公司", "signed_with", "三江街道") not in got
    assert ("重庆普泽集团有限公司", "located_in", "綦江区") not in got


def test_a_county_title_run_holds_no_role_at_a_district_of_another_level():
    text = "潼南区人民政府召开会议。县委副书记、县长龚晓川出席。"
    names = named(government=["潼南区人民政府"], district=["潼南区"])
    got = typed(rels(text, names, people={"龚晓川": ("县委副书记、县长", "潼南区人民政府")}))
    assert ("龚晓川", "holds_role_at", "潼南区") not in got


def test_who_builds_a_project_written_before_after_or_a_comma_away():
    text = (
        "其中投资最大的是江苏沣岳新能源科技集团有限公司投资的年产10GWh储能电芯及系统集成项目。"
        "去年永乐镇引进重庆橄榄绿油脂科技有限公司，在镇上建设年产2000吨油橄榄精深加工项目。"
        "重庆锋锐五金制品有限公司将投资3.5亿元，在大足高新区建设年产800万件园林工具项目。"
        "其中，由璧山区交通开发建设集团有限公司投资的璧青快速路二期工程已完成路基施工。"
        "鼎山街道老旧小区改造项目由重庆江津城市发展投资集团有限公司下属的重庆津城物业服务有限公司负责组织实施。"
        "会见了重庆远达机械有限公司负责人，在座谈会上听取了年产5万台电机项目的汇报。"
    )
    companies = [
        "江苏沣岳新能源科技集团有限公司",
        "重庆橄榄绿油脂科技有限公司",
        "重庆锋锐五金制品有限公司",
        "璧山区交通开发建设集团有限公司",
        "重庆江津城市发展投资集团有限公司",
        "重庆津城物业服务有限公司",
        "重庆远达机械有限公司",
    ]
    projects = [
        "年产10GWh储能电芯及系统集成项目",
        "年产2000吨油橄榄精深加工项目",
        "年产800万件园林工具项目",
        "璧青快速路二期工程",
        "鼎山街道老旧小区改造项目",
        "年产5万台电机项目",
    ]
    got = typed(rels(text, named(company=companies, project=projects, district=["大足高新区"])))
    builds = {(s, t) for s, r, t in got if r in ("operates", "invests_in")}
    assert builds == {
        ("江苏沣岳新能源科技集团有限公司", "年产10GWh储能电芯及系统集成项目"),
        ("重庆橄榄绿油脂科技有限公司", "年产2000吨油橄榄精深加工项目"),
        ("重庆锋锐五金制品有限公司", "年产800万件园林工具项目"),
        ("璧山区交通开发建设集团有限公司", "璧青快速路二期工程"),
        ("重庆津城物业服务有限公司", "鼎山街道老旧小区改造项目"),
    }
    # one relation for 由X投资的Y, not an investment beside it
    assert ("璧山区交通开发建设集团有限公司", "invests_in", "璧青快速路二期工程") not in got


def test_a_post_after_the_name_says_so_in_its_evidence():
    text = "会议任命严家骏为永川区人民政府副区长。永川区人民政府副区长王明出席。"
    ents = make_entities(
        text,
        named(government=["永川区人民政府"]),
        people={"严家骏": ("副区长", None), "王明": ("副区长", "永川区人民政府")},
    )
    org = text.index("永川区人民政府")  # (the post the extractor read after 为)
    for e in ents:
        if e.name == "严家骏":
            e.mentions = [dataclasses.replace(m, org_start=org, org_end=org + 7) for m in e.mentions]
    rs = extract_relations([make_article(text)], ents)
    rules = {r.source: {e["rule"] for e in r.to_json()["evidence"]} for r in rs if r.type == "holds_role_at"}
    assert rules == {"person:严家骏": {"post after the name"}, "person:王明": {"title before the name"}}


def test_a_brand_that_is_a_common_word_names_no_project():
    text = "重庆江永高速公路有限公司负责建设。江永高速公司表示，成渝高速扩能工程进展顺利。"
    got = typed(
        rels(
            text,
            {
                "重庆江永高速公路有限公司": ("company", ["江永高速公司"]),
                "成渝高速扩能工程": ("project", []),
            },
        )
    )
    assert not any(r == "operates" for _, r, _ in got)


def test_who_builds_is_not_the_object_of_another_verb_nor_an_earlier_investor():
    text = (
        "重庆甲机械有限公司收购重庆乙电子有限公司，在高新区新建年产5万台电机项目。"
        "重庆丙机械有限公司去年投资2亿元扩建厂房，今年区政府再投资5亿元，在高新区建设年产8万台电机项目。"
        "重庆綦旺食品有限公司签订投资协议，将投资2.2亿元在綦江工业园区建设年产3万吨火锅底料项目。"
        "双方合资成立重庆宸蜀电池材料有限公司，在园区建设年产5万吨磷酸铁锂正极材料项目。"
    )
    names = named(
        company=[
            "重庆甲机械有限公司",
            "重庆乙电子有限公司",
            "重庆丙机械有限公司",
            "重庆綦旺食品有限公司",
            "重庆宸蜀电池材料有限公司",
        ],
        project=[
            "年产5万台电机项目",
            "年产8万台电机项目",
            "年产3万吨火锅底料项目",
            "年产5万吨磷酸铁锂正极材料项目",
        ],
        district=["高新区"],
        park=["綦江工业园区"],
    )
    got = {(s, t) for s, r, t in typed(rels(text, names)) if r in ("operates", "invests_in") and "项目" in t}
    assert got == {
        ("重庆綦旺食品有限公司", "年产3万吨火锅底料项目"),
        ("重庆宸蜀电池材料有限公司", "年产5万吨磷酸铁锂正极材料项目"),  # (the one set up builds)
    }
    assert ("重庆甲机械有限公司", "invests_in", "重庆乙电子有限公司") in typed(
        rels(text, names)
    )  # (what it buys)


def test_a_project_that_costs_a_sum_then_settles_in_a_park_is_there():
    text = (
        "重庆驰远汽车电子有限公司汽车电子零部件生产基地项目总投资12亿元，同样落户凤凰湖产业园；"
        "宁波中屹新能源科技有限公司储能电池生产基地项目，总投资45亿元，选址三教产业园。"
        "该项目总投资5亿元，带动就业，落户当地。"
    )
    names = named(
        company=["重庆驰远汽车电子有限公司", "宁波中屹新能源科技有限公司"],
        project=["汽车电子零部件生产基地项目", "储能电池生产基地项目"],
        park=["凤凰湖产业园", "三教产业园"],
    )
    got = {t for t in typed(rels(text, names)) if t[1] == "located_in"}
    assert {
        ("汽车电子零部件生产基地项目", "located_in", "凤凰湖产业园"),
        ("储能电池生产基地项目", "located_in", "三教产业园"),
    } <= got
    assert ("汽车电子零部件生产基地项目", "located_in", "三教产业园") not in got


def test_exchanging_the_agreements_texts_is_signing():
    text = "签约仪式上，重庆高新区管委会分别与华锶半导体、渝芯光电等企业的负责人交换了协议文本。"
    names = named(government=["重庆高新区管委会"], company=["华锶半导体", "渝芯光电"])
    got = {frozenset((a, b)) for a, t, b in typed(rels(text, names)) if t == "signed_with"}
    assert got == {frozenset(("重庆高新区管委会", "华锶半导体")), frozenset(("重庆高新区管委会", "渝芯光电"))}


def test_the_common_words_are_read_once_then_taken_from_the_store(monkeypatch):
    """An update's relations take the set from the cache: jieba's dictionary is not asked again."""
    import graph.relations as relations_module

    class Store(dict):
        def get_readings(self, keys):
            return {k: self[k] for k in keys if k in self}

        def put_readings(self, readings):
            self.update(readings)

    store = Store()
    first = relations_module._common_words(store)
    assert len(store) == 1 and "高速" in first and "长安" not in first

    def no_jieba():
        raise AssertionError("jieba's dictionary asked again")

    monkeypatch.setattr(relations_module, "jieba_tok", no_jieba)
    assert relations_module._common_words(store) == first


def test_what_the_reviewer_found_the_new_relation_patterns_must_leave_alone():
    cases = [
        (
            "华峰集团考察了长安汽车，其旗下有深蓝汽车、阿维塔等企业。",
            ["华峰集团", "长安汽车", "深蓝汽车", "阿维塔"],
        ),
        (
            "卓浩科技总经理说，政府为长安汽车、赛力斯等企业配套建设了道路。",
            ["卓浩科技", "长安汽车", "赛力斯"],
        ),
        ("卓浩科技称，园区将完善配套长安汽车需要的道路。", ["卓浩科技", "长安汽车"]),
        ("卓浩科技是长安汽车的一级供应商，已供货赛力斯。", ["卓浩科技", "长安汽车", "赛力斯"]),
    ]
    for text, companies in cases:
        got = {t for _, t, _ in typed(rels(text, named(company=companies)))}
        assert not got & {"subsidiary_of", "partner_of"}, text
    text = "推进华骏重卡项目，由华骏汽车在成都打造的团队于双桥经开区建设。"
    names = named(company=["华骏汽车"], project=["华骏重卡项目"], district=["成都", "双桥经开区"])
    assert ("华骏重卡项目", "located_in", "成都") not in typed(rels(text, names))


def test_a_project_company_a_subsidiary_named_in_a_later_clause_and_a_supplier_described_first():
    text = (
        "华源能源重庆有限公司作为出资主体，并组建项目公司华源丰都抽水蓄能有限公司负责建设运营。"
        "城通建工以设计施工总承包方式承建，具体施工由其全资子公司城通三建负责。"
        "云启智联董事长杜文涛介绍，公司位于重庆高新区，产品已配套长安汽车、赛力斯等车企。"
    )
    groups = ["华源能源重庆有限公司", "华源丰都抽水蓄能有限公司", "城通建工", "城通三建"]
    names = named(
        company=[*groups, "云启智联", "长安汽车", "赛力斯"], person=["杜文涛"], district=["重庆高新区"]
    )
    got = typed(rels(text, names))
    assert {(a, b) for a, t, b in got if t == "subsidiary_of"} == {
        ("华源丰都抽水蓄能有限公司", "华源能源重庆有限公司"),
        ("城通三建", "城通建工"),
    }
    partners = {frozenset((a, b)) for a, t, b in got if t == "partner_of"}
    assert partners == {frozenset(("云启智联", "长安汽车")), frozenset(("云启智联", "赛力斯"))}


def test_a_company_in_a_park_the_clause_opens_with_after_its_place():
    text = (
        "在两江新区龙兴镇的明月湖产业园，重庆渝辉汽车电子股份有限公司的贴片车间里一片繁忙。"
        "走进夔州街道的奉节县电商产业园，重庆橙意网络科技有限公司的直播间里主播正在介绍脐橙。"
    )
    names = named(
        company=["重庆渝辉汽车电子股份有限公司", "重庆橙意网络科技有限公司"],
        park=["明月湖产业园", "奉节县电商产业园"],
        district=["两江新区", "龙兴镇", "夔州街道"],
    )
    got = {(a, b) for a, t, b in typed(rels(text, names)) if t == "located_in" and a.startswith("重庆")}
    assert got == {
        ("重庆渝辉汽车电子股份有限公司", "明月湖产业园"),
        ("重庆橙意网络科技有限公司", "奉节县电商产业园"),
    }


def test_a_supplier_that_supplies_and_a_builder_that_spends_before_it_builds():
    text = "蓝黛科技供货给长安汽车。推进华骏重卡项目，由华骏汽车投资23亿元在双桥经开区建设。"
    names = named(
        company=["蓝黛科技", "长安汽车", "华骏汽车"], project=["华骏重卡项目"], district=["双桥经开区"]
    )
    got = typed(rels(text, names))
    assert ("蓝黛科技", "partner_of", "长安汽车") in got or ("长安汽车", "partner_of", "蓝黛科技") in got
    assert ("华骏重卡项目", "located_in", "双桥经开区") in got


def test_a_list_of_signings_each_with_its_sum_and_a_builder_after_the_investor():
    text = (
        "签约项目分别为：重庆瑞澜生物制药有限公司投资22亿元的瑞澜抗体药物基地项目、成都蓉新医疗器械股份有限公司"
        "投资9.5亿元的蓉新西南生产基地项目。北京中科岳华碳材料科技有限公司则将投资9.8亿元，建设碳纤维中试基地项目。"
    )
    names = named(
        company=[
            "重庆瑞澜生物制药有限公司",
            "成都蓉新医疗器械股份有限公司",
            "北京中科岳华碳材料科技有限公司",
        ],
        project=["瑞澜抗体药物基地项目", "蓉新西南生产基地项目", "碳纤维中试基地项目"],
    )
    assert {x for x in typed(rels(text, names)) if x[1] == "invests_in"} == {
        ("重庆瑞澜生物制药有限公司", "invests_in", "瑞澜抗体药物基地项目"),
        ("成都蓉新医疗器械股份有限公司", "invests_in", "蓉新西南生产基地项目"),
        ("北京中科岳华碳材料科技有限公司", "invests_in", "碳纤维中试基地项目"),
    }
    text = (
        "关坝镇光伏发电项目实现并网。项目总投资4.3亿元，由重庆渝南能源集团有限公司投资，"
        "其全资子公司重庆渝南新能源有限公司负责建设运营。"
    )
    names = named(
        company=["重庆渝南能源集团有限公司", "重庆渝南新能源有限公司"], project=["关坝镇光伏发电项目"]
    )
    operates = {x for x in typed(rels(text, names)) if x[1] == "operates"}
    assert operates == {
        ("重庆渝南能源集团有限公司", "operates", "关坝镇光伏发电项目"),
        ("重庆渝南新能源有限公司", "operates", "关坝镇光伏发电项目"),
    }
    # (one of two who do it together is no builder on its own)
    text = "关坝镇光伏发电项目实现并网，重庆渝南能源集团有限公司与重庆渝南新能源有限公司负责建设运营。"
    assert not {x for x in typed(rels(text, names)) if x[1] == "operates"}


def test_a_project_built_for_a_sum_in_the_park_the_article_names():
    text = "睿途软件入驻卫星湖数字经济产业园。公司将在产业园投资3亿元建设睿途软件交付中心项目。"
    names = named(company=["睿途软件"], park=["卫星湖数字经济产业园"], project=["睿途软件交付中心项目"])
    assert ("睿途软件交付中心项目", "located_in", "卫星湖数字经济产业园") in typed(rels(text, names))


def test_a_company_runs_the_project_it_is_charged_with_and_is_where_it_is_registered():
    text = "县政府与酉州文旅签约桃花源景区提档升级项目。根据协议，酉州文旅负责项目投资建设和运营。"
    names = named(company=["酉州文旅"], project=["桃花源景区提档升级项目"])
    assert ("酉州文旅", "operates", "桃花源景区提档升级项目") in typed(rels(text, names))
    text = "法院查明，重庆凌川制冷设备有限公司注册于九龙坡区。"
    names = named(company=["重庆凌川制冷设备有限公司"], district=["九龙坡区"])
    assert typed(rels(text, names)) == {("重庆凌川制冷设备有限公司", "located_in", "九龙坡区")}


def test_no_company_of_a_brand_where_a_sentence_naming_both_denies_it():
    names = {
        "重庆柠都农业发展有限公司": ("company", ["柠都农业"]),
        "四川安岳柠都果业有限公司": ("company", ["安岳柠都"]),
    }
    said = "重庆柠都农业发展有限公司种柠檬。四川安岳柠都果业有限公司卖柠檬。"
    denied = said + "安岳柠都与柠都农业同用字号，但两家企业没有任何股权关系。"
    child = ("四川安岳柠都果业有限公司", "subsidiary_of", "重庆柠都农业发展有限公司")
    assert child in typed(rels(said, names))  # (the names say it)
    assert child not in typed(rels(denied, names))


def test_a_subsidiary_supplies_buys_and_is_set_up_by_two_and_its_parents_place_is_not_its():
    names = named(company=["嘉碚股份", "嘉碚控股", "长安汽车", "赛力斯", "恒骏精密"])
    text = (
        "嘉碚股份是嘉碚控股旗下的控股子公司，主要生产电池托盘，产品配套长安汽车、赛力斯等整车企业。"
        "今年6月，嘉碚股份以4.2亿元完成对恒骏精密70%股权的并购，恒骏精密由此成为嘉碚股份的控股子公司。"
    )
    got = typed(rels(text, names))
    assert {("嘉碚股份", "partner_of", "长安汽车"), ("嘉碚股份", "partner_of", "赛力斯")} <= got
    assert not {x for x in got if x[1] == "partner_of" and "嘉碚控股" in x}  # (the parent supplies none)
    assert {("嘉碚股份", "invests_in", "恒骏精密"), ("恒骏精密", "subsidiary_of", "嘉碚股份")} <= got
    names = named(company=["翼航维修", "翼航集团", "启德航空"])
    text = "翼航维修成立于2016年，由翼航集团与启德航空共同出资组建。"
    got = {x for x in typed(rels(text, names)) if x[1] == "invests_in"}
    assert got == {("翼航集团", "invests_in", "翼航维修"), ("启德航空", "invests_in", "翼航维修")}
    names = named(company=["翼航维修", "翼航集团", "启德航空", "启德"])
    text = "翼航维修成立于2016年，由翼航集团与启德航空（以下简称启德）合资组建。"
    got = {x for x in typed(rels(text, names)) if x[1] == "invests_in"}
    assert got == {("翼航集团", "invests_in", "翼航维修"), ("启德航空", "invests_in", "翼航维修")}
    names = named(company=["锦岸置业", "四川锦岸集团"], district=["成都"])
    text = "锦岸置业是总部位于成都的四川锦岸集团在渝全资子公司。"
    assert typed(rels(text, names)) == {
        ("锦岸置业", "subsidiary_of", "四川锦岸集团"),
        ("四川锦岸集团", "located_in", "成都"),
    }


def test_who_runs_a_park_and_who_carries_a_project_out_together():
    names = named(
        company=["钢城数智", "渡城集团", "锦岸置业"], park=["钢城产业园"], project=["钢花城市更新项目"]
    )
    text = (
        "渡城集团组建全资子公司钢城数智，专门负责钢城产业园的招商和运营。"
        "钢花城市更新项目在这里实施，由渡城集团与锦岸置业合作实施。"
    )
    got = {x for x in typed(rels(text, names)) if x[1] == "operates"}
    assert got == {
        ("钢城数智", "operates", "钢城产业园"),
        ("渡城集团", "operates", "钢花城市更新项目"),
        ("锦岸置业", "operates", "钢花城市更新项目"),
    }


def test_what_a_company_sets_up_somewhere_is_there():
    names = named(company=["深圳联拓集团", "联拓供应链（重庆）有限公司"], district=["解放碑街道"])
    text = "深圳联拓集团在解放碑街道设立西南区域总部联拓供应链（重庆）有限公司。"
    assert typed(rels(text, names)) == {("联拓供应链（重庆）有限公司", "located_in", "解放碑街道")}


def test_buying_produce_or_calling_a_purchase_off_invests_in_nothing():
    names = named(
        company=["涪陵榨菜集团", "洪丽合作社", "巴山化工", "江河塑料", "星河科技"], project=["新能源电池项目"]
    )
    text = (
        "涪陵榨菜集团每年收购洪丽合作社的青菜头。巴山化工终止收购江河塑料。"
        "由星河科技投资5亿元的新能源电池项目开工。"
    )
    got = {x for x in typed(rels(text, names)) if x[1] == "invests_in"}
    assert got == {("星河科技", "invests_in", "新能源电池项目")}


def test_a_majority_holder_is_the_parent_and_a_minority_one_is_not():
    names = named(company=["翼航维修", "翼航集团", "启德航空"])
    text = "翼航维修成立于2016年，由翼航集团与启德航空共同出资组建，其中翼航集团持股65%。"
    assert ("翼航维修", "subsidiary_of", "翼航集团") in typed(rels(text, names))
    text = "翼航维修成立于2016年，由翼航集团与启德航空共同出资组建，其中启德航空持股35%。"
    assert not {x for x in typed(rels(text, names)) if x[1] == "subsidiary_of"}
    names = named(company=["鹏程实业", "华彭铝箔"])
    assert ("华彭铝箔", "subsidiary_of", "鹏程实业") in typed(rels("鹏程实业持有华彭铝箔70%的股权。", names))
    assert not typed(rels("鹏程实业持有华彭铝箔20%的股权。", names)) & {
        ("华彭铝箔", "subsidiary_of", "鹏程实业")
    }


def test_a_park_named_after_a_zone_the_articles_name_is_in_the_zone_not_the_county():
    text = "铜梁高新区五金产业园开园。铜梁高新区是市级高新区。铜梁区很美。"
    names = named(park=["铜梁高新区五金产业园"], district=["铜梁高新区", "铜梁区"])
    got = {(a, b) for a, t, b in typed(rels(text, names)) if t == "located_in"}
    assert ("铜梁高新区五金产业园", "铜梁高新区") in got
    assert ("铜梁高新区五金产业园", "铜梁区") not in got


def test_partners_who_found_a_company_together_and_the_one_that_holds_most_of_it():
    names = named(company=["江屿铝业", "青川汽车", "江屿青川"])
    text = (
        "江屿铝业与青川汽车签订合资协议，双方共同出资5亿元成立江屿青川（合资公司），"
        "其中江屿铝业持股55%、青川汽车持股45%。"
    )
    got = typed(rels(text, names))
    assert {("江屿铝业", "invests_in", "江屿青川"), ("青川汽车", "invests_in", "江屿青川")} <= got
    assert ("江屿青川", "subsidiary_of", "江屿铝业") in got
    text = "江屿铝业与青川汽车签订合资协议，双方共同出资5亿元成立江屿青川，其中青川汽车持股45%。"
    assert not {x for x in typed(rels(text, names)) if x[1] == "subsidiary_of"}


def test_a_controlling_shareholder_is_the_parent_and_its_capital_increase_an_investment():
    names = named(company=["鼎川箔业", "渝峰控股"])
    text = "鼎川箔业控股股东渝峰控股将对其增资3亿元，用于扩能。"
    got = typed(rels(text, names))
    assert ("鼎川箔业", "subsidiary_of", "渝峰控股") in got
    assert ("渝峰控股", "invests_in", "鼎川箔业") in got
    assert ("渝峰控股", "subsidiary_of", "鼎川箔业") not in got


def test_a_supplier_of_a_makers_models():
    names = named(company=["青川轻量化", "青川汽车"])
    text = "青川轻量化主要生产电池托盘，产品全部为青川汽车新能源车型配套。"
    got = {frozenset((a, b)) for a, t, b in typed(rels(text, names)) if t == "partner_of"}
    assert got == {frozenset(("青川轻量化", "青川汽车"))}  # (partner_of has no direction)


def test_where_the_company_a_sentence_is_about_lies_after_what_it_is():
    names = named(company=["星瀚电子", "星瀚集团"], district=["南岸区", "江北区"])
    text = (
        "星瀚电子是星瀚集团在渝设立的全资子公司，2019年落户南岸区。星瀚集团是一家上市企业，总部位于江北区。"
    )
    got = {(a, b) for a, t, b in typed(rels(text, names)) if t == "located_in"}
    assert got == {("星瀚电子", "南岸区"), ("星瀚集团", "江北区")}


def test_a_banks_loan_to_a_project_named_before_finances_it():
    names = named(company=["渝峡银行奉节支行", "夔峰新能源"], project=["夔峰新能源磷酸铁扩能项目"])
    text = "夔峰新能源磷酸铁扩能项目在奉节开工。渝峡银行奉节支行为项目提供固定资产贷款3亿元。"
    got = typed(rels(text, names))
    assert ("渝峡银行奉节支行", "invests_in", "夔峰新能源磷酸铁扩能项目") in got


def test_founders_of_a_company_set_up_in_a_place_or_named_after_de():
    names = named(
        company=["陆湾物流", "汉诺陆桥", "陆湾汉诺", "石岭文旅", "华岭康养", "大岭公司"], park=["西部物流园"]
    )
    text = (
        "陆湾物流与汉诺陆桥双方共同出资2亿元，在西部物流园成立陆湾汉诺（合资公司），其中陆湾物流持股51%。"
        "项目由石岭文旅与华岭康养合资成立的大岭公司负责投资建设和运营。"
    )
    got = {(a, b) for a, t, b in typed(rels(text, names)) if t == "invests_in"}
    assert got == {
        ("陆湾物流", "陆湾汉诺"),
        ("汉诺陆桥", "陆湾汉诺"),
        ("石岭文旅", "大岭公司"),
        ("华岭康养", "大岭公司"),
    }


def test_shareholders_stakes_bought_and_a_groups_firm():
    names = named(
        company=[
            "綦川齿轮",
            "綦川控股",
            "晶川集团",
            "万川玻璃",
            "悦岭旅居",
            "悦岭集团",
            "顺川报关",
            "顺川供应链",
        ]
    )
    text = (
        "目前，綦川齿轮第一大股东为区属国有企业綦川控股，持股32%。上市后，綦川控股仍为綦川齿轮第一大股东。"
        "晶川集团作为重整投资人，出资6.8亿元取得万川玻璃100%股权。"
        "悦岭旅居是悦岭集团旗下专门从事旅居康养的企业。"
        "收购完成后，渝川报关更名为顺川报关，成为顺川供应链的控股子公司。"
    )
    got = typed(rels(text, names))
    assert {("綦川控股", "invests_in", "綦川齿轮"), ("晶川集团", "invests_in", "万川玻璃")} <= got
    assert {("悦岭旅居", "subsidiary_of", "悦岭集团"), ("顺川报关", "subsidiary_of", "顺川供应链")} <= got
    assert ("綦川齿轮", "invests_in", "綦川控股") not in got


def test_a_supplier_of_a_maker_placed_and_named_short_and_a_buyer_from_a_supplier():
    names = named(company=["华川动力", "远川汽车", "钓川终端", "合川光电"], district=["两江新区"])
    text = (
        "华川动力总经理林若川介绍，产品将主要为位于两江新区的远川汽车（以下简称远途）等整车企业配套。"
        "钓川终端总经理介绍，公司已从合川光电采购背光模组两年。"
    )
    got = {frozenset((a, b)) for a, t, b in typed(rels(text, names)) if t == "partner_of"}
    assert got == {frozenset(("华川动力", "远川汽车")), frozenset(("钓川终端", "合川光电"))}


def test_companies_a_park_already_has_and_a_supplier_of_many_makers():
    names = named(company=["铁马数字", "钢韵文化", "骁腾机器人", "渝川汽车"], park=["钢城文创产业园"])
    text = (
        "钢城文创产业园开园。目前园区已有铁马数字（数字科技）、钢韵文化等32家企业入驻。"
        "骁腾机器人已为渝川汽车（整车）等20多家整车及零部件企业配套焊装协作机器人。"
    )
    got = typed(rels(text, names))
    assert {("铁马数字", "located_in", "钢城文创产业园"), ("钢韵文化", "located_in", "钢城文创产业园")} <= got
    assert {frozenset((a, b)) for a, t, b in got if t == "partner_of"} == {
        frozenset(("骁腾机器人", "渝川汽车"))
    }


def test_what_a_review_found_the_new_shareholder_group_and_buyer_patterns_took_too_far():
    names = named(company=["长风化工", "长安汽车", "川东生物", "渝富集团", "三江银行璧山支行"])
    text = (
        "长风化工为长安汽车旗下多家企业提供配套服务。川东生物是渝富集团旗下企业的重要供应商。"
        "川东生物是长安汽车第一大股东的全资子公司。三江银行璧山支行为长风化工第一大股东提供并购贷款。"
        "川东生物与长安汽车签约后，长安汽车将从长风化工采购电池托盘。"
        "长风化工发布公告称，某投资机构已收购川东生物51%股权。"
    )
    got = typed(rels(text, names))
    assert not {x for x in got if x[1] in ("subsidiary_of", "invests_in")}
    assert ("川东生物", "长风化工") not in {(a, b) for a, t, b in got if t == "partner_of"}
    assert ("长风化工", "川东生物") not in {(a, b) for a, t, b in got if t == "partner_of"}
    got = typed(rels("渝富集团是川东生物的控股股东。", names))
    assert ("川东生物", "subsidiary_of", "渝富集团") in got


def test_a_company_founded_or_held_must_be_named_not_pointed_back_to():
    names = named(company=["长风化工", "川东生物"])
    text = (
        "长风化工与川东生物合资成立的公司将负责项目运营。"
        "长风化工与川东生物签约，双方将成立该公司，其中长风化工持股60%。"
    )
    got = {x for x in typed(rels(text, names)) if x[1] in ("invests_in", "subsidiary_of")}
    assert got == set()


def test_who_led_and_who_joined_a_funding_round():
    names = named(company=["擎岭机器人", "渝岭集团", "渝岭天使", "矽岭微电子", "芯岭基金", "江岭科创"])
    names |= {"鹏岭创投": ("company", ["鹏岭"]), "渝岭股权": ("company", ["渝股"])}
    text = (
        "擎岭机器人宣布完成5亿元B轮融资。本轮融资由鹏岭创投（鹏岭）领投，渝岭集团旗下的渝岭股权（渝股）"
        "和老股东渝岭天使跟投。本次融资将用于扩建生产线。"
        "芯岭基金与江岭科创联合领投矽岭微电子A轮融资1.5亿元。"
    )
    got = typed(rels(text, names))
    assert {(x, "invests_in", "擎岭机器人") for x in ("鹏岭创投", "渝岭股权", "渝岭天使")} <= got
    assert {(x, "invests_in", "矽岭微电子") for x in ("芯岭基金", "江岭科创")} <= got
    assert ("渝岭集团", "invests_in", "擎岭机器人") not in got
    assert not {x for x in got if x[1] == "partner_of"}
    text = "矽岭微电子完成A轮融资，其中芯岭基金领投，江岭科创跟投。本次融资由擎岭机器人总经理宣布。"
    got = typed(rels(text, names))
    assert ("擎岭机器人", "invests_in", "矽岭微电子") not in got


def test_a_bank_is_该行_not_该公司():
    names = named(company=["钓城终端", "渝西农商行合川支行", "锐川部件"])
    people = {"彭宇川": ("总经理", None), "黄立川": ("行长", None)}
    text = (
        "钓城终端扩产项目投产。渝西农商行合川支行为该公司发放贷款5000万元。"
        "该公司总经理彭宇川介绍，产品主要销往东南亚。该行行长黄立川表示，将继续支持。"
        "目前，公司还在与巫山、万州等地多家企业洽谈合作。"
    )
    got = typed(rels(text, names | named(district=["巫山", "万州"]), people))
    assert ("彭宇川", "holds_role_at", "钓城终端") in got
    assert ("黄立川", "holds_role_at", "渝西农商行合川支行") in got
    assert not {x for x in got if x[1] == "partner_of" and x[2] in ("巫山", "万州")}


def test_a_branch_is_该支行():
    names = named(company=["岱川齿轮", "渝桥银行股份有限公司", "渝桥银行綦江支行"])
    people = {"邢梦瑶": ("行长", None)}
    text = (
        "渝桥银行股份有限公司今年加大制造业贷款。渝桥银行綦江支行为岱川齿轮发放贷款3亿元。"
        "“从受理到放款只用了23天。”该支行行长邢梦瑶说。"
    )
    got = typed(rels(text, names, people))
    assert ("邢梦瑶", "holds_role_at", "渝桥银行綦江支行") in got
    # (a branch, not the bank named last)
    names = named(company=["建行璧山支行", "峻岭索道", "重庆农村商业银行"])
    text = (
        "建行璧山支行为峻岭索道发放贷款3000万元。重庆农村商业银行也为该公司提供了授信。"
        "该支行行长邢梦瑶说，支持不停。"
    )
    got = typed(rels(text, names, people))
    assert ("邢梦瑶", "holds_role_at", "建行璧山支行") in got
    assert ("邢梦瑶", "holds_role_at", "重庆农村商业银行") not in got


def test_owners_of_a_joint_venture_put_money_in():
    names = named(company=["江城产投", "涪川食品", "川涪冷链", "蜀丰牧业", "丰都农投", "重庆蜀原"])
    text = (
        "江城产投当天也与涪川食品签订合作协议，双方将共同出资1.6亿元设立川涪冷链，其中江城产投持股51%。"
        "蜀丰牧业成立于去年5月，由丰都县属国有企业丰都农投与重庆蜀原共同出资组建。"
    )
    got = typed(rels(text, names | named(district=["丰都县"])))
    assert {(x, "invests_in", "川涪冷链") for x in ("江城产投", "涪川食品")} <= got
    assert {(x, "invests_in", "蜀丰牧业") for x in ("丰都农投", "重庆蜀原")} <= got
    assert not {x for x in got if "丰都县" in x and x[1] == "partner_of"}  # (丰都县属: what it is)
    names = named(district=["丰都县", "广安市"])
    got = typed(rels("丰都县属于首批与广安市开展对口合作的区县。", names))
    assert ("丰都县", "partner_of", "广安市") in got  # (属于, no 县属)


def test_a_companys_title_opening_a_clause_after_a_sentence_about_the_company():
    names = named(company=["峻岭索道", "龙缸远岫"], district=["璧山区"])
    people = {"庞世杰": ("总经理", None), "周明": ("主任", None)}
    text = (
        "峻岭索道为龙缸远岫配套建设观光索道。峻岭索道总部位于璧山区，总经理庞世杰说，索道明年建成。"
        "峻岭索道与龙缸远岫签约，主任周明说，项目进展顺利。"
    )
    got = typed(rels(text, names, people))
    assert ("庞世杰", "holds_role_at", "峻岭索道") in got
    assert not {x for x in got if x[0] == "周明"}  # (no company's title; two companies named)
    # (a clause about something else between; what the company built, not the company)
    people = {"刘明华": ("老板", None), "陈晓梅": ("经理", None)}
    text = (
        "峻岭索道开通观光索道后，璧山区的农家乐生意红火，老板刘明华说，今年收入翻了一番。"
        "峻岭索道投资建设的酒店位于璧山区，经理陈晓梅介绍，入住率达九成。"
    )
    got = typed(rels(text, names, people))
    assert not {x for x in got if x[1] == "holds_role_at"}


def test_a_banks_loans_to_companies_one_after_another_put_money_in():
    names = named(company=["渝岭银行南川支行", "昱岭铝业", "锐岭部件", "长岭化工", "三岭银行"])
    text = (
        "渝岭银行南川支行为昱岭铝业发放复产贷款3亿元，为锐岭部件发放流动资金贷款5000万元。"
        "三岭银行为长岭化工提供贷款担保。"
    )
    got = typed(rels(text, names))
    assert {("渝岭银行南川支行", "invests_in", x) for x in ("昱岭铝业", "锐岭部件")} <= got
    assert not {x for x in got if x[0] == "三岭银行" and x[1] == "invests_in"}


def test_a_signing_with_firms_named_one_item_after_another():
    names = named(
        company=["蓉岭新材", "鼎岭装备", "宸岭光电", "澳岭厨卫", "锐岭工具"],
        government=["潼南高新区管委会", "大足区人民政府", "大足高新区管委会"],
    )
    text = (
        "推介会上，潼南高新区管委会与12家企业集中签约。签约项目中，蓉岭新材投资20亿元建设钛白粉项目；"
        "鼎岭装备投资8亿元建设农机装备基地；宸岭光电与大足高新区管委会签署投资协议。"
        "宸岭光电董事长说，公司将扩产。"
        "开幕式上，大足区人民政府与各地企业集中签约项目36个。其中，重点签约项目有：1.锐岭工具投资12亿元建设基地。"
        "澳岭厨卫投资8亿元建设产业园。"
    )
    got = {(a, b) for a, t, b in typed(rels(text, names)) if t == "signed_with"}
    assert {("蓉岭新材", "潼南高新区管委会"), ("鼎岭装备", "潼南高新区管委会")} <= got
    assert ("锐岭工具", "大足区人民政府") in got
    # an item that says whom it signed with, a sentence after the list, a list ended with 。
    assert ("宸岭光电", "潼南高新区管委会") not in got and ("宸岭光电", "大足高新区管委会") in got
    assert ("澳岭厨卫", "大足区人民政府") not in got
    # an item that names a service its company provides, no investment
    text = "铜梁区与30家企业集中签约。其中，锐岭工具作为区属国企，将为签约企业提供厂房代建服务。"
    got = typed(rels(text, names | named(district=["铜梁区"])))
    assert not {x for x in got if x[1] == "signed_with"}


def test_a_borrower_applying_to_a_bank_and_公司_after_a_bank():
    names = named(company=["恒岭新材", "渝岭农商行", "渝岭化工", "星岭智能", "博岭制药", "渝岭控股"])
    people = {"杨秀岭": ("党委书记", None)}
    text = (
        "恒岭新材向渝岭农商行申请贷款5000万元。渝岭化工扩产。渝岭农商行是西南首家上市农商行。"
        "公司党委书记杨秀岭介绍，将加大支持。"
    )
    got = typed(rels(text, names, people))
    assert not {x for x in got if x[1] == "invests_in" and x[0] == "恒岭新材"}
    assert ("杨秀岭", "holds_role_at", "渝岭农商行") in got
    text = "星岭智能宣布完成3亿元B轮融资，博岭制药担任本次交易的财务顾问。本轮融资由渝岭控股领投。"
    got = typed(rels(text, names))
    assert ("渝岭控股", "invests_in", "星岭智能") in got and ("渝岭控股", "invests_in", "博岭制药") not in got


def test_a_supply_agreement_makes_partners_beside_its_signing():
    names = named(company=["澄川化工", "甬泰新材", "渝禾银行璧山支行", "赛骐汽车", "彭岭再生", "瀚川铝业"])
    text = "今年9月，澄川化工与甬泰新材签订了为期8年的长期供货协议。"
    assert typed(rels(text, names)) == {
        ("澄川化工", "signed_with", "甬泰新材"),
        ("澄川化工", "partner_of", "甬泰新材"),
    }
    text = "赛骐汽车与渝禾银行璧山支行签署供应链金融合作协议。"  # (a bank's finance, no supply)
    assert not {x for x in typed(rels(text, names)) if x[1] == "partner_of"}
    text = "澄川化工与甬泰新材签署战略合作协议。"  # (a signing says more than cooperation)
    assert typed(rels(text, names)) == {("澄川化工", "signed_with", "甬泰新材")}
    text = "根据协议，彭岭再生每年为瀚川铝业供应分选废铝不少于25万吨。"
    assert ("彭岭再生", "partner_of", "瀚川铝业") in typed(rels(text, names))
    text = "今年以来，渝禾银行璧山支行向瀚川铝业发放贷款5000万元用于原材料供应。"  # (a loan's)
    assert not {x for x in typed(rels(text, names)) if x[1] == "partner_of"}


def test_a_joint_venture_s_owner_described_and_defined_and_a_subscriber_become_shareholders():
    names = named(
        company=["溪岭文旅", "石柱康旅集团", "康旅", "黄水溪岭", "都岭产投", "筠岭新材"], district=["石柱县"]
    )
    text = "项目由溪岭文旅与石柱县属国有企业石柱康旅集团（以下简称康旅）合资组建的黄水溪岭负责运营。"
    got = {x for x in typed(rels(text, names)) if x[1] == "invests_in"}
    assert got == {("溪岭文旅", "invests_in", "黄水溪岭"), ("石柱康旅集团", "invests_in", "黄水溪岭")}
    text = "其中，都岭产投认购3亿元，成为筠岭新材第二大股东。"
    assert ("都岭产投", "invests_in", "筠岭新材") in typed(rels(text, names))


def test_every_shareholder_the_sentence_gives_invests_in_the_company_it_is_about():
    names = named(company=["江枫港口", "卤源集团", "江枫物流", "桑雅缫丝", "桑雅丝绸", "正阳园投"])
    text = "江枫港口与卤源集团签约，双方共同出资2亿元组建江枫物流，其中江枫港口持股60%、卤源集团持股40%。"
    got = {x for x in typed(rels(text, names)) if x[1] == "invests_in"}
    assert got == {("江枫港口", "invests_in", "江枫物流"), ("卤源集团", "invests_in", "江枫物流")}
    text = "桑雅缫丝注册资本3亿元，其中桑雅丝绸持股70%，区属国有企业正阳园投持股30%。"
    got = {x for x in typed(rels(text, names)) if x[1] == "invests_in"}
    assert got == {("桑雅丝绸", "invests_in", "桑雅缫丝"), ("正阳园投", "invests_in", "桑雅缫丝")}
    # (the sentence's subject sets up another company: the shares are that one's, not the subject's)
    got = typed(rels("江枫港口出资组建江枫物流，其中卤源集团持股60%。", names))
    assert ("卤源集团", "invests_in", "江枫港口") not in got and (
        "江枫港口",
        "subsidiary_of",
        "卤源集团",
    ) not in got


def both_ways(rs) -> set[tuple[str, str, str]]:
    """:func:`typed`, with each undirected relation written both ways round."""
    got = typed(rs)
    return got | {(b, t, a) for a, t, b in got if t not in directed_types()}


def test_a_short_name_in_brackets_alone_and_an_owner_described_do_not_hide_a_signing():
    names = named(
        company=["渝北铭泰汽车电子有限公司", "铭泰电子", "德邻集团股份有限公司", "德邻科技", "渝融建设"],
        government=["渝北区人民政府"],
        district=["江北区"],
    )
    names["渝北铭泰汽车电子有限公司"] = ("company", ["铭泰电子"])
    names.pop("铭泰电子")
    text = "12月4日，渝北区人民政府与渝北铭泰汽车电子有限公司（铭泰电子）签订投资协议。"
    assert ("渝北区人民政府", "signed_with", "渝北铭泰汽车电子有限公司") in both_ways(rels(text, names))
    text = "渝融建设与民营企业德邻集团股份有限公司签订增资协议。"
    assert ("渝融建设", "signed_with", "德邻集团股份有限公司") in both_ways(rels(text, names))


def test_其_before_a_subsidiary_a_parent_or_a_customer_is_the_company_before():
    names = named(company=["锐钧工具", "重庆锐钧智能", "长江纸业", "川东实业", "荣腾生物", "荣牧集团"])
    text = "锐钧工具投资12亿元建设园林工具基地，项目由其全资子公司重庆锐钧智能负责建设和运营。"
    assert ("重庆锐钧智能", "subsidiary_of", "锐钧工具") in both_ways(rels(text, names))
    text = "长江纸业去年营收12亿元，其母公司川东实业位于江北区。"
    assert ("长江纸业", "subsidiary_of", "川东实业") in both_ways(rels(text, names))
    text = "荣腾生物主要生产兽药，荣牧集团等大型养殖企业是其主要客户。"
    assert ("荣牧集团", "partner_of", "荣腾生物") in both_ways(rels(text, names))
    text = "荣腾生物主要生产兽药，荣牧集团是其主要客户。"  # (its own clause's company is not what 其 means)
    assert ("荣牧集团", "partner_of", "荣腾生物") in both_ways(rels(text, names))
    # (a body's 其: no company named before it has that subsidiary)
    names.update(named(government=["两江新区管委会"], company=["两江产业集团"]))
    text = "锐钧工具与两江新区管委会签约。两江新区管委会负责人表示，其全资子公司两江产业集团将参与投资。"
    assert not {x for x in typed(rels(text, names)) if x[1] == "subsidiary_of"}


def test_a_suppliers_customers_by_their_orders_their_supply_chain_and_what_they_need():
    names = named(company=["驿通线束", "长安汽车", "阿维塔", "锦程自动化", "远途汽车", "津味源", "粮丰油脂"])
    text = "今年以来，驿通线束新增长安汽车、阿维塔等客户订单4.3亿元。"
    got = both_ways(rels(text, names))
    assert {("驿通线束", "partner_of", "长安汽车"), ("驿通线束", "partner_of", "阿维塔")} <= got
    text = "锦程自动化主要生产焊装夹具，产品已进入远途汽车等10余家整车企业。"
    assert ("锦程自动化", "partner_of", "远途汽车") in both_ways(rels(text, names))
    text = "津味源总经理介绍，公司所需牛油全部由粮丰油脂就近供应。"
    assert ("津味源", "partner_of", "粮丰油脂") in both_ways(rels(text, names))
    # (a lender is no supplier: 所需资金由…提供)
    names.update(named(company=["嵘江银行"]))
    text = "津味源投资5亿元建设新厂，公司所需资金全部由嵘江银行提供。"
    assert {x for x in typed(rels(text, names)) if x[1] == "partner_of"} == set()


def test_a_lenders_credit_agreement_and_a_listings_proceeds_put_money_in():
    names = named(
        company=["工行万州分行", "江港集团", "星辰游轮", "巴合食品"],
        project=["年产6万吨休闲豆制品智能化生产基地建设项目", "研发中心项目"],
    )
    text = "工行万州分行与江港集团、星辰游轮等12家企业签订授信协议，授信总额68亿元。"
    got = both_ways(rels(text, names))
    assert {("工行万州分行", "invests_in", "江港集团"), ("工行万州分行", "invests_in", "星辰游轮")} <= got
    assert ("工行万州分行", "signed_with", "江港集团") in got
    text = "江港集团与星辰游轮签订合作协议。"  # (no loan)
    assert {x for x in both_ways(rels(text, names)) if x[1] == "invests_in"} == set()
    # (the borrower first: the bank still lends; a company lends to no bank)
    names.update(named(company=["嵘江银行"]))
    got = typed(rels("11月5日，江港集团与嵘江银行签订授信协议，获得授信额度5亿元。", names))
    assert ("嵘江银行", "invests_in", "江港集团") in got and ("江港集团", "invests_in", "嵘江银行") not in got
    text = (
        "巴合食品本次公开发行股票2600万股，募集资金3.1亿元，"
        "将主要用于年产6万吨休闲豆制品智能化生产基地建设项目和研发中心项目。"
    )
    got = both_ways(rels(text, names))
    assert ("巴合食品", "invests_in", "年产6万吨休闲豆制品智能化生产基地建设项目") in got
    assert ("巴合食品", "invests_in", "研发中心项目") in got


def test_where_a_company_is_registered_or_inside_a_park():
    names = named(
        company=["云浮华砚石材有限公司", "康泽瑞医疗"], district=["广东省", "云浮市"], park=["生物城"]
    )
    text = "与华砚石材同名的云浮华砚石材有限公司注册地在广东省云浮市。"
    assert ("云浮华砚石材有限公司", "located_in", "云浮市") in both_ways(rels(text, names))
    text = "记者获悉，位于生物城内的康泽瑞医疗研发的胰岛素泵获批上市。"
    assert ("康泽瑞医疗", "located_in", "生物城") in both_ways(rels(text, names))


def test_a_subsidiary_running_its_parents_project_a_groups_fund_manager_and_a_company_wholly_held():
    names = named(
        company=["康牧源药业", "康牧源生物", "科学城产投集团", "科学城基金", "郁江水电", "彭水城投"],
        project=["兽用疫苗产业化项目"],
    )
    text = "兽用疫苗产业化项目由康牧源药业投资建设，其全资子公司康牧源生物负责生产运营。"
    got = typed(rels(text, names))
    assert ("康牧源生物", "operates", "兽用疫苗产业化项目") in got
    assert ("康牧源生物", "subsidiary_of", "康牧源药业") in got
    text = "科学城产投集团副总经理介绍，基金由集团旗下的科学城基金管理。"
    assert ("科学城基金", "subsidiary_of", "科学城产投集团") in typed(rels(text, names))
    text = "郁江水电成立于1998年，是县属国有企业，目前由彭水城投全资持有。"
    assert ("郁江水电", "subsidiary_of", "彭水城投") in typed(rels(text, names))
    # (a minority holder owns no subsidiary)
    text = "郁江水电成立于1998年，目前由彭水城投持有30%股权。"
    assert ("郁江水电", "subsidiary_of", "彭水城投") not in typed(rels(text, names))


def test_a_party_described_by_where_it_is_and_the_parties_of_a_contract_a_court_rules_on():
    names = named(
        company=["康瑞生物", "晶澄玻璃", "嘉舟航运", "武汉嘉舟", "蜀禾食品", "梁田农业", "味之源", "恒彩包装"]
    )
    names.update(named(district=["南岸区", "武汉市", "梁平"]))
    got = both_ways(rels("康瑞生物已与位于南岸区的晶澄玻璃签订5年供货协议。", names))
    assert ("康瑞生物", "signed_with", "晶澄玻璃") in got
    got = both_ways(rels("当天，嘉舟航运还与注册地在武汉市的武汉嘉舟签订舱位互换协议。", names))
    assert ("嘉舟航运", "signed_with", "武汉嘉舟") in got
    got = both_ways(rels("今年1月，蜀禾食品与梁平本土企业梁田农业签署合资协议。", names))
    assert ("蜀禾食品", "signed_with", "梁田农业") in got
    text = "该院近日审结一起买卖合同纠纷案，判令被告味之源向原告恒彩包装支付货款86万元。"
    assert ("味之源", "signed_with", "恒彩包装") in both_ways(rels(text, names))
    # (a ruling on no contract: an injury, a trademark)
    text = "该院审结一起商标侵权纠纷案，判令被告味之源向原告恒彩包装赔偿损失。"
    assert ("味之源", "signed_with", "恒彩包装") not in both_ways(rels(text, names))


def test_shareholders_by_capital_a_subsidiary_set_up_somewhere_and_suppliers_by_what_they_make():
    names = named(
        company=[
            "重庆楚晟",
            "楚晟集团",
            "云阳工投",
            "雅绮集团",
            "重庆雅绮",
            "开鸿智联",
            "听澜声学",
            "巴岚食品",
        ],
        district=["开州"],
    )
    names.update(named(company=["咸宜土猪合作社", "瀚江农商行巫溪支行", "兰英独活合作社", "精耀模具"]))
    names.update(named(district=["九龙坡区"], park=["云阳工业园区"], project=["年产60万吨烧碱项目"]))
    got = typed(rels("重庆楚晟注册资本8亿元，楚晟集团持股85%，云阳工投持股15%。", names))
    assert {("楚晟集团", "invests_in", "重庆楚晟"), ("云阳工投", "invests_in", "重庆楚晟")} <= got
    assert ("重庆楚晟", "subsidiary_of", "楚晟集团") in got and (
        "重庆楚晟",
        "subsidiary_of",
        "云阳工投",
    ) not in got
    text = "该项目由雅绮集团投资建设，其在开州设立的全资子公司重庆雅绮负责运营。"
    got = typed(rels(text, names))
    assert {("重庆雅绮", "subsidiary_of", "雅绮集团"), ("重庆雅绮", "located_in", "开州")} <= got
    got = both_ways(rels("开鸿智联投产后将主要为听澜声学代工组装蓝牙耳机。", names))
    assert ("开鸿智联", "partner_of", "听澜声学") in got
    got = both_ways(rels("巴岚食品董事长介绍，公司所用生猪主要来自咸宜土猪合作社。", names))
    assert ("巴岚食品", "partner_of", "咸宜土猪合作社") in got
    got = typed(rels("12月2日，瀚江农商行巫溪支行向兰英独活合作社发放“药材贷”600万元。", names))
    assert ("瀚江农商行巫溪支行", "invests_in", "兰英独活合作社") in got
    got = typed(rels("精耀模具是九龙坡区一家专业从事精密模具和结构件制造的企业。", names))
    assert ("精耀模具", "located_in", "九龙坡区") in got
    got = typed(rels("11月4日，记者在云阳工业园区看到，年产60万吨烧碱项目已进入设备安装阶段。", names))
    assert ("年产60万吨烧碱项目", "located_in", "云阳工业园区") in got


def test_every_one_of_three_shareholders_of_a_company_set_up():
    names = named(company=["江枫港口", "卤源集团", "渝新投资", "江枫物流"])
    text = "三方共同出资2亿元组建江枫物流，其中江枫港口持股50%、卤源集团持股30%、渝新投资持股20%。"
    got = {x for x in typed(rels(text, names)) if x[1] == "invests_in"}
    assert got == {(o, "invests_in", "江枫物流") for o in ("江枫港口", "卤源集团", "渝新投资")}


def test_a_subsidiary_newly_set_up_somewhere_a_project_started_there_and_a_partner_by_its_park():
    names = named(
        company=["算桥集团", "算桥数据", "扶欢精锻", "楚晶玻璃", "黔锐光伏"],
        district=["南岸", "扶欢镇"],
        park=["綦江工业园区"],
        project=["年产200万件精锻齿坯智能化改造项目"],
    )
    got = typed(rels("项目由算桥集团在南岸新设立的全资子公司算桥数据负责建设和运营。", names))
    assert {("算桥数据", "subsidiary_of", "算桥集团"), ("算桥数据", "located_in", "南岸")} <= got
    text = "扶欢精锻今年投资2.8亿元，在扶欢镇启动年产200万件精锻齿坯智能化改造项目。"
    assert ("年产200万件精锻齿坯智能化改造项目", "located_in", "扶欢镇") in typed(rels(text, names))
    got = both_ways(rels("今年2月，楚晶玻璃与綦江工业园区的黔锐光伏签订长期供货协议。", names))
    assert {("楚晶玻璃", "signed_with", "黔锐光伏"), ("楚晶玻璃", "partner_of", "黔锐光伏")} <= got
    # (a place's villages signing with it are no signing of the place with the one before)
    got = both_ways(rels("经洽谈，南岸与扶欢镇的12个村签订帮扶协议。", names))
    assert ("南岸", "signed_with", "扶欢镇") not in got


def test_co_shareholders_are_partners_and_a_loan_to_a_groups_firm():
    names = named(
        company=["澄江文旅", "酉水旅投", "澄酉文旅", "渝商银行江北支行", "江北水务", "酉阳旅投集团"]
    )
    text = (
        "双方合资成立澄酉文旅，注册资本3亿元，"
        "其中澄江文旅出资1.65亿元、持股55%，酉水旅投出资1.35亿元、持股45%。"
    )
    got = both_ways(rels(text, names))
    assert {("澄江文旅", "invests_in", "澄酉文旅"), ("酉水旅投", "invests_in", "澄酉文旅")} <= got
    assert ("澄江文旅", "partner_of", "酉水旅投") in got
    # (江北发展集团 is a name no rule found: its 集团 points back to no group named before)
    text = "酉阳旅投集团出席。渝商银行江北支行已为江北发展集团旗下的江北水务发放贷款3亿元。"
    got = typed(rels(text, names))
    assert ("渝商银行江北支行", "invests_in", "江北水务") in got
    assert ("江北水务", "subsidiary_of", "酉阳旅投集团") not in got


def test_a_purchase_or_service_agreement_makes_partners_and_a_share_purchase_does_not():
    names = named(company=["橙曦果业", "橘香湾合作社", "橘运冷链", "华峰化工", "渝丰化工"])
    got = both_ways(rels("橙曦果业与橘香湾合作社等12家合作社签订了保底收购协议。", names))
    assert ("橙曦果业", "partner_of", "橘香湾合作社") in got
    got = both_ways(rels("签约现场，橘运冷链还与橙曦果业签订了为期3年的冷链运输服务协议。", names))
    assert ("橘运冷链", "partner_of", "橙曦果业") in got
    got = both_ways(rels("华峰化工与渝丰化工签订股权收购协议。", names))
    assert ("华峰化工", "partner_of", "渝丰化工") not in got
    assert ("华峰化工", "signed_with", "渝丰化工") in got


def test_a_company_a_body_set_up_another_subsidiary_of_a_group_and_a_parent_described():
    names = named(
        company=["南岸城投", "南岸城更公司", "江北城更公司", "江北发展集团"], government=["南岸区国资委"]
    )
    got = typed(rels("南岸城投是南岸区国资委出资设立的国有独资企业。", names))
    assert ("南岸城投", "subsidiary_of", "南岸区国资委") in got
    got = typed(rels("据悉，南岸城投旗下另一家子公司南岸城更公司正在改造老工业区。", names))
    assert ("南岸城更公司", "subsidiary_of", "南岸城投") in got
    got = typed(rels("江北城更公司是区属国有企业江北发展集团的全资子公司。", names))
    assert ("江北城更公司", "subsidiary_of", "江北发展集团") in got


def test_what_the_review_of_the_new_relations_found_they_took_too_far():
    names = named(
        company=["墨衡软件", "锐川电子", "长安汽车"], district=["北京市", "江北区", "璧山区", "永川区"]
    )
    names.update(named(district=["璧山高新区"], project=["智能座舱生产基地项目"]))
    got = typed(rels("墨衡软件是北京市以外全国首家获评国家级示范的软件企业。", names))
    assert ("墨衡软件", "located_in", "北京市") not in got  # (a place compared with)
    got = typed(rels("11月5日，记者在江北区获悉，智能座舱生产基地项目已在璧山高新区开工。", names))
    assert ("智能座舱生产基地项目", "located_in", "江北区") not in got  # (where the reporter was)
    got = both_ways(rels("今年以来，锐川电子先后在璧山区、永川区与长安汽车签订配套协议。", names))
    assert ("长安汽车", "signed_with", "璧山区") not in got  # (where they signed)
