"""`draft`: what a new report says about the briefing, as proposals a
curator keeps, edits or deletes before `apply` merges them.

Rule-based, from the briefing's own names, aliases, titles, acronyms and
expansions and the text's own patterns (no model weights). Every piece of
evidence is a sentence of the report, verbatim; a draft never writes a
source's words into a field meant for the curator's own (titles of
engagements, summaries, descriptions): those are left unfilled.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from . import dates
from .mentions import Mentions
from .text import normalise
from .views import Briefing

# What a curator must write in their own words before `apply` takes a proposal.
UNFILLED = "FILL IN: your own words"

# A sentence: up to a full stop, question or exclamation mark followed by a
# space and a capital or a quote, or a line break.
_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?](?!\s+[A-Z“\"'])[^\n.!?]*)*[.!?]?", re.MULTILINE)
_MEETING = re.compile(r"\b(?:met|meets|meet|meeting|talks|discussed|discussions|spoke|call|called|hosted|hosts|"
                      r"visit(?:ed|ing|s)?|co-chair(?:ed)?|luncheon|roundtable|consultations)\b", re.IGNORECASE)
_KINDS = [("call", r"\b(?:call|called|spoke|phone)\b"), ("visit", r"\bvisit"), ("talks", r"\btalks\b"),
          ("roundtable", r"\broundtable\b"), ("consultations", r"\bconsultations\b"),
          ("discussions", r"\bdiscussions\b"), ("meeting", r".")]
_ROLE_NOUNS = (r"(?:Secretary|Minister|Ambassador|Advis[eo]r|NSA|Spokesperson|Representative|Envoy|President|"
               r"Director|Commissioner|Chairman|Chair|Governor|Senator|Deputy)(?:-[a-z]+)?")
# Words a title is made of, before its office noun: "US Under Secretary".
_TITLE_WORD = (r"(?:US|U\.S\.|Indian|India's|Deputy|Under|Assistant|Principal|Chief|Foreign|Defence|Defense|"
               r"Commerce|Trade|National|Security|Prime|External|Affairs|Home|Finance|Vice|Acting|Senior|Special|"
               r"State|Department|Political|Policy|Industry|Treasury|Commerce|Economic|Permanent|Joint)")
# A title and a name: "US Under Secretary of Defence Elbridge Colby".
_TITLED = re.compile(rf"(?P<title>(?:{_TITLE_WORD}\s+)*(?:{_ROLE_NOUNS})(?:\s+(?:of|for)\s+(?:the\s+)?"
                     rf"[A-Z][a-z]+(?:\s+Affairs|\s+Security)?)*)\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{1,2}})\b")
_COUNTRY_WORDS = {"US": "US", "U.S.": "US", "American": "US", "United States": "US", "Indian": "IN",
                  "India's": "IN", "Japanese": "JP", "Australian": "AU", "British": "GB", "French": "FR"}
# "Name (ACRONYM)" and "ACRONYM (Expansion)".
_NAMED_ACRONYM = re.compile(r"(?P<name>(?:[A-Z][\w'&-]*|of|for|and|the|on|in|&)(?:\s+(?:[A-Z][\w'&-]*|of|for|and|"
                            r"the|on|in|&))*)\s+\((?P<acronym>[A-Z][A-Za-z&-]*[A-Z])\)")
_ACRONYM_EXPANDED = re.compile(r"\b(?P<acronym>[A-Z][A-Z&-]*[A-Z])\s+\((?P<expansion>[A-Z][^()]{3,160})\)")
_ORGANIZATION_WORDS = re.compile(r"\b(?:Ministry|Department|Council|Embassy|Agency|Office|Bureau|Commission)\b")
_OFFICE = re.compile(r"\b(?P<name>(?:(?:US|U\.S\.|Indian) )?(?:(?:Department|Ministry) of(?: [A-Z][a-z]+)+|"
                     r"(?:Embassy|Consulate) of [A-Z][a-z]+(?: in (?:the )?[A-Z][A-Za-z.]+)?|"
                     r"[A-Z][a-z]+ (?:Department|Ministry)|National Security Council|White House))\b")
_QUOTED = re.compile(r"[“\"](?P<words>[^”\"]{25,})[”\"]")
_SAYS = re.compile(r"\b(?:said|says|wrote|posted|stated|added|noted|emphasi[sz]ed|stressed)\b", re.IGNORECASE)
_PLACE = re.compile(r"\bin (?P<place>(?:Washington(?:,? D\.?C\.?)?|New Delhi|Delhi|Mumbai|Tokyo|Canberra|London|Paris|"
                    r"Beijing|New York|[A-Z][a-z]+ [A-Z][a-z]+ (?:House|Building)|the White House))")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_SPAN_MD = re.compile(rf"\b{_MONTH}\s+(?P<a>\d{{1,2}})\s*(?:-|–|to)\s*(?P<b>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?")
_SPAN_DM = re.compile(rf"\b(?P<a>\d{{1,2}})\s*(?:-|–|to)\s*(?P<b>\d{{1,2}})\s+{_MONTH}(?:\s+(?P<year>\d{{4}}))?")
_DAY_MD = re.compile(rf"\b{_MONTH}\s+(?P<a>\d{{1,2}})\b(?:,?\s+(?P<year>\d{{4}}))?")
_DAY_DM = re.compile(rf"\b(?P<a>\d{{1,2}})\s+{_MONTH}(?:\s+(?P<year>\d{{4}}))?")
_RELATIVE = re.compile(r"\b(?P<word>today|yesterday|on (?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                       r"Sunday))\b", re.IGNORECASE)


@dataclass
class Proposal:
    action: str            # new, cite, update or discrepancy
    collection: str
    id: str
    fields: dict
    evidence: list[dict]
    confidence: float
    why: str

    def as_data(self) -> dict:
        return {"action": self.action, "collection": self.collection, "id": self.id, "fields": self.fields,
                "evidence": self.evidence, "confidence": round(self.confidence, 2), "why": self.why}


@dataclass
class Sentence:
    start: int
    text: str


@dataclass
class _Found:
    """What the draft found so far, by record id, so each record gets one proposal."""

    proposals: dict[tuple[str, str, bool], Proposal] = field(default_factory=dict)

    def add(self, proposal: Proposal, evidence: dict) -> Proposal:
        """The proposal for its record (the first made), with this evidence;
        one sentence is one citation, supporting all it was found to."""
        key = (proposal.collection, proposal.id, proposal.action == "discrepancy")
        kept = self.proposals.setdefault(key, proposal)
        same = next((e for e in kept.evidence if e["quote"] == evidence["quote"]), None)
        if same is None:
            kept.evidence.append(evidence)
        else:
            supports = list(dict.fromkeys(same.get("supports", []) + evidence.get("supports", [])))
            if supports:
                same["supports"] = supports
        return kept


def sentences(text: str) -> list[Sentence]:
    """The report's sentences, each a verbatim piece of it, stripped."""
    found = []
    for match in _SENTENCE.finditer(text):
        piece = match.group()
        stripped = piece.strip()
        if len(stripped) >= 12:
            found.append(Sentence(match.start() + piece.index(stripped), stripped))
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text).lower()).strip("-")[:60].strip("-") or "record"


def _month(name: str) -> int:
    return [m[:3].lower() for m in dates.MONTH_NAMES].index(name[:3].lower()) + 1


def report_day(published: Optional[str]) -> Optional[datetime.date]:
    """The report's own date, when it gives a day (an uncertain year counts: it is marked)."""
    if not published or "/" in published:
        return None
    low, high = dates.bounds(published)
    return datetime.date(*low) if low == high else None


def find_date(sentence: str, published: Optional[str]) -> Optional[tuple[str, str, Optional[str]]]:
    """(EDTF date, basis, note) written in the sentence, or None. A day or
    span without a year takes the report's year, marked uncertain; a weekday
    or "today" is resolved against the report's date, and gives nothing in a
    report without one."""
    day = report_day(published)
    year = day.year if day else None
    uncertain_year = "?" in (published or "")
    for pattern, span in ((_SPAN_MD, True), (_SPAN_DM, True), (_DAY_MD, False), (_DAY_DM, False)):
        found = pattern.search(sentence)
        if not found:
            continue
        month = _month(found.group("month"))
        given_year = found.group("year")
        use = int(given_year) if given_year else year
        if use is None:
            return None  # a day with no year, in an undated report: left unknown
        mark = "" if given_year else "?"
        try:
            first = datetime.date(use, month, int(found.group("a")))
            last = datetime.date(use, month, int(found.group("b"))) if span else first
        except ValueError:
            continue
        edtf = f"{use}{mark}-{month:02d}-{first.day:02d}"
        if span:
            edtf += f"/{use}{mark}-{month:02d}-{last.day:02d}"
        if given_year:
            return edtf, "stated", None
        return edtf, "inferred", (f"The report gives the day and month; the year is taken from the report's "
                                  f"own date, {dates.human(published)}.")
    relative = _RELATIVE.search(sentence)
    if relative and day is not None:
        word = relative.group("word").lower()
        if word == "today":
            when = day
        elif word == "yesterday":
            when = day - datetime.timedelta(days=1)
        else:  # "on Monday": the latest such day on or before the report's date
            wanted = _WEEKDAYS.index(relative.group("weekday").lower())
            when = day - datetime.timedelta(days=(day.weekday() - wanted) % 7)
        edtf = f"{when.year}{'?' if uncertain_year else ''}-{when.month:02d}-{when.day:02d}"
        return edtf, "derived", (f"The report dated {dates.human(published)} says \"{relative.group('word')}\"; "
                                 f"that is {dates.human(when.isoformat())}.")
    return None


def _overlap(a: Optional[str], b: Optional[str]) -> bool:
    if a is None or b is None:
        return True
    (a1, a2), (b1, b2) = dates.bounds(a), dates.bounds(b)
    return a1 <= b2 and b1 <= a2


class Drafter:
    """Proposals for one report against the briefing as it stands."""

    def __init__(self, briefing: Briefing, source_id: str, text: str, published: Optional[str]):
        self.b = briefing
        self.source_id = source_id
        self.text = text
        self.published = published
        self.found = _Found()
        self.span: Optional[tuple[str, str, Optional[str]]] = None
        terms: dict[str, str] = {}
        self.how: dict[str, str] = {}  # term → "name", "alias", "acronym", "expansion"
        for collection in ("officials", "organizations", "initiatives"):
            for record in briefing.collections[collection].values():
                for how, values in (("name", [record.name]), ("alias", record.aliases),
                                    ("acronym", [getattr(record, "acronym", None)]),
                                    ("expansion", [e.text for e in getattr(record, "expansions", [])])):
                    for term in values:
                        if term and len(term) > 1 and term not in terms:
                            terms[term] = record.id
                            self.how[term] = how
                            # Honorifics and doubled letters the text may add.
                            if how == "acronym":
                                for variant in _doubled(term):
                                    terms.setdefault(variant, record.id)
                                    self.how.setdefault(variant, "acronym (a doubled letter)")
        self.mentions = Mentions(terms)

    def evidence(self, sentence: Sentence, supports: list[str]) -> dict:
        found: dict[str, Any] = {"source": self.source_id, "quote": sentence.text}
        if supports:
            found["supports"] = supports
        return found

    def run(self) -> list[Proposal]:
        found = []
        for sentence in sentences(self.text):
            mentioned = self._mentions(sentence)
            people = [m for m in mentioned if m in self.b.officials] + self._new_officials(sentence, mentioned)
            self._acronyms(sentence)
            self._organizations(sentence)
            found.append((sentence, people))
        # Who the report is about (named most often): a meeting sentence that
        # names only the other side ("In discussions with …") is theirs too.
        counts: dict[str, int] = {}
        for _, people in found:
            for person in people:
                counts[person] = counts.get(person, 0) + 1
        protagonist = max(counts, key=lambda p: (counts[p], p)) if counts else None
        # A visit the report dates: its meetings without a day of their own fall within it.
        self.span = next((when for sentence, _ in found if re.search(r"\bvisit", sentence.text, re.IGNORECASE)
                          for when in [find_date(sentence.text, self.published)] if when and "/" in when[0]), None)
        for sentence, people in found:
            if _MEETING.search(sentence.text):
                # "In discussions with X and Y, the two sides …": the report's subject is the other side.
                if protagonist and protagonist not in people and people and re.search(
                        r"\bwith\b", sentence.text[:sentence.text.find(self._first_name(people))]):
                    people = [protagonist, *people]
                self._engagement(sentence, people)
        self._statements()
        return sorted(self.found.proposals.values(), key=lambda p: (-p.confidence, p.collection, p.id))

    def _mentions(self, sentence: Sentence) -> list[str]:
        ids = []
        for start, end, record_id in self.mentions.find(sentence.text):
            term = sentence.text[start:end]
            collection = self.b.collection_of(record_id) or ""
            how = self.how.get(term, "name")
            supports = ["name"] if how == "name" else ["aliases"] if how == "alias" else ["acronym"] \
                if how.startswith("acronym") and collection != "officials" else []
            fields: dict[str, Any] = {}
            record = self.b.record(record_id)
            if collection == "officials":
                # A title given with the name: the role the report confirms.
                titled = [m for m in _TITLED.finditer(sentence.text)
                          if term in m.group("name") and not re.search(_ROLE_NOUNS, m.group("name"))]
                known = {r.title for r in record.roles}
                titles = [_clean_title(m.group("title")) for m in titled]
                fields = {"titles": [t for t in titles if t and t not in known]} if any(
                    t and t not in known for t in titles) else {}
            if collection != "initiatives" or how != "expansion":
                proposal = Proposal("cite", collection, record_id, fields, [], 0.9 if how == "name" else 0.75,
                                    f"'{term}' matches {record_id} by {how}")
                kept = self.found.add(proposal, self.evidence(sentence, supports if collection != "officials"
                                                              or not record.cite else supports))
                for key, value in fields.items():
                    kept.fields.setdefault(key, [])
                    kept.fields[key] += [v for v in value if v not in kept.fields[key]]
            ids.append(record_id)
        return list(dict.fromkeys(ids))

    def _new_officials(self, sentence: Sentence, mentioned: list[str]) -> list[str]:
        """People in an official capacity the briefing does not know: a title, then a name."""
        known_names = {n for o in self.b.officials.values() for n in [o.name, *o.aliases]}
        new = []
        for match in _TITLED.finditer(sentence.text):
            name = match.group("name")
            if re.search(_ROLE_NOUNS, name) or any(name in known or known in name for known in known_names):
                continue
            title = _clean_title(match.group("title"))
            if not title or not re.search(_ROLE_NOUNS, title):
                continue
            country = next((code for word, code in _COUNTRY_WORDS.items() if re.search(
                rf"(?<!\w){re.escape(word)}(?!\w)", match.group("title"))), None)
            record_id = _slug(name)
            if record_id in self.b.collections["officials"] or self.b.collection_of(record_id):
                continue
            proposal = Proposal("new", "officials", record_id,
                                {"name": name, "country": country or UNFILLED, "aliases": [],
                                 "roles": [{"title": title, "organization": None}]},
                                [], 0.7 if country else 0.6,
                                f"'{title} {name}': a title and a name no official of the briefing has")
            self.found.add(proposal, self.evidence(sentence, []))
            new.append(record_id)
        return new

    def _acronyms(self, sentence: Sentence) -> None:
        pairs = [(m.group("name"), m.group("acronym")) for m in _NAMED_ACRONYM.finditer(sentence.text)]
        pairs += [(m.group("expansion"), m.group("acronym")) for m in _ACRONYM_EXPANDED.finditer(sentence.text)]
        for expansion, acronym in pairs:
            expansion = _trim_expansion(expansion, acronym)
            if not expansion:
                continue
            owner = next((r for c in ("initiatives", "organizations") for r in self.b.collections[c].values()
                          if r.acronym and _same_acronym(r.acronym, acronym)), None)
            if owner is None:
                collection = "organizations" if _ORGANIZATION_WORDS.search(expansion) else "initiatives"
                fields: dict[str, Any] = {"name": expansion, "acronym": acronym}
                if collection == "initiatives":
                    fields.update(kind="initiative", description=UNFILLED)
                else:
                    fields.update(country=None)
                self.found.add(Proposal("new", collection, _slug(acronym), fields, [], 0.7,
                                        f"'{acronym} ({expansion})' names something the briefing does not know"),
                               self.evidence(sentence, []))
                continue
            recorded = [e.text for e in getattr(owner, "expansions", [])] or [owner.name]
            collection = self.b.collection_of(owner.id) or ""
            if any(normalise(expansion).casefold() == normalise(r).casefold() for r in recorded):
                continue  # the same: the mention is cited already
            self.found.add(Proposal(
                "discrepancy", collection, owner.id,
                {"field": "expansion" if collection == "initiatives" else "name",
                 "recorded": recorded, "value": expansion, "description": UNFILLED}, [], 0.8,
                f"'{acronym}' is expanded as '{expansion}', not as recorded ('{recorded[0]}')"),
                self.evidence(sentence, []))

    def _first_name(self, people: list[str]) -> str:
        record = self.b.officials.get(people[0])
        return record.name.split()[-1] if record is not None else people[0].split("-")[-1].capitalize()

    def _near(self, date: str) -> bool:
        """Whether a recorded date is within a month of the report's own date
        (where the report has none, any date is)."""
        day = report_day(self.published)
        if day is None:
            return True
        low, high = dates.bounds(date)
        return datetime.date(*low) - datetime.timedelta(days=31) <= day <= datetime.date(*high) + datetime.timedelta(days=31)

    def _organizations(self, sentence: Sentence) -> None:
        """Offices the briefing does not know, by the words offices are named with."""
        known = {normalise(n).casefold() for o in self.b.organizations.values()
                 for n in [o.name, o.acronym or "", *o.aliases] if n}
        for match in _OFFICE.finditer(sentence.text):
            name = match.group("name").strip()
            if normalise(name).casefold() in known:
                continue
            country = next((code for word, code in _COUNTRY_WORDS.items() if name.startswith(word + " ")), None)
            self.found.add(Proposal("new", "organizations", _slug(name), {"name": name, "country": country}, [], 0.55,
                                    f"'{name}' names an office the briefing does not know"),
                           self.evidence(sentence, []))

    def _engagement(self, sentence: Sentence, participants: list[str]) -> None:
        people = list(dict.fromkeys(participants))
        if len(people) < 2 and not re.search(r"\bvisit", sentence.text, re.IGNORECASE):
            return
        if not people:
            return
        when = find_date(sentence.text, self.published)
        within = None
        if when is None and self.span is not None and not re.search(r"\bvisit", sentence.text, re.IGNORECASE):
            within = (self.span[0], "derived", f"The report gives no day for it; it took place during the visit "
                                               f"the report dates {dates.human(self.span[0])}.")
        place_match = _PLACE.search(sentence.text)
        place = place_match.group("place") if place_match else None
        supports = ["participants"] + (["date"] if when else []) + (["place"] if place else [])
        known = [p for p in people if p in self.b.officials]
        around = (when or within or (None,))[0]
        kind = next(name for name, pattern in _KINDS if re.search(pattern, sentence.text, re.IGNORECASE))
        match, best = None, (0, False)
        for event in self.b.chronology:
            shared = set(event.participants) & set(known)
            # Two people in common; or the one named, on a day both know.
            enough = len(shared) >= 2 or (len(known) == 1 and shared and around is not None and event.date is not None)
            if enough and _overlap(event.date, around) and (around is not None or event.date is None
                                                            or self._near(event.date)) \
                    and (place is None or event.place is None or place.split(",")[0] in event.place
                         or event.place.split(",")[0] in place):
                # The most people in common; then the same kind of engagement.
                score = (len(shared), event.kind == kind)
                if match is None or score > best:
                    match, best = event, score
        if match is not None:
            fields: dict[str, Any] = {}
            action = "cite"
            if when and match.date is None:
                action = "update"
                fields = {"date": when[0], "date_basis": when[1], "date_note": when[2]}
            extra = [p for p in people if p not in match.participants]
            if extra:
                fields["participants"] = extra
            self.found.add(Proposal(action, "events", match.id, fields, [], 0.7 if action == "cite" else 0.65,
                                    f"participants {', '.join(sorted(set(match.participants) & set(known)))} and "
                                    f"the date agree with {match.id}"),
                           self.evidence(sentence, supports))
            return
        record_id = _slug(f"{'-'.join(p.split('-')[-1] for p in people[:2])}-{kind}")
        dated = when or within
        fields = {"title": UNFILLED, "kind": kind, "summary": UNFILLED,
                  "date": dated[0] if dated else None, "date_basis": dated[1] if dated else None,
                  "date_note": dated[2] if dated else "The report gives no date for it.",
                  "place": place, "participants": people, "status": "held"}
        self.found.add(Proposal("new", "events", record_id, fields, [], 0.6 if when else 0.5,
                                f"{len(people)} officials and a meeting word in one sentence; no recorded "
                                f"engagement of theirs matches"),
                       self.evidence(sentence, supports))

    def _statements(self) -> None:
        """Quoted words with who said them: a speaker named (or a
        spokesperson, an organization's post) before the quote, in its
        paragraph or the one before it, as reports attribute a readout."""
        paragraphs = [p for p in re.finditer(r"[^\n]+", self.text) if p.group().strip()]
        for number, paragraph in enumerate(paragraphs):
            for quoted in _QUOTED.finditer(paragraph.group()):
                words = quoted.group("words").strip()
                if len(words.split()) < 6:
                    continue
                before = paragraph.group()[:quoted.start()]
                if not before.strip() and number:
                    before = paragraphs[number - 1].group()
                said = [rid for _, _, rid in self.mentions.find(before)]
                speaker = next((m for m in reversed(said) if m in self.b.officials or m in self.b.organizations), None)
                if speaker is None:
                    continue
                fields: dict[str, Any] = {"speaker": speaker, "quote": words}
                if re.search(r"\bspokesperson\b", before, re.IGNORECASE) and speaker in self.b.organizations:
                    fields["speaker_role"] = "spokesperson"
                if re.search(r"\bpost\b|\bX\b|handle", before):
                    fields["channel"] = "post on X"
                about = [rid for _, _, rid in self.mentions.find(words) if rid in self.b.officials and rid != speaker]
                if about:
                    fields["about"] = list(dict.fromkeys(about))
                # The evidence: the paragraph up to the end of the quote, verbatim.
                quote = paragraph.group()[:quoted.end()].strip()
                self.found.add(Proposal("new", "statements", _slug(f"{speaker}-{' '.join(words.split()[:4])}"),
                                        fields, [], 0.6, f"quoted words after {speaker} in the report"),
                               {"source": self.source_id, "quote": quote})


def _clean_title(title: str) -> str:
    """A title as the text writes it, without a leading country word or article."""
    words = title.split()
    while words and (words[0] in ("the", "The", "and", "of", "with") or words[0] in _COUNTRY_WORDS):
        words = words[1:]
    return " ".join(words)


def _trim_expansion(expansion: str, acronym: str) -> str:
    """'… where both nations launched the India-U.S. COMPACT' → the words that
    the acronym's letters start, from the end; the whole for ACRONYM (Expansion)."""
    words = expansion.split()
    letters = [c for c in acronym if c.isalpha()]
    if len(words) <= len(letters) + 3:
        return expansion.strip()
    return " ".join(words[-(len(letters) + 2):]).strip()


def _doubled(acronym: str) -> list[str]:
    return [acronym[:i] + acronym[i] + acronym[i:] for i in range(len(acronym)) if acronym[i].isalpha()]


def _same_acronym(a: str, b: str) -> bool:
    squeeze = lambda s: re.sub(r"(.)\1+", r"\1", s.upper())  # noqa: E731
    return a == b or squeeze(a) == squeeze(b)


def draft(briefing: Briefing, source_id: str) -> list[Proposal]:
    source = briefing.sources[source_id]
    text = briefing.corpus.texts[source_id]
    return Drafter(briefing, source_id, text, source.published).run()
