"""The linker on mentions written for the test."""

import dataclasses
import math
from pathlib import Path

import pytest

from graph.link import THRESHOLD, Cluster, Overrides, link, score_pair
from graph.mentions import ALIAS_SOURCE, Mention


def mention(
    surface: str, type_: str = "company", article: str = "p#1", ref: str | None = None, start: int = 0
):
    return Mention(
        "p", article, type_, surface, start, start + len(surface), start, start + len(surface), "t", ref=ref
    )


def by_name(entities):
    return {e.name: e for e in entities}


def test_district_short_form_joins_its_full_name_and_the_zone_stays_apart():
    ents = by_name(link([mention(s, "district") for s in ("涪陵", "涪陵区", "涪陵高新区", "涪陵国家高新区")]))
    assert set(ents["涪陵区"].aliases) == {"涪陵", "涪陵区"}
    zone = next(e for e in ents.values() if "高新区" in e.name)
    assert set(zone.aliases) == {"涪陵高新区", "涪陵国家高新区"}
    assert "涪陵区" not in zone.aliases


def test_a_zone_named_by_its_own_short_form_is_one_zone():
    ents = link([mention(s, "district", start=k * 10) for k, s in enumerate(("万盛", "万盛经开区"))])
    assert [(e.name, e.aliases) for e in ents] == [("万盛经开区", ["万盛", "万盛经开区"])]


def test_short_forms_join_the_full_name_they_stand_for():
    ms = [mention("重庆湘渝盐化有限责任公司"), mention("湘渝盐化", ref="重庆湘渝盐化有限责任公司", start=30)]
    (e,) = link(ms)
    assert e.name == "重庆湘渝盐化有限责任公司"
    assert e.merged == [
        {
            "surface": "湘渝盐化",
            "rule": "short form of 重庆湘渝盐化有限责任公司 in the same article",
            "score": 1.0,
        }
    ]


def test_a_short_form_written_more_often_does_not_name_the_company():
    ms = [mention("重庆锐铂五金制品有限公司")]
    ms += [mention("锐铂五金", ref="重庆锐铂五金制品有限公司", start=30 + 10 * k) for k in range(3)]
    (e,) = link(ms)
    assert e.name == "重庆锐铂五金制品有限公司"


def test_group_and_its_regional_company_stay_two_while_the_bare_brand_joins_its_neighbour():
    ms = [
        mention("华峰集团", article="p#2"),
        mention("重庆华峰化工有限公司"),
        mention("重庆华峰", start=20),
        mention("华峰", start=40),
        mention("华峰", start=50),
    ]
    ents = by_name(link(ms))
    assert "华峰集团" in ents and "重庆华峰化工有限公司" in ents
    assert set(ents["重庆华峰化工有限公司"].aliases) == {"重庆华峰化工有限公司", "重庆华峰", "华峰"}
    assert ents["华峰集团"].aliases == ["华峰集团"]


def test_parent_brand_and_regional_operating_company_stay_apart():
    ents = link([mention("卡涑科技"), mention("杭州卡涑科技", start=10), mention("重庆卡涑", start=20)])
    assert sorted(e.name for e in ents) == ["杭州卡涑科技", "重庆卡涑"]


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("重庆市信华新材料科技有限公司", "信华新材料有限公司"),  # an industry word and a general one after it
        ("重庆捷力轮毂制造有限公司", "捷力轮毂"),  # an industry word and a verb after it
        ("重庆恒钧储能技术有限公司", "恒钧储能"),  # 技术 after an industry word
    ],
)
def test_a_name_with_more_industry_words_joins_its_short_form(full, short):
    (e,) = link([mention(full), mention(short, start=30)])
    assert e.name == full and e.aliases == sorted({full, short})
    assert e.merged[0]["rule"].startswith(("same brand", f"short form {short} of {full}"))


def test_a_short_form_with_its_trade_joins_the_name_it_begins_not_the_group_of_its_brand():
    """曜川动力 is how 重庆曜川动力电池有限公司 is written short, though the brand alone, 曜川, is the
    group's too; likewise 沃岚燃气 of 重庆沃岚燃气设备有限公司 beside 沃岚集团."""
    for full, group, short in [
        ("重庆曜川动力电池有限公司", "常州曜川能源科技集团股份有限公司", "曜川动力"),
        ("重庆沃岚燃气设备有限公司", "浙江沃岚能源装备集团有限公司", "沃岚燃气"),
    ]:
        grouped = group[2:4] + "集团"  # (曜川集团, as the article defines it)
        ents = link(
            [
                mention(group),
                mention(grouped, start=20, ref=group),
                mention(full, start=40),
                mention(short, start=60, article="d#2"),
            ]
        )
        named = {e.name: e for e in ents}
        assert short in named[full].aliases and short not in named[group].aliases
        assert f"short form {short} of {full}" in {m["rule"] for m in named[full].merged}


def test_a_short_form_with_its_trade_joins_one_company_the_one_it_names_best_or_none():
    """Never two (长安汽车 of the carmaker and of 长安汽车金融), the name it is exactly first (墨衡科技 of
    重庆墨衡科技有限公司, not of 重庆墨衡科技创新有限公司), none where two are named as well; and a group
    whose article calls it 沃岚燃气 is no subsidiary 重庆沃岚燃气设备有限公司 by that short form."""

    def aliases(*surfaces: str, short: str) -> dict[str, list[str]]:
        ms = [mention(s, article=f"p#{k}") for k, s in enumerate(surfaces)] + [mention(short, article="p#9")]
        return {e.name: e.aliases for e in link(ms)}

    got = aliases("重庆长安汽车股份有限公司", "长安汽车金融有限公司", short="长安汽车")
    assert "长安汽车" in got["重庆长安汽车股份有限公司"] and "长安汽车" not in got["长安汽车金融有限公司"]
    got = aliases("重庆墨衡科技有限公司", "重庆墨衡科技创新有限公司", short="墨衡科技")
    assert "墨衡科技" in got["重庆墨衡科技有限公司"]
    got = aliases("重庆沃岚燃气设备有限公司", "重庆沃岚燃气工程有限公司", short="沃岚燃气")
    assert "沃岚燃气" not in got["重庆沃岚燃气设备有限公司"] + got["重庆沃岚燃气工程有限公司"]
    group = [mention("沃岚燃气集团有限公司"), mention("沃岚燃气", start=20, ref="沃岚燃气集团有限公司")]
    names = {e.name for e in link([*group, mention("重庆沃岚燃气设备有限公司", article="p#2")])}
    assert names == {"沃岚燃气集团有限公司", "重庆沃岚燃气设备有限公司"}


def test_two_registered_names_of_one_brand_and_different_words_are_two_companies():
    """Two legal names with their region differ as registered names do; one without its region
    may leave words of the other's out, not add its own."""
    for a, b in [
        ("重庆长安汽车股份有限公司", "重庆长安汽车实业有限公司"),
        ("重庆长安汽车股份有限公司", "长安汽车科技有限公司"),
    ]:
        assert len(link([mention(a), mention(b, start=30)])) == 2, (a, b)
    assert len(link([mention("重庆市信华新材料科技有限公司"), mention("信华新材料有限公司", start=30)])) == 1


def test_the_brand_is_before_one_specific_industry_word_only():
    """长安新能源汽车 is not the brand 长安 with two industries: only a general word (科技) or a verb
    (制造) lets the brand begin before an industry word that is not the last."""
    from graph.names import parse_company

    assert parse_company("长安新能源汽车科技有限公司").brand == "长安新能源"
    assert parse_company("重庆长安汽车股份有限公司").brand == "长安"
    assert parse_company("XX制造").brand == "XX制造"  # a verb after no industry word stays the brand's
    # (an address narrows: 龙湾 of 温州 after 重庆 is the brand's)
    longwan = parse_company("重庆龙湾房地产开发有限公司")
    assert (longwan.region, longwan.brand) == (("重庆市",), "龙湾")
    assert parse_company("浙江温州龙湾阀门有限公司").region == ("浙江省", "温州市", "龙湾区")
    # (only after the paper's own city; a zone filed under no place is inside any)
    assert parse_company("宁波江北恒达科技有限公司").region == ("宁波市", "江北区")
    assert parse_company("重庆市两江新区明月湖科技有限公司").region == ("重庆市", "两江新区")
    # (系统 follows a trade: a group's two companies of two trades are two)
    assert parse_company("重庆锂宸储能系统有限责任公司").brand == "锂宸"
    assert (
        len(
            link(
                [mention("重庆锂宸储能系统有限责任公司"), mention("重庆锂宸新能源科技股份有限公司", start=30)]
            )
        )
        == 2
    )
    ents = link([mention("长安新能源汽车科技有限公司"), mention("长安汽车", start=30)])
    assert sorted(e.name for e in ents) == ["长安新能源汽车科技有限公司", "长安汽车"]


def test_a_body_written_with_a_bare_place_word_is_the_one_its_ref_names():
    """区发展改革委 in two articles is two districts' bodies, each linked with its full name and
    named by it where the full name is not written."""
    ms = [
        mention("市经济信息委", "government", "p#1", ref="重庆市经济信息委"),
        mention("重庆市经济信息委", "government", "p#2"),
        mention("区发展改革委", "government", "p#1", ref="潼南区发展改革委", start=10),
        mention("区发展改革委", "government", "p#2", ref="璧山区发展改革委", start=10),
        mention("璧山区发展改革委", "government", "p#3"),
    ]
    ents = link(ms)
    assert sorted((e.name, e.aliases) for e in ents) == [
        ("潼南区发展改革委", ["区发展改革委", "潼南区发展改革委"]),
        ("璧山区发展改革委", ["区发展改革委", "璧山区发展改革委"]),
        ("重庆市经济信息委", ["市经济信息委", "重庆市经济信息委"]),
    ]


def test_a_department_written_in_full_and_shortened_is_one_body_of_its_place():
    ms = [
        mention("重庆市经济和信息化委员会", "government", "p#1"),
        mention("市经信委", "government", "p#2", ref="重庆市经信委"),
        mention("市经济信息委", "government", "p#3", ref="重庆市经济信息委"),
        mention("璧山区经济信息委", "government", "p#3", start=20),
    ]
    assert sorted(e.aliases for e in link(ms)) == [
        ["市经信委", "市经济信息委", "重庆市经济和信息化委员会"],
        ["璧山区经济信息委"],
    ]


@pytest.mark.parametrize(
    ("a", "b", "type_", "one"),
    [
        ("秀山县武陵现代物流园", "秀山武陵现代物流园", "park", True),  # the place in two forms
        ("江津区珞璜工业园", "珞璜工业园", "park", True),  # a proper name, its place written or not
        ("沙坪坝区西永微电园", "西永微电园", "park", True),
        ("璧山区新材料产业园", "新材料产业园", "park", False),  # a kind: whose, only with the place
        ("璧山区新材料产业园", "綦江区新材料产业园", "park", False),
        ("梁平区人民政府", "梁平区政府", "government", True),
        ("永川区人民检察院", "永川区检察院", "government", True),  # (人民 written or not)
        ("永川区人民法院", "永川法院", "government", True),
        ("永川区人民法院", "永川区人民检察院", "government", False),
        ("永川区人民法院", "江津区法院", "government", False),
        ("重庆市綦江区发展改革委", "重庆市发改委", "government", False),  # a district's and its city's
        ("重庆市綦江区人民政府", "重庆市政府", "government", False),
        ("重庆市住房和城乡建设委员会", "重庆市住房城乡建委", "government", True),
        ("重庆市住房城乡建委", "南岸区住房城乡建委", "government", False),
    ],
)
def test_a_body_or_park_is_one_by_its_own_place_in_any_form(a, b, type_, one):
    assert len(link([mention(a, type_, "p#1"), mention(b, type_, "p#2")])) == (1 if one else 2)


def test_a_name_two_articles_define_for_two_things_stays_with_each():
    def defined(surface: str, article: str, ref: str, start: int) -> Mention:
        m = mention(surface, "company", article, ref=ref, start=start)
        return dataclasses.replace(m, source="alias_matcher")

    ms = [
        mention("中国农业银行重庆市分行", "company", "p#1"),
        defined("农行", "p#1", "中国农业银行重庆市分行", 20),
        defined("农行", "p#1", "中国农业银行重庆市分行", 40),
        mention("中国农业银行荣昌支行", "company", "p#2"),
        defined("农行", "p#2", "中国农业银行荣昌支行", 20),
    ]
    assert sorted((e.name, len(e.mentions)) for e in link(ms)) == [
        ("中国农业银行荣昌支行", 2),
        ("中国农业银行重庆市分行", 3),
    ]


def test_two_companies_projects_of_one_descriptive_name_stay_two():
    ms = [
        mention("原料药扩能项目", "project", "p#1", ref="重庆瑞康医药化工有限公司原料药扩能项目"),
        mention("原料药扩能项目", "project", "p#2", ref="重庆康华制药有限公司原料药扩能项目"),
        mention("原料药扩能项目", "project", "p#3", ref="重庆康华制药有限公司原料药扩能项目"),
    ]
    ents = link(ms)
    assert sorted((e.name, len(e.mentions)) for e in ents) == [
        ("重庆康华制药有限公司原料药扩能项目", 2),
        ("重庆瑞康医药化工有限公司原料药扩能项目", 1),
    ]


def test_people_and_places_of_the_same_name_are_not_mixed():
    ents = link(
        [mention("陈星", "person"), mention("陈星宇", "person", start=5), mention("梁平", "district")]
    )
    assert sorted((e.type, e.name) for e in ents) == [
        ("district", "梁平区"),
        ("person", "陈星"),
        ("person", "陈星宇"),
    ]


def _cluster(surface: str, article: str) -> Cluster:
    m = mention(surface, article=article)
    m = dataclasses.replace(m, doc=article.split("#")[0])
    return Cluster("company", surface, [m], "same name")


def test_one_character_variants_need_the_context_to_agree():
    a, b = _cluster("卡涑科技", "p#1"), _cluster("卡速科技", "q#1")
    idf: dict = {}
    same = {id(a): {"涪陵": 3, "复合材料": 2, "轻量化": 2}, id(b): {"涪陵": 3, "复合材料": 2, "轻量化": 2}}
    other = {id(a): {"涪陵": 1, "复合材料": 2}, id(b): {"火锅": 3, "旅游": 2}}
    score, rule = score_pair(a, b, same, idf)
    assert score >= THRESHOLD and "by sound" in rule
    assert score_pair(a, b, other, idf)[0] < THRESHOLD
    c = _cluster("卡涞科技", "r#1")  # 涞 looks like 涑: the same four-corner code
    score, rule = score_pair(a, c, {id(a): same[id(a)], id(c): same[id(b)]}, idf)
    assert score >= THRESHOLD and "by shape" in rule
    # the bags' lengths, where given, are taken; those not given are computed
    assert score_pair(a, b, same, idf, {id(a): math.sqrt(17)}) == score_pair(a, b, same, idf)


def test_one_character_variants_on_one_page_are_two_names():
    a, b = _cluster("建峰集团", "p#1"), _cluster("华峰集团", "p#2")
    ctx = {id(a): {"涪陵": 3, "化工": 2}, id(b): {"涪陵": 3, "化工": 2}}
    assert score_pair(a, b, ctx, {})[0] == 0.0
    # (nor when they sound alike, each written once and neither in full)
    c = _cluster("建丰集团", "p#3")
    assert score_pair(a, c, {id(a): ctx[id(a)], id(c): ctx[id(b)]}, {})[0] == 0.0


def _page(*surfaces: str) -> list:
    """The entities of ``surfaces`` written on one page, in one article, one after another."""
    text, ms = "", []
    for s in surfaces:
        ms.append(mention(s, start=len(text)))
        text += s + "。"
    return link(ms, {"p#1": text})


def test_a_slip_on_one_page_joins_the_name_written_more_often_or_in_full():
    # 洪 and 红 sound alike: a scanner's slip, written once beside the name it slips from
    ents = by_name(_page("重庆红川食品集团股份有限公司", "红川食品集团", "洪川食品"))
    assert set(ents["重庆红川食品集团股份有限公司"].aliases) == {
        "重庆红川食品集团股份有限公司",
        "红川食品集团",
        "洪川食品",
    }
    assert "one character by sound" in ents["重庆红川食品集团股份有限公司"].merged[-1]["rule"]
    # two short names written once each, neither in full: two names
    assert len(_page("洪川食品", "红川食品")) == 2
    # a legal name written once beside another written twice, in other articles of the page: two
    ms = [
        dataclasses.replace(mention(s, article=a, start=k * 20), doc="p")
        for k, (s, a) in enumerate(
            (
                ("重庆华峰化工有限公司", "p#1"),
                ("重庆华峰化工有限公司", "p#1"),
                ("重庆华丰化工有限公司", "p#2"),
            )
        )
    ]
    assert len(link(ms, {"p#1": "重庆华峰化工有限公司。" * 2, "p#2": "重庆华丰化工有限公司。"})) == 2
    # a slip changes a character of the brand, not the trade
    assert len(_page("浙江恒驰机械集团有限公司", "浙江恒驰机械集团有限公司", "恒弛传动")) == 2


def test_a_brands_company_in_a_city_written_after_the_brand_is_of_that_region():
    # 丰岳重庆公司: 沣岳's company in 重庆, its 丰 a slip of 沣, written once beside the legal name
    (e,) = _page("沣岳新能源（重庆）有限公司", "沣岳新能源（重庆）有限公司", "丰岳重庆公司")
    assert e.name == "沣岳新能源（重庆）有限公司"
    assert len(_page("沣岳新能源（重庆）有限公司", "沣岳新能源（重庆）有限公司", "丰岳成都公司")) == 2
    # a branch's place is the branch's: 农行 beside 农行重庆市分行 is the bank, not that branch
    assert len(_page("农行重庆市分行", "农行重庆市分行", "农行")) == 2


def test_two_registered_names_stay_two_companies_whatever_their_short_forms_share():
    text = (
        "中国建筑第五工程局有限公司（以下简称中建五局）。"
        "中建五局重庆城市建设有限公司（以下简称中建五局重庆公司）。"
    )
    parent, child = "中国建筑第五工程局有限公司", "中建五局重庆城市建设有限公司"
    ms = [
        mention(parent),
        dataclasses.replace(mention("中建五局", ref=parent, start=20), source="alias_matcher"),
        mention(child, start=26),
        dataclasses.replace(mention("中建五局重庆公司", ref=child, start=50), source="alias_matcher"),
    ]
    assert sorted(e.aliases for e in link(ms, {"p#1": text})) == [
        ["中国建筑第五工程局有限公司", "中建五局"],
        ["中建五局重庆公司", "中建五局重庆城市建设有限公司"],
    ]
    # a slip of one registered name is still that name (卡涑 / 卡涞)
    assert len(_page("重庆卡涞复合材料有限公司", "重庆卡涞复合材料有限公司", "重庆卡涑复合材料有限公司")) == 1

    def defined(a: str, b: str, short: str) -> int:  # (two articles defining one short form)
        ms = []
        for k, name in enumerate((a, b)):
            art = f"p#{k + 1}"
            ms += [
                mention(name, article=art),
                dataclasses.replace(mention(short, article=art, ref=name, start=30), source="alias_matcher"),
            ]
        texts = {
            f"p#{k + 1}": f"{n}（以下简称{short}）。{short}投资建设的项目开工。" for k, n in enumerate((a, b))
        }
        return len(link(ms, texts))

    # one name with characters left out, or written with a trade more, is the same company
    assert (
        defined("国家电力投资集团重庆电力有限公司", "国家电投集团重庆电力有限公司", "国家电投重庆公司") == 1
    )
    assert defined("重庆卡涞复合材料有限公司", "重庆卡涞复材料有限公司", "卡涞") == 1
    assert defined("中国铁建港航局集团有限公司", "中铁建港航局集团有限公司", "铁建港航") == 1
    # a group and its regional company are two, though one name begins with the other's brand
    assert defined("中冶赛迪集团有限公司", "中冶赛迪重庆信息技术有限公司", "中冶赛迪") == 2


def test_a_company_renamed_is_one_entity_of_both_names_and_only_where_the_article_says_so():
    old, new = "重庆渝达机电集团有限公司", "重庆渝达智能装备集团有限公司"
    (e,) = link([mention(old, ref=new), mention(new, start=40)])
    assert e.name == new and e.aliases == [new, old]
    assert e.merged == [{"surface": old, "rule": f"former name of {new} in the same article", "score": 1.0}]
    # without the article's word the two registered names stay two
    assert len(link([mention(old), mention(new, start=40)])) == 2


def test_a_name_only_the_model_took_for_a_person_is_the_company_of_that_brand_on_its_page():
    full = "重庆康瑞泽生物制药有限公司"
    guessed = [
        dataclasses.replace(mention("康瑞泽", "person", article=f"p#{k}", start=10), source="model_people")
        for k in (2, 3)
    ]
    ents = link([mention(full), *guessed])
    assert [(e.type, e.name, len(e.mentions)) for e in ents] == [("company", full, 3)]
    # not where a rule says it is a person (董事长康瑞泽), nor the brand of another page
    titled = dataclasses.replace(
        mention("康瑞泽", "person", article="p#4", start=10), source="person_matcher"
    )
    assert sorted(e.type for e in link([mention(full), *guessed, titled])) == ["company", "person"]
    elsewhere = [dataclasses.replace(m, doc="q") for m in guessed]
    assert sorted(e.type for e in link([mention(full), *elsewhere])) == ["company", "person"]


def test_a_registered_name_slipped_once_beside_its_brand_joins_the_company_the_brand_joined():
    full, slipped = "重庆康瑞泽生物制药有限公司", "重庆康瑞择生物制药有限公司"
    ms = [mention(full, article="p#1")]
    ms += [mention("康瑞泽", article=f"p#{k}", start=10 + k) for k in (2, 3, 4, 4, 4)]
    ms += [mention(slipped, article="p#4", start=40)]
    texts = {f"p#{k}": f"{full}。康瑞泽生产预灌封注射器。{slipped}扩产。" for k in range(1, 5)}
    (e,) = link(ms, texts)
    assert e.name == full and slipped in e.aliases
    # written as often as the other, it is another company
    ms += [mention(slipped, article=f"p#{k}", start=60) for k in (2, 3)]
    assert len(link(ms, texts)) == 2


def test_a_market_regulator_written_in_full_and_short_is_one_body():
    def m(surface: str, start: int = 0) -> Mention:
        return mention(surface, "government", start=start)

    (e,) = link([m("北碚区市场监督管理局"), m("北碚区市场监管局", 20)])
    assert e.aliases == ["北碚区市场监督管理局", "北碚区市场监管局"]
    assert len(link([m("北碚区市场监管局"), m("南岸区市场监管局", 20)])) == 2


def test_a_work_named_by_a_proper_name_is_one_with_its_county_before_it_or_not():
    ms = [
        mention("丰都石鹰岩抽水蓄能电站", "project", article="p#1"),
        mention("石鹰岩抽水蓄能电站", "project", article="p#2"),
    ]
    assert [e.name for e in link(ms)] == ["丰都石鹰岩抽水蓄能电站"]
    # a work named by its kind is another county's, however rare its first word
    for kind in ("场镇污水管网建设工程", "棚改安置房建设项目"):
        ms = [
            mention("璧山区" + kind, "project", article="p#1"),
            mention("大足区" + kind, "project", article="p#2"),
        ]
        assert len(link(ms)) == 2
    ms = [
        mention("大足区城市污水处理厂三期扩建工程", "project", article="p#1"),
        mention("城市污水处理厂三期扩建工程", "project", article="p#2"),
        mention("涪陵区城市污水处理厂三期扩建工程", "project", article="p#3"),
    ]
    assert len(link(ms)) == 3


def test_a_slip_names_the_entity_by_the_legal_name_it_slips_from():
    (e,) = _page("贵州苗岭茶业有限公司", "苗玲茶业")
    assert e.name == "贵州苗岭茶业有限公司"


def test_a_known_banks_branch_is_named_in_full():
    ms = [
        dataclasses.replace(mention(s, start=k * 20), kb="中国工商银行股份有限公司|重庆市|分行")
        for k, s in enumerate(("工行重庆市分行", "中国工商银行重庆市分行", "工行重庆市分行"))
    ]
    (e,) = link(ms)
    assert e.name == "中国工商银行重庆市分行"


def test_a_zone_in_the_gazetteer_and_its_short_form_are_one_zone():
    (e,) = link(
        [mention(s, "district", start=k * 10) for k, s in enumerate(("江津综合保税区", "江津综保区"))]
    )
    assert e.name == "江津综合保税区"


def test_a_committee_written_in_full_or_short_is_one_body():
    ms = [
        mention("江津综合保税区管理委员会", "government"),
        mention("综保区管委会", "government", ref="江津综合保税区管委会", start=20),
    ]
    (e,) = link(ms)
    assert e.name == "江津综合保税区管理委员会"


def test_overrides_merge_separate_and_rename(tmp_path: Path):
    path = tmp_path / "overrides.toml"
    path.write_text(
        '[[merge]]\nnames = ["卡涑科技", "卡涞科技"]\n\n'
        '[[separate]]\nnames = ["重庆湘渝盐化有限责任公司", "湘渝盐化"]\n\n'
        '[rename]\n"卡涑科技" = "卡涞科技"\n',
        encoding="utf-8",
    )
    ov = Overrides.load(path)
    ms = [
        mention("卡涑科技"),
        mention("卡涞科技", article="q#1"),
        mention("重庆湘渝盐化有限责任公司", start=10),
        mention("湘渝盐化", ref="重庆湘渝盐化有限责任公司", start=30),
    ]
    ents = by_name(link(ms, overrides=ov))
    assert set(ents["卡涞科技"].aliases) == {"卡涑科技", "卡涞科技"}
    assert any(m["rule"] == "merged by an override" for m in ents["卡涞科技"].merged)
    assert "湘渝盐化" in ents and "重庆湘渝盐化有限责任公司" in ents


def test_bad_overrides_file_is_named(tmp_path: Path):
    path = tmp_path / "overrides.toml"
    path.write_text("[[merge]\nnames = [", encoding="utf-8")
    with pytest.raises(ValueError, match=r"overrides\.toml"):
        Overrides.load(path)


def test_ids_and_order_do_not_depend_on_input_order():
    ms = [
        mention(s, "district", start=i * 5)
        for i, s in enumerate(("北碚", "北碚区", "巫山", "重庆", "重庆市"))
    ]
    a = [(e.id, e.aliases) for e in link(ms)]
    b = [(e.id, e.aliases) for e in link(list(reversed(ms)))]
    assert a == b


def test_overrides_survive_rebuilds_and_explain_says_why(tmp_path: Path):
    import subprocess
    import sys

    page = tmp_path / "pages" / "p1.txt"
    page.parent.mkdir()
    page.write_text(
        "江津 新材料企业加快投产\n\n□ 江津日报记者 李明\n\n"
        "近日，重庆博恒科技有限公司在江津区投产。博恒科技董事长孙立说，产品供不应求。\n",
        encoding="utf-8",
    )
    (tmp_path / "overrides.toml").write_text(
        '[rename]\n"重庆博恒科技有限公司" = "博恒科技集团"\n', encoding="utf-8"
    )
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "graph", *a], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    built = run("build", "pages", "--out", "out", "--jobs", "1", "--quiet")
    assert built.returncode == 0, built.stderr
    shown = run("explain", "博恒科技", "--out", "out")
    assert shown.returncode == 0
    assert "博恒科技集团  [company]" in shown.stdout
    assert "博恒科技  ← " in shown.stdout and "(score" in shown.stdout
    assert run("explain", "没有这个", "--out", "out").returncode == 1


def test_a_crowded_one_character_key_still_joins_names_that_look_alike():
    """``?速科技`` is shared by more names than the linker compares all pairs of
    (FUZZY_BLOCK); the two whose differing characters look alike (日/星, four-corner code 6010)
    are still compared, through the shape key, and joined; the others stay apart."""
    from graph.link import FUZZY_BLOCK

    others = "天地人和山水火木金土月江云风雨雪花草林"  # none sounds or looks like another
    assert len(others) + 2 > FUZZY_BLOCK
    texts, ms = {}, []
    topic = "该企业在璧山生产新能源汽车轻量化复合材料零部件，产品配套多家整车企业。"
    for i, ch in enumerate(others):
        art = f"o{i}#1"
        texts[art] = f"{ch}速科技主营{ch}{ch}餐饮连锁与文化旅游第{i}号门店。"
        ms.append(dataclasses.replace(mention(f"{ch}速科技", article=art), doc=f"o{i}"))
    for doc, name in (("a", "日速科技"), ("b", "星速科技")):
        texts[f"{doc}#1"] = name + topic
        ms.append(dataclasses.replace(mention(name, article=f"{doc}#1"), doc=doc))
    ents = link(ms, texts)
    joined = [e for e in ents if len(e.aliases) > 1]
    assert [sorted(e.aliases) for e in joined] == [["日速科技", "星速科技"]]
    assert "by shape" in joined[0].merged[0]["rule"]
    assert len(ents) == len(others) + 1


def test_a_central_body_in_its_forms_is_one_entity_and_no_local_one():
    ms = [
        Mention("a", "a#1", "government", s, 0, len(s), 0, len(s), "government_matcher", ref=ref)
        for s, ref in (
            ("工信部", "工业和信息化部"),
            ("工业和信息化部", "工业和信息化部"),
            ("国家发改委", "国家发展和改革委员会"),  # (two short forms, the full name never written)
            ("国家发展改革委", "国家发展和改革委员会"),
            ("商务部", "商务部"),
            ("市商务委", "重庆市商务委"),
        )
    ]
    got = sorted((e.name, e.aliases) for e in link(ms))
    assert got == [
        ("商务部", ["商务部"]),
        ("国家发展和改革委员会", ["国家发展和改革委员会", "国家发展改革委", "国家发改委"]),
        ("工业和信息化部", ["工业和信息化部", "工信部"]),
        ("重庆市商务委", ["市商务委", "重庆市商务委"]),
    ]


def test_a_districts_congress_and_cppcc_in_their_forms_are_one_body_each():
    forms = ("江津区政协", "江津区政协委员会", "江津区人大常委会", "江津区人民代表大会常务委员会")
    ms = [Mention("a", "a#1", "government", s, 0, len(s), 0, len(s), "government_matcher") for s in forms]
    assert sorted(e.aliases for e in link(ms)) == [
        ["江津区人大常委会", "江津区人民代表大会常务委员会"],
        ["江津区政协", "江津区政协委员会"],
    ]


def _people(*written: tuple[str, str | None, str], doc: str = "p") -> list:
    """The mentions of people ``(name, title, article)`` written on page ``doc``, in that order; a
    title is a post at an organisation written before it, unless it is one of 村民 or 记者."""
    return [
        dataclasses.replace(
            mention(s, "person", article=a, start=k * 20),
            doc=doc,
            role=role,
            org_start=None if role in (None, "村民", "记者") else max(0, k * 20 - 8),
            org_end=None if role in (None, "村民", "记者") else max(0, k * 20 - 2),
        )
        for k, (s, role, a) in enumerate(written)
    ]


def test_a_slipped_name_of_a_person_joins_the_name_on_its_page():
    # 名 and 明 sound alike; the same post before both, in two articles of one page
    (e,) = link(_people(("何明远", "主任", "p#1"), ("何名远", "主任", "p#2"), ("何名远", None, "p#2")))
    assert set(e.aliases) == {"何明远", "何名远"}
    assert "the same post" in e.merged[0]["rule"]
    # written once beside the name written more often, with no post to tell them apart
    (e,) = link(_people(("曾德福", "董事长", "p#1"), ("曾德福", None, "p#1"), ("曾得福", None, "p#1")))
    assert e.name == "曾德福"
    # two posts that differ are two people; so are names written as often, and two-character names
    assert (
        len(link(_people(("曾德福", "董事长", "p#1"), ("曾德福", None, "p#1"), ("曾德芙", "主任", "p#1"))))
        == 2
    )
    assert len(link(_people(("曾德福", None, "p#1"), ("曾得福", None, "p#1")))) == 2
    assert len(link(_people(("王刚", None, "p#1"), ("王刚", None, "p#1"), ("王钢", None, "p#1")))) == 2
    # a title that is no post joins no one (村民王晓红, 村民王小红 are two villagers)
    assert (
        len(link(_people(("王晓红", "村民", "p#1"), ("王小红", "村民", "p#1"), ("王晓红", None, "p#1")))) == 2
    )
    # nor a name written on another page too: a namesake, not a slip (the doctor 何名远 elsewhere)
    here = _people(("何明远", "主任", "p#1"), ("何明远", None, "p#1"), ("何名远", None, "p#1"))
    there = _people(("何名远", None, "q#1"), doc="q")
    assert len(link(here + there)) == 2
    # nor a different surname (曾/增), nor a town
    assert len(link(_people(("曾德福", None, "p#1"), ("曾德福", None, "p#1"), ("增德福", None, "p#1")))) == 2
    towns = [mention(s, "district", start=k * 20) for k, s in enumerate(("龙兴镇", "龙兴镇", "龙形镇"))]
    assert len(link(towns)) == 2


def test_the_bare_zone_of_two_articles_joins_each_its_own_zone():
    def zone(s: str, article: str, start: int, ref: str | None = None):
        return mention(s, "district", article=article, start=start, ref=ref)

    ms = [
        zone("潼南高新区", "p#1", 0),
        zone("高新区", "p#1", 20, ref="潼南高新区"),
        zone("铜梁高新区", "p#2", 0),
        zone("高新区", "p#2", 20, ref="铜梁高新区"),
    ]
    ents = by_name(link(ms))
    assert set(ents) == {"潼南高新区", "铜梁高新区"}
    assert [m.article for m in ents["潼南高新区"].mentions] == ["p#1", "p#1"]
    # named in full, however often the article writes it bare
    bare = [zone("高新区", "p#3", 20 + k, ref="潼南高新区") for k in range(3)]
    ents = by_name(link([zone("潼南高新区", "p#3", 0), *bare]))
    assert set(ents) == {"潼南高新区"}


def test_a_slip_changes_no_city():
    """重庆博远新材料科技 and 成都博源新材料, registered in two cities, are two companies however alike
    their brands sound and however short the first is written (博远新材)."""
    full = "重庆博远新材料科技有限公司"
    text = f"{full}。博远新材。成都博源新材料有限公司。"
    ms = [mention(full), mention("博远新材", ref=full, start=14), mention("成都博源新材料有限公司", start=19)]
    ents = link(ms, {"p#1": text})
    assert sorted(sorted(e.aliases) for e in ents) == [
        ["博远新材", "重庆博远新材料科技有限公司"],
        ["成都博源新材料有限公司"],
    ]
    # (the city's own slip of one name still joins it: 卡涑 / 卡涞, both in 重庆)
    assert len(_page("重庆卡涞复合材料有限公司", "重庆卡涞复合材料有限公司", "重庆卡涑复合材料有限公司")) == 1


def test_a_park_named_by_a_proper_name_after_its_town_too():
    ms = [
        mention("沙坪坝区凤凰镇青凤智能制造产业园", "park", "p#1"),
        mention("青凤智能制造产业园", "park", "p#2"),
    ]
    assert len(link(ms)) == 1


def test_parks_of_one_trade_in_two_counties_stay_two():
    ms = [mention("江津区冷链物流园", "park", "p#1"), mention("万州区冷链物流园", "park", "p#2", start=20)]
    assert len(link(ms)) == 2


def test_a_company_renamed_is_named_by_the_name_it_has_now_however_often_its_old_short_name_is_written():
    old, new = "重庆万川浮法玻璃有限公司", "重庆晶川玻璃科技有限公司"
    ms = [mention(old, ref=new)]
    ms += [
        dataclasses.replace(mention("万川玻璃", ref=old, start=20 + k), source=ALIAS_SOURCE) for k in range(4)
    ]
    ms += [
        mention(new, start=60),
        dataclasses.replace(mention("晶川科技", ref=new, start=80), source=ALIAS_SOURCE),
    ]
    (e,) = link(ms)
    assert e.name == new


def test_a_slip_that_keeps_a_part_of_the_character_joins_on_its_page_only():
    # (甑 for 甄: one sound apart, four corners apart, the same 瓦)
    full, slipped = "重庆忠甄柑橘食品有限公司", "重庆忠甑柑橘食品有限公司"
    text = f"{full}榨汁车间投产。{full}的榨汁车间扩产。{slipped}榨汁车间主任说。"
    ms = [mention(full), mention(full, start=19), mention(slipped, start=text.index(slipped))]
    (e,) = link(ms, {"p#1": text})
    assert e.name == full and slipped in e.aliases
    # on pages of their own two such names are two companies, and unlike characters stay apart
    far = [mention(full, article="p#1"), dataclasses.replace(mention(slipped, article="q#1"), doc="q")]
    assert len(link(far)) == 2
    ms[-1] = mention("重庆忠安柑橘食品有限公司", start=60)
    assert len(link(ms, {"p#1": text.replace(slipped, "重庆忠安柑橘食品有限公司")})) == 2


def test_a_banks_branch_written_with_and_without_the_banks_legal_form_is_one_branch():
    full, short = "重庆汇岭银行股份有限公司铜梁支行", "汇岭银行铜梁支行"
    (e,) = link([mention(full), mention(short, article="p#2")])
    assert e.name == full and short in e.aliases
    # another branch, or the bank itself, stays apart
    ms = [mention(full), mention("汇岭银行大足支行", article="p#2"), mention("汇岭银行", article="p#3")]
    assert len(link(ms)) == 3


def test_the_same_title_at_two_organisations_is_no_slip():
    def posts(text: str) -> list[Mention]:
        """The two vice-directors of ``text``, each with the body written before the title."""
        out = []
        for name, title in (("蒋明远", text.index("副局长")), ("蒋明源", text.rindex("副局长"))):
            body = text.rindex("重庆市", 0, title)
            m = mention(name, "person", start=text.index(name))
            out.append(dataclasses.replace(m, role="副局长", org_start=body, org_end=title))
        return out

    # (任命蒋明远为重庆市生态环境局副局长；…免去蒋明源的重庆市能源局副局长职务: two people)
    text = "任命蒋明远为重庆市生态环境局副局长；免去蒋明源的重庆市能源局副局长职务。"
    assert len(link(posts(text), {"p#1": text})) == 2
    # the same post at the same body is one person slipped
    text = text.replace("生态环境局", "能源局")
    assert len(link(posts(text), {"p#1": text})) == 1


def test_a_company_renamed_joins_its_new_name_whatever_their_trades_say():
    old, new = "重庆梁岭农业发展有限公司", "重庆梁岭食品集团有限公司"
    ms = [
        mention(old, article="p#1"),
        mention("梁岭农业", article="p#1", ref=old, start=20),
        mention(old, article="q#1", ref=new, start=0),
        mention(new, article="q#1", start=30),
        mention("梁岭食品集团", article="q#1", ref=new, start=60),
    ]
    (e,) = link(ms)
    assert e.name == new and {old, "梁岭农业", "梁岭食品集团"} <= set(e.aliases)


def test_a_group_and_a_firm_whose_registered_name_holds_more_trades_are_two():
    # (冰驿物流 leaves 医药冷链 out of 冰驿医药冷链物流: another company, the group's; a name that
    # leaves out a character here and there is the same, see the 国家电投 test above)
    ms = [
        mention("重庆冰岭医药冷链物流有限公司"),
        mention("冰岭冷链", ref="重庆冰岭医药冷链物流有限公司", start=20),
        mention("重庆冰岭物流集团有限公司", start=40),
    ]
    assert len(link(ms)) == 2


def test_a_union_of_cooperatives_is_no_cooperative_of_its_produce():
    ms = [
        mention("巫山县脆岭产业专业合作社联合社"),
        mention("脆岭联合社", ref="巫山县脆岭产业专业合作社联合社", start=20),
        mention("脆岭专业合作社", article="p#2"),
    ]
    assert len(link(ms)) == 2


def test_a_short_form_joins_the_name_of_its_brand_and_trade_first():
    # (鸿岭置业 is the group's; the project company 鸿岭房地产开发 of the same brand stays apart)
    ms = [
        mention("重庆鸿岭置业集团有限公司", article="p#1"),
        mention("重庆鸿岭房地产开发有限公司", article="p#2"),
        mention("鸿岭置业", article="p#3"),
    ]
    ents = by_name(link(ms))
    assert "鸿岭置业" in ents["重庆鸿岭置业集团有限公司"].aliases
    assert ents["重庆鸿岭房地产开发有限公司"].aliases == ["重庆鸿岭房地产开发有限公司"]


def test_a_neighbours_brand_that_shares_a_part_is_no_slip_and_a_bare_区_body_is_its_districts():
    # (江 and 红 both end in 工: a registered name slipped would be one, a brand alone beside is not)
    ms = [mention("重庆江峰机械有限公司"), mention("江峰机械", start=20), mention("江峰机械", start=40)]
    ms += [mention("红峰机械", start=60)]
    assert (
        len(link(ms, {"p#1": "重庆江峰机械有限公司生产车间。江峰机械扩产。江峰机械招工。红峰机械也在招工。"}))
        == 2
    )
    text = "铜梁区交通运输委主任何明远带队检查。何明远说。区交通运输委主任何名远通报情况。"

    def post(name: str, body: str, at: int) -> Mention:
        s, o = text.index(name, at), text.index(body, at)
        return dataclasses.replace(
            mention(name, "person", start=s), role="主任", org_start=o, org_end=o + len(body)
        )

    ms = [post("何明远", "铜梁区交通运输委", 0), post("何名远", "区交通运输委", 20)]
    ms.append(mention("何明远", "person", start=text.index("何明远说")))
    (e,) = link(ms, {"p#1": text})
    assert e.name == "何明远"


def test_two_names_one_character_apart_in_one_sentence_are_two_people():
    text = "董事长颜素芬说，公司现有织工260名。颜素芬介绍了项目。织工颜素芳是颜素芬的堂妹。"
    ms = [
        dataclasses.replace(mention("颜素芬", "person", start=3), role="董事长"),
        mention("颜素芬", "person", start=text.index("颜素芬介绍")),
        mention("颜素芳", "person", start=text.index("颜素芳")),
        mention("颜素芬", "person", start=text.index("颜素芬的")),
    ]
    assert len(link(ms, {"p#1": text})) == 2
    # written in sentences of their own, the one written once is a slip of the other
    text = text.replace("织工颜素芳是颜素芬的堂妹", "颜素芳说，订单排到了年底")
    ms[2:] = [mention("颜素芳", "person", start=text.index("颜素芳"))]
    assert len(link(ms, {"p#1": text})) == 1
