"""Stage 4, views: what the pages show of the briefing.

`Briefing` adds to the indexes the views a page asks for (an official's
counterparts, a visit's other meetings, the timeline by period) and the
layout policy that bounds them (how long a list may grow on one page, how
much the home page draws). Templates call these and only format.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from babel import Locale

from . import dates, reports
from .indexes import EXISTS, HELD, Fact, Indexes, claims_of
from .kinds import KINDS, kind_of
from .load import Loaded
from .model import Citation, Event, Official
from .routes import NOTES_PAGE, TIMELINE_PAGE, page_of, periods_folder, url_of
from .text import normalise
from .verify import Corpus

# A page lists at most this many engagements. A longer list (an official of
# many years, the timeline of a large briefing) becomes a page per year, so
# that no page, and no rebuild of it, grows without bound with the briefing.
LONG_LIST = 100
# The most rows and officials the home page's pictures show: the latest
# engagements, and the officials who took part in the most (each a row and a
# column of who met whom; the rest are summed up by country).
HOME_ROWS = 40
HOME_OFFICIALS = 20
# The most rows of the home page's lists: the latest engagements, the key
# initiatives (those discussed in the most engagements).
HOME_LATEST = 8
HOME_INITIATIVES = 8
# The most counterparts an official's own picture draws, those met most often.
COUNTERPARTS_DRAWN = 24
# The countries (in `Briefing.country_order`) that each have a mark of their
# own, and a row of their own for the officials not drawn one by one; those
# of the countries after them share a mark and a row.
COUNTRIES_APART = 6
UNDATED = "Undated"


@dataclass(frozen=True)
class Period:
    """Engagements of one year, or of one month of a busy year, or the
    undated ones, on a page of their own."""

    label: str
    page: str
    events: tuple

    @property
    def dated(self) -> bool:
        return bool(self.events) and self.events[0].date is not None

    @property
    def link(self) -> PeriodLink:
        return PeriodLink(self.label, self.page)


@dataclass(frozen=True)
class PeriodLink:
    """A period as the pages of the other periods link to it. Without its
    engagements: a page that lists its siblings this way does not depend
    on what they hold, and an edited engagement re-renders only its own
    period's page."""

    label: str
    page: str


# How an expansion or a spelling that only one report gives reads, in the
# glossary and in its tooltip: a reader should not take it as settled.
PER_ONE_REPORT = "per one report"


@dataclass(frozen=True)
class GlossaryEntry:
    acronym: str
    expansions: list  # (text, citations)
    collection: str
    record: object

    @property
    def tooltip(self) -> str:
        return " / ".join(f"{text} ({PER_ONE_REPORT})" if one_report(cite) else text
                          for text, cite in self.expansions)


def one_report(cited) -> bool:
    """Whether citations all come from one report."""
    return len({c.source for c in cited}) == 1


@dataclass(frozen=True)
class Lead:
    """What a record page says first, in one paragraph: what the record is
    (the template words it), its latest engagement, what was said (the
    statements of its own and those reporting its position), and how well
    it is sourced."""

    latest: Optional[Event]
    engagements: int
    said: tuple      # statements it made (its own words), or made at it (an engagement)
    reported: tuple  # statements reporting its position, by others
    reports: int     # distinct reports cited for it
    bare: int        # of those, reports that name neither outlet nor date
    claims: int      # its claims (that it exists, its date, a title…)
    single: tuple    # of those, the ones that rest on one report, by label


@dataclass(frozen=True)
class CrowdRow:
    """A row (and column) of who met whom: one official, or the officials
    of one country not drawn one by one (`official` None), or those of all
    the countries past the first COUNTRIES_APART (`country` "")."""

    country: str
    official: Optional[Official]
    members: int
    countries: tuple[str, ...]  # of its members


@dataclass(frozen=True)
class Crowd:
    """Who met whom among many: `counts[i][j]`, how many engagements that
    took place had officials of rows i and j (two of row i's, on the
    diagonal of a summed-up row) among their participants."""

    rows: tuple[CrowdRow, ...]
    counts: tuple[tuple[int, ...], ...]
    networked: int  # officials who met anyone

    @property
    def drawn(self) -> int:
        return sum(1 for row in self.rows if row.official is not None)


@functools.lru_cache(maxsize=None)  # a few countries, asked for on every page listing people
def country_name(code: str) -> str:
    return Locale("en").territories.get(code, code)


class Briefing(Indexes):
    # --- one record's neighbours ---------------------------------------------

    def counterparts(self, official_id: str) -> list[Official]:
        """Who the official met, in engagements that took place."""
        met = {p for e in self.events_of.get(official_id, []) if e.status == HELD
               for p in e.participants if p != official_id}
        return [self.officials[i] for i in sorted(met)]

    def sources_of(self, record) -> list:
        """The reports a record cites, found once a generation: its page, its
        linked data, its table row and its data file each ask (a walk over
        every field of the record)."""
        kept = self._sources_of.get(id(record))
        if kept is None or kept[0] is not record:
            kept = self._sources_of[id(record)] = (record, super().sources_of(record))
        return list(kept[1])

    @functools.cached_property
    def _sources_of(self) -> dict[int, tuple[object, list]]:
        return {}

    def claims(self, record) -> dict[str, list]:
        """A record's claims with their citations (see indexes.claims_of)."""
        return claims_of(record)

    def claim_sources(self, record) -> dict[str, list[str]]:
        """Each claim of a record with the ids of the sources supporting it."""
        return {claim: sorted({c.source for c in cited}) for claim, cited in claims_of(record).items()}

    def participant_citations(self, event: Event, officials: list[Official]) -> list[Citation]:
        """The citations supporting an engagement's participants that name
        any of `officials` (by name or alias): the support of one side's
        row. `verify` sees that each participant is named in one of them."""
        cited = claims_of(event).get("participants", [])
        names = [normalise(n).casefold() for o in officials for n in (o.name, *o.aliases)]
        return [c for c in cited if any(n in normalise(c.quote).casefold() for n in names)]

    def bare_sources(self, cited) -> list[str]:
        """Of the reports cited, those that name neither outlet nor date."""
        ids = dict.fromkeys(c.source for c in cited)
        return [i for i in ids if not self.sources[i].outlet and not self.sources[i].published]

    def lead(self, record) -> Lead:
        statements = self.statements_of.get(record.id, [])
        reported = [s for s in self.statements_about.get(record.id, []) if s not in statements]
        cited = _all_citations(record)
        sources = dict.fromkeys(c.source for c in cited)
        engaged = kind_of(record).engaged
        events = self.events_of.get(record.id, []) if engaged else []
        claims = claims_of(record)
        single = tuple(claim for claim, found in claims.items() if one_report(found))
        latest = self.last_event(record.id) if engaged else None
        return Lead(latest, len(events), tuple(statements), tuple(reported), len(sources),
                    len(self.bare_sources(cited)), len(claims), single)

    # --- a report's own text --------------------------------------------------

    def report(self, source_id: str) -> Optional[reports.ReportText]:
        """A source's text in paragraphs and sentences; None when it is not at hand."""
        text = self.corpus.texts.get(source_id)
        return _read_report(text) if text is not None else None

    def quote_sentences(self, source_id: str, quote: str) -> tuple[int, ...]:
        """The numbers of the sentences of a report a quote of it touches."""
        found = self._quote_sentences.get((source_id, quote))
        if found is None:
            report = self.report(source_id)
            found = self._quote_sentences[source_id, quote] = report.sentences_of(quote) if report is not None else ()
        return found

    @functools.cached_property
    def _quote_sentences(self) -> dict[tuple[str, str], tuple[int, ...]]:
        """Where each quote stands, found once a generation: a quote is linked
        from every page that cites it (five times over at 1,000 engagements),
        and finding it means reading its report again when the cache of
        reports (`_read_report`) has let it go."""
        return {}

    def sentence_claims(self, source_id: str) -> dict[int, list[Fact]]:
        """The claims each sentence of a report supports, by sentence number."""
        found: dict[int, list[Fact]] = {}
        for fact in self.facts_from.get(source_id, []):
            for number in self.quote_sentences(source_id, fact.citation.quote):
                found.setdefault(number, []).append(fact)
        return found

    def frequent_counterparts(self, official_id: str) -> list[tuple[Official, int]]:
        """The counterparts met most often, at most COUNTERPARTS_DRAWN, each
        with how many engagements they shared; by country (in the order of
        `country_order`), then the most met first."""
        met = self.counterparts(official_id)
        times = {o.id: self.met_pairs.get((min(official_id, o.id), max(official_id, o.id)), 0) for o in met}
        chosen = sorted(met, key=lambda o: (-times[o.id], o.name, o.id))[:COUNTERPARTS_DRAWN]
        order = self.country_order
        chosen.sort(key=lambda o: (order.get(o.country, len(order)), -times[o.id], o.name, o.id))
        return [(o, times[o.id]) for o in chosen]

    def initiatives_of(self, record_id: str) -> list:
        """The initiatives discussed in the engagements of an official or a topic."""
        ids = {i for e in self.events_of.get(record_id, []) for i in e.initiatives}
        return [self.initiatives[i] for i in sorted(ids)]

    def children(self, event: Event) -> list[Event]:
        return [e for e in self.events_of.get(event.id, []) if e.parent == event.id]

    def siblings(self, event: Event) -> list[Event]:
        if not event.parent:
            return []
        return [e for e in self.children(self.events[event.parent]) if e.id != event.id]

    def nested(self, event: Event) -> list[Event]:
        """The engagements shown under `event` in the timeline."""
        return self.children(event) if event.date else []

    def participants_of(self, event: Event, besides: Optional[str] = None) -> list[Official]:
        """The officials who took part, leaving out `besides` (the page's own official)."""
        return self.records("officials", [p for p in event.participants if p != besides])

    def topics_of(self, event: Event) -> list:
        return self.records("topics", event.topics)

    def sides(self, event: Event) -> list[tuple[str, list[Official]]]:
        """Participants grouped by the country they serve, in order of first mention."""
        found: dict[str, list[Official]] = {}
        for official in self.participants_of(event):
            found.setdefault(country_name(official.country), []).append(official)
        return list(found.items())

    def last_event(self, record_id: str) -> Optional[Event]:
        dated = [e for e in self.events_of.get(record_id, []) if e.date]
        return dated[-1] if dated else None

    def url(self, collection: str, record_id: str) -> str:
        """A record's URL: its page, or its place on a page (a statement under
        its engagement or speaker, a discrepancy in the notes)."""
        kind = KINDS[collection]
        if kind.folder:
            return url_of(page_of(collection, record_id))
        page = page_of(*kind.owner(self, self.collections[collection][record_id])) if kind.owner else NOTES_PAGE
        return f"{url_of(page)}#{kind.anchor(record_id)}"

    # --- the whole briefing ---------------------------------------------------

    def latest(self, count: int) -> list[Event]:
        """The latest engagements that took place."""
        dated = [e for e in self.chronology if e.date and e.status == HELD]
        return list(reversed(dated[-count:]))

    @property
    def period(self) -> str:
        dated = [e.date for e in self.chronology if e.date]
        if not dated:
            return ""
        first = dates.bounds(dated[0])[0]
        last = max(dates.bounds(date)[1] for date in dated)
        return f"{dates.MONTHS[first[1] - 1]} {first[0]} to {dates.MONTHS[last[1] - 1]} {last[0]}"

    @property
    def reports_up_to(self) -> str:
        """The publication date of the newest dated report, as it reads; "" when none is dated."""
        published = [s.published for s in self.sources.values() if s.published]
        return dates.human(max(published, key=lambda value: dates.bounds(value)[1])) if published else ""

    @functools.cached_property
    def top_level(self) -> list[Event]:
        """Events shown on their own in the timeline; the rest nest under their dated visit."""
        return [e for e in self.chronology if not e.parent or not self.events[e.parent].date]

    @staticmethod
    def periods(events, folder: str) -> list[Period]:
        """`events` (in timeline order) as pages in `folder` of at most
        LONG_LIST each: by year; a busier year by month; a busier month, or
        the undated, in numbered parts."""
        found: list[Period] = []

        def add(label: str, slug: str, group: list) -> None:
            if len(group) <= LONG_LIST:
                found.append(Period(label, f"{folder}/{slug}.md", tuple(group)))
                return
            for start in range(0, len(group), LONG_LIST):
                part = group[start:start + LONG_LIST]
                found.append(Period(f"{label}, {start + 1}–{start + len(part)}",
                                    f"{folder}/{slug}-{start // LONG_LIST + 1}.md", tuple(part)))

        years: dict[str, list[Event]] = {}
        for event in events:
            years.setdefault(str(dates.year_month(event.date)[0]) if event.date else UNDATED, []).append(event)
        for year, group in years.items():
            if year == UNDATED or len(group) <= LONG_LIST:
                add(year, year.lower(), group)
                continue
            months: dict[int, list[Event]] = {}
            for event in group:  # a year's events are dated
                months.setdefault(dates.year_month(event.date or "")[1], []).append(event)
            for month, in_month in months.items():
                add(f"{dates.MONTH_NAMES[month - 1]} {year}", f"{year}-{month:02d}", in_month)
        return found

    def engagement_periods(self, record) -> list[Period]:
        """A record's engagements by period when they are too many for its
        own page; none when they fit."""
        events = self.events_of.get(record.id, [])
        if len(events) <= LONG_LIST:
            return []
        return self.periods(events, periods_folder(page_of(self._collection_by_id[record.id], record.id)))

    @functools.cached_property
    def timeline_periods(self) -> list[Period]:
        """The timeline by period, when the briefing is too long for one page."""
        if len(self.events) <= LONG_LIST:
            return []
        return self.periods(self.top_level, periods_folder(TIMELINE_PAGE))

    def timeline_rows(self, top_level=None) -> list[tuple[Event, int]]:
        """Dated engagements in timeline order, each with its nesting depth."""
        rows = []
        for event in self.top_level if top_level is None else top_level:
            if event.date:
                rows.append((event, 0))
                rows.extend((child, 1) for child in self.nested(event) if child.date)
        return rows

    def timeline(self, top_level=None) -> list[tuple[int, list[tuple[str, list[Event]]]]]:
        years: dict[int, dict[str, list[Event]]] = {}
        for event in self.top_level if top_level is None else top_level:
            if event.date:
                year, month = dates.year_month(event.date)
                label = f"{dates.MONTH_NAMES[month - 1]} {year}"
                years.setdefault(year, {}).setdefault(label, []).append(event)
        return [(year, list(months.items())) for year, months in years.items()]

    @property
    def undated(self) -> list[Event]:
        return [e for e in self.top_level if not e.date]

    def home_rows(self) -> list[tuple[Event, int]]:
        return self.timeline_rows()[-HOME_ROWS:]

    def home_latest(self) -> list[Event]:
        """The home page's latest engagements that took place, at most HOME_LATEST."""
        return self.latest(HOME_LATEST)

    @functools.cached_property
    def country_order(self) -> dict[str, int]:
        """Each country the briefing's officials serve, with its place in one
        order for the whole briefing: the most officials first, then by
        code. Pictures give each place its own mark (a colour and a shape),
        so that a country looks the same on every page and in print."""
        serving: dict[str, int] = defaultdict(int)
        for official in self.officials.values():
            serving[official.country] += 1
        ranked = sorted(serving, key=lambda code: (-serving[code], code))
        return {code: place for place, code in enumerate(ranked)}

    @functools.cached_property
    def who_met_whom(self) -> Crowd:
        """Who met whom, for the home page: the HOME_OFFICIALS officials who
        took part in the most engagements, one row each, and the rest who
        met anyone summed up in a row per country (one row for all the
        countries past COUNTRIES_APART); by country (in `country_order`),
        then the most engaged first. At most HOME_OFFICIALS +
        COUNTRIES_APART + 1 rows, however large the briefing."""
        engaged = {o.id: sum(1 for e in self.events_of.get(o.id, []) if e.status == HELD)
                   for o in self.officials.values()}
        people = [o for o in self.officials.values() if self.counterparts(o.id)]
        busiest = sorted(people, key=lambda o: (-engaged[o.id], o.name, o.id))[:HOME_OFFICIALS]
        order = self.country_order
        rows: list[CrowdRow] = []
        row_of: dict[str, int] = {}
        pooled: list[Official] = []  # the rest of the countries past COUNTRIES_APART
        for country in sorted({o.country for o in people}, key=lambda c: order[c]):
            drawn = sorted((o for o in busiest if o.country == country), key=lambda o: (-engaged[o.id], o.name, o.id))
            for official in drawn:
                row_of[official.id] = len(rows)
                rows.append(CrowdRow(country, official, 1, (country,)))
            rest = [o for o in people if o.country == country and o.id not in row_of]
            if rest and order[country] >= COUNTRIES_APART:
                pooled += rest
            elif rest:
                for official in rest:
                    row_of[official.id] = len(rows)
                rows.append(CrowdRow(country, None, len(rest), (country,)))
        if pooled:
            for official in pooled:
                row_of[official.id] = len(rows)
            rows.append(CrowdRow("", None, len(pooled), tuple(dict.fromkeys(o.country for o in pooled))))
        counts = [[0] * len(rows) for _ in rows]
        for event in self.events.values():
            if event.status != HELD:
                continue
            hit: dict[int, int] = defaultdict(int)  # row → participants of it
            for person in set(event.participants):
                if person in row_of:
                    hit[row_of[person]] += 1
            for i in hit:
                for j in hit:
                    if i != j or hit[i] > 1:
                        counts[i][j] += 1
        return Crowd(tuple(rows), tuple(map(tuple, counts)), len(people))

    def key_initiatives(self) -> list:
        """The HOME_INITIATIVES initiatives discussed in the most engagements, in the briefing's order."""
        initiatives = list(self.initiatives.values())
        if len(initiatives) <= HOME_INITIATIVES:
            return initiatives
        ranked = sorted(initiatives, key=lambda i: (-len(self.events_of.get(i.id, [])), i.name, i.id))
        chosen = {i.id for i in ranked[:HOME_INITIATIVES]}
        return [i for i in initiatives if i.id in chosen]

    def citations_by_source(self, record) -> list[tuple]:
        """(source, the claims its citations support, the citations) for each
        source a record cites, in order of first citation: what each report
        supports (that the record exists first, then its fields as first
        cited), without its quotes: the notes give them."""
        found: dict[str, tuple] = {}
        for citation in getattr(record, "cite", None) or []:
            source, claims, cited = found.setdefault(citation.source, (self.sources[citation.source], [], []))
            for claim in citation.supports or [EXISTS]:
                if claim not in claims:
                    claims.append(claim)
            cited.append(citation)
        return [(source, sorted(claims, key=lambda claim: claim != EXISTS), cited)
                for source, claims, cited in found.values()]

    def qualified_dates(self) -> list[Event]:
        """Engagements whose date was derived or inferred rather than stated."""
        return [e for e in self.chronology if e.date and e.date_basis in ("derived", "inferred")]

    def officials_by_country(self) -> list[tuple[str, list[tuple[str, list[Official]]]]]:
        """Officials grouped by country, then by the organization of their
        first title that names one; one whose titles name none is grouped
        under the office the first title is (a Foreign Secretary, a
        President): an office of its own, not "organization not named"."""
        found: dict[str, dict[str, list[Official]]] = defaultdict(lambda: defaultdict(list))
        for official in sorted(self.officials.values(), key=lambda o: o.name):
            organization = next((r.organization for r in official.roles if r.organization), None)
            label = self.organizations[organization].name if organization else official.roles[0].title
            found[country_name(official.country)][label].append(official)
        return [(country, sorted(groups.items(), key=lambda g: g[0].casefold()))
                for country, groups in sorted(found.items())]

    def glossary(self) -> list[GlossaryEntry]:
        """Every acronym a record carries, with what the sources say it stands for."""
        entries = []
        for collection in [kind.collection for kind in KINDS.values() if kind.has("acronym")]:
            for record in self.collections[collection].values():
                if not record.acronym:
                    continue
                expansions = [(e.text, e.cite) for e in getattr(record, "expansions", [])]
                if not expansions and record.name != record.acronym:
                    expansions = [(record.name, record.cite)]
                entries.append(GlossaryEntry(record.acronym, expansions, collection, record))
        return sorted(entries, key=lambda e: e.acronym.lower())


@functools.lru_cache(maxsize=64)  # a report is read once for all the pages quoting it
def _read_report(text: str) -> reports.ReportText:
    return reports.read(text)


def _all_citations(record) -> list[Citation]:
    return [c for cited in claims_of(record).values() for c in cited]


def assemble(loaded: Loaded, corpus: Corpus) -> Briefing:
    collections = {name: {r.id: r for r in records} for name, records in loaded.collections.items()}
    return Briefing(collections, corpus)
