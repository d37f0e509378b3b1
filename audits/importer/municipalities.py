"""Sweden's 290 municipalities, to tell "Borås Stad" from "Sveriges kommuner"."""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz, process

from .names import fold

# Names as Kolada and SCB spell them, by county.
MUNICIPALITIES = (
    # Stockholms län
    "Botkyrka", "Danderyd", "Ekerö", "Haninge", "Huddinge", "Järfälla", "Lidingö", "Nacka",
    "Norrtälje", "Nykvarn", "Nynäshamn", "Salem", "Sigtuna", "Sollentuna", "Solna", "Stockholm",
    "Sundbyberg", "Södertälje", "Tyresö", "Täby", "Upplands-Bro", "Upplands Väsby", "Vallentuna",
    "Vaxholm", "Värmdö", "Österåker",
    # Uppsala län
    "Enköping", "Heby", "Håbo", "Knivsta", "Tierp", "Uppsala", "Älvkarleby", "Östhammar",
    # Södermanlands län
    "Eskilstuna", "Flen", "Gnesta", "Katrineholm", "Nyköping", "Oxelösund", "Strängnäs", "Trosa",
    "Vingåker",
    # Östergötlands län
    "Boxholm", "Finspång", "Kinda", "Linköping", "Mjölby", "Motala", "Norrköping", "Söderköping",
    "Vadstena", "Valdemarsvik", "Ydre", "Åtvidaberg", "Ödeshög",
    # Jönköpings län
    "Aneby", "Eksjö", "Gislaved", "Gnosjö", "Habo", "Jönköping", "Mullsjö", "Nässjö", "Sävsjö",
    "Tranås", "Vaggeryd", "Vetlanda", "Värnamo",
    # Kronobergs län
    "Alvesta", "Lessebo", "Ljungby", "Markaryd", "Tingsryd", "Uppvidinge", "Växjö", "Älmhult",
    # Kalmar län
    "Borgholm", "Emmaboda", "Hultsfred", "Högsby", "Kalmar", "Mönsterås", "Mörbylånga", "Nybro",
    "Oskarshamn", "Torsås", "Vimmerby", "Västervik",
    # Gotlands län
    "Gotland",
    # Blekinge län
    "Karlshamn", "Karlskrona", "Olofström", "Ronneby", "Sölvesborg",
    # Skåne län
    "Bjuv", "Bromölla", "Burlöv", "Båstad", "Eslöv", "Helsingborg", "Hässleholm", "Höganäs",
    "Hörby", "Höör", "Klippan", "Kristianstad", "Kävlinge", "Landskrona", "Lomma", "Lund", "Malmö",
    "Osby", "Perstorp", "Simrishamn", "Sjöbo", "Skurup", "Staffanstorp", "Svalöv", "Svedala",
    "Tomelilla", "Trelleborg", "Vellinge", "Ystad", "Åstorp", "Ängelholm", "Örkelljunga",
    "Östra Göinge",
    # Hallands län
    "Falkenberg", "Halmstad", "Hylte", "Kungsbacka", "Laholm", "Varberg",
    # Västra Götalands län
    "Ale", "Alingsås", "Bengtsfors", "Bollebygd", "Borås", "Dals-Ed", "Essunga", "Falköping",
    "Färgelanda", "Grästorp", "Gullspång", "Göteborg", "Götene", "Herrljunga", "Hjo", "Härryda",
    "Karlsborg", "Kungälv", "Lerum", "Lidköping", "Lilla Edet", "Lysekil", "Mariestad", "Mark",
    "Mellerud", "Munkedal", "Mölndal", "Orust", "Partille", "Skara", "Skövde", "Sotenäs",
    "Stenungsund", "Strömstad", "Svenljunga", "Tanum", "Tibro", "Tidaholm", "Tjörn", "Tranemo",
    "Trollhättan", "Töreboda", "Uddevalla", "Ulricehamn", "Vara", "Vårgårda", "Vänersborg", "Åmål",
    "Öckerö",
    # Värmlands län
    "Arvika", "Eda", "Filipstad", "Forshaga", "Grums", "Hagfors", "Hammarö", "Karlstad", "Kil",
    "Kristinehamn", "Munkfors", "Storfors", "Sunne", "Säffle", "Torsby", "Årjäng",
    # Örebro län
    "Askersund", "Degerfors", "Hallsberg", "Hällefors", "Karlskoga", "Kumla", "Laxå", "Lekeberg",
    "Lindesberg", "Ljusnarsberg", "Nora", "Örebro",
    # Västmanlands län
    "Arboga", "Fagersta", "Hallstahammar", "Kungsör", "Köping", "Norberg", "Sala",
    "Skinnskatteberg", "Surahammar", "Västerås",
    # Dalarnas län
    "Avesta", "Borlänge", "Falun", "Gagnef", "Hedemora", "Leksand", "Ludvika", "Malung-Sälen",
    "Mora", "Orsa", "Rättvik", "Smedjebacken", "Säter", "Vansbro", "Älvdalen",
    # Gävleborgs län
    "Bollnäs", "Gävle", "Hofors", "Hudiksvall", "Ljusdal", "Nordanstig", "Ockelbo", "Ovanåker",
    "Sandviken", "Söderhamn",
    # Västernorrlands län
    "Härnösand", "Kramfors", "Sollefteå", "Sundsvall", "Timrå", "Ånge", "Örnsköldsvik",
    # Jämtlands län
    "Berg", "Bräcke", "Härjedalen", "Krokom", "Ragunda", "Strömsund", "Åre", "Östersund",
    # Västerbottens län
    "Bjurholm", "Dorotea", "Lycksele", "Malå", "Nordmaling", "Norsjö", "Robertsfors", "Skellefteå",
    "Sorsele", "Storuman", "Umeå", "Vilhelmina", "Vindeln", "Vännäs", "Åsele",
    # Norrbottens län
    "Arjeplog", "Arvidsjaur", "Boden", "Gällivare", "Haparanda", "Jokkmokk", "Kalix", "Kiruna",
    "Luleå", "Pajala", "Piteå", "Älvsbyn", "Överkalix", "Övertorneå",
)

# Genitives that are not the name plus "s" ("Falu kommun").
_IRREGULAR = {"falu": "Falun"}
_FOLDED = {fold(name): name for name in MUNICIPALITIES} | _IRREGULAR
_NAME = r"[A-ZÅÄÖ][\wåäöéÅÄÖ]+(?:[ -][A-ZÅÄÖ][\wåäöÅÄÖ]+)?"
# "Borås Stad", "Trollhättans stad", "Lunds kommun"; "Stadsrevisionen. Borås" on covers;
# "revisorerna i Mark", "Region Gotland". Group 1 is the name, maybe in genitive.
_MENTIONS = (
    re.compile(rf"\b({_NAME})\s+(?:[Kk]ommun|[Ss]tad)(?![a-zåäö])"),
    re.compile(rf"(?:[Rr]evisionen|[Rr]evisorerna|[Rr]evisorer)\s*(?:i|[.,])\s*({_NAME})"),
    re.compile(rf"\b(?:Region)\s+({_NAME})"),
)
# Mentions beside the auditors name the audited municipality; others may be neighbours.
_AUDITOR_CONTEXT = re.compile(r"revision|revisor", re.IGNORECASE)


def resolve_municipality(name: str) -> str | None:
    """Return the official name for a written form ("Trollhättans", "Boras"), or None."""
    name = name.strip()
    for variant in (name, name[:-1] if name.endswith("s") else None):
        if variant and fold(variant) in _FOLDED:
            return _FOLDED[fold(variant)]
    # OCR: "Boris Stad" for "Borås Stad"; long names only, short ones collide.
    if len(name) >= 5:
        found = process.extractOne(
            fold(name.rstrip("s")), list(_FOLDED), scorer=fuzz.ratio, score_cutoff=80
        )
        if found:
            return _FOLDED[found[0]]
    return None


def find_municipality(*, text: str) -> tuple[str | None, str | None]:
    """Return (municipality, the snippet it was read from) for the most cited municipality."""
    votes: Counter[str] = Counter()
    snippets: dict[str, str] = {}
    for pattern in _MENTIONS:
        for match in pattern.finditer(text):
            resolved = resolve_municipality(match.group(1))
            if not resolved:
                continue
            context = text[max(0, match.start() - 60) : match.end()]
            votes[resolved] += 3 if _AUDITOR_CONTEXT.search(context) else 1
            snippets.setdefault(resolved, match.group(0))
    if not votes:
        return None, None
    best, _count = votes.most_common(1)[0]
    return best, snippets[best]
