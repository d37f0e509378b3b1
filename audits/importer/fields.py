"""Readers of the fields a report states in running text: who audited, whom, the overall
assessment per body, and who must answer by when.

Each reader looks in ocr_fold's form of a sentence (no case, no diacritics, OCR's
6-for-ö and é-for-ä undone, "rn" accepted for "m"), which is as long as the sentence,
so what it finds is cut from the sentence itself: the draft keeps the report's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .draft import OverallAssessment
from .names import canonical_name, find_org_names, ocr_fold, ocr_pattern
from .structure import FoundDate, find_dates, sentences, valid_date, yearless_dates
from .text import fold_whitespace

FIRMS = (
    ("PwC", re.compile(r"\b(?:PwC|PWC|Pwc|PricewaterhouseCoopers|Öhrlings)\b|\bpwc\.se\b")),
    ("EY", re.compile(r"\b(?:EY|Ernst\s*&\s*Young)\b|\bey\.com\b")),
    ("KPMG", re.compile(r"\bKPMG\b|\bkpmg\.se\b")),
    ("Deloitte", re.compile(r"\bDeloitte\b", re.IGNORECASE)),
    ("Grant Thornton", re.compile(r"\bGrant\s+Thornton\b", re.IGNORECASE)),
    ("BDO", re.compile(r"\bBDO\b")),
    ("Forvis Mazars", re.compile(r"\b(?:Forvis\s+)?Mazars\b", re.IGNORECASE)),
)
# A municipality's own audit office writes without a firm.
_OFFICE = ocr_pattern(r"\b(stadsrevisionen|revisionskontoret|kommunrevisionen|revisionsenheten)\b")
# Phrases that tie a firm to the audit: "KPMG har på uppdrag av", "med stöd av EY",
# "har uppdragit Deloitte AB att", "har gett EY i uppdrag".
_ASSIGNMENT = ocr_pattern(
    r"pa uppdrag (?:av|fran)|i uppdrag|med stod av|uppdragit|anlitat|bitratts av|genomford av|sakkunnigt bitrade"
)

_OVERALL = ocr_pattern(
    r"(?:(?:samlade|sammanfattande|sammanfattade|overgripande|sammantagna|sammanvagda|samlad|slutliga)\s+"
    r"bedomning(?:en)?\s+(?:(?:[a-z]+\s+){0,4}?(?:ar|blir)\s+)?att"
    r"|(?:sammantaget|sammanfattningsvis|sammanvagt|overgripande)\s+(?:bedomer\s+vi|ar\s+var\s+bedomning|gor\s+vi\s+bedomningen)\s+att"
    r"|vi\s+bedomer\s+(?:darmed\s+|saledes\s+)?(?:sammantaget|sammanfattningsvis|overgripande)\s+att)\s+"
)
_SUBJECT_END = ocr_pattern(
    r"\b(?:delvis|inte|ej|icke|i\s+allt\s+vasentligt|i\s+huvudsak|huvudsakligen|till\s+viss\s+del|i\s+stort|"
    r"har|ar|bedriver|bedrivit|bedrivs|sakerstall\w*|bedoms|kan|haft|uppfyller|fullgjort|"
    r"fullgor|styr|foljer|arbetar|aktivt|sker)\b"
)
_PARTLY = ocr_pattern(
    r"\b(?:delvis|till\s+(?:en\s+)?viss\s+del|inte\s+helt|ej\s+helt|inte\s+fullt\s+ut|i\s+vissa\s+delar|"
    r"i\s+begransad\s+utstrackning)\b"
    r"|\b(?:i\s+stort|i\s+huvudsak|huvudsakligen|till\s+stor\s+del)\b.{0,80}\bmen\b"
    r"|\bmen\b.{0,60}\b(?:behover|bor)\s+(?:\w+\s+)?(?:utvecklas|forbattras|starkas|tydliggoras)"
)
_NEGATIVE = ocr_pattern(r"\b(?:inte|ej|icke|brister|bristfallig\w*|otillracklig\w*|saknas|saknar)\b")
# An overall verdict is "yes" only in the words that say so; other prose is left to the reviewer.
_POSITIVE = ocr_pattern(
    r"\b(?:andamalsenlig\w*|tillracklig\w*|i\s+allt\s+vasentligt|fungerar\s+(?:val|bra)|god\w*\s+(?:styrning|kontroll)|"
    r"uppfyll\w*|sakerstall\w*|rattssaker\w*|effektiv\w*|i\s+huvudsak)\b"
)

_AUDITED = ocr_pattern(
    r"\bgranskningen\s+(?:har\s+)?(?:omfatta[tr]?|avse[rt]|avsett|riktar\s+sig\s+(?:mot|till))\b"
    r"|\bgranskade\s+(?:namnder|styrelser|bolag)\b|\bansvarig[a]?\s+(?:namnd|namnder|styrelse)\b"
)
_COMPANY = re.compile(r"\b[A-ZÅÄÖ][\wåäöÅÄÖ-]+(?:\s[A-ZÅÄÖ][\wåäöÅÄÖ-]+)?\s+AB\b")

_RESPONSE_REQUEST = ocr_pattern(
    r"\bsvar\b|\bsvara\b|yttrande|yttra\s+sig|besvara\w*|besked|synpunkter|redovis\w+\s+(?:vilka\s+)?atgarder"
)
_DEADLINE = ocr_pattern(r"\b(?:senast|fore|innan|till\s+och\s+med|t\.?\s?o\.?\s?m\.?)(?:\b|(?=\d))")


@dataclass
class Found:
    """A value read, the sentence it was read from, and whether the sentence only suggested it."""

    value: object
    sentence: str | None = None
    guessed: bool = False


def auditor(text: str) -> Found:
    """The firm that did the audit, else the municipality's audit office, else None."""
    folded = ocr_fold(text)
    assignment = _ASSIGNMENT.search(folded)
    best = None
    for name, pattern in FIRMS:
        if assignment:
            # The firm beside the assignment did the audit; another may only be cited.
            start = max(0, assignment.start() - 80)
            match = pattern.search(text, start, assignment.end() + 80)
            if match:
                return Found(name, _line_at(text, match.start()))
        match = pattern.search(text)
        if match and (best is None or match.start() < best[1]):
            best = (name, match.start())
    if best:
        return Found(best[0], _line_at(text, best[1]))
    office = _OFFICE.search(folded)
    if office:
        return Found(text[office.start() : office.end()].capitalize(), _line_at(text, office.start()))
    return Found(None)


def _line_at(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)]


def overall_assessments(parts, *, extra_names, context) -> tuple[list[OverallAssessment], list[str]]:
    """The overall assessments per body, and the overall sentences whose verdict is unclear."""
    found: list[OverallAssessment] = []
    unclear: list[str] = []
    for sentence, folded in parts:
        match = _OVERALL.search(folded)
        if not match:
            continue
        rest, folded_rest = sentence[match.end():], folded[match.end():]
        assessment = _assessment(folded_rest)
        if assessment is None:
            unclear.append(sentence)
            continue
        end = _SUBJECT_END.search(folded_rest)
        subject = rest[: end.start()] if end else ""
        bodies = find_org_names(text=subject, extra_names=extra_names, context=context)
        if not bodies and subject.strip() and len(subject.split()) <= 5 and not re.search(
            r"^(?:det|den|detta|arbetet|granskningen|kommunen|staden|regionen)\b",
            subject.strip(),
            re.IGNORECASE,
        ):
            bodies = [canonical_name(name=subject, extra_names=extra_names, context=context)]
        text = fold_whitespace(sentence).lstrip("❖•●-– ")
        found.extend(OverallAssessment(body, assessment, text, sentence) for body in bodies or [None])
    unique: dict[tuple, OverallAssessment] = {}
    for item in found:
        unique.setdefault((item.body, item.assessment), item)
    return list(unique.values()), unclear


def _assessment(folded_rest: str) -> str | None:
    if _PARTLY.search(folded_rest):
        return "partly"
    if _NEGATIVE.search(folded_rest):
        return "no"
    if _POSITIVE.search(folded_rest):
        return "yes"
    return None


def audited_bodies(parts, *, extra_names, context) -> Found:
    """The bodies a sentence says the audit covered ("Granskningen har omfattat ...")."""
    for sentence, folded in parts:
        match = _AUDITED.search(folded)
        if not match:
            continue
        tail = sentence[match.start():]
        bodies = find_org_names(text=tail, extra_names=extra_names, context=context)
        companies = [(m.start(), m.group(0)) for m in _COMPANY.finditer(tail) if not _is_firm(m.group(0))]
        if bodies or companies:
            folded_tail = ocr_fold(tail)
            named = [(folded_tail.find(ocr_fold(name)[:5]), name) for name in bodies] + companies
            ordered = [name for _position, name in sorted(named, key=lambda pair: (pair[0] < 0, pair[0]))]
            return Found(list(dict.fromkeys(ordered)), sentence)
    return Found([])


def _is_firm(name: str) -> bool:
    return any(pattern.search(name) for _firm, pattern in FIRMS)


def response_requested(parts, *, extra_names, context, reference: str | None) -> Found:
    """(bodies, ISO date) that must answer by when; a date without a year is the next such day
    after `reference` (the report's date), and is a guess."""
    for sentence, folded in parts:
        deadline = _DEADLINE.search(folded)
        if not (deadline and _RESPONSE_REQUEST.search(folded)):
            continue
        dates = [found for found in find_dates(sentence) if found.start >= deadline.start()]
        guessed = False
        if not dates:
            dates = [found for found in _yearless(sentence, reference) if found.start >= deadline.start()]
            guessed = True
        if not dates:
            continue
        bodies = find_org_names(text=sentence, extra_names=extra_names, context=context)
        return Found((bodies, dates[0].iso), sentence, guessed=guessed)
    return Found(None)


def _yearless(sentence: str, reference: str | None) -> list[FoundDate]:
    """Dates written "den 19 januari": the first such day after the reference date."""
    if not reference:
        return []
    year = int(reference[:4])
    found = []
    for day, month, start, end, raw in yearless_dates(sentence):
        for candidate_year in (year, year + 1):
            iso = valid_date(candidate_year, month, day)
            if iso and iso > reference:
                found.append(FoundDate(iso, start, end, raw))
                break
    return found


def sentence_parts(sections) -> list[list[tuple[str, str]]]:
    """Each section's sentences beside their ocr_fold form, each unit folded once."""
    result = []
    for section in sections:
        parts = []
        for unit in section.units:
            folded = ocr_fold(unit.text)
            position = 0
            for sentence in sentences(unit.text):
                start = unit.text.find(sentence, position)
                position = start + len(sentence)
                parts.append((sentence, folded[start:position]))
        result.append(parts)
    return result
