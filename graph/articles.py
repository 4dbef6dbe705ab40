"""Split a scanned newspaper page into its items: articles, photo news and notices.

A page dump is a stream of lines in reading order, more or less: headlines, bylines
(``□ 重庆日报记者 许婧文``), paragraphs broken wherever a column ended, photo captions dropped in
the middle of a sentence, credits (``重庆日报通讯员 杜一鸣 摄``). The splitter works in two passes:

1. every line is classified (heading, byline, credit, caption, source line, body) and paragraphs
   broken across columns are joined again, setting aside what the layout dropped in between;
2. the stream of units is cut into items: a byline, a credit or source line that closed the item
   before, a notice headline, or a ``地名：`` / ``地名 `` headline starts a new item; other headings
   are subheads, unless they carry a short item between two others (photo news).

Everything keeps its raw offsets (:class:`graph.normalize.Piece`), so a mention found in an
article's text points back at the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.normalize import TERMINAL, Piece, is_cjk, normalise
from graph.segmenter import jieba

_NAME = r"[\u4e00-\u9fff·]{2,4}"
_NAMES = rf"{_NAME}(?:[ 、，]+{_NAME})*"
_ROLE = r"首席记者|特约记者|见习记者|实习记者|摄影记者|记者|特约通讯员|通讯员|特约摄影|摄影"
ROLE_WORDS = frozenset(_ROLE.split("|")) | {"实习生"}
"""Words a byline's list of names may hold between them (记者 陈曦 实习生 刘思远): no names."""
_PADDED = re.compile(r"(?<![\u4e00-\u9fff·])[\u4e00-\u9fff]( )[\u4e00-\u9fff](?![\u4e00-\u9fff·])")
_CREDIT_WORD = re.compile(rf"{_ROLE}|实习生|摄|图片由|图片来源")
BYLINE = re.compile(
    rf"^□?\s*(?P<outlet>[\u4e00-\u9fffA-Za-z]{{0,12}}?)(?P<role>{_ROLE})\s*(?P<names>{_NAMES})$"
)
CREDIT = re.compile(
    rf"(?P<outlet>[\u4e00-\u9fffA-Za-z]{{0,12}}?)(?P<role>{_ROLE})\s*(?P<names>{_NAMES})\s*摄$"
)
PROVIDED = re.compile(
    r"^(?P<names>(?:[\u4e00-\u9fff]{2,3}\s+)*)(?:图片由|图片来源[:：]?)\s*(?P<source>.+?)(?:提供)?$"
)
SUPPLIED = re.compile(r"[（(][^（）()]{2,20}(?:供图|摄|提供)[）)]$")
SOURCE = re.compile(r"^(?:据|来源[：:]\s*)《[^》]{2,20}》(?:报道)?$|^（?据[^，。]{2,15}(?:报道|消息)）?$")
NOTICE = re.compile(r"(启事|声明|公告|通告|讣告)$")
DATELINE = re.compile(
    r"^(?:本报讯|(?:本报|新华社)(?!记者)[\u4e00-\u9fff]{2,8}?(?:\d{1,2}月\d{1,2}日)?电(?![话子脑视器网源池动]))"
)
"""The opening of a news brief's body (本报讯（通讯员 杜晓梅）3月18日，…): a paragraph, and the start
of an item when a headline stands before it."""
PLACE_TITLE = re.compile(r"^[\u4e00-\u9fff]{2,5}[：:]|^[\u4e00-\u9fff]{2,3} ")
CONNECTIVE = re.compile(
    r"^(同时|此外|目前|近日|近年来|每年|然而|但是|因此|另外|其中|虽然|据了解|据悉|如今|随后|当前|今年|去年"
    r"|今年初|今年以来|年初|去年底|去年以来|年底|上半年|下半年|日前|近期|此前"
    r"|[\u4e00-\u9fff][前后]|会上|当天|当日|次日|期间|为此|对此|首先|其次|最后|随即|与此同时"
    r"|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|(?:今年|去年|前年|明年)?\d{1,2}月(?:\d{1,2}日)?(?:初|中旬|下旬|底)?)[，,]"
)
"""A sentence's opening, a time or a connective and a comma (今年初，…; 3月12日，…; 会前，…): a body
line, however short, never a headline."""
BRIEF_MARK = re.compile(r"^(?:【[\u4e00-\u9fff]{1,8}】|[■●▲◆])\s*")
"""What a column of briefs opens an item with (【石柱】, ■): its place, or a bullet."""
MAX_HEADING = 32
WRAPPED_CLAUSE = 16
"""A line this long holding a clause's end, after a line that stopped mid-sentence, goes on with
it (总投资5.1亿元，利用园区内38家企业的厂房): a headline with a comma dropped there is shorter."""
WRAPPED_MIN = 10
"""The shortest a wrapped line is taken to be, however short a page's lines run (see :func:`_wrapped_at`)."""
WRAPPED_PAGE = 12
"""Lines stopping mid-sentence a page must have for the length they are wrapped at to be read off it."""
RUN_IN = re.compile(
    r"(?P<head>[\u4e00-\u9fff][^。！？，、；：\u3000]{5,31}[^\s。，、；：！？\u3000])\u3000+"
    r"(?P<body>[\u4e00-\u9fff\d][^\u3000，]*，[^\u3000]*[。！？”])$"
)
"""A headline, an ideographic space, then the body it heads, on one line: a brief's run-in headline
(no clause of a sentence, 区委书记刘伟、区长王强　出席…, nor a caption's place, …车间内　工人正在忙碌。)."""
RUN_IN_DATED = re.compile(
    r"(?P<head>[\u4e00-\u9fff][^。！？，、；：\u3000]{5,31}[^\s。，、；：！？\u3000])(?:\u3000+| {2,})"
    r"(?P<body>(?:(?:\d{1,2}月\d{1,2}日|近日|日前)(?:[，,]|$)|本报讯)[^\u3000]*)$"
)
"""A brief's run-in headline, then its body opening with when and a comma or the line's end (or 本报讯),
wherever the line breaks it (柑橘精深加工项目落户江口  11月5日，云阳县农业农村委与重庆橘乡源|果业有限
公司…); not a caption's credit (…忙碌  近日 记者 王强 摄) nor a masthead's date (重庆日报 区县新闻  11月6日
星期三)."""
HARD_WRAPPED = 0.6
"""The share of a page's lines stopping mid-sentence that must be within a character of their median
length for the page to be taken as wrapped at one width throughout (a column of a scan; a page of
whole paragraphs cut at random lengths is not)."""
SECTION_MAX = 4
_GOES_ON = "，、。：；）”’！？,.;:"
"""What a line that goes on with a sentence may begin with: no headline begins so."""
_GOES_ON_LATER = re.compile(r"^[^。！？；，、]{1,20}[，、。；]")
"""A line that reaches a clause's end within its first words: the rest of a sentence."""
_PARTICLE_FIRST = re.compile(r"的(?![确士哥姐])")
"""A line beginning with the particle 的 (not 的确, 的士…): no paragraph begins so."""
_NAMED_ITEM = re.compile(r"[\u4e00-\u9fff·]{2,8}[（(][^（）()]{4,}[）)]")
"""A name and what it is in brackets, a line of a list (何思远（重庆渝长电子材料有限公司技术总监）)."""
_WORD_END_LISTED = re.compile(r"(?![一二三四五六七八九十])[\u4e00-\u9fff]、")
"""A line beginning with one character and 、 ends the word the line before cut (高观|镇、东安镇):
no headline's next line, nor a list's item, is one character (but a numbered heading's, 一、)."""
_NEEDS_MORE = "在的与和及将为对向从把被给于由等"
"""Words that cannot end a sentence, nor a headline: a line that stops at one goes on on the next."""
_NEEDS_MORE_WORDS = frozenset(
    [
        "位于",
        "作为",
        "成为",
        "正在",
        "即将",
        "面向",
        "对于",
        "关于",
        "由于",
        "通过",
        "按照",
        "根据",
        "围绕",
        "依托",
        "针对",
        "为了",
        "以及",
        "并且",
        "而且",
        "或者",
        "还是",
        "的是",
        "来自",
        "包括",
        "除了",
        "随着",
    ]
)
"""Words of two characters that cannot end a sentence either (…星弧半导体项目位于|两江新区…)."""
_GOES_ON_FROM_NAME = re.compile(
    r"[，、。：；（）”(]|与|和|及|在|将|于|是|为|的|等|以|已|正|共同|签|负责|投资|近日(?![，,])"
)
"""How a line goes on from a company's name the line before ended with (…有限公司|与…签约)."""
_REGISTERED = re.compile(r"有限公司|有限责任公司|股份公司")
"""A registered company's legal form: a line holding one after an open line is body text."""
NAME_LINE = re.compile(rf"[\u4e00-\u9fff（）()]{{4,40}}?(?:{_REGISTERED.pattern})")
"""A line that is a registered company's name and nothing else: an item of a list, one a line."""
_LEGAL_START = re.compile(r"(?:集团|有限|股份|银行|支行|分行)(?:[、，和与及（(]|有限|股份|公司)")
"""The end of a company's name the line break cut, starting a line (…与江港|集团、星辰游轮…); not
公司, which begins a paragraph about the company (公司与重庆大学共建…)."""


@dataclass
class Unit:
    """One element of the page after line classification and paragraph joining."""

    kind: str  # heading, byline, credit, caption, source, para
    piece: Piece
    line: int
    last_line: int
    displaced: bool = False  # a heading or caption the layout dropped inside a paragraph
    tight: Piece | None = None  # the line with its spaces kept, should it turn out to be a heading
    names: list[str] = field(default_factory=list)  # reporters named by a byline or credit

    @property
    def text(self) -> str:
        return self.piece.text


@dataclass
class Article:
    """One item of a page, with its normalised text and where every character came from."""

    id: str
    doc: str
    index: int
    kind: str  # article, photo_caption, notice
    title: str
    subtitle: str | None
    section: str | None
    reporters: list[str]
    text: str
    origin: list[int]
    body_start: int
    captions: list[str]
    lines: tuple[int, int]
    path: str = ""

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return Piece(self.text, self.origin).raw_span(start, end)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "doc": self.doc,
            "index": self.index,
            "kind": self.kind,
            "title": self.title,
            "subtitle": self.subtitle,
            "section": self.section,
            "reporters": self.reporters,
            "lines": list(self.lines),
            "body_start": self.body_start,
            "captions": self.captions,
            "text": self.text,
        }


# ---------------------------------------------------------------- pass 1: lines into units


def _is_open(text: str) -> bool:
    """A body line that stops mid-sentence: the column or page ended, not the paragraph."""
    text = text.rstrip()
    return bool(text) and text[-1] not in TERMINAL and not text.endswith("——")


def _balanced(text: str) -> bool:
    return (
        text.count("“") <= text.count("”")
        and text.count("（") <= text.count("）")
        and text.count("《") <= text.count("》")
    )


def _closes(left: str, right: str) -> bool:
    """Does ``right`` close a bracket or quotation ``left`` leaves open?"""
    return any(
        left.count(a) > left.count(b) and b in right and (a not in right or right.index(b) < right.index(a))
        for a, b in (("（", "）"), ("“", "”"), ("《", "》"))
    )


def _word_across(left: str, right: str) -> bool:
    """Does a dictionary word run across the line break (``订|单量`` → 订单)?"""
    a, b = left[-3:], right[:3]
    if not a or not b or not (is_cjk(a[-1]) and is_cjk(b[0])):
        return False
    pos = 0
    for tok in jieba().lcut(a + b, HMM=False):
        if pos < len(a) < pos + len(tok):
            return True
        pos += len(tok)
    return False


QUESTION = re.compile(r"(?:记者|本报记者|主持人|问)\s*[：:]")
"""An interviewer's turn (记者：为什么选在水土？): a paragraph of the interview, however short."""


def _looks_like_heading(
    text: str,
    following: str | None,
    previous: str | None = None,
    wrapped: int = WRAPPED_CLAUSE,
    width: int | None = None,
    hard: bool = False,
) -> bool:
    """A short line with no sentence end: a headline, or the first part of a broken paragraph?

    A line that holds a sentence's end, or begins with what only goes on with a sentence (a comma),
    is none. ``previous`` is the line before when it is body text that stops mid-sentence: a line
    that finishes its word or number (马铃|薯全粉加工项目…, 今年1|0月), follows a word that cannot
    end a sentence (:data:`_NEEDS_MORE`, written as a word of its own: …，在|两江新区…; not the 为 of
    大有可为), holds a clause's end and is as long as wrapped lines are (``wrapped``,
    :func:`_wrapped_at`), holds a list of wrapped length, holds a registered company's name, or is
    as long as the page's own wrapped lines run (``width``), goes on with it; so does a line that
    ends in a number the next line goes on with (星弧半导体1|2英寸), unless it is short and the first
    of its paragraph (冲刺2025). On a page wrapped at one width throughout (``hard``), the first line
    of a paragraph as long as the others, before a line that goes on to a clause's end, is body
    text too."""
    if not text or len(text.replace(" ", "")) > MAX_HEADING or not _balanced(text):
        return False
    if not any(is_cjk(c) for c in text):
        return False
    if "。" in text[:-1] or text.endswith(("。”", "。’")) or text[0] in _GOES_ON:
        return False  # (a sentence ends inside: 于5亿元的授信额度。重庆三峡银行…; 投向巫溪乡村。”)
    if following and NAME_LINE.fullmatch(text) and _GOES_ON_FROM_NAME.match(following.lstrip()):
        return False  # (a paragraph opens with a company's name, then the line break: …有限公司|近日宣布…)
    if "以下简称" in text or (
        following and len(text) >= WRAPPED_CLAUSE and _LEGAL_START.match(following.lstrip())
    ):
        # (a name defined in brackets, or a company's name the line break cut: the first line of a
        # paragraph, 签约仪式上，中国工商银行万州分行（以下简称工行万州分行）与江港|集团、星辰游轮…)
        return False
    # (…将投资45亿元，在|两江新区水土新城建设…: the line before stops at a word that needs more;
    # or inside a bracket this line closes, （通讯员 陶|知秋）)
    if previous and (
        _closes(previous, text)
        or _word_across(previous, text)
        or _needs_more(previous)
        or (_latin_or_digit(previous[-1:]) and _latin_or_digit(text[:1]))
        # (a clause ends inside a line of the length pages are wrapped at: the sentence goes on;
        # a headline dropped there is shorter, 稳住基本盘，激发新动能)
        or ("，" in text.rstrip("，") and len(text) >= wrapped)
        or ("、" in text and len(text) >= WRAPPED_CLAUSE)
        or (width is not None and len(text.replace(" ", "")) >= width)
        # (a registered name in it: …与广西|桂海通物流集团有限公司（以下简称桂海通集团）在…)
        or _REGISTERED.search(text) is not None
    ):
        return False
    if (
        previous is None
        and hard
        and width is not None
        and len(text.replace(" ", "")) == width
        and following
        and _GOES_ON_LATER.search(following)
        and not DATELINE.match(following.lstrip())
        and not CONNECTIVE.match(following.lstrip())
    ):
        # (the first line of a paragraph, as long as the page's lines are wrapped, before a line
        # that goes on to a clause's end: 支行为该项目提供乡村振兴专项|贷款8000万元，…)
        return False
    last = text[-1]
    if last in "，、：；（“‘—,;:" or _needs_more(text):
        return False  # (…集团投资建设的|奉节…: no headline ends with 的 or 在 written alone)
    if last in "。；":
        return False
    if last in "？！?!" and len(text) > 26:
        return False
    if CONNECTIVE.match(BRIEF_MARK.sub("", text)) or QUESTION.match(text):
        return False  # (【石柱】6月21日，黄水溪山与重庆途|悦国际…: a brief's body, its place marked)
    # (a clause cut short at the line's end; after an open line, a list whose last item is cut
    # short after a long one, 智能装备綦江有限公司、重庆|綦能…; not 稳产能、保供应、促消费)
    tail = re.split(r"[，,]", text)[-1]
    if tail != text and len(tail) <= 4:
        return False
    items = text.split("、")
    if previous and len(items) > 1 and len(items[-1]) <= 4 and len(items[-2]) >= 8:
        return False
    if following:
        first = following.lstrip()
        if first[:1] and first[0] in _GOES_ON:
            return False
        head = re.split(r"[。！？；]", first, maxsplit=1)[0]
        if len(head) <= 4 and head != first:
            return False
        if _named_items(text, first):
            return False  # (a list, one a line: 韩 露（…总工程师）|何思远（…技术总监）)
        # (as long as the page's wrapped lines, or a clause's wrapped length where the page does not say)
        at_width = len(text.replace(" ", "")) >= (width - 1 if width is not None else WRAPPED_CLAUSE)
        if at_width and (_WORD_END_LISTED.match(first) or _PARTICLE_FIRST.match(first)):
            # (…在城口县高观|镇、东安镇等地: the next line ends this one's word; …拥有百年历史|的家族
            # 企业: no paragraph begins with 的)
            return False
        if last not in "？！”）" and _word_across(text, first):
            return False
        if (previous or len(text) >= 10) and _latin_or_digit(last) and _latin_or_digit(first[:1]):
            return False  # (a number the line break cut: …在|…星弧半导体1|2英寸功率器件…)
    return True


def _needs_more(line: str) -> bool:
    """Does ``line`` end with a word that cannot end a sentence, written as a word of its own
    (…，在 or …建设的; not 大有可为, 碳达峰碳中和, 把握正确方向)?"""
    if not line or line[-1] not in _NEEDS_MORE:
        return False
    last = jieba().lcut(line[-4:], HMM=False)[-1]
    return len(last) == 1 or last in _NEEDS_MORE_WORDS


def _latin_or_digit(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _lines(raw: str) -> list[tuple[int, int, int]]:
    """``(line number, start, end)`` of every non-blank line; a brief's headline run in before its
    body (合晶光电聘任新一届高管　重庆合晶光电科技股份有限公司近日召开董事会，…) is a line of its own."""
    out = []
    pos = 0
    for no, line in enumerate(raw.split("\n"), 1):
        if line.strip():
            run_in = RUN_IN.match(line) or (None if CREDIT.search(line) else RUN_IN_DATED.match(line))
            if run_in and not BYLINE.match(line) and not CREDIT.search(run_in["head"]):
                out.append((no, pos, pos + run_in.end("head")))
                out.append((no, pos + run_in.start("body"), pos + len(line)))
            else:
                out.append((no, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _wrapped_at(texts: list[str]) -> tuple[int, int | None, bool]:
    """The lengths :func:`_looks_like_heading` takes a line after an open one for body text at:
    holding a clause's end, :data:`WRAPPED_CLAUSE`, or less on a page whose body is wrapped
    shorter, four fifths of the median length of its lines that stop mid-sentence (a page wrapped
    every 13 to 21 characters, where 国栋介绍，近年来集团先后与多所 is one); and without one, that
    median itself — where the page has enough such lines to tell (else no such length); and whether
    the page is wrapped at that width throughout (:data:`HARD_WRAPPED`)."""
    runs = sorted(len(t.replace(" ", "")) for t in texts[:-1] if len(t) >= 8 and _is_open(t))
    if len(runs) < WRAPPED_PAGE:
        return WRAPPED_CLAUSE, None, False
    width = runs[len(runs) // 2]
    hard = sum(abs(r - width) <= 1 for r in runs) >= HARD_WRAPPED * len(runs)
    return max(WRAPPED_MIN, min(WRAPPED_CLAUSE, round(0.8 * width))), width, hard


def _classify(raw: str, lines: list[tuple[int, int, int]]) -> list[Unit]:
    tight = [normalise(raw, s, e, join_words=False) for _, s, e in lines]
    wrapped, width, hard = _wrapped_at([t.text for t in tight])
    units: list[Unit] = []
    for k, (no, s, e) in enumerate(lines):
        t = tight[k].text
        open_before = _open_before(units, no)
        if not any(is_cjk(c) or c.isalnum() for c in t):
            if open_before is not None and (any(c in "。！？；" for c in t) or _closes(open_before.text, t)):
                # the end of a sentence or a bracket the line break left alone (…分享产业增值收益|。,
                # （通讯员 钭晓雯|）)
                units.append(Unit("para", normalise(raw, s, e), no, no, tight=tight[k]))
            continue  # ornaments such as ……
        narrow = _unpadded(tight[k])
        if narrow is not tight[k] and (
            BYLINE.match(narrow.text) or CREDIT.search(narrow.text) or PROVIDED.match(narrow.text)
        ):
            tight[k] = narrow
            t = narrow.text
        if m := BYLINE.match(t):
            # a photographer's name on a line of its own after a paragraph credits the picture
            # above (特约摄影 朱丹); after a heading it is the byline of a picture story
            photo = m["role"] in ("特约摄影", "摄影") and bool(units) and units[-1].kind == "para"
            kind = "credit" if photo else "byline"
            units.append(Unit(kind, tight[k], no, no, names=_split_names(m["names"])))
            continue
        if m := CREDIT.search(t):
            kind = "credit" if m.start() == 0 or t.startswith("□") else "caption"
            units.append(Unit(kind, tight[k], no, no, names=_split_names(m["names"])))
            continue
        if m := PROVIDED.match(t):
            units.append(Unit("credit", tight[k], no, no, names=_split_names(m["names"])))
            continue
        if SUPPLIED.search(t) and len(t) <= 60:
            units.append(Unit("caption", tight[k], no, no))
            continue
        if SOURCE.match(t):
            units.append(Unit("source", tight[k], no, no))
            continue
        if DATELINE.match(t):
            units.append(Unit("para", normalise(raw, s, e), no, no, tight=tight[k]))
            continue
        following = tight[k + 1].text if k + 1 < len(lines) else None
        # (lines right before a byline are the titles of its item, however they read: see _segment)
        titles = any(BYLINE.match(tight[j].text) for j in range(k + 1, min(k + 3, len(lines))))
        previous = open_before.text if open_before is not None and not titles else None
        listed = bool(units) and units[-1].kind == "para" and _named_items(units[-1].text, t)
        if not listed and _looks_like_heading(t, following, previous, wrapped, width, hard):
            units.append(Unit("heading", tight[k], no, no))
        else:
            units.append(Unit("para", normalise(raw, s, e), no, no, tight=tight[k]))
    return units


def _open_before(units: list[Unit], no: int) -> Unit | None:
    """The paragraph on the line right before line ``no``, if it stops mid-sentence."""
    u = units[-1] if units else None
    return u if u is not None and u.kind == "para" and u.last_line == no - 1 and _is_open(u.text) else None


def _split_names(names: str) -> list[str]:
    return [n for n in re.split(r"[ 、，]+", names) if n and n not in ROLE_WORDS]


def _unpadded(line: Piece) -> Piece:
    """``line`` without the space a credit sets inside a two-character name to give it the width
    of three (□ 重庆日报记者 谭 亮, 特约摄影 朱 丹): the same piece if it has none. A space between
    two lone characters cannot separate two names, which have two or more each; only the names
    are looked at, the run of characters and spaces after a role word (or before 图片由)."""
    text = line.text
    drop: set[int] = set()
    for w in _CREDIT_WORD.finditer(text):
        if w.group() in ("图片由", "图片来源"):
            lo, hi = 0, w.start()
        else:
            lo = hi = w.end()
            while hi < len(text) and (text[hi] == " " or is_cjk(text[hi])) and text[hi] != "摄":
                hi += 1
        drop.update(lo + m.start(1) for m in _PADDED.finditer(text[lo:hi]))
    if not drop:
        return line
    keep = [i for i in range(len(text)) if i not in drop]
    return Piece("".join(text[i] for i in keep), [line.origin[i] for i in keep])


def _named_items(*lines: str) -> bool:
    """Are these lines items of one list, a name and what it is in brackets each?"""
    return all(_NAMED_ITEM.fullmatch(line.replace(" ", "")) for line in lines)


def _listed_name(parts: list[Piece], following: str, listing: bool = False) -> bool:
    """Is the last of an open paragraph's lines ``parts`` a company's whole name listed one a line
    (获奖名单：|重庆华精机械股份有限公司|重庆长风化工新材料有限公司), which the next line does not go
    on from (…股份有限公司|与德国克劳斯…签约)? An item of a list: after its heading or an item
    before it (``listing``), or before another item or heading; not a paragraph's first line that
    is a name and goes on (重庆长风化工新材料有限公司|近日宣布…)."""
    if not NAME_LINE.fullmatch(parts[-1].text) or _GOES_ON_FROM_NAME.match(following):
        return False
    heads = len(parts) >= 2 and parts[-2].text.rstrip().endswith(("：", ":"))
    listed = heads or (listing and len(parts) == 1)  # (an item after a heading or after other items)
    return listed or NAME_LINE.fullmatch(following) is not None or following.rstrip().endswith(("：", ":"))


def _join_paragraphs(units: list[Unit]) -> list[Unit]:
    """Join paragraphs the layout broke; what it dropped in between follows the joined paragraph."""
    out: list[Unit] = []
    open_para: Unit | None = None
    dropped: list[Unit] = []
    parts: list[Piece] = []  # of the open paragraph, joined once when it closes: linear, not quadratic

    def close() -> None:
        nonlocal open_para, dropped, parts
        if open_para is not None and len(parts) > 1:
            open_para.piece = Piece("".join(p.text for p in parts), [o for p in parts for o in p.origin])
        for d in dropped:
            d.displaced = True
        out.extend(dropped)
        open_para, dropped, parts = None, [], []

    listing = False  # (the paragraph before was a company's name listed one a line)
    for u in units:
        if open_para is not None and u.kind == "para" and _listed_name(parts, u.text, listing):
            close()  # (a list of companies, one a line: each name ends its line)
            listing = NAME_LINE.fullmatch(u.text) is not None  # (and goes on with this one)
        elif u.kind != "para" or open_para is None:
            listing = listing and u.kind == "para" and NAME_LINE.fullmatch(u.text) is not None
        if open_para is not None:
            if u.kind == "para":
                parts.append(u.piece)
                open_para.last_line = u.last_line
                if not _is_open(u.text):
                    close()
                continue
            if u.kind in ("heading", "caption") and len(dropped) < 3:
                dropped.append(u)
                continue
            close()
        if u.kind == "para":
            if len(u.text) <= 10 and u.text.endswith("。") and out and out[-1].kind == "heading":
                u.kind = "caption"  # tail of a caption whose start the layout lost
                out.append(u)
                continue
            out.append(u)
            if _is_open(u.text):
                open_para, parts = u, [u.piece]
            continue
        out.append(u)
    if open_para is not None:
        close()
    return out


# ---------------------------------------------------------------- pass 2: units into items


@dataclass
class _Item:
    heads: list[Unit] = field(default_factory=list)
    bylines: list[Unit] = field(default_factory=list)
    paras: list[Unit] = field(default_factory=list)  # paragraphs and subheads, in order
    extras: list[Unit] = field(default_factory=list)  # captions, credits, displaced headings
    subheads: int = 0

    @property
    def units(self) -> list[Unit]:
        return self.heads + self.bylines + self.paras + self.extras


def _heading_blocks(units: list[Unit]) -> list[tuple[int, int]]:
    """Index ranges of consecutive headings (captions may sit among them)."""
    blocks = []
    i = 0
    while i < len(units):
        if units[i].kind == "heading" and not units[i].displaced:
            j = i
            while j + 1 < len(units) and (
                (units[j + 1].kind == "heading" and not units[j + 1].displaced)
                or units[j + 1].kind == "caption"
            ):
                j += 1
            while units[j].kind == "caption":
                j -= 1
            blocks.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return blocks


def _paras_after(units: list[Unit], end: int) -> int:
    n = 0
    for u in units[end:]:
        if (u.kind == "heading" and not u.displaced) or u.kind in ("byline", "credit", "source"):
            break
        n += u.kind == "para"
    return n


def _closed_item(units: list[Unit], end: int, block_at: dict[int, int]) -> bool:
    """Does the section after a heading close like a whole item: a source line (据《重庆日报》), or a
    photo credit after a short body?"""
    paras, last = 0, None
    for k in range(end, len(units)):
        u = units[k]
        if k in block_at or u.kind == "byline":
            break
        paras += u.kind == "para"
        last = u
    if last is None:
        return False
    return last.kind == "source" or (last.kind == "credit" and 0 < paras <= 2)


def _segment(units: list[Unit]) -> list[_Item]:
    # Titles written before a byline, whatever their shape (a long deck is still a title).
    for i, u in enumerate(units):
        if u.kind != "byline":
            continue
        k, taken = i - 1, 0
        while k >= 0 and taken < 3:
            v = units[k]
            if v.kind == "caption":
                k -= 1
                continue
            if v.kind == "heading" or (
                v.kind == "para"
                and v.tight is not None
                and v.line == v.last_line
                and len(v.text) <= 60
                and "。" not in v.text
            ):
                if v.kind == "para" and v.tight is not None:
                    v.piece = v.tight
                v.kind = "heading"
                v.displaced = False
                taken += 1
                k -= 1
                continue
            break

    starts: set[int] = set()
    blocks = _heading_blocks(units)
    block_at = {s: e for s, e in blocks}
    for s, e in blocks:
        nxt = e
        while nxt < len(units) and units[nxt].kind == "caption":
            nxt += 1
        prev = units[s - 1] if s else None
        first = units[s].text
        if (
            s == 0
            or (nxt < len(units) and units[nxt].kind == "byline")
            or (nxt < len(units) and units[nxt].kind == "para" and DATELINE.match(units[nxt].text))
            or (prev is not None and prev.kind in ("credit", "source"))
            or NOTICE.search(first)
            or (e - s >= 2 and len(first) <= SECTION_MAX)
            or any(PLACE_TITLE.match(units[k].text) for k in range(s, e))
            or _closed_item(units, e, block_at)
        ):
            starts.add(s)

    items: list[_Item] = []
    cur: _Item | None = None
    i = 0
    while i < len(units):
        u = units[i]
        if i in block_at:
            e = block_at[i]
            n_paras = _paras_after(units, e)
            new = i in starts or cur is None
            if not new and cur is not None and cur.subheads == 0 and n_paras <= 2:
                # photo news between two items: a short body followed by another item or the end
                j = e
                while j < len(units) and not (j in block_at or units[j].kind in ("byline",)):
                    j += 1
                # (at the end of the page only a heading with a body of its own is an item)
                new = n_paras > 0 if j >= len(units) else (j in starts or units[j].kind == "byline")
            if n_paras == 0 and not any(units[k].kind == "byline" for k in range(e, min(e + 3, len(units)))):
                # a heading with no body of its own: a caption, or the section name of the next item
                nxt_block = e < len(units) and e in block_at
                if not nxt_block and cur is not None:
                    cur.extras.extend(units[i:e])
                    i = e
                    continue
            if new:
                cur = _Item()
                items.append(cur)
                cur.heads.extend(units[i:e])
            else:
                assert cur is not None
                cur.paras.extend(units[i:e])
                cur.subheads += 1
            i = e
            continue
        if u.kind == "byline":
            if cur is None or cur.paras:
                cur = _Item()
                items.append(cur)
            cur.bylines.append(u)
        elif cur is None:
            cur = _Item()
            items.append(cur)
            (cur.paras if u.kind == "para" else cur.extras).append(u)
        elif u.kind == "para":
            cur.paras.append(u)
        else:
            cur.extras.append(u)
        i += 1
    return [it for it in items if it.paras or it.heads]


def _build(doc: str, index: int, item: _Item, path: str) -> Article:
    heads = [h.piece for h in item.heads]
    section = None
    if len(heads) >= 2 and len(heads[0].text) <= SECTION_MAX:
        section = heads[0].text
        heads = heads[1:]
    displaced = [u for u in item.extras if u.kind == "heading"]
    if not heads and displaced:
        heads = [displaced[0].piece]
        rest = [d.piece for d in displaced[1:] if d.text.startswith("——")]
        heads += rest[:1]
        used = {id(displaced[0].piece)} | {id(p) for p in rest[:1]}
        item.extras = [u for u in item.extras if id(u.piece) not in used]
    title = heads[0].text if heads else ""
    subtitle = heads[1].text if len(heads) > 1 else None

    reporters: list[str] = []
    for u in item.bylines + [x for x in item.extras if x.kind in ("credit", "caption")]:
        for n in u.names:
            if n not in reporters:
                reporters.append(n)

    top = heads + [b.piece for b in item.bylines]
    body = [u.piece for u in item.paras]
    extras = [u.piece for u in item.extras]
    text_pieces = top + body + extras
    piece = Piece.join(text_pieces)
    body_start = sum(len(p) + 1 for p in top)
    captions = [u.text for u in item.extras if u.kind in ("caption", "heading")]
    nos = [u.line for u in item.units] + [u.last_line for u in item.units]
    body_paras = sum(u.kind == "para" for u in item.paras)
    if NOTICE.search(title):
        kind = "notice"
    elif not item.bylines and body_paras <= 2 and not (item.paras and DATELINE.match(item.paras[0].text)):
        kind = "photo_caption"
    else:
        kind = "article"
    return Article(
        id=f"{doc}#{index}",
        doc=doc,
        index=index,
        kind=kind,
        title=title,
        subtitle=subtitle,
        section=section,
        reporters=reporters,
        text=piece.text,
        origin=piece.origin,
        body_start=body_start,
        captions=captions,
        lines=(min(nos), max(nos)),
        path=path,
    )


def split_page(raw: str, doc: str, path: str = "") -> list[Article]:
    """Split one page's raw text into articles; ids are ``doc#1``, ``doc#2``… in page order.

    >>> page = "大足 发布石刻保护规范\\n\\n□ 大足日报记者 唐文博\\n\\n近日，大足区文物局发布了规范。\\n"
    >>> arts = split_page(page, "p1")
    >>> arts[0].title, arts[0].reporters
    ('大足 发布石刻保护规范', ['唐文博'])
    """
    units = _join_paragraphs(_classify(raw, _lines(raw)))
    items = _segment(units)
    arts = [_build(doc, i, it, path) for i, it in enumerate(items, 1)]
    last = len(raw) - 1
    for a in arts:
        # A line break joining two pieces points just past the piece before it: past the end of the
        # page when that piece ends the page (a caption moved after it, say). Keep it inside.
        if a.origin and max(a.origin) > last:
            a.origin = [min(o, last) for o in a.origin]
    return arts


def doc_name(path: Path) -> str:
    """The ``doc`` of a file: its name without the extension."""
    return path.name.rsplit(".", 1)[0] if "." in path.name else path.name
