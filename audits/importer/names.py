"""Organisation names in audit texts: find them and match them to known boards.

Names arrive OCR'd ("Arbetslivsndmnden", "Forskolenimnden"), in genitive
("Kommunstyrelsens"), indefinite ("socialnämnd") or lower case. They are
matched, with a score cutoff, against common Swedish municipal boards plus the
caller's own organisations; a name that matches nothing is kept, cleaned, so a
reviewer sees what the report said rather than a wrong guess.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

BOARD_NAMES = (
    "Kommunfullmäktige",
    "Kommunstyrelsen",
    "Arbetslivsnämnden",
    "Arbetsmarknadsnämnden",
    "Arbetsmarknads- och vuxenutbildningsnämnden",
    "Barn- och utbildningsnämnden",
    "Barn- och ungdomsnämnden",
    "Bildningsnämnden",
    "Byggnadsnämnden",
    "Bygg- och miljönämnden",
    "Förskolenämnden",
    "Fritids- och folkhälsonämnden",
    "Fritidsnämnden",
    "Grundskolenämnden",
    "Gymnasie- och vuxenutbildningsnämnden",
    "Gymnasienämnden",
    "Individ- och familjeomsorgsnämnden",
    "Kommunrevisionen",
    "Krisledningsnämnden",
    "Kultur- och fritidsnämnden",
    "Kulturnämnden",
    "Lokalförsörjningsnämnden",
    "Miljö- och hälsoskyddsnämnden",
    "Miljö- och konsumentnämnden",
    "Miljö- och byggnadsnämnden",
    "Miljönämnden",
    "Omsorgsnämnden",
    "Överförmyndarnämnden",
    "Samhällsbyggnadsnämnden",
    "Servicenämnden",
    "Socialnämnden",
    "Stadsbyggnadsnämnden",
    "Stadsdelsnämnden",
    "Tekniska nämnden",
    "Trafiknämnden",
    "Utbildningsnämnden",
    "Valnämnden",
    "Vård- och omsorgsnämnden",
    "Vård- och äldrenämnden",
    "Vuxenutbildningsnämnden",
    "Äldrenämnden",
    "Kommunstyrelsens arbetsutskott",
)

# Forms that name a kind of body, not one body: read them as unknown unless
# the document makes clear which one is meant.
AMBIGUOUS = {"nämnden", "nämnd", "styrelsen", "styrelse", "nämnderna", "nämnder", "styrelserna",
             "respektive nämnd", "berörda nämnder", "samtliga nämnder", "bolagen", "bolaget"}
ABBREVIATIONS = {"ks": "Kommunstyrelsen", "kf": "Kommunfullmäktige", "fullmäktige": "Kommunfullmäktige"}

# fuzz.ratio on folded names: 88 keeps one or two OCR slips per word
# ("arbetslivsndmnden" 94) but not a different board ("kulturnamnden" vs
# "fritidsnamnden" 67).
SCORE_CUTOFF = 88

# OCR reads ö as 6 and the ring and dots vanish; the folded form forgives both.
_OCR_DIGITS = str.maketrans({"6": "o", "0": "o"})

_WORD = r"[A-Za-zÅÄÖåäöéÉü]"
# A body's core word, OCR-tolerant: nämnd read as namnd, nimnd, ndmnd, nämd.
_CORE = r"(?:n[aäådieo](?:m|rn)nd(?:en|ens|s)?|styrelse(?:n|ns)?|fullm[aäi]ktige(?:s)?)"
# "Gymnasie- och vuxenutbildningsnämnden", "Tekniska nämnden", "Kommunstyrelsen".
ORG_PATTERN = re.compile(
    rf"(?<![\wÅÄÖåäö-])"
    rf"(?:{_WORD}+-\s?(?:och|samt)\s)?"
    rf"(?:(?:[Tt]ekniska|[Ss]ociala)\s(?={_CORE}))?"
    rf"{_WORD}*{_CORE}(?!{_WORD})"
)
_ABBREVIATION_PATTERN = re.compile(r"\b(KS|KF)\b")


def fold(text: str, *, ocr_digits: bool = False) -> str:
    """Lower case without diacritics: the form in which texts and names are compared.

    With ocr_digits, 6 and 0 read as o, as OCR misreads ö in names.
    """
    text = text.lower()
    if ocr_digits:
        text = text.translate(_OCR_DIGITS)
    if not text.isascii():
        # ASCII has nothing to decompose; the table drops the marks NFKD splits off.
        text = unicodedata.normalize("NFKD", text).translate(_combining_marks())
    return _WHITESPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """A str.translate table deleting every combining mark (some 900 code points), built once."""
    return dict.fromkeys(code for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code)))


_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=64)
def _folded_names(names: tuple[str, ...], *, ocr_digits: bool) -> tuple[str, ...]:
    # A document's names are compared with the same boards many thousand times: fold them once.
    return tuple(fold(name, ocr_digits=ocr_digits) for name in names)


def clean_name(name: str) -> str:
    """Fold whitespace, drop surrounding punctuation and capitalise the first letter."""
    name = re.sub(r"\s+", " ", name).strip(" \t\n.,;:!?()\"'“”’*-–")
    name = re.sub(r"-\s+(och|samt)\s", r"- \1 ", name)
    return name[:1].upper() + name[1:]


def _variants(name: str) -> list[str]:
    # The same body in definite, indefinite and genitive forms.
    variants = [name]
    if name.endswith("s") and not name.endswith("ss"):
        variants.append(name[:-1])
    if name.endswith(("nämnd", "styrelse")):
        variants.append(name + ("en" if name.endswith("d") else "n"))
    if name.endswith(("nämnds", "styrelses")):
        base = name[:-1]
        variants.append(base + ("en" if base.endswith("d") else "n"))
    return variants


_AMBIGUOUS_FOLDED = frozenset({fold(form) for form in AMBIGUOUS} | {"namndens", "styrelsens"})


def canonical_name(*, name: str, extra_names: Iterable[str] = (), context: Iterable[str] = ()) -> str | None:
    """Return the known name a written name stands for, the cleaned name if none fits.

    An ambiguous form ("nämnden") gives None, unless `context` (bodies already
    named in the document) holds exactly one body of that kind.
    """
    cleaned = clean_name(name)
    if not cleaned:
        return None
    key = fold(cleaned, ocr_digits=True)
    if key in ABBREVIATIONS:
        return ABBREVIATIONS[key]
    if key in _AMBIGUOUS_FOLDED:
        return _from_context(key, context)
    candidates = tuple(dict.fromkeys([*extra_names, *BOARD_NAMES]))
    folded = _folded_names(candidates, ocr_digits=True)
    for variant in _variants(key):
        found = process.extractOne(variant, folded, scorer=fuzz.ratio, score_cutoff=SCORE_CUTOFF)
        if found:
            return candidates[found[2]]
    if cleaned.endswith(("nämndens", "styrelsens")):
        cleaned = cleaned[:-1]
    return cleaned


def _from_context(key: str, context: Iterable[str]) -> str | None:
    kind = "styrelse" if "styrels" in key else "namnd"
    matching = {name for name in context if name and kind in fold(name)}
    return matching.pop() if len(matching) == 1 else None


def find_org_names(*, text: str, extra_names: Iterable[str] = (), context: Iterable[str] = ()) -> list[str]:
    """Return the bodies named in a short text, canonical and in order, without repeats."""
    extra_names = list(extra_names)
    found: list[tuple[int, str]] = []
    # Found in the folded form ("socialnémnden", "socialn6mnden" read as nämnden), cut from the text.
    for match in ORG_PATTERN.finditer(ocr_fold(text)):
        raw = text[match.start() : match.end()]
        name = canonical_name(name=raw, extra_names=extra_names, context=context)
        if name:
            found.append((match.start(), name))
    for match in _ABBREVIATION_PATTERN.finditer(text):
        found.append((match.start(), ABBREVIATIONS[match.group(1).lower()]))
    folded_text = fold(text)
    for extra, folded_extra in zip(extra_names, _folded_names(tuple(extra_names), ocr_digits=False)):
        # The municipality's own bodies (companies, "AB Bostäder") lack a telltale suffix.
        position = folded_text.find(folded_extra)
        if position >= 0:
            found.append((position, extra))
    found.sort()
    return list(dict.fromkeys(name for _position, name in found))


# OCR reads ä as é, ö as 6 or 0: with the marks gone, each confusion folds onto the letter meant.
_OCR_LETTERS = {ord("é"): "a", ord("è"): "a"}
# A 6 or 0 inside a word, or ending or starting one beside a letter. The digit comes first
# in the pattern so the engine scans for it rather than trying lookbehinds everywhere.
_OCR_DIGIT_IN_WORD = re.compile(r"[60](?:(?<=[a-z][60])(?=[a-z\s])|(?<=\s[60])(?=[a-z]))")


def ocr_fold(text: str) -> str:
    """A form of the text to find things in: lower case, no diacritics, OCR's ö-for-6 and
    ä-for-é undone, one character for each character of the text.

    Being as long as the text, a match in it is a match at the same place in the text,
    so a reader finds in this form and keeps the original wording. "rn" read for "m"
    cannot be undone character for character; patterns written for this form accept it
    (see ocr_pattern).
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lower-cases into two characters
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    if not lowered.isascii():
        lowered = lowered.replace("é", "a").replace("è", "a")
        # Decomposing and dropping the marks is many times faster than a translate table;
        # it keeps the length for every precomposed letter, and the table serves the rest.
        stripped = _MARKS.sub("", unicodedata.normalize("NFD", lowered))
        lowered = stripped if len(stripped) == len(lowered) else lowered.translate(_base_letters(lowered))
    if "6" in lowered or "0" in lowered:
        lowered = _OCR_DIGIT_IN_WORD.sub("o", lowered)
    return lowered


_MARKS = re.compile("[\u0300-\u036f]+")
_BASE_LETTERS: dict[int, str] = dict(_OCR_LETTERS)


def _base_letters(text: str) -> dict[int, str]:
    """A translate table from each accented letter to its base letter (and OCR's é to a),
    filled as letters appear."""
    for ch in set(text) - _SEEN:
        _SEEN.add(ch)
        if ord(ch) not in _BASE_LETTERS and not ch.isascii():
            base = unicodedata.normalize("NFD", ch)[0]
            if base != ch and base.isascii():
                _BASE_LETTERS[ord(ch)] = base
    return _BASE_LETTERS


_SEEN: set[str] = set()


def ocr_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern written in ocr_fold's form so that each "m" also matches OCR's "rn"."""
    return re.compile(re.sub(r"(?<!\\)m", "(?:m|rn)", pattern), flags)
