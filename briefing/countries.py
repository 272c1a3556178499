"""Countries by the words reports name them with: names (ISO 3166 through
pycountry), the short forms and demonyms news copy uses, and capitals. One
table for every country, not the ones a corpus happens to be about; the
European Union, which reports treat as a party, is here under its reserved
ISO code EU.
"""

from __future__ import annotations

import functools
from typing import Optional

import pycountry

# code: demonyms and short names, then "|", then capitals (and seats of government).
_WORDS = """
AF Afghan|Kabul
AL Albanian|Tirana
DZ Algerian|Algiers
AO Angolan|Luanda
AR Argentine,Argentinian|Buenos Aires
AM Armenian|Yerevan
AU Australian|Canberra
AT Austrian|Vienna
AZ Azerbaijani|Baku
BH Bahraini|Manama
BD Bangladeshi|Dhaka
BY Belarusian|Minsk
BE Belgian|Brussels
BJ Beninese|Porto-Novo
BT Bhutanese|Thimphu
BO Bolivian,Bolivia|La Paz,Sucre
BA Bosnian|Sarajevo
BW Botswanan|Gaborone
BR Brazilian|Brasilia,Brasília
BN Bruneian,Brunei|Bandar Seri Begawan
BG Bulgarian|Sofia
KH Cambodian|Phnom Penh
CM Cameroonian|Yaoundé,Yaounde
CA Canadian|Ottawa
CL Chilean|Santiago
CN Chinese,PRC|Beijing
CO Colombian|Bogotá,Bogota
CD Congolese|Kinshasa
HR Croatian|Zagreb
CU Cuban|Havana
CY Cypriot|Nicosia
CZ Czech,Czech Republic|Prague
DK Danish|Copenhagen
EG Egyptian|Cairo
EE Estonian|Tallinn
ET Ethiopian|Addis Ababa
FI Finnish|Helsinki
FR French|Paris
DE German|Berlin
GH Ghanaian|Accra
GR Greek|Athens
HU Hungarian|Budapest
IS Icelandic|Reykjavik
IN Indian|New Delhi
ID Indonesian|Jakarta
IR Iranian,Iran|Tehran
IQ Iraqi|Baghdad
IE Irish|Dublin
IL Israeli|Jerusalem,Tel Aviv
IT Italian|Rome
JP Japanese|Tokyo
JO Jordanian|Amman
KZ Kazakh|Astana
KE Kenyan|Nairobi
KP North Korean,North Korea,DPRK|Pyongyang
KR South Korean,South Korea,ROK,Republic of Korea|Seoul
KW Kuwaiti|Kuwait City
KG Kyrgyz|Bishkek
LA Lao,Laotian,Laos|Vientiane
LV Latvian|Riga
LB Lebanese|Beirut
LY Libyan|Tripoli
LT Lithuanian|Vilnius
LU Luxembourgish|Luxembourg
MY Malaysian|Kuala Lumpur
MV Maldivian|Malé,Male
MT Maltese|Valletta
MU Mauritian|Port Louis
MX Mexican|Mexico City
MD Moldovan,Moldova|Chisinau
MN Mongolian|Ulaanbaatar
MA Moroccan|Rabat
MZ Mozambican|Maputo
MM Myanmar,Burmese,Burma|Naypyidaw
NP Nepalese,Nepali|Kathmandu
NL Dutch,Holland|Amsterdam,The Hague
NZ New Zealand|Wellington
NG Nigerian|Abuja
MK Macedonian|Skopje
NO Norwegian|Oslo
OM Omani|Muscat
PK Pakistani|Islamabad
PS Palestinian,Palestine|Ramallah
PA Panamanian|Panama City
PE Peruvian|Lima
PH Philippine,Filipino|Manila
PL Polish|Warsaw
PT Portuguese|Lisbon
QA Qatari|Doha
RO Romanian|Bucharest
RU Russian,Russia|Moscow
RW Rwandan|Kigali
SA Saudi,Saudi Arabian|Riyadh
SN Senegalese|Dakar
RS Serbian|Belgrade
SG Singaporean|Singapore
SK Slovak|Bratislava
SI Slovenian|Ljubljana
ZA South African|Pretoria,Cape Town
ES Spanish|Madrid
LK Sri Lankan|Colombo
SD Sudanese|Khartoum
SE Swedish|Stockholm
CH Swiss|Bern
SY Syrian,Syria|Damascus
TW Taiwanese,Taiwan|Taipei
TJ Tajik|Dushanbe
TZ Tanzanian,Tanzania|Dodoma,Dar es Salaam
TH Thai|Bangkok
TN Tunisian|Tunis
TR Turkish,Turkey,Türkiye|Ankara
TM Turkmen|Ashgabat
UG Ugandan|Kampala
UA Ukrainian|Kyiv,Kiev
AE Emirati,UAE|Abu Dhabi
GB British,UK,U.K.,Britain,Great Britain|London
US American,US,U.S.,U.S,USA,U.S.A.,United States,America|Washington,Washington DC,Washington D.C.,Washington, D.C.
UY Uruguayan|Montevideo
UZ Uzbek|Tashkent
VE Venezuelan,Venezuela|Caracas
VN Vietnamese,Vietnam|Hanoi
YE Yemeni|Sanaa
ZM Zambian|Lusaka
ZW Zimbabwean|Harare
EU EU,E.U.,European Union|Brussels
"""


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """({word naming or describing a country: code}, {capital: code})."""
    words: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name and "," not in name:
                words.setdefault(name, country.alpha_2)
    for line in _WORDS.strip().splitlines():
        code, rest = line.split(" ", 1)
        named, seats = rest.split("|")
        for word in named.split(","):
            words[word] = code
        for seat in seats.split(","):
            # A seat that is also a country's name (Singapore, Luxembourg) stays the country.
            capitals.setdefault(seat, code)
    return words, capitals


def country_words() -> dict[str, str]:
    """Each word or phrase that names a country or its people, with the country's code."""
    return _tables()[0]


def capitals() -> dict[str, str]:
    return _tables()[1]


def country_of(word: str) -> Optional[str]:
    """The code of the country a word names or describes ("Chinese", "China", "the EU"), if any."""
    word = word.removeprefix("the ").strip()
    found = country_words().get(word)
    if found is None and word.endswith(("'s", "’s")):
        found = country_words().get(word[:-2])
    return found
