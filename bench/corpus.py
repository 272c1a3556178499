"""Synthetic briefing projects of realistic shape, deterministic from a seed.

    python bench/corpus.py OUT_DIR --engagements 1000 [--seed 1]

writes a full project folder (build.py, mkdocs.yml, briefing/, templates/,
content/about.md and content/assets/ copied from this repository; generated
seeds/sources/*.txt, seeds/sources.yml and seeds/facts/*.yml) that passes
`python build.py check`.

The shape follows the default corpus, scaled up: news reports that each tell
one story (a visit with meetings inside it, a meeting, a call, a joint
announcement), some retold by a second outlet; officials who carry several
titles as the reports write them, a few very often met and a long tail met
once (a Zipf law); organizations with acronyms; initiatives with acronyms and
expansions; statements quoted in the reports; dates stated, derived from a
weekday, inferred (year uncertain), given as a month only, or missing.

The verifier's rules are kept by construction: every quote is cut from the
text it cites; every name, alias, title, acronym and expansion is cited with a
sentence holding it; prose fields use their own phrasing (and are checked to
share no run of eight words with any report); ids are unique across all
collections; derived, inferred and missing dates carry a date_note.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import hashlib
import itertools
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# What is copied from this repository into every synthetic project.
COPIED = ["build.py", "mkdocs.yml", "pyproject.toml", "briefing", "templates", "content", "overrides",
          "seeds/facts.schema.json", "seeds/sources.schema.json"]
FACTS_HEADER = "# yaml-language-server: $schema=../facts.schema.json\n"
SOURCES_HEADER = "# yaml-language-server: $schema=sources.schema.json\n"
METADATA = "corpus.json"
# The most a generated facts file holds; a long briefing is split over several.
FILE_BYTES = 400_000
LAST_YEAR = 2025
# Engagements a desk records in a year; the corpus spans as many years as it needs.
PER_YEAR = 1000

# --- vocabularies -------------------------------------------------------------

SYLLABLES = ["ra", "vi", "ka", "an", "su", "de", "mi", "ja", "pa", "ni", "sha", "ta", "lo", "ma",
             "be", "ro", "el", "al", "cha", "ge", "har", "jo", "ki", "li", "mar", "na", "or", "pe",
             "sa", "to", "va", "ya", "dan", "fen", "gor", "hel", "kel", "bri", "tho", "wen"]

COUNTRIES = {
    "IN": ("India", "Indian", ["New Delhi", "Mumbai", "Bengaluru", "Chennai", "Hyderabad"]),
    "US": ("the US", "US", ["Washington", "New York", "San Francisco", "Honolulu", "Houston"]),
    "JP": ("Japan", "Japanese", ["Tokyo", "Osaka"]),
    "AU": ("Australia", "Australian", ["Canberra", "Sydney"]),
    "GB": ("the UK", "British", ["London", "Edinburgh"]),
    "FR": ("France", "French", ["Paris", "Marseille"]),
}
# Who the officials serve: mostly the two sides of the desk's relationship.
COUNTRY_WEIGHTS = {"IN": 45, "US": 45, "JP": 3, "AU": 3, "GB": 2, "FR": 2}

DOMAINS = ["Defence", "External Affairs", "State", "Commerce", "Energy", "Trade", "Political Affairs",
           "Policy", "Economic Affairs", "Science and Technology", "Home Affairs", "Finance",
           "Civil Aviation", "Health"]
SPELLINGS = {"Defence": "Defense", "Defense": "Defence"}
RANKS = ["Secretary", "Deputy Secretary", "Under Secretary", "Assistant Secretary", "Joint Secretary",
         "Additional Secretary", "Director General", "Special Envoy", "Adviser", "Minister",
         "Minister of State", "Principal Deputy Assistant Secretary", "Senior Director"]
FIXED_TITLES = {
    "IN": ["Foreign Secretary", "Deputy NSA", "National Security Adviser", "Ambassador to the US",
           "MEA spokesperson", "Joint Secretary (Americas)"],
    "US": ["Deputy Secretary of State", "Ambassador to India", "National Security Advisor",
           "Trade Representative", "Under Secretary for Policy", "State Department spokesperson"],
}

TOPICS = [
    ("defence", "Defence", "Military ties: exercises, co-production of equipment and arms purchases."),
    ("trade", "Trade", "Commerce between the two sides, tariffs and the negotiation of a trade deal."),
    ("technology", "Technology", "Work together on critical and emerging technologies."),
    ("energy", "Energy", "Oil, gas, nuclear and renewable power, bought and built together."),
    ("migration", "Migration", "Visas, the movement of students and workers, and illegal migration."),
    ("counter-terrorism", "Counter-terrorism", "Joint work against terror groups and their funding."),
    ("space", "Space", "Civil space missions, launches and satellite data."),
    ("climate", "Climate", "Emissions, adaptation finance and clean growth."),
    ("health", "Health", "Medicines, vaccines and public health preparedness."),
    ("education", "Education", "Universities, exchanges and student mobility."),
    ("maritime-security", "Maritime security", "Sea lanes, naval cooperation and domain awareness."),
    ("critical-minerals", "Critical minerals", "Supply of lithium, rare earths and other inputs."),
    ("semiconductors", "Semiconductors", "Chip design, fabrication plants and their supply chains."),
    ("artificial-intelligence", "Artificial intelligence", "Rules for, and research into, AI."),
    ("cyber-security", "Cyber security", "Defending networks and answering attacks on them."),
    ("agriculture", "Agriculture", "Farm trade, food security and farm research."),
    ("finance", "Finance", "Investment flows, banking rules and development finance."),
    ("nuclear", "Civil nuclear", "Reactors, fuel supply and liability rules."),
    ("connectivity", "Connectivity", "Ports, corridors and transport links between regions."),
    ("regional-security", "Regional security", "The neighbourhood, the Indo-Pacific and crises in it."),
    ("counter-narcotics", "Counter-narcotics", "Drug trafficking and the chemicals used in it."),
    ("telecommunications", "Telecommunications", "Mobile networks, undersea cables and their vendors."),
    ("pharmaceuticals", "Pharmaceuticals", "Drug makers, their exports and regulators."),
    ("aviation", "Aviation", "Aircraft sales, air services and airport links."),
    ("disaster-relief", "Disaster relief", "Helping each other and third countries after disasters."),
    ("multilateral-forums", "Multilateral forums", "Positions taken together at the UN, G20 and elsewhere."),
    ("human-rights", "Human rights", "Rights concerns raised by one side with the other."),
    ("investment", "Investment", "Companies putting money into the other country."),
    ("water", "Water", "River basins, water supply and sanitation."),
    ("biotechnology", "Biotechnology", "Life sciences research and its industry."),
    ("quantum", "Quantum", "Quantum computing and communications research."),
    ("shipbuilding", "Shipbuilding", "Yards, repair of ships and naval construction."),
    ("sports", "Sports", "Sporting exchanges and hosting major events."),
    ("culture", "Culture", "Museums, heritage and the return of antiquities."),
    ("diaspora", "Diaspora", "People of one country living in the other."),
    ("standards", "Standards", "Technical standards and their mutual recognition."),
    ("labour", "Labour", "Workers' mobility and labour rules."),
    ("tourism", "Tourism", "Travellers between the two and the visas they need."),
    ("fisheries", "Fisheries", "Fishing rights and illegal fishing."),
    ("oceans", "Oceans", "Ocean science and the blue economy."),
]

INITIATIVE_WORDS = {
    "adjectives": ["Strategic", "Clean", "Critical", "Emerging", "Trusted", "Resilient", "Secure",
                   "Open", "Digital", "Maritime", "Green", "Joint", "Advanced", "Sustainable",
                   "Innovative", "Future", "Global", "Regional", "Frontier", "Bilateral"],
    "nouns": ["Energy", "Technology", "Supply Chain", "Minerals", "Space", "Health", "Defence Industrial",
              "Education", "Semiconductor", "Connectivity", "Agriculture", "Climate", "Cyber", "Ocean",
              "Skills", "Innovation", "Infrastructure", "Startup", "Data", "Water"],
    "kinds": [("Partnership", "partnership"), ("Initiative", "initiative"), ("Dialogue", "dialogue"),
              ("Framework", "framework"), ("Forum", "forum"), ("Mechanism", "mechanism"),
              ("Roadmap", "initiative"), ("Compact", "framework"), ("Alliance", "grouping"),
              ("Agreement", "agreement")],
}

OUTLETS = ["ANI", "UNI", "PTI", "IANS", "Reuters", "The Hindu", "Hindustan Times", None, None]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five"]
CHILD_KINDS = ["meeting", "talks", "roundtable", "consultations", "discussions", "interaction", "meeting"]
CHANNELS = ["post on X", "readout", "statement", "remarks to reporters"]

# The reports' background sentences. Prose written for the facts never uses
# these phrasings, so it cannot share eight words in a row with a report.
BACKGROUND = [
    "Bilateral trade between the two countries has grown steadily over the past decade, officials said.",
    "The talks come as both governments seek to {verb} cooperation in {topic}.",
    "Analysts in {city} said the engagement reflected a broader push to {verb} ties.",
    "Officials familiar with the discussions said no formal agreement was expected at this stage.",
    "The two countries have held several rounds of consultations on {topic} in recent months.",
    "Diplomats described the atmosphere as cordial and forward-looking.",
    "Both sides reaffirmed their commitment to a free, open and inclusive Indo-Pacific.",
    "Industry groups in {city} welcomed the renewed focus on {topic}.",
    "The meeting took place against the backdrop of shifting global supply chains.",
    "Further details of the discussions were not immediately available.",
    "The ministry did not say when the next round of talks would be held.",
    "Experts noted that {topic} has emerged as a key pillar of the relationship.",
    "The visit was the latest in a series of high-level exchanges between the two capitals.",
    "A joint working group on {topic} is expected to meet later in the year.",
]
BACKGROUND_VERBS = ["deepen", "expand", "strengthen", "broaden", "accelerate"]

# The curator's own phrasings, for summaries and descriptions.
SUMMARY_OPENINGS = {
    "visit": "{a} travelled to {place} for {days} days of engagements with {host} counterparts.",
    "meeting": "{a} sat down with {b}{where}; their agenda ran to {topics}.",
    "talks": "{a} and {b} held formal talks{where}, with {topics} at the top of the list.",
    "roundtable": "{a} joined a roundtable with {b}{where} that ranged over {topics}.",
    "consultations": "{a} and {b} held a consultations round{where}, going through {topics}.",
    "discussions": "Discussions between {a} and {b}{where} dealt with {topics}.",
    "interaction": "{a} had an interaction with {b}{where}, touching on {topics}.",
    "call": "By phone, {a} and {b} went over {topics}.",
    "conversation": "{a} and {b} spoke by phone and compared notes on {topics}.",
    "announcement": "{a} and {b} unveiled {initiative}, a new effort centred on {topics}.",
}
SUMMARY_CLOSINGS = [
    "Neither side put a date on the next contact.",
    "The readouts stress continuity rather than any new commitment.",
    "{initiative} was named as the vehicle for follow-up work.",
    "Each capital's account of it stresses a different priority.",
    "It is the first recorded contact between the two in this briefing.",
    "Officials framed it as part of routine dialogue between the capitals.",
]
STATEMENT_TEXTS = [
    "It was a pleasure to meet {other} today. We discussed {topics}, and I look forward to building on this momentum.",
    "Productive conversation with {other} on {topics}. Our partnership continues to grow stronger.",
    "Good to host {other}. We reviewed {topics} and agreed to stay in close touch.",
    "Our discussions with {other} covered {topics}. The relationship rests on shared interests and mutual respect.",
]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", text) if w not in ("of", "and", "the", "for", "in"))


def _own_phrase(items: list[str]) -> str:
    """A list in the curator's words: never 'x, y and z', as the reports write it."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " as well as " + items[-1]


def _phrase(items: list[str]) -> str:
    items = list(items)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- the records while they are built -----------------------------------------


@dataclass
class Role:
    title: str
    organization: Optional[str]
    quotes: list = field(default_factory=list)   # (source id, quote)


@dataclass
class Official:
    id: str
    first: str
    last: str
    country: str
    roles: list
    aliases: list = field(default_factory=list)
    alias_quotes: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Organization:
    id: str
    name: str
    acronym: Optional[str]
    country: Optional[str]
    parent: Optional[str] = None
    quotes: list = field(default_factory=list)


@dataclass
class Initiative:
    id: str
    name: str
    long: str
    kind: str
    acronym: Optional[str]
    expansion: Optional[str]
    topics: list
    year: int
    launched: Optional[str] = None
    related: list = field(default_factory=list)
    intro_quotes: list = field(default_factory=list)     # name and acronym together
    mention_quotes: list = field(default_factory=list)   # the name alone
    expansion_quotes: list = field(default_factory=list)

    def intro(self) -> str:
        """How a report first names it."""
        if self.expansion:
            return f"the {self.name} ({self.expansion})"
        if self.acronym:
            return f"the {self.name} ({self.acronym})"
        return f"the {self.name}"


@dataclass
class Source:
    id: str
    file: str
    title: str
    outlet: Optional[str]
    published: Optional[str]
    published_note: Optional[str]
    dateline: Optional[str]
    header: list
    paragraphs: list


class Corpus:
    """Builds the records and the reports that support them, story by story."""

    def __init__(self, engagements: int, seed: int):
        self.n = engagements
        self.rng = random.Random(seed)
        self.ids: set[str] = set()
        self.names: set[str] = set()
        self.sources: list[Source] = []
        self.events: list[dict] = []
        self.statements: list[dict] = []
        self.discrepancies: list[dict] = []
        self.event_quotes: dict[str, list] = {}
        self.texts: dict[str, str] = {}  # filled once the stories are told
        self.years = max(1, -(-engagements // PER_YEAR))
        self.topics = TOPICS[:min(len(TOPICS), 10 + engagements // 300)]
        self._organizations()
        self._officials()
        self._initiatives()

    # --- ids and names ----------------------------------------------------

    def unique_id(self, wanted: str) -> str:
        wanted = _slug(wanted)
        candidate, n = wanted, 2
        while candidate in self.ids:
            candidate, n = f"{wanted}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def word(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()

    # --- the cast ---------------------------------------------------------

    def _organizations(self) -> None:
        candidates = []
        for code in ("IN", "US"):
            for domain in DOMAINS:
                name = f"Department of {SPELLINGS.get(domain, domain) if domain == 'Defence' else domain}" \
                    if code == "US" else f"Ministry of {domain}"
                candidates.append((code, name))
        candidates.insert(1, ("IN", "Embassy of India in the US"))
        candidates.insert(3, ("US", "US Embassy in New Delhi"))
        for code, (_country, adjective, _cities) in COUNTRIES.items():
            if code in ("IN", "US"):
                continue
            for domain in DOMAINS[:6]:
                candidates.append((code, f"{adjective} Ministry of {domain}"))
        for code in ("IN", "US"):
            for domain in DOMAINS:
                candidates.append((code, f"Office of the {COUNTRIES[code][1]} Special Envoy for {domain}"))
            for other, (_, _, cities) in COUNTRIES.items():
                for city in cities:
                    if other != code:
                        candidates.append((code, f"{'US' if code == 'US' else 'Indian'} Consulate General in {city}"))
        wanted = min(len(candidates), max(6, self.n // 60))
        acronyms: set[str] = set()
        self.organizations: list[Organization] = []
        for code, name in candidates[:wanted]:
            acronym = _initials(name) if self.rng.random() < 0.7 else None
            if acronym in acronyms or (acronym and len(acronym) < 2):
                acronym = None
            if acronym:
                acronyms.add(acronym)
            self.organizations.append(Organization(self.unique_id(acronym or name), name, acronym, code))
        by_name = {o.name: o for o in self.organizations}
        for org in self.organizations:
            if org.name.startswith("Office of the"):
                domain = org.name.rsplit(" for ", 1)[1]
                parent = by_name.get(f"Ministry of {domain}") or by_name.get(f"Department of {domain}")
                org.parent = parent.id if parent else None
        self.acronyms = acronyms

    def _officials(self) -> None:
        count = max(8, self.n // 6)
        codes = list(COUNTRY_WEIGHTS)
        self.officials: list[Official] = []
        orgs_of = {code: [o for o in self.organizations if o.country == code] for code in COUNTRIES}
        for index in range(count):
            code = codes[index % 2] if index < 4 else self.rng.choices(codes, [COUNTRY_WEIGHTS[c] for c in codes])[0]
            while True:
                first, last = self.word(2), self.word(self.rng.choice((2, 3)))
                if f"{first} {last}" not in self.names and last not in self.names:
                    break
            self.names.update((f"{first} {last}", last))
            titles = self._titles(code, self.rng.choices((1, 2, 3), (55, 35, 10))[0])
            roles = []
            for title in titles:
                orgs = orgs_of[code]
                fitting = [o for o in orgs if any(d in title and o.name.endswith(d) for d in DOMAINS + ["Defense"])]
                org = (fitting[0].id if fitting else self.rng.choice(orgs).id
                       if orgs and self.rng.random() < 0.3 else None)
                roles.append(Role(title, org))
            official = Official(self.unique_id(f"{first}-{last}"), first, last, code, roles)
            official.aliases = [last] + ([f"{first[0]}. {last}"] if self.rng.random() < 0.2 else [])
            self.officials.append(official)
        # A Zipf law: a few officials are in a large share of the engagements.
        self.by_country = {code: [o for o in self.officials if o.country == code] for code in COUNTRIES}
        self.cumulative = {}
        for code, people in self.by_country.items():
            weights = [1 / (rank + 1) for rank in range(len(people))]
            self.cumulative[code] = list(itertools.accumulate(weights))

    def _titles(self, code: str, count: int) -> list[str]:
        titles: list[str] = []
        fixed = FIXED_TITLES.get(code, [])
        while len(titles) < count:
            if not titles and fixed and self.rng.random() < 0.3:
                title = self.rng.choice(fixed)
            elif titles and self.rng.random() < 0.5:
                # The same post, written another way by another report.
                base = titles[0]
                swapped = next((base.replace(a, b) for a, b in SPELLINGS.items() if a in base), None)
                title = swapped or ("US " + base if code == "US" else "Indian " + base if code == "IN"
                                    else base + " (acting)")
            else:
                rank, domain = self.rng.choice(RANKS), self.rng.choice(DOMAINS)
                title = f"{rank} {'for' if domain in ('Policy', 'Political Affairs') else 'of'} {domain}"
            if title not in titles:
                titles.append(title)
        return titles

    def draw(self, code: str, besides=()) -> Official:
        people, cumulative = self.by_country[code], self.cumulative[code]
        for _ in range(20):
            pick = people[bisect.bisect(cumulative, self.rng.random() * cumulative[-1])]
            if pick not in besides:
                return pick
        spare = [p for p in people if p not in besides] or [p for p in self.officials if p not in besides]
        return spare[0]

    def _initiatives(self) -> None:
        count = max(4, self.n // 40)
        words = INITIATIVE_WORDS
        self.initiatives: list[Initiative] = []
        longs: set[str] = set()
        while len(self.initiatives) < count:
            kind_word, kind = self.rng.choice(words["kinds"])
            long = f"{self.rng.choice(words['adjectives'])} {self.rng.choice(words['nouns'])} {kind_word}"
            if long in longs:
                long = f"{self.rng.choice(words['adjectives'])} {long}"
                if long in longs:
                    continue
            longs.add(long)
            acronym = _initials(long)
            style = self.rng.random()
            if acronym in self.acronyms or len(acronym) < 3 or style < 0.2:
                acronym = None
            if acronym:
                self.acronyms.add(acronym)
            expansion = None
            name = long
            if acronym and style < 0.5:
                name, expansion = f"India-US {acronym}", long
            topics = self.rng.sample([t[0] for t in self.topics], 2)
            year = LAST_YEAR - self.years + 1 + self.rng.randrange(self.years)
            self.initiatives.append(Initiative(self.unique_id(acronym or long), name, long, kind, acronym,
                                               expansion, topics, year))
        for initiative in self.initiatives:
            if self.rng.random() < 0.3:
                other = self.rng.choice(self.initiatives)
                if other is not initiative:
                    initiative.related.append(other.id)

    # --- stories ----------------------------------------------------------

    def build(self) -> None:
        start = datetime.date(LAST_YEAR - self.years + 1, 1, 6)
        span_days = 365 * self.years - 20
        made = 0
        story = 0
        while made < self.n:
            day = start + datetime.timedelta(days=span_days * made // self.n)
            made += self._story(story, day, self.n - made)
            story += 1
        self._complete()

    def _new_source(self, lead: Official, day: datetime.date, place: str, headline: str) -> Source:
        number = len(self.sources)
        outlet = self.rng.choice(OUTLETS)
        chance = self.rng.random()
        header, dateline = [], None
        published, note = None, "The text gives no publication date."
        published_day = day + datetime.timedelta(days=self.rng.randrange(3))
        if chance < 0.75:
            published = published_day.isoformat()
            note = f'The text opens with "date {published}".'
            header.append(f"date {published}")
        elif chance < 0.85:
            published = f"{published_day.year}?-{published_day.month:02d}-{published_day.day:02d}"
            note = (f'The dateline gives "{MONTHS[published_day.month - 1][:3]} {published_day.day}" without a '
                    f"year; the year is inferred from the events the text reports.")
        if self.rng.random() < 0.7:
            dateline = place
            stamp = f"{MONTHS[published_day.month - 1][:3]} {published_day.day}"
            header.append(f"{place.upper()}, {stamp}" + (f" ({outlet})" if outlet else "") + " -")
        else:
            outlet = None
        if outlet is None:
            note += " It names no outlet."
        digest = hashlib.sha256(f"{number}-{lead.id}".encode()).hexdigest()[:16]
        source = Source(self.unique_id(f"{_slug(outlet) if outlet else 'report'}-{lead.last}-{number}"),
                        f"{number:05d}_{digest}.txt", headline, outlet, published,
                        note if published != published_day.isoformat() or outlet is None else None,
                        dateline, header, [])
        self.sources.append(source)
        return source

    def say(self, source: Source, sentence: str, new_paragraph: bool = False) -> str:
        if new_paragraph or not source.paragraphs:
            source.paragraphs.append([])
        source.paragraphs[-1].append(sentence)
        return sentence

    def mention(self, source: Source, official: Official, role_index: int | None = None) -> str:
        """'Title Name', the title recorded as a role of the official."""
        role = official.roles[self.rng.randrange(len(official.roles)) if role_index is None else role_index]
        return f"{role.title} {official.name}", role

    def background(self, source: Source, count: int, topics: list[str], city: str) -> None:
        for template in self.rng.sample(BACKGROUND, min(count, len(BACKGROUND))):
            sentence = template.format(
                verb=self.rng.choice(BACKGROUND_VERBS), city=city,
                topic=self.rng.choice([t[1].lower() for t in self.topics if t[0] in topics] or ["trade"]))
            self.say(source, sentence, new_paragraph=self.rng.random() < 0.4)

    def topic_names(self, ids: list[str]) -> list[str]:
        names = {t[0]: t[1].lower() for t in self.topics}
        return [names[i] for i in ids]

    def date_fields(self, day: Optional[datetime.date], source: Source, month_only=False) -> dict:
        """A date with its basis and note, in one of the ways the reports allow."""
        if day is None:
            return {"date": None, "date_basis": None,
                    "date_note": "No report gives the date of this engagement."}
        roll = self.rng.random()
        if month_only or roll < 0.08:
            return {"date": f"{day.year}-{day.month:02d}", "date_basis": "stated",
                    "date_note": "The reports give the month but not the day."}
        if roll < 0.18 and source.published and "?" not in source.published:
            return {"date": day.isoformat(), "date_basis": "derived",
                    "date_note": f"The report dated {source.published} says it happened on {WEEKDAYS[day.weekday()]}; "
                                 f"{day.isoformat()} is that weekday."}
        if roll < 0.24:
            return {"date": f"{day.year}?-{day.month:02d}-{day.day:02d}", "date_basis": "inferred",
                    "date_note": "The report gives the day and month; the year is inferred from when it was filed."}
        return {"date": day.isoformat(), "date_basis": "stated", "date_note": None}

    def _event(self, kind: str, title: str, summary: str, dates: dict, place, participants, topics,
               initiatives=(), organizations=(), parent=None, quotes=()) -> dict:
        others = "-".join(p.last for p in participants[:2])
        event = {"id": self.unique_id(f"{others or 'engagement'}-{kind}-{len(self.events)}"),
                 "title": title, "kind": kind, "summary": summary, **dates,
                 "place": place, "participants": [p.id for p in participants],
                 "organizations": list(organizations), "parent": parent,
                 "initiatives": [i.id for i in initiatives], "topics": list(topics)}
        self.events.append(event)
        self.event_quotes[event["id"]] = list(quotes)
        return event

    def _summary(self, kind: str, a: Official, b: Optional[Official], place, topics, initiatives, host="") -> str:
        where = f" in {place}" if place else ""
        initiative = initiatives[0].name if initiatives else "the existing dialogue"
        text = SUMMARY_OPENINGS[kind].format(
            a=a.name, b=b.name if b else "partners", where=where, place=place or "the other capital",
            days=self.rng.choice(["two", "three", "four"]), host=host, topics=_own_phrase(self.topic_names(topics)),
            initiative=f"the {initiative}" if initiatives else "a joint effort")
        closing = self.rng.choice(SUMMARY_CLOSINGS)
        if "{initiative}" in closing:
            closing = closing.format(initiative=f"The {initiative}") if initiatives else SUMMARY_CLOSINGS[0]
        return f"{text} {closing}"

    def _story(self, number: int, day: datetime.date, left: int) -> int:
        roll = self.rng.random()
        if roll < 0.2 and left >= 3:
            return self._visit(day, min(left - 1, self.rng.randrange(2, 5)))
        if roll < 0.3 and left >= 2:
            return self._announcement(day)
        return self._meeting(day, "call" if roll < 0.5 else "meeting")

    def _sides(self):
        home = "IN" if self.rng.random() < 0.6 else "US"
        away = "US" if home == "IN" else "IN"
        if self.rng.random() < 0.08:
            away = self.rng.choice(["JP", "AU", "GB", "FR"])
            if not self.by_country[away]:
                away = "US" if home == "IN" else "IN"
        return home, away

    def _topics(self, count=None) -> list[str]:
        return self.rng.sample([t[0] for t in self.topics], count or self.rng.randrange(1, 4))

    def _maybe_initiatives(self, chance=0.35) -> list[Initiative]:
        if self.rng.random() >= chance:
            return []
        return self.rng.sample(self.initiatives, min(len(self.initiatives), self.rng.randrange(1, 3)))

    def _cite_initiatives(self, source: Source, initiatives, quotes: list) -> None:
        for initiative in initiatives:
            if initiative.acronym and not initiative.intro_quotes:
                sentence = self.say(source, f"The two sides also reviewed progress under {initiative.intro()}.")
                initiative.intro_quotes.append((source.id, sentence))
                if initiative.expansion:
                    initiative.expansion_quotes.append((source.id, sentence))
            else:
                sentence = self.say(source, f"The two sides also reviewed progress under the {initiative.name}.")
                if len(initiative.mention_quotes) < 3:
                    initiative.mention_quotes.append((source.id, sentence))
            quotes.append((source.id, sentence))

    def _cite_role(self, role: Role, source: Source, sentence: str) -> None:
        if len(role.quotes) < 3 and not any(s == source.id for s, _ in role.quotes):
            role.quotes.append((source.id, sentence))

    def _organization_line(self, source: Source, people: list[Official], quotes: list) -> list[str]:
        orgs = [r.organization for p in people for r in p.roles if r.organization]
        if not orgs or self.rng.random() < 0.5:
            return []
        org = next(o for o in self.organizations if o.id == orgs[0])
        named = f"The {org.name} ({org.acronym})" if org.acronym else f"The {org.name}"
        sentence = self.say(source, f"{named} described the engagement as productive in a statement.")
        if len(org.quotes) < 3:
            org.quotes.append((source.id, sentence))
        quotes.append((source.id, sentence))
        return [org.id]

    def _statement(self, source: Source, event: dict, speaker: Official, other: Official, topics) -> None:
        if self.rng.random() >= 0.3:
            return
        text = self.rng.choice(STATEMENT_TEXTS).format(other=other.name, topics=_phrase(self.topic_names(topics)))
        channel = self.rng.choice(CHANNELS)
        verb = {"post on X": "later wrote on X", "readout": "said in a readout",
                "statement": "said in a statement", "remarks to reporters": "told reporters"}[channel]
        self.say(source, f"{speaker.name} {verb}: \u201c{text}\u201d", new_paragraph=True)
        self.statements.append({
            "id": self.unique_id(f"{speaker.last}-{channel}-{len(self.statements)}"),
            "speaker": speaker.id, "event": event["id"], "channel": channel, "quote": text,
            "cite": [{"source": source.id, "quote": f'{speaker.name} {verb}: "{text}"'}]})

    def _retell(self, events_and_people, day, place) -> Optional[Source]:
        """A second outlet's shorter account of the same story, for corroboration."""
        if self.rng.random() >= 0.3:
            return None
        lead = events_and_people[0][1][0]
        source = self._new_source(lead, day, place, f"Round-up: {lead.last} in {place}")
        for event, people in events_and_people:
            if len(people) >= 2:
                a, b = people[0], people[1]
                b_title, b_role = self.mention(source, b)
                sentence = self.say(source, f"{a.name} held talks with {b_title} in {place}.")
                self._cite_role(b_role, source, sentence)
            else:
                a_title, a_role = self.mention(source, people[0])
                sentence = self.say(source, f"{a_title} was in {place} for the engagement.")
                self._cite_role(a_role, source, sentence)
            self.event_quotes[event["id"]].append((source.id, sentence))
        self.background(source, self.rng.randrange(2, 5), self.events[-1]["topics"], place)
        return source

    def _meeting(self, day: datetime.date, kind: str) -> int:
        home, away = self._sides()
        a = self.draw(home)
        b = self.draw(away)
        extra = [self.draw(self.rng.choice([home, away]), besides=(a, b))] if self.rng.random() < 0.3 else []
        people = [a, b, *extra]
        topics = self._topics()
        initiatives = self._maybe_initiatives()
        if kind == "call":
            kind = self.rng.choice(["call", "conversation"])
            place = None
        else:
            kind = self.rng.choice(["meeting", "talks", "consultations", "discussions"])
            place = self.rng.choice(COUNTRIES[self.rng.choice([home, away])][2])
        source = self._new_source(a, day, place or COUNTRIES[home][2][0],
                                  f"{a.last} and {b.last} {'speak' if place is None else 'meet'}")
        a_title, a_role = self.mention(source, a)
        b_title, b_role = self.mention(source, b)
        when = f"on {WEEKDAYS[day.weekday()]}"
        if place is None:
            lead = self.say(source, f"{a_title} spoke with {b_title} by phone {when} about {_phrase(self.topic_names(topics))}.")
        else:
            lead = self.say(source, f"{a_title} met {b_title} in {place} {when}, and the two sides discussed "
                                    f"{_phrase(self.topic_names(topics))}.")
        self._cite_role(a_role, source, lead)
        self._cite_role(b_role, source, lead)
        quotes = [(source.id, lead)]
        for person in extra:
            title, role = self.mention(source, person)
            sentence = self.say(source, f"{title} also took part in the talks.")
            self._cite_role(role, source, sentence)
            quotes.append((source.id, sentence))
        self._cite_initiatives(source, initiatives, quotes)
        organizations = self._organization_line(source, people, quotes)
        dates = self.date_fields(None if self.rng.random() < 0.06 else day, source)
        title = f"{a.last} and {b.last} {'speak by phone' if place is None else 'meet in ' + place}"
        event = self._event(kind, title, self._summary(kind, a, b, place, topics, initiatives), dates, place,
                            people, topics, initiatives, organizations, quotes=quotes)
        self._statement(source, event, self.rng.choice([a, b]), b, topics)
        self.background(source, self.rng.randrange(3, 7), topics, place or COUNTRIES[home][2][0])
        self._retell([(event, people)], day, place or COUNTRIES[away][2][0])
        return 1

    def _announcement(self, day: datetime.date) -> int:
        home, away = self._sides()
        a, b = self.draw(home), self.draw(away)
        candidates = [i for i in self.initiatives if i.launched is None]
        initiative = self.rng.choice(candidates) if candidates else self.rng.choice(self.initiatives)
        place = self.rng.choice(COUNTRIES[home][2])
        topics = initiative.topics
        source = self._new_source(a, day, place, f"{a.last} and {b.last} launch a new initiative")
        a_title, a_role = self.mention(source, a)
        b_title, b_role = self.mention(source, b)
        sentence = self.say(source, f"{a_title} and {b_title} jointly announced {initiative.intro()} in {place}, "
                                    f"which aims to deepen cooperation on {_phrase(self.topic_names(topics))}.")
        self._cite_role(a_role, source, sentence)
        self._cite_role(b_role, source, sentence)
        initiative.intro_quotes.append((source.id, sentence))
        if initiative.expansion:
            initiative.expansion_quotes.append((source.id, sentence))
        quotes = [(source.id, sentence)]
        dates = self.date_fields(day, source)
        title = f"{a.last} and {b.last} launch the {initiative.acronym or 'initiative'}"
        event = self._event("announcement", title,
                            self._summary("announcement", a, b, place, topics, [initiative]),
                            dates, place, [a, b], topics, [initiative], quotes=quotes)
        if initiative.launched is None:
            initiative.launched = event["id"]
        # A follow-up call about the same initiative, reported in the same text.
        c = self.draw(away, besides=(b,))
        c_title, c_role = self.mention(source, c)
        follow = self.say(source, f"Later, {a.last} discussed the initiative with {c_title} by phone.",
                          new_paragraph=True)
        self._cite_role(c_role, source, follow)
        call = self._event("call", f"{a.last} and {c.last} follow up by phone",
                           self._summary("call", a, c, None, topics, [initiative]),
                           self.date_fields(day + datetime.timedelta(days=1), source), None, [a, c], topics,
                           [initiative], quotes=[(source.id, follow)])
        self._statement(source, event, a, b, topics)
        self.background(source, self.rng.randrange(3, 6), topics, place)
        self._retell([(event, [a, b]), (call, [a, c])], day, place)
        return 2

    def _visit(self, day: datetime.date, children: int) -> int:
        home, away = self._sides()
        visitor = self.draw(home)
        delegate = [self.draw(home, besides=(visitor,))] if self.rng.random() < 0.4 else []
        place = self.rng.choice(COUNTRIES[away][2])
        days = max(2, min(4, children))
        first, last = day, day + datetime.timedelta(days=days - 1)
        source = self._new_source(visitor, day, place, f"{visitor.last} wraps up {place} visit")
        v_title, v_role = self.mention(source, visitor)
        undated = self.rng.random() < 0.05
        month_only = not undated and self.rng.random() < 0.1
        if undated:
            opening = f"{v_title} recently concluded a {NUMBER_WORDS[days]}-day visit to {place}."
        elif month_only:
            opening = f"{v_title} visited {place} in {MONTHS[day.month - 1]} this year."
        else:
            opening = (f"{v_title} concluded a {NUMBER_WORDS[days]}-day visit to {place} from "
                       f"{MONTHS[first.month - 1]} {first.day} to {MONTHS[last.month - 1]} {last.day}.")
        self.say(source, opening)
        self._cite_role(v_role, source, opening)
        quotes = [(source.id, opening)]
        for person in delegate:
            title, role = self.mention(source, person)
            sentence = self.say(source, f"{title} accompanied {visitor.last} on the visit.")
            self._cite_role(role, source, sentence)
            quotes.append((source.id, sentence))
        topics = self._topics(3)
        if undated:
            dates = self.date_fields(None, source)
        elif month_only:
            dates = self.date_fields(day, source, month_only=True)
        else:
            dates = {"date": f"{first.isoformat()}/{last.isoformat()}", "date_basis": "stated", "date_note": None}
        host_adjective = COUNTRIES[away][1]
        visit = self._event("visit", f"{visitor.last}'s visit to {place}",
                            self._summary("visit", visitor, None, place, topics, [], host=host_adjective),
                            dates, place, [visitor, *delegate], topics, quotes=quotes)
        told = [(visit, [visitor, *delegate])]
        for index in range(children):
            host = self.draw(away)
            kind = self.rng.choice(CHILD_KINDS)
            meeting_topics = self._topics()
            initiatives = self._maybe_initiatives(0.4)
            h_title, h_role = self.mention(source, host)
            meeting_day = first + datetime.timedelta(days=min(index, days - 1))
            sentence = self.say(source, f"During the visit, {visitor.last} met {h_title} on "
                                        f"{WEEKDAYS[meeting_day.weekday()]} for {kind} on "
                                        f"{_phrase(self.topic_names(meeting_topics))}.", new_paragraph=True)
            self._cite_role(h_role, source, sentence)
            child_quotes = [(source.id, sentence)]
            self._cite_initiatives(source, initiatives, child_quotes)
            organizations = self._organization_line(source, [host], child_quotes)
            child_dates = self.date_fields(None if undated else meeting_day, source, month_only=month_only)
            child = self._event(kind, f"{visitor.last} and {host.last}: {kind}",
                                self._summary(kind, visitor, host, place, meeting_topics, initiatives),
                                child_dates, place, [visitor, host], meeting_topics, initiatives,
                                organizations, parent=visit["id"], quotes=child_quotes)
            self._statement(source, child, host, visitor, meeting_topics)
            told.append((child, [visitor, host]))
        self.background(source, self.rng.randrange(3, 6), topics, place)
        self._retell(told, day, place)
        return 1 + children

    # --- completion -------------------------------------------------------

    def _complete(self) -> None:
        """Whatever no story happened to cite gets a sentence in some report."""
        for official in self.officials:
            for role in official.roles:
                if not role.quotes:
                    source = self.rng.choice(self.sources)
                    sentence = self.say(source, f"{role.title} {official.name} was also present.")
                    role.quotes.append((source.id, sentence))
            for alias in official.aliases[1:]:
                source = self.rng.choice(self.sources)
                sentence = self.say(source, f"Reporters referred to the official as {alias} throughout.")
                official.alias_quotes.append((source.id, sentence))
        for org in self.organizations:
            if not org.quotes:
                source = self.rng.choice(self.sources)
                named = f"the {org.name} ({org.acronym})" if org.acronym else f"the {org.name}"
                org.quotes.append((source.id, self.say(source, f"A spokesperson for {named} was present.")))
        for initiative in self.initiatives:
            if not initiative.intro_quotes and (initiative.acronym or not initiative.mention_quotes):
                source = self.rng.choice(self.sources)
                sentence = self.say(source, f"Officials also referred to {initiative.intro()}.")
                initiative.intro_quotes.append((source.id, sentence))
                if initiative.expansion:
                    initiative.expansion_quotes.append((source.id, sentence))
        # Where two reports give one official different titles.
        with_titles = [o for o in self.officials if len(o.roles) >= 2]
        for official in with_titles[:max(2, self.n // 100)]:
            versions = [{"value": role.title, "cite": [_cite(role.quotes[0])]} for role in official.roles[:2]]
            self.discrepancies.append({
                "id": self.unique_id(f"{official.id}-title-note"),
                "subject": official.id, "field": "title",
                "description": f"The reports do not agree on how to name {official.name}'s post; each version is kept.",
                "versions": versions})

    # --- output -----------------------------------------------------------

    def text_of(self, source: Source) -> str:
        if source.id in self.texts:
            return self.texts[source.id]
        lines = [*source.header, ""]
        for paragraph in source.paragraphs:
            lines += _wrap(" ".join(paragraph))
            lines.append("")
        self.texts[source.id] = "\n".join(lines)
        return self.texts[source.id]

    def facts(self) -> dict[str, dict]:
        """The facts files, by name."""
        files: dict[str, dict] = {}
        files["topics.yml"] = {"topics": [{"id": t, "name": n, "description": d} for t, n, d in self.topics]}
        files["organizations.yml"] = {"organizations": [
            {"id": o.id, "name": o.name, "acronym": o.acronym, "country": o.country, "parent": o.parent,
             "cite": [_cite(q) for q in o.quotes]} for o in self.organizations]}
        files["officials.yml"] = {"officials": [
            {"id": o.id, "name": o.name, "country": o.country,
             "roles": [{"title": r.title, "organization": r.organization,
                        "cite": [_cite(q) for q in r.quotes + (o.alias_quotes if i == 0 else [])]}
                       for i, r in enumerate(o.roles)],
             "aliases": o.aliases} for o in self.officials]}
        initiatives = []
        for i in self.initiatives:
            cites = i.intro_quotes + i.mention_quotes
            record = {"id": i.id, "name": i.name, "kind": i.kind,
                      "description": (f"{'An' if i.kind[0] in 'aeiou' else 'A'} {i.kind} the two governments set up around "
                                      f"{_own_phrase(self.topic_names(i.topics))}; "
                                      f"this briefing follows the engagements that take it forward."),
                      "acronym": i.acronym,
                      "expansions": [{"text": i.expansion, "cite": [_cite(q) for q in i.expansion_quotes]}]
                      if i.expansion else [],
                      "aliases": [], "launched": i.launched, "related": i.related,
                      "cite": [_cite(q) for q in cites[:4]]}
            initiatives.append(_tidy(record))
        files["initiatives.yml"] = {"initiatives": initiatives}
        by_year: dict[str, list] = {}
        for event in self.events:
            event = dict(event)
            event["cite"] = self._claimed(event, [_cite(q) for q in self.event_quotes[event["id"]][:4]])
            year = _year(event["date"]) if event["date"] else "undated"
            by_year.setdefault(year, []).append(_tidy(event))
        # Children follow their visit into the visit's file, so a file reads as a story.
        for year, events in sorted(by_year.items()):
            files[f"events-{year}.yml"] = {"events": events}
        files["statements.yml"] = {"statements": self.statements}
        files["discrepancies.yml"] = {"discrepancies": self.discrepancies}
        return files

    def _claimed(self, event: dict, cites: list[dict]) -> list[dict]:
        """Each citation says which of the engagement's date, place and
        participants its quote gives, as a curator would mark it; a claim
        no quote gives is left out of the record (as a curator would leave
        out what no source states), so the corpus passes the claim checks."""
        names = {o.id: [o.name, *o.aliases] for o in self.officials}
        for cite in cites:
            quote = cite["quote"].casefold()
            supports = []
            if event["date"] and _DATE_WORDS.search(cite["quote"]):
                supports.append("date")
            if event["place"] and event["place"].split(",")[0].casefold() in quote:
                supports.append("place")
            if any(n.casefold() in quote for p in event["participants"] for n in names.get(p, [])):
                supports.append("participants")
            if supports:
                cite["supports"] = supports
        given = {claim for cite in cites for claim in cite.get("supports", [])}
        if event["date"] and "date" not in given:
            event.update(date=None, date_basis=None, date_note="No report gives the date in its own words.")
        if event["place"] and "place" not in given:
            event["place"] = None
        said = " ".join(c["quote"].casefold() for c in cites if "participants" in c.get("supports", []))
        event["participants"] = [p for p in event["participants"]
                                 if any(n.casefold() in said for n in names.get(p, []))]
        return cites

    def sources_file(self) -> dict:
        return {"sources": [
            {"id": s.id, "file": s.file, "sha256": hashlib.sha256(self.text_of(s).encode("utf-8")).hexdigest(),
             "title": s.title, "outlet": s.outlet, "published": s.published, "published_note": s.published_note,
             "dateline": s.dateline} for s in self.sources]}


def _cite(quote: tuple[str, str]) -> dict:
    return {"source": quote[0], "quote": quote[1]}


_DATE_WORDS = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|"
                         r"Thursday|Friday|Saturday|Sunday|today|yesterday|(?:19|20)\d\d)\b", re.IGNORECASE)


def _year(date: str) -> str:
    return date[:4]


def _tidy(record: dict) -> dict:
    """Leaves out empty optional fields, as a curator would."""
    return {k: v for k, v in record.items() if v not in (None, []) or k in ("date",)}


_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def _scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, str) and _PLAIN.match(value) and value not in _RESERVED:
        return value
    # A JSON string is a YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False)


def _emit(value, indent: int, out: list[str]) -> None:
    """Block-style YAML as a curator types it; PyYAML's emitter takes minutes at 10,000 engagements."""
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:")
                _emit(item, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {'[]' if item == [] else _scalar(item)}")
    else:
        for item in value:
            if isinstance(item, dict):
                lines: list[str] = []
                _emit(item, indent + 2, lines)
                out.append(f"{pad}- {lines[0][indent + 2:]}")
                out.extend(lines[1:])
            else:
                out.append(f"{pad}- {_scalar(item)}")


def _dump(data) -> str:
    out: list[str] = []
    _emit(data, 0, out)
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int = 78) -> list[str]:
    lines, line, size = [], [], -1
    for word in text.split(" "):
        if line and size + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, size = [], -1
        line.append(word)
        size += 1 + len(word)
    if line:
        lines.append(" ".join(line))
    return lines


def split_files(files: dict[str, dict]) -> dict[str, str]:
    """Each facts file's text, split as a curator splits a long list: no file
    above FILE_BYTES, so that none nears the loader's size limit."""
    texts: dict[str, str] = {}
    for name, data in files.items():
        (key, records), = data.items()
        items = []
        for record in records:
            lines: list[str] = []
            _emit([record], 2, lines)
            items.append("\n".join(lines) + "\n")
        chunks, chunk, size = [], [], 0
        for item in items:
            if chunk and size + len(item.encode("utf-8")) > FILE_BYTES:
                chunks.append(chunk)
                chunk, size = [], 0
            chunk.append(item)
            size += len(item.encode("utf-8"))
        chunks.append(chunk)
        stem = name[:-len(".yml")]
        for number, chunk in enumerate(chunks, 1):
            file = name if len(chunks) == 1 else f"{stem}-{number:02d}.yml"
            body = "".join(chunk) if chunk else ""
            texts[file] = FACTS_HEADER + (f"{key}:\n{body}" if body else f"{key}: []\n")
    return texts


def copy_code(destination: Path, code: Path = REPO) -> None:
    """The generator, templates and hand-written pages, from this repository."""
    for name in COPIED:
        source, target = code / name, destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)


def make_project(destination: Path, engagements: int, seed: int = 1, code: Path = REPO) -> dict:
    """Writes a fresh synthetic project into `destination`, with the generator
    and templates of `code` (this repository unless told); returns its metadata."""
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    copy_code(destination, code)
    corpus = Corpus(engagements, seed)
    corpus.build()
    seeds = destination / "seeds"
    (seeds / "sources").mkdir(parents=True, exist_ok=True)
    (seeds / "facts").mkdir(parents=True, exist_ok=True)
    for source in corpus.sources:
        (seeds / "sources" / source.file).write_text(corpus.text_of(source), encoding="utf-8")
    (seeds / "sources.yml").write_text(SOURCES_HEADER + _dump(corpus.sources_file()), encoding="utf-8")
    for name, text in split_files(corpus.facts()).items():
        (seeds / "facts" / name).write_text(text, encoding="utf-8")
    # The engagement the benchmark edits: a meeting in the middle of the chronology.
    meetings = [e for e in corpus.events if e["kind"] not in ("visit", "announcement") and e["date"]]
    target = meetings[len(meetings) // 2] if meetings else corpus.events[0]
    # The visit the benchmark adds an engagement to: one with engagements inside it, in the middle.
    parents = {e["parent"] for e in corpus.events if e.get("parent")}
    visits = [e for e in corpus.events if e["id"] in parents]
    visit = visits[len(visits) // 2]["id"] if visits else None
    metadata = {
        "engagements": engagements, "seed": seed,
        "counts": {"sources": len(corpus.sources), "topics": len(corpus.topics),
                   "officials": len(corpus.officials), "organizations": len(corpus.organizations),
                   "initiatives": len(corpus.initiatives), "events": len(corpus.events),
                   "statements": len(corpus.statements), "discrepancies": len(corpus.discrepancies)},
        "edit_target": target["id"],
        "visit_target": visit,
    }
    (destination / METADATA).write_text(json.dumps(metadata, indent=1) + "\n", encoding="utf-8")
    return metadata


def edit_event_summary(project: Path, event_id: str, words: str) -> Path:
    """Changes one event's summary in its facts file, as a curator would by hand:
    appends `words` (the curator's own) to it. Returns the file edited."""
    for path in sorted((project / "seeds" / "facts").glob("events-*.yml")):
        text = path.read_text("utf-8")
        at = text.find(f"- id: {event_id}\n")
        if at < 0:
            continue
        start = text.index("summary: ", at) + len("summary: ")
        end = text.index("\n", start)
        old = yaml.safe_load("x: " + text[start:end])["x"]
        path.write_text(text[:start] + _scalar(f"{old} {words}") + text[end:], encoding="utf-8")
        return path
    raise ValueError(f"no event {event_id!r} in the facts files")


def add_child_event(project: Path, visit_id: str) -> str:
    """Adds an engagement to a visit, as a curator would by hand: a copy of
    the visit's last engagement (its citations hold), under a new id, title
    and summary of the curator's own, just after it. Returns the new id."""
    for path in sorted((project / "seeds" / "facts").glob("events-*.yml")):
        text = path.read_text("utf-8")
        starts = [m.start() for m in re.finditer(r"^  - id: ", text, re.MULTILINE)] + [len(text)]
        chunks = [text[a:b] for a, b in zip(starts, starts[1:])]
        children = [i for i, chunk in enumerate(chunks) if f"\n    parent: {visit_id}\n" in chunk]
        if not children:
            continue
        last = children[-1]
        (record,) = yaml.safe_load("\n".join(line[2:] for line in chunks[last].splitlines()))
        taken = set(re.findall(r"^  - id: (\S+)$", "".join(path.read_text("utf-8") for path in
                                                            (project / "seeds" / "facts").glob("*.yml")),
                              re.MULTILINE))
        number = 2
        while f"{record['id']}-part-{number}" in taken:
            number += 1
        record["id"] = f"{record['id']}-part-{number}"
        record["title"] = f"{record['title']}, part {number}"
        record["summary"] = "The two sides met again later that day to settle what was left over."
        lines: list[str] = []
        _emit([record], 2, lines)
        chunks.insert(last + 1, "\n".join(lines) + "\n")
        path.write_text(text[:starts[0]] + "".join(chunks), encoding="utf-8")
        return record["id"]
    raise ValueError(f"no engagement under visit {visit_id!r} in the facts files")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("destination", type=Path)
    parser.add_argument("--engagements", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--code", type=Path, default=REPO, help="copy the generator from this folder")
    args = parser.parse_args(argv)
    metadata = make_project(args.destination, args.engagements, args.seed, args.code)
    print(json.dumps(metadata["counts"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
