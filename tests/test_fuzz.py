"""Property tests: the normaliser, the splitter and the extractor take any text without crashing,
and every offset they hand out points where it says.

Offsets are the project's contract with its users (``text[start:end] == surface``, ``raw_start`` /
``raw_end`` into the file), so they are checked on arbitrary Unicode, on CJK-heavy text, on text
made mostly of line breaks and spaces, and on "pages" stitched together from real seed lines (which
reach the splitter's byline, caption and heading logic). Example counts are kept moderate so the
suite stays fast; in CI (``CI`` set) the examples are derandomised so a run is reproducible. For a
deeper search, multiply the counts: ``FUZZ_SCALE=20 python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.articles import split_page
from graph.normalize import normalise, sentences

from .conftest import SEEDS

SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

_SEED_LINES = sorted(
    {line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines() if line}
)
_INTERESTING = list(
    "，。、；：？！“”‘’（）《》【】…—·□ \u3000\u00a0\t\n\r\ufeff\u200b,.;:!?()\"'%0123456789AZaz"
    "ＡＺａｚ０９区县市镇公司集团有限责任股份记者通讯员摄据重庆日报启事声明书记董事长说"
)

cjk_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from(_INTERESTING),
    ),
    max_size=300,
)
newline_text = st.lists(
    st.sampled_from([*"\n\r \t\u3000\u2028\x0b\x0c。，区公司A1", "\r\n", "\n\n"]), max_size=150
).map("".join)
any_text = st.text(max_size=300)


def _splice(line: str, insert: str, at: int) -> str:
    at %= len(line) + 1
    return line[:at] + insert + line[at:]


seed_line = st.sampled_from(_SEED_LINES)
seed_page = st.lists(
    st.one_of(
        seed_line,
        seed_line.map(lambda s: s[:7]),  # a heading-sized start of a real line
        st.builds(_splice, seed_line, st.text(max_size=4), st.integers(0, 500)),  # a real line, damaged
        cjk_text,
        st.just(""),
    ),
    min_size=1,
    max_size=25,
).map("\n".join)
# for the (slower) extractor: always several real, possibly damaged, lines, so that there is
# something to find in every example
seed_chunk = st.lists(
    st.one_of(seed_line, st.builds(_splice, seed_line, st.text(max_size=4), st.integers(0, 500))),
    min_size=4,
    max_size=16,
).map("\n".join)
texts = st.one_of(any_text, cjk_text, newline_text, seed_page)

FAST = settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_piece(raw: str, text: str, origin: list[int], lo: int, hi: int) -> None:
    assert len(origin) == len(text)
    assert all(lo <= o < hi for o in origin), (origin, lo, hi)


@FAST
@given(texts, st.booleans(), st.data())
def test_normalise_keeps_an_origin_inside_the_slice_for_every_character(raw, join_words, data):
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    p = normalise(raw, start, end, join_words=join_words)
    _check_piece(raw, p.text, p.origin, start, end)
    assert p.origin == sorted(set(p.origin)), "origins must increase"
    if p.text:
        a, b = p.raw_span(0, len(p.text))
        assert start <= a < b <= end


@FAST
@given(texts)
def test_sentences_are_ordered_non_empty_spans_of_the_text(text):
    spans = sentences(text)
    prev = 0
    for a, b in spans:
        assert prev <= a < b <= len(text)
        assert text[a:b].strip()
        prev = b


@settings(max_examples=100 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_split_page_offsets_point_into_the_raw_page(raw):
    arts = split_page(raw, "p")
    assert [a.id for a in arts] == [f"p#{i}" for i in range(1, len(arts) + 1)]
    for a in arts:
        _check_piece(raw, a.text, a.origin, 0, len(raw))
        assert 0 <= a.body_start <= len(a.text) + 1
        lo, hi = a.lines
        assert 1 <= lo <= hi <= raw.count("\n") + 1
        # every character is the raw one or a normalised form of it (never from elsewhere)
        for ch, o in zip(a.text, a.origin, strict=True):
            if ch not in "\n ":
                assert raw[o] == ch or not raw[o].isspace(), (ch, raw[o])


@settings(max_examples=20 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(seed_chunk, seed_chunk, seed_page, any_text))
def test_extractor_mentions_match_the_article_text(raw):
    from graph.extract.pipeline import extract

    arts = split_page(raw, "p")
    by_id = {a.id: a for a in arts}
    for aid, ms in extract(arts).items():
        art = by_id[aid]
        for m in ms:
            assert 0 <= m.start < m.end <= len(art.text)
            assert art.text[m.start : m.end] == m.surface
            assert 0 <= m.raw_start <= m.raw_end <= len(raw)
