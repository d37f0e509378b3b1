"""Layout of a report's text: lines, headings, list items, sentences and dates.

Everything here tolerates OCR: headings are compared folded (no diacritics, lower
case), bullets include the letters OCR makes of them ("e", "o"), and lines are
the unit, since PDF text keeps line breaks but loses most paragraph breaks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from .names import fold

BULLET = re.compile(r"^(?:(?:[●•❖▪■◦○·►➢➤✓✔\*»«+\uf0b7\uf0a7]|[-–—](?!\d))\s*)+|^[eoO]\s+(?=[a-zåäö])")
NUMBERED = re.compile(r"^(?:(\d{1,2})[.)]|([a-h])\))\s+(?=\S)")
TERMINAL = (".", "?", "!", ":")
# A line ending with one of these words goes on, even when the next starts with a capital
# ("analysen av" / "Program för ett integrerat samhälle").
CONNECTORS = {
    "av", "för", "och", "att", "i", "med", "till", "om", "en", "ett", "de", "den", "det", "på",
    "som", "inom", "samt", "eller", "från", "vid", "över", "under", "kring", "mot", "genom",
    "hur", "vad", "vilka", "vilken", "där", "då", "när", "så", "dess", "sitt", "sin", "sina",
}

# Headings, folded. A heading line is short and has no sentence punctuation.
_HEADINGS = (
    ("recommendations", r"(?:(?:vara|vi lamnar foljande|forslag och) )?rekommendation(?:er(?:na)?)?(?: till .{1,60})?"),
    ("recommendations", r".{0,60}\b(?:och|samt) rekommendationer"),
    ("recommendations", r"forslag till (?:atgarder|forbattringar|fortsatt hantering)|forbattringsforslag"),
    ("answers", r"(?:svar pa|besvarande av|besvarade|bedomning(?:ar)? (?:utifran|av|per|mot|for|i forhallande till)|"
                r"sammanstallning av|kommentarer till) (?:de |var )?(?:uppstallda |enskilda )?(?:revisionsfragor(?:na)?|revisionsfragan|kontrollmal(?:en)?|granskningsfragor(?:na)?)"),
    ("answers", r"(?:revisionsfrag(?:a|or)|kontrollmal) och (?:svar|bedomning(?:ar)?)"),
    ("answers", r"(?:revisionsfraga|kontrollmal|granskningsfraga) (?:\| )?(?:svar|bedomning|kommentar).*"),
    ("summary", r"(?:var |en )?(?:sammanfattande|samlad|overgripande|sammantagen|revisionell|sammanvagd|slutsats och|slutlig) bedomning(?:ar)?"),
    ("summary", r"sammanfattning(?: och slutsatser?| och (?:revisionell |samlad |var )?bedomning)?|slutsats(?:er)?|sammanfattande slutsatser|rapportsammandrag"),
    ("questions", r"(?:syfte|syftet)(?:,| och) (?:revisionsfragor|kontrollmal|fragestallningar?|avgransning(?:ar)?)(?:(?:,| och) .{1,40})?"),
    ("questions", r"(?:revisionsfragor(?:na)?|revisionsfraga|fragestallningar?|kontrollmal|granskningsfragor|syfte och revisionsfragor)"),
    ("assessment", r"(?:var |var samlade )?bedomning(?:ar)?(?: och kommentarer)?"),
    ("other", r"inledning|bakgrund|syfte|syfte och bakgrund|avgransning(?:ar)?|revisionskriterier|bedomningsgrunder|"
              r"metod(?: och (?:genomforande|avgransning))?|ansvarig(?:a)? (?:styrelse|namnd|namnder).*|granskade (?:namnder|enheter|dokument)|"
              r"granskningsresultat|granskningens resultat|resultat|iakttagelser(?: och bedomningar)?|kvalitetssakring|bilag(?:a|or).*|"
              r"kallforteckning|kallor|kallfortekning|innehall(?:sforteckning)?|dokumentforteckning|intervjuade.*|"
              r"granskningens genomforande|genomforande|iakttagelser och analys|utgangspunkter|lagstiftning|"
              r"viktiga iakttagelser|resultat \| viktiga iakttagelser|mottagande av nyanlanda"),
)
_HEADING_RES = [(kind, re.compile(rf"^(?:\d+(?:\.\d+)*\.?\s+)?(?:{pattern})$")) for kind, pattern in _HEADINGS]
HEADING_MAX_CHARS = 90
_PAGE_NOISE = re.compile(r"^(?:\d{1,3}|sida \d+(?: av \d+)?|\d+ av \d+|\d+ \(\d+\)|\d+/\d+)$", re.IGNORECASE)


def clean_heading(line: str) -> str:
    """The folded text of a line as a heading: numbering kept, punctuation out."""
    text = fold(line).strip(" :.-–|*#")
    return re.sub(r"\s+", " ", text.replace("|", " | ")).replace(" | ", " | ")


def heading_kind(line: str) -> str | None:
    """Return which known section a line opens, or None if it is not a known heading."""
    if len(line) > HEADING_MAX_CHARS or line.rstrip().endswith((".", ",", ";", "?")) or BULLET.match(line):
        return None
    text = clean_heading(line)
    if len(text.split()) > 10:
        return None
    # "Slutsats | Samlad bedömning och rekommendationer": the last part says most.
    parts = [text] + [part.strip() for part in text.split("|")[1:]]
    for part in reversed(parts):
        for kind, pattern in _HEADING_RES:
            if pattern.match(part):
                return kind
    return None


def is_generic_heading(line: str, previous: str | None) -> bool:
    """A short stand-alone line that opens an unknown section ("Intern samverkan")."""
    if BULLET.match(line) or line.endswith((".", ",", ";", ":", "?", "!")):
        return False
    words = line.split()
    if not words or len(words) > 7 or not line[0].isupper():
        return False
    if line.isupper() and len(line) > 3:
        return True
    return previous is None or previous.endswith(TERMINAL) or heading_kind(previous) is not None


def content_lines(text: str) -> list[str]:
    """The non-empty lines of a text, without page numbers and running headers/footers."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line and not _PAGE_NOISE.match(line)]
    counts = Counter(lines)
    # A short line printed on four or more pages is a running header or footer.
    repeated = {
        line for line, count in counts.items()
        if count >= 4 and len(line.split()) <= 8 and heading_kind(line) is None
        and not BULLET.match(line) and not line.endswith(TERMINAL) and not line.endswith("?")
        and not re.match(r"^(?:revisionsfråga|fråga|kontrollmål)\b", line, re.IGNORECASE)
    }
    return [line for line in lines if line not in repeated]


@dataclass
class Unit:
    """A logical piece of a section: a list item or a run of prose, its lines joined."""

    kind: str  # "item", "prose" or "heading" (a short stand-alone line)
    text: str
    number: int | None = None


def _continues(previous: str, line: str, *, in_item: bool) -> bool:
    last_word = previous.rsplit(" ", 1)[-1].lower()
    if last_word in CONNECTORS or previous.endswith((",", "-", "–")):
        return True
    starts_lower = line[:1].islower() or line[:1].isdigit()
    if in_item:
        return starts_lower
    return not previous.endswith(TERMINAL) or starts_lower


def _sentence_ended(text: str) -> bool:
    # "bl.a." and "t.ex." end with a period but not a sentence.
    return text.endswith((".", ":")) and "." not in text.rsplit(" ", 1)[-1][:-1]


def units(lines: list[str]) -> list[Unit]:
    """Group a section's lines into list items and prose, rejoining wrapped lines.

    OCR often drops bullet glyphs; lines in lower case right after "...:" (and
    after each item's full stop, once such a list has begun) are items too.
    """
    result: list[Unit] = []
    # Each unit's lines, joined once at the end: joining at every line made a long unit quadratic.
    pieces: list[list[str]] = []
    lengths: list[int] = []
    bare_list = False

    def start(kind: str, text: str, number: int | None = None) -> None:
        result.append(Unit(kind, "", number))
        pieces.append([text])
        lengths.append(len(text))

    for position, line in enumerate(lines):
        following = lines[position + 1] if position + 1 < len(lines) else ""
        bullet = BULLET.match(line)
        numbered = NUMBERED.match(line)
        if bullet and len(line) > bullet.end():
            start("item", line[bullet.end():].strip())
            continue
        if numbered:
            start("item", line[numbered.end():].strip(), int(numbered.group(1)) if numbered.group(1) else None)
            continue
        if bullet:
            continue  # a lone bullet glyph: the item text is on the next line
        previous = _text_so_far(pieces[-1], lengths[-1]) if result else None
        # A heading is followed by a new sentence; a short wrapped fragment is not.
        if is_generic_heading(line, previous) and following[:1].isupper():
            start("heading", line)
            bare_list = False
            continue
        if previous and line[:1].islower() and _sentence_ended(previous) and (previous.endswith(":") or bare_list):
            bare_list = True
            start("item", line)
            continue
        if result and result[-1].kind != "heading" and _continues(previous, line, in_item=result[-1].kind == "item"):
            pieces[-1].append(line)
            lengths[-1] += 1 + len(line)
            continue
        start("prose", line)
    for unit, unit_lines in zip(result, pieces):
        unit.text = " ".join(unit_lines)
    return result


def _text_so_far(unit_lines: list[str], length: int) -> str:
    """A unit's text as the checks on the line after it read it, without joining it again.

    Those checks read the text's last word and mark, both in its last line, and
    whether it is a heading, which a text over 90 characters never is: so a long
    unit stands as its last line padded past 90 characters.
    """
    if length <= HEADING_MAX_CHARS:
        return " ".join(unit_lines)
    last = unit_lines[-1]
    return last.rjust(HEADING_MAX_CHARS + 1)


_ABBREVIATIONS = r"(?<!\bbl\.a)(?<!\bt\.ex)(?<!\bs\.k)(?<!\bm\.m)(?<!\bd\.v\.s)(?<!\bca)(?<!\bjfr)"
# The mark first: it fails at almost every position, before the six abbreviations are tried.
_SENTENCE_END = re.compile(rf"(?<=[.!?]){_ABBREVIATIONS}\s+(?=[A-ZÅÄÖ\"“])")


def sentences(text: str) -> list[str]:
    """Split prose into sentences; common Swedish abbreviations do not end one."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


# --- dates -------------------------------------------------------------------

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"(?<![\d-])((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})(?![\d])")
_SWEDISH = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?:e|:e)?\s*(" + _MONTH_NAMES + r")\.?\s+((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
# "senast den 19 januari": a day the reader must place in a year.
_YEARLESS = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?:e|:e)?\s*(" + _MONTH_NAMES + r")\b(?!\.?\s*(?:19|20)\d{2})", re.IGNORECASE
)


@dataclass
class FoundDate:
    iso: str
    start: int
    end: int
    raw: str


def find_dates(text: str) -> list[FoundDate]:
    """Every valid date in a text, ISO ("2021-01-18") or Swedish ("3 maj 2021"), in order."""
    found = []
    for match in _ISO.finditer(text):
        iso = valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if iso:
            found.append(FoundDate(iso, match.start(), match.end(), match.group(0)))
    for match in _SWEDISH.finditer(text):
        iso = valid_date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
        if iso:
            found.append(FoundDate(iso, match.start(), match.end(), match.group(0)))
    return sorted(found, key=lambda found_date: found_date.start)


def yearless_dates(text: str) -> list[tuple[int, int, int, int, str]]:
    """(day, month, start, end, raw) of each date written without a year ("19 januari")."""
    return [
        (int(match.group(1)), MONTHS[match.group(2).lower()], match.start(), match.end(), match.group(0))
        for match in _YEARLESS.finditer(text)
    ]


def valid_date(year: int, month: int, day: int) -> str | None:
    """The ISO form of a date, None if there is no such day."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def cut_off_line(lines: list[str]) -> str | None:
    """The text's last line if the text stops mid-sentence (copied from a web viewer, a
    page missing), None if it ends as texts end: a full stop, a signature, a page footer.

    Mid-sentence is a last line with no closing mark and at least two words in lower case
    after the first ("Nej, dessa f", "... samverkan sker med både det kommunal"), or a
    line introducing a list that never comes ("Vi rekommenderar kommunstyrelsen att:").
    """
    if not lines:
        return None
    last = lines[-1]
    if last.endswith(":"):
        return last
    if last.endswith((".", "?", "!", ")", "\"", "”", "»")):
        return None
    lower = [word for word in last.split()[1:] if word[:1].islower()]
    return last if len(lower) >= 2 and len(last.split()) >= 3 else None
