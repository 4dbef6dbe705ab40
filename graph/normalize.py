"""Clean text from scanned pages while remembering where every character came from.

PDF text extraction leaves spaces inside words (``南川 区``), half-width punctuation in Chinese
sentences and full-width Latin letters. Entity names must be matched on clean text, yet every
mention has to point back at the raw file, so each normalised string carries the raw offset of
each of its characters (:class:`Piece`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_SPACES = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
# Every character normalise() may change or drop; runs of any others are copied as they are.
_SPECIAL = re.compile(
    "["
    + re.escape(_SPACES)
    + "\r\n"
    + re.escape("".join(_HALF_TO_FULL))
    + "\"'\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
)
# Characters that end a sentence or a paragraph.
TERMINAL = "。！？…”’）》!?;；"


HAN_RANGES = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f"
"""The Han characters :func:`is_cjk` accepts, as a regex class body: to scan a text in C rather
than by a call a character."""


def is_cjk(ch: str) -> bool:
    """Han characters, the ones names are made of (``""``, the "no character" at a text's edge: no)."""
    if len(ch) != 1:
        return False
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F


def is_cjk_punct(ch: str) -> bool:
    if len(ch) != 1:
        return False
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFF65 or 0x2018 <= o <= 0x201F or ch in "…—·"


def _wide(ch: str) -> bool:
    return is_cjk(ch) or is_cjk_punct(ch)


@dataclass
class Piece:
    """Normalised text plus the raw offset of each character (``len(origin) == len(text)``)."""

    text: str = ""
    origin: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: Piece) -> Piece:
        return Piece(self.text + other.text, self.origin + other.origin)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets covering normalised ``[start, end)``."""
        if start >= end or not self.origin:
            pos = (
                self.origin[start]
                if start < len(self.origin)
                else (self.origin[-1] + 1 if self.origin else 0)
            )
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    @staticmethod
    def join(pieces: list[Piece], sep: str = "\n") -> Piece:
        """Join pieces; a separator character points just past the piece before it."""
        text: list[str] = []
        origin: list[int] = []
        for i, p in enumerate(pieces):
            if i and sep:
                text.append(sep)
                origin.extend([origin[-1] + 1 if origin else 0] * len(sep))
            text.append(p.text)
            origin.extend(p.origin)
        return Piece("".join(text), origin)


def normalise(raw: str, start: int = 0, end: int | None = None, *, join_words: bool = True) -> Piece:
    """Normalise ``raw[start:end]`` (one line or paragraph).

    - drops leading and trailing white space and, when ``join_words`` is set, white space that sits
      between Chinese characters or punctuation (column wraps of the scanned layout); headings and
      bylines keep theirs, where a space separates phrases (``奉节 脐橙成为…``);
    - turns half-width ``,;:!?()`` next to Chinese text into their full-width forms, and straight
      quotes into curly ones, opening and closing in turn;
    - folds full-width Latin letters and digits to ASCII and every kind of space to one ASCII space.

    >>> normalise("南川 区,2022年 以来").text
    '南川区，2022年以来'
    """
    end = len(raw) if end is None else end
    out: list[str] = []  # pieces of the result, each non-empty
    origin: list[int] = []
    dquote = squote = 0

    def last() -> str:
        return out[-1][-1] if out else ""

    i = start
    while i < end:
        m = _SPECIAL.search(raw, i, end)
        j = m.start() if m else end
        if j > i:  # a run of characters kept as they are
            out.append(raw[i:j])
            origin.extend(range(i, j))
            i = j
            if i >= end:
                break
        ch = raw[i]
        if ch in _SPACES or ch in "\r\n":
            j = i
            while j < end and (raw[j] in _SPACES or raw[j] in "\r\n"):
                j += 1
            prev = last()
            nxt = raw[j] if j < end else ""
            if join_words and _split_number(raw, i, j, start, end):
                i = j  # (年产30 0万件: a number a column's spacing cut in two)
                continue
            if prev and nxt and not (join_words and (_wide(prev) or _wide(nxt)) and _joinable(prev, nxt)):
                out.append(" ")
                origin.append(i)
            i = j
            continue
        o = ord(ch)
        if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
            ch = chr(o - 0xFEE0)
        elif ch in _HALF_TO_FULL:
            prev = last()
            nxt = _next_visible(raw, i + 1, end)
            if _wide(prev) or _wide(nxt) or (ch in "()" and (is_cjk(prev) or is_cjk(nxt))):
                ch = _HALF_TO_FULL[ch]
        elif ch == '"':
            ch = "“" if dquote % 2 == 0 else "”"
            dquote += 1
        elif ch == "'":
            prev = last()
            if _wide(prev) or _wide(_next_visible(raw, i + 1, end)):
                ch = "‘" if squote % 2 == 0 else "’"
                squote += 1
        out.append(ch)
        origin.append(i)
        i += 1
    return Piece("".join(out), origin)


def _split_number(raw: str, i: int, j: int, start: int, end: int) -> bool:
    """Is the white space ``raw[i:j]`` inside a number written between Chinese characters and before a
    unit (年产30 0万件), where a scan's column spacing fell, not between two numbers (2023 2024), in a
    telephone number's groups (023 68886666转) or before a month (1 2月, which may be 1、2月)?"""
    if not (start < i and j < end and raw[i - 1].isdigit() and raw[j].isdigit()):
        return False
    a = i
    while a > start and (raw[a - 1].isdigit() or raw[a - 1] == "."):
        a -= 1
    b = j
    while b < end and (raw[b].isdigit() or raw[b] == "."):
        b += 1
    digits = (i - a) + (b - j)
    return digits <= 6 and a > start and is_cjk(raw[a - 1]) and b < end and raw[b] in _UNITS


_UNITS = frozenset("万亿千百元吨件个台套辆米亩人户家座项%股倍")
"""What a number cut by the column's spacing is a number of."""


def _joinable(prev: str, nxt: str) -> bool:
    """A space between these two characters is a layout artefact, not a separator."""
    return (_wide(prev) or prev.isdigit() or prev in "%.") and (_wide(nxt) or nxt.isalnum())


def _next_visible(raw: str, i: int, end: int) -> str:
    while i < end and raw[i] in _SPACES:
        i += 1
    return raw[i] if i < end else ""


SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|…{2,}[”’]?|\n+")


def sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``: split after 。！？； (keeping closing quotes) and at
    line breaks, the unit our co-occurrence and evidence work on."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in SENTENCE_END.finditer(text):
        stop = m.start() if text[m.start()] == "\n" else m.end()
        if text[pos:stop].strip():
            spans.append((offset + pos, offset + stop))
        pos = m.end()
    if text[pos:].strip():
        spans.append((offset + pos, offset + len(text)))
    return spans
