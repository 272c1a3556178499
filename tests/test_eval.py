"""The evaluation of `draft` (bench/eval.py): the replay of a subject's
reports in date order, the briefing before each report, and the scoring."""

from __future__ import annotations

import hashlib
import shutil

import yaml

import eval as evaluation  # bench/eval.py
from briefing.draft import UNSTATED, Proposal
from conftest import ROOT


def _cite(source: str, quote: str = "q", supports: list | None = None) -> dict:
    return {"source": source, "quote": quote, **({"supports": supports} if supports else {})}


def test_reports_replay_by_date_and_the_undated_last_in_file_order():
    entries = [{"id": "u1", "published": None}, {"id": "b", "published": "2025-03-02"},
               {"id": "u2", "published": None}, {"id": "a", "published": "2025?-03"}, {"id": "c", "published": "2025-03-01"}]
    assert [e["id"] for e in evaluation.replay_order(entries)] == ["a", "c", "b", "u1", "u2"]


def test_the_briefing_before_a_report_holds_only_what_earlier_reports_said():
    facts = {
        "officials": [
            {"id": "ann", "name": "Ann Lee", "country": "US", "aliases": ["Lee"],
             "roles": [{"title": "Envoy", "organization": None, "cite": [_cite("one", "Envoy Ann Lee")]},
                       {"title": "Minister", "organization": None, "cite": [_cite("two", "Minister Ann Lee")]}]},
            {"id": "bo", "name": "Bo Chen", "country": "CN", "aliases": [],
             "roles": [{"title": "Minister", "organization": None, "cite": [_cite("two", "Minister Bo Chen")]}]}],
        "events": [{"id": "talks", "date": "2025-03-01", "place": "Rome", "participants": ["ann", "bo"],
                    "cite": [_cite("one", "Ann Lee was in Rome", ["place"]),
                             _cite("two", "Ann Lee met Bo Chen on 1 March", ["participants", "date"])]}],
        "statements": [{"id": "said", "speaker": "bo", "quote": "x", "cite": [_cite("two")]}],
    }
    before = evaluation.restricted(facts, {"one"})
    assert [o["id"] for o in before["officials"]] == ["ann"]
    assert [r["title"] for r in before["officials"][0]["roles"]] == ["Envoy"]
    assert before["officials"][0]["aliases"] == ["Lee"]
    event = before["events"][0]
    # Only what report one supports: the place; the people and the date are report two's.
    assert (event["place"], event["participants"], event["date"]) == ("Rome", [], None)
    assert "statements" not in before
    assert facts["officials"][0]["roles"][1]["title"] == "Minister"  # the gold itself is untouched


def _gold() -> dict:
    return {
        "officials": [{"id": "ann", "name": "Ann Lee", "country": "US", "aliases": [],
                       "roles": [{"title": "Envoy", "cite": [_cite("r")]}]},
                      {"id": "bo", "name": "Bo Chen", "country": "CN", "aliases": [],
                       "roles": [{"title": "Minister", "cite": [_cite("old"), _cite("r")]}]}],
        "events": [{"id": "talks", "kind": "talks", "date": "2025-03-01", "place": "Rome",
                    "participants": ["ann", "bo"], "cite": [_cite("r")]}],
        "statements": [{"id": "said", "speaker": "bo", "speaker_role": None, "quote": "We will trade more.",
                        "cite": [_cite("r")]}],
    }


def test_a_proposal_is_right_when_its_values_equal_the_golds():
    before = {"officials": [{"id": "bo", "name": "Bo Chen", "roles": [{"title": "Minister"}]}]}
    proposals = [
        Proposal("new", "officials", "ann-lee", {"name": "Ann Lee", "country": UNSTATED,
                                                 "roles": [{"title": "Envoy", "organization": None}]}, [], 0.9, ""),
        Proposal("cite", "officials", "bo", {}, [], 0.9, ""),
        # The right people, a wrong date: found, not right, and a wrong date counted.
        Proposal("new", "events", "lee-chen-talks", {"participants": ["ann-lee", "bo"], "date": "2025-03-02",
                                                    "place": "Rome", "kind": "talks"}, [], 0.6, ""),
        Proposal("new", "statements", "bo-said", {"speaker": "ann-lee", "quote": "We will trade more."}, [], 0.6, ""),
        Proposal("new", "organizations", "nothing", {"name": "Nothing Office"}, [], 0.5, ""),
    ]
    result = evaluation.score(proposals, _gold(), before, "r")
    pairs = {p.gold_id: p for p in result.pairs}
    assert pairs["ann"].right and not pairs["ann"].known
    assert pairs["bo"].right and pairs["bo"].known
    assert pairs["talks"].proposal == 2 and not pairs["talks"].right
    assert pairs["talks"].fields == {"participants": True, "date": False, "place": True, "kind": True}
    assert pairs["said"].proposal == 3 and pairs["said"].fields["speaker"] is False
    assert [right for _, _, right, _ in result.proposals] == [True, True, False, False, False]
    measured = evaluation.figures([result])
    assert measured["precision"] == (2, 5) and measured["dates wrong"] == 1
    assert measured["speaker right"] == (0, 1) and measured["officials new recall"] == (1, 1)
    assert measured["share right at confidence >= 0.8"] == (2, 2)


def test_one_proposal_finds_one_record_and_the_right_one_is_preferred():
    gold = {"events": [{"id": "a", "date": "2025-05-28", "participants": ["x", "y"], "cite": [_cite("r")]},
                       {"id": "b", "date": "2025-05-27/2025-05-29", "participants": ["x", "y"], "cite": [_cite("r")]}]}
    wide = Proposal("new", "events", "wide", {"participants": ["x", "y"], "date": "2025-05-27/2025-05-29"}, [], .5, "")
    day = Proposal("new", "events", "day", {"participants": ["y", "x"], "date": "2025-05-28"}, [], 0.5, "")
    result = evaluation.score([wide, day], gold, {}, "r")
    assert {p.gold_id: p.proposal for p in result.pairs} == {"a": 1, "b": 0}
    assert all(p.right for p in result.pairs)
    lucky = Proposal("new", "events", "a", {"participants": ["x", "y"], "date": "2025-06-30"}, [], 0.5, "")
    assert evaluation.figures([evaluation.score([lucky], gold, {}, "r")])["events new recall"] == (0, 2)


def test_the_shipped_briefing_replayed_as_a_subject(tmp_path):
    """The harness end to end on a subject built from the shipped briefing:
    every report drafted in turn onto what the reports before it said."""
    subject = tmp_path / "corpus" / "shipped"
    subject.mkdir(parents=True)
    shutil.copytree(ROOT / "seeds", subject / "seeds")
    shutil.copy2(ROOT / "mkdocs.yml", subject / "mkdocs.yml")
    split = {"shipped": {"dev": ["ani-misri-colby-kapoor", "misri-visit-wrap-up", "uni-misri-landau-call"],
                         "test": ["misri-kessler-tech-trade", "misri-hosts-hooker"]}}
    (tmp_path / "split.yml").write_text(yaml.safe_dump(split), encoding="utf-8")
    for part, cold in (("test", False), ("dev", False), ("test", True)):
        results = evaluation.run(part, cold, tmp_path / "corpus", tmp_path / "split.yml")
        assert sorted(r.source for r in results) == sorted(split["shipped"][part])
        assert not [r.error for r in results if r.error]
        assert all(r.pairs and r.proposals for r in results)
        # Each report's whole draft, kept as it is with its FILL INs filled, applies and passes check.
        assert not [(r.source, r.unapplied) for r in results if r.unapplied]
        if cold:
            assert not [p for r in results for p in r.pairs if p.known]
    results = evaluation.run("test", False, tmp_path / "corpus", tmp_path / "split.yml")
    # misri-hosts-hooker comes after the others: Misri is known by then, and is cited.
    hooker = next(r for r in results if r.source == "misri-hosts-hooker")
    misri = next(p for p in hooker.pairs if p.gold_id == "vikram-misri")
    assert misri.known and misri.right
    text = evaluation.table(results)
    assert "| officials |" in text and "| events: date |" in text and "| precision |" in text


# The targets on the test reports, as floors a regression fails. Where
# a target is not reached yet, the floor is the figure measured on 2026-12-07
# by the fourth round's one run on test (bench/eval.py --split test, each
# report scored against what it and the reports before it support), rounded
# down, and the target stays the goal: (target, floor). The speaker's floor is
# a hundredth lower than the third round's although more speakers are right
# (40 of 48 against 37 of 44): the round drafts more statements (README,
# "Evaluation").
FLOORS = {
    "precision": (0.9, 0.74),
    "participants exact": (0.9, 0.69),
    "speaker right": (0.9, 0.83),
    "statements recall": (0.7, 0.75),
    "officials new recall": (0.85, 0.65),
    "organizations new recall": (0.8, 0.46),
    "initiatives new recall": (0.8, 0.75),
    "events new recall": (0.75, 0.19),
    "cold events recall": (0.6, 0.16),
    "share right at confidence >= 0.8": (0.95, 0.97),
    "drafts that apply cleanly": (1.0, 1.0),
}
DATES_WRONG = (0, 0)  # (target, the most measured): met since the third round


def test_the_draft_holds_its_floors_on_the_test_reports():
    assert evaluation.SPLIT.exists(), "the evaluation corpus (eval/) is part of the repository"
    measured = evaluation.figures(evaluation.run("test"))
    measured["cold events recall"] = evaluation.figures(evaluation.run("test", cold=True))["events new recall"]
    for name, (target, floor) in FLOORS.items():
        hits, total = measured[name]
        assert total and hits / total >= min(target, floor), (name, hits, total)
    assert measured["dates wrong"] <= max(DATES_WRONG), measured["dates wrong"]


def test_the_gold_of_a_report_is_what_the_reports_read_so_far_support():
    facts = {
        "officials": [{"id": "maros", "name": "Maroš Šefčovič", "country": "EU", "aliases": ["Maros Sefcovic"],
                       "roles": [{"title": "Commissioner", "cite": [_cite("one", "Commissioner Maros Sefcovic"),
                                                                   _cite("two", "Commissioner Maroš Šefčovič")]}]},
                      {"id": "wang", "name": "Wang Yi", "country": "CN", "aliases": [],
                       "roles": [{"title": "Foreign Minister", "cite": [_cite("one", "Foreign Minister Wang Yi")]}]}],
        "events": [{"id": "call", "kind": "call", "date": "2025-03-01", "place": None, "parent": "visit",
                    "participants": ["maros", "wang"],
                    "cite": [_cite("one", "Maros Sefcovic spoke to Wang Yi", ["kind", "participants"]),
                             _cite("two", "on 1 March, during the visit", ["date", "parent"])]},
                   {"id": "visit", "kind": "visit", "date": None, "participants": [],
                    "cite": [_cite("one", "a visit")]}],
        "statements": [{"id": "said", "speaker": "wang", "speaker_role": "Foreign Minister", "channel": "a post",
                        "quote": "x", "cite": [_cite("one", "x, Wang said", ["speaker"]),
                                               _cite("two", "Foreign Minister Wang wrote in a post",
                                                     ["speaker_role", "channel"])]}],
    }
    gold = evaluation.restricted(facts, {"one"})
    maros = gold["officials"][0]
    # Named as report one spells him; report two's spelling and title citation are not read yet.
    assert (maros["name"], maros["aliases"], len(maros["roles"][0]["cite"])) == ("Maros Sefcovic", [], 1)
    call = gold["events"][0]
    # The people are report one's; the date and the parent visit only report two gives.
    assert (call["participants"], call["date"], call["parent"]) == (["maros", "wang"], None, None)
    said = gold["statements"][0]
    assert (said["speaker"], said["speaker_role"], said["channel"]) == ("wang", None, None)
    # Everything read, the gold is whole.
    assert evaluation.restricted(facts, {"one", "two"})["events"][0]["date"] == "2025-03-01"


def test_a_report_is_scored_against_what_it_and_the_reports_before_it_say(tmp_path):
    """A tiny subject: the date of a meeting is given only by a later (test) report; report one's draft
    is not expected to know it."""
    seeds = tmp_path / "corpus" / "tiny" / "seeds"
    (seeds / "sources").mkdir(parents=True)
    (seeds / "facts").mkdir()
    texts = {"one": "Foreign Minister Ann Lee met Trade Minister Bo Chen in Rome.\n",
             "two": "Ann Lee and Bo Chen met in Rome on 1 March 2025.\n"}
    sources = []
    for number, (source, text) in enumerate(texts.items(), 1):
        (seeds / "sources" / f"{source}.txt").write_text(text, encoding="utf-8")
        sources.append({"id": source, "file": f"{source}.txt", "sha256": hashlib.sha256(text.encode()).hexdigest(),
                        "title": f"Report {source}", "outlet": "Wire", "published": f"2025-03-0{number + 1}",
                        "dateline": None})
    (seeds / "sources.yml").write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")
    person = lambda i, name, title: {  # noqa: E731
        "id": i, "name": name, "country": "US", "aliases": [],
        "roles": [{"title": title, "organization": None, "cite": [_cite("one", f"{title} {name}")]}]}
    facts = {"officials": [person("ann-lee", "Ann Lee", "Foreign Minister"),
                           person("bo-chen", "Bo Chen", "Trade Minister")],
             "events": [{"id": "lee-chen-meeting", "title": "Lee meets Chen", "kind": "meeting", "summary": "They met.",
                         "date": "2025-03-01", "date_basis": "stated", "place": "Rome",
                         "participants": ["ann-lee", "bo-chen"],
                         "cite": [_cite("one", texts["one"].strip(), ["kind", "place", "participants"]),
                                  _cite("two", texts["two"].strip(), ["kind", "date", "place", "participants"])]}]}
    (seeds / "facts" / "facts.yml").write_text(yaml.safe_dump(facts), encoding="utf-8")
    (tmp_path / "split.yml").write_text(yaml.safe_dump({"tiny": {"dev": ["one"], "test": ["two"]}}), encoding="utf-8")
    [result] = evaluation.run("dev", False, tmp_path / "corpus", tmp_path / "split.yml")
    assert not result.error, result.error
    meeting = next(p for p in result.pairs if p.gold_id == "lee-chen-meeting")
    assert meeting.proposal is not None and meeting.right, (meeting.fields, result.proposals)
