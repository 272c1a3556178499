"""The published data's YAML and JSON read back as exactly the values written."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.datatext import json_line, scalar, yaml_text

# Text of every kind: YAML's special words and numbers, indicators, quotes,
# line breaks, control and non-printable characters, astral characters.
tricky = st.sampled_from(["", " ", "null", "Null", "~", "yes", "No", "on", "true", "1", "0x1F", "1e3", ".5",
                          "2025-02-03", "2025-02", "12:30", "- a", "a: b", "a #b", "#a", "&a", "*a", "!a", "|",
                          ">", "'a'", '"a"', "%a", "@a", "`a", "a\nb", "a\u2028b", "\u0085", "\ufeff", "\x7f",
                          "\x00", "a ", " a", "[a]", "{a}", "a,b", "?", "?a", ":a", "O’Brien", "(year inferred)"])
text = st.one_of(tricky, st.text(), st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), text)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(text, inner, max_size=4)), max_leaves=20)


@pytest.mark.slow  # 400 random examples
@settings(max_examples=400, deadline=None)
@given(st.dictionaries(text, values, max_size=6))
def test_yaml_reads_back_as_written(data):
    assert yaml.safe_load(yaml_text(data)) == data
    assert json.loads(json_line(data)) == data


@given(text)
def test_a_scalar_is_plain_only_where_yaml_reads_it_as_the_same_text(value):
    written = scalar(value)
    assert yaml.safe_load(f"k: {written}\n") == {"k": value}


def test_plain_text_stays_plain_and_readable():
    assert yaml_text({"id": "misri-colby", "title": "Misri meets Colby", "date": "2025-05-27",
                      "year": "2025", "cite": [{"source": "a", "quote": "He said: yes"}], "none": None,
                      "tags": []}) == (
        "id: misri-colby\ntitle: Misri meets Colby\ndate: \"2025-05-27\"\nyear: \"2025\"\ncite:\n"
        "- source: a\n  quote: \"He said: yes\"\nnone: null\ntags: []\n")
