"""The text patterns `draft` reads a report with: its sentences and
quotations, its dateline, the dates it writes, titles before names, and
acronyms and the spellings of a name. Functions of the text alone (and of
the report's own date); what they mean for the briefing is draft.py's.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Optional

from . import dates
from .countries import country_of

# A sentence: up to a full stop, question or exclamation mark followed by a
# space and a capital or a quote, or a line break; not the dot of an initial
# or of "U.S." (a capital letter standing alone before it). Each piece of
# text a pattern below reads is a sentence of at most MAX_PIECE characters
# (a longer run is cut at a space): with every pattern's work per starting
# place bounded, reading a report is linear in its length.
# A stop after a rank or a courtesy title ("Gen. Roe", "Mr. Doe") ends no sentence.
_ABBREVIATION_STOP = "|".join(rf"(?<=\b{word})\." for word in ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj",
                                                                "Adm", "Capt", "Brig", "Cmdr", "Cdr", "Sgt", "Gov", "Sen",
                                                                "Rep", "Hon", "Amb"))
# A stop glued to the next sentence, as on pages that lost their spaces ("in Lima.According to"), ends it too:
# between small letters and a capitalised word ("gov.uk" and "U.S.Army" end none).
_GLUED = r"(?<=[a-z]{2}\.)[A-Z][a-z]+\s"
_SENTENCE = re.compile(rf"[^\n.!?]*(?:(?:[.!?](?!\s+[A-Z“\"']|{_GLUED})|(?<=[^A-Za-z][A-Z])\.|{_ABBREVIATION_STOP})[^\n.!?]*)*[.!?]?",
                       re.MULTILINE)
MAX_PIECE = 1500

# Letters of the Latin script, capital and small, with their diacritics:
# "Šefčovič", "Sefcovic" and "Dombrovskis" are names alike.
_LATIN = [chr(c) for c in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]]
UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper() and c.isalpha())
LOWER = "a-z" + "".join(c for c in _LATIN if c.islower() and c.isalpha())
# A capitalised word ("Wang", "O'Brien", "Jean-Noël", "McDonald").
CAPWORD = rf"[{UPPER}][{LOWER}]{{1,20}}(?:[-'’]?[{UPPER}][{LOWER}]{{1,20}}|-[{LOWER}]{{1,20}})?"
# The small words inside a name: "Ursula von der Leyen", "Luiz Inácio Lula da Silva".
_PARTICLE = r"(?:von der|van der|van den|de la|von|van|de|da|di|du|del|della|dos|das|bin|ibn|al|el|le|la|ter)"
# A name: capitalised words, the first of which may be initials ("JD Vance", "S. Jaishankar").
# A family name in capitals, as some governments write it before the given name ("DOE Jane").
_FAMILY_CAPS = r"[A-Z]{3,20}(?=\s{1,3}[A-Z][a-z])"
# A middle initial: "Jane Q. Doe".
_MIDDLE = r"(?:\s{1,3}[A-Z]\.)?"
NAME = (rf"(?:[A-Z]{{1,2}}\.?(?:[A-Z]\.)?|{_FAMILY_CAPS}|{CAPWORD}{_MIDDLE})"
        rf"(?:\s{{1,3}}(?:{_PARTICLE}\s{{1,3}})?{CAPWORD}){{1,3}}")

# A general list of government titles, capitalised as a title before a name
# is: the office nouns, then the words that make one of them more precise.
_ROLE_NOUNS = (r"(?:Secretary-General|Secretary General|Secretary|Minister|Premier|Chancellor|President|"
               r"Ambassador|Advis[eo]r|NSA|Spokesperson|Spokesman|Spokeswoman|Representative|Envoy|Commissioner|"
               r"Director-General|Director General|Director|Chairman|Chairwoman|Chairperson|Chair|Governor|"
               r"Senator|Congressman|Congresswoman|Lawmaker|Mayor|Deputy|Consul General|Consul|Attaché|"
               r"Chargé d'Affaires|High Representative|Negotiator|Chief|King|Queen|Emir|Crown Prince|Sultan|"
               r"Speaker|Councillor|Councilor|General|Admiral|Commander|Leader|Head|PM|First Lady|Second Lady)"
               r"(?:-[a-z]{1,20})?")
ROLE_NOUN = re.compile(rf"\b{_ROLE_NOUNS}\b")
_TITLE_WORD = (r"(?:Deputy|Under|Assistant|Principal|Chief|Foreign|Defence|Defense|Commerce|Trade|National|Security|"
               r"Prime|External|Affairs|Home|Finance|Vice|Acting|Senior|Special|State|Department|Political|Policy|"
               r"Industry|Treasury|Economic|Economy|Permanent|Joint|Interior|Justice|Health|Energy|Agriculture|"
               r"Education|Environment|Climate|Labour|Labor|Transport|Culture|Science|Technology|Digital|First|"
               r"Executive|High|Lead|Top|Competition|Cabinet|Presidential|Army|Navy|Air|Force|Staff|Parliamentary|"
               r"Cooperation|Development|Investment)")
TITLE_WORD = re.compile(_TITLE_WORD)
# What an office is "of" or "for": "of the Treasury", "for Political Affairs",
# "for South and Central Asia" (up to three capitalised words, joined by "and",
# but not to a second title: "… of Defence Jane Roe and Under Secretary …").
# A rank written out, between a title and a name: "Chief of Staff General Jane Roe", "Army Chief Field Marshal Roe".
_RANK_WORDS = (r"(?:Field Marshal|Air Chief Marshal|Air Marshal|Marshal|(?:Lieutenant|Major|Brigadier)[- ]General|General|"
               r"(?:Vice|Rear)[- ]Admiral|Admiral|Brigadier|Colonel|Commodore)")
_REMIT_WORD = rf"(?:(?!{_RANK_WORDS}\s){CAPWORD}|[A-Z]{{2,5}}|U\.S\.)"
_REMIT = (rf"{_REMIT_WORD}(?:\s{{1,3}}(?:of\s{{1,3}}(?:the\s{{1,3}})?)?{_REMIT_WORD}|"
          rf"\s{{1,3}}(?:and|&)\s{{1,3}}(?!(?:{_TITLE_WORD}\s{{1,3}}){{0,3}}{_ROLE_NOUNS}\b){_REMIT_WORD}){{0,3}}")
# Title words, an office noun, what it is of or for; joined by "and" to a
# second ("Executive Vice President and Trade Commissioner").
_ONE_TITLE = rf"(?:{_TITLE_WORD}(?:\s{{1,3}}|-)(?:and\s{{1,3}})?){{0,4}}{_ROLE_NOUNS}"
_TITLE = (rf"(?:former\s{{1,3}})?{_ONE_TITLE}(?:\s{{1,3}}(?:and|&)\s{{1,3}}{_ONE_TITLE})?"
          rf"(?:\s{{1,3}}(?:of|for)\s{{1,3}}(?:the\s{{1,3}})?{_REMIT}){{0,2}}")
# Up to two capitalised words before a title: whose it is ("Chinese",
# "the EU's") or part of it ("European Commission President").
_WHOSE = rf"(?:(?P<whose>[{UPPER}][\w.’']{{0,30}}(?:\s{{1,3}}[{UPPER}][\w.’']{{0,30}}){{0,2}})\s{{1,3}})?"
# A title and a name: "Under Secretary of Defence John Doe"; one
# word before the title may say whose it is ("Chinese Premier Li Qiang").
# The title's acronym may stand between it and the name: "National Security Advisor (NSA) Jake Sullivan".
# The name after a title holds no title word: in "Minister of Commerce Wang Wentao and European Commission
# Executive Vice President", "Commission Executive Vice President" is no one's name.
_PERSON_WORD = rf"(?!(?:{_TITLE_WORD}|{_ROLE_NOUNS})\b){CAPWORD}"
# A name's nickname in quotation marks after the given name ('Jane "Jojo" Roe'), and its generation after the
# family name ("Jane Roe Jr", "Jane Roe III"; a sovereign's by the given name alone: "Charles III").
_NICKNAME = r"(?:\s{1,3}(?:\"|''|“)[A-Z][a-z]{1,20}(?:\"|''|”))?"
GENERATION = r"(?:Jr|Sr|II|III|IV|V|VI|VII|VIII)"
_PERSON = (rf"(?:(?:[A-Z]{{1,2}}\.?(?:[A-Z]\.)?|{_FAMILY_CAPS}|{_PERSON_WORD}{_MIDDLE}{_NICKNAME})"
           rf"(?:\s{{1,3}}(?:{_PARTICLE}\s{{1,3}})?(?!{GENERATION}\b){_PERSON_WORD}){{1,3}}(?:,?\s{{1,3}}{GENERATION}(?![\w'’-]))?"
           rf"|{_PERSON_WORD}\s{{1,3}}(?!Jr|Sr){GENERATION}(?![\w'’-]))")
# A military or other rank, abbreviated, may stand between the title and the name: "Defence Minister Gen. Jane
# Roe" (the rank is neither the title nor the name).
RANK = rf"(?:(?:Gen|Lt|Col|Maj|Adm|Capt|Brig|Cmdr|Cdr|Sgt|Gov|Sen|Rep|Prof|Amb|Hon)\.|{_RANK_WORDS})\s{{1,3}}"
# A title does not begin inside another's remit ("… of State and National Security Advisor Roe": not "State and …").
_NOT_IN_REMIT = r"(?<!\w)" + "".join(rf"(?<!{noun} {word} )" for noun in ("Secretary", "Minister", "Ministry", "Department")
                                    for word in ("of", "for"))
TITLED = re.compile(rf"{_NOT_IN_REMIT}{_WHOSE}(?P<title>{_TITLE})(?:\s{{1,3}}\((?P<short>[A-Z]{{2,6}})\))?,?\s{{1,3}}(?:{RANK}){{0,2}}"
                    rf"(?P<name>{_PERSON})\b")
# A title and a surname alone, the only name a report may give: "President Doe", "Prime Minister Roe said".
TITLED_SURNAME = re.compile(rf"{_WHOSE}(?P<title>{_TITLE})\s{{1,3}}(?!{RANK})(?P<name>{_PERSON_WORD})"
                            rf"(?![\w-]|['’](?!s\b)|\s{{1,3}}[{UPPER}])")
# A title in small letters: "EU trade chief Maros Sefcovic", "foreign minister Wang Yi".
SMALL_ROLES = (r"(?:minister|secretary|chief|envoy|ambassador|commissioner|president|premier|chancellor|adviser|"
                r"advisor|negotiator|spokesperson|spokesman|spokeswoman|director|diplomat|representative|lawmaker|"
                r"legislator|senator|governor|mayor|consul|counterpart|leader)")
TITLED_SMALL = re.compile(rf"{_WHOSE}(?P<title>(?:[a-z]{{3,15}}\s{{1,3}}){{0,2}}{SMALL_ROLES}),?\s{{1,3}}(?:{RANK}){{0,2}}"
                          rf"(?P<name>{NAME})\b")
# An envoy "to" where they serve, then the name, a comma between or not: "Xland's Ambassador to the US Jane Roe",
# "Ytown's ambassador to Ztown, Jane Roe" (where the place ends and the name begins, the draft reads by the
# country table).
ENVOY_TO = re.compile(rf"{_WHOSE}(?P<title>(?:(?:{_TITLE_WORD}|[a-z]{{3,15}})\s{{1,3}}){{0,2}}(?:Ambassador|Envoy|High "
                      r"Commissioner|Consul General|Consul|ambassador|envoy|high commissioner|consul general|consul)"
                      r"(?:-designate)?)\s{1,3}to\s{1,3}(?P<place>(?:the\s{1,3})?(?:[A-Z][\w.]{1,20},?\s{1,3}){1,3})"
                      rf"(?P<name>{NAME})?")
# A title after the name, set off by a comma: "Kaja Kallas, the EU's top diplomat,", "Antonio Costa,
# President of the European Council".
# What a title in small letters is of, for or to: "spokeswoman for the Xland foreign ministry", "ambassador to Peru".
_SMALL_REMIT = r"\s{1,3}(?:of|for|to)\s{1,3}(?:the\s{1,3})?[A-Z][\w.’']{1,30}(?:\s{1,3}[A-Za-z][\w.’']{1,30}){0,3}"
# After "a", only a spokesperson or a title with its remit ("Jane Roe, a spokeswoman for the ministry,"); "a veteran
# diplomat" is an epithet.
TITLED_AFTER = re.compile(rf"(?P<name>{NAME}),\s{{1,3}}(?:(?P<a>an?\s{{1,3}})|the\s{{1,3}})?"
                          rf"(?:(?P<whose>[{UPPER}][\w.’']{{0,30}}|[a-z]{{3,20}}['’]s)\s{{1,3}})?"
                          rf"(?P<title>(?:[a-z]{{3,15}}\s{{1,3}}){{0,2}}{SMALL_ROLES}(?:{_SMALL_REMIT})?|{_TITLE})"
                          r"(?=[,.;]|\s{1,3}(?:said|told|and)\b)")
# A title just before a name: "Deputy Secretary " before "Doe"; a rank between them is neither.
TITLE_BEFORE = re.compile(rf"{_NOT_IN_REMIT}(?P<title>{_TITLE})\s{{1,3}}(?:{RANK}){{0,2}}$")
# An office's spokesperson, in lower case after the office's name: "the
# Ministry of External Affairs spokesperson Randhir Jaiswal".
SPOKESPERSON = re.compile(rf"\bspokes(?:person|man|woman)\s{{1,3}}(?P<name>{NAME})\b")
# A spokesperson "of" or "for" an office, the name set off after it: "the spokesperson of the Ministry of Roads of
# Xland, Jane Roe, said".
SPOKESPERSON_OF = re.compile(rf"\b(?P<title>[Ss]pokes(?:person|man|woman))\s{{1,3}}(?:of|for)\s{{1,3}}(?:the\s{{1,3}})?"
                             rf"(?P<office>[A-Z][^,;.:“”\"\n]{{2,80}}?),\s{{1,3}}(?P<name>{NAME}),")

# "Name (ACRONYM)" and "ACRONYM (Expansion)".
_NAME_PART = r"(?:[A-Z][\w'&-]{0,30}|of|for|and|the|on|in|&)"
NAMED_ACRONYM = re.compile(rf"(?P<name>{_NAME_PART}(?:,?\s{{1,3}}{_NAME_PART}){{0,11}})\s{{1,3}}"
                           rf"\((?P<acronym>[a-z]?[A-Z][A-Za-z&-]{{0,12}}[A-Z])\)")
ACRONYM_EXPANDED = re.compile(r"\b(?P<acronym>[A-Z][A-Z&-]{0,12}[A-Z])\s{1,3}\((?P<expansion>[A-Z][^()]{3,160})\)")
# "the TRUST initiative": an acronym named by what it is.
ACRONYM_NAMED_BY_KIND = re.compile(r"\bthe (?P<acronym>[A-Z][A-Z0-9]{2,12})\s{1,3}(?P<kind>initiative|framework|dialogue|"
                                   r"mechanism|agreement|partnership|forum|grouping|pact|alliance|accord|treaty)\b")
# A grouping by its acronym, named by what its members do or hold: "the G7 Summit", "the QUAD countries".
ACRONYM_GROUPING = re.compile(r"\b(?P<acronym>[A-Z][A-Z0-9]{1,6})\s{1,3}(?:[Ss]ummit|countries|partners|members|"
                              r"[Ff]oreign [Mm]inisters|leaders|grouping|bloc)\b")
# What initiatives are called by: a capitalised name ending in the word for
# what it is ("Strategic Trade Dialogue", "Economic Corridor").
INITIATIVE_WORDS = (r"Dialogue|Initiative|Framework|Mechanism|Agreement|Partnership|Forum|Accord|Treaty|"
                    r"Corridor|Programme|Program|Strategy|Pact|Roadmap|Deal|Plan|Working Group|Task Force|Alliance|"
                    r"Convention|Protocol|Charter|"
                    r"Group of [A-Z][a-z]{2,10}")
# Its words may be joined by "and" ("Economic and Trade Dialogue"), and it may say what it is on or for ("the
# Agreement on Road Transport"), but not a day or a month ("the Pact on Monday"); a year after it is its own
# ("the Green Roads Roadmap 2030").
_NOT_REMIT = (r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
              r"July|August|September|October|November|December)\b)")
# A one-word kind may be written in capitals, as a name's word ("the Xland-Y FRAMEWORK").
_KIND_IN_CAPITALS = "|".join(word.upper() for word in INITIATIVE_WORDS.split("|") if word.isalpha())
NAMED_BY_KIND = re.compile(rf"(?<![\w+-])(?P<name>(?:(?:[A-Z][\w.'&-]{{0,30}}|\d[\d+]{{0,5}})\s{{1,3}}"
                           rf"(?:and\s{{1,3}}(?=[A-Z]))?){{0,6}}(?P<kind>{INITIATIVE_WORDS}|{_KIND_IN_CAPITALS})"
                           rf"(?:\s{{1,3}}(?:on|for)\s{{1,3}}{_NOT_REMIT}{CAPWORD}(?:\s{{1,3}}(?:and\s{{1,3}})?{_NOT_REMIT}{CAPWORD}){{0,4}})?"
                           r"(?:\s{1,3}(?:19|20)\d\d(?![\d,]))?)"
                           r"(?![\w-])")
# The general words of policy that initiatives' names are made of: a name of these and its kind word alone
# ("the Free Trade Agreement", "an Action Plan", "the Strategic Partnership") says what kind of thing it is, not
# which: whose it is stands elsewhere in the report, and a curator names it by that ("the Xland-Peru Free Trade
# Agreement").
GENERIC_WORDS = frozenset("""free trade strategic comprehensive economic digital green security defence defense
investment cooperation bilateral multilateral trilateral joint action global regional enhanced special privileged
technology technological energy climate development maritime space critical minerals supply chain chains innovation
science education health agriculture industrial transport infrastructure connectivity high-level ministerial
leaders annual new future vision working mutual sustainable clean cyber emerging technologies major partnership
framework agreement dialogue initiative mechanism forum plan deal programme program strategy roadmap pact accord
treaty alliance corridor group task force facility charter convention protocol and of for on the in""".split())
# Two countries' initiative in small letters, named by the pair it joins: "the Xland-Peru strategic partnership",
# "the US-Peru trade and investment framework" (whether both are countries, the draft checks).
PAIR_NAMED_BY_KIND = re.compile(rf"(?<![\w+-])(?P<name>(?P<first>[A-Z][\w.]{{1,30}})-(?P<second>[A-Z][\w.]{{1,30}})\s{{1,3}}"
                                rf"(?:(?:[a-z][a-z-]{{2,20}}|and)\s{{1,3}}){{0,4}}"
                                rf"(?P<kind>{'|'.join(w.lower() for w in INITIATIVE_WORDS.split('|') if w.isalpha())}))"
                                r"(?![\w-])")
# A meeting held every year is a mechanism as well as an engagement: "the annual leaders' talks", "the Peru-Chile
# Annual Ministerial Meeting".
RECURRING_MEETING = re.compile(r"(?<![\w-])(?P<name>(?:[A-Z][\w.’'-]{1,30}\s{1,3}){0,2}(?:[Aa]nnual|[Yy]early|[Bb]iennial)"
                               r"\s{1,3}(?:[\w’'-]{2,20}\s{1,3}){0,2}(?:[Mm]eeting|[Ss]ummit|[Dd]ialogue|[Cc]onsultations))"
                               r"(?![\w-])")
# A run of short capitalised names in a list: "the ABC, XYZ, Q3 initiatives",
# "forums like the Abc, Q3, and XYZZ".
_ITEM = r"[A-Z][A-Za-z0-9]{1,9}"
ENUMERATION = re.compile(rf"\b(?P<items>{_ITEM}(?:,\s{{1,3}}(?:and\s{{1,3}})?{_ITEM}){{1,12}}(?:,?\s{{1,3}}and\s{{1,3}}{_ITEM})?)\b")
# What the press is called by: a broadcaster, paper or agency of news ("Central Television", "the Daily Herald")
# reports the engagements; it is neither an office of a government nor an initiative.
MEDIA_NOUNS = re.compile(r"\b(?:Television|TV|Radio|Broadcasting|Broadcaster|Broadcast|News|Newspaper|Press|Times|Post|"
                         r"Herald|Gazette|Tribune|Daily|Network|Channel|Media|News Agency|Press Agency)$")
# What offices are called by: the institution nouns of any government or body.
OFFICE_NOUNS = (r"Ministry|Department|Council|Embassy|Consulate|Agency|Office|Bureau|Commission|Senate|Parliament|"
                 r"Congress|Organisation|Organization|Administration|Authority|Bank|Committee|Institute|Service|"
                 r"Secretariat|Mission|Government|Cabinet|Assembly|Court|Chamber|Federation|Fund|Board|Directorate|"
                 r"Corporation|Company|Association|Party|Army|Navy|Air Force|Command|Union|Forces")
ORGANIZATION_WORDS = re.compile(rf"\b(?:{OFFICE_NOUNS})\b")
# The offices of a government, named by what they are "of": "the Ministry of Commerce", "the Government of X".
GOVERNMENT_NOUNS = (r"Ministry|Department|Embassy|Consulate|Office|Council|Commission|Mission|Government|Secretariat|"
                    r"Directorate-General|Directorate|Bureau|Agency|Cabinet")
# What an office is "of" or "for" ("the Directorate-General for Roads"): capitalised words, joined by "and"
# ("Foreign Affairs and Trade"), but not to a title ("… of Commerce and Industry Minister Jane Roe": the minister's own);
# a possessive after it is no part of it ("the Department of Roads's Bureau").
_OFFICE_WORD = rf"{CAPWORD}(?![\w'’-])"
_LAST_OFFICE_WORD = rf"{CAPWORD}(?=['’]s\b|(?![\w'’-]))"
# A list of remits, commas between, "and" before the last: "of Trade, Industry and Energy".
_LISTED = rf",(?= {_OFFICE_WORD}(?:, {_OFFICE_WORD}){{0,3}},? (?:and|&) {_OFFICE_WORD})"
_OFFICE_OF = (rf" (?:of|for)(?: the)?(?: {_LAST_OFFICE_WORD}|{_LISTED}| (?:and|&)(?! (?:{_TITLE_WORD} ){{0,3}}{_ROLE_NOUNS}\b)"
              rf"(?= {_OFFICE_WORD})){{1,8}}")
# A country's code before an office, part of its name: "the US Embassy", "the EU Delegation".
_CODE = r"(?:[A-Z]{2,3}|U\.S\.) "
# An office by its form: "the Ministry of Commerce", "the Embassy of Ruritania in
# the Xland", "the European Commission", "the State Department", "the XY Embassy". Its first words
# may be a country's (checked against the country table by the draft).
# A mission abroad is named with the city it is in: "the Embassy of Xland in Ytown", "the Xland Embassy in
# Ytown" (a ministry "in" a city is only where it sits).
_MISSION_IN = rf"(?:(?<=Embassy)|(?<=Consulate)|(?<=Mission))(?:{_OFFICE_OF})? in (?:the )?{CAPWORD}(?: {CAPWORD})?"
OFFICE = re.compile(rf"\b(?P<name>(?:{_CODE})?(?:{GOVERNMENT_NOUNS})(?:{_MISSION_IN}|{_OFFICE_OF})|"
                    rf"(?:{_CODE}(?:{CAPWORD}(?:'s)? ){{0,3}}|(?:{CAPWORD}, ){{1,3}}{CAPWORD},? (?:and|&) (?:{CAPWORD} ){{1,2}}|"
                    rf"(?:(?:{CAPWORD}|[A-Z]{{2,3}}-{CAPWORD})(?:'s)? |{_TITLE_WORD} (?:and|&) ){{1,4}})(?:{OFFICE_NOUNS})"
                    rf"(?:{_MISSION_IN}|{_OFFICE_OF})?)(?![\w-])")
# A government's office in small letters after its country's word: "the Chinese foreign ministry",
# "the Japanese government", "Ruritania's foreign ministry" (whether the word is a country's, the draft checks;
# a possessive says whose, and is no part of the name).
OFFICE_SMALL = re.compile(r"\b(?P<whose>[A-Z][\w.]{1,20}['’]s )?(?P<name>(?(whose)|[A-Z][\w.]{1,20} )(?:[a-z]{3,12} ){0,2}"
                          r"(?:ministry|government|embassy|administration|parliament|cabinet))\b")
# A list of departments: "U.S. departments, including State, Defence, Treasury, Commerce, and the National
# Security Council": each capitalised item is an office.
DEPARTMENTS = re.compile(r"\b(?P<country>[A-Z][\w.]{1,12})?\s{0,3}(?:departments|ministries|agencies),?\s{1,3}(?:including|"
                         r"such as|like)\s{1,3}(?P<items>[A-Z][^.;:]{0,300})")

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_YEAR = r"(?P<year>\d{4})"
_TO = r"\s{0,3}(?:-|–|to|(?P<both>and))\s{0,3}"  # "and": two days running ("June 3 and 4"), else two dates
_TH = r"(?:st|nd|rd|th)?"  # "June 11th", "the 11th of June"
# "May 27 to 29", "Jan.5 to Jan.6" (the month again, the same).
_SPAN_MD = re.compile(rf"\b{_MONTH}\.?\s{{0,3}}(?P<a>\d{{1,2}}){_TH}{_TO}(?:(?P=month)\.?\s{{0,3}})?(?P<b>\d{{1,2}}){_TH}\b"
                      rf"(?:,?\s{{1,3}}{_YEAR})?")
_SPAN_DM = re.compile(rf"\b(?P<a>\d{{1,2}}){_TH}{_TO}(?P<b>\d{{1,2}}){_TH}(?:\s{{1,3}}of)?\s{{1,3}}{_MONTH}(?:\s{{1,3}}{_YEAR})?")
_DAY_MD = re.compile(rf"\b{_MONTH}\.?\s{{0,3}}(?P<a>\d{{1,2}}){_TH}\b(?:,?\s{{1,3}}(?P<year>\d{{4}}))?")
_DAY_DM = re.compile(rf"\b(?P<a>\d{{1,2}}){_TH}(?:\s{{1,3}}of)?\s{{1,3}}{_MONTH}\b(?:\s{{1,3}}(?P<year>\d{{4}}))?")
# A span over two months: "from June 30 to July 6", "30 June-2 July 2025".
_UNTIL = r"\s{0,3}(?:-|–|to|until|till|through)\s{0,3}"
_SPAN_MDMD = re.compile(rf"\b{_MONTH}\.?\s{{0,3}}(?P<a>\d{{1,2}}){_TH}{_UNTIL}{_MONTH.replace('month', 'month2')}\.?\s{{0,3}}"
                        rf"(?P<b>\d{{1,2}}){_TH}\b(?:,?\s{{1,3}}{_YEAR})?")
_SPAN_DMDM = re.compile(rf"\b(?P<a>\d{{1,2}}){_TH}(?:\s{{1,3}}of)?\s{{1,3}}{_MONTH}{_UNTIL}(?P<b>\d{{1,2}}){_TH}(?:\s{{1,3}}of)?"
                        rf"\s{{1,3}}{_MONTH.replace('month', 'month2')}\b(?:\s{{1,3}}{_YEAR})?")
# A day of the month alone, "on the 11th": the report's month (or the one before or after), by its own date.
_ON_THE_DAY = re.compile(r"\b[Oo]n\s{1,3}the\s{1,3}(?P<day>\d{1,2})(?:st|nd|rd|th)\b"
                         r"(?=\s{0,3}(?:[,.;:)]|$)|\s{1,3}(?:in|at|on|when|and|with|to|of\s{1,3}this\s{1,3}month)\b)")
# A month alone, written out ("in February this year", "Modi's February trip");
# "May" only after "in", as it is also a verb.
_MONTH_ALONE = re.compile(r"\b(?P<previous>last\s{1,3})?(?:in\s{1,3}(?P<may>May)|"
                          r"(?P<month>January|February|March|April|June|July|August|September|"
                          r"October|November|December))\b(?!\s{1,3}\d)(?:\s{1,3}(?P<this>this year)|\s{1,3}(?P<last>last year)|"
                          r",?\s{1,3}(?P<year>\d{4}))?")
# "later this year", "next year" (not "since last year": a time before the one told, nor an anniversary).
_RELATIVE_YEAR = re.compile(r"(?<!since )(?<!until )\b(?P<which>last|this|next)\s{1,3}year\b"
                            r"(?!\s{1,3}(?:marks|marked|will\s{1,3}mark)\b)", re.IGNORECASE)
_RELATIVE_MONTH = re.compile(r"\b(?P<which>last|this|next) month\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?P<word>today|yesterday|tomorrow|this (?:morning|afternoon|evening)|tonight|"
                       r"(?:on|for|from|last|this|next) (?P<weekday>Monday|Tuesday|"
                       r"Wednesday|Thursday|Friday|Saturday|Sunday))\b", re.IGNORECASE)
# A weekday bare, right after the verb it dates, as wire copy writes it ("agreed Sunday", "met Tuesday"; not
# "a summit set to start Monday", whose day is the summit's).
_BARE_WEEKDAY = re.compile(r"\b(?:[a-z]{2,20}ed|met|held|had|spoke|said|told|began|left|flew|arrived)\s{1,3}"
                           r"(?P<word>(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b")
# The last day of a span of weekdays, right after its first ("from Monday to Wednesday").
_WEEKDAY_UNTIL = re.compile(r"\s{1,3}(?:to|until|till|through)\s{1,3}(?P<weekday>Monday|Tuesday|Wednesday|Thursday|"
                            r"Friday|Saturday|Sunday)\b", re.IGNORECASE)
# The opening "date 2025-05-30" line and a dateline, "Washington DC [US], May 30 (ANI):":
# the report's own date and place, not those of what it tells.
_DATELINE = re.compile(r"\s{0,40}(?:date[:\s]{1,3}\d{4}-\d{2}-\d{2}\s{0,3})?"
                       r"(?:[A-Z][\w .'/\[\]-]{1,60}?,\s{1,3}[A-Z][a-z]{2,8}\.?\s{1,3}"
                       r"\d{1,2}(?:,\s{0,3}\d{4})?\s{1,3}\([A-Z]{2,6}\):?|"
                       r"(?-i:[A-Z][A-Z .,'/-]{1,40}?\s{0,3}\([A-Z][\w .]{1,30}\))\s{0,3}[-–—:]?)?", re.IGNORECASE)
# A dateline further down a page (after its headline and menus): "BEIJING, July 23 (Xinhua) --",
# "Tokyo, June 15 (Jiji Press)--", "Washington DC [US], June 27 (ANI):".
_DATELINE_LATER = re.compile(r"(?m)^[^\S\n]{0,10}[A-Z][\w .'/\[\]-]{1,60}?,\s{1,3}[A-Z][a-z]{2,8}\.?\s{1,3}\d{1,2}"
                             r"(?:,\s{0,3}\d{4})?\s{1,3}\([A-Z][\w .]{1,20}\)\s{0,3}(?:--|[-–—:])?")


@dataclass
class Sentence:
    start: int
    text: str


def sentences(text: str) -> list[Sentence]:
    """The report's sentences, each a verbatim piece of it, stripped."""
    found = []
    for match in _SENTENCE.finditer(text):
        at = match.start()
        piece = match.group()
        while piece:
            cut = len(piece) if len(piece) <= MAX_PIECE else (piece.rfind(" ", 0, MAX_PIECE) + 1 or MAX_PIECE)
            part, piece = piece[:cut], piece[cut:]
            stripped = part.strip()
            if len(stripped) >= 12:
                found.append(Sentence(at + part.index(stripped), stripped))
            at += cut
    return found


def dateline_end(text: str) -> int:
    """Where the report's opening date line and dateline end (0 without
    them); a dateline after a page's headline and menus counts too."""
    found = _DATELINE.match(text)
    start = found.end() if found and found.group().strip() else 0
    later = _DATELINE_LATER.search(text, 0, 3000)
    return max(start, later.end() if later else 0)


# A quotation in single marks, where no double ones are used: opened by ‘ or
# by ' at a word's start before a capital, closed by ’ or ' at a word's end
# (an apostrophe inside a word, "Modi's", is neither).
_SINGLE = re.compile(r"(?:‘|(?<![\w'])'(?=[A-Z]))(?P<words>[^‘’'\n]{1,300}?(?:[’'](?=\w)[^‘’'\n]{0,300}?){0,3})"
                     r"[’'](?!\w)")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation: between curly or straight double
    quotes; a quotation opened and not closed in its paragraph runs to the
    paragraph's end, as reports print a quotation of several paragraphs. A
    paragraph without double quotes may quote in single ones."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        opened: Optional[int] = None
        marks = list(re.finditer(r"[“”\"]", line.group()))
        for mark in marks:
            at = line.start() + mark.start()
            if opened is None and mark.group() != "”":
                opened = at
            elif opened is not None and mark.group() != "“":
                spans.append((opened, at + 1))
                opened = None
        if opened is not None:
            spans.append((opened, line.end()))
        if not marks:
            spans += [(line.start() + m.start(), line.start() + m.end()) for m in _SINGLE.finditer(line.group())]
    return spans


@dataclass(frozen=True)
class Written:
    """A date as a sentence writes it: its month, first and last day (None
    for a month alone), and its year where given."""

    month: int
    first: Optional[int]
    last: Optional[int]
    year: Optional[int]
    this_year: bool = False  # "in February this year"
    last_year: bool = False  # "in November last year"
    previous: bool = False   # "last November": the latest such month before the report's own
    end_month: Optional[int] = None  # a span over two months ends in this one ("June 30 to July 6")

    def agrees(self, recorded: Optional[str]) -> bool:
        """Whether a recorded date can be this one: they share a day, in the
        year written or, where none is, in any year the record spans."""
        if recorded is None:
            return False
        low, high = dates.bounds(recorded)
        for year in [self.year] if self.year else range(low[0], high[0] + 1):
            days = calendar.monthrange(year, self.month)[1]
            first = (year, self.month, min(self.first or 1, days))
            last = (year, self.month, min(self.last or days, days)) if self.end_month is None else \
                (year + (self.end_month < self.month), self.end_month, self.last or 1)
            if first <= high and low <= last:
                return True
        return False


def written_date(sentence: str) -> Optional[Written]:
    """The first explicit date the sentence writes: a span, a day or a month."""
    for pattern in (_SPAN_MDMD, _SPAN_DMDM):
        found = pattern.search(sentence)
        if found:
            month, end_month = _month(found.group("month")), _month(found.group("month2"))
            first, last = int(found.group("a")), int(found.group("b"))
            if end_month != month and 1 <= first <= 31 and 1 <= last <= 31:
                year = found.group("year")
                return Written(month, first, last, int(year) if year else None, end_month=end_month)
    for pattern, span in ((_SPAN_MD, True), (_SPAN_DM, True), (_DAY_MD, False), (_DAY_DM, False)):
        for found in pattern.finditer(sentence):
            first, last = int(found.group("a")), int(found.group("b")) if span else int(found.group("a"))
            if span and found.group("both") and last != first + 1 \
                    and not re.search(r"\bbetween\s{1,3}$", sentence[:found.start()], re.IGNORECASE):
                continue  # "on June 3 and 5": two days, where "between June 3 and 5" is a span
            if 1 <= first <= last <= 31:
                year = found.group("year")
                return Written(_month(found.group("month")), first, last, int(year) if year else None)
    alone = _MONTH_ALONE.search(sentence)
    if alone:
        year = alone.group("year")
        return Written(_month(alone.group("month") or alone.group("may")), None, None, int(year) if year else None,
                       bool(alone.group("this")), bool(alone.group("last")), bool(alone.group("previous")))
    return None


def _month(name: str) -> int:
    return [m[:3].lower() for m in dates.MONTH_NAMES].index(name[:3].lower()) + 1


def report_day(published: Optional[str]) -> Optional[datetime.date]:
    """The report's own date, when it gives a day (an uncertain year counts: it is marked)."""
    if not published or "/" in published:
        return None
    low, high = dates.bounds(published)
    return datetime.date(*low) if low == high else None


# "this year marks the 10th anniversary of Doe's visit": the year of what the anniversary is of.
_ANNIVERSARY = re.compile(r"\b(?P<which>this|last|next)\s{1,3}year\s{1,3}(?:marks|marked|will\s{1,3}mark|is|was)\s{1,3}"
                          r"the\s{1,3}(?P<ordinal>(?P<count>\d{1,3})(?:st|nd|rd|th))\s{1,3}anniversary\s{1,3}of\s{1,3}(?:the\s{1,3})?"
                          r"(?:[A-Z][\w.’'-]{0,30}\s{1,3}){0,5}$", re.IGNORECASE)


def anniversary_year(before: str, published: Optional[str]) -> Optional[tuple[str, str, str]]:
    """(year, basis, note) of what the words just before it call the Nth
    anniversary of, this (last, next) year by the report's own date; None in
    an undated report."""
    found = _ANNIVERSARY.search(before)
    day = report_day(published)
    if found is None or day is None:
        return None
    year = day.year + {"this": 0, "last": -1, "next": 1}[found.group("which").lower()] - int(found.group("count"))
    return (f"{year:04d}", "derived", f"The report, dated {dates.human(published)}, says {found.group('which').lower()} "
                                      f"year marks its {found.group('ordinal')} anniversary: {year}.")


def _nearest_year(month: int, first: Optional[int], day: datetime.date, future: Optional[bool],
                  last: Optional[int] = None) -> Optional[int]:
    """The year a month (and day, or span of days to `last` in that month) without one is in, told by the report's
    own date: the year that puts it nearest (not after the report's date for what is told as past, not ending
    before it for what is to come, or is going on), or None when none is within half a year (a report tells of a
    time that close, or says its year)."""
    best = None
    for year in (day.year - 1, day.year, day.year + 1):
        days = calendar.monthrange(year, month)[1]
        start = datetime.date(year, month, min(first or 1, days))
        end = datetime.date(year, month, days if first is None else min(last or first, days))
        if (future is False and start > day) or (future is True and end < day):
            continue
        distance = abs((datetime.date(year, month, min(first or 15, days)) - day).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    # A day within half a year; a month alone only next to the report's own (a month names less), unless the
    # tense says which way, and then within half a year too: "met in January" in a May report is the January
    # before it, "will visit in October" the October after; "their February meeting" in a December report may
    # be of any year.
    return best[1] if best and best[0] <= (183 if first or future is not None else 45) else None


def find_date(sentence: str, published: Optional[str], unquoted: Optional[str] = None,
              future: Optional[bool] = None) -> Optional[tuple[str, str, Optional[str]]]:
    """(EDTF date, basis, note) written in the sentence, or None. A day, span
    or month without a year is in the year that puts it nearest the report's
    own date (derived from it; nothing in an undated report); a weekday or
    "today" is resolved against the report's date: the latest such day on or
    before it, or, told of as to come (`future`), the next on or after it
    (`future` None: the tense does not say).
    `unquoted` is the sentence with its quoted words blanked: a "today" inside
    a quotation is the day of the words quoted, not the report's, so only this
    is read for weekdays."""
    day = report_day(published)
    mark = "?" if "?" in (published or "") else ""  # a report's uncertain year stays marked
    written = written_date(sentence)
    if written is not None:
        if written.year is None and day is None:
            return None  # a day with no year, in an undated report: left unknown
        use = written.year or (day.year if written.this_year and day else None) or \
            (day.year - 1 if written.last_year and day else None) or \
            (day.year - (written.month >= day.month) if written.previous and day else None)
        if use is None and day is not None:
            use = _nearest_year(written.month, written.first, day, future,
                                written.last if written.end_month is None else None)
        if use is None:
            return None
        shown = f"{use}{'' if written.year else mark}"
        if written.first is None:
            edtf = f"{shown}-{written.month:02d}"
        else:
            try:
                datetime.date(use, written.month, written.last or written.first)
            except ValueError:
                return None
            edtf = f"{shown}-{written.month:02d}-{written.first:02d}"
            if written.end_month is not None:
                # "December 30 to January 2": the end is in the next year.
                end_year = use + (written.end_month < written.month)
                try:
                    datetime.date(end_year, written.end_month, written.last or 1)
                except ValueError:
                    return None
                edtf += f"/{end_year}{'' if written.year else mark}-{written.end_month:02d}-{written.last:02d}"
            elif written.last != written.first:
                edtf += f"/{shown}-{written.month:02d}-{written.last:02d}"
        if written.year:
            return edtf, "stated", None
        if written.this_year or written.last_year:
            return edtf, "derived", (f"The report dated {dates.human(published)} says "
                                     f"\"{'this' if written.this_year else 'last'} year\"; that is {use}.")
        if written.previous:
            return edtf, "derived", (f"The report dated {dates.human(published)} says \"last "
                                     f"{dates.MONTH_NAMES[written.month - 1]}\"; that is {dates.human(edtf)}.")
        return edtf, "derived", (f"The report, dated {dates.human(published)}, gives no year: {dates.human(edtf)} "
                                 f"is the nearest to the report's date.")
    on_the = _ON_THE_DAY.search(sentence if unquoted is None else unquoted)
    if on_the and day is not None:
        return _day_of_month(int(on_the.group("day")), day, future, published, mark)
    month = _RELATIVE_MONTH.search(sentence if unquoted is None else unquoted)
    if month and day is not None and not _RELATIVE.search(sentence if unquoted is None else unquoted):
        # "last month", "next month": the month before or after the report's own.
        shift = {"last": -1, "this": 0, "next": 1}[month.group("which").lower()]
        year, number = divmod(day.year * 12 + day.month - 1 + shift, 12)
        edtf = f"{year}{mark}-{number + 1:02d}"
        return edtf, "derived", (f"The report dated {dates.human(published)} says \"{month.group()}\"; "
                                 f"that is {dates.human(edtf)}.")
    relative = _RELATIVE.search(sentence if unquoted is None else unquoted) or \
        _BARE_WEEKDAY.search(sentence if unquoted is None else unquoted)
    if relative and day is not None:
        word = relative.group("word").lower()
        if word in ("today", "tonight") or word.startswith("this "):
            when = day
        elif word == "yesterday":
            when = day - datetime.timedelta(days=1)
        elif word == "tomorrow":
            when = day + datetime.timedelta(days=1)
        else:  # "on Monday": the latest such day on or before the report's date, or the next one to come
            wanted = WEEKDAYS.index(relative.group("weekday").lower())
            # "next Wednesday" or "last Wednesday" in a report of a Wednesday is a week away, not that day.
            week = 7 if word.startswith(("next", "last")) else 0
            if future and not word.startswith("last") or word.startswith("next"):
                when = day + datetime.timedelta(days=(wanted - day.weekday()) % 7 or week)
            else:
                when = day - datetime.timedelta(days=(day.weekday() - wanted) % 7 or week)
        edtf = f"{when.year}{mark}-{when.month:02d}-{when.day:02d}"
        read = sentence if unquoted is None else unquoted
        until = _WEEKDAY_UNTIL.match(read, relative.end()) if word.startswith("from") else None
        if until:  # "from Monday to Wednesday": the days from the first to the next such last one
            end = when + datetime.timedelta(days=(WEEKDAYS.index(until.group("weekday").lower()) - when.weekday()) % 7)
            edtf += f"/{end.year}{mark}-{end.month:02d}-{end.day:02d}"
            return edtf, "derived", (f"The report dated {dates.human(published)} says \"{relative.group('word')}"
                                     f"{until.group()}\"; that is {dates.human(edtf)}.")
        return edtf, "derived", (f"The report dated {dates.human(published)} says \"{relative.group('word')}\"; "
                                 f"that is {dates.human(when.isoformat())}.")
    which = _RELATIVE_YEAR.search(sentence if unquoted is None else unquoted)
    if which and day is not None:
        # "later this year", "next year": the year of the report's date, or the one after or before.
        year = day.year + {"last": -1, "this": 0, "next": 1}[which.group("which").lower()]
        return f"{year}{mark}", "derived", (f"The report dated {dates.human(published)} says \"{which.group()}\"; "
                                            f"that is {year}.")
    return None


def _day_of_month(number: int, day: datetime.date, future: Optional[bool], published: Optional[str],
                  mark: str) -> Optional[tuple[str, str, str]]:
    """ "On the 11th": the latest such day on or before the report's date for what is told as held, the next on or
    after it for what is to come. Where the tense does not say, only a day of the report's own month up to its
    date (a later day may be this month's, to come, or last month's: no date rather than a wrong one)."""
    if future is None and number > day.day:
        return None
    year, month = day.year, day.month
    for _ in range(3):
        if number <= calendar.monthrange(year, month)[1]:
            when = datetime.date(year, month, number)
            if (when <= day) if not future else (when >= day):
                edtf = f"{when.year}{mark}-{when.month:02d}-{when.day:02d}"
                return edtf, "derived", (f"The report dated {dates.human(published)} says \"the {number}"
                                         f"{_ordinal(number)}\"; that is {dates.human(when.isoformat())}.")
        year, month = divmod(year * 12 + month - 1 + (1 if future else -1), 12)
        month += 1
    return None


def _ordinal(number: int) -> str:
    return "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def dates_overlap(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two EDTF dates can be the same time: they share a day, or one is unknown."""
    if a is None or b is None:
        return True
    (a1, a2), (b1, b2) = _open_bounds(a), _open_bounds(b)
    return a1 <= b2 and b1 <= a2


def _open_bounds(date: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """A date's first and last days, an open end ("../2025-10-11", "2025-10-10/..") reaching all time."""
    low, high = dates.bounds(date)
    if date.startswith(".."):
        low = (0, 1, 1)
    if date.endswith(".."):
        high = (9999, 12, 31)
    return low, high


def clean_title(title: str) -> str:
    """A title as the text writes it, without a leading country word, article or possessive ("his counterpart")."""
    words = title.split()
    while words and (words[0] in ("the", "The", "and", "of", "with", "his", "her", "their", "its")
                     or country_of(words[0])):
        words = words[1:]
    return " ".join(words)


_SMALL_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "&", "to", "de"})


def trim_expansion(expansion: str, acronym: str, before: bool = True) -> str:
    """The words an acronym stands for, or "" when they are not: for "Name
    (ACRONYM)" (`before`), the longest run of words ending the name, no more
    words than it has letters, whose capitalised words begin with its letters
    in order ("Indian Institute of Technology (IIT)"; "… where both nations
    launched the Anglo-Dutch PACT" is none); for "ACRONYM
    (Expansion)", the whole, when it has two words or more and begins with
    the acronym's first letter ("BRUSSELS (Reuters)" is not one)."""
    words = expansion.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    letters = [c.lower() for c in acronym if c.isalpha()]
    if len(words) < 2 or not letters:
        return ""
    if not before:
        return " ".join(words) if words[0][0].lower() == letters[0] else ""
    for start in range(len(words)):  # the longest run that the letters spell, no longer than they are
        if words[start].lower() in _SMALL_WORDS or words[start][0].lower() != letters[0]:
            continue
        initials = [w[0].lower() for w in words[start:] if w.lower() not in _SMALL_WORDS]
        if len(initials) > len(letters):
            continue
        # Each capitalised word's initial is one of the acronym's letters, in order.
        at = 0
        for initial in initials:
            at = next((i + 1 for i in range(at, len(letters)) if letters[i] == initial), -1)
            if at < 0:
                break
        if at > 0 and len(initials) >= max(2, (len(letters) + 1) // 2):
            return " ".join(words[start:])
    return ""


def doubled(acronym: str) -> list[str]:
    """The acronym with one letter doubled: "ABCCD" for "ABCD"."""
    return [acronym[:i] + acronym[i] + acronym[i:] for i in range(len(acronym)) if acronym[i].isalpha()]


def same_acronym(a: str, b: str) -> bool:
    squeeze = lambda s: re.sub(r"(.)\1+", r"\1", s.upper())  # noqa: E731
    return a == b or squeeze(a) == squeeze(b)


def spellings(name: str) -> list[str]:
    """Other ways reports write a recorded name: "U.S." for "US" and back;
    a one-word name in capitals ("QUAD" for "Quad"); a name of several words
    in lower case, and in the plural ("trust initiatives" for "TRUST
    initiative"); one recorded in lower case, as a name, its words
    capitalised ("Annual Trade Talks" for "annual trade talks")."""
    found = {name.replace("U.S.", "US"), re.sub(r"\bUS\b", "U.S.", name)}
    words = name.split()
    if len(words) == 1 and name.isalpha() and len(name) >= 3:
        found.add(name.upper())
    if len(words) >= 2:
        lower = " ".join(w if w.isupper() and len(w) <= 3 or "-" in w else w.lower() for w in words)
        for form in (lower, name.lower()):
            found.update({form, form + "s"})
        if name == name.lower():
            found.add(" ".join(w if w in _SMALL_WORDS else w[:1].upper() + w[1:] for w in words))
    found.discard(name)
    return sorted(found)


def content_words(text: str) -> set[str]:
    """The words that say what a passage is about, in a crude common form
    (hyphens split, a plural "s" dropped), for telling engagements apart."""
    found = set()
    for word in re.findall(r"[A-Za-z]{1,40}", text.replace("-", " ")):
        word = word.lower()
        if len(word) >= 4 and word not in _STOP:
            found.add(word[:-1] if word.endswith("s") and not word.endswith("ss") else word)
    return found


# Words every engagement's text has: they tell none apart.
_STOP = frozenset("""with from that this they their them were have been will also into about after before during
there which while where when what minister secretary deputy under foreign meet meets meeting met visit visits
visited talks held discussed discussions discuss cooperation bilateral partnership strategic relationship sides both
officials official senior said says""".split())
