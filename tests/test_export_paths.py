"""The export writers' shortcuts against the plain compositions they stand for.

The writers recognise common values (plain strings, lists of strings, integers) and skip work for
them; each test here states the plain rule once, directly, and checks that the shortcut gives the
same characters or bytes on hostile values: lone surrogates, control characters, U+FFFE, the
characters XML and JSON escape, U+2028 and its kin, and str subclasses.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.export import gexf, graphml, tables
from graph.export.xmltext import quoteattr


class _Shown(str):
    """A string that shows itself differently from its characters: ``str(x)`` is not ``x``."""

    def __str__(self) -> str:
        return "shown:" + str.__str__(self)


_CHARS = st.sampled_from(list("ab重庆&<>\"'|\n\r\t\x01\x85\ufffe\uffff\ud800\udfff\u2028\u2029"))
_TEXT = st.text(alphabet=_CHARS | st.characters(codec=None), max_size=10)
_SCALARS = _TEXT | _TEXT.map(_Shown) | st.integers() | st.floats() | st.booleans() | st.none()
_VALUES = _SCALARS | st.lists(_SCALARS, max_size=4) | st.lists(_TEXT, max_size=4) | st.tuples(_TEXT, _TEXT)
_KEYS = st.sampled_from(["label", "type", "n", "a&b", "w"])
_DICTS = st.dictionaries(_KEYS, _VALUES | st.sampled_from(["", [], (), 0, None]), max_size=5)


def _kept(v: object) -> bool:
    return v is not None and v != [] and v != ""


@given(_VALUES)
def test_a_gexf_value_is_the_quoted_text(value):
    assert gexf._value(value) == quoteattr(gexf._text(value))


@given(st.lists(_DICTS, max_size=5))
def test_gexf_attribute_types_and_values_follow_the_plain_rules(dicts):
    kinds: dict[str, set[str]] = {}
    for d in dicts:
        for k, v in d.items():
            if k != "label" and _kept(v):
                number = isinstance(v, int | float) and not isinstance(v, bool)
                kinds.setdefault(k, set()).add(
                    ("int" if isinstance(v, int) else "float") if number else "other"
                )
    expected = {
        k: "integer" if s == {"int"} else "double" if s <= {"int", "float"} else "string"
        for k, s in sorted(kinds.items())
    }
    assert gexf._kinds(dicts, skip={"label"}) == expected

    heads = gexf._heads(expected)
    for d in dicts:
        rows = "".join(
            f"     <attvalue for={quoteattr(k)} value={quoteattr(gexf._text(v))} />\n"
            for k in expected
            if _kept(v := d.get(k))
        )
        plain = f"    <attvalues>\n{rows}    </attvalues>\n" if rows else "    <attvalues />\n"
        assert gexf._attvalues(d, heads) == plain


@given(_DICTS, st.sampled_from(["located_in", "co_mentioned"]) | _TEXT)
def test_gexf_edge_data_names_the_relation_first(d, key):
    assert list(gexf._edge_data(key, d).items()) == [
        ("relation", d.get("type", key)),
        *((a, x) for a, x in d.items() if a != "type"),
    ]


@given(_DICTS)
def test_graphml_data_is_one_element_per_value(d):
    heads = {k: f'      <data key="d{i}">' for i, k in enumerate(d)}
    plain = "".join(f"{heads[k]}{graphml._text(v)}</data>\n" for k, v in d.items())
    assert graphml._data(d, heads) == plain


@given(st.dictionaries(_TEXT, _VALUES, max_size=4))
def test_a_jsonl_line_is_json_line_in_utf8(record):
    data = tables._line_bytes(record)
    assert data == (tables.json_line(record) + "\n").encode("utf-8")
    assert len(data.decode("utf-8").splitlines()) == 1
