import re

from graph.normalize import HAN_RANGES, Piece, is_cjk, normalise, sentences


def test_spaces_inside_words_go_and_every_character_keeps_its_origin():
    raw = "据黔江 区相关负责人介绍,2022年 以来,产值 100亿元、 50亿元。"
    p = normalise(raw)
    assert p.text == "据黔江区相关负责人介绍，2022年以来，产值100亿元、50亿元。"
    assert len(p.origin) == len(p.text)
    for ch, o in zip(p.text, p.origin, strict=True):
        assert raw[o] == ch or raw[o] in ",:;!?()"  # unchanged, or the half-width form it came from


def test_headings_keep_the_space_between_phrases():
    assert (
        normalise("巫山 柑橘成为果农增收致富“黄金果”", join_words=False).text
        == "巫山 柑橘成为果农增收致富“黄金果”"
    )
    assert normalise("巫山 柑橘", join_words=True).text == "巫山柑橘"


def test_punctuation_is_unified_only_in_chinese_context():
    assert normalise('走进园区,链主企业"稳"增长!').text == "走进园区，链主企业“稳”增长！"
    assert normalise("增长9.2%,2.5%").text == "增长9.2%,2.5%"
    assert normalise("Ｓ０２线").text == "S02线"


def test_offsets_survive_slicing_and_joining():
    raw = "第一行 文字\n\n第二 行"
    a = normalise(raw, 0, 6)
    b = normalise(raw, 8, len(raw))
    joined = Piece.join([a, b])
    assert joined.text == "第一行文字\n第二行"
    assert joined.raw_span(6, 9) == (8, 12)
    assert raw[slice(*joined.raw_span(0, 5))].replace(" ", "") == "第一行文字"


def test_sentences_split_after_closing_quotes_and_at_line_breaks():
    text = "“我们很有信心。”何鹏说。项目开工了！\n标题"
    spans = sentences(text)
    assert [text[a:b] for a, b in spans] == ["“我们很有信心。”", "何鹏说。", "项目开工了！", "标题"]


def test_the_han_class_and_is_cjk_accept_the_same_characters():
    """Two spellings of one set (a regex class for scanning in C, comparisons for one character):
    they must not drift apart."""
    han = re.compile(f"[{HAN_RANGES}]")
    for cp in range(0x30000):
        if not 0xD800 <= cp <= 0xDFFF:
            ch = chr(cp)
            assert bool(han.fullmatch(ch)) == is_cjk(ch), hex(cp)


def test_a_number_the_column_spacing_cut_in_two_is_one_number():
    assert normalise("建设年产30 0万件部件项目，增长1 2%").text == "建设年产300万件部件项目，增长12%"
    # not two numbers, nor a telephone number's groups
    assert normalise("2023 2024年").text == "2023 2024年"
    assert normalise("电话023 6388 1234。").text == "电话023 6388 1234。"


def test_no_telephone_number_nor_month_is_joined():
    assert normalise("咨询电话023 68886666转人工").text == "咨询电话023 68886666转人工"
    assert normalise("今年1 2月，园区新签约项目15个").text == "今年1 2月，园区新签约项目15个"
