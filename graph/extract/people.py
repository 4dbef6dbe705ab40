"""People: names after a title (区委书记赵明远), before a speech verb (钟磊说), and in bylines."""

from __future__ import annotations

import itertools
import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from graph.articles import BYLINE, CREDIT, PROVIDED, ROLE_WORDS
from graph.extract import candidates as cand
from graph.extract.lexicon import (
    POSTS,
    alternation,
    crosses_word,
    departments,
    dictionary_tag,
    foreign,
    gazetteer,
    jieba_tok,
    lexicon,
    posseg,
    surnames,
    word_freq,
)
from graph.normalize import is_cjk

ORG_TYPES = ("company", "government", "park", "district")
# What may follow a name: punctuation and particles that start the next phrase (韩冰和同事们, 李刚则关注).
CUES = "，。、！？：；”）\n 和等在也就说称还正带向给是的则作又却已便为"
SPEECH = "说称讲道"
_SPOKEN_AFTER = re.compile(r"(?:说|表示|介绍|指出|透露|认为|强调|坦言)[，：:“]")
"""A speech verb, then what is said: after 为 or 和 it ends a name of three (邓可为说，), where 为 or 和
would begin no clause (not 刘伟为主持人颁奖, 张强和主持人对话)."""
"""Speech verbs of one character written right after a speaker's name."""
# Surnames that are far more often a function word at the start of a phrase.
NOT_AFTER_PUNCT = set("和与在向把被对从给让将有都")
_NOT_GIVEN = (
    "他她它我你您其咱俺此不没也都还就才只又再很最"
    "外内上下中前后里东西南北左右总党区市县镇乡村户厂社国省家人众企各全本这那大小多少"
)
"""Pronouns, adverbs, directions and what a speaker turns to (向他, 都不, 向外, 向党, 向区): after a
surname that is a preposition too, no given name."""
_AFTER_FOREIGN = ["女士", "先生", "今天", "昨天", "日前", "近日", "甚至", "曾", "将"]
"""Words that end a name written with · (卡洛斯·马德里先生, 维克多·佩罗塔今天)."""
_PRESS = ("记者", "通讯员", "摄影")
"""Credits of a news item, written one after another without a space (记者黎冰通讯员石磊)."""
ANAPHORS = {
    "公司": "company",
    "该公司": "company",
    "企业": "company",
    "该企业": "company",
    "集团": "company",
    "合作社": "company",
}


_SERVES_AT = ("公司", "该公司", "集团", "该集团", "企业")
"""What one serves at after 任 when no organisation is named: the one the article is about."""
_ANAPHORS_LONGEST = tuple(sorted(ANAPHORS, key=len, reverse=True))


_WHEN_TAKEN = "(?:同时|还|现|也|目前|并|正式)?"
"""How a post is taken, written before the verb (同时担任, 正式就任)."""
_TAKES_POST = _WHEN_TAKEN + "(?:担任|兼任|出任|就任)"
"""What stands between a person's name and a post written after it (罗建勋|同时担任|瑞宸集团董事长)."""
_BODY_ENDS = "部局委厅办院处署司"
"""A body's last character, which jieba writes with the body (财政部) when a title begins with it (部长)."""


_COMMON_GIVEN = 1000
"""A word after a surname jieba cut off alone is its given name if jieba's dictionary has it, less
often than this (大全, 130); not 今年 or 表示, nor a word only its guess makes (都|靠种)."""


class PersonMatcher:
    """Names confirmed by their context, then every other occurrence of them in the article.

    The name's length (2 or 3 characters) is settled by what follows it: a speech verb or a
    particle after 2 characters (``韩冰和同事们``) makes it 2, otherwise jieba's reading decides.
    The title's organisation is the organisation written right before it, or the company an
    anaphor (公司董事长) points back to.
    """

    def __init__(self, name: str = "person_matcher", max_name_freq: int = 50) -> None:
        self.name = name
        lex = lexicon()["person"]
        self.surnames = surnames()
        # (not 东方, 南门, 第五, 百里: as often a direction, a gate or a count — 东方雨虹, 南门社区, 第五名)
        self.compound = frozenset(s for s in self.surnames if len(s) == 2 and s[0] not in "东南西北第百")
        self.after = tuple(sorted(lex["after"], key=len, reverse=True))
        self.company_titles = frozenset(lex["company_titles"])
        titles = lex["titles"] + lex["growers"]
        self.titles = tuple(sorted(set(titles), key=len, reverse=True))
        self.kin = frozenset(lex["kin"])
        self.serves_at = (*_SERVES_AT, *self.titles)  # (what 任 is followed by: see _serves)
        sn = alternation(sorted(self.surnames)) or "(?!)"
        # (the name read ahead, not taken: a credit may begin inside it, 记者吴桐|通讯员庞悦)
        self.titled = re.compile(
            rf"(?P<title>{alternation(titles + lex['kin'])})(?=(?P<name>(?:{sn})[\u4e00-\u9fff]{{1,2}}))"
        )
        # a name written in another script's way, its parts joined by ·, after a title (总裁托马斯·韦伯)
        self.foreign = re.compile(
            rf"(?P<title>{alternation(titles)})"
            rf"(?P<name>(?:(?![的在是和与为])[\u4e00-\u9fff]){{2,5}}·[\u4e00-\u9fff]{{1,6}}?)"
            rf"(?=[{re.escape(CUES)}]|{alternation(lex['after'] + _AFTER_FOREIGN)}|$)"
        )
        self.spoken = re.compile(
            rf"(?:(?<=[，。！？：；“”、\n])|^)(?P<name>(?:{sn})[\u4e00-\u9fff]{{1,2}}?)(?={alternation(lex['after'])})"
        )
        # a title after the name (赵明远书记说, 钟磊董事长表示), then what ends the phrase
        post = [t for t in titles if len(t) >= 2 and t not in ("代表", "委员", "专家", "老人", "学生")]
        self.post_titled = re.compile(
            rf"(?:(?<=[，。！？：；“”、\n（(])|^)(?P<name>(?:{sn})[\u4e00-\u9fff]{{1,2}}?)(?P<title>{alternation(post)})"
            rf"(?=[，。、；：！？”\n]|{alternation(lex['after'])}|在|和|也|还|就|带|向|对|与)"
        )
        # a name appointed to a post (任命严家骏为永川区人民政府副区长, 任命：邵国强为…): the post after 为
        self.appointed = re.compile(
            rf"(?:任命|提名|选举|推选|聘任)[：:]?(?P<name>(?:{sn})[\u4e00-\u9fff]{{1,3}}?)(?:同志)?为(?!止|主要|主体|重点|核心)"
        )
        # a name removed from a post (免去秦永福的忠县经济信息委主任职务, 免去：晁明的…): the post after 的
        self.removed = re.compile(rf"免去[：:]?(?P<name>(?:{sn})[\u4e00-\u9fff]{{1,2}}?)(?:同志)?的")
        # a name at a clause's start, then the post it takes (：蔡文静任璧山高新区党工委书记，; ，俞嘉恒
        # 正式就任鼎城银行副行长)
        self.takes = re.compile(
            rf"(?:(?<=[：:；，。\n])|^)(?P<name>(?:{sn})[\u4e00-\u9fff]{{1,2}}?){_WHEN_TAKEN}(?:担|兼|出|就)?任(?!务|何|意|期)"
        )
        # a name at a list's line or item, then the post it is given or relieved of (任免名单:
        # 一、任命\n岑立新为垫江县人民政府副县长；\n龚浩然为…主任；… 二、免去\n屠雅静的…主任职务；)
        self.listed = re.compile(
            rf"(?:(?<=[；;\n])|^)(?P<name>(?:{sn})[\u4e00-\u9fff]{{1,2}}?)(?:同志)?(?:为|的)(?!止|主要|主体|重点|核心)"
        )
        # a post, then the name that takes it, perhaps after what else it is (北岸基金总经理由唐知秋
        # 担任。; 总经理由数境文化副总裁濮云帆兼任, 由盛联精工派驻的郁清泉担任)
        self.taken_by = re.compile(
            rf"(?P<title>{alternation(titles)})由[^，。；：！？\n]{{0,16}}?(?P<name>(?:{sn})[\u4e00-\u9fff]{{1,2}}?)(?:同志)?"
            rf"(?:担任|接任|出任|兼任)(?=[。，；\n]|$)"
        )
        # a name, then its organisation and post in brackets (邵鹏（重庆长风化工新材料有限公司研发中心主任）)
        self.bracketed = re.compile(
            rf"(?:(?<=[：:；，、）)\n])|^)(?P<name>(?:{sn})[\u4e00-\u9fff]{{1,2}}?)[（(]"
        )
        self.apposed = re.compile(
            rf"(?:(?<=[是为，。：；“”\n])|^)(?P<name>(?:{sn})[\u4e00-\u9fff]{{1,2}}?)，"
        )
        self.max_name_freq = max_name_freq

    def __call__(self, doc: Doc) -> Doc:
        text = cand.text_of(doc)
        names: dict[str, None] = {}
        for s, e, role, org in self._bylines(text):
            cand.add(doc, s, e, "person", self.name, priority=2, role=role, org_name=org)
            names[text[s:e]] = None
        for m in self.titled.finditer(text):
            if m.group("title") in ("记者", "通讯员") and text[m.start("name")] in NOT_AFTER_PUNCT:
                continue  # (记者从…获悉, 记者在…看到: a preposition, no surname)
            if self._longer_title(text, m.start("title"), m.group("title")):
                continue  # (总工程师: 总工 and no 程师)
            if text.startswith("任", m.start("name")) and self._title_at(text, m.start("name") + 1):
                continue  # (主要负责人任指挥长: 任 serves as the post after it, no surname)
            n, sure = self._settle(text, m.start("name"), m.end("name"))
            if (
                (not sure or not m.group("title").endswith(POSTS))
                and m.group("title")[0] not in _BODY_ENDS
                and crosses_word(text, m.start("title"), m.start("title"))
                and crosses_word(text, m.end("title"), m.end("title"))
            ):
                continue  # (乡村|民宿等, 银行|长江经济带: no 村民, no 行长; 财政部长安雷 and 校长江涛在 are)
            if m.group("title").endswith(_PRESS):
                # (记者黎冰通讯员石磊, 记者许可欣通讯员邓琳: the next credit ends the name)
                # (通讯员冉芸摄 closing a caption: 摄, took the picture, ends it)
                ends = [k for k in (2, 3) if k <= len(m.group("name"))]
                k = next(
                    (
                        k
                        for k in ends
                        if text.startswith(_PRESS, m.start("name") + k) or _took(text, m.start("name") + k)
                    ),
                    None,
                )
                n, sure = (k, True) if k else (n, sure)
            kin = m.group("title") in self.kin
            if not n or (kin and (not sure or crosses_word(text, m.start(), m.end("title")))):
                continue  # (妇女|儿童频道: no 女儿 there)
            if kin and text.startswith(("”", "》"), m.start("name") + n):
                continue  # (“母亲须知”: a phrase quoted)
            if kin and word_freq(text[m.start("name") : m.start("name") + n]) > self.max_name_freq:
                continue  # (企业家沙龙: a word jieba files as a foreign name, here the salon)
            s, e = m.start("name"), m.start("name") + n
            run = self._run_start(text, m.start("title"))
            attrs = self._role(doc, text[run : m.end("title")], run, m.group("title"))
            if kin and self._serves(text, e):  # (其弟石伯海任公司总经理: the post, not the kin)
                attrs = self._post(doc, text, e + 1, whole=True) or attrs
            cand.add(doc, s, e, "person", self.name, priority=2, guessed=not sure, **attrs)
            names[text[s:e]] = None
        for m in self.foreign.finditer(text):
            attrs = self._role(doc, m.group("title"), m.start("title"), m.group("title"))
            cand.add(doc, m.start("name"), m.end("name"), "person", self.name, priority=2, **attrs)
            names[m.group("name")] = None
        for m in self.post_titled.finditer(text):
            name = m.group("name")
            if self._plausible(name):
                attrs = self._role(doc, m.group("title"), m.start("name"), m.group("title"))
                cand.add(doc, m.start("name"), m.end("name"), "person", self.name, priority=2, **attrs)
                names[name] = None
        for m in self.taken_by.finditer(text):
            name = m.group("name")
            after = m.start("name") > m.end("title") + 1  # (what else the person is, written between)
            if self._plausible(name) and not (after and crosses_word(text, m.start("name"), m.end("name"))):
                run = self._run_start(text, m.start("title"))
                attrs = self._role(doc, text[run : m.end("title")], run, m.group("title"))
                # (the post the sentence gives, over a title of another body before the name: 由数境文化
                # 副总裁濮云帆兼任 is the 总经理 of the company written first)
                rank = 3 if after else 2
                cand.add(doc, m.start("name"), m.end("name"), "person", self.name, priority=rank, **attrs)
                names[name] = None
        for m in itertools.chain(self.appointed.finditer(text), self.removed.finditer(text)):
            name = m.group("name")
            if self._plausible(name):
                attrs = self._post(doc, text, m.end(), whole=True)  # (not 区长助理, 区长候选人)
                cand.add(doc, m.start("name"), m.end("name"), "person", self.name, priority=2, **attrs)
                names[name] = None
        for m in self.spoken.finditer(text):
            name = m.group("name")
            if self._plausible(name):
                cand.add(doc, m.start("name"), m.end("name"), "person", self.name, priority=1)
                names[name] = None
        for m in self.apposed.finditer(text):
            # a post written apart after the name (是黎远舟，重庆数衍智能科技有限公司创始人、总经理。)
            attrs = self._post(doc, text, m.end(), whole=True)
            if "org" in attrs and self._plausible(m.group("name")):
                cand.add(doc, m.start("name"), m.end("name"), "person", self.name, priority=2, **attrs)
                names[m.group("name")] = None
        # (a name, then the post it takes or holds, organisation and title: 蔡文静任…书记, 邵鹏（…主任）)
        for m in itertools.chain(
            self.takes.finditer(text), self.bracketed.finditer(text), self.listed.finditer(text)
        ):
            attrs = self._post(doc, text, m.end(), whole=True)
            if "org" in attrs and self._plausible(m.group("name")):
                cand.add(doc, m.start("name"), m.end("name"), "person", self.name, priority=2, **attrs)
                names[m.group("name")] = None
        for name in names:
            for m in re.finditer(re.escape(name) + _TAKES_POST, text):
                # a post a person named in the article holds too (罗建勋同时担任瑞宸集团董事长，…)
                attrs = self._post(doc, text, m.end(), whole=True)
                if attrs:
                    cand.add(doc, m.start(), m.start() + len(name), "person", self.name, priority=2, **attrs)
            for m in re.finditer(re.escape(name), text):
                cand.add(doc, m.start(), m.end(), "person", self.name, priority=0)
        return doc

    def _role(self, doc: Doc, role: str, at: int, title: str) -> dict:
        """A titled person's ``role`` and, if one is found before ``at``, the organisation its
        ``title`` belongs to (:meth:`_org_for`)."""
        org = self._org_for(doc, at, title in self.company_titles)
        return {"role": role} if org is None else {"role": role, "org": org}

    def _post(self, doc: Doc, text: str, at: int, whole: bool = False) -> dict:
        """The post written at ``at`` (after 任命X为): an organisation and its title (永川区人民法院
        审判员), or a title alone (副区长, whose organisation is found as for a title before a name).
        ``whole``: only a post the clause ends with (a run of titles, 创始人、总经理, then punctuation),
        not the title of a name written after it."""
        found = cand.candidates(doc)
        # (重庆市|永川区人民政府副区长: after the places it is in)
        starts = {at} | {c.end for c in found if c.type == "district" and c.start == at}
        orgs = [c for c in found if c.type in ORG_TYPES and c.start in starts]
        org = max(orgs, key=lambda c: (c.end, c.priority), default=None)
        start = org.end if org else at
        if org is None:  # (任公司总经理: the company 公司 points back to, found as for 公司董事长)
            start += next((len(w) for w in _ANAPHORS_LONGEST if text.startswith(w, at)), 0)
        title = self._title_at(text, start)
        if title is None:
            return {}
        if whole:
            end = start + len(title)
            while text.startswith(("、", "兼"), end) and (t := self._title_at(text, end + 1)):
                title, end = text[start : end + 1 + len(t)], end + 1 + len(t)
            if end < len(text) and text[end] not in "。，；！？、\n）)" and not text.startswith("职务", end):
                return {}  # (…主任职务: the post, 免去X的…职务)
        if org is None:
            return self._role(doc, title, start, title)
        return {"role": title, "org": (org.start, org.end)}

    def _longer_title(self, text: str, pos: int, title: str) -> bool:
        """Does a longer title than ``title`` start at ``pos`` (总工|程师 is 总工程师)?"""
        longer = (t for t in self.titles if len(t) > len(title) and t.startswith(title))
        return any(text.startswith(t, pos) for t in longer)

    def _run_start(self, text: str, pos: int) -> int:
        """Where the run of titles that ends with the one at ``pos`` begins: titles a person
        holds at once are written one after another with 、 or 兼 (党委委员、副总经理孙广宇,
        董事长兼总经理赵华平), and the role is all of them."""
        for _ in range(3):
            if text[pos - 1 : pos] not in ("、", "兼"):
                break
            before = next(
                (t for t in self.titles if pos - 1 - len(t) >= 0 and text.startswith(t, pos - 1 - len(t))),
                None,
            )
            if before is None:
                break
            pos -= 1 + len(before)
        return pos

    @staticmethod
    def _verb_at(text: str, pos: int) -> bool:
        """Does a common verb start at ``pos`` (盛明秀|了解情况)? Then the name ends there."""
        toks = posseg(text[pos : pos + 4])
        return (
            bool(toks)
            and len(toks[0][0]) > 1
            and toks[0][1] in ("v", "vn", "d", "p")
            and word_freq(toks[0][0]) > 1000
        )

    def _title_at(self, text: str, pos: int) -> str | None:
        """The longest title written at ``pos``."""
        return next((t for t in self.titles if text.startswith(t, pos)), None)

    def _serves(self, text: str, pos: int) -> bool:
        """Is a post written at ``pos`` with 任 (石伯海|任公司总经理, 任副区长)? Then the name ends there."""
        return text.startswith("任", pos) and text.startswith(self.serves_at, pos + 1)

    def _plausible(self, name: str, settled: bool = False) -> bool:
        """A surname first, and not a common word (满意, 和游客) whole or in its first two characters.
        ``settled``: a cue after the name ends it (主任向宏介绍), so a surname that is also a
        preposition may begin a two-character name."""
        if name[:2] in self.compound:  # (欧阳立新, 司马青: the surname is a word of its own)
            return (
                len(name) >= 3
                and (word_freq(name) <= self.max_name_freq or dictionary_tag(name) == "nr")  # (欧阳修)
                and name[-1] not in CUES  # (上官云|说)
                and "某" not in name[2:]
            )
        return (
            len(name) >= 2
            and name[0] in self.surnames
            and not (len(name) == 3 and name[-1] in SPEECH + "任")  # (甘露|说, 王强|任指挥长)
            # (银行长|江经济带: a given name is no word as common as 经济; 建国, 文明 are names)
            and not (len(name) == 3 and word_freq(name[1:]) > 10_000)
            # these are surnames and words too (向, 和, 从…): 向德明 is a name, 向记者 (to the reporter) not;
            # nor is 向红霞, whose 红霞 is a given name jieba knows; nor 向宏, no word, whose 宏 is no
            # pronoun or adverb (向他, 和我, 都不)
            and (
                name[0] not in NOT_AFTER_PUNCT
                or word_freq(name[1:]) <= self.max_name_freq
                or dictionary_tag(name[1:]) == "nr"
                or (settled and len(name) == 2 and name[1] not in _NOT_GIVEN and word_freq(name) == 0)
            )
            and (word_freq(name) <= self.max_name_freq or dictionary_tag(name) == "nr")
            # (村民钱袋子: a purse; 朱梦魁, a name jieba files as a noun, stays one)
            and not (len(name) >= 3 and dictionary_tag(name) == "n" and word_freq(name[1:]) >= 100)
            and word_freq(name[:2]) <= self.max_name_freq * 20
            # (区纪委书记: 区 is a surname, and here the district's body)
            and name[1:] not in departments()
            and "某" not in name[1:]  # (被告人赵某: a name withheld names no one)
            # (石柱县|副县长: the county, not a name; but a name may be a place abroad, 董事长贝宁)
            and (not gazetteer().full_names(name) or foreign(name))
        )

    def _worded(self, name: str) -> bool:
        """A name that is a word jieba files as a name or a place too (高峰, 江山), taken where a title
        is written before it and a speech verb after it (区长高峰说): a surname first; no common
        word (局长解释说, 村主任连连说, 镇长高声说)."""
        tag = dictionary_tag(name)
        return (
            name[0] in self.surnames
            and tag in ("nr", "ns", "nz", "nrfg", "nrt")
            and name not in departments()
        )

    def _settle(self, text: str, s: int, e: int) -> tuple[int, bool]:
        """Length of the name starting at ``s`` (0 if none), and whether the text settled it (a cue
        after it) rather than jieba's guess — a guess the statistical model may overrule."""
        lengths = (3, 4) if text[s : s + 2] in self.compound else (2, 3)
        for n in lengths:
            if s + n > e:
                continue
            nxt = text[s + n : s + n + 2]
            if nxt[:1] in "为和" and _SPOKEN_AFTER.match(text, s + n + 1):
                continue  # (邓可为说, 孟庆和表示: 为 or 和 before a speech verb ends the name, no clause)
            if (
                not nxt
                or nxt[0] in CUES
                or nxt.startswith(self.after)
                or self._verb_at(text, s + n)
                or self._serves(text, s + n)
            ) and (
                self._plausible(text[s : s + n], settled=True)
                or (n == 2 and nxt[:1] in SPEECH and self._worded(text[s : s + n]))
            ):
                return n, True
        words = jieba_tok().lcut(text[s : s + 6], HMM=True)
        first = words[0]
        if len(first) in lengths and self._plausible(first):
            return len(first), False
        if (
            len(first) == 1
            and len(words) > 1
            and len(words[1]) == 2
            and 0 < word_freq(words[1]) < _COMMON_GIVEN
            and (len(words) == 2 or len(words[2]) > 1 or not is_cjk(words[2]))  # (陈|丽都|会: 陈丽)
            and s + 3 <= e
            and self._plausible(text[s : s + 3])
        ):
            return 3, False  # (包|大全|去年: the surname alone, then a given name jieba has as a word)
        n = lengths[0]
        return (n, False) if s + n <= e and self._plausible(text[s : s + n]) else (0, False)

    @staticmethod
    def _org_for(doc: Doc, title_start: int, company_title: bool = False) -> tuple[int, int] | None:
        """The organisation a title belongs to: written right before it, or named earlier. A
        company's title (副总经理) never belongs to the place written before it."""
        text = cand.text_of(doc)
        types = ("company",) if company_title else ORG_TYPES
        before = [c for c in cand.candidates(doc) if c.type in types and c.end <= title_start + 2]
        adjacent = [
            c for c in before if title_start - 1 <= c.end <= title_start + 2 and c.start < title_start
        ]
        if adjacent:
            best = max(adjacent, key=lambda c: (c.end - c.start, c.priority))
            return best.start, best.end
        for word, typ in ANAPHORS.items():
            if text[max(0, title_start - len(word)) : title_start] == word:
                named = [c for c in before if c.type == typ and c.end <= title_start - len(word)]
                if word == "合作社":  # (the cooperative named before, not any company)
                    named = [c for c in named if text[c.start : c.end].endswith(word)]
                elif word == "集团":  # (the group named before, if the article names one)
                    named = [c for c in named if word in text[c.start : c.end]] or named
                paragraph = text.rfind("\n", 0, title_start) + 1
                opening = [c for c in named if c.start == paragraph]
                others = {text[c.start : c.end] for c in named if c.start > paragraph} - {
                    text[c.start : c.end] for c in opening
                }
                if opening and not others:  # (a paragraph that opens with a company is about it: a brief's)
                    c = max(opening, key=lambda c: c.end - c.start)
                    return c.start, c.end
                if named:
                    # 公司 is the company the article is about, not the last one named in passing
                    # (合作伙伴有宁德时代、长安汽车…): the most often named, then the latest
                    seen = Counter(text[c.start : c.end] for c in named)
                    c = max(named, key=lambda c: (seen[text[c.start : c.end]], c.end, c.end - c.start))
                    return c.start, c.end
        return None

    def _bylines(self, text: str):
        """The names of bylines (□ 重庆日报记者 左黎韵), photo credits (记者 张三 摄) and the writers
        listed before a picture's source (唐楸 龙搏 图片由黔江区委宣传部提供), with role and outlet."""
        pos = 0
        for line in text.split("\n"):
            m = CREDIT.search(line) or BYLINE.match(line)
            provided = None if m else PROVIDED.match(line)
            if m:
                names = m.group("names")
                off = pos + m.start("names")
                for n in re.finditer(r"[\u4e00-\u9fff·]{2,4}", names):
                    if n.group() not in ROLE_WORDS:
                        yield off + n.start(), off + n.end(), m.group("role"), m.group("outlet") or None
            elif provided:  # (no title says these are names: each must look like one)
                off = pos + provided.start("names")
                for n in re.finditer(r"[\u4e00-\u9fff]{2,3}", provided.group("names")):
                    if self._plausible(n.group()):
                        yield off + n.start(), off + n.end(), None, None
            pos += len(line) + 1


def _took(text: str, at: int) -> bool:
    """Does 摄 (took the picture) stand at ``at``, closing its line?"""
    return text.startswith("摄", at) and text[at + 1 : at + 2] in ("", "\n", " ", "）", ")")


@Language.factory("person_matcher", default_config={"max_name_freq": 50})
def make_person_matcher(nlp: Language, name: str, max_name_freq: int) -> PersonMatcher:
    return PersonMatcher(name, max_name_freq)
