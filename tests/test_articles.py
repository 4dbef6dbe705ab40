import re

import pytest

from graph.articles import DATELINE, split_page

FOLD = str.maketrans("（）！，：；？", "()!,:;?")


def fold(s: str | None) -> str:
    return re.sub(r"\s", "", s or "").translate(FOLD)


PAGE = """
北碚 发布全国首个蜡梅农业气象观测规范

□ 重庆日报通讯员 叶彬利

近日，由北碚区气象局组织编制的地方标准获批发布。这是全国首个

位于北碚区的蜡梅基地。重庆日报通讯员 王二 摄

蜡梅农业气象观测规范。

巴南 试点打造两个认知障碍照护专区

□ 巴南日报记者 舒晴 李明

“老人家，我们来听一首歌！”近日，在巴南区花溪街道社区养老服务中心，护理员正带着老人做游戏。

遗失启事

张三遗失身份证一张，特此声明。

新农村的幸福年

近日，綦江区石角镇新农村热闹非凡。

重庆科技报通讯员 陈星宇 摄
"""


def test_split_written_page():
    arts = split_page(PAGE, "p")
    assert [a.title for a in arts] == [
        "北碚 发布全国首个蜡梅农业气象观测规范",
        "巴南 试点打造两个认知障碍照护专区",
        "遗失启事",
        "新农村的幸福年",
    ]
    assert [a.id for a in arts] == ["p#1", "p#2", "p#3", "p#4"]
    assert arts[0].reporters == ["叶彬利", "王二"]
    assert arts[1].reporters == ["舒晴", "李明"]
    assert [a.kind for a in arts] == ["article", "article", "notice", "photo_caption"]
    assert arts[3].reporters == ["陈星宇"]
    # the paragraph broken by a caption is joined again, the caption kept apart
    assert "这是全国首个蜡梅农业气象观测规范。" in arts[0].text
    assert arts[0].captions == ["位于北碚区的蜡梅基地。重庆日报通讯员 王二 摄"]


def test_article_text_points_back_at_the_page():
    arts = split_page(PAGE, "p")
    for a in arts:
        assert len(a.origin) == len(a.text)
        for i, ch in enumerate(a.text):
            if ch != "\n":
                assert PAGE[a.origin[i]] == ch or PAGE[a.origin[i]] in ',:;!?()"'


def test_seed_pages_hold_31_items(seed_pages):
    counts = {doc: len(split_page(text, doc)) for doc, text in seed_pages.items()}
    assert sum(counts.values()) == 31, counts


def test_splitter_agrees_with_development_gold(seed_pages, gold):
    checked = 0
    for doc, g in gold.items():
        arts = split_page(seed_pages[doc], doc)
        assert len(arts) == len(g["articles"]), doc
        for a, ga in zip(arts, g["articles"], strict=True):
            assert fold(a.title) == fold(ga["title"]), (doc, a.index)
            assert a.reporters == ga["reporters"], (doc, a.index)
            assert a.kind == ga["kind"], (doc, a.index)
            assert fold(a.subtitle) == fold(ga.get("subtitle")), (doc, a.index)
            assert fold(ga["first_line_of_body"])[:30] in fold(a.text[a.body_start :]), (doc, a.index)
            checked += 1
    assert checked == 23


@pytest.mark.parametrize(
    ("doc", "joined"),
    [
        ("000_69ef3ec4d4267591", "就做出这么详细的方案，不熬上几个通宵"),
        ("001_2c562a0b38f46b2a", "这些磷石膏被堆积在长江边上"),
        ("002_5ca118eef2bdb4a6", "首批意向注册用户涵盖了"),
        ("004_e64839a68220c915", "黔江区三磊玻纤有限公司"),
    ],
)
def test_lines_broken_mid_sentence_are_joined(seed_pages, doc, joined):
    text = "".join(a.text for a in split_page(seed_pages[doc], doc))
    assert joined in text


def test_spaces_from_column_wraps_are_gone(seed_pages):
    arts = split_page(seed_pages["004_e64839a68220c915"], "004")
    paragraphs = [ln for ln in arts[0].text[arts[0].body_start :].split("\n") if len(ln) > 40]
    assert len(paragraphs) > 20
    assert not [p for p in paragraphs if re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", p)]
    assert "产业集群" in "".join(paragraphs)


PADDED = """
年产10万吨 涪陵一新材料项目投产

□ 重庆日报记者 谭 亮 实习生 刘思远

本报讯 4月9日，一新材料项目在涪陵区投产。

工人正在车间忙碌。

特约摄影 朱 丹

“今年已累计开工项目19个。”负责人介绍。

潼南区长走访企业

□ 重庆日报记者 何 婷

5月22日，潼南区区长带队走访企业。
"""


def test_two_character_names_set_as_wide_as_three_still_make_bylines():
    """A credit pads a two-character name to three characters' width (谭 亮): the byline still
    starts an item, its names are whole (and point back at the page), 实习生 is no name, and a
    photographer's line credits the picture above without starting an item."""
    arts = split_page(PADDED, "p")
    assert [a.title for a in arts] == ["年产10万吨 涪陵一新材料项目投产", "潼南区长走访企业"]
    assert [a.reporters for a in arts] == [["谭亮", "刘思远", "朱丹"], ["何婷"]]
    assert "负责人介绍" in arts[0].text
    k = arts[0].text.index("谭亮")
    assert PADDED[arts[0].origin[k]] == "谭" and PADDED[arts[0].origin[k + 1]] == "亮"


def test_a_picture_story_keeps_its_photographer_and_a_caption_keeps_its_spaces():
    page = (
        "甲文标题在此处\n\n□ 重庆日报记者 张 三\n\n正文第一段讲述了很多事情，内容丰富。\n\n"
        "春到乡村 油菜花开\n\n特约摄影 朱 丹\n\n3月20日，游客在油菜花田中游玩。\n\n"
        "6月1日，市民在 渝 中 区 游玩。记者 李 四 摄\n"
    )
    arts = split_page(page, "p")
    assert [(a.title, a.reporters) for a in arts] == [
        ("甲文标题在此处", ["张三"]),
        ("春到乡村 油菜花开", ["朱丹", "李四"]),
    ]
    assert arts[1].captions == ["6月1日，市民在 渝 中 区 游玩。记者 李四 摄"]


def test_an_interviewers_questions_stay_in_the_interview():
    """记者：为什么选在水土？ is short and ends in a question mark, like a headline: it is the
    interviewer's turn, and the interview one article."""
    page = "\n".join(
        [
            "“把根扎在重庆”",
            "——访重庆云拓数据科技有限公司董事长邹海",
            "□ 重庆日报记者 夏婧",
            "重庆云拓数据科技有限公司是一家工业数据服务企业，总部位于两江新区，今年营收有望突破十亿元。",
            "记者：为什么选在水土？",
            "邹海：水土是两江新区数字经济产业的重要承载地，周边有数据中心集群，配套都比较成熟。",
            "记者：人才从哪里来？",
            "邹海：我们和重庆的高校合作建了实训基地，学生大三就到公司实习，毕业后基本都留了下来。",
        ]
    )
    (art,) = split_page(page, "p")
    assert art.kind == "article" and art.reporters == ["夏婧"]
    assert "记者：为什么选在水土？" in art.text and "记者：人才从哪里来？" in art.text
    assert art.captions == []


def test_lines_wrapped_short_stay_in_their_paragraph():
    """A page wrapped every twenty to forty characters: a line that finishes the word or number
    of the line before (马铃|薯, 今年1|0月), holds a sentence's end, begins with a comma, or holds
    a clause after a line that stopped mid-sentence is body text, not a headline dropped there."""
    page = "\n".join(
        [
            "巫溪设立乡村振兴产业基金",
            "□ 重庆日报记者 李雪",
            "公司在全县建有马铃",
            "薯种植基地4.5万亩，通过“公司+合作社+农户”模式",
            "带动8000余户农户种植。获得投资后，年产5000吨马铃",
            "薯全粉加工项目将落户巫溪县工业园区，预计今年1",
            "0月建成投产，年产值可达1.5亿元。重庆三峡银行巫溪支行",
            "于5亿元的授信额度。重庆三峡银行相关负责人表示，巫溪支行是",
            "该行在渝东北布局的重点网点之一。高新区党工委委员钟华介绍，2023年",
            "，高新区集成电路产业产值突破400亿元，已集聚集成电路企业",
            "120余家。公司与长安汽车、",
            "重庆青峰变速器有限公司建立了长期配套关系，并于2022年",
            "被评为国家级专精特新“小巨人”企业。",
        ]
    )
    (art,) = split_page(page, "p")
    assert art.captions == []
    assert "马铃薯全粉加工项目将落户巫溪县工业园区，预计今年10月建成投产" in art.text
    assert "长安汽车、重庆青峰变速器有限公司建立了长期配套关系" in art.text
    assert "2023年，高新区集成电路产业产值" in art.text


def test_a_line_after_a_word_that_needs_more_or_before_the_rest_of_its_number_is_body_text():
    """Lines wrapped every dozen characters: after 在 the sentence goes on (…，在|两江新区…), and a
    line that ends in the first digits of a number the next line finishes (星弧半导体1|2英寸) is
    no headline; a short line between two closed paragraphs still is."""
    page = "\n".join(
        [
            "两江新区集中签约6个项目",
            "□ 重庆日报记者 李雪",
            "其中，星弧半导体将投资45亿元，在",
            "两江新区水土新城建设星弧半导体1",
            "2英寸功率器件封测基地项目，达产后",
            "可年封测功率器件18亿颗。",
            "龙头企业加速集聚",
            "驰锐汽车电子将投资16亿元建设生产基地。",
        ]
    )
    art, after = split_page(page, "p")
    assert "在两江新区水土新城建设星弧半导体12英寸功率器件封测基地项目" in art.text
    assert art.captions == []
    assert after.title == "龙头企业加速集聚"


def test_on_a_page_wrapped_short_a_line_with_a_clause_as_long_as_its_lines_is_body_text():
    """A page wrapped every 13 to 21 characters: 国栋介绍，近年来集团先后与多所 (15) is as long as
    its lines, so it goes on with the line before (…有限公司。聂|国栋…)."""
    body = [
        "渝达集团前身为1965年组建的国",
        "营渝达机械厂，2001年改制为重",
        "庆渝达机电集团有限公司。聂",
        "国栋介绍，近年来集团先后与多所",
        "高校共建智能装备研究院，工业机",
        "器人业务去年收入同比增长48%。",
        "渝达綦江公司总经理罗嘉伟介绍，",
        "基地建成后可年产风电齿轮箱、工",
        "程机械传动装置等产品1.2万台",
        "套，年产值超过30亿元，新增就业",
        "岗位1200个。此次更名后，集团",
        "将逐步压减传统矿山机械业务，向",
        "新能源装备、工业机器人等方向全",
        "面调整，力争三年内实现营业收入",
        "翻一番的目标。",
    ]
    (art,) = split_page("\n".join(["渝达集团更名", "□ 重庆日报记者 李雪", *body]), "p")
    assert "有限公司。聂国栋介绍，近年来集团先后与多所高校共建" in art.text
    assert art.captions == []


def test_a_news_brief_after_its_headline_is_an_item_of_its_own():
    """本报讯（通讯员 杜晓梅）… opens a brief: the headline before it starts an item, even after a
    paragraph whose full stop the line break left alone on a line."""
    page = "\n".join(
        [
            "巫溪设立乡村振兴产业基金 首期规模2亿元",
            "□ 重庆日报记者 李雪",
            "邓川表示，巫溪将把基金投资与产业帮扶结合起来，让更多群众分享产业增值收益",
            "。",
            "",
            "宁厂古镇盐文化街区改造提升项目开工",
            "",
            "本报讯（通讯员 杜晓梅）3月18日，巫溪县宁厂镇的宁厂古镇盐",
            "文化街区改造提升项目正式开工。项目总投资1.8亿元。",
        ]
    )
    first, brief = split_page(page, "p")
    assert first.text.endswith("分享产业增值收益。") and first.captions == []
    assert brief.title == "宁厂古镇盐文化街区改造提升项目开工" and brief.kind == "article"
    assert "宁厂古镇盐文化街区改造提升项目正式开工" in brief.text


def test_a_dateline_is_a_briefs_opening_not_a_sentence_about_a_phone_call():
    assert DATELINE.match("新华社北京3月5日电（记者 张三）国务院今天召开常务会议。")
    assert DATELINE.match("本报讯（通讯员 杜晓梅）3月18日，")
    assert DATELINE.match("本报北京电 记者从国家发展改革委获悉")
    assert not DATELINE.match("本报记者近日电话采访了该区负责人")
    assert not DATELINE.match("本报重庆分社电子版上线")


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (
            [
                "合作社去年线上销售额达1200万元。",
                "今年初，秦巴山珍合作社还与巫溪县的重庆宁",
                "河源农业科技有限公司签订山货联销协议。",
            ],
            "今年初，秦巴山珍合作社还与巫溪县的重庆宁河源农业科技有限公司签订",
        ),
        (
            [
                "区政协主席郑文澜出席会议并讲话。",
                "",
                "会前，区政协组织部分委员视察了重庆渝达",
                "智能装备綦江有限公司、重庆",
                "綦能铝业有限公司等企业。",
            ],
            "会前，区政协组织部分委员视察了重庆渝达智能装备綦江有限公司、重庆綦能铝业有限公司",
        ),
        (
            [
                "更多脐橙“分级上市、按质论价”。",
                "今年9月，夔州产投集团投资4.6亿元建设的奉节",
                "脐橙精深加工及冷链物流园项目在永乐镇开工。",
            ],
            "建设的奉节脐橙精深加工及冷链物流园项目在永乐镇开工",
        ),
    ],
)
def test_a_line_opening_with_a_time_and_a_comma_is_body_text(lines, joined):
    """今年初，…, 3月12日，…, 今年9月，… and 会前，… open sentences: short as such a line may be, it is
    no headline; nor is a line that ends in a list cut short after a long item, or in 的."""
    (art,) = split_page("\n".join(["一则新闻的标题", "□ 重庆日报记者 谭诗琪", *lines]), "p")
    assert joined in art.text
    assert art.captions == []


def test_subheads_that_end_in_a_word_of_need_and_headlines_of_parallel_items_stay_headings():
    page = "\n".join(
        [
            "民营经济发展报告",
            "□ 重庆日报记者 李雪",
            "今年以来，全区民营经济稳中向好。",
            "民营经济大有可为",
            "区经信委负责人介绍，全区已培育企业。",
        ]
    )
    assert [a.title for a in split_page(page, "p")] == ["民营经济发展报告", "民营经济大有可为"]
    page = "\n".join(["冲刺2025", "□ 重庆日报记者 李雪", "2025年是“十四五”规划收官之年。"])
    (art,) = split_page(page, "p")
    assert art.title == "冲刺2025" and "冲刺20252025" not in art.text
    page = "\n".join(
        [
            "标题",
            "□ 重庆日报记者 李雪",
            "今年以来，全区消费市场",
            "稳产能、保供应、促消费",
            "持续回暖，零售额增长。",
        ]
    )
    (art,) = split_page(page, "p")
    assert art.captions == ["稳产能、保供应、促消费"]


@pytest.mark.parametrize(
    "lines",
    [
        [
            "今年以来，全区新签约项目42个。",
            "记者了解到，星弧半导体项目位于",
            "两江新区水土新城，总投资45亿元。",
        ],
        [
            "今年以来，全区经济稳中向好。全区持续加大研发投入，在新能源汽车",
            "零部件、电子信息、生物医药、先进材料等领域",
            "取得一批关键技术成果。",
        ],
        ["全区新签约项目42个。", "前三季度全区规上工业产值增长1", "2.5%，增速位居全市第一。"],
        ["全区新签约项目42个。", "此后，企业先后投入资金", "实施技术改造。"],
    ],
)
def test_body_lines_a_second_reviewer_found_set_aside_stay_in_their_paragraph(lines):
    """A word of two characters that needs more (位于), a list of wrapped length, the first line of a
    paragraph broken inside a number, and a line opened by 此后，: body text all."""
    arts = split_page("\n".join(["标题", "□ 重庆日报记者 李雪", *lines]), "p")
    assert len(arts) == 1 and arts[0].captions == []
    assert "".join(lines[1:]).replace("。", "")[:12] in arts[0].text.replace("\n", "")


def test_a_paragraphs_first_line_that_defines_a_name_or_cuts_one_is_no_headline():
    raw = (
        "工行为万州12家企业授信68亿元\n\n"
        "本报讯 工行重庆市分行与万州区人民政府签订战略合作协议，未来5年将提供\n"
        "融资支持。\n"
        "签约仪式上，中国工商银行万州分行（以下简称工行万州分行）与江港\n"
        "集团、星辰游轮、橙韵果业等12家企业签订授信协议，授信总额68\n"
        "亿元。\n"
    )
    (art,) = split_page(raw, "p")
    assert "与江港集团、星辰游轮" in art.text
    assert art.title == "工行为万州12家企业授信68亿元"


def test_a_subhead_before_a_paragraph_about_the_company_stays_a_subhead():
    raw = (
        "某某公司发展纪实\n\n"
        "本报讯 重庆某某科技有限公司今年销售额增长三成。\n\n"
        "产学研合作结硕果\n"
        "公司与重庆大学等高校共建研发中心，去年获得专利20项。\n"
    )
    assert any("产学研合作结硕果\n公司与重庆大学" in a.text for a in split_page(raw, "p"))


def test_on_a_page_wrapped_at_one_width_a_paragraphs_full_first_line_is_body_text():
    """Every line of a scanned column is 24 characters: a paragraph's first line as long, before a
    line that goes on to a clause's end (…专|项贷款5000万元，), is no headline; neither is a line
    whose next line ends its word and lists on (…高观|镇、东安镇). A headline shorter than the
    column, before the item's body, stays one."""
    paragraphs = [
        "本报讯（通讯员 李春燕）6月30日，城口县商务委与杭州鲜丰汇电子商务有限公司重庆分公司签订电商合作协议，"
        "双方将在鲜丰汇平台开设城口山货馆，重点推广城口老腊肉、山地鸡、蜂蜜等特色农产品。",
        "重庆峡州农村商业银行城口支行为该项目提供乡村振兴专项贷款5000万元，贷款期限10年。",
        "鲜丰汇重庆分公司负责人孙立伟介绍，平台将在城口县高观镇、东安镇等地培训农村电商主播200名，"
        "帮助农户把山货卖向全国。城口县商务委主任邓红梅表示，今年上半年城口农产品网络零售额同比增长24%，"
        "其中老腊肉、山地鸡等产品在外地市场的复购率超过三成。",
        "记者从城口县商务委获悉，今年城口将新建电商服务站点30个，覆盖全县所有乡镇，并培育年销售额超千万元的"
        "电商企业5家，带动农产品网络零售额增长三成以上，让更多城口特色农产品走向全国市场。",
    ]
    lines = ["城口山货搭上云端快车"]
    for para in paragraphs:
        lines += [para[k : k + 24] for k in range(0, len(para), 24)]
    (art,) = split_page("\n".join(lines), "p")
    assert art.title == "城口山货搭上云端快车"
    assert "城口支行为该项目提供乡村振兴专项贷款5000万元" in art.text
    assert "平台将在城口县高观镇、东安镇等地" in art.text
    assert art.captions == []


def test_companies_listed_one_a_line_stay_apart_and_a_name_the_next_line_goes_on_from_joins_it():
    page = "\n".join(
        [
            "长寿区表彰科技创新先进",
            "本报讯（记者 周立鑫）3月19日，长寿区公布了获奖名单。部分获奖名单如下：",
            "科技创新优秀企业：",
            "重庆川东生物医药有限公司",
            "重庆晏家环保科技有限公司",
            "重庆渝长电子材料有限公司",
            "科技创新优秀个人：",
            "何思远（重庆渝长电子材料有限公司技术总监）",
            "会上，重庆川东生物医药有限公司",
            "与长寿区科技局签订合作协议。",
        ]
    )
    (art,) = split_page(page, "p")
    assert "重庆川东生物医药有限公司\n重庆晏家环保科技有限公司\n重庆渝长电子材料有限公司\n" in art.text
    assert "会上，重庆川东生物医药有限公司与长寿区科技局签订合作协议。" in art.text


def test_a_line_the_next_goes_on_from_with_de_and_people_listed_with_their_posts_are_body_text():
    page = "\n".join(
        [
            "中德合资精密部件项目落户长寿",
            "本报讯（记者 柏凌云）3月17日，华精机械与克劳斯部件签署合资协议。",
            "克劳斯部件总部位于德国斯图加特，是一家拥有百年历史",
            "的家族企业，去年全球销售收入约12亿欧元。",
            "科技创新优秀个人：",
            "邵 鹏（重庆长风化工新材料有限公司研发中心主任）",
            "韩 露（重庆川东生物医药有限公司总工程师）",
            "何思远（重庆渝长电子材料有限公司技术总监）",
            "获奖个人中，邵鹏带领团队攻克了含氟废水资源化利用难题。",
        ]
    )
    (art,) = split_page(page, "p")
    assert "是一家拥有百年历史的家族企业" in art.text
    assert "何思远（重庆渝长电子材料有限公司技术总监）" in art.text


def test_a_briefs_run_in_headline_is_a_line_of_its_own():
    page = "\n".join(
        [
            "人事任免",
            "合晶光电聘任新一届高管　重庆合晶光电科技股份有限公司近日召开董事会，聘任常卫国担任公司总经理。",
            "远途汽车聘任梁思远为总经理　重庆远途新能源汽车有限公司近日发布公告，聘任梁思远为公司总经理。",
        ]
    )
    text = "\n".join(a.text for a in split_page(page, "p"))
    assert "合晶光电聘任新一届高管\n重庆合晶光电科技股份有限公司近日召开董事会" in text
    assert "远途汽车聘任梁思远为总经理\n重庆远途新能源汽车有限公司" in text


def test_a_headline_longer_than_a_column_a_stray_wide_space_and_a_word_across_a_headline_stay_apart():
    # (a review's counter-examples: a page wrapped at 14 whose second brief's headline is 17 long;
    # a wide space inside a sentence or a caption; a headline before 川、渝… or 的士…)
    col = (
        "本报讯（记者张三）5月6日，记者从璧山高新区获悉，今年以来，高新区新引进新能源汽车零部件项目12个，"
        "总投资超过80亿元，力争全年新签约项目20个以上。"
    )
    body2 = (
        "5月8日，长寿经开区新材料产业链招商推介会举行，现场签约项目9个，总投资56亿元，"
        "涉及聚氨酯、可降解塑料等多个领域。"
    )
    col = col * 2  # (enough lines for the page's width to be read off it)
    lines = ["璧山高新区新能源汽车产业加速集聚"]
    lines += [col[k : k + 14] for k in range(0, len(col), 14)]
    lines += ["长寿经开区化工新材料产业链持续延伸"]
    lines += [body2[k : k + 14] for k in range(0, len(body2), 14)]
    arts = split_page("\n".join(lines), "p")
    assert [a.title for a in arts] == [
        "璧山高新区新能源汽车产业加速集聚",
        "长寿经开区化工新材料产业链持续延伸",
    ]
    (art,) = split_page(
        "签约仪式\n本报讯 5月6日，璧山区与企业签约。区委书记刘伟、区长王强　出席签约仪式并见证签约。", "p"
    )
    assert (
        "区委书记刘伟、区长王强 出席签约仪式" in art.text or "区委书记刘伟、区长王强出席签约仪式" in art.text
    )
    for head, first in (
        ("成渝共建汽车产业链", "川、渝两地今年将共同推进汽车产业链建设，"),
        ("出租车行业迎来新能源时代", "的士司机张师傅说，"),
    ):
        (art,) = split_page(f"{head}\n{first}今年以来，两地新签约项目12个，总投资超过80亿元。", "p")
        assert art.title == head


def test_the_last_company_of_a_list_one_a_line_ends_its_line():
    page = "\n".join(
        [
            "专精特新企业名单公布",
            "本报讯（记者 周立鑫）3月19日，市经济信息委公布了名单。部分入选企业如下：",
            "重庆鼎泰精密电子有限公司",
            "重庆凯兴模具有限公司",
            "重庆川源精工科技有限公司",
            "市经济信息委副主任黄立群介绍，全市专精特新企业超过5800家。",
        ]
    )
    (art,) = split_page(page, "p")
    assert "重庆川源精工科技有限公司\n市经济信息委副主任黄立群介绍" in art.text


def test_a_paragraph_opening_with_a_companys_whole_name_goes_on_after_the_line_break():
    page = "\n".join(
        [
            "长风化工扩产",
            "本报讯（记者 张三）5月6日，璧山区召开企业座谈会。",
            "重庆长风化工新材料有限公司",
            "（以下简称长风化工）新建的电池材料生产线正式投产，长风化工董事长李明表示，今年产值将翻番。",
        ]
    )
    (art,) = split_page(page, "p")
    assert "重庆长风化工新材料有限公司（以下简称长风化工）新建的电池材料生产线" in art.text


def test_a_brief_opened_by_its_place_in_brackets_goes_on_across_the_line_break():
    raw = (
        "区县简讯\n"
        "【梁平】6月19日，都梁产投与笋源食\n"
        "品签订增资协议，都梁产投以9000万\n"
        "元增资笋源食品。\n"
        "【石柱】6月21日，黄水溪山与重庆途\n"
        "悦国际旅行社有限公司签署客源合作协议\n"
        "，途悦国旅将每年组织5万人次避暑康养\n"
        "游客入住度假区。\n"
    )
    (art,) = split_page(raw, "p")
    assert "黄水溪山与重庆途悦国际旅行社有限公司签署" in art.text
    assert "都梁产投与笋源食品签订" in art.text


def test_a_caption_whose_credit_opens_with_a_date_is_no_brief_s_headline():
    raw = (
        "渝北区智能网联汽车产业加速集聚\n"
        "本报讯（记者 陶知秋）11月5日，渝北区人民政府与重庆墨衡软件有限公司签订投资协议。\n"
        "工人在重庆墨衡软件有限公司生产车间内忙碌  近日 记者 王强 摄\n"
        "据了解，渝北区今年已引进智能网联汽车项目12个。\n"
    )
    (art,) = split_page(raw, "p")
    assert art.captions == ["工人在重庆墨衡软件有限公司生产车间内忙碌 近日 记者 王强 摄"]
    assert "据了解" in art.text
