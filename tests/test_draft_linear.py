"""`draft` runs in time linear in the report, whatever the report (issue 25:
a 215 KB file of "A"s, 1 MB of capitalised words without punctuation, 20,000
capitals before "(AB)" took minutes to hours). Measured without a clock:

- every pattern the draft applies reads a bounded stretch from where it
  starts (its greatest width, by the regular-expression parser), but for the
  few that split the whole text once, each match consuming what it reads; and
  the draft applies the bounded ones only to sentences of at most MAX_PIECE
  characters. So the regular-expression work is at most a constant per
  character.
- the rest, the Python the draft runs, is counted: the calls it makes
  (Python functions and C functions alike, a deterministic count), which
  grow in proportion to the text, on the texts of the issue and on any text
  Hypothesis makes by repeating a piece.

The CPU time of the same texts is bench/run.py's to report (`make bench`)."""

from __future__ import annotations

import re
import re._parser as sre_parse  # the parser `re` compiles with: what each pattern can match
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import draft as draft_module
from briefing import draftrules, pipeline
from briefing.draft import Drafter
from briefing.project import Project
from conftest import ROOT

# The patterns that split the whole text, once per draft (sentences,
# paragraphs, quotation marks), and the runs of one kind of character a slug
# replaces: each match consumes what it reads, and a place where none starts
# costs one step.
WHOLE_TEXT = {draftrules._SENTENCE.pattern, r"[^\n]+", r"[“”\"]", r"[^a-z0-9]+"}
BOUND = 2 * draftrules.MAX_PIECE


@pytest.fixture(scope="module")
def briefing():
    return pipeline.check(Project(ROOT))


def _width(pattern: str, flags: int) -> int:
    return sre_parse.parse(pattern, flags).getwidth()[1]


def _patterns_used(briefing, text: str, monkeypatch) -> dict[str, int]:
    """Every pattern compiled or looked up while drafting `text`, with its flags."""
    seen: dict[str, int] = {}
    compile_ = re._compile

    def recording(pattern, flags):
        compiled = compile_(pattern, flags)
        seen[compiled.pattern] = compiled.flags
        return compiled

    monkeypatch.setattr(re, "_compile", recording)
    Drafter(briefing, "x", text, "2025-06-04").run()
    monkeypatch.setattr(re, "_compile", compile_)
    return seen


def test_every_pattern_reads_a_bounded_stretch(briefing, monkeypatch):
    report = (ROOT / "seeds" / "sources" / "000_ba747a4f61cc4038.txt").read_text("utf-8")
    patterns = _patterns_used(briefing, report, monkeypatch)
    for module in (draftrules, draft_module):
        patterns.update({v.pattern: v.flags for v in vars(module).values() if isinstance(v, re.Pattern)})
    assert len(patterns) > 40  # the module-level ones and those made as the draft runs
    unbounded = [p for p, flags in patterns.items() if p not in WHOLE_TEXT and _width(p, flags) > BOUND]
    assert unbounded == []


def test_sentences_are_cut_to_a_bounded_length():
    text = "A" * 215_000 + " " + "Word " * 50_000
    pieces = draftrules.sentences(text)
    assert max(len(p.text) for p in pieces) <= draftrules.MAX_PIECE
    assert all(text[p.start:p.start + len(p.text)] == p.text for p in pieces)


def work(briefing, text: str) -> int:
    """The Python `draft` runs on a report: lines executed (each turn of a
    loop is one more) and functions called, C ones too; a count, not a time."""
    drafter = Drafter(briefing, "x", text, "2025-06-04")
    steps = 0

    def line(frame, event, arg):
        nonlocal steps
        steps += 1
        return line

    def call(frame, event, arg):
        nonlocal steps
        steps += 1
        return line

    def c_call(frame, event, arg):
        nonlocal steps
        if event == "c_call":
            steps += 1

    sys.settrace(call)
    sys.setprofile(c_call)
    try:
        drafter.run()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return steps


def _grows_linearly(briefing, piece: str, times: int = 8) -> None:
    small_text, large_text = piece * times, piece * times * 4
    # Each drafted once first: the patterns a text makes as the draft runs are compiled then (in Python, by
    # `re`, and counted), so that neither count depends on what earlier examples left in `re`'s cache.
    for text in (large_text, small_text):
        work(briefing, text)
    small, large = work(briefing, small_text), work(briefing, large_text)
    assert large <= 4.4 * small + 2_000, (small, large)


# The texts of issue 25, at sizes the counting keeps quick.
PATHOLOGICAL = {
    "a run of one capital": "A" * 2_000,
    "capitalised words without punctuation": "Alpha Beta Gamma Delta Minister Secretary Of The Ministry ",
    "capitals before an acronym": "A " * 500 + "(AB) ",
    "quotation marks": '"' * 300 + " said ",
    "titles and names": "Foreign Minister Wang Yi met Premier Li Qiang in Beijing on Monday, ",
    "a quotation credited over and over": '"We will trade more with you," he said. ',
    # Found by the property below: one official cited by every piece, in one long sentence.
    "marks that close no quotation, credited over and over": 'Minister Misri ” " said ',
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_draft_work_grows_in_proportion_to_the_text(briefing, name):
    _grows_linearly(briefing, PATHOLOGICAL[name])


_TOKENS = ["Minister", "Secretary", "of", "the", "(", ")", "AB", "A", '"', "“", "”", ",", ".", ";", "said", "met",
           "Wang", "Yi", "Li", "on", "Monday", "in", "Beijing", "visit", "'s", "\n", "and", "Ministry", "Dialogue",
           "May", "27", "-", "29", "it", "spokesperson", "Vikram", "Misri", "Landau", "talks"]


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_TOKENS), min_size=3, max_size=40).map(" ".join))
def test_draft_work_grows_in_proportion_to_any_repeated_text(briefing, piece):
    _grows_linearly(briefing, piece + " ")
